"""Whether a sentence gives what a question's ``Focus`` asks for: the asked word (or one of its group)
with a figure, a name or a link beside it, and the question's qualifiers."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from ...index.terms import stem
from ...models import Focus
from .figures import DATE, LEADING_DIGIT, MULTIPLIERS, NUMBER_WORDS, counts_other, is_figure
from .words import AUX, GROUP_OF, PHASES, VERBS, singular, written_as_name

_LINK = re.compile(r"https?://|\bgithub\b|\bhuggingface\b|\bavailable\s+(?:at|on|from)\b|\w\.(?:com|io|org|ai)\b",
                   re.IGNORECASE)
_TOKEN = re.compile(r"\b(?:[kcm]?m|mi)/(?:s|h|min|yr|day)\b|[\w@.%×+-]+")  # "4 m/s", "km/h", "mm/min": one token
_LEADING_NUMBER = re.compile(r"^[\d.,]+")
_FACTOR = re.compile(r"^[~≈<>+-]?\d[\d.,]*\s*(?:x|×|times|fold|%)[.,;:)]*$", re.IGNORECASE)
_COUNT_WORDS = frozenset("count counts number is are was were reaches of".split())
_FIGURE_NEAR, _NAME_NEAR = 8, 3  # tokens between a figure or a name and the word it qualifies
_COUNT_BEFORE = 3  # "64 NVIDIA A100 GPUs": a count stands just before what it counts
_ASKED_BEFORE = 5  # ... or before the question's own words for it
_PHRASE_BEFORE = 8  # ... or before the noun phrase it leads, a figure first ("25,440 unique perceptual responses")
# words that end a noun phrase: "trained 3 models AND evaluated", "on", "using"
_PHRASE_ENDS = AUX | VERBS | frozenset("and or but nor we our us they their it its this these those who whom whose where "
                                       "while as both all each every some any no not also only using use uses via per".split())
_LISTED_NAMES = 2  # names in a sentence that lists the named things asked for
# "(1) a multi-GPU solution ... (2)", "several tasks: 1) With faster speed": no figures
_ENUMERATOR = re.compile(r"\((?:\d|[ivx]{1,4}|[a-h])\)|(?:^|(?<=[:;,.] ))(?:\d|[ivx]{1,4}|[a-h])\)")
# "mixed precision", "FP16 precision": a number format, not the metric
_FORMAT = re.compile(r"^(?:mixed|half|full|single|double|low|lower|reduced|numerical|arbitrary|\d+-bits?|"
                     r"(?:fp|bf|int)\d+)$")
_MULTIPLE = re.compile(r"^[~≈<>+-]?\d[\d.,]*\s*(?:x|×|times|fold)\b", re.IGNORECASE)
_GENERIC_SCORES = frozenset("score scores accuracy performance".split())  # a benchmark's name says which
_SIZE = re.compile(r"^\d[\d.,]*[kmbt](?:-[a-z]+)?$")
_INFLECTION = 4  # letters an inflection adds to a word's stem ("engin" + "es"; "engineering" is another word)
_BITS = re.compile(r"^\d+(?:\.\d+)?-?bits?$")
_SPACED_UNIT = re.compile(r"(?<=\d) (?=(?:s|ms|us|µs|μs|ns|h|min)\b)")  # "in around 1 s": one figure, "1s"
_GAIN = re.compile(r"^\+\d[\d.,]*$")
_VERSIONS = frozenset({"version", "versions", "release", "releases"})
_VERSION = re.compile(r"^v?\d+(?:\.\d+)+$")  # "describes version 0.4.0": a version is named by its number
_KINDS = frozenset("species types kinds classes categories families genera groups varieties strains populations stocks"
                   .split())
_OTHER_NEAR = 5  # tokens before a figure that say which measure it is ("a vocabulary size of 200K tokens")


def _described(lowered: list[str], verb: int, noun: int, verbs: Sequence[str]) -> bool:
    """Whether the question's verb, at ``verb``, takes the asked noun as its object with words that say
    which ("favors undertrained large language models"); "calibrates on a small dataset" names none."""
    between = lowered[verb + 1 : noun]
    return any(lowered[verb] in (v, v + "s", v + "es", v + "d", v + "ed") for v in verbs) \
        and bool(between) and not any(w in AUX for w in between)


def carries(sentence: str, focus: Focus, common: Callable[[str], bool] = lambda name: False,
            strict: bool = False, loose: bool = True, reach: int = 0) -> bool:
    """Whether ``sentence`` gives what ``focus`` asks for. ``common(name)``: a name that tells nothing
    of what is asked: one the field uses everywhere (LLM, GPU), or the asked paper's own. Unless
    ``strict`` (a question about a named paper), a sentence that lists names ("ResNet50 and
    SqueezeNext on ImageNet") gives the named things asked for without saying "datasets", and, with
    ``loose``, any figure gives a quantity asked for in words of no known group ("observations",
    which an abstract may call "time points"). ``reach``: how far from the asked word a figure may stand
    (a quantity's default: a few words)."""
    if focus.kind == "link":
        return bool(_LINK.search(sentence))
    if focus.kind not in ("quantity", "entity"):
        return True
    sentence = sentence.replace("\\%", "%")  # LaTeX's "30\%" left in an abstract
    tokens = _TOKEN.findall(_SPACED_UNIT.sub("", _ENUMERATOR.sub(" ", sentence)))
    lowered = [t.casefold().strip(".,;:()") for t in tokens]
    # a score is no phase's ("+2.65 points on average ... 8x faster at inference time" for models trained on 3.5T tokens)
    if focus.phase and _other_phase(set(lowered), focus.phase) \
            and not all(GROUP_OF.get(singular(w)) == "accuracy" for w in focus.words or ("",)):
        return False
    if _hardware(focus):  # A100, RTX 3090, MI250X: a GPU is named with its model number
        common = _numberless(common)
    # names listed ("ResNet50 and SqueezeNext on ImageNet") give datasets or models, not a device
    if focus.name and not strict and not _device(focus) and _listed(tokens, common) >= _LISTED_NAMES:
        return not focus.qualifiers or all(_mentions(sentence.casefold(), lowered, q) for q in focus.qualifiers)
    stems = {stem(w) for w in focus.words}
    terms = set(focus.terms)
    if focus.words:
        said = [i for i, word in enumerate(lowered) if _says(word, stems, terms, focus.count)
                and not (word == "precision" and i and _FORMAT.match(lowered[i - 1]))
                and not (focus.count and _modifier_compound(lowered, i))]
        places = [i for i in said if not (focus.count and _singular_modifier(lowered, i, focus.words))]
    else:  # "by how much does it beat LoRA?": any figure of the sentence
        said = places = list(range(len(lowered)))
    benchmarks = [i for i, word in enumerate(lowered) if word in focus.qualifiers] \
        if focus.figure and set(focus.words) & _GENERIC_SCORES else []  # "65.3% MMLU", "4.01 on CALVIN ABC"
    text = sentence.casefold()
    if focus.qualifiers and not all(_mentions(text, lowered, q) for q in focus.qualifiers):
        return False
    if focus.figure and (focus.asks.startswith("when ") or _asks_date(focus)) and DATE.search(sentence):
        return True  # "When did it go public?": "first opened in August 2012"
    if not places and not benchmarks:  # unless the question names the paper, whose abstract must then say what is asked of it
        return focus.figure and focus.loose and loose and not strict and not said \
            and any(is_figure(t) and t[:1].isdigit() for t in tokens)  # "these two models": no count of prompts
    if focus.figure:
        before, after = (reach, reach) if reach else (_COUNT_BEFORE, 0) if focus.count else (_FIGURE_NEAR, _FIGURE_NEAR)
        if focus.count:  # "15 compound and protein encoders": the question's own words may stand between
            asked = frozenset(focus.asks.casefold().split()) - {"the", "number", "of"}
            start = {i: _named_before(tokens, i, asked) for i in places}
        else:
            start = {i: i for i in places}
        # not "up from 39.8%"; "4-bit" is a number format, no amount of memory; "1B model" is a size, no count of models
        sized = focus.count and any(GROUP_OF.get(singular(w)) == "model" for w in focus.words)
        bits = any(stem(w) == "bit" for w in focus.words)
        scored = any(GROUP_OF.get(singular(w)) == "accuracy" for w in focus.words)  # "two algorithms": no accuracy
        new = [is_figure(t) and lowered[j] not in focus.given and lowered[j].split("-")[0] not in focus.given
               and (bits or not _BITS.match(lowered[j])) and (not scored or bool(LEADING_DIGIT.match(t)))
               and not (sized and _SIZE.match(lowered[j]))
               and not (focus.count and _MULTIPLE.match(t)) and not counts_other(tokens, lowered, j, terms, scored)
               for j, t in enumerate(tokens)]  # "2times fewer tokens"
        return any(new[j] and not _measures_other(lowered, j, focus.others)
                   and (lowered[j] != "one" or j == i - 1) for i in places  # "at least one token ... a threshold"
                   for j in range(max(0, start[i] - before), min(len(tokens), i + after + 1))) \
            or (focus.count and any(_counted_after(lowered, tokens, i) for i in places)) \
            or (focus.asks.startswith("how many times") and any(new[j] and (_MULTIPLE.match(t) or lowered[j + 1 : j + 2]
                                                                             in (["times"], ["fold"]))
                                                                for j, t in enumerate(tokens))) \
            or any(new[j] and tokens[j][:1].isdigit() and not _MULTIPLE.match(tokens[j]) for i in benchmarks
                   for j in _near(i, _FIGURE_NEAR, len(tokens)))  # a score, not "30x more compute" or "four benchmarks"
    if focus.name:  # "1.3B-parameter language models", "beats prior 7B or 175B models": a size names no model
        return any(_VERSION.match(lowered[j]) for i in places if lowered[i] in _VERSIONS
                   for j in _near(i, _NAME_NEAR, len(tokens))) or any(_is_name(tokens, j, common)
                   and not (_SIZE.match(lowered[j]) and (j < i or not _sized_name(tokens, j))) for i in places
                   for j in _near(i, _NAME_NEAR, len(tokens)) if j != i) \
            or any(_described(lowered, j, i, focus.verbs) for i in places for j in range(max(0, i - _FIGURE_NEAR), i))
    return True


def restates(sentence: str, question: str) -> bool:
    """Whether every figure of ``sentence`` is one the question writes ("claims of 1.4 to 2x speedups"
    for "what speedup is left of the claimed 1.4 to 2x?"): such a sentence gives the answer only when
    no other does, as where a count is told by the figure the question restates beside it."""
    stated = _figures(question)
    said = _figures(sentence)
    return bool(said) and said <= stated


def _figures(text: str) -> set[str]:
    found = (t.strip(".,;:()[]{}") for t in _TOKEN.findall(text))
    return {t.casefold().rstrip("x×%") for t in found if LEADING_DIGIT.match(t) and is_figure(t)}


def _other_phase(said: set[str], phase: str) -> bool:
    """Whether a sentence speaks of the other phase only: "inference on 4 RTX 3090 GPUs" for the GPUs
    that trained a model."""
    return not said & PHASES[phase] and any(said & words for other, words in PHASES.items() if other != phase)


def _measures_other(lowered: list[str], j: int, others: Sequence[str]) -> bool:
    """Whether the figure at ``j`` measures something the question does not ask about: "a vocabulary
    size of 200K tokens" for the tokens a model was trained on."""
    return any(singular(w) in others for w in lowered[max(0, j - _OTHER_NEAR) : j])


def _sized_name(tokens: list[str], j: int) -> bool:
    """Whether the size at ``j`` ends a name ("GShard 2.9B"), not a list of sizes ("prior 7B or 175B")."""
    before = tokens[j - 1].strip(".,;:()") if j else ""
    return written_as_name(before, first=False) and not _SIZE.match(before.casefold())


def _listed(tokens: list[str], common: Callable[[str], bool]) -> int:
    """How many names a sentence lists: "3.79times" lists nothing; "GShard 2.9B" does."""
    return sum(_is_name(tokens, j, common) and not _FACTOR.match(tokens[j]) and not _SIZE.match(tokens[j].casefold())
               for j in range(len(tokens)))  # nor does "1.3B-parameter"


def _named_before(tokens: list[str], i: int, asked: frozenset[str] = frozenset()) -> int:
    """Where the names before a counted noun begin: "3 million | NVIDIA H100 GPU hours"; or the words the
    question writes before it: "15 | compound and protein encoders"; or its noun phrase, when a figure
    leads it: "over 900 | T1-anatomical magnetic resonance imaging (MRI) image volumes"."""
    start = i
    while start > 0 and not is_figure(tokens[start - 1]):
        word = tokens[start - 1].strip(".,;:()")
        if not (word.casefold() in asked and i - start < _ASKED_BEFORE
                or i - start < _COUNT_BEFORE and written_as_name(word, first=False)):
            break
        start -= 1
    phrase = i
    while phrase > 0 and i - phrase < _PHRASE_BEFORE and _modifies(tokens[phrase - 1], asked):
        phrase -= 1
    return phrase if phrase < start and phrase > 0 and is_figure(tokens[phrase - 1]) else start


def _modifier_compound(lowered: list[str], i: int) -> bool:
    """Whether the compound at ``i`` qualifies the noun after it ("26.7K hand-object interactions" counts
    interactions, not objects)."""
    following = lowered[i + 1] if i + 1 < len(lowered) else ""
    return "-" in lowered[i] and not lowered[i][:1].isdigit() and following.isalpha() and following not in _PHRASE_ENDS


def _singular_modifier(lowered: list[str], i: int, asked: Sequence[str]) -> bool:
    """Whether the word at ``i`` is the singular of a plural the question counts, naming the kinds counted
    after it: "19 shark species" counts species, not sharks ("12 child participants" counts children)."""
    following = lowered[i + 1] if i + 1 < len(lowered) else ""
    return lowered[i] in {singular(w) for w in asked if singular(w) != w} and following in _KINDS


def _modifies(token: str, asked: frozenset[str]) -> bool:
    """Whether a word may stand inside a noun phrase: "unique subjective perceptual", not "trained", "on"
    or "and" (unless the question writes it there: "NLP and vision-language tasks")."""
    word = token.strip(".,;:()").casefold()
    if word in asked:
        return True
    return bool(word) and word not in _PHRASE_ENDS and not is_figure(token) \
        and (not word.endswith(("ed", "ly")) or "-" in word) and word[:1].isalnum()  # "T1-weighted" modifies


def _counted_after(lowered: list[str], tokens: list[str], i: int) -> bool:
    """"the expert count to 262,144", "the number of experts is 64": a count after its noun."""
    following = lowered[i + 1 : i + 4]
    return bool(following) and following[0] in _COUNT_WORDS \
        and any(is_figure(tokens[j]) and lowered[j + 1 : j + 2] not in (["times"], ["fold"])  # "a count four times higher"
                for j in range(i + 2, min(i + 5, len(tokens))))


def _device(focus: Focus) -> bool:
    return any(GROUP_OF.get(singular(w)) == "gpu" for w in focus.words)


def _hardware(focus: Focus) -> bool:
    return focus.kind == "entity" and focus.words == ("gpu",)  # not "hardware": Gaudi 2, TPU v4


def _numberless(common: Callable[[str], bool]) -> Callable[[str], bool]:
    """``common`` that also leaves out names without a digit (HBM, SRAM, cuBLAS are no device) and
    figures (1.45x)."""
    return lambda name: common(name) or not any(c.isdigit() for c in name) or is_figure(name)


def _says(word: str, stems: set[str], terms: set[str], counted: bool = False) -> bool:
    """Whether a word of a sentence names what is asked: a question's word in any inflection, a word of
    its group, or part of a compound (a group's word only in a figure: '6-billion-parameter', since
    'Point-BERT' is no score in points). What is ``counted`` is a compound's head: "five
    video-understanding tasks" counts tasks, not videos."""
    if word in MULTIPLIERS:
        return False
    if (singular(word) in terms and len(word) > 1) or ("%" in terms and word.endswith("%")):  # "s" alone: "model's"
        return True
    if "point" in terms and _GAIN.match(word):  # "+11.04 on AIME'25": a gain in points
        return True
    longest = max(map(len, stems), default=0) + _INFLECTION  # "trains", "training"; not "engineering" for an engine
    numeric = word[:1].isdigit()
    parts = [part for part in word.split("-") if part]
    if counted and not numeric and len(parts) > 1:
        parts = parts[-1:]
    # "350k token-long": the last part is the compound's head; "Point-BERT" is no score in points;
    # "13W", "80GB": a figure with its group's unit
    return any((stem(part) in stems and len(part) <= longest) or (numeric and singular(part) in terms) for part in parts) \
        or (len(parts) > 1 and singular(parts[-1]) in terms) or (numeric and _LEADING_NUMBER.sub("", word) in terms)


def _near(i: int, reach: int, length: int) -> range:
    return range(max(0, i - reach), min(length, i + reach + 1))


def _is_name(tokens: list[str], j: int, common: Callable[[str], bool]) -> bool:
    """ImageNet, A100, Llama-2; not the short form of the words before it ("multimodal large language
    models (MLLMs)" names no model)."""
    word = tokens[j].strip(".,;:()")
    long_enough = len(word) > 2 or any(c.isdigit() for c in word)  # C4 is a dataset; QA is not a name
    first, _, rest = word.partition("-")
    named = first if rest.isalpha() and rest.islower() else word  # "an LLM-based model": no model named
    return long_enough and written_as_name(word, first=j == 0) and not common(named.casefold()) \
        and not _abbreviates(word, tokens, j)


def _abbreviates(word: str, tokens: list[str], j: int) -> bool:
    """Whether ``word``, at ``j``, is the initials of the words just before it ("Vision-Language Models
    (VLMs)": a hyphen joins two words)."""
    core = word[:-1] if word.endswith("s") and len(word) > 2 else word
    if len(core) < 2 or not core.isalpha() or not core.isupper() or j < 1:
        return False
    before = tokens[max(0, j - len(core)) : j]  # "pre-trained language models (PLMs)": one initial a word, or a part
    return core.casefold() in ("".join(t[:1] for t in before).casefold(),
                               "".join(p[:1] for t in before for p in t.split("-") if p)[-len(core):].casefold())


def _mentions(text: str, lowered: list[str], name: str) -> bool:
    if name in text or name.replace("-", " ") in text:
        return True
    squashed = name.replace("-", "")
    return any(w.replace("-", "") == squashed for w in lowered)


def _asks_date(focus: Focus) -> bool:
    """"Which years do the records cover?": a date, not a count of years."""
    return not focus.count and any(GROUP_OF.get(singular(w)) == "date" for w in focus.words)

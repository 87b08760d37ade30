"""What a question asks for, so an answer can tell a sentence that gives it from one that is merely about
the same paper.

The focus of "How many GPUs did EnergonAI use?" is a quantity, the number of GPUs: a sentence gives
it only when a figure stands next to GPUs (or accelerators, A100s: a word of the same group), not
when it speaks of "multi-GPU systems". "Which dataset does AWQ calibrate on?" asks for a named
thing: a dataset's name must stand next to the word. "What does QuEST do?" and "How does QuEST
train?" ask for what the paper's contribution says, so any of its sentences may give them. A
qualifier the question names ("accuracy on MMLU") must be in the sentence too.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import replace

from ..index.terms import stem
from ..models import Focus
from .extractive import Form, question_form
from .focus_words import AUX, ENTITY_NOUNS, GROUP_OF, GROUPS, NEEDS_NAME, QUANTITY_NOUNS

FIGURE_ASKED = "the figure asked for"
_ARTICLES = frozenset({"a", "an", "the"})
_NUMBER_WORDS = frozenset("one two three four five six seven eight nine ten eleven twelve dozen dozens hundred "
                          "hundreds thousand thousands million millions billion billions twice half quarter".split())
_HOW_MANY = re.compile(r"\bhow\s+many\s+(?P<x>(?:[\w@.+'-]+\s*){1,6})", re.IGNORECASE)
_HOW_MUCH = re.compile(r"\bhow\s+much\s+(?P<x>.+)", re.IGNORECASE)
_HOW_ADJ = re.compile(r"\bhow\s+(?P<adj>fast|large|big|long|small|quickly|well|accurate|accurately)\b", re.IGNORECASE)
_ADJ_GROUP = {"fast": "speed", "quickly": "speed", "large": "size", "big": "size", "small": "size",
              "long": "length", "accurate": "accuracy", "accurately": "accuracy"}
_TAKES_TIME = re.compile(r"\b(take|takes|took|train|training|pretrain|pre-train|run|runs)\b", re.IGNORECASE)
_COMPARATIVES = frozenset("faster slower better worse more less larger smaller higher lower cheaper".split())
_LEADING_WHAT = re.compile(r"\s*(?:what|which)\b", re.IGNORECASE)
_WHAT = re.compile(r"\b(?:what|which)\s+(?P<x>(?:[\w@.+-]+\s*){1,6})", re.IGNORECASE)
_VERB_OBJECT = re.compile(
    r"\b(?:cut|cuts|reduce|reduces|shrink|shrinks|save|saves|lower|lowers|improve|improves|boost|boosts|increase|"
    r"increases|raise|raises|speed\s+up|speeds\s+up|compress|compresses)\s+(?:the\s+|its\s+|their\s+|that\s+)?"
    r"(?P<x>[\w'-]+(?:\s+[\w'-]+){0,3})", re.IGNORECASE)
# "Where is X's code?", "Is the code released, and where?"; not "a benchmark where the code is fixed"
_WHERE_CODE = re.compile(r"^\s*where\b.*\b(code|weights|checkpoints?|implementation|models?)\b|"
                         r"\b(code|weights|checkpoints?|implementation)\b.*\bwhere\s*\??\s*$", re.IGNORECASE)
_COMPARED_WITH = re.compile(r"\bcompared?\s+(?:with|to|against)\s+(?:the\s+)?(?P<x>[A-Za-z0-9][\w.+-]*)", re.IGNORECASE)
_LINK = re.compile(r"https?://|\bgithub\b|\bhuggingface\b|\bavailable\s+(?:at|on|from)\b|\w\.(?:com|io|org|ai)\b",
                   re.IGNORECASE)
_QUALIFIER = re.compile(r"\b(?:on|for)\s+(?:the\s+|an?\s+)?(?P<q>[A-Za-z0-9][\w.+-]*)")
_TOKEN = re.compile(r"[\w@.%×+-]+")
_MULTIPLIERS = frozenset({"times", "fold"})
_LEADING_DIGIT = re.compile(r"^[~≈<>+-]?\d")
# "4.2 times fewer": a factor, not a time; 29ms, 80GB, 3.2TFLOPS: a figure with its unit
_UNIT_LETTERS = frozenset("x k m b t times fold e xx ms s us ns h hr hrs min kb mb gb tb gib mib tflops pflops "
                          "gflops flops w kw".split()) | {""}
_FIGURE_NEAR, _NAME_NEAR = 8, 3  # tokens between a figure or a name and the word it qualifies
_COUNT_BEFORE = 3  # "64 NVIDIA A100 GPUs": a count stands just before what it counts
_LISTED_NAMES = 2  # names in a sentence that lists the named things asked for
_PHRASE_WORDS = 5  # words of a "what <noun phrase>" before its noun ("What COCO object-detection box AP")


def focus_of(question: str, own: Iterable[str] = ()) -> Focus:
    """The focus of a question. ``own``: the words of the title of the paper it asks about (its names
    there are not qualifiers)."""
    form = question_form(question)
    own = {w.casefold() for w in own}
    if form is Form.LIST:
        return Focus("list", "papers on this question")
    if _WHERE_CODE.search(question):
        return Focus("link", "where the code is released")
    if _LEADING_WHAT.match(question) and (asked := _what_noun(question, own)) is not None:
        return asked  # "What MAPE does ... when forecasting how many cycles ...": the opening asks
    if matches := list(_HOW_MANY.finditer(question)):
        phrase = _phrase(matches[-1]["x"])  # the last: earlier ones sit in clauses that describe the work
        if [w.casefold() for w in phrase[:1]] == ["times"]:  # "how many times?": a count of anything
            return _quantity(question, [], FIGURE_ASKED, own)
        asks = f"the number of {' '.join(phrase)}" if phrase else FIGURE_ASKED
        return _quantity(question, phrase, asks, own, count=True)
    if match := _HOW_MUCH.search(question):
        phrase = _phrase(match["x"])
        if not phrase or phrase[0].casefold() in _COMPARATIVES:
            verb = _VERB_OBJECT.search(question)
            thing = _phrase(verb["x"], noun_phrase=True) if verb else []
            asks = " ".join(["how much", *phrase, *thing]) if phrase or thing else FIGURE_ASKED
            return _quantity(question, [*phrase, *thing], asks, own)
        return _quantity(question, phrase, f"how much {' '.join(phrase)}", own)
    if match := _HOW_ADJ.search(question):
        adjective = match["adj"].casefold()
        if adjective == "well":
            return Focus("definition", "how well it works")
        if adjective == "long" and _TAKES_TIME.search(question):
            return _quantity(question, ["time"], "how long it takes", own)
        return _quantity(question, [_ADJ_GROUP.get(adjective, adjective)], f"how {adjective}", own)
    if (asked := _what_noun(question, own)) is not None:
        return asked
    if match := _COMPARED_WITH.search(question):
        rival = match["x"].rstrip(".?,").casefold()
        if _written_as_name(match["x"], first=False) and not match["x"][:1].islower() and rival not in own:
            return Focus("entity", f"the comparison with {match['x'].rstrip('.?,')}", qualifiers=(rival,))
    if form is Form.DEFINITION:
        how = re.match(r"\s*how\s+(does|do|did|is|are|was)\b", question, re.IGNORECASE)
        return Focus("method" if how else "definition", "how it works" if how else "what it does")
    return Focus("other", "")


def _what_noun(question: str, own: set[str]) -> Focus | None:
    """The focus of "what/which <noun phrase>" when its noun names a quantity (accuracy, speedup) or a
    thing (license, dataset); None otherwise. The phrase ends at the first auxiliary after its words
    ("What COCO box AP | does TinyViT reach"); a name in it ("GSM8K score") must be in the answer too."""
    match = _WHAT.search(question)
    if not match:
        return None
    written = re.findall(r"[\w@.+-]+", match["x"])
    phrase = [w.casefold() for w in written]
    started = False
    for i, word in enumerate(phrase):
        following = phrase[i + 1] if i + 1 < len(phrase) else ""
        if word in ENTITY_NOUNS and (following in QUANTITY_NOUNS or _singular(following) in QUANTITY_NOUNS):
            continue  # "model sizes": the quantity names it
        if word in QUANTITY_NOUNS or _singular(word) in QUANTITY_NOUNS:
            attribute = [w for w in written[: i + 1] if w.casefold() not in AUX][-3:]
            # the quantity's own word when it has a group ("cost": dollars, FLOPs), not its modifiers
            # ("total training cost": "training" is in every other sentence)
            head = [written[i]] if GROUP_OF.get(_singular(word)) or GROUP_OF.get(word) else attribute
            in_phrase = tuple(w.casefold() for w in written[:i] if w.casefold() not in AUX
                              and _written_as_name(w, first=False) and w.casefold() not in own)
            focus = _quantity(question, head, f"the {' '.join(attribute)}", own)
            return replace(focus, qualifiers=tuple(dict.fromkeys((*focus.qualifiers, *in_phrase))))
        if word in ENTITY_NOUNS:
            base = _singular(word)
            return Focus("entity", f"the {written[i]}", (base,), _group(base), _qualifiers(question, own),
                         name=GROUP_OF.get(base, base) in NEEDS_NAME or base in NEEDS_NAME,
                         verbs=_verbs(question[match.start("x"):], own))
        if word in AUX:
            if started:
                break
            continue
        started = True
        if i >= _PHRASE_WORDS:
            break
    return None


def _verbs(clause: str, own: set[str]) -> tuple[str, ...]:
    """The plain words after "does/do/did" in "which models does low-bit quantization favor": one of
    them is the verb whose object the answer is."""
    match = re.search(r"\b(?:does|do|did)\s+(?P<rest>[^?]*)", clause, re.IGNORECASE)
    if not match:
        return ()
    words = re.findall(r"[a-z]+", match["rest"])  # lower case only: names are not verbs
    return tuple(w for w in dict.fromkeys(words) if len(w) > 3 and w not in AUX and w not in own)


def _described(lowered: list[str], verb: int, noun: int, verbs: Sequence[str]) -> bool:
    """Whether the question's verb, at ``verb``, takes the asked noun as its object with words that say
    which ("favors undertrained large language models"); "calibrates on a small dataset" names none."""
    between = lowered[verb + 1 : noun]
    return any(lowered[verb] in (v, v + "s", v + "es", v + "d", v + "ed") for v in verbs) \
        and bool(between) and not any(w in AUX for w in between)


def carries(sentence: str, focus: Focus, common: Callable[[str], bool] = lambda name: False,
            strict: bool = False, loose: bool = True) -> bool:
    """Whether ``sentence`` gives what ``focus`` asks for. ``common(name)``: a name that tells nothing
    of what is asked: one the field uses everywhere (LLM, GPU), or the asked paper's own. Unless
    ``strict`` (a question about a named paper), a sentence that lists names ("ResNet50 and
    SqueezeNext on ImageNet") gives the named things asked for without saying "datasets", and, with
    ``loose``, any figure gives a quantity asked for in words of no known group ("observations",
    which an abstract may call "time points")."""
    if focus.kind == "link":
        return bool(_LINK.search(sentence))
    if focus.kind not in ("quantity", "entity"):
        return True
    tokens = _TOKEN.findall(sentence)
    lowered = [t.casefold().strip(".,;:()") for t in tokens]
    if focus.name and not strict and sum(_is_name(tokens, j, common) for j in range(len(tokens))) >= _LISTED_NAMES:
        return not focus.qualifiers or all(_mentions(sentence.casefold(), lowered, q) for q in focus.qualifiers)
    stems = {stem(w) for w in focus.words}
    terms = set(focus.terms)
    if focus.words:
        places = [i for i, word in enumerate(lowered) if _says(word, stems, terms)]
    else:  # "by how much does it beat LoRA?": any figure of the sentence
        places = list(range(len(lowered)))
    text = sentence.casefold()
    if focus.qualifiers and not all(_mentions(text, lowered, q) for q in focus.qualifiers):
        return False
    if not places:  # unless the question names the paper, whose abstract must then say what is asked of it
        return focus.figure and focus.loose and loose and not strict and any(_is_figure(t) for t in tokens)
    if focus.figure:
        before, after = (_COUNT_BEFORE, 0) if focus.count else (_FIGURE_NEAR, _FIGURE_NEAR)
        return any(_is_figure(tokens[j]) for i in places
                   for j in range(max(0, i - before), min(len(tokens), i + after + 1)))
    if focus.name:
        return any(_is_name(tokens, j, common) for i in places for j in _near(i, _NAME_NEAR, len(tokens)) if j != i) \
            or any(_described(lowered, j, i, focus.verbs) for i in places for j in range(max(0, i - _FIGURE_NEAR), i))
    return True


def _says(word: str, stems: set[str], terms: set[str]) -> bool:
    """Whether a word of a sentence names what is asked: a question's word in any inflection, a word of
    its group, or part of a compound (a group's word only in a figure: '6-billion-parameter', since
    'Point-BERT' is no score in points)."""
    if word in _MULTIPLIERS:
        return False
    if _singular(word) in terms or stem(word) in stems or ("%" in terms and word.endswith("%")):
        return True
    numeric = word[:1].isdigit()
    return any(stem(part) in stems or (numeric and _singular(part) in terms) for part in word.split("-") if part)


def _quantity(question: str, words: list[str], asks: str, own: set[str], count: bool = False) -> Focus:
    words = [w.casefold() for w in words if w]
    terms = {t for w in words for t in _group(_singular(w))}
    loose = bool(words) and not any(GROUP_OF.get(_singular(w)) or GROUP_OF.get(w) for w in words)
    return Focus("quantity", asks, tuple(words), tuple(sorted(terms)), _qualifiers(question, own), figure=True,
                 count=count, loose=loose)


def _group(word: str) -> tuple[str, ...]:
    group = GROUP_OF.get(word) or GROUP_OF.get(_singular(word))
    return tuple(sorted(GROUPS[group].split())) if group else (word,)


def _phrase(text: str, noun_phrase: bool = False) -> list[str]:
    """The words naming what is asked, as written, up to the verb or preposition that ends them
    (``noun_phrase``: a verb's object, where "training" is a noun)."""
    out = []
    for word in re.findall(r"[\w@.+-]+", text):
        lowered = word.casefold()
        if lowered in _ARTICLES:
            continue
        if lowered in AUX or (out and not noun_phrase and lowered.endswith(("ed", "ing")) and lowered not in GROUP_OF):
            break
        out.append(word)
        if len(out) == 3:
            break
    return out


_NOT_PLURAL = frozenset("corpus status focus bonus consensus virus radius bus thus plus minus versus nexus campus "
                        "this has was is its".split())


def _singular(word: str) -> str:
    if len(word) > 3 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("s") and not word.endswith("ss") and word not in _NOT_PLURAL:
        return word[:-1]
    return word


def _qualifiers(question: str, own: set[str]) -> tuple[str, ...]:
    """Names the question restricts its answer to ("accuracy on MMLU", "throughput on an A100")."""
    found = []
    for match in _QUALIFIER.finditer(question):
        name = match["q"].rstrip(".?,")
        if len(name) > 1 and _written_as_name(name, first=False) and name.casefold() not in own:
            found.append(name.casefold())
    return tuple(dict.fromkeys(found))


def _written_as_name(word: str, first: bool) -> bool:
    """ImageNet, GLUE, A100, Llama-2 (a capital alone counts only away from the start of a sentence)."""
    inner_capital = any(c.isupper() for c in word[1:])
    digit_and_letter = any(c.isdigit() for c in word) and any(c.isalpha() for c in word)
    return inner_capital or digit_and_letter or (word[:1].isupper() and not first)


def _near(i: int, reach: int, length: int) -> range:
    return range(max(0, i - reach), min(length, i + reach + 1))


def _is_figure(token: str) -> bool:
    """64, 2.4x, 66.7%, 1.5B, 11%-37%, 3~5x, 10^{26}, 6-billion-parameter, eight; not 3D, ResNet50 or
    Llama-2, which are names."""
    word = token.strip(".,;:()[]{}").casefold()
    if word in _NUMBER_WORDS:
        return True
    if not _LEADING_DIGIT.match(word):
        return False
    letters = re.sub(r"[^a-z]", "", word)
    return letters in _UNIT_LETTERS or ("-" in word and word.split("-")[0].replace(".", "").isdigit())


def _is_name(tokens: list[str], j: int, common: Callable[[str], bool]) -> bool:
    word = tokens[j].strip(".,;:()")
    long_enough = len(word) > 2 or any(c.isdigit() for c in word)  # C4 is a dataset; QA is not a name
    return long_enough and _written_as_name(word, first=j == 0) and not common(word.casefold())


def _mentions(text: str, lowered: list[str], name: str) -> bool:
    if name in text:
        return True
    squashed = name.replace("-", "")
    return any(w.replace("-", "") == squashed for w in lowered)

"""Which paper a question names: by a name of its own (its short name, a name its abstract coins, a
rare name of its title), by its whole title or its title's initials, or by a title that holds far more
of the question's words than the other papers a name names. ``evidence`` weighs these with the rest."""

from __future__ import annotations

import bisect
import itertools
import re

from ..index.terms import content_words, names, stem, words, written_names
from ..index.forms import variants
from ..index.vocabulary import TermStats, own_names, short_name

NAME_SHARE = 0.5  # a paper's own names holding this share of the question's name weight name that paper
_OWN_SHORT_NAME = 3  # a short name this few papers use names its paper, whatever settings the question adds
_OWN_LOWER_CASE = 4  # letters from which a paper's own name written in lower case is a name
_RELATIVES_SHARE = 6  # letters a word shares with another of the collection for the two to be forms of one word
_TITLE_WORDS, _INITIALS = 4, 4  # a title written out, or its words' initials, this long name the paper
_MORE_TITLE_WORDS = 2  # title words more than the named paper's by which a title spelling some names asked names it too
_COINED = 2  # times an abstract writes a name only it uses, for the name to be its own, unless it introduces it:
_INTRODUCING = re.compile(r"\b(?:propose|proposes|present|presents|introduce|introduces|named|called|dubbed)\s+"
                          r"(?:a\s+|an\s+|the\s+)?(?:[\w-]+\s+){0,3}")  # "a new algorithm named WGAN", "SimCLR:"
_ACRONYM = re.compile(r"^[A-Z]{3,5}(?=s?$)")
_LINKING = frozenset("and of for the a an to in on with via through by from".split())
_VERSION = re.compile(r"-(?:v?\d+(?:\.\d+)*[a-z]?|\d+(?:\.\d+)?[kmbt])$")
_COMPARED = re.compile(r"\b(?:over|than|versus|vs\.?|against|beats?|outperforms?|compared\s+(?:to|with)|like|"
                       r"such\s+as)\s+(?:the\s+|an?\s+)?([A-Za-z0-9][\w.+-]*)", re.IGNORECASE)


def question_names(question: str, stats: TermStats) -> list[str]:
    """The names a question writes: those written as names, and a paper's own name written in lower case, as
    drug and software names are ("zolbetuximab", "smdi"): one paper's name that no other word of the
    collection shares its start with, which a plain word ("quantifying": "quantification") does. Not a
    compound of plain words a title writes in capitals ("all-day" of "... All-Day Recordings")."""
    found = names(question)
    for word in content_words(question):
        if word not in found and len(word) >= _OWN_LOWER_CASE and word in stats.named and "-" not in word \
                and stats.df.get(stem(word), 0) == 1 and not _has_relatives(word, stats):
            found.append(word)
    return found


def _has_relatives(word: str, stats: TermStats) -> bool:
    """Whether another word of the collection starts as ``word`` does: a look-up in the sorted vocabulary,
    not a pass over it, as this runs for every question."""
    start, ordered = word[:_RELATIVES_SHARE], stats.ordered_vocabulary
    at = bisect.bisect_left(ordered, start)
    return any(v != word for v in itertools.takewhile(lambda v: v.startswith(start), ordered[at:at + 2]))


def asked_names(question: str, stats: TermStats) -> dict[str, float]:
    """The names the question asks about, weighted by how rare they are. The field's common names
    (LLM, GPU) weigh nothing, nor does a name it compares with ("the gain over AWQ")."""
    compared = {m.group(1).casefold() for m in _COMPARED.finditer(question)}
    out, seen = {}, set()
    for name in question_names(question, stats):
        term = stem(name)
        if name[:1].isdigit() or term in seen:  # a figure (8B, 1,024K-token) names no paper; GPUs and GPU are one
            continue
        seen.add(term)
        if len(name) > 2 and not stats.common(term) and name not in compared:  # RL, KV: the field's
            out[name] = stats.idf(term)
    return out


def names_paper(asked: dict[str, float], title: str, text: str, stats: TermStats) -> tuple[bool, bool]:
    """Whether the question's names name this paper, and whether one of them is its short name
    ("GaLore" for "GaLore: Memory-Efficient...", not for "Natural GaLore: Accelerating GaLore...").

    They name it when most of their weight is the paper's own names (its short name, or names few
    other titles share: LoRA-GA, not LoRA), or when its title holds one of its own names and its
    abstract all the others ("By how much does LISA beat LoRA on MT-Bench?")."""
    total = sum(asked.values())
    if not total:
        return False, False
    coined = _coined(asked, text, stats)
    own = own_names(title, stats) | coined
    mine = [n for n in asked if n in own or _unversioned(n) in own]
    if not mine:
        return False, False
    short = short_name(title)
    # the rarest name the question uses is what it is about: "the MFU of TorchTitan for Llama 3.1 on H100s";
    # not "the tokens left in SlimPajama after deduplicating RedPajama", which names SlimPajama's paper. A
    # name the abstract coins is its short name too: "the WikiText2 perplexity of FLAP on LLaMA-7B"
    for name in ({short} | coined) & set(mine):
        if (used := stats.df.get(stem(name), 0)) <= _OWN_SHORT_NAME \
                and all(used <= stats.df.get(stem(n), 0) for n in asked if stats.df.get(stem(n), 0)):
            return True, True
    held = title_words(title) | words(text)
    named = sum(asked[n] for n in mine) / total >= NAME_SHARE or all(mentions(n, held) for n in asked)
    return named, short in mine


def marked_names(question: str) -> set[str]:
    """The question's names that something besides a leading capital marks as names: Qwen3, MMLU, not
    "Layer" in "Layer Normalization"."""
    return {n.casefold() for n in written_names(question) if not (n[:1].isupper() and n[1:].isalpha() and n[1:].islower())}


def outnames(titled: int, lead: int, title: str, asked: set[str], marked: set[str]) -> bool:
    """Whether ``title``, holding ``titled`` of the question's other words, names the paper as well as the
    named one's title (holding ``lead``) does: with every name ``asked`` and more words, or with one
    ``marked`` as a name and far more words ("the empirical study of Qwen3 quantization ... Qwen3-8B at
    4 bits")."""
    held = title_words(title)
    spelled = {n for n in asked if mentions(n, held)}
    return (spelled == asked and titled > lead) or (bool(spelled & marked) and titled >= lead + _MORE_TITLE_WORDS)


def _coined(asked: dict[str, float], text: str, stats: TermStats) -> set[str]:
    """The names asked for that this abstract alone uses, more than once or where it introduces them: the
    name it gives its method ("we propose PEARL ... PEARL reaches", "This paper presents SimCLR: ..."),
    which its title may not hold. Said once in passing, a name is more likely another's ("unlike AlphaFold")."""
    coined = set()
    for name in asked:
        if "-" in name:  # "GPU-friendly" describes; it names nothing
            continue
        # a word other abstracts use too (MMLU, "universal") is this one's only where it introduces it in
        # capitals, spelled out after it: "we present UNIVERSE (UNIfied Vision-language Evaluator ...)"
        if stats.df.get(stem(name), 0) != 1 and (len(name) <= 3 or not re.search(
                rf"{_INTRODUCING.pattern}{re.escape(name.upper())}\s*\(", text)):
            continue
        pattern = rf"(?<![\w-]){re.escape(name)}(?![\w-])"
        written = re.findall(pattern, text, re.IGNORECASE)
        introduced = re.search(rf"{_INTRODUCING.pattern}{pattern}|{pattern}:", text, re.IGNORECASE)
        # written as a name (PEARL, HunyuanVideo, or Moonlight, which the collection only writes with its
        # capital), not a word with a capital alone ("C to Rust")
        if (len(written) >= _COINED or introduced) and (name.casefold() in stats.capitalized
                                                         or all(any(c.isupper() for c in w[1:]) for w in written)):
            coined.add(name)
    return coined


def says_short_name(question: str, title: str, stats: TermStats) -> bool:
    """Whether the question writes out a paper's short name of several words ("Universal Checkpointing:
    ..."), whose words one at a time may be common ("checkpointing"), or its whole title ("In Efficiently
    Scaling Transformer Inference, ..."), or the initials of a run of its title's words ("JLCM" for
    "...Jointly Learnable Codebooks and Mappings", a name the abstracts hardly use)."""
    short = short_name(title)
    lowered = question.casefold()
    if short.split(" ")[0] not in ("the", "a", "an") and " " in short and written_out(short, lowered):
        return True  # not "on The Pile": a dataset the question names as a setting
    whole = " ".join(re.findall(r"[\w-]+", title.partition(":")[0].casefold()))
    if len(whole.split()) >= _TITLE_WORDS and written_out(whole, " ".join(re.findall(r"[\w-]+", lowered))):
        return True
    # a title of two or three words, written with its capitals: "the Wasserstein GAN paper", not "layer normalization"
    if 1 < len(title.split()) < _TITLE_WORDS and ":" not in title and any(c.isupper() for c in title[1:]) \
            and written_out(title.strip(), question):
        return True
    # the run of capitalized words a title opens with, written with its capitals: "does Masked Frequency
    # Modeling reach" for "Masked Frequency Modeling for Self-Supervised ...", unless the field uses each word
    lead = list(itertools.takewhile(lambda w: w[:1].isupper(), re.findall(r"[\w-]+", title.partition(":")[0])))
    if len(lead) >= 3 and written_out(" ".join(lead), question) \
            and not all(stats.common(stem(w.casefold())) for w in lead):
        return True
    initials = "".join(w[0] for w in re.findall(r"[A-Za-z][\w-]*", title) if w.casefold() not in _LINKING)
    return any(n.casefold() in initials.casefold() and stats.df.get(stem(n.casefold()), 0) <= 1
               for n in re.findall(rf"\b[A-Z]{{{_INITIALS},}}\b", question))


def written_out(phrase: str, text: str) -> bool:
    """Whether ``text`` writes ``phrase``, each longer word singular or plural ("the scaling law for
    sparsely-connected foundation models" writes "Scaling Laws for Sparsely-Connected Foundation Models")."""
    pattern = r"\s+".join(re.escape(_singular(w)) + ("(?:e?s)?" if len(w) > 3 else "") for w in phrase.split())
    return re.search(rf"(?<![\w-]){pattern}s?(?![\w-])", text) is not None


def _singular(word: str) -> str:
    return word[:-1] if len(word) > 3 and word.endswith("s") and not word.endswith("ss") else word


def mentions(name: str, held: set[str]) -> bool:
    """Whether a paper's words hold a name, inside a longer one ("Llama-3.1-70B" in
    "Llama-3.1-70B-Instruct"), or each part of a compound one ("single-V100": "a single V100")."""
    if name in held or any(w.startswith(name + "-") or w.endswith("-" + name) for w in held):
        return True
    parts = [p for p in name.split("-") if len(p) > 2]
    return len(parts) > 1 and all(p in held for p in parts)


def acronym(name: str) -> str | None:
    """The letters of a name written as an acronym ("TACC", "BCIs": "bci"), lower-cased; None for other
    names and for two letters ("AI"), which spell out too much."""
    match = _ACRONYM.match(name)
    return match[0].casefold() if match else None


def spelled_out(acronym: str, text: str) -> bool:
    """Whether ``text`` writes the words an acronym stands for: MPC in "model predictive control"."""
    parts = [w for w in re.findall(r"[A-Za-z]+", text) if w.casefold() not in _LINKING]
    letters = acronym.casefold()
    return any("".join(w[0] for w in parts[i : i + len(letters)]).casefold() == letters for i in range(len(parts)))


def _unversioned(name: str) -> str:
    """The name without a version or size ("RedPajama-V2", "StarCoder2-15B"): a paper of the name's
    family, which is how its later versions are spoken of."""
    for _ in range(2):
        name = _VERSION.sub("", name)
    return name


def title_words(title: str) -> set[str]:
    """A title's words in every form a question may write them (plural, unhyphenated, hyphen parts)."""
    found = words(title)
    out = set()
    for word in found:
        out |= variants(word)
        out |= {part for part in word.split("-") if len(part) > 2}
    return out

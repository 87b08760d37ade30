"""A question -> its ``Focus``: what it asks for (a quantity, a named thing, a link, the gist) and the
names an answer must carry."""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable
from dataclasses import replace

from ...models import Focus
from ..extractive import Form, question_form
from .phrases import (METRIC, VERB_GROUPS, VERB_OBJECT, has_group, participle, phrase_of, quantity_head, qualifiers_of,
                      verbs_after_does)
from .named import HOW_EXACTLY, which_named
from .plain import plain
from .words import (ARTICLES, AUX, COMPARATIVES, COMPARED_GROUPS, ENTITY_NOUNS, GENERIC_QUANTITIES, GIST_NOUNS,
                    GROUP_OF, MEASURE_NOUNS, NAMED_METHODS, PLAIN_MODIFIERS, QUANTITY_NOUNS, SHARES, SUPERLATIVE_GROUPS,
                    SUPERLATIVES, VALUE_NOUNS, VARIANTS, group_words, needs_name, said_for, singular, written_as_name)

FIGURE_ASKED = "the figure asked for"
_HOW_MANY = re.compile(r"\bhow\s+many\s+(?P<x>(?:[\w@.+'-]+\s*){1,6})", re.IGNORECASE)
_HOW_MUCH = re.compile(r"\bhow\s+much\s+(?P<x>.+)", re.IGNORECASE)
_HOW_ADJ = re.compile(r"\bhow\s+(?P<adj>fast|large|big|long|small|quickly|well|accurate|accurately|strongly|old)\b",
                      re.IGNORECASE)
_PARTICIPLE = re.compile(r"(?<!-)\b([a-z]{4,}ed)\b")  # "how strongly were they enriched": a figure of enrichment
_NEAR_VERB = 6  # words: "how strongly | were the drug targets enriched", not a participle clauses later
_EMBEDDED = re.compile(r"\b(?:on|about|of|into|regarding)\s+$", re.IGNORECASE)  # "research on how strongly ..."
_ADJ_GROUP = {"fast": "speed", "quickly": "speed", "large": "size", "big": "size", "small": "size",
              "long": "length", "accurate": "accuracy", "accurately": "accuracy", "old": "age"}
_TAKES_TIME = re.compile(r"\b(take|takes|took|train|trains|trained|training|pretrain|pre-train|pretrained|pre-trained|run|"
                         r"runs|ran|last|lasts|lasted|need|needs|needed)\b", re.IGNORECASE)
# "How long do training sequences have to be?": a length, whatever the sentence says of training
_LONG_THING = re.compile(r"\bhow\s+long\s+(?:do|does|did|are|is|was|were|must|should|can)\s+(?:the\s+|its\s+|their\s+)?"
                         r"(?:[\w-]+\s+){0,2}?(?:sequences?|contexts?|inputs?|prompts?|windows?|documents?)\b", re.IGNORECASE)
_LEADING_WHAT = re.compile(r"\s*(?:what|which)\b", re.IGNORECASE)
_WHAT = re.compile(r"\b(?:what|which)\s+(?P<x>(?:[\w@.+-]+\s*){1,6})", re.IGNORECASE)
# "Where is X's code?", "Is the code released, and where?"; not "a benchmark where the code is fixed"
_WHERE_CODE = re.compile(r"^\s*where\b.*\b(code|weights|checkpoints?|implementation|models?)\b|"
                         r"\b(code|weights|checkpoints?|implementation)\b.*\bwhere\s*\??\s*$", re.IGNORECASE)
_COMPARED_WITH = re.compile(r"\bcompared?\s+(?:with|to|against)\s+(?:the\s+)?(?P<x>[A-Za-z0-9][\w.+-]*)", re.IGNORECASE)
_PHRASE_WORDS = 5  # words of a "what <noun phrase>" before its noun ("What COCO object-detection box AP")
_COPULA = frozenset("is are was were".split())
_VALUE_OF = re.compile(r"\b(?:values?|end|bound|limit|range)\s+of\s+(?:the\s+|a\s+|an\s+|its\s+)?(?P<x>[^?,;]+)", re.IGNORECASE)
# "How large a training speedup does X report?": the noun says what is measured, not "large"
_ADJ_NOUN = re.compile(r"\s+an?\s+(?P<x>[^,?;]+)", re.IGNORECASE)
# "How much lower is its perplexity?": the quantity follows the comparative
_COMPARED_QUANTITY = re.compile(r"^\s*(?:is|are|was|were|does|do|did)\s+(?:its|their|the)\s+(?P<x>[^,?;]+)",
                                re.IGNORECASE)
# "by how much did training time go down?": the quantity is the subject that moves
_MOVED = re.compile(r"\bhow\s+much\s+(?:did|does|do|was|were|is|are|has|have)\s+(?:the\s+|its\s+|their\s+)?"
                    r"(?P<x>[\w-]+(?:\s+[\w-]+){0,2}?)\s+(?:go|goes|went|drop|fall|fell|rise|rose|decrease|increase|shrink|"
                    r"grow|improve|change)", re.IGNORECASE)
_OF = frozenset("of in for on at to with from by per across".split())
_COUNTS = frozenset({"count", "number"})
_GIST = re.compile(r"^\s*what\s+(?:does|do|is|are)\s+(?P<x>[^?]+?)(?:\s+do)?\s*\??\s*$", re.IGNORECASE)
_HOW_IT_DECIDES = re.compile(r"^\s*how\s+(?:does|do|did|can)\s+(?:(?!\band\b)[^?,;])*?\b(?:decide|determine|choose|pick|select|"
                             r"set|allocate|estimate|predict|learn|adapt|adjust|find)s?\s+(?:how|which|what|whether)\b", re.I)
_WHEN = re.compile(r"\bwhen\s+(?:did|does|do|is|are|was|were)\b", re.IGNORECASE)
_RELATIVE = frozenset("whose which that who whom where".split())  # "the teacher whose accuracy": the teacher's size
_DOES = frozenset("do does did was were is are".split())  # "which tools does X call", "which phones was X run on"


def read_focus(question: str, own: Iterable[str] = ()) -> Focus:
    """The focus of one question. ``own``: the words of the title of the paper it asks about (its names
    there are not qualifiers)."""
    question = plain(question)
    form = question_form(question)
    own = {w.casefold() for w in own}
    if form is Form.LIST:
        return Focus("list", "papers on this question")
    if (gist := _GIST.match(question)) and own and set(gist["x"].casefold().split()) <= own:
        return Focus("definition", "what it does")  # "What does Refusal Tokens do?": the paper's name
    if _WHERE_CODE.search(question):
        return Focus("link", "where the code is released")
    if _LEADING_WHAT.match(question) and (asked := _what_noun(question, own)) is not None:
        return asked  # "What MAPE does ... when forecasting how many cycles ...": the opening asks
    if _HOW_IT_DECIDES.match(question):  # "How does PrefixKV decide how much KV cache to keep?": its method
        return Focus("method", "how it works")
    if matches := list(_HOW_MANY.finditer(question)):
        phrase = phrase_of(matches[-1]["x"])  # the last: earlier ones sit in clauses that describe the work
        lowered = [w.casefold() for w in phrase]
        if lowered[:1] == ["times"] and lowered[1:2] and lowered[1] in COMPARATIVES:
            return _quantity(question, phrase[1:2], f"how many times {phrase[1]}", own)  # a factor: "faster"
        if lowered[:1] == ["times"] or participle(phrase):
            return _quantity(question, [], FIGURE_ASKED, own)  # "how many times?", "how many replied?": a count
        asks = f"the number of {' '.join(phrase)}" if phrase else FIGURE_ASKED
        # the counted noun is the phrase's last ("small proxy models"), or two ("model versions": "six models")
        return _quantity(question, phrase[-2:] if phrase[-1:] and phrase[-1].casefold() in VARIANTS else phrase[-1:], asks, own, count=True)
    if match := _HOW_MUCH.search(question):
        phrase = phrase_of(match["x"])
        if phrase and phrase[0].casefold() in COMPARATIVES and \
                (subject := _COMPARED_QUANTITY.match(question[match.start("x") + len(phrase[0]):])) and \
                (quantity := _measured(subject["x"])):
            return _measured_focus(question, quantity, f"how much {phrase[0]} the {' '.join(quantity)}", own)
        if (moved := _MOVED.search(question)) and (quantity := _measured(moved["x"])):
            return _measured_focus(question, quantity, f"how much the {' '.join(quantity)} changed", own)
        if phrase and (group := COMPARED_GROUPS.get(phrase[-1].casefold())):  # "how much more accurate", "bigger"
            said = "larger" if phrase[-1].casefold() == "bigger" else phrase[-1]  # "25x larger models"
            return _quantity(question, [said, group], f"how much {' '.join(phrase)}", own)
        if not phrase or phrase[0].casefold() in COMPARATIVES:
            verb = VERB_OBJECT.search(question)
            thing = phrase_of(verb["x"], noun_phrase=True) if verb else []
            asks = " ".join(["how much", *phrase, *thing]) if phrase or thing else FIGURE_ASKED
            head = thing[-2:-1] if len(thing) > 1 and thing[-1].casefold() in _COUNTS else thing[-1:]
            if not phrase and head and not has_group(head[0].casefold()) and VERB_GROUPS[0][0].search(verb[0]):
                head, asks = ["speedup"], f"the speedup of {' '.join(thing)}"  # "speed up OPT-175B inference"
            return _quantity(question, [*phrase, *head], asks, own)  # "cut the forecast error": an error
        return _quantity(question, phrase, f"how much {' '.join(phrase)}", own)
    match = _HOW_ADJ.search(question)
    if match and _EMBEDDED.search(question, 0, match.start()) \
            and (later := _what_noun(question[match.end():], own)) is not None:
        return later  # "research on how strongly genes shape X: what weighted average ...?" asks the what
    if match:
        adjective = match["adj"].casefold()
        if (noun := _ADJ_NOUN.match(question, match.end())) and (quantity := _measured(noun["x"])):
            return _measured_focus(question, quantity, f"how {adjective} a {' '.join(quantity)}", own)
        if (noun := _COMPARED_QUANTITY.match(question[match.end():])) and (quantity := _measured(noun["x"])):
            return _measured_focus(question, quantity, f"how {adjective} the {' '.join(quantity)}", own)  # "was the gap"
        near = " ".join(question[match.end():].split()[:_NEAR_VERB])
        if adjective == "strongly" and (verb := _PARTICIPLE.search(near)):
            return _quantity(question, [verb[1]], f"how strongly {verb[1]}", own)
        if adjective == "well":
            return Focus("definition", "how well it works")
        if adjective == "long" and _TAKES_TIME.search(question) and not _LONG_THING.search(question):
            return _quantity(question, ["time"], "how long it takes", own)
        return _quantity(question, [_ADJ_GROUP.get(adjective, adjective)], f"how {adjective}", own)
    if (asked := _what_noun(question, own)) is not None:
        return asked
    if match := _COMPARED_WITH.search(question):
        rival = match["x"].rstrip(".?,").casefold()
        if written_as_name(match["x"], first=False) and not match["x"][:1].islower() and rival not in own:
            return Focus("entity", f"the comparison with {match['x'].rstrip('.?,')}", qualifiers=(rival,))
    if form is Form.DEFINITION:
        how = re.match(r"\s*how\s+(does|do|did|is|are|was)\b", question, re.IGNORECASE)
        return Focus("method" if how else "definition", "how it works" if how else "what it does")
    if when := _WHEN.search(question):  # "when did the occipital response peak?": at a time ("peaked at 95 ms")
        return _quantity(question, ["time"], " ".join(["when", *re.split(r"[,;?]", question[when.end():])[0].split()[:6]]),
                         own)
    return which_named(question, own) or Focus("other", "")


def _what_noun(question: str, own: set[str]) -> Focus | None:
    """The focus of "what/which <noun phrase>" when its noun names a quantity (accuracy, speedup) or a
    thing (license, dataset); None otherwise. The phrase ends at the first auxiliary after its words
    ("What COCO box AP | does TinyViT reach"); a name in it ("GSM8K score") must be in the answer too."""
    match = _WHAT.search(question)  # not a title's "... is What Vision Models Need", which asks nothing
    if not match or match.start() and question[match.start()].isupper() and not question.rstrip().endswith("?"):
        return None
    written = re.findall(r"[\w@.+-]+", match["x"])
    phrase = [w.casefold() for w in written]
    started = False
    content: list[str] = []  # the phrase's words so far, as written
    for i, word in enumerate(phrase):
        if word in HOW_EXACTLY and word.endswith("ly"):
            continue  # "What exactly does X correlate with?"
        following = phrase[i + 1] if i + 1 < len(phrase) else ""
        after = list(itertools.takewhile(lambda w: w not in AUX, phrase[i + 1 : i + 3]))
        if word in ENTITY_NOUNS and any(w in QUANTITY_NOUNS or singular(w) in QUANTITY_NOUNS for w in after):
            continue  # "model sizes", "hardware efficiency gain": the quantity names it
        if word == "language" and singular(following) == "model":
            continue  # "language model" is one noun, a model
        if (word in QUANTITY_NOUNS or singular(word) in QUANTITY_NOUNS) and written[i] not in ("map", "maps"):  # mAP
            i = quantity_head(phrase, written, i)  # "average MSE reduction", "top-1 accuracy": the last noun
            word = phrase[i]
            attribute = [w for w in written[: i + 1] if w.casefold() not in AUX][-3:]
            # the quantity's own word when it has a group ("cost": dollars, FLOPs), not its modifiers
            # ("total training cost": "training" is in every other sentence)
            if word in (*_COUNTS, "budget") and i and has_group(phrase[i - 1]):  # "the total parameter count",
                # "the parameter budget": parameters (counted)
                return replace(_quantity(question, [written[i - 1]], f"the {' '.join(attribute)}", own,
                                         count=word in _COUNTS), qualifiers=qualifiers_of(question, own))
            after_of = re.findall(r"[\w@.+-]+", question[match.start("x"):])[i + 2 :]  # past the six words read
            if word in _COUNTS and phrase[i + 1 : i + 2] == ["of"] and after_of[:1] != ["times"] \
                    and (counted := phrase_of(" ".join(after_of))):  # "the mean number of recorded hours per day"
                asks = f"the {' '.join([*attribute, 'of', *counted])}"
                return _quantity(question, counted[-1:], asks, own, count=True)
            head = [written[i]] if has_group(word) else attribute
            in_phrase = tuple(w.casefold() for w in written[:i] if w.casefold() not in AUX and written_as_name(w, first=False)
                              and w.casefold() not in own and GROUP_OF.get(w.casefold()) != GROUP_OF.get(singular(word)))
            focus = _quantity(question, head, f"the {' '.join(attribute)}", own)
            which = _which_kind(phrase, i, written)
            verb = VERB_OBJECT.search(question) if word in SHARES else None
            cut = phrase_of(verb["x"], noun_phrase=True) if verb else []  # "save in total": no object
            obj = singular(cut[-1].casefold()) if cut else ""
            which = (*which, GROUP_OF.get(obj, obj)) if obj else which  # "shrink the memory footprint": memory
            return replace(focus, qualifiers=tuple(dict.fromkeys((*focus.qualifiers, *in_phrase, *which))))
        if word in ENTITY_NOUNS:
            if phrase[0] in _COPULA and content and written_as_name(content[-1], first=False) \
                    and not any(w.casefold() in SUPERLATIVES for w in content):  # "the largest Llama-type model"
                return Focus("definition", "what it does")  # "What is the TokenFormer architecture?": the work itself
            base, verbs = singular(word), verbs_after_does(question[match.start("x"):], own)
            return Focus("entity", f"the {written[i]}", (base,), (*group_words(base), *said_for(content, own)),
                         qualifiers_of(question, own), name=needs_name([base]), verbs=verbs)
        if word in AUX:
            if started:
                return _superlative(question, content, own) or _attribute(question, phrase, content, word, own)
            continue
        started = True
        content.append(written[i])
        if i >= _PHRASE_WORDS:
            break
    return _superlative(question, content, own) or _attribute(question, phrase, content, "", own)


def _superlative(question: str, content: list[str], own: set[str]) -> Focus | None:
    """"What is the longest input it could handle?": a length, which a figure gives."""
    measured = [SUPERLATIVE_GROUPS[w.casefold()] for w in content if w.casefold() in SUPERLATIVE_GROUPS]
    return _quantity(question, measured[:1], f"the {' '.join(content)}", own) if measured and len(content) > 1 else None


def _which_kind(phrase: list[str], i: int, written: list[str]) -> tuple[str, ...]:
    """("batch",) for "batch size", ("model",) for "size of model" (not "of Mistral", the thing measured):
    the word that says which size, length or rate is asked for."""
    if phrase[i] in GENERIC_QUANTITIES and phrase[i + 1 : i + 2] == ["of"] and written[i + 2 : i + 3] \
            and written[i + 2].isalpha() and written[i + 2].islower() and phrase[i + 2] not in AUX:
        return (singular(phrase[i + 2]),)
    if phrase[i] not in GENERIC_QUANTITIES or i == 0:
        return ()
    before = phrase[i - 1]
    if before in AUX or before in PLAIN_MODIFIERS or before in QUANTITY_NOUNS or before in ENTITY_NOUNS \
            or not before[:1].isalpha():
        return ()
    return (before,)


def _attribute(question: str, phrase: list[str], content: list[str], ending: str, own: set[str]) -> Focus | None:
    """"What is the context window of StarCoder2?": a detail of the work named by a noun of no known
    group, which an answering sentence names in one of the phrase's words; None for "What is the main
    idea of X?" (the gist: any sentence of the work gives it) and for other forms."""
    if len(content) > 1 and content[-1].casefold() in VALUE_NOUNS and has_group(content[-2].casefold()):
        return _quantity(question, content[-2:-1], f"the {' '.join(content)}", own)  # "the depth range": a depth
    if content and content[-1].casefold() in VALUE_NOUNS and ending == "of" and \
            (value := _VALUE_OF.search(question)) and (thing := phrase_of(value["x"])):
        return _quantity(question, thing[-1:], f"the value of the {' '.join(thing)}", own)  # "numerical value of X"
    if phrase and phrase[0] not in _COPULA and phrase[0] not in AUX and ending in _DOES:
        return _which_things(question, content, own)
    words = [w for w in content if w.casefold() not in own and not written_as_name(w, first=False)]
    if len(words) == 1 and _PARTICIPLE.fullmatch(lowered := words[0].casefold()):  # "what was gained in X": a gain
        noun = next((n for n in (lowered[:-2], lowered[:-1]) if n in QUANTITY_NOUNS), None)
        return _quantity(question, [noun], f"the {noun}", own) if noun else None
    if not phrase or phrase[0] not in _COPULA or ending not in _OF or not words or len(content) > 3 \
            or any(w.casefold() in GIST_NOUNS for w in words):
        return None
    lowered = [w.casefold() for w in words]
    terms = {t for w in lowered for t in group_words(singular(w))}
    return Focus("entity", f"the {' '.join(content)}", tuple(lowered), tuple(sorted(terms)), name=needs_name(lowered))


def _which_things(question: str, content: list[str], own: set[str]) -> Focus | None:
    """"Which phones or edge boards was EdgeMoE run on?": things named by plain nouns of no known group,
    which an answering sentence names (the last word of each of at most two alternatives). "By what
    factor...?", "At what power draw...?": a measure, which a figure gives."""
    if content and content[-1].casefold() in MEASURE_NOUNS:
        words = [w for w in content[:-1] if has_group(w.casefold())]
        if not words:  # "by what factor does X speed up...": the verb says what the factor measures
            words = [word for pattern, word in VERB_GROUPS if pattern.search(question)][:1]
        return _quantity(question, words, f"the {' '.join(content)}", own)
    if content and METRIC.fullmatch(content[-1]) and content[-1].split("-")[0].casefold() in group_words("score"):
        # "What BLEU-4 did it score?": the metric's name is the quantity, as in "What BLEU-4 score..."
        metric = rf"(?<![\w-]){re.escape(content[-1])}(?![\w-])"
        return _what_noun(re.sub(metric, r"\g<0> score", question, count=1), own)
    if content and singular(content[-1].casefold()) in NAMED_METHODS and question.lstrip()[:5].casefold() == "which":
        return Focus("entity", f"the {content[-1]}", (content[-1].casefold(),), NAMED_METHODS, name=True)
    parts = " ".join(content).split(" or ") if " or " in " ".join(content) else [" ".join(content)]
    heads = [part.split()[-1] for part in parts if part.split()]
    if not heads or len(parts) > 2 or any(len(part.split()) > 2 for part in parts) \
            or any(not w.isalpha() or not w.islower() or w in GIST_NOUNS or w in AUX for w in heads):
        return None
    terms = {t for w in heads for t in group_words(singular(w))}
    return Focus("entity", f"the {' '.join(content)}", tuple(heads), tuple(sorted(terms)), name=needs_name(heads))


def _measured(text: str) -> list[str]:
    """The words of ``text`` up to its last quantity noun among the first four ("WikiText2 perplexity"),
    or none."""
    words = list(itertools.takewhile(lambda w: w.casefold() not in _RELATIVE, re.findall(r"[\w@.+-]+", text)[:4]))
    last = [i for i, w in enumerate(words) if w.casefold() in QUANTITY_NOUNS or singular(w.casefold()) in QUANTITY_NOUNS]
    return [w for w in words[: last[-1] + 1] if w.casefold() not in ARTICLES] if last else []


def _measured_focus(question: str, quantity: list[str], asks: str, own: set[str]) -> Focus:
    """The quantity named last in ``quantity``; the names before it ("WikiText2") must be in the answer."""
    focus = _quantity(question, quantity[-1:], asks, own)
    names = tuple(w.casefold() for w in quantity[:-1] if written_as_name(w, first=False) and w.casefold() not in own)
    return replace(focus, qualifiers=tuple(dict.fromkeys((*focus.qualifiers, *names))))


def _quantity(question: str, words: list[str], asks: str, own: set[str], count: bool = False) -> Focus:
    words = [w.casefold() for w in words if w]
    terms = {t for w in words for t in group_words(singular(w))}
    loose = bool(words) and not any(has_group(w) for w in words) and all(len(w) > 2 for w in words)  # not "p"
    return Focus("quantity", asks, tuple(words), tuple(sorted(terms)), qualifiers_of(question, own), figure=True,
                 count=count, loose=loose)


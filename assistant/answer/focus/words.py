"""The words a question's focus is read with (``read``) and found with (``match``): groups of words that
name the same thing, the things whose answer is a name, and the nouns that ask for a quantity or for a
thing."""

# Words of a group name the same thing; a question's word reaches a sentence through its group. Whole
# words (singular), since stems mix groups: 'accelerators' and 'accelerating' share one.
GROUPS = {
    "gpu": "gpu accelerator a100 h100 h800 v100 p100 a6000 4090 3090 tpu device node card hardware",
    "memory": "memory footprint gb mb tb gib mib gigabyte megabyte terabyte vram ram storage",
    "speed": "speed speedup speed-up faster latency throughput wall-clock time fps ops tops frame velocity m/s km/h "
             "mm/s cm/s km/s m/min mm/min mm/yr cm/yr m/yr m/day mm/day mph",
    "frame": "frame fps frames-per-second",
    "time": "time hour day minute second gpu-hour wall-clock week millisecond microsecond nanosecond duration "
            "s ms h hr hrs min",
    "accuracy": "accuracy score point pp top-1 f1 bleu rouge pass@1 em perplexity performance win-rate map ap auc "
                "mape mae rmse recall precision sensitivity specificity wer cer error",
    "size": "size parameter param billion million trillion thousand b m t k",
    "parameter": "parameter param size billion million trillion b m t",
    "token": "token",
    "license": "license licensed licence licensing apache mit cc-by permissive",
    "code": "code github available availability release released open-source weight checkpoint",
    "cost": "cost flop compute gpu-hour hour dollar budget",
    "language": "language multilingual",
    "dataset": "dataset corpus corpora data",
    "benchmark": "benchmark dataset suite task test",
    "model": "model backbone architecture llm",
    "baseline": "baseline",
    "reduction": "reduction reduce reduced reducing cut cutting saving save less fewer smaller",
    "improvement": "improvement improve improved improving gain boost boosting better higher increase increasing "
                   "elevation elevated greater "
                   "outperform outperforms outperformed surpass surpasses surpassed beat beats exceed exceeds "
                   "exceeded outpace outpaces outpaced margin",
    "compression": "compression compress compressed ratio",
    "length": "length long longer context window",
    "rank": "rank",
    "layer": "layer depth",
    "expert": "expert",
    "share": "share percentage percent fraction proportion %",
    "power": "power watt w mw kw energy",  # not "consumption": of memory as often
    "probability": "probability odds likelihood chance",
    "correlation": "correlation coefficient",
    "threshold": "threshold cutoff cut-off",
    "temperature": "temperature",
    "distance": "distance",
    "frequency": "frequency hz khz mhz ghz",
    "resolution": "resolution pixel px",
    "overhead": "overhead slowdown slower",
    "thickness": "thickness thick depth mm millimeter millimetre",
    "age": "age aged old",
    "date": "year period date",  # "which years do the records cover?": a date ("from 1898-1900")
}
# A word of two groups reads as the later one's, but hours asked for are a time: GPU hours give a cost,
# "9x less compute" gives no hours; and a size may be a dataset's ("574K pairs"), which a count of
# parameters is not ("up to 2K" is a resolution)
GROUP_OF = {word: group for group, members in GROUPS.items() for word in members.split()} | {"hour": "time",
                                                                                              "size": "size"}
# Named things whose answer is a name next to the word (a dataset's, a GPU's), not the word alone.
NEEDS_NAME = frozenset("gpu accelerator device chip processor dataset benchmark model baseline backbone architecture "
                       "optimizer tokenizer teacher student metric language hardware library framework corpus task "
                       "engine simulator".split())

# verbs that end the asked noun phrase without -ed or -ing ("how many clients took part")
VERBS = frozenset("took take takes ran run runs made make makes got get gets gave give gives went go goes came come "
                   "comes had have need needs used use uses saw see sees".split())
# "By what percentage does X cut training cost?": the verb's object says what the share is of
SHARES = frozenset("percentage percent fraction share proportion".split())
WH_WORDS = frozenset("how what which where when who whom why".split())
# A quantity noun of many uses ("batch size", "learning rate", "window size"): the word before it
# says which, and an answering sentence must name it; these words before it say nothing of which.
GENERIC_QUANTITIES = frozenset("size sizes length lengths rate rates".split())
PLAIN_MODIFIERS = frozenset("model parameter total overall average mean final peak maximum max minimum min "
                             "typical resulting its their new same".split())
AUX = frozenset("do does did is are was were be been can could will would has have had should may might "
                 "in on of for to per at with when across by from than that which the a an its their it they "
                 "compared relative over versus vs against before after while come comes came".split())
# Nouns that, asked for with what/which, name a quantity; and those that name a thing.
QUANTITY_NOUNS = frozenset(
    "accuracy score speedup speed-up throughput latency perplexity percentage share size number reduction "
    "improvement gain rate cost fid bleu mfu ratio compression memory footprint parameters tokens time "
    "speed error loss win f1 top-1 map ap miou fraction proportion percent fps mape mae rmse auc wer cer recall "
    "precision bpb rank length window pass@1 pass@k average count scale velocity probability odds threshold "
    "coefficient correlation duration frequency distance temperature resolution overhead slowdown thickness level "
    "density sensitivity specificity hour day minute age budget year period".split())
# "Which methods did X test?": methods asked by name, which an answering sentence names ("What method..." asks the gist)
NAMED_METHODS = ("algorithm", "approach", "method", "technique")
# Nouns that, in "What is the <noun> of X?", ask for the gist of the work rather than a detail of it.
GIST_NOUNS = frozenset(
    "idea ideas contribution contributions goal goals aim aims purpose finding findings result results approach "
    "method methods technique techniques motivation insight insights novelty point focus topic problem problems "
    "challenge challenges conclusion conclusions takeaway takeaways advantage advantages benefit benefits "
    "limitation limitations difference differences role function use significance impact effect effects outcome "
    "outcomes objective innovation mechanism strategy framework design summary overview concept principle "
    "intuition claim claims hypothesis lesson lessons observation observations trick key main core central "
    "basis scope subject theme argument question answer name type kind".split())
ARTICLES = frozenset({"a", "an", "the"})
COMPARATIVES = frozenset("faster slower better worse more less larger bigger smaller higher lower cheaper".split())
# what "how much faster / bigger / more accurate" measures
COMPARED_GROUPS = {"faster": "speed", "slower": "speed", "quicker": "speed", "larger": "size", "bigger": "size",
                   "smaller": "size", "cheaper": "cost", "accurate": "accuracy"}
SUPERLATIVES = frozenset("largest biggest smallest best fastest highest lowest longest".split())  # ask a detail
# "the longest input": a length; "the fastest method" is a name, so only a length is read from its superlative
SUPERLATIVE_GROUPS = {"longest": "length"}
VARIANTS = frozenset("versions variants types kinds configurations settings scenarios".split())  # "model versions"
VALUE_NOUNS = frozenset("value values figure figures end bound limit range".split())  # "the value of X", "the upper end of X": a figure of X
NOT_VERBS = frozenset("into onto than much many more less each also only from with over".split())  # after "does"
# Nouns that, after "what" ("by what factor", "at what power draw"), ask for a figure of what the rest says.
MEASURE_NOUNS = frozenset("factor factors multiple margin extent degree amount magnitude draw".split())
ENTITY_NOUNS = frozenset(
    "license licence dataset datasets benchmark benchmarks model models llm llms baseline baselines hardware gpu gpus "
    "accelerator accelerators device devices chip chips "
    "architecture backbone language languages optimizer tokenizer teacher student metric metrics task tasks "
    "corpus corpora library framework".split())
# The two phases a figure of hardware, time or tokens belongs to: GPUs that serve a model did not train it.
PHASES = {
    "training": frozenset("train trains trained training pretrain pretrains pretrained pretraining pre-train pre-trains "
                          "pre-trained pre-training fine-tune fine-tuned fine-tuning finetune finetuned finetuning".split()),
    "inference": frozenset("inference infer serve serves served serving deploy deploys deployed deploying deployment "
                           "decoding".split()),
}
# Measures that a figure with the asked unit may belong to instead: "a vocabulary of 200K tokens" is no
# count of tokens seen, and, when training is asked about, "a context window of 128K tokens" (or "a sequence length
# of 8,192 tokens") is none either.
# Each group is one measure, left out when the question speaks of it in any of its words.
OTHER_MEASURES = {"": (frozenset({"vocabulary"}),),
                  "training": (frozenset({"vocabulary"}), frozenset({"context", "window", "length"}))}
_IRREGULAR = {"children": "child", "people": "person", "women": "woman", "men": "man", "mice": "mouse"}
_NOT_PLURAL = frozenset("corpus status focus bonus consensus virus radius bus thus plus minus versus nexus campus "
                        "this has was is its".split())


def singular(word: str) -> str:
    if word in _IRREGULAR:
        return _IRREGULAR[word]
    if len(word) > 3 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("s") and not word.endswith("ss") and word not in _NOT_PLURAL:
        return word[:-1]
    return word


def group_words(word: str) -> tuple[str, ...]:
    """The words of ``word``'s group, or the word alone."""
    group = GROUP_OF.get(word) or GROUP_OF.get(singular(word))
    return tuple(sorted(GROUPS[group].split())) if group else (word,)


def written_as_name(word: str, first: bool) -> bool:
    """ImageNet, GLUE, A100, Llama-2 (a capital alone counts only away from the start of a sentence)."""
    inner_capital = any(c.isupper() for c in word[1:])
    digit_and_letter = any(c.isdigit() for c in word) and any(c.isalpha() for c in word)
    return inner_capital or digit_and_letter or (word[:1].isupper() and not first)


def needs_name(nouns: list[str]) -> bool:
    """Whether the things asked for are named things (a GPU, a dataset), which a name must give."""
    return any(GROUP_OF.get(singular(w), singular(w)) in NEEDS_NAME or singular(w) in NEEDS_NAME for w in nouns)


def said_for(content: list[str], own: set[str] | frozenset[str]) -> tuple[str, ...]:
    """The word just before the asked noun, which a sentence may write for it: "which foundation model":
    "the Llama-3.1-70B foundation"; "which Llama 3.1 model": "(Llama 3.1 405B)"."""
    words = [w for w in content if w[:1].isalpha() and w.casefold() not in own]
    word = words[-1].casefold() if words else ""
    plain = word.isalpha() and word not in PLAIN_MODIFIERS and word not in SUPERLATIVES and word not in COMPARATIVES
    return (word,) if plain and (len(word) > 3 or written_as_name(words[-1], first=False)) else ()

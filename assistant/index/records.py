"""What one stored chunk record holds, and how it is written and read back.

A record is a LlamaIndex node as ``ChromaVectorStore`` writes it (so LlamaIndex's retriever reads it
back), in Chroma's flat metadata: the paper's id, content hash and chunk count (which make ingest
idempotent), its bibliographic fields, and on each paper's first chunk its abstract, its sentences
and their vectors, encoded here.
"""

from __future__ import annotations

import base64
import json
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from ..models import Chunk, Paper, joined, listed

# Chroma-only lists of a chunk's categories and collections, for `$contains` filters (LlamaIndex
# metadata is flat).
CATEGORY_LIST_KEY = "category_list"
COLLECTION_LIST_KEY = "collection_list"
# A paper's abstract sentences and their vectors ride on its first chunk's metadata, outside the
# node that LlamaIndex serializes: read by paper id, they need no vector index of their own (a
# Chroma collection of sentences held an HNSW index in memory that nothing ever searched).
SENTENCES_KEY = "sentences"
SENTENCE_VECTORS_KEY = "sentence_vectors"
# Set on a first chunk written before its sentences were embedded (the app's first start makes papers
# searchable first; ``index/backfill.py`` fills the vectors in behind and removes the mark).
SENTENCES_LATER_KEY = "sentences_later"
# The abstract too: kept out of the serialized node, it is stored once per paper rather than three
# times (Chroma's flat metadata, the node JSON, the keyword index's copy of that JSON).
ABSTRACT_KEY = "abstract"


@dataclass(frozen=True)
class StoredSentence:
    position: int  # in the abstract
    text: str
    vector: np.ndarray  # unit length


def record_metadata(node, sentences: Mapping[str, tuple[Sequence[str], Sequence[Sequence[float]] | None]]
                    ) -> dict[str, Any]:
    """A node's flat metadata as stored; on a first chunk, ``sentences[paper_id]`` rides along (vectors
    ``None``: marked to be embedded later)."""
    from llama_index.core.vector_stores.utils import node_to_metadata_dict

    abstract = node.metadata.get(ABSTRACT_KEY)
    if abstract is not None:
        node = node.model_copy(update={"metadata": {k: v for k, v in node.metadata.items() if k != ABSTRACT_KEY}})
    meta = node_to_metadata_dict(node, remove_text=True, flat_metadata=True)
    if abstract is not None:
        meta[ABSTRACT_KEY] = abstract
    if node.metadata.get("categories"):
        meta[CATEGORY_LIST_KEY] = [c.casefold() for c in listed(node.metadata["categories"])]
    if node.metadata.get("collections"):
        meta[COLLECTION_LIST_KEY] = list(listed(node.metadata["collections"]))
    paper_sentences = sentences.get(node.metadata["paper_id"]) if node.metadata.get("chunk_index") == 0 else None
    if paper_sentences:
        texts, vectors = paper_sentences
        meta[SENTENCES_KEY] = json.dumps(list(texts), ensure_ascii=False)
        if vectors is None:
            meta[SENTENCES_LATER_KEY] = True
        else:
            meta[SENTENCE_VECTORS_KEY] = encode_vectors(vectors)
    return meta


def encode_vectors(vectors: Sequence[Sequence[float]]) -> str:
    return base64.b64encode(np.asarray(vectors, dtype="<f4").tobytes()).decode()


def sentence_texts(meta: Mapping[str, Any]) -> list[str]:
    return json.loads(meta.get(SENTENCES_KEY) or "[]")


def sentences_of(records: Mapping[str, Mapping[str, Any]], paper_ids: Sequence[str],
                 embed: Callable[[list[str]], Sequence[Sequence[float]]] | None = None,
                 ) -> dict[str, list[StoredSentence]]:
    """The sentences and vectors carried by first-chunk records (``PaperStore.paper_records``).

    A record whose vectors are still to be filled in has them made now by ``embed`` (a few papers'
    sentences: a fraction of a second), so answers come while the store is being completed."""
    out: dict[str, list[StoredSentence]] = {pid: [] for pid in paper_ids}
    missing: dict[str, list[str]] = {}
    for paper_id, meta in records.items():
        texts = sentence_texts(meta)
        if not texts:
            continue
        if not meta.get(SENTENCE_VECTORS_KEY):
            missing[paper_id] = texts
            continue
        vectors = np.frombuffer(base64.b64decode(meta[SENTENCE_VECTORS_KEY]), dtype="<f4").reshape(len(texts), -1)
        out[paper_id] = _stored(texts, vectors)
    if missing:
        if embed is None:
            raise ValueError("sentence vectors not stored yet and no embedding to make them")
        for (paper_id, texts), vectors in zip(missing.items(), embed_grouped(embed, list(missing.values()))):
            out[paper_id] = _stored(texts, np.asarray(vectors, dtype=np.float32))
    return out


def embed_grouped(embed: Callable[[list[str]], Sequence[Sequence[float]]], groups: Sequence[Sequence[str]]) -> list:
    """Texts of many groups (papers' sentences, a batch's chunks) embedded in one call, the vectors
    handed back group by group."""
    flat = embed([text for group in groups for text in group])
    out, offset = [], 0
    for group in groups:
        out.append(flat[offset : offset + len(group)])
        offset += len(group)
    return out


def _stored(texts: Sequence[str], vectors: np.ndarray) -> list[StoredSentence]:
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    vectors = vectors / np.where(norms == 0, 1.0, norms)
    return [StoredSentence(i, t, v) for i, (t, v) in enumerate(zip(texts, vectors))]


def chunk_nodes(paper: Paper, chunks: Sequence[Chunk]) -> list:
    """LlamaIndex nodes in the stored schema. Only the title joins the chunk text when embedding and
    in BM25; the whole abstract rides on the first chunk alone, for extractive answers."""
    from llama_index.core.schema import TextNode

    base = {
        "paper_id": paper.paper_id,
        "paper_hash": paper.content_hash,
        "n_chunks": len(chunks),
        "title": paper.title,
        "url": paper.url,
        "date": paper.date,
        "authors": joined(paper.authors),
        "source": paper.source,
        "collection": paper.collection,
        "collections": joined(paper.all_collections),
        "venue": paper.venue,
        "origin": paper.origin,
        "categories": joined(paper.categories),
        "doi": paper.doi,
        "arxiv_id": paper.arxiv_id,
    }
    if paper.day:  # absent, not 0, when the date has no year: a date filter then leaves the paper out
        base["day"] = paper.day
    nodes = []
    for chunk in chunks:
        meta = {**base, "chunk_index": chunk.index}
        if chunk.index == 0:
            meta[ABSTRACT_KEY] = paper.abstract
        nodes.append(
            TextNode(
                id_=chunk.chunk_id,
                text=chunk.text,
                metadata=meta,
                excluded_embed_metadata_keys=[k for k in meta if k != "title"],
                excluded_llm_metadata_keys=[k for k in meta if k != "title"],
                metadata_template="{value}",
                text_template="{metadata_str}\n{content}",
            )
        )
    return nodes


def paper_fields(meta: Mapping[str, Any]) -> dict[str, object]:
    """A paper as ``Assistant.paper`` gives it: its first chunk's record, bibliographic fields only."""
    return {
        "paper_id": meta["paper_id"], "title": meta["title"], "abstract": meta.get("abstract", ""),
        "url": meta.get("url", ""), "date": meta.get("date", ""), "authors": list(listed(meta.get("authors"))),
        "categories": list(listed(meta.get("categories"))), "doi": meta.get("doi", ""),
        "arxiv_id": meta.get("arxiv_id", ""), "collection": meta.get("collection", ""),
        "source": meta.get("source", ""),
    }

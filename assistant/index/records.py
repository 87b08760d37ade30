"""What one stored chunk record holds, and how it is written and read back.

A record is a LlamaIndex node as ``ChromaVectorStore`` writes it (so LlamaIndex's retriever reads it
back), in Chroma's flat metadata: the paper's id, content hash and chunk count (which make ingest
idempotent), its bibliographic fields, and on each paper's first chunk its abstract, its sentences
and their vectors, encoded here.
"""

from __future__ import annotations

import base64
import json
from collections.abc import Mapping, Sequence
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
# The abstract too: kept out of the serialized node, it is stored once per paper rather than three
# times (Chroma's flat metadata, the node JSON, the keyword index's copy of that JSON).
ABSTRACT_KEY = "abstract"


@dataclass(frozen=True)
class StoredSentence:
    position: int  # in the abstract
    text: str
    vector: np.ndarray  # unit length


def record_metadata(node, sentences: Mapping[str, tuple[Sequence[str], Sequence[Sequence[float]]]]) -> dict[str, Any]:
    """A node's flat metadata as stored; on a first chunk, ``sentences[paper_id]`` rides along."""
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
        meta[SENTENCE_VECTORS_KEY] = base64.b64encode(np.asarray(vectors, dtype="<f4").tobytes()).decode()
    return meta


def sentences_of(records: Mapping[str, Mapping[str, Any]], paper_ids: Sequence[str]
                 ) -> dict[str, list[StoredSentence]]:
    """The sentences and vectors carried by first-chunk records (``PaperStore.paper_records``)."""
    out: dict[str, list[StoredSentence]] = {pid: [] for pid in paper_ids}
    for paper_id, meta in records.items():
        texts = json.loads(meta.get(SENTENCES_KEY) or "[]")
        if not texts:
            continue
        vectors = np.frombuffer(base64.b64decode(meta[SENTENCE_VECTORS_KEY]), dtype="<f4").reshape(len(texts), -1)
        norms = np.linalg.norm(vectors, axis=1, keepdims=True)
        vectors = vectors / np.where(norms == 0, 1.0, norms)
        out[paper_id] = [StoredSentence(i, t, v) for i, (t, v) in enumerate(zip(texts, vectors))]
    return out


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

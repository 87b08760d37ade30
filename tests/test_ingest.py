import dataclasses

import pytest

from assistant import Assistant, CorpusError, Settings
from assistant.index.chunking import Chunker, embed_text, split_sentences, wordpiece_tokenizer
from assistant.corpus import load_papers, read_file
from assistant.index.embedding import HashEmbedding
from assistant.index.store import PaperStore
from tests.conftest import MINI_FEED, PROJECT


class CountingEmbedding(HashEmbedding):
    texts_embedded: int = 0

    def _get_text_embeddings(self, texts):
        self.texts_embedded += len(texts)
        return [self._vector(t) for t in texts]


@pytest.fixture
def counting(settings):
    embedding = CountingEmbedding()
    return Assistant(settings, embedding=embedding), embedding


def _copy_feed(tmp_path, name="feed.txt"):
    path = tmp_path / name
    path.write_text(MINI_FEED.read_text())
    return path


def test_second_ingest_of_unchanged_input_embeds_nothing(counting, tmp_path):
    assistant, embedding = counting
    feed = _copy_feed(tmp_path)
    first = assistant.ingest([feed], progress=False)
    chunks = assistant.store.count()
    assert first.added == 8 and first.chunks_written == chunks
    stored = assistant.store.paper_sentences(list(assistant.store.stored_papers()))
    assert first.sentences_written == sum(len(v) for v in stored.values()) > chunks
    assert all(s.text in p.abstract for p in read_file(MINI_FEED) for s in stored[p.paper_id])
    assert embedding.texts_embedded == chunks + first.sentences_written

    second = assistant.ingest([feed], progress=False)
    assert (second.added, second.updated, second.unchanged, second.chunks_written) == (0, 0, 8, 0)
    assert embedding.texts_embedded == chunks + first.sentences_written
    assert assistant.store.count() == chunks


def test_edited_abstract_replaces_its_old_chunks(counting, tmp_path):
    assistant, embedding = counting
    feed = _copy_feed(tmp_path)
    assistant.ingest([feed], progress=False)
    before = assistant.store.count()
    text = feed.read_text()
    feed.write_text(text.replace("Upcycling pre-trained dense language models", "Recycling pre-trained dense language models"))
    embedded_before = embedding.texts_embedded

    report = assistant.ingest([feed], progress=False)

    assert (report.added, report.updated, report.unchanged) == (0, 1, 7)
    assert embedding.texts_embedded - embedded_before == report.chunks_written + report.sentences_written
    assert assistant.store.count() == before
    documents = assistant.store.collection.get(include=["documents"])["documents"]
    assert any("Recycling pre-trained" in d for d in documents)
    assert not any("Upcycling pre-trained dense" in d for d in documents)


def test_new_file_adds_only_its_new_papers(counting, tmp_path):
    assistant, _ = counting
    feed = _copy_feed(tmp_path)
    assistant.ingest([feed], progress=False)
    extra = tmp_path / "extra.jsonl"
    extra.write_text(
        '{"title": "Scalable MatMul-free Language Modeling", "date": "Sep 9", "abstract": "%s"}\n'
        '{"title": "A Brand New Paper on Sparse Attention", "abstract": "We study sparse attention kernels."}\n'
        % read_file(MINI_FEED)[4].abstract.replace('"', '\\"')
    )
    report = assistant.ingest([extra], progress=False)
    # The repeated paper moves to the new file's collection (so a collection filter finds it there).
    assert (report.added, report.unchanged, report.updated) == (1, 0, 1)
    assert assistant.store.stats()["papers"] == 9
    moved = assistant.store.paper_records([read_file(MINI_FEED)[4].paper_id])
    assert [m["collection"] for m in moved.values()] == ["extra"]
    again = assistant.ingest([extra], progress=False)
    assert (again.added, again.unchanged, again.updated) == (0, 2, 0)


def test_bad_file_stops_ingest_before_anything_stored_changes(counting, tmp_path):
    assistant, _ = counting
    feed = _copy_feed(tmp_path)
    assistant.ingest([feed], progress=False)
    snapshot = assistant.store.collection.get(include=["documents", "metadatas"])
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"Good Title\nAn abstract with plenty of words so that it reads as prose here.\n\xff\xfe broken\n")
    edited = _copy_feed(tmp_path, "edited.txt")
    edited.write_text(edited.read_text().replace("Upcycling", "Changed"))

    with pytest.raises(CorpusError, match=r"bad\.txt:3"):
        assistant.ingest([edited, bad], progress=False)

    assert assistant.store.collection.get(include=["documents", "metadatas"]) == snapshot


def test_interrupted_paper_is_repaired_on_the_next_ingest(counting, tmp_path):
    assistant, _ = counting
    feed = _copy_feed(tmp_path)
    assistant.ingest([feed], progress=False)
    victim = read_file(feed)[0].paper_id
    assistant.store.collection.delete(ids=[f"{victim}:1"])  # as if killed between two writes

    report = assistant.ingest([feed], progress=False)

    assert report.updated == 1
    stored = assistant.store.stored_papers()
    assert all(p.complete for p in stored.values())


def test_every_embedded_chunk_fits_the_model_limit_and_carries_its_title():
    count = wordpiece_tokenizer()
    chunker = Chunker(256, 48)
    papers = load_papers([PROJECT / "data"]).papers
    n_chunks = 0
    for paper in papers:
        chunks = chunker.chunk(paper)
        assert chunks, paper.title
        for chunk in chunks:
            n_chunks += 1
            assert len(count(embed_text(paper.title, chunk.text))) + 2 <= 256  # + [CLS] and [SEP]
    assert n_chunks > len(papers)  # most abstracts are longer than the limit and were cut


def test_chunks_end_at_sentence_boundaries():
    paper = read_file(MINI_FEED)[1]
    chunks = Chunker(128, 16).chunk(paper)
    assert len(chunks) >= 3
    assert all(c.text.rstrip().endswith((".", "!", "?", ")", '"')) for c in chunks)


def test_sentences_and_chunks_step_over_the_abbreviations_of_papers():
    abstract = ("With the proposed SSF, our model obtains 11.48% (73.10% vs. 65.57%) improvement on VTAB-1k. "
                "Existing methods tune intra-block parts (e.g. low-rank factors), as Gu et al. showed in Fig. 2. "
                "We release the code.")
    assert split_sentences(abstract) == [
        "With the proposed SSF, our model obtains 11.48% (73.10% vs. 65.57%) improvement on VTAB-1k.",
        "Existing methods tune intra-block parts (e.g. low-rank factors), as Gu et al. showed in Fig. 2.",
        "We release the code."]
    paper = read_file(MINI_FEED)[1]
    long = dataclasses.replace(paper, abstract=" ".join([abstract] * 12))
    for chunk in Chunker(96, 8).chunk(long):
        assert not chunk.text.rstrip().endswith(("vs.", "e.g.", "al.", "Fig.")), chunk.text


def test_collection_name_follows_embedding_and_chunking_settings(tmp_path):
    base = Settings(vectorstore_dir=tmp_path, embed_model="hash")
    names = {
        base.collection_name,
        base.with_overrides(chunk_tokens=200).collection_name,
        base.with_overrides(chunk_overlap=10).collection_name,
        base.with_overrides(embed_model="sentence-transformers/all-MiniLM-L6-v2").collection_name,
    }
    assert len(names) == 4
    assert base.with_overrides(top_k=3).collection_name == base.collection_name


def test_store_built_under_other_settings_is_reported_not_mixed(settings):
    first = Assistant(settings)
    first.ingest([MINI_FEED], progress=False)
    other = Assistant(settings.with_overrides(chunk_tokens=128))
    assert other.store.count() == 0
    assert other.status()["other_collections"] == [first.store.name]


def test_store_reopens_from_disk(settings):
    Assistant(settings).ingest([MINI_FEED], progress=False)
    reopened = PaperStore(settings)
    assert reopened.stats()["papers"] == 8


def test_each_abstract_is_stored_once_on_its_papers_first_chunk(assistant):
    import json

    from assistant.index import keywords

    papers = {p.paper_id: p for p in load_papers([MINI_FEED]).papers}
    stored = assistant.store.collection.get(include=["metadatas"])
    firsts = {m["paper_id"]: m for m in stored["metadatas"] if m["chunk_index"] == 0}
    assert {pid: m["abstract"] for pid, m in firsts.items()} == {pid: p.abstract for pid, p in papers.items()}
    assert not [m for m in stored["metadatas"] if m["chunk_index"] > 0 and "abstract" in m]
    # Neither the node LlamaIndex serializes nor the keyword index's copy of it repeats the abstract.
    assert not [m for m in stored["metadatas"] if "abstract" in json.loads(m["_node_content"])["metadata"]]
    index = keywords.index_dir(assistant.store, assistant.store.version()) / "corpus.jsonl"
    nodes = [json.loads(json.loads(line)["_node_content"]) for line in index.read_text().splitlines()]
    assert len(nodes) == len(stored["ids"]) and not [n for n in nodes if "abstract" in n["metadata"]]
    # What the pipeline reads from the store still has it, for extractive and LLM answers alike.
    paper_id = next(iter(papers))
    assert assistant.paper(paper_id)["abstract"] == papers[paper_id].abstract


def test_a_rebuilt_collection_never_opens_the_dropped_ones_keyword_index(settings, tmp_path):
    from assistant.index.client import drop_collection

    feed = _copy_feed(tmp_path)
    first = Assistant(settings)
    first.ingest([feed], progress=False)
    assert first.retriever.retrieve("Muon optimizer", kind="bm25").papers[0].title == "Muon is Scalable for LLM Training"
    drop_collection(settings)
    extra = tmp_path / "only.jsonl"
    extra.write_text('{"title": "Zebrafish Kernels", "abstract": "Zebrafish kernels accelerate quokka inference."}\n')
    second = Assistant(settings)
    second.ingest([extra], progress=False)  # version 1 again, in a new collection
    found = second.retriever.retrieve("Muon optimizer zebrafish", kind="bm25")
    assert [p.title for p in found.papers] == ["Zebrafish Kernels"]

import re

import pytest

from assistant import NO_ANSWER, QuestionError, Turn
from assistant.corpus import read_file
from tests.conftest import MINI_FEED

UPCYCLING = "Upcycling Large Language Models into Mixture of Experts"
MARKER = re.compile(r"\[(\d+)\]")


def _markers(text):
    return [int(n) for n in MARKER.findall(text)]


def test_hybrid_retrieval_groups_chunks_by_paper(assistant):
    found = assistant.retriever.retrieve("upcycling dense models into mixture of experts", k=3)
    assert found.papers[0].title == UPCYCLING
    ids = [p.paper_id for p in found.papers]
    assert len(ids) == len(set(ids)) == 3
    assert all(1 <= len(p.passages) <= 3 for p in found.papers)
    assert found.papers[0].passages == tuple(sorted(found.papers[0].passages, key=lambda p: -p.similarity))


@pytest.mark.parametrize("kind", ["dense", "bm25", "hybrid"])
def test_each_retriever_finds_a_paper_by_its_name(assistant, kind):
    found = assistant.retriever.retrieve("Root Mean Square Layer Normalization", k=2, kind=kind)
    assert found.papers[0].title == "Root Mean Square Layer Normalization"


def test_bm25_sees_papers_ingested_after_it_was_built(assistant, tmp_path):
    assistant.retriever.retrieve("anything", k=1)
    extra = tmp_path / "x.jsonl"
    extra.write_text('{"title": "Zebrafish Kernels", "abstract": "Zebrafish kernels accelerate quokka inference."}\n')
    assistant.ingest([extra], progress=False)
    found = assistant.retriever.retrieve("quokka zebrafish", k=1, kind="bm25")
    assert found.papers[0].title == "Zebrafish Kernels"


def test_extractive_answer_quotes_sentences_with_valid_citations(assistant):
    answer = assistant.ask("What is the virtual group initialization for upcycling mixture of experts?")
    assert answer.mode == "extractive" and not answer.abstained
    assert answer.sources[0].title == UPCYCLING
    assert "virtual group" in answer.text
    numbers = _markers(answer.text)
    assert numbers and set(numbers) == set(range(1, len(answer.sources) + 1))
    assert numbers[0] == 1  # sources are numbered in order of first citation
    abstracts = " ".join(p.abstract for p in read_file(MINI_FEED))
    for quote in re.findall(r"\u201c(.+?)\u201d", answer.text):
        assert quote in abstracts  # quoted verbatim, never paraphrased
    assert answer.sources[0].highlights and all(h in abstracts for h in answer.sources[0].highlights)
    cited = {s.paper_id for s in answer.sources}
    assert not cited & {s.paper_id for s in answer.uncited}


def test_a_quoted_sentence_s_own_bracketed_numbers_are_never_taken_for_citations(assistant, tmp_path):
    extra = tmp_path / "refs.jsonl"
    extra.write_text('{"title": "Quokka Skull Stripping", "abstract": "We compare quokka skull stripping with '
                     'BET (Smith [2002]) and BSE [12] on 40 scans. Quokka stripping is 3 times faster than BET."}\n')
    assistant.ingest([extra], progress=False)
    answer = assistant.ask("On how many scans is quokka skull stripping compared?")
    assert answer.sources and answer.sources[0].title == "Quokka Skull Stripping"
    assert "Smith \\[2002\\]" in answer.text and "BSE \\[12\\]" in answer.text  # Markdown shows [2002]
    assert set(_markers(answer.text)) == set(range(1, len(answer.sources) + 1))
    assert any("Smith [2002]" in h for h in answer.sources[0].highlights)  # highlighted in the abstract as written


def test_extractive_answers_are_deterministic(assistant, settings):
    from assistant import Assistant

    question = "How does quantization degrade models trained on many tokens?"
    first = assistant.ask(question).to_dict()
    again = Assistant(settings).ask(question).to_dict()
    for d in (first, again):
        d.pop("timings")
    assert first == again


def test_which_papers_question_lists_one_line_per_paper(assistant):
    answer = assistant.ask("Which papers discuss speculative decoding or mixture of experts?", top_k=4)
    lines = [line for line in answer.text.splitlines() if line.startswith("- ")]
    assert len(lines) == len(answer.sources) == 4
    for number, (line, source) in enumerate(zip(lines, answer.sources), start=1):
        assert source.title in line and f"[{number}]" in line


def test_weak_support_abstains_with_the_shared_sentence(assistant):
    answer = assistant.ask("sourdough bread baking hydration levels", )
    assert answer.abstained
    assert answer.text == NO_ANSWER
    assert answer.sources == ()
    assert _markers(answer.text) == []


def test_followup_retrieval_uses_the_previous_turn(assistant):
    history = [Turn("What is the virtual group initialization for upcycling mixture of experts?", "...")]
    answer = assistant.ask("What hyperparameters matter for it?", history)
    assert answer.sources[0].title == UPCYCLING
    assert answer.query.startswith(history[0].question)


def test_self_contained_followup_is_searched_on_its_own(assistant):
    history = [Turn("What is the virtual group initialization for upcycling mixture of experts?", "...")]
    answer = assistant.ask("Which papers study layer normalization?", history)
    assert answer.query == "Which papers study layer normalization?"
    assert answer.sources[0].title == "Root Mean Square Layer Normalization"


@pytest.mark.parametrize("question", ["", "   \n\t ", "\x00\x01\x02"])
def test_empty_questions_get_a_clear_message(assistant, question):
    with pytest.raises(QuestionError, match="Please type a question"):
        assistant.ask(question)


def test_overlong_question_is_refused_with_its_length(assistant):
    with pytest.raises(QuestionError, match="100,000 characters"):
        assistant.ask("x" * 100_000)


def test_answer_to_dict_is_json_ready(assistant):
    import json

    answer = assistant.ask("Muon optimizer scalability")
    data = json.loads(json.dumps(answer.to_dict()))
    assert data["sources"][0]["title"] == answer.sources[0].title
    assert set(data["sources"][0]) >= {"paper_id", "title", "snippet", "score"}
    assert data["mode"] == "extractive" and "total" in data["timings"]

"""A paper named by its title's words in a long question, by a short name behind a venue's label
("Preprint: Norm Loss: ..."), a figure asked for as "the X figure", and what the answer calls the paper when
its abstract lacks what is asked (fifteenth round, evals/README.md)."""

from __future__ import annotations

import json

from assistant import Assistant
from assistant.answer.evidence import Candidate, weigh
from assistant.answer.focus import carries, focus_of
from assistant.answer.modes import paper_name
from assistant.answer.naming import question_names, says_short_name
from assistant.answer.quoting import not_stated_sentence
from assistant.index.vocabulary import TermStats, short_name

REWEIGHTING = ("r", "Dynamic Loss-Based Sample Reweighting for Improved Large Language Model Pretraining",
               "We reweight training samples by their loss while pretraining large language models. The method "
               "improves downstream accuracy of 1B and 7B models.")
LINEARIZING = ("l", "LoLCATs: On Low-Rank Linearizing of Large Language Models",
               "Linearizing large language models still requires training over billions of tokens for 7B models.")
MIXING = ("m", "Data Mixing Laws for Pretraining Large Language Models",
          "An optimized data mixture matches the default one in 27% fewer steps.")
PAPERS = (REWEIGHTING, LINEARIZING, MIXING)
ASKED = ("With the loss-based sample reweighting for LLM pretraining, how many fewer steps does the 7B model "
         "need to reach the baseline's final performance?")


def _named(question: str, similarity: list[float]) -> tuple[bool, int | None]:
    stats = TermStats.from_papers(PAPERS)
    candidates = [Candidate(t, text, sentence=s, dense=s) for (_, t, text), s in zip(PAPERS, similarity)]
    evidence = weigh(question, stats, candidates, 0.4)
    return evidence.named, evidence.paper


def test_a_long_question_that_restates_most_of_a_titles_words_names_that_paper():
    """Most of the title's distinctive words are in the question, but what it asks makes them less than
    half of its words: the best-supported paper is still the one it names."""
    assert _named(ASKED, [0.6, 0.5, 0.5]) == (True, 0)


def test_restating_a_title_names_only_the_best_supported_paper_and_two_shared_words_name_none():
    # the paper whose title is restated is not the best supported: nothing is named, and whichever paper
    # gives the detail may answer
    assert _named(ASKED, [0.1, 0.9, 0.9])[0] is False
    assert _named("How many fewer steps does sample reweighting need to reach the baseline?", [0.6, 0.5, 0.5])[0] \
        is False


def test_a_venues_label_before_the_short_name_is_no_name():
    title = "Preprint: Norm Loss: An efficient yet effective regularization method for deep neural networks"
    assert short_name(title) == "norm loss"
    stats = TermStats.from_papers([("n", title, "Norm Loss regularizes the weights of deep networks.")])
    assert says_short_name("Give me the top-1 accuracy Norm Loss reaches with ResNet on ImageNet.", title, stats)
    assert short_name("Survey: LLM Compression") == ""  # a label, and nothing after it names the paper


def test_the_frames_per_second_figure_asks_for_frames_per_second():
    focus = focus_of("Which COCO AP and which frames-per-second figure on a Tesla T4 were reported?")
    fps = focus.parts[0]
    assert fps.kind == "quantity" and "fps" in fps.terms
    assert carries("YOLOv6-N hits 35.9% AP on COCO at a throughput of 1234 FPS on a Tesla T4 GPU.", fps)
    assert not carries("YOLOv6-N hits 35.9% AP on COCO, trained on 8 Tesla V100 GPUs.", fps)


def test_a_detail_the_restated_paper_lacks_is_said_to_be_missing_not_quoted_from_another(settings, tmp_path):
    feed = tmp_path / "pretraining.jsonl"
    feed.write_text("".join(json.dumps({"title": t, "abstract": a}) + "\n" for _, t, a in PAPERS))
    assistant = Assistant(settings)
    assistant.ingest([feed], progress=False)
    answer = assistant.ask(ASKED)
    first = answer.text.split("\n\n")[0]
    assert "27%" not in first and "abstract" in first, answer.text
    assert [s.title for s in answer.sources][:1] == [REWEIGHTING[1]], answer.text


def test_the_answer_calls_a_paper_by_a_name_of_its_own_not_one_many_papers_use():
    bucharest = "The Summer Surface Urban Heat Island of Bucharest Retrieved from MODIS Images"
    papers = [("b", bucharest, "Surface temperatures of the city were retrieved from MODIS images.")] + [
        (f"m{i}", f"Land Cover Study {i}", f"MODIS land surface temperature over city {i}.") for i in range(5)] + [
        ("u", "Muon is Scalable for LLM Training", "Muon doubles the computational efficiency of AdamW.")]
    stats = TermStats.from_papers(papers)
    assert paper_name(bucharest, "Which years do the MODIS images of the heat island span?", stats) == ""
    assert paper_name("Muon is Scalable for LLM Training", "How many GPUs did Muon use?", stats) == "Muon"
    assert not_stated_sentence(bucharest, focus_of("Which license is it under?"), again=True) \
        == "Nor does it state the license [1]."


def test_a_name_an_abstract_introduces_finds_its_paper_however_many_others_match_the_rest(settings, tmp_path):
    simclr = {"title": "A Simple Framework for Contrastive Learning of Visual Representations",
              "abstract": "This paper presents SimCLR: a simple framework for contrastive learning of visual "
                          "representations without specialized architectures or a memory bank."}
    others = [{"title": f"Efficient Convolutional Network {i}",
               "abstract": f"Network {i} reaches {70 + i}.5% top-1 accuracy on ImageNet under linear evaluation "
                           f"and reports ImageNet top-1 accuracy for every width."} for i in range(6)]
    stats = TermStats.from_papers([(str(i), p["title"], p["abstract"]) for i, p in enumerate([simclr, *others])])
    assert stats.named["simclr"] == ["0"]
    assert "imagenet" not in stats.named  # named in passing by many papers, coined by none
    feed = tmp_path / "vision.jsonl"
    feed.write_text("".join(json.dumps(p) + "\n" for p in [simclr, *others]))
    assistant = Assistant(settings)
    assistant.ingest([feed], progress=False)
    answer = assistant.ask("What ImageNet top-1 accuracy under linear evaluation does SimCLR report?", top_k=3)
    assert [s.title for s in answer.sources][:1] == [simclr["title"]], answer.text


def test_a_papers_own_name_in_lower_case_names_it_and_a_plain_word_does_not():
    """Drug and software names are written in lower case ("zolbetuximab", "smdi"); a plain word of one
    title ("quantifying") has relatives in the collection ("quantification") and names nothing."""
    papers = [("z", "Zolbetuximab in Gastric or Gastroesophageal Junction Adenocarcinoma", "A phase 3 trial."),
              ("s", "smdi: an R package to investigate missing data", "Structural missing data investigations."),
              ("q", "Quantifying forest change in Nepal", "Forest cover fell."),
              ("c", "Carbon quantification in soils", "Soil carbon stocks were measured."),
              ("h", "Handling missing data in clinical research", "Missing data are common; Little's MCAR test.")]
    stats = TermStats.from_papers(papers)
    assert "quantifying" not in question_names("Which papers are quantifying forest change?", stats)
    recordings = TermStats.from_papers([*papers, ("b", "Babbling as Seen in All-Day Recordings", "Infants babble.")])
    assert "all-day" not in question_names("How many all-day recordings were annotated?", recordings)
    # the paper about missing data in general is the best supported, but the questions name the others
    candidates = [Candidate(t, text, sentence=s, dense=s) for (_, t, text), s in zip(papers, [0.2, 0.3, 0.2, 0.2, 0.6])]
    smdi = weigh("Which formal test does smdi use to decide whether confounder data are missing completely at random?",
                 stats, candidates, 0.4)
    assert (smdi.named, smdi.paper) == (True, 1)
    zolbetuximab = weigh("What does zolbetuximab target in gastric cancer?", stats, candidates, 0.4)
    assert (zolbetuximab.named, zolbetuximab.paper) == (True, 0)

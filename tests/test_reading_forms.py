"""Names and question forms read since the fourteenth round, from the development sets' misses
(``evals/README.md``): words that only look like names, figures and descriptions that restrict nothing,
counts, ages and versions, and a figure that stands farther from the asked word."""

from __future__ import annotations

import json

from assistant import Assistant
from assistant.answer.evidence import Candidate, weigh
from assistant.answer.focus import carries, focus_of
from assistant.answer.naming import asked_names, names_paper
from assistant.index.terms import words, written_names
from assistant.index.vocabulary import TermStats

CLINIC = ("c", "Large Language Models Encode Clinical Knowledge",
          "Flan-PaLM reaches 67.6% accuracy on MedQA (US Medical License Exam questions). Patients with the defect "
          "show impaired S-oxidation of carbocysteine. We provide data for a basin of 13 km(2). Flash attention "
          "speeds up decoding.")


def _unknown(question: str) -> tuple[str, ...]:
    stats = TermStats.from_papers([CLINIC])
    _, title, text = CLINIC
    return weigh(question, stats, [Candidate(title, text, sentence=0.5, dense=0.5)], 0.4).unknown_names


def test_a_capitalized_word_the_collection_writes_in_another_form_is_no_unknown_name():
    """"US Medical Licensing Exam" where the abstract writes "License Exam": no name nobody mentions, so no
    penalty; but "Providence" is no form of "provide", and a name coined from two words must appear whole."""
    assert _unknown("What accuracy does Flan-PaLM reach on the US Medical Licensing Exam?") == ()
    assert _unknown("How many patients could not S-oxidise carbocysteine?") == ()  # British, another form
    assert _unknown("How many hours of the Providence corpus were used?") == ("providence",)
    assert _unknown("How much faster is Flash-Decoding?") == ("flash-decoding",)


def test_a_unit_or_a_figure_with_what_it_measures_is_no_name():
    assert _unknown("In a 13 km2 basin, how much of the variation was explained?") == ()
    assert _unknown("A generator encodes a 256-cubed field: what compression ratio does it reach?") == ()
    assert _unknown("How accurate is Med-Gemini on MedQA?") == ("med-gemini",)


def test_a_figure_or_a_description_restricts_no_answer_but_the_rival_beaten_does():
    stated = focus_of("After fine-tuning on 120k preference pairs, how much did conversational ability go up?")
    assert stated.qualifiers == ()
    assert carries("Fine-tuning with MM-RLHF leads to a 19.5% increase in conversational abilities.", stated)
    rival = focus_of("By how much does the MLLM built on a CLIP-style encoder beat GPT-4o?")
    assert rival.qualifiers == ("gpt-4o",)
    assert carries("VILA-HD outperforms all previous MLLMs, including a 14.5% improvement over GPT-4o.", rival)
    assert not carries("PS3 scales CLIP-style vision pre-training to 4K resolution at a 2x lower cost.", rival)
    # a clause that describes the work is not the comparison asked about
    assert "codex" not in focus_of("The 2.7B model that beats Codex in C was trained on how much code?").qualifiers


def test_the_mean_number_of_a_thing_counts_the_thing_and_hours_may_be_written_hr():
    mean = focus_of("How many youngsters were followed, and what was the mean number of recorded hours per day?")
    hours = mean.parts[0]
    assert (hours.kind, hours.words, hours.count) == ("quantity", ("hours",), True)
    assert carries("We observed 107 children and their families over 3 days (M = 15.06 hr per day).", hours)
    assert not carries("We observed 107 children and their 212 siblings.", hours)
    assert carries("We analyzed daylong audio recordings (13,836 hr total) of children.",
                   focus_of("How many hours of day-long audio were used?"))
    # "the largest number of times": a figure of times, as "how many times" asks
    assert focus_of("What is the largest number of times a single example was seen?").words != ("times",)


def test_a_version_is_named_by_its_number():
    version = focus_of("Which version of librosa does its overview document describe?")
    assert carries("This document describes version 0.4.0 of librosa, a Python package.", version, strict=True)
    assert not carries("Later versions of librosa add more features.", version, strict=True)


def test_an_age_is_a_figure_beside_age_aged_or_old():
    age = focus_of("After what age did the articulator relationships become adultlike?")
    assert (age.kind, age.words) == ("quantity", ("age",))
    assert carries("Speech motor control processes are not adultlike until after age 14 years.", age)
    assert not carries("Speech motor control matures slowly in 180 children.", age)
    assert focus_of("How old were the participants?").words == ("age",)


def test_a_figure_farther_from_the_asked_word_is_quoted_when_the_near_ones_only_restate_the_question(
        settings, tmp_path):
    feed = tmp_path / "optimizers.jsonl"
    feed.write_text(json.dumps({
        "title": "Fantastic Pretraining Optimizers and Where to Find Them",
        "abstract": "AdamW has long been the dominant optimizer, despite claims that alternative optimizers offer "
                    "1.4 to 2x speedup. We benchmark ten optimizers fairly. The actual speedup of many proposed "
                    "optimizers over well-tuned baselines is lower than claimed and decreases with model size to "
                    "only 1.1x for 1.2B parameter models."}) + "\n")
    assistant = Assistant(settings)
    assistant.ingest([feed], progress=False)
    answer = assistant.ask("Pretraining optimizers are claimed to give 1.4 to 2x speedups over AdamW. What speedup "
                           "is left at the 1.2B-parameter scale?")
    assert "1.1x" in answer.text and "offer 1.4 to 2x" not in answer.text, answer.text


def test_a_year_beside_a_name_and_a_count_of_benchmarks_are_no_score():
    error = focus_of("What diarization error rate did the DiViMe tools reach on the DIHARD 2018 test data?")
    assert not carries("Finally, we report on performance in the DiHARD 2018 Challenge Test Data.", error)
    assert carries("The diarization error rate on DIHARD 2018 is 35.2%.", error)
    score = focus_of("What average score does SAIL-VL get on the OpenCompass leaderboard?")
    assert not carries("SAIL-VL obtains the highest average score in 19 commonly used benchmarks and ranks first "
                       "on OpenCompass.", score)
    assert carries("SAIL-VL scores 71 on OpenCompass.", score)
    assert carries("It reaches an average score of 65.2 across 19 benchmarks on OpenCompass.", score)


def test_how_big_asks_the_size_of_the_thing_a_relative_clause_describes():
    big = focus_of("How big was the teacher whose single-turn accuracy the small model beat through voting?")
    assert (big.kind, big.words) == ("quantity", ("size",))
    assert carries("The compact model surpasses the single-turn accuracy of its 600B-parameter teacher.", big)
    assert not carries("The compact model solves 5 out of 9 unsolved problems and improves overall performance.", big)


def test_a_budget_is_measured_in_what_its_noun_says():
    budget = focus_of("Hydra hybrid state-space LM proposal - what parameter budget is it designed around?")
    assert (budget.kind, budget.words) == ("quantity", ("parameter",))
    assert carries("Hydra combines sparse experts and memory within an approximately 1.6B parameter design envelope.",
                   budget)
    assert focus_of("What token budget does it use?").words == ("token",)


def test_when_asks_a_time_and_a_second_when_is_a_part_of_its_own():
    when = focus_of("In the MEG study, when did the early occipital response peak, and when did the left anterior "
                    "temporal response peak?")
    assert (when.kind, when.words) == ("quantity", ("time",)) and [p.words for p in when.parts] == [("time",)]
    assert carries("Occipital cortex generated a rapid evoked response that peaked at 95 ms.", when)
    assert not carries("NeuroImage 33, 958-968) found that AoA modulated the strength of BOLD responses.", when)
    assert focus_of("What happens when the model is pruned?").kind != "quantity"
    went_public = focus_of("When did the COINS Data Exchange go public for neuroscientists?")
    assert carries("First opened to the community in August 2012, the Data Exchange has provided 2500 GB of data.",
                   went_public)
    assert not carries("The Data Exchange has already provided researchers with over 2500 GB of data.", went_public)


def test_a_name_no_paper_mentions_weighs_twice_in_a_question_of_how_or_what():
    """No detail is looked for in "how do X ...?", so what a paper says would answer it whoever it is about."""
    stats = TermStats.from_papers([CLINIC, ("k", "Nouns and Verbs in Chintang", "Chintang children segment "
                                                                             "polysynthetic verbs early.")])
    paper = Candidate("Nouns and Verbs in Chintang", "Chintang children segment polysynthetic verbs early.",
                      sentence=0.6, dense=0.6)
    how = "How do children acquiring Inuktitut segment polysynthetic verbs?"
    once = weigh(how, stats, [paper], 0.4, focus=focus_of("How many verbs do children acquiring Inuktitut segment?"))
    twice = weigh(how, stats, [paper], 0.4, focus=focus_of(how))
    assert once.unknown_names == twice.unknown_names == ("inuktitut",)
    assert round(once.score - twice.score, 6) == 0.2


def test_a_british_spelling_counts_as_the_collections_american_one():
    papers = [("a", "Analyzing Color Behavior", "We study color behavior while analyzing the center of each catalog.")]
    stats = TermStats.from_papers(papers)
    paper = [Candidate(papers[0][1], papers[0][2], sentence=0.5, dense=0.5)]
    british = weigh("Analysing colour behaviour at the centre of the catalogue?", stats, paper, 0.4)
    american = weigh("Analyzing color behavior at the center of the catalog?", stats, paper, 0.4)
    assert (british.coverage, british.unseen) == (american.coverage, american.unseen) == (1.0, 0.0)
    assert british.score == american.score


# Forms seen in blind17 and foreign9 after their one run ------------------------------------------------------

def test_a_score_belongs_to_no_phase_and_a_decision_how_much_asks_the_method():
    points = focus_of("Of the 8B models trained on up to 3.5T tokens, by how many points on average did the hybrid "
                      "beat the Transformer?")
    assert points.phase == "training"
    assert carries("The 8B hybrid exceeds the Transformer (+2.65 points on average) and is up to 8x faster at "
                   "inference time.", points)
    decides = focus_of("How does PrefixKV decide how much KV cache to keep in each layer?")
    assert decides.kind == "method"
    assert focus_of("How does it compare, and how much faster is it?").kind == "quantity"


def test_a_range_of_a_measure_counts_of_kinds_and_a_singular_before_another_noun():
    depth = focus_of("what was the median daily depth range of Somniosus pacificus tagged near Gulf of Alaska "
                     "sea lion haul-outs?")
    assert (depth.kind, depth.words) == ("quantity", ("depth",))
    versions = focus_of("In the age-structured projections, how many model versions were run?")
    assert carries("Six models were developed using deterministic and probabilistic approaches.", versions)
    sharks = focus_of("How many individual sharks were measured?")
    assert not carries("Relationships are presented for 19 shark species caught in the fisheries.", sharks)
    assert carries("We measured 1,200 sharks.", sharks)
    assert carries("We recorded 12 child participants.", focus_of("How many children took part?"))
    assert carries("Compared to MAP-Neo, DCLM-Baseline is a 6.6 percentage point improvement on MMLU.",
                   focus_of("By how many points does it beat MAP-Neo on MMLU?"))
    assert carries("Decomposition scales the expert count to 262,144.", focus_of("How many experts are there?"))


def test_initials_of_hyphenated_words_name_no_model_and_a_capitalized_coinage_names_its_paper():
    question = "Which vision-language model is UNIVERSE built on?"
    model, own = focus_of(question), words(question)  # the question's own names tell nothing new
    assert not carries("Vision-Language Models (VLMs) have shown promise as automatic evaluators.", model,
                       lambda name: name in own, strict=True)
    assert carries("UNIVERSE adapts the PaliGemma model to rollout evaluation.", model, lambda name: name in own,
                   strict=True)
    assert not carries("PET drives large pre-trained language models (PLMs) by training few parameters.", model,
                       lambda name: name in own, strict=True)  # one initial for "pre-trained"
    text = "To this end, we present UNIVERSE (UNIfied Vision-language Evaluator), which adapts VLMs to rollouts."
    stats = TermStats.from_papers([("u", "Adapting Vision-Language Models for Evaluating World Models", text)] + [
        (f"o{i}", f"Universal Model {i}", "A universal approximator for every task.") for i in range(4)] + [
        (f"f{i}", f"Pruning Study {i}", "We prune attention heads of language models.") for i in range(60)])
    assert names_paper(asked_names("Which model is UNIVERSE built on?", stats),
                       "Adapting Vision-Language Models for Evaluating World Models", text, stats)[0]
    assert not names_paper(asked_names("Which model is UNIVERSE built on?", stats), "Universal Model 1",
                           "A universal approximator for every task.", stats)[0]


def test_which_years_asks_for_a_date_and_a_speed_may_be_written_per_minute_or_year():
    years = focus_of("Which years do the guest records cover, and how many guests stayed?")
    assert carries("We describe a tool for exploring hotel visits in Rebersburg from 1898-1900.", years)
    assert carries("Images were retrieved between 2000 and 2012 over the city.", years)
    assert not carries("We describe a tool for exploring hotel visits in Rebersburg.", years)
    assert not carries("The study ran 12 years.", focus_of("When did the study start?"))
    fast = focus_of("How fast did the disturbance creep across the occipital lobe?")
    assert carries("The BOLD change progressed slowly (3.5 +/- 1.1 mm/min) over occipital cortex.", fast)
    assert carries("The glacier front retreats at 12 m/yr.", fast)
    assert not carries("The BOLD change covered 3.5 mm of occipital cortex.", fast)


def test_a_name_in_any_script_is_one_word_and_matches_without_its_accents():
    """"Białowieża" and "Zürich" are names of their own, not "bia" and "owie": a question about a forest no
    abstract mentions names something no paper does; "Bahía" is the "Bahia" an abstract writes."""
    assert written_names("What did salvage logging do in Białowieża Forest near Zürich?") == [
        "Białowieża", "Forest", "Zürich"]
    assert "białowieza" in words("Salvage logging in Białowieża Forest")  # no accent; "ł" is a letter of its own
    stats = TermStats.from_papers([CLINIC, ("r", "Rays of Bahia Magdalena", "Rays live in Bahia Magdalena.")])
    papers = [Candidate(CLINIC[1], CLINIC[2], sentence=0.5, dense=0.5)]
    assert weigh("What did salvage logging do in Białowieża?", stats, papers, 0.4).unknown_names == ("białowieża",)
    assert weigh("How many rays live in Bahía Magdalena?", stats, papers, 0.4).unknown_names == ()


def test_how_much_a_method_speeds_up_a_thing_asks_for_the_speedup():
    focus = focus_of("How much does exploiting contextual sparsity speed up OPT-175B inference?")
    assert focus.words == ("speedup",) and focus.asks == "the speedup of OPT-175B inference"
    assert not carries("It is possible to perform inference in LLMs with up to 175B parameters.", focus)
    assert carries("Deja Vu speeds up OPT-175B inference by 2x over FasterTransformer.", focus)
    assert focus_of("How much does quantization reduce memory use?").words == ("memory",)  # the object measures


def test_a_second_part_asking_the_same_measure_is_read_in_the_first_parts_setting(assistant, tmp_path):
    feed = tmp_path / "nothinking.jsonl"
    feed.write_text(json.dumps({
        "title": "Reasoning Models Can Be Effective Without Thinking",
        "abstract": "We bypass the thinking process via simple prompting, denoted as NoThinking. NoThinking "
                    "outperforms Thinking in low-budget settings, e.g., 51.3 vs. 28.9 on ACM 23 with 700 "
                    "tokens."}) + "\n")
    assistant.ingest([feed], progress=False)
    answer = assistant.ask("If you prompt the model to bypass its explicit reasoning, what does it score on ACM 23 "
                           "with a 700-token budget, and what does the usual reasoning mode score under the same "
                           "budget?")
    assert "51.3 vs. 28.9" in answer.text and "do not give" not in answer.text, answer.text

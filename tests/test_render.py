from assistant.faces.render import answer_markdown, highlight, link_citations, safe_markdown, sources_html


def _answer(**fields):
    source = {"paper_id": "p1", "title": "A <b>bold</b> title", "snippet": "First sentence. Second <i>one</i>.",
              "score": 0.61, "url": "javascript:alert(1)", "date": "Sep 9", "passages": [],
              "highlights": ["Second <i>one</i>."]}
    answer = {"question": "q <script>", "query": "q <script>", "text": "A claim [1]. Another [2].",
              "sources": [source], "uncited": [], "abstained": False, "notice": ""}
    answer.update(fields)
    return answer


def test_markup_in_text_is_escaped_and_images_are_named_not_shown():
    text = safe_markdown('<script>x</script> ![logo](http://x/y.png) ![ref][r] <img src="a">')
    assert "<" not in text
    assert "![" not in text and "[image not shown: logo]" in text and "[image not shown: ref]" in text


def test_only_markers_with_a_source_become_links():
    assert link_citations("a [1] b [2] c [0]", 4, 1) == "a [\\[1\\]](#src-4-1) b [2] c [0]"


def test_highlight_marks_the_cited_sentence_and_escapes_the_rest():
    assert highlight("One <a>. Two.", ["Two."]) == "One &lt;a&gt;. <mark>Two.</mark>"
    assert highlight("One. Two.", ["absent"]) == "One. Two."


def test_sources_panel_escapes_everything_and_drops_unsafe_links():
    html = sources_html(_answer(), 2)
    assert 'id="src-2-1"' in html
    assert "&lt;b&gt;bold&lt;/b&gt;" in html and "<b>" not in html
    assert "<mark>Second &lt;i&gt;one&lt;/i&gt;.</mark>" in html
    assert "javascript:" not in html and "&lt;script&gt;" in html


def test_declined_answer_looks_different_and_lists_the_closest_papers():
    declined = _answer(abstained=True, sources=[], uncited=[_answer()["sources"][0]],
                       text="The collection does not cover this question.")
    assert answer_markdown(declined, 0).startswith("⊘ **Declined.**")
    assert "Declined" in sources_html(declined, 0) and "A &lt;b&gt;bold" in sources_html(declined, 0)


def test_notice_is_shown_above_the_answer():
    shown = answer_markdown(_answer(notice="The LLM at http://x did not answer within 30 s"), 0)
    assert shown.startswith("> ⚠ The LLM at http://x did not answer within 30 s")
    assert "(#src-0-1)" in shown and "[2]" in shown  # [2] has no source: left as plain text


def _claimed_answer():
    return {"question": "q", "query": "q", "abstained": False, "notice": "", "uncited": [],
            "text": 'It reached 67.6% MMLU [1]. It reached "99.9%" on everything <b>[1]</b>.',
            "sources": [{"title": "T", "url": "", "score": 0.5, "snippet": "s", "highlights": []}],
            "claims": [
                {"text": "It reached 67.6% MMLU [1].", "citations": [1], "status": "supported",
                 "evidence": "the upcycled model achieved 67.6%.", "similarity": 0.9, "detail": ""},
                {"text": 'It reached "99.9%" on everything <b>[1]</b>.', "citations": [1],
                 "status": "figure not in source", "evidence": "the upcycled model achieved 67.6%.",
                 "similarity": 0.7, "detail": "99.9% is not in the cited source"},
            ]}


def test_flagged_claims_are_marked_in_the_chat_with_the_reason_on_hover():
    from assistant.faces.render import answer_markdown

    body = answer_markdown(_claimed_answer(), turn=3)
    assert body.count("⚠") == 1
    assert "(#claim-3-2 \"figure not in source: 99.9% is not in the cited source\")" in body
    assert body.index("⚠") > body.index("everything")
    assert "<b>" not in body  # model text stays inert


def test_sources_panel_lists_each_claim_with_its_supporting_sentence_highlighted():
    from assistant.faces.render import sources_html

    panel = sources_html(_claimed_answer(), turn=3)
    assert "1 supported, 1 flagged" in panel
    assert 'id="claim-3-2"' in panel and 'class="claim flagged"' in panel
    assert "<mark>the upcycled model achieved 67.6%.</mark>" in panel
    assert "&lt;b&gt;" in panel and "<b>" not in panel

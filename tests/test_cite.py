import pytest

from assistant.answer.cite import CitationRewriter, rewrite_citations


def test_marker_without_source_is_removed_with_its_space_and_counted():
    text, order, dropped = rewrite_citations("Claim A [2]. Claim B [9].", 3)
    assert text == "Claim A [1]. Claim B."
    assert order == [2] and dropped == 1


def test_sources_are_renumbered_in_order_of_first_citation():
    text, order, _ = rewrite_citations("X [3]. Y [1]. Z [3][2].", 3)
    assert text == "X [1]. Y [2]. Z [1][3]."
    assert order == [3, 1, 2]


def test_repeated_markers_collapse():
    text, order, dropped = rewrite_citations("X [1][1] and [1] [1]. Y [2, 2].", 2)
    assert text == "X [1] and [1]. Y [2]."
    assert dropped == 0


def test_lists_and_ranges_expand():
    text, order, _ = rewrite_citations("X [1, 3]. Y [2-3]. Z [1;2].", 3)
    assert text == "X [1][2]. Y [3][2]. Z [1][3]."


def test_text_without_citations_passes_unchanged():
    assert rewrite_citations("Plain text, [not a marker], [a1].", 3) == ("Plain text, [not a marker], [a1].", [], 0)


@pytest.mark.parametrize("size", [1, 2, 3, 7])
def test_streamed_text_equals_rewritten_whole(size):
    raw = "Quantization [3] helps [9]. MoE [1][1] scales [2, 3]. Done [12]"
    rewriter = CitationRewriter(3)
    pieces = [rewriter.feed(raw[i : i + size]) for i in range(0, len(raw), size)] + [rewriter.finish()]
    assert "".join(pieces) == rewrite_citations(raw, 3)[0]
    assert rewriter.dropped == 2

"""Re-anchoring: when an outlet corrects an article, each claim finds its words again,
or is reported as an orphan; it never lands on the wrong words."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from workbench.domain.span import Span, TextQuote
from workbench.text.anchoring import reanchor, reanchor_all
from workbench.text.selectors import quote_for

ORIGINAL = (
    "The mayor opened the new bridge on Monday. "
    "Officials said the city spent 3.5 million dollars on the project. "
    "Critics called it a waste of public money. "
    "The council will vote on a second bridge in March."
)
CLAIM = "the city spent 3.5 million dollars on the project"


def claim_in(text: str, words: str = CLAIM) -> tuple[TextQuote, Span]:
    start = text.index(words)
    span = Span(start, start + len(words))
    return quote_for(text, span), span


def found(text: str, span: Span | None) -> str | None:
    return None if span is None else text[span.start : span.end]


def test_an_unchanged_article_keeps_every_claim_where_it_was() -> None:
    quote, span = claim_in(ORIGINAL)
    assert reanchor(quote, ORIGINAL, position=span) == span


def test_words_inserted_before_the_claim_move_it() -> None:
    quote, span = claim_in(ORIGINAL)
    corrected = "Correction appended: an earlier version misnamed the mayor.\n\n" + ORIGINAL
    moved = reanchor(quote, corrected, position=span)
    assert found(corrected, moved) == CLAIM
    assert moved is not None and moved.start == span.start + corrected.index("The mayor")


def test_of_two_identical_passages_the_one_in_the_same_context_wins() -> None:
    quote, span = claim_in(ORIGINAL)
    corrected = (
        "In an unrelated audit, the city spent 3.5 million dollars on the project too. " + ORIGINAL
    )
    moved = reanchor(quote, corrected, position=span)
    assert moved is not None and moved.start == corrected.index(CLAIM, 30)


def test_of_two_identical_contexts_the_nearest_wins() -> None:
    block = "Filler text between copies. Same words here. "
    text = block * 5
    third = Span(text.index("Same", 2 * len(block)), text.index("Same", 2 * len(block)) + 10)
    quote = quote_for(text, third)
    corrected = "X" + text  # every copy moves by one, and all read alike
    moved = reanchor(quote, corrected, position=third)
    assert moved == Span(third.start + 1, third.end + 1)


def test_a_lightly_edited_claim_is_found_with_its_new_words() -> None:
    quote, span = claim_in(ORIGINAL)
    corrected = ORIGINAL.replace("3.5 million dollars", "3.7 million euros")
    moved = reanchor(quote, corrected, position=span)
    assert found(corrected, moved) == "the city spent 3.7 million euros on the project"


def test_a_word_inserted_inside_the_claim_is_taken_in() -> None:
    quote, span = claim_in(ORIGINAL)
    corrected = "Breaking. " + ORIGINAL.replace("city spent", "city quietly spent")
    moved = reanchor(quote, corrected, position=span)
    assert found(corrected, moved) == "the city quietly spent 3.5 million dollars on the project"


def test_an_edited_claim_is_found_without_its_old_position() -> None:
    quote, _ = claim_in(ORIGINAL)
    corrected = ORIGINAL.replace("3.5 million", "3.6 million")
    assert found(corrected, reanchor(quote, corrected)) == CLAIM.replace("3.5", "3.6")


def test_a_deleted_passage_leaves_an_orphan() -> None:
    quote, span = claim_in(ORIGINAL)
    corrected = ORIGINAL.replace(
        "Officials said the city spent 3.5 million dollars on the project. ", ""
    )
    assert reanchor(quote, corrected, position=span) is None


def test_a_rewritten_passage_in_the_same_place_leaves_an_orphan() -> None:
    quote, span = claim_in(ORIGINAL)
    corrected = ORIGINAL.replace(CLAIM, "no budget figures have been published so far")
    assert reanchor(quote, corrected, position=span) is None


def test_a_look_alike_sentence_elsewhere_is_not_the_claim() -> None:
    text = (
        "The video first appeared on Friday. The post was shared 11,700 times. "
        "Its author is unknown.\n\n" + "Unrelated reporting fills the middle. " * 80 + "\n\n"
        "A second, later upload drew more attention. The post was shared 89,300 times. "
        "Moderators removed it."
    )
    quote, span = claim_in(text, "The post was shared 11,700 times.")
    corrected = text.replace("The post was shared 11,700 times. ", "")
    assert reanchor(quote, corrected, position=span) is None
    assert reanchor(quote, corrected) is None


def test_claims_at_the_very_start_and_end_of_the_text() -> None:
    first, first_span = claim_in(ORIGINAL, "The mayor opened the new bridge")
    last, last_span = claim_in(ORIGINAL, "a second bridge in March.")
    corrected = ORIGINAL.replace("mayor opened", "mayor formally opened").replace(
        "in March", "in early March"
    )
    assert found(corrected, reanchor(first, corrected, position=first_span)) == (
        "The mayor formally opened the new bridge"
    )
    assert found(corrected, reanchor(last, corrected, position=last_span)) == (
        "a second bridge in early March."
    )


def test_an_old_position_past_the_end_of_a_shorter_text_is_harmless() -> None:
    quote, _ = claim_in(ORIGINAL)
    assert reanchor(quote, "Short.", position=Span(500, 549)) is None
    assert reanchor(TextQuote(""), ORIGINAL) is None


def test_all_claims_of_an_article_move_together_in_order() -> None:
    claims = [
        claim_in(ORIGINAL, "The mayor opened the new bridge"),
        claim_in(ORIGINAL),
        claim_in(ORIGINAL, "Critics called it a waste of public money."),
        claim_in(ORIGINAL, "a second bridge in March"),
    ]
    corrected = "Editor's note: figures updated.\n\n" + ORIGINAL.replace("3.5", "3.7").replace(
        "Critics called it a waste of public money. ", ""
    )
    results = reanchor_all(claims, corrected)
    assert [found(corrected, span) for span in results] == [
        "The mayor opened the new bridge",
        CLAIM.replace("3.5", "3.7"),
        None,
        "a second bridge in March",
    ]


def test_many_claims_on_a_long_article() -> None:
    paragraphs = [
        f"Paragraph {i}: official number {i * 7919 % 10007} was cited by source {i}."
        for i in range(300)
    ]
    text = "\n\n".join(paragraphs)
    claims = [claim_in(text, p) for p in paragraphs[::3]]
    corrected = "New lede.\n\n" + text.replace("number 7919 ", "number 7918 ")
    results = reanchor_all(claims, corrected)
    assert all(span is not None for span in results)
    assert found(corrected, results[0]) == paragraphs[0]
    assert found(corrected, results[1]) == paragraphs[3]


WORDS = st.sampled_from(["the", "city", "spent", "3.5", "million", "said", "No.", "😀", "\n\n"])
TEXTS = st.lists(WORDS, max_size=40).map(" ".join) | st.text(max_size=80)


@settings(max_examples=200, deadline=None)
@given(TEXTS, st.data())
def test_random_edits_never_break_anchoring(old: str, data: st.DataObject) -> None:
    start = data.draw(st.integers(0, len(old)))
    end = data.draw(st.integers(start, len(old)))
    quote = quote_for(old, Span(start, end))
    cut_start = data.draw(st.integers(0, len(old)))
    cut_end = data.draw(st.integers(cut_start, len(old)))
    new = old[:cut_start] + data.draw(TEXTS) + old[cut_end:]
    span = reanchor(quote, new, position=Span(start, end))
    if span is not None:
        assert 0 <= span.start <= span.end <= len(new)
    if quote.exact and quote.exact in new:
        assert span is not None and new[span.start : span.end] == quote.exact


@settings(max_examples=100, deadline=None)
@given(st.lists(TEXTS, min_size=1, max_size=5), TEXTS)
def test_any_batch_of_quotes_gets_one_answer_each(olds: list[str], new: str) -> None:
    quotes = [(quote_for(old, Span(0, len(old))), Span(0, len(old))) for old in olds]
    results = reanchor_all(quotes, new)
    assert len(results) == len(quotes)
    for (quote, _), span in zip(quotes, results, strict=True):
        if span is not None:
            assert 0 <= span.start <= span.end <= len(new)
        if quote.exact and quote.exact in new:
            assert span is not None and new[span.start : span.end] == quote.exact

"""Selections: the words a fact-checker drags over become a tidy, quotable claim."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from workbench.domain.span import QUOTE_CONTEXT, Span, TextQuote
from workbench.text.segment import segment_sentences
from workbench.text.selectors import quote_for, sentence_at, sentences_in, snap_to_words

ARTICLE = (
    'U.S. Gen. Smith said the troops would stay. "We have proof," the official said. '
    "The city spent 3.5 million dollars on the bridge."
)


def span_of(text: str, words: str) -> Span:
    start = text.index(words)
    return Span(start, start + len(words))


def test_a_quote_keeps_thirty_two_characters_of_context() -> None:
    claim = span_of(ARTICLE, '"We have proof,"')
    quote = quote_for(ARTICLE, claim)
    assert quote.exact == '"We have proof,"'
    assert quote.prefix == ARTICLE[claim.start - QUOTE_CONTEXT : claim.start]
    assert quote.suffix == ARTICLE[claim.end : claim.end + QUOTE_CONTEXT]


def test_a_quote_at_the_edges_of_the_text_has_shorter_context() -> None:
    assert quote_for("Short text.", Span(0, 5), context=3) == TextQuote("Short", "", " te")
    assert quote_for("Short text.", Span(6, 11)) == TextQuote("text.", "Short ", "")


def test_a_span_outside_the_text_is_refused() -> None:
    with pytest.raises(ValueError):
        quote_for("abc", Span(1, 4))


def test_a_sloppy_drag_grows_to_whole_words() -> None:
    rough = Span(ARTICLE.index("ity spent"), ARTICLE.index("llion"))  # "ity spent 3.5 mi"
    snapped = snap_to_words(ARTICLE, rough)
    assert ARTICLE[snapped.start : snapped.end] == "city spent 3.5 million"


def test_whitespace_around_a_selection_is_dropped() -> None:
    rough = Span(ARTICLE.index(" the troops"), ARTICLE.index("would"))  # " the troops "
    snapped = snap_to_words(ARTICLE, rough)
    assert ARTICLE[snapped.start : snapped.end] == "the troops"


def test_punctuation_that_was_selected_stays() -> None:
    claim = span_of(ARTICLE, '"We have proof,"')
    assert snap_to_words(ARTICLE, claim) == claim


@pytest.mark.parametrize(
    ("text", "dragged", "expected"),
    [
        ("Capt. O'Neil was named.", "Ne", "O'Neil"),
        ("A well-known figure.", "ll-kn", "well-known"),
        ("About 1,500 people.", "1,5", "1,500"),
        ("Write to press@example.com today.", "ss@ex", "press@example.com"),
        ("Un cafe\u0301 noir.", "caf", "cafe\u0301"),
    ],
)
def test_words_with_inner_punctuation_or_accents_stay_whole(
    text: str, dragged: str, expected: str
) -> None:
    snapped = snap_to_words(text, span_of(text, dragged))
    assert text[snapped.start : snapped.end] == expected


def test_a_selection_of_only_spaces_collapses() -> None:
    assert snap_to_words("one   two", Span(3, 6)) == Span(3, 3)


SENTENCES = segment_sentences(ARTICLE)


def test_a_click_picks_the_sentence_under_it() -> None:
    click = ARTICLE.index("official")
    assert sentence_at(SENTENCES, click) == SENTENCES[1]
    assert sentence_at(SENTENCES, SENTENCES[1].end) == SENTENCES[1]  # just after its full stop
    assert sentence_at(SENTENCES, 0) == SENTENCES[0]


def test_a_click_between_sentences_picks_nothing() -> None:
    text = "One.   Two."
    sentences = segment_sentences(text)
    assert sentence_at(sentences, 5) is None
    assert sentence_at((), 0) is None


def test_a_selection_over_two_sentences_tags_both() -> None:
    selection = Span(ARTICLE.index("would stay"), ARTICLE.index("proof"))
    assert sentences_in(SENTENCES, selection) == SENTENCES[0:2]


def test_an_empty_selection_tags_the_sentence_it_is_in() -> None:
    offset = ARTICLE.index("bridge")
    assert sentences_in(SENTENCES, Span(offset, offset)) == (SENTENCES[2],)
    assert sentences_in(segment_sentences("One.   Two."), Span(5, 5)) == ()


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="ab .,'-\n😀\u0301", max_size=60), st.data())
def test_snapping_is_tidy_and_stable(text: str, data: st.DataObject) -> None:
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    snapped = snap_to_words(text, Span(start, end))
    piece = text[snapped.start : snapped.end]
    assert 0 <= snapped.start <= snapped.end <= len(text)
    assert piece == piece.strip()
    inner = text[start:end].strip()
    assert inner in piece
    assert snap_to_words(text, snapped) == snapped


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="ab. ?\n", max_size=80), st.data())
def test_sentence_lookups_agree_with_a_plain_scan(text: str, data: st.DataObject) -> None:
    sentences = segment_sentences(text)
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    if end > start:
        expected = tuple(s for s in sentences if s.overlaps(Span(start, end)))
        assert sentences_in(sentences, Span(start, end)) == expected
    holding = [s for s in sentences if s.start <= start <= s.end]
    assert sentence_at(sentences, start) == (holding[-1] if holding else None)

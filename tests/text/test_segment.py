"""Sentence segmentation: a fact-checker clicks a sentence and gets exactly that sentence."""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from workbench.domain.span import Span
from workbench.text import segment
from workbench.text.segment import segment_sentences

SUITE = Path(__file__).parent / "data" / "hard_sentences.txt"
PYSBD_MEASURED = 55
"""pysbd 0.3.4's score on the suite when it was written (benchmarks/segmenters.py); the
bar when pysbd is not installed to be measured again."""
KNOWN_MISSES = {'He said: "It\'s over. We lost." Then he left the stage.'}
"""Cases the chosen segmenter gets wrong (pysbd too): a quote of two sentences stays one."""


def load_suite() -> list[tuple[str, list[str]]]:
    """(text, expected sentences); see the header of hard_sentences.txt for the format."""
    cases = []
    for line in SUITE.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        expected = [part.replace("\\n", "\n").strip() for part in line.split("|")]
        text = line.replace(" | ", " ").replace("|", "").replace("\\n", "\n")
        cases.append((text, expected))
    return cases


CASES = load_suite()


def _known_miss(text: str) -> list[pytest.MarkDecorator]:
    return [pytest.mark.xfail(strict=True)] if text in KNOWN_MISSES else []


def sentences(text: str, **kwargs: str) -> list[str]:
    return [text[span.start : span.end] for span in segment_sentences(text, **kwargs)]


def test_the_suite_is_the_size_the_benchmark_reports() -> None:
    assert len(CASES) >= 50


@pytest.mark.parametrize(
    ("text", "expected"),
    [pytest.param(*case, marks=_known_miss(case[0])) for case in CASES],
    ids=[case[0][:40] for case in CASES],
)
def test_each_hard_case_splits_where_an_editor_would(text: str, expected: list[str]) -> None:
    assert sentences(text) == expected


def test_the_chosen_segmenter_is_at_least_as_accurate_as_pysbd() -> None:
    ours = sum(sentences(text) == expected for text, expected in CASES)
    bar = PYSBD_MEASURED
    if importlib.util.find_spec("pysbd") is not None:
        import pysbd

        seg = pysbd.Segmenter(language="en", clean=False)

        def pysbd_sentences(text: str) -> list[str]:  # one paragraph at a time, as ours
            pieces = [p for paragraph in text.split("\n\n") for p in seg.segment(paragraph)]
            return [piece.strip() for piece in pieces if piece.strip()]

        bar = sum(pysbd_sentences(text) == expected for text, expected in CASES)
    assert ours >= bar


def test_offsets_point_at_the_sentence_itself() -> None:
    text = '  "We have proof," the official said.   The ministry declined.\n\n  Next one?  '
    spans = segment_sentences(text)
    assert [text[s.start : s.end] for s in spans] == [
        '"We have proof," the official said.',
        "The ministry declined.",
        "Next one?",
    ]
    assert spans[0] == Span(2, 37)


def test_a_blank_line_always_ends_a_sentence() -> None:
    text = "Headline without a full stop\n\nBody text here.\n \t\nAnother paragraph\u2029Last one"
    assert sentences(text) == [
        "Headline without a full stop",
        "Body text here.",
        "Another paragraph",
        "Last one",
    ]


def test_nothing_to_segment() -> None:
    assert segment_sentences("") == ()
    assert segment_sentences(" \n\n\t ") == ()


def test_number_abbreviations_keep_their_number() -> None:
    text = "The rate was approx. 30 percent. See Fig. 2 and No. 5 for details. It is low."
    assert sentences(text) == [
        "The rate was approx. 30 percent.",
        "See Fig. 2 and No. 5 for details.",
        "It is low.",
    ]


def test_a_parenthesis_can_close_a_sentence() -> None:
    text = (
        "(The ministry later retracted it.) The minister resigned. He left (finally!) The "
        "door shut. Sen. Smith (R.) voted."
    )
    assert sentences(text) == [
        "(The ministry later retracted it.)",
        "The minister resigned.",
        "He left (finally!)",
        "The door shut.",
        "Sen. Smith (R.) voted.",
    ]


def test_the_word_no_can_end_a_sentence() -> None:
    assert sentences("They voted no. Officials said so. No. 10 is closed.") == [
        "They voted no.",
        "Officials said so.",
        "No. 10 is closed.",
    ]


def test_a_lone_list_number_stays_with_its_item() -> None:
    assert sentences("1. The first item. 2. The second item.") == [
        "1. The first item.",
        "2. The second item.",
    ]


def test_other_languages_use_their_own_rules() -> None:
    text = "Das Treffen fand am 3. Oktober statt. Dr. Müller kam nicht. Warum?"
    assert sentences(text, language="de") == [
        "Das Treffen fand am 3. Oktober statt.",
        "Dr. Müller kam nicht.",
        "Warum?",
    ]
    assert sentences("Ça va. Oui!", language="fr-CA") == ["Ça va.", "Oui!"]


def test_a_long_paragraph_segments_the_same_in_windows(monkeypatch: pytest.MonkeyPatch) -> None:
    paragraph = " ".join(text.replace("\n", " ") for text, _ in CASES)
    whole = segment_sentences(paragraph)
    monkeypatch.setattr(segment, "_WINDOW", 400)
    monkeypatch.setattr(segment, "_MARGIN", 80)
    assert segment_sentences(paragraph) == whole


def test_a_sentence_longer_than_a_window_is_cut_at_whitespace(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(segment, "_WINDOW", 200)
    monkeypatch.setattr(segment, "_MARGIN", 40)
    text = "word " * 200 + "end."
    spans = segment_sentences(text)
    assert len(spans) > 1
    assert all(text[s.start : s.end].endswith(("word", "end.")) for s in spans)
    assert " ".join(text[s.start : s.end] for s in spans).split() == text.split()


def test_text_the_library_chokes_on_still_segments() -> None:
    # sentencex 1.0.32 panics on "A", a non-ASCII space, "."; and refuses lone surrogates.
    assert sentences("Plan A\u00a0. Then B.") == ["Plan A\u00a0.", "Then B."]
    assert sentences("x Z\u2028. y\x85Z\u3000.") == ["x Z\u2028. y\x85Z\u3000."]
    assert sentences("Broken \ud800 byte here. Next sentence.") == [
        "Broken \ud800 byte here.",
        "Next sentence.",
    ]


def test_a_crash_inside_the_library_never_reaches_the_user(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    class PanicException(BaseException):  # how a Rust panic reaches Python
        pass

    def panic(language: str, text: str) -> list[dict[str, object]]:
        raise PanicException("index out of range")

    monkeypatch.setattr(segment.sentencex, "get_sentence_boundaries", panic)
    text = "The library failed here. They voted no. Officials left.\n\nNext paragraph."
    assert sentences(text) == [
        "The library failed here. They voted no.",
        "Officials left.",
        "Next paragraph.",
    ]


def test_interrupting_segmentation_still_interrupts(monkeypatch: pytest.MonkeyPatch) -> None:
    def interrupted(language: str, text: str) -> list[dict[str, object]]:
        raise KeyboardInterrupt

    monkeypatch.setattr(segment.sentencex, "get_sentence_boundaries", interrupted)
    with pytest.raises(KeyboardInterrupt):
        segment_sentences("Some text.")


SENTENCE_ALPHABET = st.sampled_from(
    [*"aAZé中😀 .!?…\"'“”()[]\n\t1.2,;:-\u00a0\u2028\x85", "\n\n", "U.S.", "Dr."]
)
TEXTS = st.one_of(st.text(), st.lists(SENTENCE_ALPHABET, max_size=120).map("".join))


@settings(max_examples=200, deadline=None)
@given(TEXTS)
def test_any_text_segments_into_trimmed_non_overlapping_sentences(text: str) -> None:
    spans = segment_sentences(text)
    covered = [0] * len(text)
    previous_end = 0
    for span in spans:
        assert previous_end <= span.start < span.end <= len(text)
        piece = text[span.start : span.end]
        assert piece == piece.strip()
        assert not re.search(r"\n[^\S\n]*\n", piece)
        for offset in range(span.start, span.end):
            covered[offset] += 1
        previous_end = span.end
    assert all(covered[i] == 1 for i, char in enumerate(text) if not char.isspace())

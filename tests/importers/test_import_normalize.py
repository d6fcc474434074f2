"""Stored article text is canonical: same input, same text, and normalizing twice changes
nothing (claims point into it by offset)."""

from __future__ import annotations

import textwrap
import unicodedata

from hypothesis import given, settings
from hypothesis import strategies as st

from workbench.importers.normalize import first_line_title, normalize_text, shorten


def test_windows_and_old_mac_line_ends_become_newlines() -> None:
    assert normalize_text("one\r\ntwo\rthree\n") == "one\ntwo\nthree"


def test_control_characters_are_dropped_and_tabs_become_spaces() -> None:
    raw = "The\x00 ministry\x07 said\tit had\x1b proof\ufeff of a minis\u00adtry claim"
    assert normalize_text(raw) == "The ministry said it had proof of a ministry claim"


def test_form_feed_and_paragraph_separator_start_a_paragraph() -> None:
    assert normalize_text("page one\x0cpage two\u2029end") == "page one\n\npage two\n\nend"


def test_trailing_spaces_go_and_blank_runs_collapse_to_one_blank_line() -> None:
    raw = "\n\n  \nHeadline   \n\n\n\n  Indented para stays indented.  \n \n\n"
    assert normalize_text(raw) == "Headline\n\n  Indented para stays indented."


def test_text_is_stored_in_nfc() -> None:
    decomposed = "attache\u0301 in Re\u0301union"
    assert normalize_text(decomposed) == unicodedata.normalize("NFC", decomposed)
    assert "\u0301" not in normalize_text(decomposed)


def test_hard_wrapped_wire_story_is_joined_into_paragraphs(wire_story: tuple[str, ...]) -> None:
    wrapped = "\n\n".join(textwrap.fill(p, width=72) for p in wire_story)
    assert wrapped.count("\n") > 2 * len(wire_story)
    assert normalize_text(wrapped) == "\n\n".join(wire_story)


def test_wrapped_at_other_widths_too(wire_story: tuple[str, ...]) -> None:
    for width in (50, 60, 80):
        wrapped = "\n\n".join(textwrap.fill(p, width=width) for p in wire_story)
        assert normalize_text(wrapped) == "\n\n".join(wire_story), width


def test_two_line_paragraph_is_joined_only_if_the_second_line_goes_on_in_lower_case() -> None:
    goes_on = (
        "The deputy minister said the proof had been shared with partners\nbut gave no detail."
    )
    assert normalize_text(goes_on) == goes_on.replace("\n", " ")
    # could as well be a headline over a byline: kept as it is (the safe side)
    capital = "The deputy minister said the proof had been shared with partners\nBrandt said."
    assert normalize_text(capital) == capital


def test_wrapped_line_ending_in_a_hyphenated_compound_keeps_the_hyphen() -> None:
    raw = (
        "According to the ministry, ninety-one drones of the long-\n"
        "range type were launched, which analysts doubt very much."
    )
    assert "long-range type" in normalize_text(raw)


def test_headline_over_byline_is_not_joined() -> None:
    raw = "Ministry claims it handed envoys proof of drone attack\nBy Jonas Ekberg, Velmora"
    assert normalize_text(raw) == raw


def test_one_paragraph_per_line_is_kept_as_lines() -> None:
    raw = (
        "The ministry said 91 drones were launched overnight on Monday.\n"
        "Officials said all of them were shot down before the residence.\n"
        "Analysts said the figure could not be verified independently."
    )
    assert normalize_text(raw) == raw


def test_lists_quotes_and_short_lines_are_kept_as_lines() -> None:
    bullets = (
        "- the ministry claims 91 drones were launched from the north\n"
        "- the deputy minister asserts there is concrete proof of it all\n"
        "- the embassy confirms a meeting with the attaché took place"
    )
    address = "Ministry of Defence\nPress Office\n12 Harbour Road\nVelmora"
    table = "Year   Drones   Source\n2025   91       ministry\n2026   40       analysts"
    for raw in (bullets, address, table):
        assert normalize_text(raw) == raw


def test_long_lines_are_never_joined() -> None:
    long_line = "word " * 40
    raw = f"{long_line.strip()}\n{long_line.strip()}"
    assert normalize_text(raw) == raw


def test_title_is_first_line_cut_at_a_word() -> None:
    text = "\n\n  " + "The ministry claims " * 10 + "\nsecond line"
    title = first_line_title(text)
    assert title.endswith("…")
    assert len(title) <= 101
    assert title.startswith("The ministry claims The")
    assert shorten("short") == "short"


_WORDS = st.sampled_from(
    ["the", "ministry", "claims", "91", "drones", "said.", "alleged,", "é", "e\u0301", "“proof”"]
)
_GLUE = st.sampled_from([" ", "  ", "\n", "\n\n", "\r\n", "\t", "\n  ", "-\n", " \n", "\x0c"])
_wordy_text = st.lists(st.tuples(_WORDS, _GLUE), max_size=80).map(
    lambda pairs: "".join(word + glue for word, glue in pairs)
)


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.text(), _wordy_text))
def test_normalizing_twice_changes_nothing(raw: str) -> None:
    once = normalize_text(raw)
    assert normalize_text(once) == once
    assert "\r" not in once and "\t" not in once and "\n\n\n" not in once
    assert once == once.strip("\n")
    assert all(line == line.rstrip() for line in once.split("\n"))
    assert unicodedata.is_normalized("NFC", once)


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.lists(
            st.sampled_from(["ministry", "claims", "a", "drone", "x" * 12, "said,"]),
            min_size=5,
            max_size=60,
        ),
        min_size=1,
        max_size=5,
    ),
    st.integers(min_value=40, max_value=110),
)
def test_any_greedily_wrapped_paragraphs_are_joined_back(
    paragraphs: list[list[str]], width: int
) -> None:
    texts = [" ".join(words) for words in paragraphs]
    wrapped = "\n\n".join(textwrap.fill(t, width=width, break_on_hyphens=False) for t in texts)
    result = normalize_text(wrapped)
    assert normalize_text(result) == result
    for text, block in zip(texts, result.split("\n\n"), strict=True):
        # joined back exactly, or (when a rule says "not clearly wrapped") left unchanged
        assert block == text or block == textwrap.fill(text, width=width, break_on_hyphens=False)

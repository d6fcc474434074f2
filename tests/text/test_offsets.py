"""UTF-16 offsets: what Qt's cursor says and what the database stores must agree."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from workbench.domain.span import Span
from workbench.text.offsets import Utf16Map, from_utf16, to_utf16, utf16_length


def utf16_units(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def test_plain_text_needs_no_conversion() -> None:
    text = "Officials said 3.5 million."
    umap = Utf16Map(text)
    assert [umap.to_utf16(i) for i in range(len(text) + 1)] == list(range(len(text) + 1))
    assert umap.utf16_length == len(text)


def test_an_emoji_takes_two_qt_positions() -> None:
    text = "Fire 🔥 spread."  # the flame is one code point, two UTF-16 units
    umap = Utf16Map(text)
    flame = text.index("🔥")
    assert umap.to_utf16(flame) == flame
    assert umap.to_utf16(flame + 1) == flame + 2
    assert umap.from_utf16(flame + 2) == flame + 1
    assert umap.utf16_length == len(text) + 1


def test_a_cursor_between_the_halves_of_an_emoji_snaps_to_its_start() -> None:
    umap = Utf16Map("a😀b")
    assert umap.from_utf16(2) == 1


def test_cjk_of_the_basic_plane_is_one_unit_and_rare_cjk_two() -> None:
    text = "中文 claims 𠀀 here"  # U+20000 lies outside the Basic Multilingual Plane
    umap = Utf16Map(text)
    assert umap.to_utf16(text.index("claims")) == text.index("claims")
    assert umap.to_utf16(text.index("here")) == text.index("here") + 1


def test_combining_marks_and_emoji_sequences_count_per_code_point() -> None:
    text = "cafe\u0301 👩\u200d💻 ok"  # e + combining acute; woman + ZWJ + laptop
    umap = Utf16Map(text)
    assert umap.to_utf16(5) == 5  # after the combining mark
    assert umap.to_utf16(text.index("ok")) == text.index("ok") + 2
    assert umap.utf16_length == utf16_units(text)


def test_spans_convert_both_ways() -> None:
    text = "😀 The claim 🎉 is here."
    umap = Utf16Map(text)
    claim = Span(text.index("The"), text.index("🎉") + 1)
    start, end = umap.span_to_utf16(claim)
    assert (start, end) == (3, 15)  # one unit more for each emoji before the end
    assert umap.span_from_utf16(start, end) == claim
    assert umap.span_from_utf16(end, start) == claim  # a selection dragged backwards


def test_a_selection_ending_inside_an_emoji_takes_all_of_it() -> None:
    umap = Utf16Map("ab😀cd")
    assert umap.span_from_utf16(1, 3) == Span(1, 3)


def test_offsets_outside_the_text_are_refused() -> None:
    umap = Utf16Map("a😀")
    with pytest.raises(ValueError):
        umap.to_utf16(3)
    with pytest.raises(ValueError):
        umap.from_utf16(4)
    with pytest.raises(ValueError):
        umap.to_utf16(-1)


def test_one_off_helpers_agree_with_the_map() -> None:
    text = "x🙂y"
    assert to_utf16(text, 2) == 3
    assert from_utf16(text, 3) == 2
    assert utf16_length(text) == 4
    assert utf16_length("plain") == 5


@settings(max_examples=200, deadline=None)
@given(st.text(), st.data())
def test_conversions_match_utf16_encoding(text: str, data: st.DataObject) -> None:
    umap = Utf16Map(text)
    assert umap.utf16_length == utf16_units(text) == utf16_length(text)
    cp = data.draw(st.integers(0, len(text)))
    u16 = umap.to_utf16(cp)
    assert u16 == utf16_units(text[:cp])
    assert umap.from_utf16(u16) == cp
    any_u16 = data.draw(st.integers(0, umap.utf16_length))
    snapped = umap.from_utf16(any_u16)
    assert umap.to_utf16(snapped) <= any_u16
    assert snapped == len(text) or umap.to_utf16(snapped + 1) > any_u16


def test_qt_positions_select_the_same_text(qapp: object) -> None:
    """The real thing: a QTextCursor placed at converted offsets selects the claim."""
    qtgui = pytest.importorskip("PySide6.QtGui")
    text = "中文 😀 The claim 🎉 is here, cafe\u0301."
    umap = Utf16Map(text)
    document = qtgui.QTextDocument(text)
    assert document.characterCount() == umap.utf16_length + 1  # plus the closing separator
    claim = Span(text.index("The"), text.index("cafe") + 5)
    cursor = qtgui.QTextCursor(document)
    start, end = umap.span_to_utf16(claim)
    cursor.setPosition(start)
    cursor.setPosition(end, qtgui.QTextCursor.MoveMode.KeepAnchor)
    assert cursor.selectedText() == text[claim.start : claim.end]
    assert umap.span_from_utf16(cursor.selectionStart(), cursor.selectionEnd()) == claim

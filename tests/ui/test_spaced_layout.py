"""Line spacing in the reader: every line gets its gap once, and keeps it."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from workbench.ui.reader_view import ReaderView
from workbench.ui.spaced_layout import SpacedLayout

PARAGRAPH = "The ministry said prices rose sharply in the spring. " * 6


def _reader(qtbot: QtBot, paragraphs: int = 300) -> ReaderView:
    view = ReaderView()
    qtbot.addWidget(view)
    view.resize(500, 400)
    view.show()
    qtbot.waitExposed(view)
    view.show_text("\n".join(f"{n}. {PARAGRAPH}" for n in range(paragraphs)))
    view.viewport().repaint()
    return view


def _layout(view: ReaderView) -> SpacedLayout:
    layout = view.document().documentLayout()
    assert isinstance(layout, SpacedLayout)
    return layout


def test_each_line_has_its_gap_above_it_and_keeps_it(qtbot: QtBot) -> None:
    view = _reader(qtbot)
    layout = _layout(view)
    block = view.firstVisibleBlock()
    rect = layout.blockBoundingRect(block)
    lines = [block.layout().lineAt(i) for i in range(block.layout().lineCount())]
    assert len(lines) > 1, "the paragraph wraps"
    bottom = 0.0
    for line in lines:
        assert abs(line.y() - bottom - layout.gap(line.height())) < 0.05
        bottom = line.y() + line.height()
    assert rect.height() >= bottom
    assert layout.blockBoundingRect(block) == rect, "asking again changes nothing"


def test_a_new_spacing_reaches_blocks_laid_out_already(qtbot: QtBot) -> None:
    view = _reader(qtbot)
    layout = _layout(view)
    block = view.firstVisibleBlock()
    before = layout.blockBoundingRect(block).height()
    layout.set_spacing(2.0)
    after = layout.blockBoundingRect(block).height()
    first = block.layout().lineAt(0)
    assert abs(first.y() - first.height()) < 0.05, "a gap of one line height"
    assert after > before

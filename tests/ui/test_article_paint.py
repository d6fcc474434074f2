"""Drawing over the article text: blocks on screen, claim markers, the scroll bar."""

from __future__ import annotations

from PySide6.QtGui import QPainter, QPixmap
from PySide6.QtWidgets import QAbstractSlider
from pytestqt.qtbot import QtBot

from workbench.domain import Article
from workbench.ui import article_paint
from workbench.ui.article_view import ArticleView
from workbench.ui.highlighter import ClaimMark

PARAGRAPH = "The ministry said prices rose sharply in the spring. Analysts were divided. " * 3


def _view(qtbot: QtBot, paragraphs: int = 300) -> ArticleView:
    view = ArticleView()
    qtbot.addWidget(view)
    view.resize(600, 400)
    view.show()
    qtbot.waitExposed(view)
    view.set_article(Article(id=1, title="T", text="\n".join([PARAGRAPH] * paragraphs)))
    doc = view.document()
    marks = []
    for number in range(doc.blockCount()):
        start = doc.findBlockByNumber(number).position() + 10
        marks.append(ClaimMark(number + 1, start, start + 20, "#e53935", "A"))
        marks.append(ClaimMark(10_000 + number, start + 2, start + 40, "#1e88e5", "C"))
    view.set_marks(marks)
    view.set_number_source(lambda claim_id: claim_id)
    view.viewport().repaint()
    return view


def _page_down(view: ArticleView, pages: int) -> None:
    bar = view.verticalScrollBar()
    for _ in range(pages):
        bar.triggerAction(QAbstractSlider.SliderAction.SliderPageStepAdd)
        view.viewport().repaint()


def test_laying_out_new_blocks_keeps_the_scroll_bar_in_step(qtbot: QtBot) -> None:
    view = _view(qtbot)
    bar = view.verticalScrollBar()
    bar.setValue(bar.maximum() // 2)  # text never laid out
    lines = view.document().lineCount()
    article_paint.visible_blocks(view)
    assert view.document().lineCount() > lines, "new blocks were laid out"
    shown = (bar.maximum(), bar.value())
    layout = view.document().documentLayout()
    layout.documentSizeChanged.emit(layout.documentSize())  # the view sizes it afresh
    assert (bar.maximum(), bar.value()) == shown


def test_markers_are_placed_side_by_side_and_drawn_where_placed(qtbot: QtBot) -> None:
    view = _view(qtbot)
    _page_down(view, 3)
    blocks = article_paint.visible_blocks(view)
    highlighter = view.highlighter
    placed = article_paint.place_badges(
        view, highlighter.marks, number_of=view.number_of, blocks=blocks
    )
    assert [b.text for b in placed[:2]] == [f"{placed[0].claim_id}A", f"{placed[1].claim_id}C"]
    first, second = placed[0].rect, placed[1].rect
    assert second.left() > first.right(), "two claims starting together do not overlap"
    view.viewport().repaint()  # drawing the text first must not move them
    pixmap = QPixmap(view.viewport().size())
    painter = QPainter(pixmap)
    drawn = article_paint.paint_badges(
        view, painter, highlighter.marks, dark=False, number_of=view.number_of
    )
    painter.end()
    assert drawn == [(b.rect, b.claim_id) for b in placed]

"""The claim highlighter: marks found per block by bisection, many marks applied lazily."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from workbench.domain import Article
from workbench.ui import article_paint
from workbench.ui.article_view import ArticleView
from workbench.ui.highlighter import FEW_CHANGES, LONG_MARK, ClaimMark

PARAGRAPH = "The ministry said prices rose. Analysts were divided on the cause."


def _view(qtbot: QtBot, paragraphs: int = 400) -> ArticleView:
    text = "\n".join(f"{n}. {PARAGRAPH}" for n in range(paragraphs))
    view = ArticleView()
    qtbot.addWidget(view)
    view.resize(600, 400)
    view.show()
    qtbot.waitExposed(view)
    article = Article(id=1, title="T", text=text)
    view.set_article(article)
    qtbot.wait(1)  # laid out, so the scroll bar knows the text's length
    return view


def _marks(view: ArticleView, every: int = 1) -> list[ClaimMark]:
    doc = view.document()
    marks = []
    for number in range(0, doc.blockCount(), every):
        block = doc.findBlockByNumber(number)
        start = block.position() + 4
        marks.append(ClaimMark(number + 1, start, start + 10, "#e53935", "A"))
    return marks


def _tinted(view: ArticleView, number: int) -> bool:
    block = view.document().findBlockByNumber(number)
    return any(f.format.background().style() != 0 for f in block.layout().formats())


def test_marks_of_a_block_are_found_by_bisection_with_long_claims_apart(qtbot: QtBot) -> None:
    view = _view(qtbot, paragraphs=50)
    short = ClaimMark(1, 10, 20, "#e53935", "A")
    long = ClaimMark(2, 5, 5 + LONG_MARK + 10, "#1e88e5", "B")
    late = ClaimMark(3, 500, 510, "#e53935", "A")
    view.set_marks([short, long, late])
    highlighter = view.highlighter
    assert highlighter.marks_between(12, 13) == [long, short]
    assert highlighter.marks_between(400, 401) == [long]
    assert highlighter.marks_between(505, 506) == [long, late]
    assert highlighter.marks_between(LONG_MARK + 100, LONG_MARK + 101) == []


def test_many_marks_highlight_the_screen_at_once_and_the_rest_when_idle(qtbot: QtBot) -> None:
    view = _view(qtbot)
    marks = _marks(view)
    assert len(marks) > FEW_CHANGES
    view.set_marks(marks)
    highlighter = view.highlighter
    first = view.firstVisibleBlock().blockNumber()
    assert _tinted(view, first), "the blocks on screen are highlighted at once"
    last = view.document().blockCount() - 1
    assert highlighter.pending > 0, "the blocks off screen wait"
    qtbot.waitUntil(lambda: highlighter.pending == 0)
    assert _tinted(view, last)


def test_a_block_scrolled_into_view_is_highlighted_before_it_is_painted(qtbot: QtBot) -> None:
    view = _view(qtbot)
    view.set_marks(_marks(view))
    bar = view.verticalScrollBar()
    bar.setValue(bar.maximum())
    view.viewport().repaint()
    last = view.document().blockCount() - 1
    assert _tinted(view, last)
    start, end = article_paint.visible_range(view)
    assert start < view.document().findBlockByNumber(last).position() < end


def test_a_few_changed_marks_redo_only_their_blocks(qtbot: QtBot) -> None:
    view = _view(qtbot)
    marks = _marks(view, every=2)[:FEW_CHANGES]
    view.set_marks(marks)
    qtbot.waitUntil(lambda: view.highlighter.pending == 0)
    view.set_marks(marks[:-1])
    assert view.highlighter.pending == 0
    assert not _tinted(view, 2 * (FEW_CHANGES - 1))
    assert _tinted(view, 2 * (FEW_CHANGES - 2))


def test_blocks_redone_off_screen_keep_the_scroll_bar_and_the_screen_right(qtbot: QtBot) -> None:
    view = _view(qtbot, paragraphs=1200)
    view.resize(300, 400)  # narrow: paragraphs wrap, so laying them out adds lines
    qtbot.wait(1)
    view.set_marks(_marks(view))
    on_screen = view.firstVisibleBlock().blockNumber()
    highlighter = view.highlighter
    lines = view.document().lineCount()
    qtbot.waitUntil(lambda: not highlighter._idle.isActive())
    assert view.document().lineCount() > lines, "blocks ahead were laid out while idle"
    bar = view.verticalScrollBar()
    shown = (bar.maximum(), bar.value())
    layout = view.document().documentLayout()
    layout.documentSizeChanged.emit(layout.documentSize())  # the view sizes it afresh
    assert (bar.maximum(), bar.value()) == shown
    assert _tinted(view, on_screen) and _tinted(view, on_screen + 300)

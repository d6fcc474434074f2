"""Small steps the user stories share: click in the text, read the claims table."""

from __future__ import annotations

import threading
from typing import Any

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from workbench.ui.article_view import ArticleView
from workbench.ui.main_window import MainWindow
from workbench.ui.models.claims_model import CLAIM_ID_ROLE, Column


def wait_until_shown(qtbot: QtBot, window: MainWindow, timeout: int = 30_000) -> None:
    """Wait until an article opening in the background is on screen, claims and all."""
    qtbot.waitUntil(lambda: not window.document.loading, timeout=timeout)


def open_and_wait(qtbot: QtBot, window: MainWindow, article_id: int | None) -> bool:
    """``window.open_article`` and, for a large article read in the background, the wait."""
    opened = window.open_article(article_id)
    wait_until_shown(qtbot, window)
    return opened


def view_of(window: MainWindow) -> ArticleView:
    view = window.findChild(ArticleView, "articleView")
    assert view is not None
    return view


def scroll_to(view: ArticleView, offset: int) -> None:
    cursor = QTextCursor(view.document())
    cursor.setPosition(view.utf16.to_utf16(offset))
    view.setTextCursor(cursor)
    view.centerCursor()
    QApplication.processEvents()


def click_text(
    qtbot: QtBot,
    view: ArticleView,
    offset: int,
    modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier,
) -> None:
    """Click the character at code-point ``offset`` (scrolling it into view first)."""
    first, last = _visible(view)
    if not first <= view.utf16.to_utf16(offset) < last:
        scroll_to(view, offset)
    point = view.point_of(offset)
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, modifier, point)


def drag_text(qtbot: QtBot, view: ArticleView, start: int, end: int) -> None:
    """Press at ``start``, move to ``end`` and release: a mouse selection."""
    scroll_to(view, start)
    a, b = view.point_of(start), view.point_of(end)
    qtbot.mousePress(view.viewport(), Qt.MouseButton.LeftButton, pos=a)
    qtbot.mouseMove(view.viewport(), QPoint((a.x() + b.x()) // 2, b.y()))
    qtbot.mouseMove(view.viewport(), b)
    qtbot.mouseRelease(view.viewport(), Qt.MouseButton.LeftButton, pos=b)


def _visible(view: ArticleView) -> tuple[int, int]:
    from workbench.ui.article_paint import visible_range

    return visible_range(view)


def press(qtbot: QtBot, widget: Any, key: str | Qt.Key) -> None:
    widget.setFocus()
    QApplication.processEvents()
    if isinstance(key, str):
        qtbot.keyClicks(widget, key)
    else:
        qtbot.keyClick(widget, key)


def table_rows(window: MainWindow, column: Column = Column.QUOTE) -> list[str]:
    proxy = window.claims_panel.proxy
    return [str(proxy.index(row, column).data()) for row in range(proxy.rowCount())]


def full_quotes(window: MainWindow) -> list[str]:
    """Each visible row's exact quote (the table shows an excerpt, its tooltip the whole)."""
    proxy = window.claims_panel.proxy
    out = []
    for row in range(proxy.rowCount()):
        claim_id = proxy.index(row, 0).data(CLAIM_ID_ROLE)
        claim = window.document.claim(claim_id)
        assert claim is not None
        out.append(claim.quote.exact)
    return out


def select_row(window: MainWindow, row: int) -> int:
    table = window.claims_panel.table
    table.setFocus()
    table.selectRow(row)
    QApplication.processEvents()
    return int(table.model().index(row, 0).data(CLAIM_ID_ROLE))


def slow_reader(started: threading.Event) -> Any:
    """A stand-in for ``importers.read_file`` that runs until the user cancels it."""
    from workbench.importers.base import ImportCancelled

    def slow_read(path: Any, *, progress: Any = None, should_cancel: Any = None) -> Any:
        started.set()
        for step in range(1000):
            if should_cancel is not None and should_cancel():
                raise ImportCancelled()
            if progress is not None:
                progress(step / 1000)
            threading.Event().wait(0.01)
        raise AssertionError("the import was never cancelled")

    return slow_read

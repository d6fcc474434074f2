"""The claims table's columns: the quote gets the room, the others fit their content, and a
column the user sizes keeps its width across restarts. The window opens on the title."""

from __future__ import annotations

from typing import Any

from conftest import Dialogs, WindowFactory
from heartbeat import heartbeat
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QHeaderView
from pytestqt.qtbot import QtBot

from workbench.domain import Article
from workbench.ui.claims_columns import QUOTE_SHARE
from workbench.ui.main_window import MainWindow
from workbench.ui.models.claims_model import Column


def widths(window: MainWindow) -> dict[Column, int]:
    header = window.claims_panel.table.horizontalHeader()
    return {c: header.sectionSize(c) for c in Column}


def room(window: MainWindow) -> int:
    return window.claims_panel.table.viewport().width()


def roomy(qtbot: QtBot, window: MainWindow, side: int = 640) -> None:
    """A window as on a laptop screen, the claims table about as wide as there."""
    window.resize(1400, 860)
    qtbot.waitUntil(lambda: window.width() == 1400)
    total = sum(window.main_splitter.sizes())
    window.main_splitter.setSizes([total - side, side])
    qtbot.waitUntil(lambda: abs(room(window) - (side - 40)) < 60)


def test_the_quote_stretches_and_the_other_columns_show_their_content(
    qtbot: QtBot, window: MainWindow
) -> None:
    roomy(qtbot, window)
    table = window.claims_panel.table
    header = table.horizontalHeader()
    assert header.sectionResizeMode(Column.QUOTE) == QHeaderView.ResizeMode.Stretch
    assert header.sectionResizeMode(Column.VERDICT) == QHeaderView.ResizeMode.Interactive
    size = widths(window)
    assert size[Column.QUOTE] >= int(room(window) * QUOTE_SHARE) - 1
    metrics = table.fontMetrics()
    for column, longest in ((Column.VERDICT, "Mostly false"), (Column.STATUS, "in review")):
        assert size[column] >= metrics.horizontalAdvance(longest), column
    assert sum(size.values()) <= room(window) + 1  # no horizontal scrolling


def test_in_a_narrow_table_the_claimant_gives_way_to_the_quote(
    qtbot: QtBot, window: MainWindow
) -> None:
    roomy(qtbot, window)
    wide = widths(window)
    total = sum(window.main_splitter.sizes())
    with heartbeat("narrow the claims table"):
        window.main_splitter.setSizes([total - 420, 420])
        qtbot.waitUntil(lambda: room(window) < 420)
    narrow = widths(window)
    assert narrow[Column.CLAIMANT] < wide[Column.CLAIMANT]
    assert narrow[Column.QUOTE] >= int(room(window) * QUOTE_SHARE) - 1


def drag_right_edge(qtbot: QtBot, header: QHeaderView, column: Column, by: int) -> None:
    edge = header.sectionViewportPosition(column) + header.sectionSize(column) - 1
    y = header.height() // 2
    qtbot.mousePress(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(edge, y))
    qtbot.mouseMove(header.viewport(), QPoint(edge + by // 2, y))
    qtbot.mouseMove(header.viewport(), QPoint(edge + by, y))
    qtbot.mouseRelease(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(edge + by, y))


def test_a_column_the_user_resized_keeps_its_width_after_reopening(
    qtbot: QtBot, make_window: WindowFactory, services: Any, sample: Article, dialogs: Dialogs
) -> None:
    first = make_window(services, article_id=sample.id)
    roomy(qtbot, first)
    header = first.claims_panel.table.horizontalHeader()
    before = header.sectionSize(Column.VERDICT)
    drag_right_edge(qtbot, header, Column.VERDICT, -20)
    chosen = header.sectionSize(Column.VERDICT)
    assert chosen < before
    assert first.claims_panel.columns.user_sized == {Column.VERDICT}
    first.close()
    first.detach()

    second = make_window(services)
    assert second.claims_panel.columns.user_sized == {Column.VERDICT}
    assert widths(second)[Column.VERDICT] == chosen
    roomy(qtbot, second)
    assert widths(second)[Column.VERDICT] == chosen
    second.claims_panel.table.horizontalHeader().actions()[-1].trigger()  # Fit columns
    assert second.claims_panel.columns.user_sized == set()
    assert widths(second)[Column.VERDICT] > chosen


def test_the_window_opens_on_the_title_with_a_claim_in_view_selected(
    window: MainWindow,
) -> None:
    view = window.article_pane.view
    window.pick_example_claim()
    assert view.verticalScrollBar().value() == 0  # the headline is at the top
    claim_id = window.document.current_claim_id
    assert claim_id is not None and view.claim_in_view(claim_id)
    assert window.claims_panel.selected_claim_ids() == [claim_id]

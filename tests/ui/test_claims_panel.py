"""The claims panel: filter, sort, follow the text, edit in the claim editor, retag, delete."""

from __future__ import annotations

from typing import Any

import pytest
from heartbeat import heartbeat
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog, QLabel
from pytestqt.qtbot import QtBot
from story import full_quotes, press, select_row, table_rows, view_of

from workbench.domain import ClaimFields, ClaimStatus
from workbench.ui.article_paint import visible_range
from workbench.ui.claim_editor import ClaimEditor, ConflictDialog, Resolution
from workbench.ui.main_window import MainWindow
from workbench.ui.models.claims_model import Column


def choose(combo: Any, text: str) -> None:
    index = combo.findText(text)
    assert index >= 0, text
    combo.setCurrentIndex(index)


def test_filter_by_label_verdict_status_and_words(qtbot: QtBot, window: MainWindow) -> None:
    panel = window.claims_panel
    with heartbeat("filter claims by label"):
        choose(panel.label_filter, "Confirmed")
    assert table_rows(window, Column.LABEL) == ["Confirmed", "Confirmed"]
    choose(panel.label_filter, "Label: Any")
    choose(panel.verdict_filter, "Unproven")
    assert set(table_rows(window, Column.VERDICT)) == {"Unproven"}
    choose(panel.verdict_filter, "(no verdict)")
    assert table_rows(window, Column.VERDICT) == [""]
    choose(panel.verdict_filter, "Verdict: Any")
    choose(panel.status_filter, "Done")
    assert set(table_rows(window, Column.STATUS)) == {"done"}
    choose(panel.status_filter, "Status: Any")
    qtbot.keyClicks(panel.search, "interceptions")
    assert all("intercept" in q for q in full_quotes(window))
    assert panel.count.text() == f"{len(full_quotes(window))} of 8"
    panel.search.clear()
    assert len(table_rows(window)) == 8


def test_sort_by_any_column_and_back_by_position(window: MainWindow) -> None:
    table = window.claims_panel.table
    with heartbeat("sort claims by verdict"):
        table.sortByColumn(Column.VERDICT, Qt.SortOrder.AscendingOrder)
    verdicts = table_rows(window, Column.VERDICT)
    assert verdicts == sorted(verdicts, key=str.casefold)
    table.sortByColumn(Column.EVIDENCE, Qt.SortOrder.DescendingOrder)
    counts = [int(x) for x in table_rows(window, Column.EVIDENCE)]
    assert counts == sorted(counts, reverse=True)
    table.sortByColumn(Column.NUMBER, Qt.SortOrder.AscendingOrder)
    assert table_rows(window, Column.NUMBER) == [str(n) for n in range(1, 9)]
    starts = [c.span.start for c in window.document.claims]
    assert starts == sorted(starts)


def test_selecting_a_row_scrolls_the_article_to_the_claim_and_flashes_it(
    qtbot: QtBot, window: MainWindow
) -> None:
    view = view_of(window)
    with heartbeat("select a claim row"):
        claim_id = select_row(window, 7)
    claim = window.document.claim(claim_id)
    assert claim is not None
    first, last = visible_range(view)
    start, end = view.utf16.span_to_utf16(claim.span)
    assert first <= start and end <= last
    assert view.flashing
    qtbot.waitUntil(lambda: not view.flashing, timeout=3000)
    assert window.document.current_claim_id == claim_id


def edit_and_save(qtbot: QtBot, window: MainWindow, row: int, change: Any) -> ClaimEditor:
    claim_id = select_row(window, row)
    table = window.claims_panel.table
    with heartbeat("open the claim editor with Enter"):
        qtbot.keyClick(table, Qt.Key.Key_Return)
    editor = window.findChild(ClaimEditor, "claimEditor")
    assert editor is not None and editor.claim.id == claim_id
    change(editor)
    with heartbeat("save the claim editor"):
        editor.accept()
    return editor


def test_enter_opens_the_claim_editor_saves_at_once_and_undo_reverts(
    qtbot: QtBot, window: MainWindow
) -> None:
    old = window.document.claims[1]

    def change(editor: ClaimEditor) -> None:
        editor.verdict.setCurrentText("False")
        editor.claimant.setText("Gen. T. Varek")
        editor.comment.setPlainText("Checked against the bulletin.")
        editor.status.setCurrentIndex(editor.status.findData("done"))

    edit_and_save(qtbot, window, 1, change)
    saved = window.services.claims.get(old.id)
    assert (saved.verdict, saved.claimant, saved.status) == (
        "False",
        "Gen. T. Varek",
        ClaimStatus.DONE,
    )
    assert table_rows(window, Column.VERDICT)[1] == "False"
    assert window.menus.actions["undo"].text() == "&Undo Edit claim 2"
    window.menus.actions["undo"].trigger()
    back = window.services.claims.get(old.id)
    assert (back.verdict, back.claimant, back.comment, back.status) == (
        old.verdict,
        old.claimant,
        old.comment,
        old.status,
    )


def test_double_click_opens_the_editor(qtbot: QtBot, window: MainWindow) -> None:
    table = window.claims_panel.table
    index = table.model().index(0, Column.QUOTE)
    rect = table.visualRect(index)
    qtbot.mousePress(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseRelease(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    editor = window.findChild(ClaimEditor, "claimEditor")
    assert editor is not None and editor.isVisible()
    editor.reject()


@pytest.mark.parametrize(
    ("resolution", "verdict", "comment_has_mine"),
    [
        (Resolution.KEEP_THEIRS, "Mostly true", False),
        (Resolution.OVERWRITE, "False", True),
        (Resolution.MERGE_COMMENT, "Mostly true", True),
    ],
)
def test_someone_else_saved_first_and_the_user_chooses(
    qtbot: QtBot,
    window: MainWindow,
    monkeypatch: pytest.MonkeyPatch,
    resolution: Resolution,
    verdict: str,
    comment_has_mine: bool,
) -> None:
    claim = window.document.claims[0]
    shown: list[ConflictDialog] = []

    def fake_exec(dialog: ConflictDialog) -> int:
        shown.append(dialog)
        dialog.resolution = resolution
        return int(QDialog.DialogCode.Accepted.value)

    monkeypatch.setattr(ConflictDialog, "exec", fake_exec)

    def change(editor: ClaimEditor) -> None:
        window.services.claims.edit(  # a colleague saves while the editor is open
            claim.id, ClaimFields(verdict="Mostly true", comment="Their comment.")
        )
        editor.verdict.setCurrentText("False")
        editor.comment.setPlainText("My comment.")

    edit_and_save(qtbot, window, 0, change)
    assert len(shown) == 1
    comparison = shown[0].findChild(QLabel, "conflictComparison")
    assert "Their comment." in comparison.text() and "My comment." in comparison.text()
    saved = window.services.claims.get(claim.id)
    assert saved.verdict == verdict
    assert ("My comment." in saved.comment) is comment_has_mine
    if resolution is Resolution.MERGE_COMMENT:
        assert "Their comment." in saved.comment


def test_label_key_in_the_table_retags_the_selected_rows_in_one_step(
    qtbot: QtBot, window: MainWindow
) -> None:
    table = window.claims_panel.table
    table.setFocus()
    table.selectRow(0)
    table.selectionModel().select(
        table.model().index(1, 0),
        table.selectionModel().SelectionFlag.Select | table.selectionModel().SelectionFlag.Rows,
    )
    QApplication.processEvents()
    assert len(window.claims_panel.selected_claim_ids()) == 2
    with heartbeat("retag two rows with a label key"):
        press(qtbot, table, "2")
    assert table_rows(window, Column.LABEL)[:2] == ["Confirmed", "Confirmed"]
    window.menus.actions["undo"].trigger()
    assert table_rows(window, Column.LABEL)[:2] == ["Allegation", "Allegation"]


def test_delete_selected_rows_and_undo(qtbot: QtBot, window: MainWindow) -> None:
    table = window.claims_panel.table
    select_row(window, 2)
    table.selectionModel().select(
        table.model().index(3, 0),
        table.selectionModel().SelectionFlag.Select | table.selectionModel().SelectionFlag.Rows,
    )
    gone = set(window.claims_panel.selected_claim_ids())
    with heartbeat("delete two rows"):
        press(qtbot, table, Qt.Key.Key_Delete)
    assert len(table_rows(window)) == 6
    assert not gone & {c.id for c in window.document.claims}
    window.menus.actions["undo"].trigger()
    assert gone <= {c.id for c in window.document.claims}

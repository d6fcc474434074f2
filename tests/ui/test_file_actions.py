"""File menu stories: export the open article's report, restore the database from a backup."""

from __future__ import annotations

import html
from pathlib import Path

import pytest
from conftest import Dialogs
from heartbeat import heartbeat
from PySide6.QtWidgets import QDialog, QPushButton, QTreeWidget
from pytestqt.qtbot import QtBot

from workbench.ui import workers
from workbench.ui.main_window import MainWindow


def test_export_report_writes_html_with_every_claim_quote(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    action = window.menus.actions["exportReport"]
    assert action.isEnabled()
    assert action.shortcut().toString() == "Ctrl+Shift+E"
    window.file_actions.warm_up()  # what the window does two seconds after start-up
    qtbot.waitUntil(lambda: workers.active_count() == 0, timeout=10_000)
    with heartbeat("open the export dialog"):
        action.trigger()
    dialog = window.findChild(QDialog, "exportDialog")
    assert dialog is not None and dialog.isVisible()
    assert dialog is window.file_actions.export_dialog
    assert dialog.fmt == "html"

    target = tmp_path / "report.html"
    with (
        qtbot.waitSignal(dialog.exported, timeout=10_000) as saved,
        heartbeat("export an HTML report"),
    ):
        dialog.export_to(target)
    assert saved.args == [target]
    text = html.unescape(target.read_text("utf-8"))
    for claim in window.document.claims:
        assert " ".join(claim.quote.exact.split()) in " ".join(text.split())
    assert str(target) in window.statusBar().currentMessage()

    dialog.close()
    qtbot.waitUntil(lambda: window.file_actions.export_dialog is None)


def test_export_is_disabled_without_an_open_article(window: MainWindow) -> None:
    window.open_article(None)
    assert not window.menus.actions["exportReport"].isEnabled()
    assert window.file_actions.export_report() is None
    window.open_article(window.library.article_ids()[0])
    assert window.menus.actions["exportReport"].isEnabled()


def test_restore_from_backup_lists_the_backups_and_closes_the_window_after_a_restore(
    qtbot: QtBot, window: MainWindow, dialogs: Dialogs, monkeypatch: pytest.MonkeyPatch
) -> None:
    with heartbeat("open the restore dialog"):
        window.menus.actions["restoreBackup"].trigger()
    dialog = window.findChild(QDialog, "restoreBackupDialog")
    assert dialog is not None and dialog.isVisible()
    backups = dialog.findChild(QTreeWidget, "backupList")
    before = backups.topLevelItemCount()

    with heartbeat("back up now"):
        dialog.findChild(QPushButton, "backupNowButton").click()
    assert backups.topLevelItemCount() == before + 1
    assert backups.topLevelItem(0).text(2) == "Made by you"

    monkeypatch.setattr(type(dialog), "_ask", lambda self, text: True)
    backups.setCurrentItem(backups.topLevelItem(0))
    dialog.findChild(QPushButton, "restoreButton").click()
    assert any("was restored" in text for text in dialogs.texts()), dialogs.texts()
    qtbot.waitUntil(lambda: not window.isVisible())

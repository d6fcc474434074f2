"""File menu stories: export the open article's report, restore the database from a backup."""

from __future__ import annotations

import html
from pathlib import Path

import pytest
from conftest import Dialogs
from heartbeat import heartbeat
from PySide6.QtWidgets import QDialog, QPushButton, QTreeWidget
from pytestqt.qtbot import QtBot

from workbench.ui.main_window import MainWindow


def test_export_report_writes_html_with_every_claim_quote(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    action = window.menus.actions["exportReport"]
    assert action.isEnabled()
    assert action.shortcut().toString() == "Ctrl+Shift+E"
    warm = window.file_actions.warm_up()  # what the window does two seconds after start-up
    qtbot.waitUntil(lambda: warm.done, timeout=10_000)
    with heartbeat("open the export dialog"):
        action.trigger()
        # The dialog is up at once; the report is built on a worker and then shown (the
        # heartbeat's settling time may be long enough for the worker to finish).
        dialog = window.findChild(QDialog, "exportDialog")
        assert dialog is not None and dialog.isVisible()
        assert "Building preview" in dialog.preview.toPlainText()
    assert dialog is window.file_actions.export_dialog
    assert dialog.fmt == "html"
    with heartbeat("build and show the export preview"):
        qtbot.waitUntil(lambda: not dialog.preview_pending(), timeout=10_000)
    assert window.document.article.title in dialog.preview.toPlainText()

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


def test_back_up_now_runs_off_the_gui_thread_with_the_buttons_disabled(
    qtbot: QtBot, window: MainWindow, dialogs: Dialogs, monkeypatch: pytest.MonkeyPatch
) -> None:
    import threading

    from workbench.services import backups as backup_service

    real = backup_service.make_backup
    gui = threading.get_ident()
    release = threading.Event()
    ran_on: list[int] = []

    def slow_backup(*args: object, **kwargs: object) -> object:
        ran_on.append(threading.get_ident())
        release.wait(10)
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(backup_service, "make_backup", slow_backup)
    window.menus.actions["restoreBackup"].trigger()
    dialog = window.findChild(QDialog, "restoreBackupDialog")
    assert dialog is not None
    backups = dialog.findChild(QTreeWidget, "backupList")
    before = backups.topLevelItemCount()
    button = dialog.findChild(QPushButton, "backupNowButton")
    restore = dialog.findChild(QPushButton, "restoreButton")
    with heartbeat("click back up now (the copy runs on a worker)"):
        button.click()
    assert not button.isEnabled() and not restore.isEnabled()
    button.click()  # disabled: no second backup
    qtbot.waitUntil(lambda: bool(ran_on))
    assert ran_on == [ran_on[0]] and ran_on[0] != gui
    release.set()
    qtbot.waitUntil(lambda: backups.topLevelItemCount() == before + 1, timeout=10_000)
    assert button.isEnabled() and restore.isEnabled()
    assert backups.topLevelItem(0).text(2) == "Made by you"
    assert len(ran_on) == 1 and not dialogs.shown
    dialog.close()


def test_a_failed_backup_says_why(
    qtbot: QtBot, window: MainWindow, dialogs: Dialogs, monkeypatch: pytest.MonkeyPatch
) -> None:
    from workbench.services import backups as backup_service

    def full_disk(*args: object, **kwargs: object) -> object:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(backup_service, "make_backup", full_disk)
    window.menus.actions["restoreBackup"].trigger()
    dialog = window.findChild(QDialog, "restoreBackupDialog")
    dialog.findChild(QPushButton, "backupNowButton").click()
    qtbot.waitUntil(lambda: not dialog.backing_up, timeout=10_000)
    assert dialogs.shown and "No space left" in dialogs.texts()[-1]
    assert dialog.findChild(QPushButton, "backupNowButton").isEnabled()
    dialog.close()


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
    qtbot.waitUntil(lambda: backups.topLevelItemCount() == before + 1, timeout=10_000)
    assert backups.topLevelItem(0).text(2) == "Made by you"

    monkeypatch.setattr(type(dialog), "_ask", lambda self, text: True)
    backups.setCurrentItem(backups.topLevelItem(0))
    dialog.findChild(QPushButton, "restoreButton").click()
    assert any("was restored" in text for text in dialogs.texts()), dialogs.texts()
    qtbot.waitUntil(lambda: not window.isVisible())

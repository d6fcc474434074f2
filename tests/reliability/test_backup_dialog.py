"""File > Restore from Backup (``ui.backup_dialog.RestoreBackupDialog``): the list, the
confirmation, the restore and the request to restart; a refusal changes nothing."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from workbench.domain import NoteFields
from workbench.services import Services, open_services
from workbench.services.backups import list_backups, make_backup
from workbench.ui.backup_dialog import RestoreBackupDialog


@pytest.fixture
def services(tmp_path: Path) -> Iterator[Services]:
    home = tmp_path / "home"
    svc = open_services(f"sqlite:///{home / 'workbench.sqlite'}", data_dir=home)
    yield svc
    svc.close()


def _notes(path: Path) -> list[str]:
    conn = sqlite3.connect(path)
    try:
        return [r[0] for r in conn.execute("SELECT title FROM notes ORDER BY id")]
    finally:
        conn.close()


def answer_boxes(answers: dict[str, QMessageBox.StandardButton]) -> list[tuple[str, str]]:
    """Answer each message box named in ``answers`` as it opens; returns (name, text)."""
    seen: list[tuple[str, str]] = []

    def poll() -> None:
        for widget in QApplication.topLevelWidgets():
            name = widget.objectName()
            if isinstance(widget, QMessageBox) and widget.isVisible() and name in answers:
                seen.append((name, widget.text()))
                button = widget.button(answers[name])
                assert button is not None
                button.click()
        if len(seen) < len(answers) + 1:
            QTimer.singleShot(20, poll)

    QTimer.singleShot(0, poll)
    return seen


def test_the_dialog_lists_backups_newest_first_with_date_and_size(
    services: Services, qtbot: Any
) -> None:
    path = services.db.sqlite_path
    assert path is not None
    folder = path.parent / "backups"
    services.notes.create(NoteFields(title="first"))
    older = make_backup(path, folder, reason="daily")
    newer = make_backup(path, folder)
    dialog = RestoreBackupDialog(services)
    qtbot.addWidget(dialog)
    assert dialog.objectName() == "restoreBackupDialog"
    rows = [dialog.list.topLevelItem(i) for i in range(dialog.list.topLevelItemCount())]
    assert [r.text(2) for r in rows if r] == ["Made by you", "Daily, at start-up"]
    assert rows[0] is not None and rows[0].text(1).endswith("KB")
    assert rows[0].text(0) == newer.created.astimezone().strftime("%Y-%m-%d %H:%M")
    assert dialog.selected() == newer.path and older.path.exists()
    assert dialog.restore_button.isEnabled()
    dialog.back_up_now()  # on a worker thread
    qtbot.waitUntil(lambda: dialog.list.topLevelItemCount() == 3, timeout=10_000)


def test_restore_asks_then_replaces_the_database_and_asks_for_a_restart(
    services: Services, qtbot: Any
) -> None:
    path = services.db.sqlite_path
    assert path is not None
    services.notes.create(NoteFields(title="in the backup"))
    make_backup(path, path.parent / "backups")
    services.notes.create(NoteFields(title="after the backup"))
    dialog = RestoreBackupDialog(services)
    qtbot.addWidget(dialog)

    seen = answer_boxes({"confirmRestore": QMessageBox.StandardButton.Cancel})
    dialog.restore_selected()
    assert seen[0][0] == "confirmRestore" and "kept as a backup" in seen[0][1]
    assert _notes(path) == ["in the backup", "after the backup"]  # cancelled: untouched

    seen = answer_boxes(
        {
            "confirmRestore": QMessageBox.StandardButton.Yes,
            "restartNotice": QMessageBox.StandardButton.Ok,
        }
    )
    with qtbot.waitSignal(dialog.restored, timeout=10_000) as restored:
        dialog.restore_selected()
    assert [name for name, _ in seen] == ["confirmRestore", "restartNotice"]
    assert "Restart Fact-check Workbench" in seen[1][1]
    assert isinstance(restored.args[0], Path)
    assert _notes(path) == ["in the backup"]
    reasons = {b.reason for b in list_backups(path.parent / "backups")}
    assert reasons == {"manual", "pre-restore"}  # the replaced database was kept


def test_a_restore_refused_while_another_window_holds_the_database_changes_nothing(
    services: Services, qtbot: Any
) -> None:
    path = services.db.sqlite_path
    assert path is not None
    services.notes.create(NoteFields(title="kept"))
    make_backup(path, path.parent / "backups")
    services.notes.create(NoteFields(title="also kept"))
    holder = _hold(path)
    try:
        dialog = RestoreBackupDialog(services)
        qtbot.addWidget(dialog)
        seen = answer_boxes(
            {
                "confirmRestore": QMessageBox.StandardButton.Yes,
                "restoreRefused": QMessageBox.StandardButton.Ok,
            }
        )
        dialog.restore_selected()
        assert [name for name, _ in seen] == ["confirmRestore", "restoreRefused"]
        assert "still open in another window" in seen[1][1]
        assert _notes(path) == ["kept", "also kept"]
    finally:
        holder()


def _hold(path: Path) -> Callable[[], None]:
    """Another process with the database open, until the returned function is called."""
    proc = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sqlite3, sys; c = sqlite3.connect(sys.argv[1]); "
            "c.execute('SELECT 1 FROM notes').fetchall(); print('open', flush=True); "
            "sys.stdin.readline()",
            str(path),
        ],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert proc.stdout is not None and proc.stdout.readline() == "open\n"

    def release() -> None:
        proc.communicate("\n", timeout=30)

    return release


def test_a_team_database_has_no_backup_list(services: Services, qtbot: Any) -> None:
    dialog = RestoreBackupDialog(services)
    qtbot.addWidget(dialog)
    dialog._db_file = None  # as for a PostgreSQL database
    dialog.refresh()
    assert dialog.list.topLevelItemCount() == 0
    assert "team database" in dialog.empty_note.text()
    assert not dialog.restore_button.isEnabled() and not dialog.backup_button.isEnabled()

"""File > Restore from Backup: the list of backups, and a restore that asks first.

``RestoreBackupDialog(services, parent)`` lists the backups of the open SQLite database
(newest first, with date, size and why each was made). Restoring asks for confirmation,
closes this window's connections, replaces the database through
``services.maintenance.restore`` (which keeps the current database as a backup first
and refuses while another window holds it), then tells the user to restart and emits
``restored`` so the main window can close. "Back up now" makes a manual backup on a
worker thread (copying the database takes 10-65 ms, longer for a big one): both buttons
are disabled meanwhile and the list shows the new backup when it is done.

A team (PostgreSQL) database is backed up on its server, so the list stays empty with a
note saying so.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from workbench.domain import UserError
from workbench.ui import workers

if TYPE_CHECKING:  # imported when used: the window paints before SQLAlchemy loads
    from workbench.services import Services
    from workbench.services.backups import BackupInfo
    from workbench.services.maintenance import RestoreResult

log = logging.getLogger(__name__)

REASONS = {
    "daily": "Daily, at start-up",
    "manual": "Made by you",
    "pre-migration": "Before a program update",
    "pre-restore": "Before a restore",
}


def human_size(size: int) -> str:
    if size >= 2**20:
        return f"{size / 2**20:.1f} MB"
    if size >= 2**10:
        return f"{size / 2**10:.0f} KB"
    return f"{size} bytes"


class RestoreBackupDialog(QDialog):
    """Lists backups; restores the chosen one after asking (see the module docstring)."""

    restored = Signal(Path)
    """The database was replaced by this backup: the window must restart to show it."""

    def __init__(
        self, services: Services, parent: QWidget | None = None, *, backups: Path | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("restoreBackupDialog")
        self.setWindowTitle("Restore from a Backup")
        self.resize(620, 380)
        self._services = services
        self._db_file = services.db.sqlite_path
        self._folder = backups or services.ctx.files.root.parent / "backups"
        self.backup_job: workers.Job | None = None
        """The "Back up now" under way, if any."""

        intro = QLabel(
            "Restoring replaces everything in the database with the backup you choose. "
            "The database as it is now is kept as a backup first, so you can go back."
        )
        intro.setWordWrap(True)
        self.empty_note = QLabel()
        self.empty_note.setObjectName("backupEmptyNote")
        self.empty_note.setWordWrap(True)
        self.list = QTreeWidget()
        self.list.setObjectName("backupList")
        self.list.setHeaderLabels(["Made", "Size", "Why"])
        self.list.setRootIsDecorated(False)
        self.list.setUniformRowHeights(True)
        self.list.setAccessibleName("Backups, newest first")
        header = self.list.header()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.restore_button = QPushButton("&Restore…")
        self.restore_button.setObjectName("restoreButton")
        self.backup_button = QPushButton("&Back Up Now")
        self.backup_button.setObjectName("backupNowButton")
        buttons.addButton(self.restore_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.backup_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        self.restore_button.clicked.connect(self.restore_selected)
        self.backup_button.clicked.connect(self.back_up_now)
        self.list.itemSelectionChanged.connect(self._update_buttons)
        self.list.itemActivated.connect(lambda *_: self.restore_selected())

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.empty_note)
        layout.addWidget(buttons)
        self.refresh()

    # --- list -----------------------------------------------------------------------

    def backups(self) -> list[BackupInfo]:
        from workbench.services.backups import list_backups

        if self._db_file is None:
            return []
        return list_backups(self._folder, database=self._db_file.stem)

    def refresh(self) -> None:
        self.list.clear()
        found = self.backups()
        for info in found:
            when = info.created.astimezone().strftime("%Y-%m-%d %H:%M")
            item = QTreeWidgetItem([when, human_size(info.size), REASONS.get(info.reason, "")])
            item.setData(0, Qt.ItemDataRole.UserRole, str(info.path))
            item.setTextAlignment(1, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            item.setToolTip(0, str(info.path))
            self.list.addTopLevelItem(item)
        if self._db_file is None:
            self.empty_note.setText(
                "This is a team database: it is backed up on its server. Ask whoever runs "
                "the server to restore it."
            )
        elif not found:
            self.empty_note.setText(f"There are no backups yet in {self._folder}.")
        else:
            self.empty_note.setText(f"Backups are kept in {self._folder}.")
        first = self.list.topLevelItem(0)
        if first is not None:
            self.list.setCurrentItem(first)
        self._update_buttons()

    def selected(self) -> Path | None:
        item = self.list.currentItem()
        if item is None or not item.isSelected():
            return None
        return Path(str(item.data(0, Qt.ItemDataRole.UserRole)))

    @property
    def backing_up(self) -> bool:
        return self.backup_job is not None

    def _update_buttons(self) -> None:
        idle = not self.backing_up
        self.restore_button.setEnabled(idle and self.selected() is not None)
        self.backup_button.setEnabled(idle and self._db_file is not None)

    # --- actions --------------------------------------------------------------------

    def back_up_now(self) -> workers.Job | None:
        """Make a manual backup on a worker; the buttons wait for it (None if not started)."""
        from workbench.services.backups import make_backup

        db_file, folder = self._db_file, self._folder
        if db_file is None or self.backing_up:
            return None
        self.backup_job = workers.start(
            lambda job: make_backup(db_file, folder, reason="manual"),
            on_done=lambda _info: self._on_backup_finished(None),
            on_error=self._on_backup_finished,
        )
        self.backup_button.setText("Backing Up…")
        self._update_buttons()
        return self.backup_job

    def _on_backup_finished(self, err: BaseException | None) -> None:
        if not shiboken6.isValid(self):  # closed (and deleted) while it ran
            if err is not None:
                log.warning("manual backup failed: %s", err)
            return
        self.backup_job = None
        self.backup_button.setText("&Back Up Now")
        if isinstance(err, OSError | UserError):
            self._tell("backupFailed", "Backup failed", f"The backup could not be made: {err}")
        elif err is not None:
            log.error("manual backup failed", exc_info=err)
            self._tell(
                "backupFailed",
                "Backup failed",
                f"The backup could not be made: {err}. The details are in the log file "
                "(Help > Show log folder).",
            )
        self.refresh()

    def restore_selected(self) -> None:
        path = self.selected()
        if path is None or self._db_file is None or self.backing_up:
            return
        item = self.list.currentItem()
        when = item.text(0) if item is not None else path.name
        if not self._ask(
            "Replace everything in the database with the backup made "
            f"{when}?\n\nThe database as it is now is kept as a backup first."
        ):
            return
        try:
            result = self._restore(path)
        except UserError as err:
            self._tell("restoreRefused", "Not restored", str(err))
            self.refresh()
            return
        kept = (
            f" The database as it was is kept in {result.safety_backup}."
            if result.safety_backup
            else ""
        )
        self.restore_button.setEnabled(False)
        self._tell(
            "restartNotice",
            "Restart to finish",
            f"The database was restored from the backup made {when}.{kept}\n\n"
            "Restart Fact-check Workbench now: until then the window shows what was there "
            "before.",
        )
        self.restored.emit(path)
        self.accept()

    def _restore(self, path: Path) -> RestoreResult:
        """Close this window's connections, then restore (once more if a background
        refresh reopened one in between)."""
        from workbench.services import maintenance

        assert self._db_file is not None
        for attempt in range(2):
            self._services.db.dispose()
            try:
                return maintenance.restore(self._db_file, path, self._folder)
            except UserError as err:
                if attempt or "still open" not in str(err):
                    raise
        raise AssertionError("unreachable")

    def _ask(self, text: str) -> bool:
        box = QMessageBox(
            QMessageBox.Icon.Warning,
            "Restore from a Backup",
            text,
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            self,
        )
        box.setObjectName("confirmRestore")
        yes = box.button(QMessageBox.StandardButton.Yes)
        if yes is not None:
            yes.setText("&Restore")
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        return box.exec() == QMessageBox.StandardButton.Yes

    def _tell(self, name: str, title: str, text: str) -> None:
        box = QMessageBox(
            QMessageBox.Icon.Information, title, text, QMessageBox.StandardButton.Ok, self
        )
        box.setObjectName(name)
        box.exec()

"""The note editor's attachments: the list with Attach, Remove and Open, and file drops.

Files attached to an existing note are stored at once (each an undo step); those of a
new note wait in ``pending`` until the editor saves the note (``NoteEditor``). The
list follows the note's attachments when someone else changes them.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices, QKeySequence, QShortcut, QUndoGroup
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from workbench.domain import EvidenceNote, UserError
from workbench.ui.evidence_commands import AttachFileCommand, DetachFileCommand, push_command
from workbench.ui.evidence_view import open_attachment


class NoteAttachments(QWidget):
    """The attachments of ``note`` (None: a new note, whose files wait for Save)."""

    def __init__(self, services: Any, undo_group: QUndoGroup, parent: QWidget | None = None):
        super().__init__(parent)
        self._services = services
        self._undo_group = undo_group
        self.note: EvidenceNote | None = None
        self.pending: list[Path] = []
        """Files chosen for a new note, attached when it is saved."""
        self.list = named(QListWidget(), "noteAttachments", "Attachments")
        self.list.setMaximumHeight(90)
        self.add_file = named(QPushButton("&Attach file…"), "noteAttachAdd", "Attach file")
        self.remove_file = named(QPushButton("Re&move"), "noteAttachRemove", "Remove")
        self.open_file = named(QPushButton("O&pen"), "noteAttachOpen", "Open attachment")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.list, 1)
        buttons = QVBoxLayout()
        for w in (self.add_file, self.remove_file, self.open_file):
            buttons.addWidget(w)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        remove = QShortcut(QKeySequence.StandardKey.Delete, self.list)
        remove.setContext(Qt.ShortcutContext.WidgetShortcut)
        remove.activated.connect(self.remove_current)
        self.add_file.clicked.connect(self._on_add_file)
        self.remove_file.clicked.connect(self.remove_current)
        self.open_file.clicked.connect(self.open_current)
        self.list.itemActivated.connect(lambda _item: self.open_current())

    def show_note(self, note: EvidenceNote | None) -> None:
        """List ``note``'s attachments (and the files waiting for Save)."""
        self.note = note
        self.list.clear()
        for attachment in note.attachments if note else ():
            item = QListWidgetItem(f"{attachment.file_name} ({file_size(attachment.size)})")
            item.setData(Qt.ItemDataRole.UserRole, attachment)
            self.list.addItem(item)
        for path in self.pending:
            item = QListWidgetItem(f"{path.name} (attached on save)")
            item.setData(Qt.ItemDataRole.UserRole, path)
            self.list.addItem(item)

    def add_files(self, paths: list[Path]) -> None:
        """Attach files (existing note) or queue them for Save (new note)."""
        for path in paths:
            try:
                if self.note is None:
                    self._services.notes.check_attachment(path)
                    self.pending.append(path)
                else:
                    cmd = AttachFileCommand(self._services, self.note.id, path)
                    push_command(self._undo_group, cmd)
            except UserError as err:
                QMessageBox.warning(self.window(), "Cannot attach the file", str(err))
        self.show_note(self.note)

    def remove_current(self) -> None:
        item = self.list.currentItem()
        if item is None:
            return
        data = item.data(Qt.ItemDataRole.UserRole)
        if isinstance(data, Path):
            self.pending.remove(data)
            self.show_note(self.note)
            return
        try:
            push_command(self._undo_group, DetachFileCommand(self._services, data))
        except UserError as err:
            QMessageBox.warning(self.window(), "Cannot remove the attachment", str(err))

    def open_current(self) -> None:
        item = self.list.currentItem()
        if item is None:
            return
        data = item.data(Qt.ItemDataRole.UserRole)
        if isinstance(data, Path):
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(data)))
        else:
            open_attachment(self._services, data)

    def _on_add_file(self) -> None:
        names, _ = QFileDialog.getOpenFileNames(self.window(), "Attach files")
        self.add_files([Path(n) for n in names])


def named(widget: Any, name: str, accessible: str) -> Any:
    widget.setObjectName(name)
    widget.setAccessibleName(accessible)
    return widget


def local_files(event: Any) -> list[Path]:
    """The local files a drag carries (none for dragged text)."""
    mime = event.mimeData()
    if mime is None or not mime.hasUrls():
        return []
    return [Path(u.toLocalFile()) for u in mime.urls() if u.isLocalFile()]


def file_size(size: int) -> str:
    if size >= 2**20:
        return f"{size / 2**20:.1f} MB"
    if size >= 2**10:
        return f"{size / 2**10:.0f} KB"
    return f"{size} bytes"

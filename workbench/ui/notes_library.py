"""Every evidence note in one searchable list: the notes library, and the picker that
links an existing note to a claim.

Both search through ``services.notes.library(text_filter=...)``. The library shows which
claims use each note (one note often serves several claims), opens the note editor,
and deletes notes as undo steps. The picker returns a note and the stance to link it with.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence, QUndoGroup
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import isValid

from workbench.domain import Changes, NoteUsage, Stance, UserError
from workbench.ui.evidence_commands import DeleteNoteCommand, push_command
from workbench.ui.note_editor import STANCE_CHOICES, NoteEditor

NOTE_ROLE = Qt.ItemDataRole.UserRole


def _fill_notes(tree: QTreeWidget, usages: Iterable[NoteUsage], keep: int | None) -> None:
    """Rows of title, source, accessed date and use count; keeps the ``keep`` note selected."""
    tree.clear()
    for usage in usages:
        note = usage.note
        accessed = note.accessed_at.astimezone().strftime("%Y-%m-%d") if note.accessed_at else ""
        count = len(usage.claim_ids)
        item = QTreeWidgetItem(
            [
                note.title,
                note.source_title or note.source_url,
                accessed,
                f"{count} claim{'s' if count != 1 else ''}",
            ]
        )
        item.setData(0, NOTE_ROLE, usage)
        item.setToolTip(1, note.source_url)
        tree.addTopLevelItem(item)
        if note.id == keep:
            tree.setCurrentItem(item)
    first = tree.topLevelItem(0)
    if tree.currentItem() is None and first is not None:
        tree.setCurrentItem(first)


def _notes_tree(name: str, accessible: str) -> QTreeWidget:
    tree = QTreeWidget()
    tree.setObjectName(name)
    tree.setAccessibleName(accessible)
    tree.setHeaderLabels(["Note", "Source", "Accessed", "Used by"])
    tree.setRootIsDecorated(False)
    tree.setUniformRowHeights(True)
    tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    header = tree.header()
    header.setStretchLastSection(False)
    for column in range(tree.columnCount()):
        header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
    header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
    header.setSectionResizeMode(1, QHeaderView.ResizeMode.Interactive)
    tree.setColumnWidth(1, 170)
    return tree


def _current_usage(tree: QTreeWidget) -> NoteUsage | None:
    item = tree.currentItem()
    usage = item.data(0, NOTE_ROLE) if item else None
    return usage if isinstance(usage, NoteUsage) else None


class _SearchList(QDialog):
    """A search box over a note list: typing filters, Up/Down in the box move the list."""

    def __init__(self, services: Any, parent: QWidget | None, *, prefix: str) -> None:
        super().__init__(parent)
        self._services = services
        self.search = QLineEdit()
        self.search.setObjectName(f"{prefix}Search")
        self.search.setAccessibleName("Search notes")
        self.search.setPlaceholderText("Search title, text or source…")
        self.search.setClearButtonEnabled(True)
        self.notes = _notes_tree(f"{prefix}List", "Notes")
        self._timer = QTimer(self, singleShot=True, interval=200)
        self.search.textChanged.connect(self._timer.start)
        self._timer.timeout.connect(self.refresh)
        self.search.installEventFilter(self)

    def exclude(self, usage: NoteUsage) -> bool:
        return False

    def refresh(self) -> None:
        self._timer.stop()
        usage = _current_usage(self.notes)
        usages = self._services.notes.library(text_filter=self.search.text().strip())
        shown = [u for u in usages if not self.exclude(u)]
        _fill_notes(self.notes, shown, usage.note.id if usage else None)

    def current_note_id(self) -> int | None:
        usage = _current_usage(self.notes)
        return usage.note.id if usage else None

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.search and event.type() == QEvent.Type.KeyPress:
            key = event.key()  # type: ignore[attr-defined]
            if key in (Qt.Key.Key_Up, Qt.Key.Key_Down, Qt.Key.Key_PageUp, Qt.Key.Key_PageDown):
                self.notes.setFocus()
                self.notes.keyPressEvent(event)  # type: ignore[arg-type]
                self.search.setFocus()
                return True
        return super().eventFilter(watched, event)


class NotePickerDialog(_SearchList):
    """Choose an existing note (not yet linked to the claim) and the stance to link it as."""

    def __init__(
        self,
        services: Any,
        parent: QWidget | None = None,
        *,
        exclude_ids: Iterable[int] = (),
        stance: Stance = Stance.SUPPORTS,
    ) -> None:
        super().__init__(services, parent, prefix="notePicker")
        self._exclude = set(exclude_ids)
        self.setObjectName("notePicker")
        self.setAccessibleName("Link an existing note")
        self.setWindowTitle("Link an existing note")
        self.resize(680, 460)
        self.stance = QComboBox()
        self.stance.setObjectName("notePickerStance")
        self.stance.setAccessibleName("Stance")
        for text, value in STANCE_CHOICES:
            self.stance.addItem(text, value)
        self.stance.setCurrentIndex(self.stance.findData(stance))
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText("&Link")
        form = QFormLayout()
        form.addRow("&Find:", self.search)
        form.addRow("&Stance:", self.stance)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.notes, 1)
        layout.addWidget(self.buttons)
        self.buttons.accepted.connect(self._on_accept)
        self.buttons.rejected.connect(self.reject)
        self.notes.itemActivated.connect(lambda _item, _col: self._on_accept())
        self.refresh()
        self.search.setFocus()

    def exclude(self, usage: NoteUsage) -> bool:
        return usage.note.id in self._exclude

    def selected_stance(self) -> Stance:
        return Stance(self.stance.currentData())  # Qt hands back the plain str

    def _on_accept(self) -> None:
        if self.current_note_id() is not None:
            self.accept()


class NotesLibraryDialog(_SearchList):
    """All notes with the claims that use them; Enter edits, Delete deletes (undoable)."""

    def __init__(
        self,
        services: Any,
        parent: QWidget | None = None,
        *,
        undo_group: QUndoGroup | None = None,
    ) -> None:
        super().__init__(services, parent, prefix="notesLibrary")
        self._undo_group = undo_group or QUndoGroup(self)
        self.editor: NoteEditor | None = None
        self.setObjectName("notesLibrary")
        self.setAccessibleName("Notes library")
        self.setWindowTitle("Notes library")
        self.resize(900, 560)
        self.claims = QListWidget()
        self.claims.setObjectName("notesLibraryClaims")
        self.claims.setAccessibleName("Claims using the note")
        self.claims_label = QLabel("Used by:")
        self.new_button = QPushButton("&New note…")
        self.edit_button = QPushButton("&Edit…")
        self.delete_button = QPushButton("&Delete")
        self.close_button = QPushButton("Close")
        for button in (self.new_button, self.edit_button, self.delete_button, self.close_button):
            button.setAutoDefault(False)  # Enter in the search box must not press one
        self.claims.setWordWrap(True)
        self._build()
        self._connect()
        handler = self._on_changes
        services.bus.subscribe(handler)
        self.destroyed.connect(lambda: services.bus.unsubscribe(handler))
        self.finished.connect(lambda _r: services.bus.unsubscribe(handler))
        self.refresh()
        self.search.setFocus()

    def _build(self) -> None:
        right = QWidget()
        side = QVBoxLayout(right)
        side.setContentsMargins(0, 0, 0, 0)
        side.addWidget(self.claims_label)
        side.addWidget(self.claims, 1)
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(self.notes)
        split.addWidget(right)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        buttons = QHBoxLayout()
        for button in (self.new_button, self.edit_button, self.delete_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.close_button)
        form = QFormLayout()
        form.addRow("&Find:", self.search)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(split, 1)
        layout.addLayout(buttons)

    def _connect(self) -> None:
        edit = QAction("Edit note", self.notes)
        edit.setShortcut(QKeySequence("F2"))
        delete = QAction("Delete note", self.notes)
        delete.setShortcut(QKeySequence(QKeySequence.StandardKey.Delete))
        for action, slot in ((edit, self.edit_current), (delete, self.delete_current)):
            action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
            action.triggered.connect(slot)
            self.notes.addAction(action)
        self.notes.itemActivated.connect(lambda _item, _col: self.edit_current())
        self.notes.currentItemChanged.connect(lambda _cur, _prev: self._show_claims())
        self.new_button.clicked.connect(self.new_note)
        self.edit_button.clicked.connect(self.edit_current)
        self.delete_button.clicked.connect(self.delete_current)
        self.close_button.clicked.connect(self.accept)

    def refresh(self) -> None:
        super().refresh()
        self._show_claims()

    def _show_claims(self) -> None:
        self.claims.clear()
        usage = _current_usage(self.notes)
        has_note = usage is not None
        self.edit_button.setEnabled(has_note)
        self.delete_button.setEnabled(has_note)
        if usage is None:
            self.claims_label.setText("Used by:")
            return
        self.claims_label.setText(f"Used by {len(usage.claim_ids)} claim(s):")
        titles = {a.id: a.title for a in self._services.articles.summaries()}
        for claim_id in usage.claim_ids:
            try:
                claim = self._services.claims.get(claim_id)
            except UserError:
                continue
            quote = claim.quote.exact if len(claim.quote.exact) < 90 else claim.quote.exact[:88]
            self.claims.addItem(f"“{quote}” — {titles.get(claim.article_id, '')}")

    def _on_changes(self, changes: Changes) -> None:
        if isValid(self) and (changes.notes or changes.links or changes.claims):
            self.refresh()

    def new_note(self) -> NoteEditor:
        return self._open_editor(None)

    def edit_current(self) -> NoteEditor | None:
        note_id = self.current_note_id()
        return None if note_id is None else self._open_editor(note_id)

    def _open_editor(self, note_id: int | None) -> NoteEditor:
        editor = NoteEditor(self._services, self._undo_group, note_id=note_id, parent=self)
        editor.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        editor.destroyed.connect(lambda: setattr(self, "editor", None))
        self.editor = editor
        editor.open()
        return editor

    def delete_current(self) -> None:
        usage = _current_usage(self.notes)
        if usage is None:
            return
        cmd = DeleteNoteCommand(self._services, usage.note.id, title=usage.note.title)
        try:
            push_command(self._undo_group, cmd)
        except UserError as err:
            QMessageBox.warning(self, "Cannot delete the note", str(err))

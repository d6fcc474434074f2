"""The evidence note editor: fields, Markdown body with a safe live preview, attachments.

Saving goes through undo commands (``evidence_commands``). A new note opened for a
claim is created and linked in one "Add evidence" step. Attachments of an existing note
are added and removed at once (each an undo step); those of a new note wait for Save
(the list and its buttons are ``note_attachments.NoteAttachments``).
If someone else saved the note meanwhile, the user sees their version and chooses
(``note_conflict.ask_conflict_choice``).
"""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from PySide6.QtCore import QDateTime, QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QDropEvent, QKeySequence, QShortcut, QUndoGroup
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import isValid

from workbench.domain import (
    ConflictError,
    EvidenceNote,
    NoteFields,
    Stance,
    UserError,
)
from workbench.ui.evidence_commands import (
    AttachFileCommand,
    CreateNoteCommand,
    EditNoteCommand,
    changed_fields,
    push_command,
    push_macro,
)
from workbench.ui.evidence_view import MarkdownPreview, open_url
from workbench.ui.note_attachments import NoteAttachments, local_files
from workbench.ui.note_attachments import named as _named
from workbench.ui.note_conflict import ConflictChoice, ask_conflict_choice

STANCE_CHOICES: tuple[tuple[str, Stance], ...] = (
    ("Supports the claim", Stance.SUPPORTS),
    ("Contradicts the claim", Stance.CONTRADICTS),
    ("Context", Stance.CONTEXT),
)
RELIABILITY_CHOICES: tuple[tuple[str, int | None], ...] = (
    ("Unknown", None),
    ("1 – weak", 1),
    ("2 – limited", 2),
    ("3 – fair", 3),
    ("4 – good", 4),
    ("5 – strong", 5),
)

# --- conversions -----------------------------------------------------------------------


def to_qdatetime(value: datetime) -> QDateTime:
    return QDateTime.fromSecsSinceEpoch(int(value.timestamp()))


def from_qdatetime(value: QDateTime) -> datetime:
    return datetime.fromtimestamp(value.toSecsSinceEpoch(), UTC)


# --- the editor ------------------------------------------------------------------------


class NoteEditor(QDialog):
    """Edit one note (``note_id``) or write a new one (linked to ``claim_id`` if given)."""

    saved = Signal(int)
    """The id of the note that was created or changed."""

    def __init__(
        self,
        services: Any,
        undo_group: QUndoGroup,
        *,
        note_id: int | None = None,
        claim_id: int | None = None,
        stance: Stance = Stance.SUPPORTS,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._services = services
        self._undo_group = undo_group
        self._claim_id = claim_id
        self._note: EvidenceNote | None = (
            services.notes.get(note_id) if note_id is not None else None
        )
        self._preview_timer = QTimer(self, singleShot=True, interval=150)
        self._build(stance)
        self._connect()
        self._load(self._note)
        handler = self._on_changes
        services.bus.subscribe(handler)
        self.finished.connect(lambda _result: services.bus.unsubscribe(handler))
        self.destroyed.connect(lambda: services.bus.unsubscribe(handler))

    @property
    def note_id(self) -> int | None:
        return self._note.id if self._note else None

    @property
    def _pending(self) -> list[Path]:
        return self.files.pending

    # --- layout ------------------------------------------------------------------------

    def _build(self, stance: Stance) -> None:
        self.setObjectName("noteEditor")
        self.setAccessibleName("Evidence note editor")
        self.setWindowTitle("Edit evidence note" if self._note else "New evidence note")
        self.setAcceptDrops(True)
        self.resize(860, 620)
        self.title = _named(QLineEdit(), "noteTitle", "Title")
        self.source_url = _named(QLineEdit(), "noteSourceUrl", "Source link")
        self.source_url.setPlaceholderText("https://…")
        self.source_title = _named(QLineEdit(), "noteSourceTitle", "Source title")
        self.accessed_known = _named(QCheckBox("&Recorded"), "noteAccessedKnown", "Accessed known")
        self.accessed = _named(QDateTimeEdit(), "noteAccessed", "Accessed on")
        self.accessed.setCalendarPopup(True)
        self.accessed.setDisplayFormat("yyyy-MM-dd HH:mm")
        self.now_button = _named(QPushButton("N&ow"), "noteAccessedNow", "Accessed now")
        self.reliability = _named(QComboBox(), "noteReliability", "Reliability")
        for text, level in RELIABILITY_CHOICES:
            self.reliability.addItem(text, level)
        self.stance = _named(QComboBox(), "noteStance", "Stance")
        for text, choice in STANCE_CHOICES:
            self.stance.addItem(text, choice)
        self.stance.setCurrentIndex([s for _, s in STANCE_CHOICES].index(stance))
        self.body = _named(QPlainTextEdit(), "noteBody", "Note body (Markdown)")
        self.body.setPlaceholderText("What the source says, in Markdown…")
        self.preview = _named(MarkdownPreview(), "notePreview", "Preview")
        self.files = NoteAttachments(self._services, self._undo_group)
        self.attachments = self.files.list
        self.add_file = self.files.add_file
        self.remove_file = self.files.remove_file
        self.open_file = self.files.open_file
        self.message = _named(QLabel(), "noteMessage", "Message")
        self.message.setWordWrap(True)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )

        accessed_row = QHBoxLayout()
        for w in (self.accessed_known, self.accessed, self.now_button):
            accessed_row.addWidget(w)
        accessed_row.addStretch(1)
        form = QFormLayout()
        form.addRow("&Title:", self.title)
        form.addRow("Source &link:", self.source_url)
        form.addRow("Source t&itle:", self.source_title)
        form.addRow("Accessed:", accessed_row)
        reliability_row = QHBoxLayout()
        reliability_row.addWidget(self.reliability)
        reliability_row.addStretch(1)
        reliability_label = QLabel("R&eliability:")
        reliability_label.setBuddy(self.reliability)
        form.addRow(reliability_label, reliability_row)
        if self._note is None and self._claim_id is not None:
            form.addRow("&Stance:", self.stance)
        else:
            self.stance.hide()
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(_titled(self.body, "&Body (Markdown):"))
        split.addWidget(_titled(self.preview, "Preview:"))
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(split, 1)
        layout.addWidget(QLabel("Attachments (drop files here):"))
        layout.addWidget(self.files)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self.title.setFocus()

    def _connect(self) -> None:
        self.buttons.accepted.connect(self._on_save)
        self.buttons.rejected.connect(self.reject)
        for keys in (QKeySequence(QKeySequence.StandardKey.Save), QKeySequence("Ctrl+Return")):
            QShortcut(keys, self).activated.connect(self._on_save)
        self.body.textChanged.connect(self._preview_timer.start)
        self._preview_timer.timeout.connect(self.render_preview)
        self.preview.linkActivated.connect(open_url)
        self.now_button.clicked.connect(self._on_now)
        self.accessed_known.toggled.connect(self.accessed.setEnabled)
        for target in (self.body, self.body.viewport(), self.attachments.viewport()):
            target.installEventFilter(self)

    # --- form <-> note -----------------------------------------------------------------

    def _load(self, note: EvidenceNote | None) -> None:
        self.title.setText(note.title if note else "")
        self.body.setPlainText(note.body if note else "")
        self.source_url.setText(note.source_url if note else "")
        self.source_title.setText(note.source_title if note else "")
        at = note.accessed_at if note else None
        self.accessed_known.setChecked(at is not None or note is None)
        self.accessed.setEnabled(self.accessed_known.isChecked())
        self.accessed.setDateTime(to_qdatetime(at) if at else QDateTime.currentDateTime())
        self.reliability.setCurrentIndex(
            self.reliability.findData(note.reliability if note else None)
        )
        self._show_attachments()
        self.render_preview()

    def form_fields(self) -> NoteFields:
        at = from_qdatetime(self.accessed.dateTime()) if self.accessed_known.isChecked() else None
        reliability = self.reliability.currentData()
        return NoteFields(
            title=self.title.text().strip(),
            body=self.body.toPlainText(),
            source_url=self.source_url.text().strip(),
            source_title=self.source_title.text().strip(),
            accessed_at=at,
            reliability=reliability,
            clear_accessed_at=at is None,
            clear_reliability=reliability is None,
        )

    def render_preview(self) -> None:
        self._preview_timer.stop()
        self.preview.set_markdown(self.body.toPlainText())

    def _show_attachments(self) -> None:
        self.files.show_note(self._note)

    # --- handlers ----------------------------------------------------------------------

    def _on_changes(self, changes: Any) -> None:
        """Only the attachments list follows outside changes; typed fields are never reset."""
        if not isValid(self) or self._note is None or self._note.id not in changes.notes:
            return
        try:
            fresh = self._services.notes.get(self._note.id)
        except UserError:
            return
        self._note = replace(self._note, attachments=fresh.attachments)
        self._show_attachments()

    def _on_now(self) -> None:
        self.accessed_known.setChecked(True)
        self.accessed.setDateTime(QDateTime.currentDateTime())

    def add_files(self, paths: list[Path]) -> None:
        """Attach files (existing note) or queue them for Save (new note)."""
        self.files.add_files(paths)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """File drops on the body or the list attach; text drops edit the body as usual."""
        drag = (QEvent.Type.DragEnter, QEvent.Type.DragMove, QEvent.Type.Drop)
        if event.type() in drag and local_files(event):
            self._accept_drop(event)
            return True
        return super().eventFilter(watched, event)

    def dragEnterEvent(self, event: Any) -> None:
        if local_files(event):
            event.acceptProposedAction()

    def dragMoveEvent(self, event: Any) -> None:
        self.dragEnterEvent(event)

    def dropEvent(self, event: QDropEvent) -> None:
        self._accept_drop(event)

    def _accept_drop(self, event: Any) -> None:
        event.acceptProposedAction()
        if event.type() == QEvent.Type.Drop:
            self.add_files(local_files(event))

    def _on_save(self) -> None:
        fields = self.form_fields()
        if not fields.title:
            self._complain("An evidence note needs a title.")
            self.title.setFocus()
            return
        if self._note is None:
            self._save_new(fields)
        else:
            self._save_edit(self._note, fields)

    def _save_new(self, fields: NoteFields) -> None:
        stance = Stance(self.stance.currentData())  # Qt hands back the plain str
        create = CreateNoteCommand(self._services, fields, claim_id=self._claim_id, stance=stance)
        try:
            if not self._pending:
                note = push_command(self._undo_group, create)
            else:
                note = self._create_with_files(create)
        except UserError as err:
            self._complain(str(err))
            return
        self._finish(note.id)

    def _create_with_files(self, create: CreateNoteCommand) -> EvidenceNote:
        created: list[EvidenceNote] = []

        def steps(push: Any) -> None:
            note = push(create)
            if note is None:
                return
            created.append(note)
            for path in self._pending:
                push(AttachFileCommand(self._services, note.id, path))

        errors = push_macro(self._undo_group, create.text(), steps)
        if not created:
            raise errors[0]
        for err in errors:
            QMessageBox.warning(self, "Cannot attach the file", str(err))
        return created[0]

    def _save_edit(
        self, note: EvidenceNote, fields: NoteFields, *, version: int | None = None
    ) -> None:
        before, after = changed_fields(note, fields)
        if after == NoteFields():
            self._finish(note.id)
            return
        cmd = EditNoteCommand(
            self._services,
            note.id,
            before=before,
            after=after,
            expected_version=version if version is not None else note.version,
        )
        try:
            push_command(self._undo_group, cmd)
        except ConflictError as err:
            self._on_conflict(fields, err)
            return
        except UserError as err:
            self._complain(str(err))
            return
        self._finish(note.id)

    def _on_conflict(self, mine: NoteFields, err: ConflictError) -> None:
        theirs = err.current if isinstance(err.current, EvidenceNote) else None
        if theirs is None:
            theirs = self._services.notes.get(self._note.id) if self._note else None
        if theirs is None:
            self._complain(str(err))
            return
        choice = ask_conflict_choice(self, theirs=theirs)
        if choice is ConflictChoice.KEEP_THEIRS:
            self._note = theirs
            self._load(theirs)
            self._complain(f"Showing the version saved by {theirs.updated_by or 'someone else'}.")
        elif choice is ConflictChoice.OVERWRITE:
            self._note = theirs
            self._save_edit(theirs, mine, version=theirs.version)

    def _finish(self, note_id: int) -> None:
        self.saved.emit(note_id)
        self.accept()

    def _complain(self, text: str) -> None:
        self.message.setText(text)


def _titled(widget: QWidget, title: str) -> QWidget:
    """``widget`` under a label that is its keyboard buddy."""
    box = QWidget()
    label = QLabel(title)
    label.setBuddy(widget)
    layout = QVBoxLayout(box)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.addWidget(label)
    layout.addWidget(widget, 1)
    return box

"""The evidence panel: the notes linked to the selected claim, with stance and source.

Every action is a QAction with a shortcut (active while the panel has focus), a button
and a context-menu entry; each change is an undo command on the undo group's active
stack. The panel follows ``services.bus``: it refreshes when its claim, a shown note or
a link changed, keeps the current row, and never touches an open note editor. That
refresh runs on the next turn of the event loop, once for any number of records: saving
a note used to re-query and redraw the list inside the save, once per service call.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QPoint, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QActionGroup, QKeySequence, QUndoGroup
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QMenu,
    QMessageBox,
    QSplitter,
    QToolBar,
    QToolButton,
    QTreeWidget,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import isValid

from workbench.domain import Attachment, Changes, Claim, LinkedNote, Stance, UserError
from workbench.ui.evidence_commands import (
    ChangeStanceCommand,
    LinkNoteCommand,
    UnlinkNoteCommand,
    push_command,
)
from workbench.ui.evidence_view import (
    NOTE_ROLE,
    STANCE_BADGES,
    MarkdownPreview,
    RoomyRows,
    note_html,
    note_row,
    open_attachment,
    open_url,
)
from workbench.ui.note_editor import NoteEditor
from workbench.ui.notes_library import NotePickerDialog, NotesLibraryDialog

STANCE_KEYS: dict[Stance, str] = {
    Stance.SUPPORTS: "Alt+1",
    Stance.CONTRADICTS: "Alt+2",
    Stance.CONTEXT: "Alt+3",
}
COLUMNS = ("Stance", "Note", "Source", "Accessed", "Reliability")
ROLE = NOTE_ROLE


class EvidencePanel(QWidget):
    """Notes of one claim (``set_claim``).

    ``notesChanged`` is emitted when the notes of the shown claim changed (added, edited,
    unlinked, restanced; here or anywhere else), not when another claim is selected.
    """

    notesChanged = Signal()

    def __init__(self, services: Any, undo_group: QUndoGroup, parent: QWidget | None = None):
        super().__init__(parent)
        self._services = services
        self._undo_group = undo_group
        self._claim_id: int | None = None
        self._linked: list[LinkedNote] = []
        self._claim_quote = ""
        self._detailed: LinkedNote | None = None
        self.editor: NoteEditor | None = None
        self._select_after: int | None = None
        self._refresh_timer = QTimer(self, singleShot=True, interval=0)
        self._refresh_timer.timeout.connect(lambda: self.refresh())
        self._build()
        self._connect()
        self._show()
        handler = self._on_changes
        services.bus.subscribe(handler)
        self.destroyed.connect(lambda: services.bus.unsubscribe(handler))

    # --- public API --------------------------------------------------------------------

    @property
    def claim_id(self) -> int | None:
        return self._claim_id

    def set_claim(self, claim_id: int | None, *, known: Claim | None = None) -> None:
        """Show the evidence of ``claim_id`` (None: no claim selected). ``known`` is the
        claim as the window holds it: its quote, and with no evidence nothing to ask the
        database (a claim just tagged, or most claims while stepping through the table)."""
        self._claim_id = claim_id
        self._select_after = None
        if known is None or known.id != claim_id:
            self.refresh(announce=False)
            return
        self._refresh_timer.stop()
        self._claim_quote = known.quote.exact
        if known.evidence_count:
            self._linked = self._services.notes.for_claim(claim_id)
        else:
            self._linked = []
        self._show()

    def linked_notes(self) -> list[LinkedNote]:
        return list(self._linked)

    def current_note(self) -> LinkedNote | None:
        item = self.notes.currentItem()
        linked = item.data(0, ROLE) if item else None
        return linked if isinstance(linked, LinkedNote) else None

    def select_note(self, note_id: int) -> None:
        """Make ``note_id`` current; if it is not listed yet and a refresh is due (a note
        just saved), once that refresh has listed it."""
        for i in range(self.notes.topLevelItemCount()):
            item = self.notes.topLevelItem(i)
            if item is not None and item.data(0, ROLE).note.id == note_id:
                self.notes.setCurrentItem(item)
                self._select_after = None
                return
        if self._refresh_timer.isActive():
            self._select_after = note_id

    def refresh_pending(self) -> bool:
        """True while a refresh asked for by the bus has not run yet."""
        return self._refresh_timer.isActive()

    def refresh(self, *, announce: bool = True) -> None:
        """Reload the claim's notes, keeping the current note; ``notesChanged`` if they differ."""
        self._refresh_timer.stop()
        linked: list[LinkedNote] = []
        if self._claim_id is not None:
            try:
                linked = self._services.notes.for_claim(self._claim_id)
                self._claim_quote = self._services.claims.get(self._claim_id).quote.exact
            except UserError:  # the claim was deleted
                self._claim_id, self._claim_quote, linked = None, "", []
        changed = linked != self._linked
        self._linked = linked
        self._show()
        if changed and announce:
            self.notesChanged.emit()

    def new_note(self, stance: Stance = Stance.SUPPORTS) -> NoteEditor | None:
        """Open the editor for a new note that will be linked to the claim ("Add evidence")."""
        if self._claim_id is None:
            return None
        return self._open_editor(None, stance=stance)

    def edit_note(self) -> NoteEditor | None:
        current = self.current_note()
        return None if current is None else self._open_editor(current.note.id)

    def link_existing(self) -> NotePickerDialog | None:
        if self._claim_id is None:
            return None
        claim_id = self._claim_id
        picker = NotePickerDialog(
            self._services, self, exclude_ids=[x.note.id for x in self._linked]
        )
        picker.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        picker.accepted.connect(lambda: self._on_picked(picker, claim_id))
        picker.open()
        return picker

    def unlink(self) -> None:
        current = self.current_note()
        if current is not None and self._claim_id is not None:
            self._push(UnlinkNoteCommand(self._services, self._claim_id, current.note.id))

    def change_stance(self, stance: Stance) -> None:
        current = self.current_note()
        if current is None or self._claim_id is None or current.stance == stance:
            return
        cmd = ChangeStanceCommand(
            self._services, self._claim_id, current.note.id, before=current.stance, after=stance
        )
        self._push(cmd)

    def open_source(self) -> None:
        current = self.current_note()
        if current is not None and current.note.source_url:
            open_url(current.note.source_url)

    def open_attachment(self, attachment: Attachment | None = None) -> None:
        """Open ``attachment``, or the current note's only one; with several, offer a menu."""
        current = self.current_note()
        if attachment is None and current is not None:
            files = current.note.attachments
            if len(files) == 1:
                attachment = files[0]
            elif files:
                self._attachment_menu(files).popup(self._menu_point())
                return
        if attachment is not None:
            try:
                open_attachment(self._services, attachment)
            except OSError as err:
                QMessageBox.warning(self, "Cannot open the attachment", str(err))

    def show_library(self) -> NotesLibraryDialog:
        library = NotesLibraryDialog(self._services, self, undo_group=self._undo_group)
        library.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        library.open()
        return library

    # --- layout ------------------------------------------------------------------------

    def _build(self) -> None:
        self.setObjectName("evidencePanel")
        self.setAccessibleName("Evidence for the selected claim")
        self.heading = QLabel()
        self.heading.setObjectName("evidenceHeading")
        self.heading.setWordWrap(True)
        self.heading.setTextFormat(Qt.TextFormat.PlainText)
        self.notes = QTreeWidget()
        self.notes.setObjectName("evidenceList")
        self.notes.setAccessibleName("Evidence notes")
        self.notes.setHeaderLabels(list(COLUMNS))
        self.notes.setRootIsDecorated(False)
        self.notes.setUniformRowHeights(True)
        self.notes.setItemDelegate(RoomyRows(self.notes))
        self.notes.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.notes.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        header = self.notes.header()
        header.setStretchLastSection(False)
        for column in range(len(COLUMNS)):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Interactive)
        self.notes.setColumnWidth(2, 150)
        self.details = MarkdownPreview()
        self.details.setObjectName("evidenceDetails")
        self.details.setAccessibleName("Selected note")
        self._make_actions()
        self.toolbar = QToolBar()
        self.toolbar.setObjectName("evidenceToolbar")
        self.toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        for action in (self.new_action, self.link_action, self.unlink_action):
            self.toolbar.addAction(action)
        stance_button = QToolButton()
        stance_button.setText("Stance")
        stance_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        stance_button.setMenu(self._stance_menu(self))
        self.toolbar.addWidget(stance_button)
        for action in (self.edit_action, self.open_source_action, self.open_file_action):
            self.toolbar.addAction(action)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.notes)
        split.addWidget(self.details)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.heading)
        layout.addWidget(self.toolbar)
        layout.addWidget(split, 1)

    def _make_actions(self) -> None:
        # Keys work while the panel has focus. They avoid the window's own (Ctrl+E add
        # evidence, Ctrl+Shift+N notes library, Ctrl+Shift+L library dock): Qt treats a
        # key bound twice in reach as ambiguous and fires neither.
        def action(text: str, keys: Any, tip: str) -> QAction:
            act = QAction(text, self)
            if keys:
                act.setShortcut(QKeySequence(keys))
                act.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
                tip += f" ({_key_text(act)})"
            act.setToolTip(tip)
            self.addAction(act)
            return act

        self.new_action = action("&New note…", "Ins", "Write a note for this claim")
        self.link_action = action("&Link note…", "Ctrl+K", "Link an existing note")
        self.unlink_action = action("&Unlink", QKeySequence.StandardKey.Delete, "Unlink the note")
        self.edit_action = action("&Edit note…", "F2", "Edit the note")
        self.open_source_action = action("Open &source", "Ctrl+Shift+O", "Open the source link")
        self.open_file_action = action("Open &attachment", "Ctrl+Shift+A", "Open the attachment")
        self.library_action = action("Notes &library…", None, "Every note")
        self.menu_action = action("Menu", "Shift+F10", "The menu of the selected note")
        self.stance_actions: dict[Stance, QAction] = {}
        group = QActionGroup(self)
        for stance, (badge, _colour) in STANCE_BADGES.items():
            act = action(badge.split(" ", 1)[1], STANCE_KEYS[stance], f"Mark as {stance.value}")
            act.setCheckable(True)
            group.addAction(act)
            self.stance_actions[stance] = act

    def _stance_menu(self, parent: QWidget) -> QMenu:
        menu = QMenu("&Change stance", parent)
        for act in self.stance_actions.values():
            menu.addAction(act)
        return menu

    def _connect(self) -> None:
        self.new_action.triggered.connect(lambda: self.new_note())
        self.link_action.triggered.connect(self.link_existing)
        self.unlink_action.triggered.connect(self.unlink)
        self.edit_action.triggered.connect(self.edit_note)
        self.open_source_action.triggered.connect(self.open_source)
        self.open_file_action.triggered.connect(lambda: self.open_attachment())
        self.library_action.triggered.connect(self.show_library)
        self.menu_action.triggered.connect(
            lambda: self._on_context_menu(self.notes.viewport().mapFromGlobal(self._menu_point()))
        )
        for stance, act in self.stance_actions.items():
            act.triggered.connect(lambda _checked=False, s=stance: self.change_stance(s))
        self.notes.itemActivated.connect(lambda _item, _col: self.edit_note())
        self.notes.currentItemChanged.connect(lambda _cur, _prev: self._on_current_changed())
        self.notes.customContextMenuRequested.connect(self._on_context_menu)
        self.details.linkActivated.connect(open_url)

    # --- showing -----------------------------------------------------------------------

    def _show(self) -> None:
        current = self.current_note()
        keep = current.note.id if current else None
        if self._select_after is not None:
            keep, self._select_after = self._select_after, None
        self.notes.blockSignals(True)  # one _on_current_changed at the end, not one per step
        try:
            self.notes.clear()
            self.notes.addTopLevelItems([note_row(linked) for linked in self._linked])
            if keep is not None:
                self.select_note(keep)
            first = self.notes.topLevelItem(0)
            if self.notes.currentItem() is None and first is not None:
                self.notes.setCurrentItem(first)
        finally:
            self.notes.blockSignals(False)
        self._show_heading()
        self._on_current_changed()

    def _show_heading(self) -> None:
        if self._claim_id is None:
            self.heading.setText("Select a claim to see its evidence.")
        elif not self._linked:
            self.heading.setText(
                f"No evidence yet for “{_excerpt(self._claim_quote)}”. "
                f"{_key_text(self.new_action)} writes a note, "
                f"{_key_text(self.link_action)} links one."
            )
        else:
            count = len(self._linked)
            self.heading.setText(
                f"{count} note{'s' if count != 1 else ''} for “{_excerpt(self._claim_quote)}”"
            )

    def _on_current_changed(self) -> None:
        current = self.current_note()
        has_claim = self._claim_id is not None
        for act in (self.new_action, self.link_action):
            act.setEnabled(has_claim)
        for act in (self.unlink_action, self.edit_action, *self.stance_actions.values()):
            act.setEnabled(current is not None)
        self.open_source_action.setEnabled(bool(current and current.note.source_url))
        self.open_file_action.setEnabled(bool(current and current.note.attachments))
        if current is not None:
            self.stance_actions[current.stance].setChecked(True)
        if current != self._detailed:  # rendering Markdown is the costly part of a refresh
            self._detailed = current
            self.details.setHtml(note_html(current) if current else "")

    def _menu_point(self) -> QPoint:
        item = self.notes.currentItem()
        rect = self.notes.visualItemRect(item) if item else self.notes.rect()
        return self.notes.viewport().mapToGlobal(rect.bottomLeft())

    def _attachment_menu(self, files: tuple[Attachment, ...]) -> QMenu:
        menu = QMenu(self)
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)  # a new one each time
        menu.setObjectName("evidenceAttachmentMenu")
        for attachment in files:
            act = menu.addAction(attachment.file_name)
            act.triggered.connect(lambda _c=False, a=attachment: self.open_attachment(a))
        return menu

    # --- handlers ----------------------------------------------------------------------

    def _on_context_menu(self, pos: QPoint) -> None:
        menu = QMenu(self)
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)  # a new one each time
        menu.setObjectName("evidenceContextMenu")
        for act in (self.new_action, self.link_action, self.unlink_action):
            menu.addAction(act)
        menu.addMenu(self._stance_menu(menu))
        menu.addSeparator()
        for act in (self.edit_action, self.open_source_action, self.open_file_action):
            menu.addAction(act)
        menu.addSeparator()
        menu.addAction(self.library_action)
        menu.popup(self.notes.viewport().mapToGlobal(pos))

    def _on_changes(self, changes: Changes) -> None:
        if not isValid(self) or self._claim_id is None:
            return
        shown = {x.note.id for x in self._linked}
        if self._claim_id in changes.claims or shown & changes.notes:
            self._refresh_timer.start()  # one refresh for all of this turn's records

    def _on_picked(self, picker: NotePickerDialog, claim_id: int) -> None:
        note_id = picker.current_note_id()
        if note_id is not None:
            stance = picker.selected_stance()
            self._push(LinkNoteCommand(self._services, claim_id, note_id, stance))
            self.select_note(note_id)

    def _open_editor(
        self, note_id: int | None, *, stance: Stance = Stance.SUPPORTS
    ) -> NoteEditor | None:
        try:
            editor = NoteEditor(
                self._services,
                self._undo_group,
                note_id=note_id,
                claim_id=self._claim_id,
                stance=stance,
                parent=self,
            )
        except UserError as err:
            QMessageBox.warning(self, "Cannot open the note", str(err))
            return None
        editor.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        editor.saved.connect(self.select_note)
        editor.destroyed.connect(lambda: setattr(self, "editor", None))
        self.editor = editor
        editor.open()
        return editor

    def _push(self, command: Any) -> None:
        try:
            push_command(self._undo_group, command)
        except UserError as err:
            QMessageBox.warning(self, "Evidence", str(err))


def _key_text(action: QAction) -> str:
    return action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)


def _excerpt(text: str, limit: int = 80) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"

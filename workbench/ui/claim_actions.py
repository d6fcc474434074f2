"""What the reader's gestures on claims do: tag, retag, edit, delete, add evidence, and
place an orphan (a claim a corrected version lost) on the selected words.

``ClaimActions`` is the controller between the article view, the claims panel and the
undo stack of the open article: it reads what is selected, builds one command per
action and pushes it, and shows a plain message when a service refuses.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QPoint, Qt, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu, QMessageBox, QWidget

from workbench.domain import Claim, ClaimFields, ConflictError, Label, Span, UserError
from workbench.ui import commands
from workbench.ui.article_view import ArticleView
from workbench.ui.claim_editor import (
    ClaimEditor,
    ConflictDialog,
    Resolution,
    before_fields,
    is_empty,
    merged_comment,
)
from workbench.ui.claims_panel import ClaimsPanel
from workbench.ui.open_article import OpenArticle
from workbench.ui.undo import UndoStacks

if TYPE_CHECKING:
    from workbench.services import Services


class ClaimActions(QObject):
    message = Signal(str)
    """A short note for the status bar ("Tagged 2 sentences as Allegation")."""
    evidenceWanted = Signal(int)
    """The user asked to add evidence to this claim."""

    def __init__(
        self,
        services: Services,
        document: OpenArticle,
        undo: UndoStacks,
        *,
        view: ArticleView,
        panel: ClaimsPanel,
        window: QWidget,
    ) -> None:
        super().__init__(window)
        self._services = services
        self._document = document
        self._undo = undo
        self._view = view
        self._panel = panel
        self._window = window
        self.last_editor: ClaimEditor | None = None
        self.last_conflict: ConflictDialog | None = None
        self._last_orphan: int | None = None
        self._place_action: QAction | None = None
        document.currentClaimChanged.connect(self._on_current_claim_changed)
        document.claimsChanged.connect(self._update_place_action)
        document.articleChanged.connect(self._on_article_changed)
        view.spansChanged.connect(self._update_place_action)
        table = panel.table
        table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        table.customContextMenuRequested.connect(self._show_table_menu)

    # --- what the user is pointing at ------------------------------------------------

    def target_claims(self) -> list[int]:
        """Claims an action applies to: the rows selected in the table if it has focus,
        else the current claim."""
        if self._panel.table.hasFocus():
            selected = self._panel.selected_claim_ids()
            if selected:
                return selected
        current = self._document.current_claim_id
        return [current] if current is not None else []

    def orphan_target(self) -> Claim | None:
        """The orphan "Place orphan on selection" places: the current claim if it is one,
        else the orphan picked last (selecting its words in the text may have moved the
        current claim away from it)."""
        for claim_id in (self._document.current_claim_id, self._last_orphan):
            claim = self._document.claim(claim_id) if claim_id is not None else None
            if claim is not None and claim.orphaned:
                return claim
        return None

    # --- actions ---------------------------------------------------------------------

    def place_orphan(self) -> Claim | None:
        """Put the orphan on the selected words (one undo step); the claim, or None."""
        claim = self.orphan_target()
        spans = self._view.selected_spans()
        if claim is None:
            self.message.emit(
                "Pick a claim marked “not found in this revision” in the claims table first."
            )
            return None
        if not spans:
            self.message.emit("Select the words this claim is about in the article first.")
            return None
        span = Span(spans[0].start, spans[-1].end)
        number = self._document.number(claim.id)
        command = commands.MoveClaim(
            self._services, claim, span, text=f"Place claim {number} on the selection"
        )
        moved = self._push(command)
        if not isinstance(moved, Claim):
            return None
        self._last_orphan = None
        self._view.clear_selection()
        self._document.set_current_claim(moved.id)
        self.message.emit(f"Placed claim {number}. Undo with Ctrl+Z.")
        return moved

    def bind_place_orphan(self, action: QAction) -> None:
        """Keep the menu's "Place orphan on selection" enabled only when it can work."""
        self._place_action = action
        self._update_place_action()

    def tag_or_retag(self, label_id: int) -> None:
        """A label's key or button: tag the selected text, else retag the picked claims."""
        spans = self._view.selected_spans() if not self._panel.table.hasFocus() else []
        if spans:
            self.tag(label_id)
        elif self.target_claims():
            self.retag(self.target_claims(), label_id)
        else:
            self.message.emit("Select a sentence or some words first, then press a label's key.")

    def tag(self, label_id: int) -> None:
        article_id = self._document.article_id
        spans = self._view.selected_spans()
        label = self._document.label(label_id)
        if article_id is None or not spans or label is None:
            return
        what = "1 selection" if len(spans) == 1 else f"{len(spans)} selections"
        command = commands.TagClaims(
            self._services, article_id, spans, label_id, text=f"Tag {what} as {label.name}"
        )
        claims = self._push(command)
        if claims:
            self._view.clear_selection()
            self._document.set_current_claim(claims[0].id)
            self.message.emit(f"Tagged {what} as {label.name}.")

    def retag(self, claim_ids: list[int], label_id: int) -> None:
        label = self._document.label(label_id)
        before = {
            cid: claim.label_id
            for cid in claim_ids
            if (claim := self._document.claim(cid)) is not None and claim.label_id != label_id
        }
        if label is None or not before:
            return
        names = self._names(list(before))
        self._push(
            commands.RetagClaims(
                self._services, before, label_id, text=f"Retag {names} as {label.name}"
            )
        )

    def delete(self, claim_ids: list[int] | None = None) -> None:
        ids = claim_ids if claim_ids is not None else self.target_claims()
        ids = [cid for cid in ids if self._document.claim(cid) is not None]
        if not ids:
            return
        names = self._names(ids)
        if (
            self._push(commands.DeleteClaims(self._services, ids, text=f"Delete {names}"))
            is not False
        ):
            self.message.emit(f"Deleted {names}. Undo with Ctrl+Z.")

    def edit(self, claim_id: int | None = None) -> None:
        """Open the claim editor; saving pushes one EditClaim (conflicts are resolved)."""
        targets = [claim_id] if claim_id is not None else self.target_claims()
        claim = self._document.claim(targets[0]) if targets else None
        if claim is None:
            return
        number = self._document.number(claim.id)
        editor = ClaimEditor(claim, self._document.labels, number=number, parent=self._window)
        self.last_editor = editor
        editor.accepted.connect(lambda: self._save_edit(editor))
        editor.finished.connect(editor.deleteLater)
        editor.open()

    def add_evidence(self, claim_id: int | None = None) -> None:
        targets = [claim_id] if claim_id is not None else self.target_claims()
        if targets:
            self._document.set_current_claim(targets[0])
            self.evidenceWanted.emit(targets[0])

    def context_menu(self, labels: list[Label], claim_ids: list[int]) -> QMenu:
        """The article view's right-click menu: tag as each label; on a claim, more."""
        menu = QMenu(self._window)
        menu.setObjectName("articleContextMenu")
        has_text = bool(self._view.selected_spans())
        for label in labels:
            key = f"\t{label.shortcut}" if label.shortcut else ""
            action = menu.addAction(f"Tag as {label.name}{key}")
            action.setEnabled(has_text)
            action.triggered.connect(lambda _=False, lid=label.id: self.tag(lid))
        if claim_ids:
            current = self._document.current_claim_id or claim_ids[0]
            claim = self._document.claim(current)
            menu.addSeparator()
            retag = menu.addMenu(f"Retag claim {self._document.number(current)} as")
            for label in labels:
                action = retag.addAction(label.name)
                action.setEnabled(claim is not None and claim.label_id != label.id)
                action.triggered.connect(lambda _=False, lid=label.id: self.retag([current], lid))
            menu.addAction("Edit claim…\tEnter", lambda: self.edit(current))
            menu.addAction("Add evidence…", lambda: self.add_evidence(current))
            menu.addAction("Delete claim\tDel", lambda: self.delete([current]))
        if has_text and self.orphan_target() is not None:
            menu.addSeparator()
            menu.addAction("Place orphan on selection", self.place_orphan)
        return menu

    def table_menu(self) -> QMenu:
        """The claims table's right-click menu, for the selected claim."""
        menu = QMenu(self._window)
        menu.setObjectName("claimsContextMenu")
        targets = self._panel.selected_claim_ids()
        current = targets[0] if targets else self._document.current_claim_id
        place = menu.addAction("Place orphan on selection", self.place_orphan)
        place.setEnabled(self._can_place())
        if current is not None:
            menu.addSeparator()
            menu.addAction("Edit claim…\tEnter", lambda: self.edit(current))
            menu.addAction("Add evidence…", lambda: self.add_evidence(current))
            menu.addAction("Delete claim\tDel", lambda: self.delete(targets or [current]))
        return menu

    def show_context_menu(self, global_pos: QPoint, claim_ids: list[int]) -> None:
        self.context_menu(self._document.labels, claim_ids).popup(global_pos)

    # --- helpers ---------------------------------------------------------------------

    def _show_table_menu(self, pos: QPoint) -> None:
        self.table_menu().popup(self._panel.table.viewport().mapToGlobal(pos))

    def _can_place(self) -> bool:
        return self.orphan_target() is not None and bool(self._view.selected_spans())

    def _update_place_action(self) -> None:
        if self._place_action is not None:
            self._place_action.setEnabled(self._can_place())

    def _on_current_claim_changed(self, claim_id: int | None) -> None:
        claim = self._document.claim(claim_id) if claim_id is not None else None
        if claim is not None and claim.orphaned:
            self._last_orphan = claim.id
        self._update_place_action()

    def _on_article_changed(self) -> None:
        self._last_orphan = None
        self._update_place_action()

    def _save_edit(self, editor: ClaimEditor) -> None:
        change = editor.changed_fields()
        claim = editor.claim
        if is_empty(change):
            return
        command = commands.EditClaim(
            self._services,
            claim.id,
            before=before_fields(claim, change),
            after=change,
            expected_version=claim.version,
            text=f"Edit claim {self._document.number(claim.id)}",
        )
        try:
            commands.push(self._undo.active(), command)
        except ConflictError as err:
            self._resolve_conflict(err, claim.id, change)
        except UserError as err:
            self._show_error(err)

    def _resolve_conflict(self, err: ConflictError, claim_id: int, mine: ClaimFields) -> None:
        theirs = err.current if isinstance(err.current, Claim) else None
        if theirs is None:
            theirs = self._services.claims.get(claim_id)
        labels = {label.id: label for label in self._document.labels}
        dialog = ConflictDialog(theirs, mine, labels, parent=self._window)
        self.last_conflict = dialog
        dialog.exec()
        if dialog.resolution is Resolution.KEEP_THEIRS:
            self.message.emit("Kept the other version; your changes were not saved.")
            return
        change = mine
        if dialog.resolution is Resolution.MERGE_COMMENT:
            change = ClaimFields(comment=merged_comment(theirs.comment, mine.comment or ""))
        command = commands.EditClaim(
            self._services,
            theirs.id,
            before=before_fields(theirs, change),
            after=change,
            text=f"Edit claim {self._document.number(theirs.id)}",
        )
        self._push(command)

    def _push(self, command: commands.ServiceCommand) -> object:
        try:
            return commands.push(self._undo.active(), command)
        except UserError as err:
            self._show_error(err)
            return False

    def _show_error(self, err: UserError) -> None:
        QMessageBox.warning(self._window, "Not done", str(err))

    def _names(self, claim_ids: list[int]) -> str:
        numbers = sorted(self._document.number(cid) for cid in claim_ids)
        if len(numbers) == 1:
            return f"claim {numbers[0]}"
        return "claims " + ", ".join(str(n) for n in numbers)

"""Someone else saved the evidence note the user is editing: show theirs, ask whose to keep."""

from __future__ import annotations

import enum

from PySide6.QtWidgets import QMessageBox, QWidget

from workbench.domain import EvidenceNote


class ConflictChoice(enum.Enum):
    KEEP_THEIRS = "theirs"
    OVERWRITE = "overwrite"
    CANCEL = "cancel"


def ask_conflict_choice(parent: QWidget, *, theirs: EvidenceNote) -> ConflictChoice:
    """Show the version someone else saved and ask whose to keep."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle("The note was changed")
    box.setText(f"{theirs.updated_by or 'Someone else'} saved this note while you were editing.")
    box.setInformativeText(
        f"Their title: {theirs.title}\nTheir source: {theirs.source_url or '(none)'}"
    )
    box.setDetailedText(theirs.body)
    keep = box.addButton("Keep theirs", QMessageBox.ButtonRole.RejectRole)
    overwrite = box.addButton("Overwrite with mine", QMessageBox.ButtonRole.DestructiveRole)
    box.addButton(QMessageBox.StandardButton.Cancel)
    box.exec()
    if box.clickedButton() is keep:
        return ConflictChoice.KEEP_THEIRS
    if box.clickedButton() is overwrite:
        return ConflictChoice.OVERWRITE
    return ConflictChoice.CANCEL

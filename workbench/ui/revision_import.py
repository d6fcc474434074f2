"""File > Import corrected version…: the outlet corrected an article; bring in the new text.

The user picks the corrected file; ``services.revisions.import_revision`` reads it on a
worker thread (progress dialog, working Cancel, as for any import) and stores it as a
new revision of the open article, its claims carried over by re-anchoring. The window
then opens the new revision and a summary (``revisionSummary``) says how many claims
moved and quotes each one that could not be placed (an orphan: it stays in the claims
table, "not found in this revision", until the user places it with Tag > Place orphan
on selection). The old revision is left as it was.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QListWidget,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from workbench.domain import UserError
from workbench.ui import workers
from workbench.ui.import_controller import OPEN_FILTER

if TYPE_CHECKING:
    from workbench.services import Services
    from workbench.services.revisions import RevisionResult
    from workbench.ui.main_window import MainWindow

log = logging.getLogger(__name__)


def _claims(n: int) -> str:
    return "1 claim" if n == 1 else f"{n} claims"


class RevisionSummary(QDialog):
    """What the corrected version did to the claims: moved, and the ones left unplaced."""

    def __init__(self, result: RevisionResult, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("revisionSummary")
        self.setWindowTitle("Corrected version imported")
        moved, orphans = len(result.placed), len(result.orphans)
        heading = f"{_claims(moved)} moved to the corrected version."
        if orphans:
            heading += (
                f" {_claims(orphans)} could not be placed: the words are no longer in the "
                "text, or changed too much."
            )
        self.heading = QLabel(heading, objectName="revisionHeading", wordWrap=True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        self.orphan_list = QListWidget(objectName="revisionOrphans")
        self.orphan_list.setAccessibleName("Claims that could not be placed")
        for claim in result.orphans:
            self.orphan_list.addItem(f"“{claim.quote.exact}”")
        if orphans:
            layout.addWidget(self.orphan_list, 1)
            hint = QLabel(
                "They stay in the claims table, marked “not found in this revision”. To place "
                "one, select it there, select the words it is about in the article, then "
                "choose Tag > Place orphan on selection.",
                objectName="revisionHint",
                wordWrap=True,
            )
            layout.addWidget(hint)
        else:
            self.orphan_list.hide()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(520, 360 if orphans else 140)

    def orphan_quotes(self) -> list[str]:
        return [self.orphan_list.item(i).text() for i in range(self.orphan_list.count())]


class RevisionImport(QObject):
    message = Signal(str)
    """A line for the status bar."""
    imported = Signal(object)
    """A corrected version was stored (``RevisionResult``) and opened."""

    def __init__(self, services: Services, window: MainWindow) -> None:
        super().__init__(window)
        self._services = services
        self._window = window
        self._busy = False
        self.summary: RevisionSummary | None = None
        self.last_dir = str(Path.home())

    @property
    def busy(self) -> bool:
        return self._busy

    def choose_file(self) -> None:
        """Ask for the corrected file of the open article, then import it."""
        parent_id = self._window.document.article_id
        if parent_id is None:
            self.message.emit("Open the article the outlet corrected first.")
            return
        name, _ = QFileDialog.getOpenFileName(
            self._window, "Import corrected version", self.last_dir, OPEN_FILTER
        )
        if name:
            self.import_file(parent_id, Path(name))

    def import_file(self, parent_id: int, path: Path) -> workers.Job | None:
        """Store ``path`` as a new revision of ``parent_id`` (on a worker thread)."""
        if self._busy:
            self.message.emit("A corrected version is being imported already.")
            return None
        self._busy = True
        self.last_dir = str(path.parent)
        revisions = self._services.revisions

        def work(job: workers.Job) -> RevisionResult:
            return revisions.import_revision(
                parent_id, path, progress=job.report, should_cancel=job.cancelled
            )

        return workers.start_with_progress(
            self._window,
            work,
            title="Importing corrected version",
            label=f"Importing {path.name} and carrying the claims over…",
            on_done=self._on_done,
            on_error=lambda err: self._on_error(err, path.name),
        )

    def _on_done(self, result: RevisionResult) -> None:
        self._busy = False
        window = self._window
        window.library.refresh()
        window.open_article(result.article.id)
        moved, orphans = len(result.placed), len(result.orphans)
        self.message.emit(
            f"Corrected version imported: {_claims(moved)} moved, {orphans} not placed."
        )
        if self.summary is not None:
            self.summary.close()
        dialog = RevisionSummary(result, window)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.summary = dialog
        dialog.destroyed.connect(lambda: self._forget(dialog))
        dialog.open()
        self.imported.emit(result)

    def _forget(self, dialog: RevisionSummary) -> None:
        if self.summary is dialog:
            self.summary = None

    def _on_error(self, err: BaseException, what: str) -> None:
        from workbench.importers.base import ImportCancelled

        self._busy = False
        if isinstance(err, ImportCancelled):
            self.message.emit(f"Import of {what} cancelled; nothing was saved.")
        elif isinstance(err, UserError):
            QMessageBox.warning(self._window, "Could not import", str(err))
        else:
            log.error("import of the corrected version %s failed", what, exc_info=err)
            QMessageBox.warning(
                self._window,
                "Could not import",
                f"Something went wrong while importing {what}: {err}. Nothing was saved. "
                "The details are in the log file (Help > Show log folder).",
            )

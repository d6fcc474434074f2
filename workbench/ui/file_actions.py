"""File menu dialogs: Export report… (for the open article) and Restore from backup…;
File > Import corrected version… is ``revision_import.RevisionImport`` (``revisions``).

``FileActions`` opens each dialog window-modal (``open()``, never ``exec()``), keeps a
reference while it is up (tests find it there) and reports results in the status bar.
The dialogs are imported when first used: the export package is not needed to paint
the window. Its first import and template compile cost ~200 ms, so ``warm_up`` loads
them piece by piece in idle moments after start-up (``export_warm_up``); opening the
dialog then stalls the GUI thread only for its own layout (the preview is built on a
worker). Export is
enabled while an article is open. A restore replaces the database under the window, so
the window closes after it (the dialog has told the user to restart).
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QDialog, QMessageBox

from workbench.domain import UserError
from workbench.ui.export_warm_up import ExportWarmUp
from workbench.ui.revision_import import RevisionImport

if TYPE_CHECKING:
    from workbench.services import Services
    from workbench.ui.main_window import MainWindow
    from workbench.ui.window_menus import WindowMenus

log = logging.getLogger(__name__)

WARM_UP_DELAY_MS = 2000
"""After start-up, when the window has painted and the article is shown."""


class FileActions(QObject):
    message = Signal(str)
    """A line for the status bar."""

    def __init__(self, services: Services, window: MainWindow) -> None:
        super().__init__(window)
        self._services = services
        self._window = window
        self.export_dialog: QDialog | None = None
        self.restore_dialog: QDialog | None = None
        self._menus: WindowMenus | None = None
        self._warm_timer = QTimer(self, singleShot=True, interval=WARM_UP_DELAY_MS)
        self._warm_timer.timeout.connect(self.warm_up)
        self.warm = ExportWarmUp(self)
        self.revisions = RevisionImport(services, window)
        self.revisions.message.connect(self.message)

    def bind(self, menus: WindowMenus) -> None:
        """Follow the open article to enable Export (after the menus exist)."""
        self._menus = menus
        self._window.document.articleChanged.connect(self._on_article_changed)
        self._on_article_changed()
        self._warm_timer.start()

    def warm_up(self) -> ExportWarmUp:
        """Start loading the export code in idle moments (once; see ``export_warm_up``)."""
        self._warm_timer.stop()
        self.warm.start()
        return self.warm

    def stop(self) -> None:
        """Before the services close: start no more background work."""
        self._warm_timer.stop()
        self.warm.stop()

    # --- export -----------------------------------------------------------------------

    def export_report(self) -> QDialog | None:
        """Open the export dialog for the open article (None if no article is open)."""
        article_id = self._window.document.article_id
        if article_id is None:
            self.message.emit("Open an article to export its report.")
            return None
        if self.export_dialog is not None:
            self.export_dialog.raise_()
            return self.export_dialog
        from workbench.ui.export_dialog import ExportDialog  # the export package: on demand

        try:
            dialog = ExportDialog(
                self._services,
                article_id,
                self._window,
                settings=self._window.settings.qsettings,
            )
        except UserError as err:
            QMessageBox.warning(self._window, "Export report", str(err))
            return None
        dialog.exported.connect(self._on_exported)
        dialog.failed.connect(self.message)
        return self._show("export_dialog", dialog)

    def _on_exported(self, path: Path) -> None:
        self.message.emit(f"Report saved to {path}")

    # --- restore ----------------------------------------------------------------------

    def restore_backup(self) -> QDialog | None:
        """Open the list of backups; after a restore the window closes (restart to see it)."""
        if self.restore_dialog is not None:
            self.restore_dialog.raise_()
            return self.restore_dialog
        try:
            from workbench.ui.backup_dialog import RestoreBackupDialog
        except ImportError:  # pragma: no cover - only in a build without it
            self.message.emit("Restoring backups is not available in this build.")
            return None
        dialog = RestoreBackupDialog(self._services, self._window)
        dialog.restored.connect(self._on_restored)
        return self._show("restore_dialog", dialog)

    def _on_restored(self, path: Path) -> None:
        log.info("database restored from %s; closing the window", path)
        QTimer.singleShot(0, self._window.close)

    # --- helpers ----------------------------------------------------------------------

    def _show(self, slot: str, dialog: QDialog) -> QDialog:
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        setattr(self, slot, dialog)
        dialog.destroyed.connect(lambda: setattr(self, slot, None))
        dialog.open()
        return dialog

    def _on_article_changed(self) -> None:
        if self._menus is not None:
            has_article = self._window.document.article_id is not None
            self._menus.actions["exportReport"].setEnabled(has_article)
            self._menus.actions["importRevision"].setEnabled(has_article)

"""Edit > Search all articles…: the search dock and what choosing a result opens.

The ``SearchPanel`` lives in a dock under the library (hidden until Ctrl+Shift+F, then
given most of the column's height: results need the room, the library list less).
Choosing a result opens its article; a claim is then selected in the table and shown
in the text; an evidence note opens in the note editor.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import QDockWidget, QMessageBox

from workbench.domain import SearchHit, UserError
from workbench.ui.search_panel import SearchPanel

if TYPE_CHECKING:
    from workbench.services import Services
    from workbench.ui.main_window import MainWindow
    from workbench.ui.note_editor import NoteEditor


class SearchController(QObject):
    def __init__(self, services: Services, window: MainWindow) -> None:
        super().__init__(window)
        self._services = services
        self._window = window
        self.panel = SearchPanel(services)
        self.dock = QDockWidget("Search all articles", window, objectName="searchDock")
        self.dock.setWidget(self.panel)
        window.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, self.dock)
        window.splitDockWidget(window.library_dock, self.dock, Qt.Orientation.Vertical)
        self.dock.hide()
        self.editor: NoteEditor | None = None
        self.panel.hitActivated.connect(self.open_hit)

    def show_search(self) -> None:
        """Show the dock with the query field focused and its text selected."""
        if not self.dock.isVisible():
            self.dock.show()
            library = self._window.library_dock
            if library.isVisible() and not library.isFloating() and not self.dock.isFloating():
                total = library.height() + self.dock.height()
                sizes = [total * 2 // 5, total - total * 2 // 5]
                self._window.resizeDocks([library, self.dock], sizes, Qt.Orientation.Vertical)
        self.dock.raise_()
        self.panel.focus_query()

    def open_hit(self, hit: SearchHit) -> None:
        window = self._window
        if hit.kind == "note":
            self._open_note(hit.ref_id)
            return
        article_id = hit.ref_id if hit.kind == "article" else hit.article_id
        if article_id is None:
            return
        if window.document.article_id != article_id and not window.open_article(article_id):
            return
        if hit.kind == "claim":
            if window.document.claim(hit.ref_id) is None:
                window.show_message("That claim no longer exists.")
                return
            window.show_claim(hit.ref_id)

    def _open_note(self, note_id: int) -> None:
        from workbench.ui.note_editor import NoteEditor

        try:
            editor = NoteEditor(
                self._services, self._window.undo.group, note_id=note_id, parent=self._window
            )
        except UserError as err:
            QMessageBox.warning(self._window, "Cannot open the note", str(err))
            return
        editor.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.editor = editor
        editor.destroyed.connect(lambda: self._forget(editor))
        editor.open()

    def _forget(self, editor: NoteEditor) -> None:
        if self.editor is editor:
            self.editor = None

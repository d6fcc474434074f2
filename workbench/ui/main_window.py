"""The main window: library on the left, the article in the middle, claims and evidence right.

``MainWindow()`` paints at once with nothing but a "loading" note; ``attach(services)``
then builds the panels on the opened database and wires them together (this module is
the controller: the panels only lay out and report). The window remembers its
geometry, docks, splitters, zoom, theme, last article and recent files in QSettings.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QSettings, Qt, QTimer
from PySide6.QtGui import (
    QCloseEvent,
    QDragEnterEvent,
    QDropEvent,
    QGuiApplication,
    QShowEvent,
)
from PySide6.QtWidgets import (
    QApplication,
    QDockWidget,
    QLabel,
    QMainWindow,
    QMessageBox,
    QSplitter,
    QWidget,
)

from workbench.domain import Article, NotFoundError
from workbench.ui import style
from workbench.ui.article_loader import ArticleLoader
from workbench.ui.article_pane import ArticlePane
from workbench.ui.change_follower import ChangeFollower
from workbench.ui.claim_actions import ClaimActions
from workbench.ui.claims_panel import ClaimsPanel
from workbench.ui.file_actions import FileActions
from workbench.ui.gc_pauses import freeze_survivors
from workbench.ui.import_controller import ImportController, local_files
from workbench.ui.label_actions import LabelActions
from workbench.ui.library_panel import LibraryPanel
from workbench.ui.open_article import OpenArticle
from workbench.ui.search_controller import SearchController
from workbench.ui.settings import WindowSettings, app_settings
from workbench.ui.status_counts import DatabaseLocation, LabelCounts
from workbench.ui.undo import UndoStacks
from workbench.ui.window_menus import WindowMenus, build_menus

if TYPE_CHECKING:
    from workbench.services import Services

try:  # built by another engineer in parallel; the window works without it meanwhile
    from workbench.ui.evidence_panel import EvidencePanel
except ImportError:  # pragma: no cover - only while the panel does not exist yet
    EvidencePanel = None  # type: ignore[assignment,misc]

log = logging.getLogger(__name__)

APP_TITLE = "Fact-check Workbench"


class MainWindow(QMainWindow):
    def __init__(self, settings: QSettings | None = None) -> None:
        super().__init__()
        self.setObjectName("mainWindow")
        self.setWindowTitle(APP_TITLE)
        self.setAcceptDrops(True)
        self.settings = WindowSettings(settings if settings is not None else app_settings())
        self.services: Services | None = None
        geometry = self.settings.bytes("geometry")
        self.first_run = geometry is None
        if geometry is not None:
            self.restoreGeometry(geometry)
        else:
            screen = QGuiApplication.primaryScreen()
            room = screen.availableGeometry().size() if screen is not None else None
            self.resize(
                min(1600, room.width()) if room else 1360, min(1000, room.height()) if room else 860
            )
        waiting = QLabel("Opening the database…", alignment=Qt.AlignmentFlag.AlignCenter)
        waiting.setObjectName("loadingNote")
        self.setCentralWidget(waiting)
        self.statusBar().showMessage("Starting…")

    # --- building ---------------------------------------------------------------------

    def attach(self, services: Services) -> None:
        """Build the panels on an open database (call once, on the GUI thread)."""
        from workbench.ui.bus import use_gui_thread_bus  # imports SQLAlchemy: not before paint

        self.services = services
        use_gui_thread_bus(services)
        self.undo = UndoStacks(self)
        self.document = OpenArticle(services, self)
        self.article_pane = ArticlePane(self.document)
        self.claims_panel = ClaimsPanel(self.document, settings=self.settings.qsettings)
        self.evidence_panel = self._make_evidence_panel(services)
        self._evidence_claim: int | None = None
        self._evidence_timer = QTimer(self, singleShot=True, interval=0)
        self._evidence_timer.timeout.connect(self._on_evidence_timer)
        self.library = LibraryPanel(services)
        self.library_dock = QDockWidget("Library", self, objectName="libraryDock")
        self.library_dock.setWidget(self.library)
        self.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, self.library_dock)
        self.search = SearchController(services, self)
        self.side_splitter = QSplitter(Qt.Orientation.Vertical, objectName="sideSplitter")
        self.side_splitter.addWidget(self.claims_panel)
        self.side_splitter.addWidget(self.evidence_panel)
        self.main_splitter = QSplitter(Qt.Orientation.Horizontal, objectName="mainSplitter")
        self.main_splitter.addWidget(self.article_pane)
        self.main_splitter.addWidget(self.side_splitter)
        self.main_splitter.setStretchFactor(0, 3)
        self.main_splitter.setStretchFactor(1, 2)
        self.main_splitter.setSizes([620, 580])
        self.side_splitter.setSizes([440, 360])
        self.setCentralWidget(self.main_splitter)
        self.import_controller = ImportController(services, self)
        self.claim_actions = ClaimActions(
            services,
            self.document,
            self.undo,
            view=self.article_pane.view,
            panel=self.claims_panel,
            window=self,
        )
        self.file_actions = FileActions(services, self)
        self.menus: WindowMenus = build_menus(self)
        self.file_actions.bind(self.menus)
        self.label_actions = LabelActions(
            menu=self.menus.tag_menu,
            before=self.menus.tag_anchor,
            toolbar=self.menus.toolbar,
            toolbar_before=self.menus.toolbar_anchor,
            shortcut_widgets=[self.article_pane.view, self.claims_panel.table],
            on_trigger=self.claim_actions.tag_or_retag,
            parent=self,
        )
        self.label_counts = LabelCounts(self.document)
        self.statusBar().addPermanentWidget(self.label_counts)
        self.statusBar().addPermanentWidget(DatabaseLocation(services.db.display_name))
        self.follower = ChangeFollower(services, self)
        self._connect()
        self.follower.start()
        self._on_labels_changed()
        self._restore_layout()
        self.statusBar().showMessage("Ready", 3000)

    def _make_evidence_panel(self, services: Services) -> QWidget:
        if EvidencePanel is None:
            placeholder = QLabel("Evidence notes will appear here.", objectName="evidencePanel")
            placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
            return placeholder
        panel = EvidencePanel(services, self.undo.group)
        panel.setAccessibleName("Evidence notes of the selected claim")
        return panel

    def _connect(self) -> None:
        view = self.article_pane.view
        view.claimClicked.connect(self._on_claim_clicked)
        view.claimActivated.connect(self.claim_actions.edit)
        view.contextMenuWanted.connect(self.claim_actions.show_context_menu)
        view.zoomChanged.connect(lambda steps: self.settings.set_int("zoom", steps))
        self.claims_panel.claimSelected.connect(self._on_claim_selected_in_table)
        self.claims_panel.editRequested.connect(self.claim_actions.edit)
        self.library.articleOpened.connect(self.open_article)
        self.document.currentClaimChanged.connect(self._on_current_claim_changed)
        self.document.labelsChanged.connect(self._on_labels_changed)
        self.document.articleChanged.connect(self._on_article_changed)
        self.document.articleChanged.connect(lambda: freeze_survivors("article opened"))
        self.document.loadingChanged.connect(
            lambda loading: None if loading else freeze_survivors("article loaded")
        )
        self.import_controller.imported.connect(self._on_imported)
        self.import_controller.fileImported.connect(self.settings.add_recent_file)
        self.import_controller.message.connect(self.show_message)
        self.claim_actions.message.connect(self.show_message)
        self.file_actions.message.connect(self.show_message)
        self.follower.message.connect(self.show_message)
        self.claim_actions.evidenceWanted.connect(self._on_evidence_wanted)
        hints = QGuiApplication.styleHints()
        hints.colorSchemeChanged.connect(self._on_color_scheme_changed)

    def _restore_layout(self) -> None:
        state = self.settings.bytes("windowState")
        if state is not None:
            self.restoreState(state)
        header = self.settings.bytes("claimsHeader")
        if header is not None:
            self.claims_panel.table.horizontalHeader().restoreState(header)
            self.claims_panel.sync_column_actions()
        self._splitters_pending = True
        if self.isVisible():  # after the event loop has laid the new panels out
            QTimer.singleShot(0, self._restore_splitters)
        self.article_pane.view.set_zoom(self.settings.int("zoom", 0) or 0)
        theme = str(self.settings.qsettings.value("theme", "system"))
        for action in self.menus.theme_group.actions():
            action.setChecked(action.data() == theme)

    def _restore_splitters(self) -> None:
        """Splitter sizes only mean something once the window has its real size."""
        if not self._splitters_pending:
            return
        self._splitters_pending = False
        if self.settings.bytes("windowState") is None:  # first run: a narrow library
            self.resizeDocks([self.library_dock], [240], Qt.Orientation.Horizontal)
        self.layout().activate()
        for splitter, share in ((self.main_splitter, 0.47), (self.side_splitter, 0.56)):
            sizes = self.settings.bytes(splitter.objectName())
            if sizes is not None:
                splitter.restoreState(sizes)
            else:
                total = sum(splitter.sizes())
                splitter.setSizes([int(total * share), total - int(total * share)])

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if getattr(self, "_splitters_pending", False):
            self._restore_splitters()

    # --- opening articles -------------------------------------------------------------

    def open_article(self, article_id: int | None) -> bool:
        """Show an article; False (and a message) if it no longer exists.

        A large article is read in the background (``article_loader``): this returns at
        once with ``document.loading`` set, and ``document.loadingChanged(False)`` says
        when it is shown. A small one is shown before this returns."""
        loader = self._article_loader()
        try:
            if article_id is not None and loader.is_large(article_id):
                loader.load(article_id)
                return True
            loader.cancel()
            self.document.open(article_id)
        except NotFoundError as err:
            self.show_message(str(err))
            return False
        return True

    def _article_loader(self) -> ArticleLoader:
        loader: ArticleLoader | None = getattr(self, "_loader", None)
        if loader is None:
            loader = self._loader = ArticleLoader(
                self.services, self.document, self.article_pane.view, self
            )
            loader.progressed.connect(self._on_article_progress)
            loader.failed.connect(self.show_message)
            self.document.loadingChanged.connect(self._on_article_loading)
        return loader

    def _on_article_loading(self, loading: bool) -> None:
        """While an article loads, the one on screen stays usable: ``document`` is still
        that article, so every action acts on what the reader sees (greying the panels
        out was measured at 15-50 ms of repaint each way, on a 1 MB article)."""
        if loading:
            self._on_article_progress(0.0)
        else:
            self.statusBar().clearMessage()

    def _on_article_progress(self, fraction: float) -> None:
        self.statusBar().showMessage(f"Opening the article… {round(fraction * 100)} %")

    def open_last_article(self) -> None:
        """At start-up: the article open last time, else the newest one."""
        last = self.settings.int("lastArticle")
        ids = self.library.article_ids()
        if last in ids:
            self.open_article(last)
        elif ids:
            self.open_article(ids[0])
        else:
            self.open_article(None)

    def pick_example_claim(self) -> None:
        """Select the claim in view with the most evidence, without scrolling: the window
        keeps showing the article's title (for the screenshot)."""
        view = self.article_pane.view
        shown = [c for c in self.document.claims if view.claim_in_view(c.id)]
        if shown:
            self.show_claim(max(shown, key=lambda c: c.evidence_count).id)

    def show_claim(self, claim_id: int) -> None:
        """Make a claim of the open article current: its row selected (filters cleared if
        they hide it) and the text scrolled to it."""
        if claim_id not in self.claims_panel.visible_claim_ids():
            self.claims_panel.clear_filters()
        self.claims_panel.select_claim(claim_id)
        self._on_claim_selected_in_table(claim_id)

    def _on_article_changed(self) -> None:
        article = self.document.article
        article_id = article.id if article is not None else None
        self.undo.activate(article_id)
        self.library.set_open_article(article_id)
        self.settings.set_int("lastArticle", article_id)
        self.setWindowTitle(f"{article.title} — {APP_TITLE}" if article else APP_TITLE)
        self._set_evidence_claim(None)

    def _on_imported(self, article: Article) -> None:
        self.library.refresh()
        self.open_article(article.id)

    # --- claims -----------------------------------------------------------------------

    def _on_claim_clicked(self, claim_id: int | None) -> None:
        self.document.set_current_claim(claim_id)

    def _on_claim_selected_in_table(self, claim_id: int | None) -> None:
        self.document.set_current_claim(claim_id)
        if claim_id is not None:
            self.article_pane.view.reveal_claim(claim_id)

    def _on_current_claim_changed(self, claim_id: int | None) -> None:
        # The evidence panel queries its notes: on the next turn of the event loop, so the
        # click that picked the claim paints first (two short GUI-thread slices, not one).
        self._evidence_claim = claim_id
        self._evidence_timer.start()

    def _on_evidence_timer(self) -> None:
        self._set_evidence_claim(self._evidence_claim)

    def _set_evidence_claim(self, claim_id: int | None) -> None:
        set_claim = getattr(self.evidence_panel, "set_claim", None)
        if set_claim is not None:
            known = self.document.claim(claim_id) if claim_id is not None else None
            set_claim(claim_id, known=known)

    def _on_evidence_wanted(self, claim_id: int) -> None:
        self._evidence_timer.stop()
        self._set_evidence_claim(claim_id)
        new_note = getattr(self.evidence_panel, "new_note", None)
        if new_note is not None:
            new_note()
        else:
            self.evidence_panel.setFocus()

    def _on_labels_changed(self) -> None:
        self.label_actions.rebuild(self.document.labels, dark=style.is_dark(self.palette()))

    # --- menus ------------------------------------------------------------------------

    def fill_recent_menu(self) -> None:
        menu = self.menus.recent_menu
        menu.clear()
        entries = self.settings.recent_files()
        for number, entry in enumerate(entries, start=1):
            action = menu.addAction(f"&{number % 10} {Path(entry.path).name}")
            action.setToolTip(entry.path)
            action.triggered.connect(
                lambda _=False, e=entry: self.open_recent(e.path, e.article_id)
            )
        if not entries:
            menu.addAction("No recent files").setEnabled(False)

    def open_recent(self, path: str, article_id: int) -> None:
        """Open the article imported from ``path``; import the file again if it is gone."""
        if article_id in self.library.article_ids():
            self.open_article(article_id)
        elif Path(path).is_file():
            self.import_controller.import_files([Path(path)])
        else:
            QMessageBox.warning(self, "File not found", f"{path} no longer exists.")

    def set_theme(self, theme: str) -> None:
        self.settings.qsettings.setValue("theme", theme)
        app = QApplication.instance()
        if isinstance(app, QApplication):
            style.apply_theme(app, dark=None if theme == "system" else theme == "dark")
        self._on_labels_changed()

    def _on_color_scheme_changed(self) -> None:
        if str(self.settings.qsettings.value("theme", "system")) == "system":
            self.set_theme("system")

    def focus_next_panel(self) -> None:
        order: list[QWidget] = [
            self.library.list,
            self.article_pane.view,
            self.claims_panel.table,
            self.evidence_panel,
        ]
        focused = QApplication.focusWidget()
        index = next(
            (i for i, w in enumerate(order) if w is focused or w.isAncestorOf(focused)), -1
        )
        target = order[(index + 1) % len(order)]
        if target is self.library.list and not self.library_dock.isVisible():
            self.library_dock.show()
        target.setFocus(Qt.FocusReason.TabFocusReason)

    def show_message(self, text: str) -> None:
        self.statusBar().showMessage(text, 6000)

    def show_label_manager(self) -> None:
        try:
            from workbench.ui.label_manager import LabelManagerDialog
        except ImportError:
            self.show_message("The label manager is not available in this build.")
            return
        dialog = LabelManagerDialog(self.services, undo_group=self.undo.group, parent=self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()

    def show_notes_library(self) -> None:
        show = getattr(self.evidence_panel, "show_library", None)
        if show is not None:
            show()
        else:
            self.show_message("The notes library is not available in this build.")

    # --- drag and drop, closing -------------------------------------------------------

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if self.services is not None and local_files(event.mimeData()):
            event.acceptProposedAction()

    def dragMoveEvent(self, event: QDragEnterEvent) -> None:
        if self.services is not None and local_files(event.mimeData()):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        files = local_files(event.mimeData())
        if self.services is None or not files:
            return
        event.acceptProposedAction()
        self.import_controller.import_files(files)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.save_layout()
        super().closeEvent(event)

    def save_layout(self) -> None:
        self.settings.set_bytes("geometry", self.saveGeometry())
        if self.services is not None and hasattr(self, "menus"):  # fully built
            self.settings.set_bytes("windowState", self.saveState())
            header = self.claims_panel.table.horizontalHeader()
            self.settings.set_bytes("claimsHeader", header.saveState())
            for splitter in (self.main_splitter, self.side_splitter):
                self.settings.set_bytes(splitter.objectName(), splitter.saveState())
        self.settings.sync()

    def detach(self) -> None:
        """Stop listening to the services (before they are closed)."""
        if self.services is None:
            return
        self.document.close()
        self.file_actions.stop()
        self.follower.stop()
        self.library.stop()
        for listener in list(self.services.bus.listeners):
            self.services.bus.unsubscribe(listener)
        # A debounce started by a change just before closing would otherwise fire later
        # and query services that are closed by then (or a database that is gone).
        for timer in self.findChildren(QTimer):
            timer.stop()

"""The main window's menus and toolbar: every action once, with its shortcut and name.

``build_menus`` creates the actions, puts them in the File, Edit, View, Tag and Help
menus and on the toolbar, and connects them to the window's methods. Label actions
(one per label) are added later by ``LabelActions``, before ``tag_anchor`` in the
Tag menu and at the start of the toolbar.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QMenu, QToolBar, QWidget

from workbench.ui.help import show_about, show_log_folder, show_shortcuts

if TYPE_CHECKING:
    from workbench.ui.main_window import MainWindow

Keys = QKeySequence | QKeySequence.StandardKey | str | list[Any] | None


@dataclass
class WindowMenus:
    actions: dict[str, QAction]
    recent_menu: QMenu
    tag_menu: QMenu
    tag_anchor: QAction
    toolbar: QToolBar
    toolbar_anchor: QAction
    theme_group: QActionGroup


def _action(
    window: QWidget,
    name: str,
    text: str,
    slot: Callable[[], Any] | None,
    keys: Keys = None,
    *,
    tip: str = "",
    enabled: bool = True,
) -> QAction:
    action = QAction(text, window)
    action.setObjectName(f"action{name[0].upper()}{name[1:]}")
    if isinstance(keys, list):
        action.setShortcuts(keys)
    elif keys is not None:
        action.setShortcut(keys if not isinstance(keys, str) else QKeySequence(keys))
    if tip:
        shown = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
        action.setToolTip(f"{tip} ({shown})" if shown else tip)
        action.setStatusTip(tip)
    if slot is not None:
        action.triggered.connect(lambda _=False: slot())
    action.setEnabled(enabled)
    return action


def build_menus(window: MainWindow) -> WindowMenus:
    w = window
    sk = QKeySequence.StandardKey
    a: dict[str, QAction] = {}

    def add(name: str, *args: Any, **kwargs: Any) -> QAction:
        a[name] = _action(w, name, *args, **kwargs)
        return a[name]

    bar = w.menuBar()
    file = bar.addMenu("&File")
    file.addAction(
        add("open", "&Open…", w.import_controller.choose_files, sk.Open, tip="Open an article file")
    )
    file.addAction(
        add(
            "paste",
            "&Paste as new article",
            w.import_controller.paste,
            "Ctrl+Shift+V",
            tip="Make a new article from the clipboard",
        )
    )
    file.addAction(
        add(
            "importRevision",
            "Import &corrected version…",
            w.file_actions.revisions.choose_file,
            tip="The outlet corrected this article: import the new text, claims carried over",
            enabled=False,
        )
    )
    recent = file.addMenu("Recent &files")
    recent.setObjectName("recentMenu")
    recent.aboutToShow.connect(w.fill_recent_menu)
    file.addSeparator()
    file.addAction(
        add(
            "exportReport",
            "&Export report…",
            w.file_actions.export_report,
            "Ctrl+Shift+E",
            tip="Export a report of this article",
            enabled=False,
        )
    )
    file.addAction(
        add(
            "restoreBackup",
            "&Restore from backup…",
            w.file_actions.restore_backup,
            tip="Replace the database with one of its backups",
        )
    )
    file.addSeparator()
    file.addAction(add("quit", "&Quit", w.close, sk.Quit))

    edit = bar.addMenu("&Edit")
    undo = w.undo.group.createUndoAction(w, "&Undo")
    undo.setShortcut(sk.Undo)
    undo.setObjectName("actionUndo")
    redo = w.undo.group.createRedoAction(w, "&Redo")
    redo.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence(sk.Redo)])
    redo.setObjectName("actionRedo")
    a["undo"], a["redo"] = undo, redo
    edit.addActions([undo, redo])
    edit.addSeparator()
    edit.addAction(add("find", "&Find in article…", w.article_pane.find_bar.open_bar, sk.Find))
    edit.addAction(
        add("findNext", "Find &next", lambda: w.article_pane.view.find_next(), sk.FindNext)
    )
    edit.addAction(
        add(
            "findPrevious",
            "Find pre&vious",
            lambda: w.article_pane.view.find_next(backward=True),
            sk.FindPrevious,
        )
    )
    edit.addAction(
        add(
            "searchAll",
            "&Search all articles…",
            w.search.show_search,
            "Ctrl+Shift+F",
            tip="Find claims, notes and articles in every article",
        )
    )
    edit.addSeparator()
    view_only = [
        add(
            "nextSentence",
            "Select next sentence",
            lambda: w.article_pane.view.step_sentence(True),
            "Alt+Down",
        ),
        add(
            "previousSentence",
            "Select previous sentence",
            lambda: w.article_pane.view.step_sentence(False),
            "Alt+Up",
        ),
        add(
            "addNextSentence",
            "Add next sentence to selection",
            lambda: w.article_pane.view.step_sentence(True, add=True),
            "Alt+Shift+Down",
        ),
        add(
            "nextClaim",
            "Go to next claim",
            lambda: w.article_pane.view.step_claim(True),
            "Alt+Right",
        ),
        add(
            "previousClaim",
            "Go to previous claim",
            lambda: w.article_pane.view.step_claim(False),
            "Alt+Left",
        ),
    ]
    for action in view_only:
        action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        w.article_pane.view.addAction(action)
        edit.addAction(action)

    view = bar.addMenu("&View")
    view.addAction(
        add(
            "zoomIn",
            "Zoom &in",
            lambda: w.article_pane.view.zoom_by(1),
            [QKeySequence("Ctrl+="), QKeySequence(sk.ZoomIn)],
        )
    )
    view.addAction(
        add(
            "zoomOut",
            "Zoom &out",
            lambda: w.article_pane.view.zoom_by(-1),
            [QKeySequence("Ctrl+-"), QKeySequence(sk.ZoomOut)],
        )
    )
    view.addAction(
        add("zoomReset", "&Actual size", lambda: w.article_pane.view.set_zoom(0), "Ctrl+0")
    )
    view.addSeparator()
    theme = view.addMenu("&Theme")
    group = QActionGroup(w)
    for name, text in (("system", "Follow the &system"), ("light", "&Light"), ("dark", "&Dark")):
        action = add(f"theme{name.capitalize()}", text, lambda n=name: w.set_theme(n))
        action.setCheckable(True)
        action.setData(name)
        group.addAction(action)
        theme.addAction(action)
    view.addSeparator()
    view.addAction(w.library_dock.toggleViewAction())
    w.library_dock.toggleViewAction().setShortcut("Ctrl+Shift+L")
    view.addAction(w.search.dock.toggleViewAction())
    view.addAction(add("nextPanel", "Next &panel", w.focus_next_panel, "F6"))
    view.addAction(add("notesLibrary", "&Notes library…", w.show_notes_library, "Ctrl+Shift+N"))

    tag = bar.addMenu("&Tag")
    anchor = tag.addSeparator()
    a["editClaim"] = add("editClaim", "&Edit claim…\tEnter", lambda: w.claim_actions.edit())
    tag.addAction(a["editClaim"])
    tag.addAction(
        add(
            "placeOrphan",
            "&Place orphan on selection",
            lambda: w.claim_actions.place_orphan(),
            tip="Put a claim the corrected version lost on the words you selected",
            enabled=False,
        )
    )
    w.claim_actions.bind_place_orphan(a["placeOrphan"])
    tag.addAction(
        add("addEvidence", "Add e&vidence…", lambda: w.claim_actions.add_evidence(), "Ctrl+E")
    )
    delete = add("deleteClaim", "&Delete claim", lambda: w.claim_actions.delete(), sk.Delete)
    delete.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
    for widget in (w.article_pane.view, w.claims_panel.table):
        widget.addAction(delete)
    tag.addAction(delete)
    tag.addSeparator()
    tag.addAction(add("manageLabels", "&Manage labels…", w.show_label_manager))

    help_menu = bar.addMenu("&Help")
    database = w.services.db.display_name if w.services is not None else "(not open)"
    help_menu.addAction(
        add("shortcuts", "&Keyboard shortcuts", lambda: show_shortcuts(w), sk.HelpContents)
    )
    help_menu.addAction(add("showLogs", "Show &log folder", show_log_folder))
    help_menu.addAction(
        add("about", "&About Fact-check Workbench", lambda: show_about(w, database))
    )

    toolbar = w.addToolBar("Tagging")
    toolbar.setObjectName("taggingToolbar")
    toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
    toolbar.setMovable(False)
    toolbar_anchor = toolbar.addSeparator()
    toolbar.addActions([undo, redo])
    toolbar.addSeparator()
    toolbar.addAction(a["open"])
    return WindowMenus(a, recent, tag, anchor, toolbar, toolbar_anchor, group)

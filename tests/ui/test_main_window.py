"""The window as a fact-checker meets it: open the sample, tag, undo, close, reopen."""

from __future__ import annotations

from typing import Any

from conftest import Dialogs, WindowFactory
from heartbeat import heartbeat
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDockWidget, QLabel, QSplitter, QTableView, QWidget
from pytestqt.qtbot import QtBot
from story import click_text, press, table_rows, view_of

from workbench.domain import Article
from workbench.ui.main_window import MainWindow

NEW_SENTENCE = (
    "Officials claim the navigation modules in the wreckage contained route data ending "
    "at the residence's coordinates."
)


def test_the_sample_opens_with_its_claims_in_every_panel(window: MainWindow) -> None:
    for name in ("libraryPanel", "articleView", "claimsTable", "evidencePanel"):
        widget = window.findChild(QWidget, name)
        assert widget is not None and widget.isVisible(), name
        assert widget.accessibleName(), name
    assert "Dravenia" in window.findChild(QLabel, "articleTitle").text()
    assert "Northgate Wire" in window.findChild(QLabel, "articleMeta").text()
    assert window.findChild(QTableView, "claimsTable").model().rowCount() == 8
    assert window.library.article_ids() == [window.document.article_id]
    assert window.label_counts.counts() == {"Allegation": 6, "Confirmed": 2}
    location = window.findChild(QLabel, "databaseLocation").text()
    assert window.services.db.display_name in location
    assert window.windowTitle().startswith("Dravenia")


def test_select_a_sentence_press_1_and_the_claim_row_has_the_exact_quote(
    qtbot: QtBot, window: MainWindow
) -> None:
    view = view_of(window)
    offset = view.text.index(NEW_SENTENCE) + 5
    with heartbeat("click a sentence"):
        click_text(qtbot, view, offset)
    assert view.selected_spans()[0].start == view.text.index(NEW_SENTENCE)
    with heartbeat("tag with the allegation shortcut"):
        press(qtbot, view, "1")
    claim = window.document.claim(window.document.current_claim_id)
    assert claim is not None and claim.quote.exact == NEW_SENTENCE
    assert window.document.label(claim.label_id).name == "Allegation"
    assert len(table_rows(window)) == 9
    assert window.claims_panel.selected_claim_ids() == [claim.id]
    assert window.menus.actions["undo"].text() == "&Undo Tag 1 selection as Allegation"

    with heartbeat("undo a tag"):
        window.menus.actions["undo"].trigger()
    assert len(table_rows(window)) == 8
    assert window.label_counts.counts()["Allegation"] == 6
    with heartbeat("redo a tag"):
        window.menus.actions["redo"].trigger()
    assert len(table_rows(window)) == 9
    assert window.services.claims.get(claim.id).quote.exact == NEW_SENTENCE


def test_close_and_reopen_on_the_same_database_shows_the_last_state(
    qtbot: QtBot, make_window: WindowFactory, services: Any, sample: Article, dialogs: Dialogs
) -> None:
    first = make_window(services, article_id=sample.id)
    first.resize(780, 700)  # inside the offscreen screen, so the geometry comes back as is
    qtbot.wait(10)
    view = view_of(first)
    click_text(qtbot, view, view.text.index(NEW_SENTENCE) + 3)
    press(qtbot, view, "2")
    first.article_pane.view.set_zoom(2)
    first.main_splitter.setSizes([300, 400])
    sizes = first.main_splitter.sizes()
    first.close()
    first.detach()

    second = make_window(services)
    assert second.document.article_id == sample.id
    quotes = [c.quote.exact for c in second.document.claims]
    assert NEW_SENTENCE in quotes
    assert second.label_counts.counts() == {"Allegation": 6, "Confirmed": 3}
    assert view_of(second).zoom == 2
    assert second.findChild(QSplitter, "mainSplitter").sizes() == sizes


def test_every_label_has_a_toolbar_button_and_menu_entry_with_its_key(
    window: MainWindow,
) -> None:
    actions = window.label_actions.actions
    names = {a.iconText(): a.shortcut().toString() for a in actions.values()}
    assert names == {"Allegation": "1", "Confirmed": "2"}
    for action in actions.values():
        assert action.shortcut().toString() in action.toolTip()
        assert action in window.menus.toolbar.actions()
        assert action in window.menus.tag_menu.actions()


def test_a_new_label_gets_its_own_action_at_once(window: MainWindow) -> None:
    from workbench.domain import LabelSpec

    window.services.labels.create(LabelSpec("Disputed", "#c2185b", "3"))
    names = sorted(a.iconText() for a in window.label_actions.actions.values())
    assert names == ["Allegation", "Confirmed", "Disputed"]
    assert window.claims_panel.label_filter.findText("Disputed") >= 0


def test_every_panel_is_reachable_with_f6(qtbot: QtBot, window: MainWindow) -> None:
    seen = []
    window.library.list.setFocus()
    for _ in range(4):
        window.menus.actions["nextPanel"].trigger()
        focused = window.focusWidget()
        while focused is not None and not focused.objectName():
            focused = focused.parentWidget()
        seen.append(focused.objectName() if focused else "")
    assert seen == ["articleView", "claimsTable", "evidencePanel", "libraryList"], seen


def test_library_search_filters_and_opens_articles(
    qtbot: QtBot, window: MainWindow, services: Any
) -> None:
    from workbench.services.samples import load_sample

    other = load_sample(
        services.articles, services.claims, services.notes, services.labels, name="port_contract"
    )
    qtbot.waitUntil(lambda: len(window.library.article_ids()) == 2)
    window.library.search.setText("zzz-nothing")
    qtbot.waitUntil(lambda: window.library.article_ids() == [])
    window.library.search.clear()
    qtbot.waitUntil(lambda: len(window.library.article_ids()) == 2)
    row = window.library.article_ids().index(other.id)
    item = window.library.list.item(row)
    with heartbeat("open another article from the library"):
        window.library.list.itemActivated.emit(item)
    assert window.document.article_id == other.id
    assert window.undo.active() is window.undo.stack_for(other.id)


def test_the_library_dock_can_be_hidden_and_shown_from_the_keyboard(window: MainWindow) -> None:
    dock = window.findChild(QDockWidget, "libraryDock")
    toggle = dock.toggleViewAction()
    assert toggle.shortcut().toString() == "Ctrl+Shift+L"
    toggle.trigger()
    assert not dock.isVisible()
    toggle.trigger()
    assert dock.isVisible()


def test_zoom_in_and_out_with_the_keyboard(qtbot: QtBot, window: MainWindow) -> None:
    view = view_of(window)
    size = view.font().pointSizeF()
    assert window.menus.actions["zoomIn"].shortcut().toString() == "Ctrl+="
    assert window.menus.actions["zoomOut"].shortcut().toString() == "Ctrl+-"
    window.menus.actions["zoomIn"].trigger()
    assert view.font().pointSizeF() > size
    window.menus.actions["zoomOut"].trigger()
    window.menus.actions["zoomOut"].trigger()
    assert view.font().pointSizeF() < size


def test_find_in_the_article_marks_matches(qtbot: QtBot, window: MainWindow) -> None:
    window.menus.actions["find"].trigger()
    bar = window.article_pane.find_bar
    assert bar.isVisible()
    qtbot.keyClicks(bar.field, "drones")
    assert bar.count.text().endswith("matches")
    qtbot.keyClick(bar.field, Qt.Key.Key_Return)
    assert view_of(window).textCursor().selectedText().lower() == "drones"
    qtbot.keyClick(bar.field, Qt.Key.Key_Escape)
    assert not bar.isVisible()


def test_shortcuts_help_lists_the_label_keys(window: MainWindow, dialogs: Dialogs) -> None:
    from workbench.ui.help import shortcuts_html

    text = shortcuts_html(window)
    assert "Tag as Allegation" in text and "Ctrl+Shift+V" in text and "Alt+Down" in text


def test_add_a_note_link_it_as_supporting_undo_both_redo_both(
    qtbot: QtBot, window: MainWindow
) -> None:
    from PySide6.QtWidgets import QDialogButtonBox
    from story import select_row

    from workbench.domain import Stance
    from workbench.ui.models.claims_model import Column
    from workbench.ui.notes_library import NotePickerDialog, NotesLibraryDialog

    claim_id = select_row(window, 5)
    qtbot.waitUntil(lambda: window.evidence_panel.claim_id == claim_id)
    before = window.document.claim(claim_id).evidence_count
    services = window.services

    window.menus.actions["notesLibrary"].trigger()
    library = window.findChild(NotesLibraryDialog, "notesLibrary")
    assert library is not None
    editor = library.new_note()
    editor.title.setText("Ministry bulletin of Jan. 9")
    editor.body.setPlainText("Lists **41 drones** over three regions; no word of the residence.")
    with heartbeat("save a new note from the notes library"):
        editor.buttons.button(QDialogButtonBox.StandardButton.Save).click()
    library.close()
    note = next(u.note for u in services.notes.library() if u.note.title.startswith("Ministry"))

    picker = window.evidence_panel.link_existing()
    assert isinstance(picker, NotePickerDialog)
    qtbot.keyClicks(picker.search, "bulletin")
    qtbot.waitUntil(lambda: picker.notes.topLevelItemCount() == 1)
    picker.notes.setCurrentItem(picker.notes.topLevelItem(0))
    picker.stance.setCurrentIndex(picker.stance.findData(Stance.SUPPORTS))
    with heartbeat("link a note as supporting"):
        picker.buttons.button(QDialogButtonBox.StandardButton.Ok).click()

    def linked() -> list[tuple[int, Stance]]:
        return [(x.note.id, x.stance) for x in services.notes.for_claim(claim_id)]

    def evidence_cell() -> str:
        row = window.claims_panel.model.row_of(claim_id)
        return str(window.claims_panel.model.index(row, Column.EVIDENCE).data())

    assert (note.id, Stance.SUPPORTS) in linked()
    assert evidence_cell() == str(before + 1)
    assert note.id in [x.note.id for x in window.evidence_panel.linked_notes()]

    undo, redo = window.menus.actions["undo"], window.menus.actions["redo"]
    undo.trigger()  # the link
    assert (note.id, Stance.SUPPORTS) not in linked()
    assert evidence_cell() == str(before)
    undo.trigger()  # the note
    assert note.id not in [u.note.id for u in services.notes.library()]
    redo.trigger()
    assert note.id in [u.note.id for u in services.notes.library()]
    redo.trigger()
    assert (note.id, Stance.SUPPORTS) in linked()
    assert evidence_cell() == str(before + 1)


def test_hidden_claim_columns_stay_hidden_after_reopening(
    qtbot: QtBot, make_window: WindowFactory, services: Any, sample: Article, dialogs: Dialogs
) -> None:
    from workbench.ui.models.claims_model import Column

    first = make_window(services, article_id=sample.id)
    header = first.claims_panel.table.horizontalHeader()
    claimant = next(a for a in header.actions() if a.text() == "Show Claimant")
    claimant.trigger()
    assert first.claims_panel.table.isColumnHidden(Column.CLAIMANT)
    first.close()
    first.detach()
    second = make_window(services)
    assert second.claims_panel.table.isColumnHidden(Column.CLAIMANT)
    again = next(
        a
        for a in second.claims_panel.table.horizontalHeader().actions()
        if a.text() == "Show Claimant"
    )
    assert not again.isChecked()


def test_manage_labels_opens_the_label_manager(window: MainWindow) -> None:
    window.menus.actions["manageLabels"].trigger()
    dialog = window.findChild(QWidget, "labelManager")
    assert dialog is not None and dialog.isVisible()
    dialog.close()


def test_add_evidence_from_the_text_opens_a_note_for_that_claim(
    qtbot: QtBot, window: MainWindow
) -> None:
    claim = window.document.claims[2]
    menu = window.claim_actions.context_menu(window.document.labels, [claim.id])
    add = next(a for a in menu.actions() if a.text().startswith("Add evidence"))
    add.trigger()
    editor = window.evidence_panel.editor
    assert editor is not None and editor.isVisible()
    assert window.evidence_panel.claim_id == claim.id
    editor.reject()


def test_dark_theme_keeps_highlights_readable(qtbot: QtBot, window: MainWindow) -> None:
    from PySide6.QtGui import QPalette

    from workbench.ui import style

    view = view_of(window)
    claim = window.document.claims[0]
    try:
        window.set_theme("dark")
        qtbot.waitUntil(lambda: style.is_dark(view.palette()))  # palettes propagate by events
        block = view.document().findBlock(view.utf16.to_utf16(claim.span.start))
        where = view.utf16.to_utf16(claim.span.start) - block.position()
        formats = block.layout().formats()
        covering = [f for f in formats if f.start <= where < f.start + f.length]
        background = covering[0].format.background().color()
        text = view.palette().color(QPalette.ColorRole.Text)
        assert background.lightnessF() < 0.45 < text.lightnessF(), "light text on a dark tint"
    finally:
        window.set_theme("light")
    qtbot.waitUntil(lambda: not style.is_dark(view.palette()))

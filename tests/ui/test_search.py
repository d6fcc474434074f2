"""Search everything: Ctrl+Shift+F, type, and open an article, a claim or a note from it."""

from __future__ import annotations

from typing import Any

import pytest
from heartbeat import heartbeat
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDockWidget, QLineEdit
from pytestqt.qtbot import QtBot

from workbench.domain import NoteFields, SearchHit, Span
from workbench.ui.main_window import MainWindow
from workbench.ui.search_panel import HEADER_ROLE, SearchPanel, hit_header, snippet_html

SECOND = (
    "Port authorities say the cargo of the freighter Meridian Star was inspected twice.\n\n"
    "The harbour master alleges that the inspection logs were altered after the fact."
)
ALLEGED = "The harbour master alleges that the inspection logs were altered after the fact."


def open_search(qtbot: QtBot, window: MainWindow) -> SearchPanel:
    window.menus.actions["searchAll"].trigger()
    panel = window.findChild(SearchPanel, "searchPanel")
    assert panel is not None
    qtbot.waitUntil(panel.isVisible)
    assert window.findChild(QDockWidget, "searchDock").isVisible()
    return panel


def type_query(qtbot: QtBot, panel: SearchPanel, text: str) -> None:
    panel.query.clear()
    with qtbot.waitSignal(panel.searched, timeout=5000, check_params_cb=lambda q: q == text):
        qtbot.keyClicks(panel.query, text)


def test_results_appear_as_you_type_with_the_matches_in_bold(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[str] = []
    search = window.services.search.search
    monkeypatch.setattr(
        window.services.search, "search", lambda q, **kw: calls.append(q) or search(q, **kw)
    )
    assert window.menus.actions["searchAll"].shortcut().toString() == "Ctrl+Shift+F"
    panel = open_search(qtbot, window)
    assert panel.query.hasFocus()
    with heartbeat("search all articles as you type"):
        type_query(qtbot, panel, "drones")
    assert calls == ["drones"]  # typed in one go: one search, 150 ms after the last key
    hits = panel.hits()
    assert hits and {"claim", "article"} <= {hit.kind for hit in hits}
    shown = panel.results.item(0).text()
    assert "<b>drones</b>" in shown.lower()
    assert panel.count.text() == f"{len(hits)} results"

    type_query(qtbot, panel, "zzzunknownword")
    assert panel.hits() == [] and "Nothing matches" in panel.count.text()


def test_activating_a_claim_opens_its_article_and_selects_it(
    qtbot: QtBot, window: MainWindow, services: Any
) -> None:
    second = services.articles.import_pasted(text=SECOND)
    start = second.text.index(ALLEGED)
    label = services.labels.all()[0]
    claim = services.claims.tag(second.id, Span(start, start + len(ALLEGED)), label.id)
    sample_id = window.document.article_id
    window.claims_panel.search.setText("no such claim")  # a filter that would hide it

    panel = open_search(qtbot, window)
    type_query(qtbot, panel, "harbour master")
    claim_hits = [h for h in panel.hits() if h.kind == "claim"]
    assert [h.ref_id for h in claim_hits] == [claim.id]
    row = panel.hits().index(claim_hits[0])
    kind, title = panel.results.item(row).data(HEADER_ROLE)
    assert kind == "CLAIM IN" and title.startswith("Port authorities say")
    panel.results.setFocus()
    panel.results.setCurrentRow(row)
    with heartbeat("open a claim from the search results"):
        qtbot.keyClick(panel.results, Qt.Key.Key_Return)
    assert window.document.article_id == second.id != sample_id
    assert window.claims_panel.selected_claim_ids() == [claim.id]
    assert window.document.current_claim_id == claim.id


def test_enter_in_the_query_field_opens_the_first_result(
    qtbot: QtBot, window: MainWindow, services: Any
) -> None:
    second = services.articles.import_pasted(text=SECOND)
    panel = open_search(qtbot, window)
    qtbot.keyClicks(panel.query, "freighter")
    qtbot.keyClick(panel.query, Qt.Key.Key_Return)  # before the debounce has run
    qtbot.waitUntil(lambda: window.document.article_id == second.id, timeout=5000)


def test_a_note_hit_opens_the_note_editor_and_everything_shown_is_escaped(
    qtbot: QtBot, window: MainWindow, services: Any
) -> None:
    note = services.notes.create(
        NoteFields(title="<i>Ministry</i> & co", body="Satellite <b>imagery</b> of the site.")
    )
    panel = open_search(qtbot, window)
    type_query(qtbot, panel, "satellite")
    [hit] = [h for h in panel.hits() if h.kind == "note"]
    assert hit.ref_id == note.id
    item = panel.results.item(panel.hits().index(hit))
    assert item.data(HEADER_ROLE) == ("EVIDENCE NOTE", "<i>Ministry</i> & co")  # drawn as text
    assert "&lt;b&gt;imagery&lt;/b&gt;" in item.text() and "<b>Satellite</b>" in item.text()

    with heartbeat("open a note from the search results"):
        panel.hitActivated.emit(hit)
    editor = window.findChild(QDialog, "noteEditor")
    assert editor is not None and editor.isVisible()
    assert editor.findChild(QLineEdit, "noteTitle").text() == "<i>Ministry</i> & co"
    editor.reject()


def test_snippet_markup_is_escaped_before_the_matches_turn_bold() -> None:
    assert snippet_html("a <b>⟦x⟧</b> & ⟦y z⟧") == "a &lt;b&gt;<b>x</b>&lt;/b&gt; &amp; <b>y z</b>"
    assert snippet_html("half ⟦open") == "half ⟦open"
    assert snippet_html("Resolution [No. 4] ⟦passed⟧") == "Resolution [No. 4] <b>passed</b>"
    hit = SearchHit("claim", 1, 2, "<quote>", "⟦<match>⟧")
    assert hit_header(hit, "A & B") == ("CLAIM IN", "A & B")
    assert hit_header(hit) == ("CLAIM", "<quote>")

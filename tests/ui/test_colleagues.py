"""Seeing colleagues' work: a second client on the same SQLite file changes things and
the open window shows them within the poll interval, leaving the user where they were."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from heartbeat import heartbeat
from PySide6.QtWidgets import QLineEdit
from pytestqt.qtbot import QtBot
from story import select_row, table_rows, view_of

from workbench.domain import ClaimFields, Span
from workbench.ui.main_window import MainWindow
from workbench.ui.models.claims_model import Column

NEW_SENTENCE = (
    "Officials claim the navigation modules in the wreckage contained route data ending "
    "at the residence's coordinates."
)


@pytest.fixture
def colleague(db_url: str, tmp_path: Path) -> Iterator[Any]:
    """Another person's workbench on the same database file."""
    from workbench.services import open_services

    other = open_services(db_url, data_dir=tmp_path / "colleague", actor="Colleague")
    yield other
    other.close()


def test_a_colleagues_tag_appears_and_the_selected_row_stays_selected(
    qtbot: QtBot, window: MainWindow, colleague: Any
) -> None:
    assert window.follower.ready and not window.follower.on_worker  # SQLite: a 2 s timer
    # The export code loads in idle moments 2 s after start, the poll's interval too; its
    # own stall is measured by itself here, so the one below is the refresh alone.
    with heartbeat("the export code loads in the background (once, after start-up)"):
        warm = window.file_actions.warm_up()
        qtbot.waitUntil(lambda: warm.done, timeout=10_000)
    selected = select_row(window, 2)
    assert window.claims_panel.selected_claim_ids() == [selected]
    view = view_of(window)
    start = view.text.index(NEW_SENTENCE)
    labels = {label.name: label.id for label in colleague.labels.all()}

    new = colleague.claims.tag(
        window.document.article_id, Span(start, start + len(NEW_SENTENCE)), labels["Confirmed"]
    )
    with heartbeat("a colleague's tag appears"):
        qtbot.waitUntil(lambda: len(table_rows(window)) == 9, timeout=5000)
    assert window.claims_panel.selected_claim_ids() == [selected]
    assert window.document.current_claim_id == selected
    assert new.id in {mark.claim_id for mark in view.highlighter.marks}
    assert window.label_counts.counts() == {"Allegation": 6, "Confirmed": 3}
    assert "Colleague" in window.statusBar().currentMessage()

    colleague.claims.edit(selected, ClaimFields(verdict="False", claimant="A colleague's pick"))
    verdicts = lambda: table_rows(window, Column.VERDICT)  # noqa: E731
    qtbot.waitUntil(lambda: "False" in verdicts(), timeout=5000)
    assert window.claims_panel.selected_claim_ids() == [selected]
    assert window.document.claim(selected).claimant == "A colleague's pick"


def test_an_open_note_editor_keeps_what_the_user_typed(
    qtbot: QtBot, window: MainWindow, colleague: Any
) -> None:
    selected = select_row(window, 0)
    panel = window.evidence_panel
    qtbot.waitUntil(lambda: panel.claim_id == selected and bool(panel.linked_notes()))
    note = panel.linked_notes()[0].note
    panel.select_note(note.id)
    editor = panel.edit_note()
    assert editor is not None
    title = editor.findChild(QLineEdit, "noteTitle")
    title.setText("My unsaved title")

    colleague.claims.edit(selected, ClaimFields(comment="checked twice"))
    commented = lambda: window.document.claim(selected).comment == "checked twice"  # noqa: E731
    qtbot.waitUntil(commented, timeout=5000)
    assert editor.isVisible() and title.text() == "My unsaved title"
    assert window.claims_panel.selected_claim_ids() == [selected]
    assert panel.claim_id == selected
    editor.reject()


def test_own_changes_are_not_reported_as_a_colleagues(qtbot: QtBot, window: MainWindow) -> None:
    seen: list[Any] = []
    window.follower.changed.connect(seen.append)
    claim = window.document.claims[0]
    window.services.claims.edit(claim.id, ClaimFields(comment="mine"))
    window.follower.poll_now()
    assert seen == []


@pytest.mark.postgres
def test_on_a_team_server_a_colleagues_tag_arrives_by_notify(
    qtbot: QtBot, make_window: Any, pg_url: str, tmp_path: Path, dialogs: Any
) -> None:
    from workbench.services import open_services
    from workbench.services.samples import load_sample

    mine = open_services(pg_url, data_dir=tmp_path / "mine", actor="tester")
    other = open_services(pg_url, data_dir=tmp_path / "colleague", actor="Colleague")
    try:
        article = load_sample(mine.articles, mine.claims, mine.notes, mine.labels)
        window = make_window(mine, article_id=article.id)
        qtbot.waitUntil(lambda: window.follower.ready, timeout=5000)
        assert window.follower.on_worker and window.follower.watcher.listening
        selected = select_row(window, 1)
        start = window.document.article.text.index(NEW_SENTENCE)
        label = other.labels.all()[0]
        window.follower.set_interval(60_000)  # only NOTIFY can bring it in time
        other.claims.tag(article.id, Span(start, start + len(NEW_SENTENCE)), label.id)
        with heartbeat("a colleague's tag appears (PostgreSQL)"):
            qtbot.waitUntil(lambda: len(table_rows(window)) == 9, timeout=3000)
        assert window.claims_panel.selected_claim_ids() == [selected]
        window.close()
        window.detach()
    finally:
        other.close()
        mine.close()

"""The outlet corrected an article: File > Import corrected version… brings in the new
text as a revision, the claims move over, the ones that cannot be placed are listed,
and the user places an orphan on words they select (one undo step)."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from PySide6.QtWidgets import QFileDialog, QProgressDialog, QPushButton
from pytestqt.qtbot import QtBot
from story import slow_reader, view_of

from workbench import paths
from workbench.domain import Span
from workbench.ui import workers
from workbench.ui.main_window import MainWindow
from workbench.ui.revision_import import RevisionSummary

CUT = "the interceptions cost about 3.5 million crowns in missiles"
"""A sample claim's quote the correction removes (it becomes an orphan)."""
NEW_WORDS = "officials declined to say what the night had cost"


def corrected_file(tmp_path: Path) -> Path:
    text = paths.resource("samples", "drone_evidence.txt").read_text(encoding="utf-8")
    assert CUT in text
    path = tmp_path / "drone_evidence_corrected.txt"
    path.write_text(text.replace(CUT, NEW_WORDS), encoding="utf-8")
    return path


def wait_for_revision(qtbot: QtBot, window: MainWindow) -> None:
    qtbot.waitUntil(
        lambda: workers.active_count() == 0 and not window.file_actions.revisions.busy,
        timeout=15_000,
    )


def import_corrected(
    qtbot: QtBot, window: MainWindow, path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(path), "Articles"))
    action = window.menus.actions["importRevision"]
    assert action.isEnabled()
    action.trigger()
    wait_for_revision(qtbot, window)


def test_import_corrected_version_opens_it_and_lists_the_orphans(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    parent_id = window.document.article_id
    claims_before = len(window.document.claims)
    import_corrected(qtbot, window, corrected_file(tmp_path), monkeypatch)

    article = window.document.article
    assert article is not None and article.id != parent_id and article.parent_id == parent_id
    assert NEW_WORDS in article.text
    orphans = [c for c in window.document.claims if c.orphaned]
    assert [c.quote.exact for c in orphans] == [CUT]
    assert len(window.document.claims) == claims_before  # nothing dropped
    summary = window.findChild(RevisionSummary, "revisionSummary")
    assert summary is not None and summary.isVisible()
    assert f"{claims_before - 1} claims moved" in summary.heading.text()
    assert summary.orphan_quotes() == [f"“{CUT}”"]
    assert window.library.revision_text(article.id).startswith("rev 2 of “")
    assert window.library.revision_text(parent_id) == ""
    assert article.id in window.library.article_ids()
    # The old revision is as it was.
    assert not any(c.orphaned for c in window.services.claims.for_article(parent_id))
    summary.close()


def test_place_an_orphan_on_selected_words_and_undo_it(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import_corrected(qtbot, window, corrected_file(tmp_path), monkeypatch)
    orphan = next(c for c in window.document.claims if c.orphaned)
    place = window.menus.actions["placeOrphan"]
    assert not place.isEnabled()  # no orphan picked, no words selected

    window.show_claim(orphan.id)  # the user picks the orphan's row in the claims table
    assert window.claims_panel.selected_claim_ids() == [orphan.id]
    view = view_of(window)
    start = view.text.index(NEW_WORDS)
    span = Span(start, start + len(NEW_WORDS))
    view.select_spans([span])  # and selects the words it is now about
    assert place.isEnabled()
    menu = window.claim_actions.table_menu()
    assert menu.actions()[0].text() == "Place orphan on selection"
    place.trigger()

    placed = window.document.claim(orphan.id)
    assert placed is not None and not placed.orphaned
    assert placed.span == span and placed.quote.exact == NEW_WORDS
    assert placed.label_id == orphan.label_id
    assert orphan.id in {m.claim_id for m in view.highlighter.marks}
    step = window.undo.active().undoText()  # numbered where the orphan was: first
    assert step == "Place claim 1 on the selection"

    window.menus.actions["undo"].trigger()
    back = window.document.claim(orphan.id)
    assert back is not None and back.orphaned
    assert back.span.start == back.span.end and back.quote.exact == CUT
    assert orphan.id not in {m.claim_id for m in view.highlighter.marks}

    window.menus.actions["redo"].trigger()
    again = window.document.claim(orphan.id)
    assert again is not None and not again.orphaned and again.span == span


def test_placing_a_claim_that_had_words_moves_it_back_on_undo(window: MainWindow) -> None:
    claim = window.document.claims[0]
    window.show_claim(claim.id)
    view = view_of(window)
    start = view.text.index("a staged provocation")
    span = Span(start, start + len("a staged provocation"))
    from workbench.ui import commands

    commands.push(window.undo.active(), commands.MoveClaim(window.services, claim, span, text="m"))
    assert window.services.claims.get(claim.id).span == span
    window.undo.active().undo()
    assert window.services.claims.get(claim.id).span == claim.span


def test_cancel_a_corrected_version_import_saves_nothing(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from workbench.services import revisions as revision_service

    started = threading.Event()

    monkeypatch.setattr(revision_service.importers, "read_file", slow_reader(started))
    before = window.services.articles.summaries()
    opened = window.document.article_id
    window.file_actions.revisions.import_file(opened, corrected_file(tmp_path))
    qtbot.waitUntil(started.is_set)
    dialog = window.findChild(QProgressDialog, "importProgress")
    assert dialog is not None
    qtbot.waitUntil(lambda: dialog.value() > 0, timeout=5000)
    dialog.findChild(QPushButton).click()
    wait_for_revision(qtbot, window)
    assert window.services.articles.summaries() == before
    assert window.document.article_id == opened
    assert "cancelled" in window.statusBar().currentMessage()
    assert window.findChild(RevisionSummary, "revisionSummary") is None


def test_import_corrected_version_needs_an_open_article(window: MainWindow) -> None:
    window.open_article(None)
    assert not window.menus.actions["importRevision"].isEnabled()

"""Reading and marking the article: sentences, drags, highlights, markers, menus, keys."""

from __future__ import annotations

from typing import Any

from conftest import WindowFactory
from heartbeat import heartbeat
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QHelpEvent, QPainter, QPixmap, QTextCursor
from PySide6.QtWidgets import QApplication, QMenu, QToolTip
from pytestqt.qtbot import QtBot
from story import click_text, drag_text, press, scroll_to, table_rows, view_of

from workbench.domain import Span
from workbench.importers.base import ImportedArticle
from workbench.ui import article_paint
from workbench.ui.article_loader import claim_marks
from workbench.ui.main_window import MainWindow

DIVIDED = "Analysts were divided."
READOUT = "The readout did not mention the drones."


def test_clicking_selects_the_whole_sentence(qtbot: QtBot, window: MainWindow) -> None:
    view = view_of(window)
    start = view.text.index(DIVIDED)
    click_text(qtbot, view, start + 4)
    assert view.selected_spans() == [Span(start, start + len(DIVIDED))]
    assert view.textCursor().selectedText() == DIVIDED


def test_ctrl_click_adds_sentences_and_tagging_them_is_one_undo_step(
    qtbot: QtBot, window: MainWindow
) -> None:
    view = view_of(window)
    click_text(qtbot, view, view.text.index(DIVIDED) + 2)
    click_text(qtbot, view, view.text.index(READOUT) + 2, Qt.KeyboardModifier.ControlModifier)
    assert [view.text[s.start : s.end] for s in view.selected_spans()] == [READOUT, DIVIDED]
    with heartbeat("tag two sentences at once"):
        press(qtbot, view, "2")
    quotes = [c.quote.exact for c in window.document.claims]
    assert DIVIDED in quotes and READOUT in quotes
    assert window.undo.active().count() == 1
    window.menus.actions["undo"].trigger()
    quotes = [c.quote.exact for c in window.document.claims]
    assert DIVIDED not in quotes and READOUT not in quotes


def test_dragging_selects_words_snapped_to_word_boundaries(
    qtbot: QtBot, window: MainWindow
) -> None:
    view = view_of(window)
    phrase = "a salvo of 91 long-range drones"
    start = view.text.index(phrase)
    drag_text(qtbot, view, start + 2, start + len(phrase) - 3)  # "salvo" to "dro|nes"
    spans = view.selected_spans()
    assert [view.text[s.start : s.end] for s in spans] == ["salvo of 91 long-range drones"]
    press(qtbot, view, "1")
    assert "salvo of 91 long-range drones" in [c.quote.exact for c in window.document.claims]


def test_clicking_a_highlight_picks_its_claim_and_selects_its_row(
    qtbot: QtBot, window: MainWindow
) -> None:
    view = view_of(window)
    claim = window.document.claims[1]
    with heartbeat("click a highlight"):
        click_text(qtbot, view, claim.span.start + 3)
    assert window.document.current_claim_id == claim.id
    assert window.claims_panel.selected_claim_ids() == [claim.id]
    qtbot.waitUntil(lambda: window.evidence_panel.claim_id == claim.id)
    assert view.selected_spans() == []


def test_hovering_a_sentence_shows_it_subtly(qtbot: QtBot, window: MainWindow) -> None:
    view = view_of(window)
    start = view.text.index(DIVIDED)
    scroll_to(view, start)
    qtbot.mouseMove(view.viewport(), view.point_of(start + 3))
    hovered = [s for s in view.extraSelections() if s.cursor.selectedText() == DIVIDED]
    assert len(hovered) == 1
    assert hovered[0].format.background().color().alpha() < 60


def test_hovering_a_highlight_tells_label_verdict_and_evidence(
    qtbot: QtBot, window: MainWindow
) -> None:
    view = view_of(window)
    claim = next(c for c in window.document.claims if c.evidence_count)
    scroll_to(view, claim.span.start)
    point = view.point_of(claim.span.start + 2)
    event = QHelpEvent(QHelpEvent.Type.ToolTip, point, view.viewport().mapToGlobal(point))
    QApplication.sendEvent(view.viewport(), event)
    tip = QToolTip.text()
    label = window.document.label_of(claim)
    assert label is not None and label.name in tip
    assert claim.verdict in tip
    assert f"{claim.evidence_count} evidence note" in tip


def test_overlapping_claims_are_both_visible(qtbot: QtBot, window: MainWindow) -> None:
    view = view_of(window)
    claim = window.document.claims[0]
    inner = Span(claim.span.start + 10, claim.span.start + 40)
    view.select_spans([inner])
    press(qtbot, view, "2")
    block = view.document().findBlock(view.utf16.to_utf16(inner.start + 1))
    formats = block.layout().formats()
    where = view.utf16.to_utf16(inner.start + 1) - block.position()
    covering = [f for f in formats if f.start <= where < f.start + f.length]
    alone = [f for f in formats if f.start + f.length <= where]
    assert covering and covering[0].format.fontUnderline(), "the overlap is underlined"
    assert alone and covering[0].format.background() != alone[0].format.background()


def test_markers_show_the_claim_number_and_label_initial(window: MainWindow) -> None:
    view = view_of(window)
    badges = {
        m.claim_id: f"{view.number_of(m.claim_id)}{m.initial}" for m in view.highlighter.marks
    }
    for claim, expected in ((window.document.claims[0], "1A"), (window.document.claims[3], "4C")):
        scroll_to(view, claim.span.start)
        pixmap = QPixmap(view.viewport().size())
        painter = QPainter(pixmap)
        drawn = article_paint.paint_badges(
            view, painter, view.highlighter.marks, dark=False, number_of=view.number_of
        )
        painter.end()
        assert expected in [badges[claim_id] for _rect, claim_id in drawn]


def test_emoji_and_cjk_text_tag_the_exact_words(
    qtbot: QtBot, make_window: WindowFactory, services: Any, dialogs: Any
) -> None:
    text = (
        "Der Minister 🚀 sagte: 无人机来自北方。 The ministry says 91 drones 🛩️ flew. "
        "Nobody saw them."
    )
    article = services.articles.add(
        ImportedArticle(text=text, title="Emoji", source_format="paste", original=text.encode())
    )
    window = make_window(services, article_id=article.id)
    view = view_of(window)
    target = "The ministry says 91 drones 🛩️ flew."
    click_text(qtbot, view, text.index(target) + 5)
    assert [text[s.start : s.end] for s in view.selected_spans()] == [target]
    press(qtbot, view, "1")
    assert [c.quote.exact for c in window.document.claims] == [target]
    claim = window.document.claims[0]
    assert text[claim.span.start : claim.span.end] == target
    mark = view.highlighter.marks[0]
    cursor = QTextCursor(view.document())
    cursor.setPosition(mark.start)
    cursor.setPosition(mark.end, QTextCursor.MoveMode.KeepAnchor)
    assert cursor.selectedText() == target, "the highlight sits on the same words (UTF-16)"


def test_right_click_a_highlight_offers_retag_edit_delete_and_evidence(
    qtbot: QtBot, window: MainWindow
) -> None:
    view = view_of(window)
    claim = window.document.claims[0]
    scroll_to(view, claim.span.start)
    window.document.set_current_claim(claim.id)
    menu = window.claim_actions.context_menu(window.document.labels, [claim.id])
    texts = [a.text().split("\t")[0] for a in menu.actions() if a.text()]
    assert texts[:2] == ["Tag as Allegation", "Tag as Confirmed"]
    assert {"Edit claim…", "Add evidence…", "Delete claim"} <= set(texts)
    retag = next(a.menu() for a in menu.actions() if a.menu() is not None)
    assert isinstance(retag, QMenu)
    confirmed = next(a for a in retag.actions() if a.text() == "Confirmed")
    with heartbeat("retag from the context menu"):
        confirmed.trigger()
    assert window.document.label_of(window.document.claim(claim.id)).name == "Confirmed"
    window.menus.actions["undo"].trigger()
    assert window.document.label_of(window.document.claim(claim.id)).name == "Allegation"


def test_the_context_menu_opens_on_right_click(qtbot: QtBot, window: MainWindow) -> None:
    view = view_of(window)
    wanted: list[list[int]] = []
    view.contextMenuWanted.disconnect()
    view.contextMenuWanted.connect(lambda _pos, ids: wanted.append(ids))
    claim = window.document.claims[2]
    scroll_to(view, claim.span.start)
    point = view.point_of(claim.span.start + 2)
    from PySide6.QtGui import QContextMenuEvent

    event = QContextMenuEvent(
        QContextMenuEvent.Reason.Mouse, point, view.viewport().mapToGlobal(point)
    )
    QApplication.sendEvent(view.viewport(), event)
    assert wanted == [[claim.id]]
    assert window.document.current_claim_id == claim.id


def test_delete_key_on_a_highlight_deletes_it_and_undo_restores(
    qtbot: QtBot, window: MainWindow
) -> None:
    view = view_of(window)
    claim = window.document.claims[3]
    click_text(qtbot, view, claim.span.start + 2)
    assert window.document.current_claim_id == claim.id
    with heartbeat("delete a claim with the Delete key"):
        press(qtbot, view, Qt.Key.Key_Delete)
    assert window.document.claim(claim.id) is None
    assert len(table_rows(window)) == 7
    window.menus.actions["undo"].trigger()
    assert window.document.claim(claim.id) is not None
    assert len(table_rows(window)) == 8


def test_keyboard_selects_sentences_and_walks_claims(qtbot: QtBot, window: MainWindow) -> None:
    view = view_of(window)
    view.setFocus()
    scroll_to(view, 0)
    qtbot.keyClick(view, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    assert view.selected_spans() == [window.document.article.sentences[0]]
    qtbot.keyClick(
        view, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier | Qt.KeyboardModifier.ShiftModifier
    )
    assert len(view.selected_spans()) == 2
    qtbot.keyClick(view, Qt.Key.Key_Escape)
    assert view.selected_spans() == []
    view.moveCursor(QTextCursor.MoveOperation.Start)
    qtbot.keyClick(view, Qt.Key.Key_Right, Qt.KeyboardModifier.AltModifier)
    assert window.document.current_claim_id == window.document.claims[0].id
    qtbot.keyClick(view, Qt.Key.Key_Right, Qt.KeyboardModifier.AltModifier)
    assert window.document.current_claim_id == window.document.claims[1].id
    opened: list[int] = []
    view.claimActivated.disconnect()
    view.claimActivated.connect(opened.append)
    qtbot.keyClick(view, Qt.Key.Key_Return)
    assert opened == [window.document.claims[1].id]


def test_claims_are_drawn_by_the_highlighter_not_extra_selections(window: MainWindow) -> None:
    view = view_of(window)
    assert len(view.highlighter.marks) == 8
    assert len(view.extraSelections()) <= 1


def test_the_reading_width_stays_near_72_characters(qtbot: QtBot, window: MainWindow) -> None:
    view = view_of(window)
    window.main_splitter.setSizes([3000, 300])
    window.resize(2400, 800)
    qtbot.waitUntil(lambda: view.reader_margins()[0] > 0)
    left, right = view.reader_margins()
    assert left == right
    assert view.viewport().width() < 72 * view.fontMetrics().averageCharWidth() * 1.6


def test_no_point_outside_text_crashes_a_click(qtbot: QtBot, window: MainWindow) -> None:
    view = view_of(window)
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(1, 1))
    qtbot.mouseClick(
        view.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(view.viewport().width() - 2, 5)
    )


def test_a_claim_tagged_above_the_others_moves_only_its_own_mark(
    qtbot: QtBot, window: MainWindow
) -> None:
    view = view_of(window)
    before = {m.claim_id: m for m in view.highlighter.marks}
    first = window.document.claims[0]
    assert first.span.start > 0
    words = Span(0, view.text.index(" ", 4))  # the headline's first words, above claim 1
    view.select_spans([words])
    press(qtbot, view, "1")
    new_id = window.document.claims[0].id
    assert new_id not in before and window.document.number(first.id) == 2
    after = {m.claim_id: m for m in view.highlighter.marks}
    # Every other claim keeps its very mark (renumbering is done when painting) ...
    assert all(after[claim_id] is mark for claim_id, mark in before.items())
    # ... and the marks equal the ones a fresh build of the same claims gives.
    fresh = claim_marks(window.document.claims, window.document.labels, view.utf16)
    assert view.highlighter.marks == fresh

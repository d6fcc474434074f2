"""Helpers for the evidence UI tests: a tagged wire story, dialogs that never block, and a
record of what was handed to the system (QDesktopServices).

Plain functions, not fixtures, so each test module wires the ones it needs.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import pytest
from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices, QUndoGroup, QUndoStack
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QMessageBox

from workbench.domain import Span
from workbench.importers.base import ImportedArticle

STORY = (
    "Russia's defence ministry claims it handed the US evidence of a drone attack on a "
    "presidential residence. According to the ministry, 91 long-range drones were launched "
    "overnight. A ministry official met the US military attaché on Tuesday."
)
CLAIM_QUOTES = (
    "Russia's defence ministry claims it handed the US evidence of a drone attack on a "
    "presidential residence.",
    "According to the ministry, 91 long-range drones were launched overnight.",
    "A ministry official met the US military attaché on Tuesday.",
)


@dataclass
class Story:
    article_id: int
    claim_ids: list[int]


@dataclass
class Recorder:
    """What the code under test asked of the system: message boxes and opened URLs."""

    messages: list[tuple[str, str, str]] = field(default_factory=list)
    urls: list[QUrl] = field(default_factory=list)

    def texts(self) -> list[str]:
        return [text for _kind, _title, text in self.messages]


def tag_story(services: Any) -> Story:
    """Import the wire story and tag its three sentences (two allegations, one confirmed)."""
    article = services.articles.add(
        ImportedArticle(
            text=STORY, title="Drone evidence", source_format="txt", original=STORY.encode()
        )
    )
    allegation = services.labels.by_name("Allegation").id
    confirmed = services.labels.by_name("Confirmed").id
    ids = []
    for quote, label in zip(CLAIM_QUOTES, (allegation, allegation, confirmed), strict=True):
        start = STORY.index(quote)
        ids.append(services.claims.tag(article.id, Span(start, start + len(quote)), label).id)
    return Story(article.id, ids)


def release_modifiers() -> None:
    """Let go of Ctrl/Shift/Alt: QTest leaves the last shortcut's modifiers as the
    application's current ones, which would turn a later ``selectRow`` into a toggle."""
    widget = QApplication.focusWidget() or QApplication.activeWindow()
    if widget is not None:
        QTest.keyRelease(widget, Qt.Key.Key_Shift, Qt.KeyboardModifier.NoModifier)


def undo_group_with_stack() -> QUndoGroup:
    group = QUndoGroup()
    stack = QUndoStack(group)
    group.addStack(stack)
    group.setActiveStack(stack)
    return group


def record_system(monkeypatch: pytest.MonkeyPatch) -> Recorder:
    """Message boxes return at once (recorded); URLs are recorded instead of opened."""
    recorder = Recorder()

    def box(kind: str, answer: Any) -> Any:
        def show(_parent: Any, title: str, text: str, *args: Any, **kwargs: Any) -> Any:
            recorder.messages.append((kind, title, text))
            return answer

        return staticmethod(show)

    ok = QMessageBox.StandardButton.Ok
    for kind in ("warning", "information", "critical"):
        monkeypatch.setattr(QMessageBox, kind, box(kind, ok))
    monkeypatch.setattr(QMessageBox, "question", box("question", QMessageBox.StandardButton.Yes))

    def open_url(url: QUrl) -> bool:
        recorder.urls.append(QUrl(url))
        return True

    monkeypatch.setattr(QDesktopServices, "openUrl", staticmethod(open_url))
    return recorder

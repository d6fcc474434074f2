"""Full garbage collections skip what the window keeps alive, and freezing leaks nothing."""

from __future__ import annotations

import gc
from typing import Any

from pytestqt.qtbot import QtBot

from workbench.domain import Article, Span
from workbench.ui.main_window import MainWindow

OTHER = (
    "FICTIONAL TEST ARTICLE. The port authority said on Monday that 40 ships were waiting. "
    "A union spokesman alleged that the figure was closer to 90. "
    "Customs data for the week lists 52 arrivals."
)


def test_opening_articles_freezes_what_they_keep_and_frees_what_they_drop(
    qtbot: QtBot, window: MainWindow, services: Any, sample: Article
) -> None:
    other = services.articles.import_pasted(text=OTHER)
    label = services.labels.all()[0].id
    sentences = services.articles.get(other.id).sentences[1:]
    for sentence in sentences:
        services.claims.tag(other.id, Span(sentence.start, sentence.end), label)
    # Opening an article freezes what it keeps alive, so a full collection walks less.
    gc.collect()
    window.open_article(other.id)
    assert gc.get_freeze_count() > 0
    assert len(gc.get_objects()) < gc.get_freeze_count()

    counts = []
    for _round in range(7):
        window.open_article(sample.id)
        window.open_article(other.id)
        qtbot.wait(10)
        counts.append(gc.get_freeze_count())
    # Frozen objects are still freed when unused: switching back and forth keeps the
    # frozen count flat (a leak would add the closed article's objects every round).
    assert counts[-1] - counts[2] < 120, counts
    assert window.document.article_id == other.id
    assert len(window.document.claims) == len(sentences) > 0

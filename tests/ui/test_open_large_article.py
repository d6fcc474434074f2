"""Opening a large article: read and laid out in the background, the window stays live.

The user opens a 1 MB article from the library; the window keeps answering while it
loads (a heartbeat records the longest stall), then shows the whole text with every
claim highlighted, the claims in the table and the sentences clickable. Opening
another article meanwhile shows that one, never the stale result.
"""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtGui import QTextBlock
from pytestqt.qtbot import QtBot

from benchmarks import fixtures, generate
from tests.ui.conftest import WindowFactory
from tests.ui.heartbeat import heartbeat
from tests.ui.story import click_text, open_and_wait, view_of, wait_until_shown
from workbench.domain import Article, Span
from workbench.importers.base import ImportedArticle
from workbench.ui import workers
from workbench.ui.article_loader import LARGE_CHARS
from workbench.ui.article_view import ArticleView
from workbench.ui.main_window import MainWindow
from workbench.ui.open_article import FEED_CLAIMS
from workbench.ui.prepared_text import SLICE_CHARS

CLAIMS = 600
"""More than two feeds of claims (FEED_CLAIMS), so the table fills over several turns."""


@pytest.fixture
def big(services: Any) -> fixtures.StoredArticle:
    return fixtures.store_article(services, generate.article("1MB", CLAIMS))


def dragon_article(services: Any) -> Article:
    """A large article whose text has emoji (two UTF-16 units each) and CJK throughout,
    with one claim far into it, after thousands of emoji."""
    paragraph = "The 🐉 minister said 東京 spent 91 million on drones. Nobody 🙂 checked it.\n\n"
    text = "Dragons at the ministry\n\n" + paragraph * (LARGE_CHARS // len(paragraph) + 200)
    imported = ImportedArticle(
        text=text, title="Dragons at the ministry", source_format="txt", original=b"x"
    )
    return services.articles.add(imported)


def background_of(view: ArticleView, utf16_position: int) -> str | None:
    """The highlight colour the document shows at a Qt position (None: not highlighted)."""
    block: QTextBlock = view.document().findBlock(utf16_position)
    at = utf16_position - block.position()
    for fmt in block.layout().formats():
        if fmt.start <= at < fmt.start + fmt.length and fmt.format.background().style().value:
            return fmt.format.background().color().name()
    return None


def library_row(window: MainWindow, article_id: int) -> Any:
    return window.library.list.item(window.library.article_ids().index(article_id))


def test_a_1_mb_article_opens_from_the_library_with_every_claim_highlighted(
    qtbot: QtBot,
    make_window: WindowFactory,
    services: Any,
    sample: Article,
    big: fixtures.StoredArticle,
) -> None:
    window = make_window(services, article_id=sample.id)
    view = view_of(window)
    qtbot.waitUntil(lambda: big.article_id in window.library.article_ids())
    progress: list[str] = []
    window.statusBar().messageChanged.connect(progress.append)

    with heartbeat("open a 1 MB article from the library"):
        window.library.list.itemActivated.emit(library_row(window, big.article_id))
        assert window.document.loading
        assert window.document.article_id == sample.id  # the old one stays meanwhile
        wait_until_shown(qtbot, window)

    article = services.articles.get(big.article_id)
    assert window.document.article_id == big.article_id
    assert view.text == article.text
    assert view.document().toPlainText() == article.text
    assert window.claims_panel.model.rowCount() == CLAIMS
    assert window.claims_panel.proxy.rowCount() == CLAIMS
    assert any(text.startswith("Opening the article") for text in progress)
    claims = window.document.claims
    assert len(claims) == CLAIMS > 2 * FEED_CLAIMS
    for claim in (claims[0], claims[len(claims) // 2], claims[-1]):
        label = window.document.label_of(claim)
        assert label is not None
        start, end = view.utf16.span_to_utf16(claim.span)
        assert background_of(view, start) is not None, claim
        assert background_of(view, end - 1) is not None, claim
        assert [m.claim_id for m in view.marks_at(start)] == [claim.id]
    assert view.highlighter.pending == 0

    # The sentences are there to click, far into the text too.
    free = [s for s in article.sentences if not view.marks_at(view.utf16.to_utf16(s.start + 1))]
    sentence = free[len(free) * 3 // 4]
    click_text(qtbot, view, sentence.start + 1)
    assert view.selected_spans() == [sentence]


def test_offsets_stay_right_past_thousands_of_emoji_in_a_text_laid_out_in_slices(
    qtbot: QtBot, make_window: WindowFactory, services: Any, sample: Article
) -> None:
    article = dragon_article(services)
    assert len(article.text) > 2 * SLICE_CHARS
    far = article.text.index("91 million", len(article.text) * 2 // 3)
    label = services.labels.by_name("Allegation")
    claim = services.claims.tag(article.id, Span(far, far + len("91 million")), label.id)
    window = make_window(services, article_id=sample.id)
    view = view_of(window)

    assert open_and_wait(qtbot, window, article.id)

    assert view.document().characterCount() - 1 == view.utf16.utf16_length
    assert [c.id for c in window.document.claims] == [claim.id]
    start, end = view.utf16.span_to_utf16(claim.span)
    assert start > far  # the emoji before it take two units each
    assert background_of(view, start) is not None
    assert background_of(view, start - 1) is None
    assert background_of(view, end) is None
    click_text(qtbot, view, far + 3)
    assert window.document.current_claim_id == claim.id
    sentence = view.sentence_at(far)
    assert sentence is not None
    assert article.text[sentence.start : sentence.end] == (
        "The 🐉 minister said 東京 spent 91 million on drones."
    )
    click_text(qtbot, view, sentence.start - 5)  # the sentence before: just text
    (picked,) = view.selected_spans()
    assert article.text[picked.start : picked.end] == "Nobody 🙂 checked it."


def test_opening_another_article_while_one_loads_shows_the_other_one(
    qtbot: QtBot,
    make_window: WindowFactory,
    services: Any,
    sample: Article,
    big: fixtures.StoredArticle,
) -> None:
    dragons = dragon_article(services)
    window = make_window(services, article_id=sample.id)
    view = view_of(window)

    # A small article opened meanwhile is shown at once; the big one never arrives.
    window.open_article(big.article_id)
    assert window.document.loading
    window.open_article(sample.id)
    assert not window.document.loading
    qtbot.waitUntil(lambda: workers.active_count() == 0, timeout=30_000)
    qtbot.wait(50)
    assert window.document.article_id == sample.id
    assert view.text == sample.text
    assert window.claims_panel.model.rowCount() == len(services.claims.for_article(sample.id))

    # Another large one opened meanwhile: that one is shown, with its own claims.
    window.open_article(big.article_id)
    window.open_article(dragons.id)
    wait_until_shown(qtbot, window)
    qtbot.waitUntil(lambda: workers.active_count() == 0, timeout=30_000)
    qtbot.wait(50)
    assert window.document.article_id == dragons.id
    assert view.text == dragons.text
    assert window.claims_panel.model.rowCount() == 0
    assert window.windowTitle().startswith("Dragons at the ministry")


def test_a_tag_made_while_another_article_loads_lands_on_the_article_shown(
    qtbot: QtBot,
    make_window: WindowFactory,
    services: Any,
    sample: Article,
    big: fixtures.StoredArticle,
) -> None:
    window = make_window(services, article_id=sample.id)
    view = view_of(window)
    before = len(window.document.claims)
    free = [s for s in sample.sentences if s not in {c.span for c in window.document.claims}]
    view.select_spans([free[0]])

    window.open_article(big.article_id)
    assert window.document.loading
    window.claim_actions.tag(window.document.labels[0].id)
    wait_until_shown(qtbot, window)

    assert len(services.claims.for_article(sample.id)) == before + 1
    assert window.document.article_id == big.article_id
    assert len(window.document.claims) == CLAIMS
    assert window.claims_panel.model.rowCount() == CLAIMS


def test_closing_the_window_while_an_article_loads_leaves_nothing_running(
    qtbot: QtBot,
    make_window: WindowFactory,
    services: Any,
    sample: Article,
    big: fixtures.StoredArticle,
) -> None:
    import sys

    switching = sys.getswitchinterval()
    window = make_window(services, article_id=sample.id)
    window.open_article(big.article_id)
    assert window.document.loading
    window.close()
    window.detach()

    assert not window.document.loading
    qtbot.waitUntil(lambda: workers.active_count() == 0, timeout=30_000)
    qtbot.wait(20)
    assert sys.getswitchinterval() == switching
    assert window.document.article_id == sample.id

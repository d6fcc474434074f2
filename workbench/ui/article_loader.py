"""Opening a large article without freezing the window: read and lay it out on a worker.

Opening the 1 MB article with 1,000 claims on the GUI thread stalled the window for
~400 ms (measured: reading the article ~60 ms and its claims ~100 ms through the ORM,
``setPlainText`` with the highlighter ~200-340 ms, the claims table ~45 ms). For an
article of ``LARGE_CHARS`` or more, ``ArticleLoader.load`` runs the reads, the claim
marks and the text's document (``prepared_text.prepare_text``) on a worker, reporting
progress. Back on the GUI thread, each on its own turn of the event loop: the view swaps
the document in, then the article reaches the panels, then its claims in slices
(``OpenArticle.finish_loading``). Meanwhile the article on screen stays usable (actions
act on it), and a newer open makes this result stale (``OpenArticle.begin_loading``
tokens). Small articles open synchronously: they take a few milliseconds, and callers
may rely on it.
"""

from __future__ import annotations

import sys
import time
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QThread, QTimer, Signal

from workbench.domain import Article, Claim, Label
from workbench.text import Utf16Map
from workbench.ui import style, workers
from workbench.ui.article_view import ArticleView
from workbench.ui.highlighter import ClaimMark
from workbench.ui.open_article import OpenArticle
from workbench.ui.prepared_text import PreparedText, prepare_text

if TYPE_CHECKING:
    from workbench.services import Services

LARGE_CHARS = 100_000
"""Articles at least this long (code points) open in the background (~25 ms and up)."""
READ_SHARE = 0.4
"""The part of the progress bar the two reads take; laying out the text is the rest."""
START_DELAY_S = 0.02
"""The worker waits this long before reading: the GUI thread first paints what the click
changed (the library's selection, the status bar) without competing for the GIL with
the reads' C calls (SQLite rows, JSON), which hold it for several milliseconds each;
that paint was the session's worst stall right after the click (~45-70 ms -> gone)."""
SWITCH_INTERVAL_S = 0.001
"""How often the interpreter hands the GIL between threads while an article loads (the
default is 5 ms). Every Python callback of the GUI thread (a paint calls dozens: the
layout's block rectangles, the table's ``data``) takes the GIL again and waited up to
5 ms each while the worker ran Python; worst stall opening the 1 MB article in the
scripted session here ~110-180 ms -> ~60-80 ms."""


@dataclass(eq=False)
class _Loaded:
    token: int
    article: Article
    claims: list[Claim]
    text: PreparedText


def claim_marks(claims: list[Claim], labels: list[Label], utf16: Utf16Map) -> list[ClaimMark]:
    """What ``article_pane.build_marks`` makes of these claims (same places and colours, so
    the pane's own marks later find nothing to redo), built from plain values: safe on a
    worker."""
    by_id = {label.id: label for label in labels}
    marks = []
    for claim in claims:
        if claim.orphaned or claim.span.end > utf16.length:
            continue
        label = by_id.get(claim.label_id)
        start, end = utf16.span_to_utf16(claim.span)
        color, initial = (label.color, label.initial) if label else ("#9e9e9e", "?")
        marks.append(ClaimMark(claim.id, start, end, color, initial))
    return marks


class ArticleLoader(QObject):
    progressed = Signal(float)
    """How far the load in progress is (0..1)."""
    failed = Signal(str)
    """The load in progress failed (the message says why); the old article stays."""

    def __init__(
        self,
        services: Services,
        document: OpenArticle,
        view: ArticleView,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._services = services
        self._document = document
        self._view = view
        self._job: workers.Job | None = None
        self._arrived: _Loaded | None = None
        """A result whose text is on screen and whose article follows on the next turn."""
        self._arrival = QTimer(self, singleShot=True, interval=0)
        self._arrival.timeout.connect(self._on_arrival)
        self._running = 0
        """Load jobs not yet reported back (the faster GIL switching lasts while any runs)."""
        self._switch_interval = sys.getswitchinterval()

    def is_large(self, article_id: int) -> bool:
        """Whether to open this article in the background; NotFoundError if it is gone."""
        return self._services.articles.text_length(article_id) >= LARGE_CHARS

    def load(self, article_id: int) -> None:
        """Read the article on a worker; ``OpenArticle.loadingChanged(False)`` when it is
        shown (or failed, or was overtaken by another open)."""
        self.cancel()
        token = self._document.begin_loading(article_id)
        services = self._services
        labels = list(self._document.labels)
        view = self._view
        font, dark = view.font(), style.is_dark(view.palette())
        margin = view.document().documentMargin()
        gui_thread = QThread.currentThread()

        def work(job: workers.Job) -> _Loaded | None:
            time.sleep(START_DELAY_S)
            article = services.articles.get(article_id)
            job.report(READ_SHARE / 2)
            if job.cancelled():
                return None
            claims = services.claims.for_article(article_id)
            job.report(READ_SHARE)
            if job.cancelled():
                return None
            utf16 = Utf16Map(article.text)
            title_in_text = bool(article.title) and article.text.startswith(article.title)
            text = prepare_text(
                article.text,
                marks=claim_marks(claims, labels, utf16),
                heading=len(article.title) if title_in_text else 0,
                font=font,
                dark=dark,
                margin=margin,
                gui_thread=gui_thread,
                progress=lambda done: job.report(READ_SHARE + (1 - READ_SHARE) * done),
                cancelled=job.cancelled,
            )
            return None if text is None else _Loaded(token, article, claims, text)

        if not self._running:
            self._switch_interval = sys.getswitchinterval()
            sys.setswitchinterval(min(self._switch_interval, SWITCH_INTERVAL_S))
        self._running += 1
        self._job = workers.start(
            work,
            on_done=self._on_done,
            on_error=lambda err: self._on_error(token, err),
            on_progress=self._on_progress,
        )

    def cancel(self) -> None:
        """Stop the load in progress, if any; its result (if it still comes) is ignored.
        A result already half on screen (text shown, article not yet) is completed."""
        self._on_arrival()
        if self._job is not None:
            self._job.cancel()
            self._job = None
        self._document.cancel_loading()

    def _on_progress(self, fraction: float) -> None:
        if self._document.loading:
            self.progressed.emit(fraction)

    def _reported(self) -> None:
        self._running -= 1
        if not self._running:
            sys.setswitchinterval(self._switch_interval)

    def _on_done(self, loaded: _Loaded | None) -> None:
        self._reported()
        if loaded is None or not self._document.is_current_load(loaded.token):
            if loaded is not None:
                loaded.text.document.deleteLater()
            return
        self._job = None
        self._view.expect(loaded.text, sentences=loaded.article.sentences)
        self._arrived = loaded
        self._arrival.start()

    def _on_arrival(self) -> None:
        self._arrival.stop()
        loaded, self._arrived = self._arrived, None
        if loaded is not None:
            self._document.finish_loading(loaded.token, loaded.article, loaded.claims)

    def _on_error(self, token: int, err: BaseException) -> None:
        self._reported()
        if not self._document.is_current_load(token):
            return
        self._job = None
        self._document.cancel_loading()
        self.failed.emit(str(err))

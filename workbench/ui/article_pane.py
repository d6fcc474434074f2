"""The middle of the window: the article's header, a find bar and the article view.

``ArticlePane`` lays these out and keeps them in step with the shared ``OpenArticle``:
a new article sets the header and the text, changed claims become new highlights.
"""

from __future__ import annotations

import html
from bisect import bisect_left
from dataclasses import dataclass, field
from urllib.parse import urlparse
from weakref import WeakKeyDictionary

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from workbench.domain import Article, Claim, Label
from workbench.text import Utf16Map
from workbench.ui.article_view import ArticleView
from workbench.ui.highlighter import ClaimMark
from workbench.ui.open_article import OpenArticle


def claim_tooltip(claim: Claim, label: Label | None, number: int) -> str:
    """What hovering a highlight shows: number, label, verdict, evidence, status."""
    name = html.escape(label.name if label else "Unlabelled")
    verdict = html.escape(claim.verdict) if claim.verdict else "<i>no verdict yet</i>"
    notes = claim.evidence_count
    evidence = f"{notes} evidence note{'s' if notes != 1 else ''}"
    claimant = f"<br>Claimant: {html.escape(claim.claimant)}" if claim.claimant else ""
    return (
        f"<b>#{number} {name}</b><br>Verdict: {verdict}<br>{evidence}"
        f"{claimant}<br>Status: {html.escape(claim.status.value)}"
    )


@dataclass(slots=True)
class _MarkCache:
    """The marks last built for one open article, and what they were built from."""

    utf16: Utf16Map | None = None
    claims: list[Claim] | None = None
    labels: list[Label] | None = None
    marks: list[ClaimMark] = field(default_factory=list)
    keys: list[tuple[int, int, int]] = field(default_factory=list)
    """``_key`` of each of ``marks`` (their reading order, for bisection)."""
    by_claim: dict[int, tuple[Claim, Label | None, ClaimMark]] = field(default_factory=dict)


_caches: WeakKeyDictionary[OpenArticle, _MarkCache] = WeakKeyDictionary()


def build_marks(document: OpenArticle, utf16: Utf16Map) -> list[ClaimMark]:
    """The article view's picture of the open article's claims (orphans have no place).

    Kept per open article: the same claims give the same list back; a change naming a
    few claims (``OpenArticle.patch``) moves just their marks, by bisection; otherwise
    only the claims that changed (another object or label) get a new mark. Numbers are
    not in the marks (the view looks them up when painting) and tooltips are built on
    hover, so neither makes a pass over every claim.
    """
    cache = _caches.get(document)
    if cache is None:
        cache = _caches[document] = _MarkCache()
    if cache.utf16 is not utf16 or cache.labels is not document.labels:
        cache.by_claim, cache.claims = {}, None
    elif cache.claims is document.claims:
        return list(cache.marks)
    elif cache.claims is not None and cache.claims is document.patch_base:
        if _patch_marks(cache, document, utf16):
            return list(cache.marks)
        cache.by_claim = {}
    previous = cache.by_claim
    kept: dict[int, tuple[Claim, Label | None, ClaimMark]] = {}
    marks = []
    for claim in document.claims:
        label = document.label_of(claim)
        old = previous.get(claim.id)
        if old is not None and old[0] is claim and old[1] is label:
            mark: ClaimMark | None = old[2]
        else:
            mark = _mark(claim, label, utf16)
        if mark is not None:
            kept[claim.id] = (claim, label, mark)
            marks.append(mark)
    cache.utf16, cache.claims, cache.labels = utf16, document.claims, document.labels
    cache.marks, cache.by_claim = marks, kept
    cache.keys = [_key(mark) for mark in marks]
    return list(marks)


def _patch_marks(cache: _MarkCache, document: OpenArticle, utf16: Utf16Map) -> bool:
    """Move the marks of the claims ``document.patch`` names; False if the cache does
    not hold what the patch expects (then every mark is built anew)."""
    marks, keys = cache.marks, cache.keys
    for claim_id in document.patch or ():
        old = cache.by_claim.pop(claim_id, None)
        if old is not None:
            at = bisect_left(keys, _key(old[2]))
            if at >= len(keys) or marks[at] is not old[2]:
                return False
            del marks[at], keys[at]
        claim = document.claim(claim_id)
        if claim is None:
            continue
        label = document.label_of(claim)
        mark = _mark(claim, label, utf16)
        if mark is not None:
            at = bisect_left(keys, _key(mark))
            marks.insert(at, mark)
            keys.insert(at, _key(mark))
            cache.by_claim[claim_id] = (claim, label, mark)
    cache.claims = document.claims
    return True


def _mark(claim: Claim, label: Label | None, utf16: Utf16Map) -> ClaimMark | None:
    if claim.orphaned or claim.span.end > utf16.length:
        return None
    start, end = utf16.span_to_utf16(claim.span)
    return ClaimMark(
        claim_id=claim.id,
        start=start,
        end=end,
        color=label.color if label else "#9e9e9e",
        initial=label.initial if label else "?",
    )


def _key(mark: ClaimMark) -> tuple[int, int, int]:
    """Reading order (UTF-16 offsets keep the order of code point offsets)."""
    return (mark.start, mark.end, mark.claim_id)


class ArticleHeader(QWidget):
    """Title, byline, outlet, date and a link to the source, above the text."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("articleHeader")
        self.title = QLabel(objectName="articleTitle", wordWrap=True)
        self.title.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        font = QFont(self.font())
        font.setPointSizeF(font.pointSizeF() * 1.55)
        font.setBold(True)
        self.title.setFont(font)
        self.meta = QLabel(objectName="articleMeta", wordWrap=True)
        self.link = QLabel(objectName="articleSource")
        self.link.setOpenExternalLinks(True)
        self.link.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)
        details = QHBoxLayout()
        details.setSpacing(12)
        details.addWidget(self.meta, 1)
        details.addWidget(self.link)
        layout = QVBoxLayout(self)
        layout.setSpacing(4)
        layout.addWidget(self.title)
        layout.addLayout(details)
        self.set_article(None)

    def set_article(self, article: Article | None, *, title_in_text: bool = False) -> None:
        """Show the article's details; its title too unless the text starts with it."""
        self.title.setVisible(not title_in_text)
        if article is None:
            self.title.setText("No article open")
            self.meta.setText("Open a file (Ctrl+O), drop one here, or paste text (Ctrl+Shift+V).")
            self.link.clear()
            return
        self.title.setText(article.title)
        parts = [article.byline, article.outlet]
        if article.published is not None:
            day = article.published
            parts.append(f"{day.day} {day:%B %Y}")
        self.meta.setText(" · ".join(html.escape(p) for p in parts if p))
        self.meta.setVisible(bool(self.meta.text()))
        if article.source_url:
            url = html.escape(article.source_url, quote=True)
            host = html.escape(urlparse(article.source_url).netloc or article.source_url)
            self.link.setText(f'Source: <a href="{url}">{host}</a>')
            self.link.setToolTip(article.source_url)
        else:
            self.link.setText(f"Imported from {html.escape(article.source_format)}")
            self.link.setToolTip("")

    def set_side_margin(self, margin: int) -> None:
        self.layout().setContentsMargins(margin + 14, 14, margin + 14, 6)


class FindBar(QWidget):
    """Find in the article: Enter for the next match, Shift+Enter the previous, Esc closes."""

    def __init__(self, view: ArticleView, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("findBar")
        self._view = view
        self.field = QLineEdit(objectName="findField", placeholderText="Find in article")
        self.field.setAccessibleName("Find in article")
        self.field.setClearButtonEnabled(True)
        self.count = QLabel(objectName="findCount")
        close = QToolButton(text="✕", toolTip="Close (Esc)", autoRaise=True)
        close.setAccessibleName("Close find bar")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 2, 8, 2)
        layout.addWidget(self.field, 1)
        layout.addWidget(self.count)
        layout.addWidget(close)
        self.field.textChanged.connect(self._on_text_changed)
        self.field.returnPressed.connect(lambda: self._view.find_next())
        QShortcut(QKeySequence("Shift+Return"), self.field, lambda: view.find_next(backward=True))
        QShortcut(QKeySequence(Qt.Key.Key_Escape), self, self.close_bar)
        close.clicked.connect(self.close_bar)
        self.hide()

    def open_bar(self) -> None:
        self.show()
        self.field.setFocus()
        self.field.selectAll()

    def close_bar(self) -> None:
        self._view.find_all("")
        self.hide()
        self._view.setFocus()

    def _on_text_changed(self, text: str) -> None:
        found = self._view.find_all(text)
        self.count.setText("" if not text else f"{found} match{'es' if found != 1 else ''}")


class ArticlePane(QWidget):
    def __init__(self, document: OpenArticle, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("articlePane")
        self._document = document
        self.header = ArticleHeader()
        self.view = ArticleView()
        self.find_bar = FindBar(self.view)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.find_bar)
        layout.addWidget(self.header)
        layout.addWidget(self.view, 1)
        self.setAutoFillBackground(True)
        self.setBackgroundRole(self.view.backgroundRole())
        self.view.readerMarginChanged.connect(self.header.set_side_margin)
        self.view.set_tooltip_source(self._tooltip_of)
        self.view.set_number_source(document.number)
        document.articleChanged.connect(self._on_article_changed)
        document.claimsChanged.connect(self._on_claims_changed)
        document.labelsChanged.connect(self._on_claims_changed)
        document.currentClaimChanged.connect(self._on_current_claim_changed)
        self.header.set_side_margin(0)
        self._on_article_changed()

    def _on_article_changed(self) -> None:
        article = self._document.article
        headline = article is not None and article.text.startswith(article.title)
        self.header.set_article(article, title_in_text=headline)
        self.view.set_article(article)
        if article is not None and headline:
            self.view.set_heading(len(article.title))
        self._on_claims_changed()

    def _on_claims_changed(self) -> None:
        self.view.set_marks(build_marks(self._document, self.view.utf16))
        self.view.viewport().update()  # the markers' numbers may have moved

    def _tooltip_of(self, claim_id: int) -> str:
        claim = self._document.claim(claim_id)
        if claim is None:
            return ""
        number = self._document.number(claim_id)
        return claim_tooltip(claim, self._document.label_of(claim), number)

    def _on_current_claim_changed(self, claim_id: int | None) -> None:
        self.view.set_current_claim(claim_id)

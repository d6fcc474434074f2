"""The article on screen: its text, claims, labels and the current claim, kept fresh.

One ``OpenArticle`` is shared by the article view, the claims panel and the status
bar: it asks the services once per change (not once per panel) and tells the panels
through Qt signals. It listens on the services' change bus and reloads only when a
``Changes`` record touches this article, its claims, their links or the labels.

A large article is read in the background (``article_loader``): ``begin_loading`` marks
it (``loading``, ``loadingChanged``) while the article on screen stays; the changes that
arrive meanwhile are held and replayed once ``finish_loading`` has put it on screen, and
a newer ``begin_loading`` or ``cancel_loading`` makes an older result stale.
"""

from __future__ import annotations

from bisect import bisect_left
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal

from workbench.domain import Article, Changes, Claim, Label, NotFoundError

if TYPE_CHECKING:
    from workbench.services import Services


MAX_PATCHED = 50
"""A change naming more claims than this reloads them all (one query beats many)."""
FEED_CLAIMS = 250
"""Claims of an article loaded in the background handed to the panels per turn of the
event loop (the claims table builds ~30 us of row per claim: 1,000 at once kept the GUI
thread ~30 ms on top of everything else the article's arrival costs)."""


class OpenArticle(QObject):
    articleChanged = Signal()
    """Another article (or none) is open; claims and labels were reloaded too."""
    claimsChanged = Signal()
    """The claims of the open article changed (added, removed, edited, evidence)."""
    labelsChanged = Signal()
    currentClaimChanged = Signal(object)
    """The claim the user is working on (``int`` id or ``None``)."""
    loadingChanged = Signal(bool)
    """An article started (True) or stopped (False) loading in the background."""

    def __init__(self, services: Services, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._services = services
        self.article: Article | None = None
        self.claims: list[Claim] = []
        self.labels: list[Label] = []
        self._labels_by_id: dict[int, Label] = {}
        self._by_id: dict[int, Claim] = {}
        self._counts: dict[int, int] | None = None
        self._keys: list[tuple[int, int, int]] = []
        """``_position`` of each claim in ``claims`` (bisected when a change is patched)."""
        self.current_claim_id: int | None = None
        self.patch: frozenset[int] | None = None
        """The claim ids the last ``claimsChanged`` is about (None: maybe all of them)..."""
        self.patch_base: list[Claim] | None = None
        """...and the ``claims`` list that change was made to (it is replaced, not edited)."""
        self.loading_id: int | None = None
        """The article being read in the background, if any."""
        self._load_token = 0
        self._held: list[Changes] = []
        self._feed: list[Claim] | None = None
        """All the claims of the article that arrived, while they are handed out."""
        self._feed_keys: list[tuple[int, int, int]] = []
        self._fed: list[Claim] = []
        """The list handed out last (another list in ``claims`` means a change reloaded them)."""
        self._feed_timer = QTimer(self, singleShot=True, interval=0)
        self._feed_timer.timeout.connect(self._on_feed)
        self._load_labels()
        services.bus.subscribe(self._on_changes)
        services.bus.subscribe(self._hold_changes)

    # --- queries ----------------------------------------------------------------------

    @property
    def article_id(self) -> int | None:
        return self.article.id if self.article is not None else None

    def claim(self, claim_id: int) -> Claim | None:
        return self._by_id.get(claim_id)

    def label(self, label_id: int) -> Label | None:
        return self._labels_by_id.get(label_id)

    def label_of(self, claim: Claim) -> Label | None:
        return self._labels_by_id.get(claim.label_id)

    @property
    def loading(self) -> bool:
        return self.loading_id is not None

    def number(self, claim_id: int) -> int:
        """The claim's number in reading order (1 for the first claim in the text).

        Found by bisection rather than kept in a dict: a tag near the top renumbers every
        claim after it, and only the few on screen are asked."""
        claim = self._by_id.get(claim_id)
        return 0 if claim is None else bisect_left(self._keys, _position(claim)) + 1

    def counts_by_label(self) -> dict[int, int]:
        """Claims per label id (counted once per change: several panels ask)."""
        if self._counts is None:
            counts = {label.id: 0 for label in self.labels}
            for claim in self.claims:
                counts[claim.label_id] = counts.get(claim.label_id, 0) + 1
            self._counts = counts
        return dict(self._counts)

    # --- changes ----------------------------------------------------------------------

    def open(self, article_id: int | None) -> None:
        """Show another article (``None`` for none); raises NotFoundError if it is gone."""
        article = self._services.articles.get(article_id) if article_id is not None else None
        self.article = article
        self.current_claim_id = None
        self._load_claims()
        self.articleChanged.emit()
        self.currentClaimChanged.emit(None)

    def set_current_claim(self, claim_id: int | None) -> None:
        if claim_id is not None and claim_id not in self._by_id:
            claim_id = None
        if claim_id != self.current_claim_id:
            self.current_claim_id = claim_id
            self.currentClaimChanged.emit(claim_id)

    def close(self) -> None:
        self._feed_timer.stop()
        self._feed = None
        self.cancel_loading()
        self._services.bus.unsubscribe(self._on_changes)
        self._services.bus.unsubscribe(self._hold_changes)

    # --- loading in the background ----------------------------------------------------

    def begin_loading(self, article_id: int) -> int:
        """An article is being read for this one; returns the token ``finish_loading``
        must bring back (any earlier load is stale from now on)."""
        self._complete_feed()
        self._load_token += 1
        was_loading = self.loading
        self.loading_id, self._held = article_id, []
        if not was_loading:
            self.loadingChanged.emit(True)
        return self._load_token

    def is_current_load(self, token: int) -> bool:
        return self.loading and token == self._load_token and self._feed is None

    def finish_loading(self, token: int, article: Article, claims: list[Claim]) -> bool:
        """Show an article read in the background (claims in reading order, as the
        service returns them); False, and nothing changes, if the load is stale.

        The article comes first (``articleChanged`` with no claims yet), then its claims
        ``FEED_CLAIMS`` at a time (``claimsChanged``), each on its own turn of the event
        loop; ``loading`` stays True until the last, then the changes held meanwhile are
        replayed and ``loadingChanged(False)`` is emitted."""
        if not self.is_current_load(token):
            return False
        self.article = article
        self.current_claim_id = None
        self._set_claims([])
        self._feed, self._feed_keys = claims, [_position(c) for c in claims]
        self._fed = self.claims
        self.articleChanged.emit()
        self.currentClaimChanged.emit(None)
        self._feed_timer.start()
        return True

    def cancel_loading(self) -> None:
        """Forget the load in progress (its result will be ignored)."""
        self._complete_feed()
        if self.loading:
            self._load_token += 1
            self.loading_id, self._held = None, []
            self.loadingChanged.emit(False)

    def _on_feed(self) -> None:
        claims = self._feed
        if claims is None:
            return
        if self.claims is not self._fed:
            self._end_feed()  # a change reloaded the claims meanwhile: they are complete
            return
        upto = min(len(claims), len(self.claims) + FEED_CLAIMS)
        self._set_claims(claims[:upto], self._feed_keys[:upto])
        self._fed = self.claims
        self.claimsChanged.emit()
        if upto < len(claims):
            self._feed_timer.start()
        else:
            self._end_feed()

    def _complete_feed(self) -> None:
        """Hand out the rest of the claims at once (another open cuts the feed short)."""
        if self._feed is None:
            return
        self._feed_timer.stop()
        if len(self.claims) < len(self._feed):
            self._set_claims(self._feed, self._feed_keys)
            self.claimsChanged.emit()
        self._end_feed()

    def _end_feed(self) -> None:
        self._feed, self._feed_keys, self._fed = None, [], []
        held, self._held = self._held, []
        self.loading_id = None
        for changes in held:  # what happened while it was read, now against it
            self._on_changes(changes)
        self.loadingChanged.emit(False)

    def _hold_changes(self, changes: Changes) -> None:
        if self.loading:
            self._held.append(changes)

    def _on_changes(self, changes: Changes) -> None:
        if changes.labels:
            self._load_labels()
            self.labelsChanged.emit()
        article_id = self.article_id
        if article_id is None:
            return
        deleted_maybe = article_id in changes.articles and changes.links
        if deleted_maybe and not self._article_exists(article_id):
            self.open(None)
            return
        mine = article_id in changes.articles or bool(changes.claims & self._by_id.keys())
        if mine or changes.labels or (changes.links and self.claims):
            if changes.labels or not changes.claims or len(changes.claims) > MAX_PATCHED:
                self._load_claims()
            else:
                self._patch_claims(changes.claims, changes.written)
            self.claimsChanged.emit()
            if self.current_claim_id is not None and self.current_claim_id not in self._by_id:
                self.set_current_claim(None)

    def _article_exists(self, article_id: int) -> bool:
        try:
            self._services.articles.get(article_id)
        except NotFoundError:
            return False
        return True

    def _load_labels(self) -> None:
        self.labels = self._services.labels.all()
        self._labels_by_id = {label.id: label for label in self.labels}
        self._counts = None

    def _load_claims(self) -> None:
        aid = self.article_id
        self._set_claims(self._services.claims.for_article(aid) if aid is not None else [])

    def _patch_claims(self, claim_ids: frozenset[int], written: tuple[Claim, ...] = ()) -> None:
        """Re-read only the claims a change names (a long article has thousands), or take
        them as the change wrote them; they leave and enter the sorted list by bisection
        rather than a sort of all claims."""
        fresh = {claim.id: claim for claim in written}
        claims, keys, by_id = list(self.claims), list(self._keys), dict(self._by_id)
        counts = dict(self._counts) if self._counts is not None else None
        for claim_id in claim_ids:
            old = by_id.pop(claim_id, None)
            if old is not None:
                at = bisect_left(keys, _position(old))
                del claims[at], keys[at]
                if counts is not None:
                    counts[old.label_id] -= 1
            claim = fresh.get(claim_id)
            if claim is None:
                try:
                    claim = self._services.claims.get(claim_id)
                except NotFoundError:  # deleted
                    continue
            if claim.article_id == self.article_id:
                at = bisect_left(keys, _position(claim))
                claims.insert(at, claim)
                keys.insert(at, _position(claim))
                by_id[claim.id] = claim
                if counts is not None:
                    counts[claim.label_id] = counts.get(claim.label_id, 0) + 1
        base = self.claims
        self._set_claims(claims, keys, by_id)
        self._counts = counts
        self.patch, self.patch_base = claim_ids, base

    def _set_claims(
        self,
        claims: list[Claim],
        keys: list[tuple[int, int, int]] | None = None,
        by_id: dict[int, Claim] | None = None,
    ) -> None:
        self.claims = claims
        self.patch, self.patch_base = None, None
        self._keys = keys if keys is not None else [_position(c) for c in claims]
        self._by_id = by_id if by_id is not None else {claim.id: claim for claim in claims}
        self._counts = None


def _position(claim: Claim) -> tuple[int, int, int]:
    """A claim's place in reading order."""
    return (claim.span.start, claim.span.end, claim.id)

"""The append-only event log and the change record broadcast after each service call."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from workbench.domain.claims import Claim


@dataclass(frozen=True, slots=True)
class Event:
    id: int
    at: datetime
    actor: str
    action: str
    """e.g. ``claim.create``, ``claim.edit``, ``link.create``."""
    entity: str
    entity_id: int
    article_id: int | None = None
    payload: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Changes:
    """What one service call changed, so each view can decide whether to refresh."""

    articles: frozenset[int] = frozenset()
    claims: frozenset[int] = frozenset()
    notes: frozenset[int] = frozenset()
    labels: bool = False
    links: bool = False
    source: object | None = None
    """Who caused the change (a panel may skip refreshing for its own edits)."""
    written: tuple[Claim, ...] = ()
    """Claims as this call committed them (listeners need not read them back); empty
    for changes seen in the database (a colleague's), where only the ids are known."""

    def __bool__(self) -> bool:
        return bool(self.articles or self.claims or self.notes or self.labels or self.links)


MATCH_OPEN = "\u27e6"
MATCH_CLOSE = "\u27e7"
"""Marks around the matched words in a ``SearchHit.snippet`` (⟦ and ⟧, which news text
does not use, unlike square brackets)."""


@dataclass(frozen=True, slots=True)
class SearchHit:
    kind: str
    """``article``, ``claim`` or ``note``."""
    ref_id: int
    article_id: int | None
    title: str
    snippet: str
    rank: float = 0.0

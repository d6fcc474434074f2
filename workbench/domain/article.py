"""Articles: immutable normalized text with metadata and sentence offsets."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from workbench.domain.span import Span


@dataclass(frozen=True, slots=True)
class Article:
    id: int
    title: str
    text: str
    sentences: tuple[Span, ...] = ()
    byline: str = ""
    outlet: str = ""
    source_url: str = ""
    published: date | None = None
    imported_at: datetime | None = None
    source_format: str = "txt"
    sha256: str = ""
    language: str = ""
    parent_id: int | None = None
    """The revision this one corrects, if any."""
    created_by: str = ""


@dataclass(frozen=True, slots=True)
class ArticleSummary:
    """One row of the article library: no text, just what a list needs."""

    id: int
    title: str
    outlet: str = ""
    published: date | None = None
    imported_at: datetime | None = None
    claim_counts: dict[str, int] = field(default_factory=dict)
    """Label name -> number of claims."""
    parent_id: int | None = None
    """The revision this one corrects, if any (the library marks it)."""

    @property
    def claim_total(self) -> int:
        return sum(self.claim_counts.values())

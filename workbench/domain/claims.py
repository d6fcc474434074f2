"""Claims: a tagged span with its label, claimant, verdict and review status."""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import date, datetime

from workbench.domain.evidence import Link
from workbench.domain.span import Span, TextQuote

VERDICT_SCALE: tuple[str, ...] = (
    "True",
    "Mostly true",
    "Mixed",
    "Mostly false",
    "False",
    "Unproven",
    "Misleading",
)
"""The default verdict scale; a verdict is free text so an organisation may use its own."""


class ClaimStatus(enum.StrEnum):
    OPEN = "open"
    IN_REVIEW = "in review"
    DONE = "done"


@dataclass(frozen=True, slots=True)
class Claim:
    id: int
    article_id: int
    span: Span
    quote: TextQuote
    label_id: int
    verdict: str = ""
    claimant: str = ""
    claim_date: date | None = None
    comment: str = ""
    status: ClaimStatus = ClaimStatus.OPEN
    created_at: datetime | None = None
    created_by: str = ""
    updated_at: datetime | None = None
    updated_by: str = ""
    version: int = 1
    orphaned: bool = False
    """True when re-anchoring onto a new revision could not place the claim."""
    evidence_count: int = 0


@dataclass(frozen=True, slots=True)
class ClaimFields:
    """The user-editable fields of a claim; ``None`` in an edit means "leave as is"."""

    label_id: int | None = None
    verdict: str | None = None
    claimant: str | None = None
    claim_date: date | None = None
    comment: str | None = None
    status: ClaimStatus | None = None
    clear_claim_date: bool = False


@dataclass(frozen=True, slots=True)
class ClaimSnapshot:
    """A deleted claim with its evidence links, enough to restore it exactly (undo)."""

    claim: Claim
    links: tuple[Link, ...] = ()

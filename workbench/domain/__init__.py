"""Frozen domain objects and enums; the standard library only (no Qt, no SQLAlchemy)."""

from workbench.domain.article import Article, ArticleSummary
from workbench.domain.claims import (
    VERDICT_SCALE,
    Claim,
    ClaimFields,
    ClaimSnapshot,
    ClaimStatus,
)
from workbench.domain.errors import ConflictError, NotFoundError, UserError
from workbench.domain.events import Changes, Event, SearchHit
from workbench.domain.evidence import (
    Attachment,
    EvidenceNote,
    Link,
    LinkedNote,
    NoteFields,
    NoteSnapshot,
    NoteUsage,
    Stance,
)
from workbench.domain.labels import ALLEGATION, BUILTIN_LABELS, CONFIRMED, Label, LabelSpec, Rating
from workbench.domain.span import QUOTE_CONTEXT, Span, TextQuote

__all__ = [
    "ALLEGATION",
    "BUILTIN_LABELS",
    "CONFIRMED",
    "QUOTE_CONTEXT",
    "VERDICT_SCALE",
    "Article",
    "ArticleSummary",
    "Attachment",
    "Changes",
    "Claim",
    "ClaimFields",
    "ClaimSnapshot",
    "ClaimStatus",
    "ConflictError",
    "Event",
    "EvidenceNote",
    "Label",
    "LabelSpec",
    "Link",
    "LinkedNote",
    "NotFoundError",
    "NoteFields",
    "NoteSnapshot",
    "NoteUsage",
    "Rating",
    "SearchHit",
    "Span",
    "Stance",
    "TextQuote",
    "UserError",
]

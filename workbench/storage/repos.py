"""Queries that take a Session, and the conversion of rows into frozen domain objects."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime
from typing import Any, TypeVar

from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from workbench.domain import (
    Article,
    ArticleSummary,
    Attachment,
    Claim,
    ClaimStatus,
    Event,
    EvidenceNote,
    Label,
    Link,
    NotFoundError,
    Rating,
    Span,
    Stance,
    TextQuote,
)
from workbench.storage.db import WRITTEN_EVENTS
from workbench.storage.models import (
    ArticleRow,
    AttachmentRow,
    ClaimRow,
    EventRow,
    LabelRow,
    LinkRow,
    NoteRow,
    utcnow,
)

RowT = TypeVar("RowT")

# --- rows -> domain -------------------------------------------------------------


def to_article(row: ArticleRow) -> Article:
    return Article(
        id=row.id,
        title=row.title,
        text=row.text,
        sentences=tuple(Span(s, e) for s, e in row.sentences),
        byline=row.byline,
        outlet=row.outlet,
        source_url=row.source_url,
        published=row.published,
        imported_at=row.imported_at,
        source_format=row.source_format,
        sha256=row.sha256,
        language=row.language,
        parent_id=row.parent_id,
        created_by=row.created_by,
    )


def to_label(row: LabelRow) -> Label:
    rating = None
    if row.rating_name:
        rating = Rating(row.rating_name, row.rating_value, row.rating_best, row.rating_worst)
    return Label(
        id=row.id,
        name=row.name,
        color=row.color,
        shortcut=row.shortcut,
        builtin=row.builtin,
        rating=rating,
        position=row.position,
    )


def to_claim(row: ClaimRow, *, evidence_count: int = 0) -> Claim:
    return Claim(
        id=row.id,
        article_id=row.article_id,
        span=Span(row.start_offset, row.end_offset),
        quote=TextQuote(row.exact, row.prefix, row.suffix),
        label_id=row.label_id,
        verdict=row.verdict,
        claimant=row.claimant,
        claim_date=row.claim_date,
        comment=row.comment,
        status=ClaimStatus(row.status),
        created_at=row.created_at,
        created_by=row.created_by,
        updated_at=row.updated_at,
        updated_by=row.updated_by,
        version=row.version,
        orphaned=row.orphaned,
        evidence_count=evidence_count,
    )


def to_attachment(row: AttachmentRow) -> Attachment:
    return Attachment(row.id, row.note_id, row.file_name, row.sha256, row.size, row.media_type)


def to_note(row: NoteRow) -> EvidenceNote:
    return EvidenceNote(
        id=row.id,
        title=row.title,
        body=row.body,
        source_url=row.source_url,
        source_title=row.source_title,
        accessed_at=row.accessed_at,
        reliability=row.reliability,
        attachments=tuple(to_attachment(a) for a in row.attachments),
        created_at=row.created_at,
        created_by=row.created_by,
        updated_at=row.updated_at,
        updated_by=row.updated_by,
        version=row.version,
    )


def to_link(row: LinkRow) -> Link:
    return Link(row.claim_id, row.note_id, Stance(row.stance), row.created_by, row.created_at)


def to_event(row: EventRow) -> Event:
    return Event(
        row.id,
        row.at,
        row.actor,
        row.action,
        row.entity,
        row.entity_id,
        row.article_id,
        dict(row.payload or {}),
    )


# --- lookups ----------------------------------------------------------------------


def get_row(session: Session, model: type[RowT], key: Any, what: str) -> RowT:
    row = session.get(model, key)
    if row is None:
        raise NotFoundError(f"There is no {what} with id {key}.")
    return row


def article_summaries(session: Session, *, title_filter: str = "") -> list[ArticleSummary]:
    stmt = select(
        ArticleRow.id,
        ArticleRow.title,
        ArticleRow.outlet,
        ArticleRow.published,
        ArticleRow.imported_at,
        ArticleRow.parent_id,
    ).order_by(ArticleRow.imported_at.desc(), ArticleRow.id.desc())
    if title_filter:
        pattern = f"%{title_filter}%"
        stmt = stmt.where(ArticleRow.title.ilike(pattern) | ArticleRow.outlet.ilike(pattern))
    rows = session.execute(stmt).all()
    counts: dict[int, dict[str, int]] = {}
    count_stmt = (
        select(ClaimRow.article_id, LabelRow.name, func.count(ClaimRow.id))
        .join(LabelRow, LabelRow.id == ClaimRow.label_id)
        .group_by(ClaimRow.article_id, LabelRow.name)
    )
    for article_id, label_name, n in session.execute(count_stmt):
        counts.setdefault(article_id, {})[label_name] = n
    return [
        ArticleSummary(
            r.id, r.title, r.outlet, r.published, r.imported_at, counts.get(r.id, {}), r.parent_id
        )
        for r in rows
    ]


def evidence_counts(session: Session, claim_ids: Iterable[int]) -> dict[int, int]:
    ids = list(claim_ids)
    if not ids:
        return {}
    stmt = (
        select(LinkRow.claim_id, func.count())
        .where(LinkRow.claim_id.in_(ids))
        .group_by(LinkRow.claim_id)
    )
    return {claim_id: n for claim_id, n in session.execute(stmt)}


def text_window(
    session: Session, article_id: int, start: int, end: int, *, context: int
) -> tuple[str, int]:
    """``text[start - context : end + context]`` (shorter at the article's ends) and the
    offset it starts at.

    Reads a few hundred characters instead of the whole text (SQLite and PostgreSQL
    both count ``substr`` in characters, as Python does). Whether ``end`` lies inside the
    article shows in the window's length; asking ``length(text)`` as well would count
    every character of a long article on each tag.
    """
    low = max(0, start - context)
    window = session.scalar(
        select(func.coalesce(func.substr(ArticleRow.text, low + 1, end + context - low), "")).where(
            ArticleRow.id == article_id
        )
    )
    if window is None:
        raise NotFoundError(f"There is no article with id {article_id}.")
    return str(window), low


def claims_of_article(session: Session, article_id: int) -> list[Claim]:
    rows = session.scalars(
        select(ClaimRow)
        .where(ClaimRow.article_id == article_id)
        .order_by(ClaimRow.start_offset, ClaimRow.end_offset, ClaimRow.id)
    ).all()
    counts = evidence_counts_for_article(session, article_id)
    return [to_claim(r, evidence_count=counts.get(r.id, 0)) for r in rows]


def evidence_counts_for_article(session: Session, article_id: int) -> dict[int, int]:
    stmt = (
        select(LinkRow.claim_id, func.count())
        .join(ClaimRow, ClaimRow.id == LinkRow.claim_id)
        .where(ClaimRow.article_id == article_id)
        .group_by(LinkRow.claim_id)
    )
    return {claim_id: n for claim_id, n in session.execute(stmt)}


def claim(session: Session, claim_id: int) -> Claim:
    row = get_row(session, ClaimRow, claim_id, "claim")
    return to_claim(row, evidence_count=evidence_counts(session, [claim_id]).get(claim_id, 0))


def note_row(session: Session, note_id: int) -> NoteRow:
    row = session.scalar(
        select(NoteRow).where(NoteRow.id == note_id).options(selectinload(NoteRow.attachments))
    )
    if row is None:
        raise NotFoundError(f"There is no evidence note with id {note_id}.")
    return row


def links_of_claim(session: Session, claim_id: int) -> Sequence[LinkRow]:
    return session.scalars(
        select(LinkRow)
        .where(LinkRow.claim_id == claim_id)
        .options(selectinload(LinkRow.note).selectinload(NoteRow.attachments))
        .order_by(LinkRow.created_at, LinkRow.note_id)
    ).all()


def labels(session: Session) -> list[Label]:
    rows = session.scalars(select(LabelRow).order_by(LabelRow.position, LabelRow.id)).all()
    return [to_label(r) for r in rows]


def label_by_name(session: Session, name: str) -> LabelRow | None:
    return session.scalar(select(LabelRow).where(func.lower(LabelRow.name) == name.lower()))


# --- the event log ----------------------------------------------------------------


def log_event(
    session: Session,
    *,
    actor: str,
    action: str,
    entity: str,
    entity_id: int,
    article_id: int | None = None,
    payload: dict[str, Any] | None = None,
    at: datetime | None = None,
) -> None:
    row = EventRow(
        at=at or utcnow(),
        actor=actor,
        action=action,
        entity=entity,
        entity_id=entity_id,
        article_id=article_id,
        payload=payload or {},
    )
    session.add(row)
    session.info.setdefault(WRITTEN_EVENTS, []).append(row)


def events_for(session: Session, *, entity: str, entity_id: int) -> list[Event]:
    rows = session.scalars(
        select(EventRow)
        .where(EventRow.entity == entity, EventRow.entity_id == entity_id)
        .order_by(EventRow.id)
    ).all()
    return [to_event(r) for r in rows]

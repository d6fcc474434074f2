"""Use cases on claims: tag a span, retag, edit, delete and restore (for undo), list."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from workbench.domain import (
    QUOTE_CONTEXT,
    Changes,
    Claim,
    ClaimFields,
    ClaimSnapshot,
    ConflictError,
    Event,
    Span,
    TextQuote,
    UserError,
)
from workbench.services.context import ServiceContext
from workbench.services.values import storable
from workbench.storage import repos, search
from workbench.storage.models import ClaimRow, LabelRow, LinkRow, NoteRow, utcnow
from workbench.text import quote_for


class ClaimService:
    def __init__(self, ctx: ServiceContext) -> None:
        self._ctx = ctx

    # --- queries --------------------------------------------------------------------

    def for_article(self, article_id: int) -> list[Claim]:
        with self._ctx.db.read() as s:
            return repos.claims_of_article(s, article_id)

    def get(self, claim_id: int) -> Claim:
        with self._ctx.db.read() as s:
            return repos.claim(s, claim_id)

    def history(self, claim_id: int) -> list[Event]:
        with self._ctx.db.read() as s:
            return repos.events_for(s, entity="claim", entity_id=claim_id)

    # --- changes --------------------------------------------------------------------

    def tag(
        self, article_id: int, span: Span, label_id: int, fields: ClaimFields | None = None
    ) -> Claim:
        return self.tag_many(article_id, [span], label_id, fields)[0]

    def tag_many(
        self,
        article_id: int,
        spans: Sequence[Span],
        label_id: int,
        fields: ClaimFields | None = None,
    ) -> list[Claim]:
        """Create one claim per span in one transaction (several sentences tagged at once)."""
        if not spans:
            raise UserError("Select some text to tag first.")
        with self._ctx.db.write() as s:
            repos.get_row(s, LabelRow, label_id, "label")
            rows = [self._new_claim(s, article_id, span, label_id, fields) for span in spans]
            s.flush()
            for row in rows:
                index_claim(s, row)
                self._log(s, "claim.create", row, fields_payload(row))
            claims = [repos.to_claim(r) for r in rows]
        self._publish(claims, article_id)
        return claims

    def move(self, claim_id: int, span: Span) -> Claim:
        """Put a claim on other words of its article (placing an orphan by hand, or undo)."""
        with self._ctx.db.write() as s:
            row = repos.get_row(s, ClaimRow, claim_id, "claim")
            quote = _quote_at(
                s, row.article_id, span, "Select the words this claim is about in the article."
            )
            before = {"start": row.start_offset, "end": row.end_offset, "orphaned": row.orphaned}
            row.start_offset, row.end_offset = span.start, span.end
            row.exact, row.prefix, row.suffix = quote.exact, quote.prefix, quote.suffix
            row.orphaned = False
            row.updated_at, row.updated_by = utcnow(), self._ctx.actor
            s.flush()
            index_claim(s, row)
            self._log(
                s, "claim.move", row, {"before": before, "start": span.start, "end": span.end}
            )
            claim = repos.claim(s, row.id)
        self._publish([claim], claim.article_id)
        return claim

    def retag(self, claim_id: int, label_id: int) -> Claim:
        return self.edit(claim_id, ClaimFields(label_id=label_id))

    def edit(
        self, claim_id: int, fields: ClaimFields, *, expected_version: int | None = None
    ) -> Claim:
        """Change a claim's fields. With ``expected_version``, refuse if someone else was first."""
        try:
            with self._ctx.db.write() as s:
                row = repos.get_row(s, ClaimRow, claim_id, "claim")
                if expected_version is not None and row.version != expected_version:
                    raise ConflictError(
                        f"Claim {claim_id} was changed by {row.updated_by or 'someone else'} "
                        "since you opened it.",
                        current=repos.to_claim(row),
                    )
                if fields.label_id is not None:
                    repos.get_row(s, LabelRow, fields.label_id, "label")
                before = fields_payload(row)
                _apply(row, fields)
                row.updated_at, row.updated_by = utcnow(), self._ctx.actor
                s.flush()
                after = fields_payload(row)
                changed = {k: [before[k], after[k]] for k in after if before[k] != after[k]}
                index_claim(s, row)
                self._log(s, "claim.edit", row, changed)
                claim = repos.claim(s, row.id)
        except StaleDataError:
            raise ConflictError(
                f"Claim {claim_id} was changed by someone else at the same moment.",
                current=self.get(claim_id),
            ) from None
        self._publish([claim], claim.article_id)
        return claim

    def delete(self, claim_id: int) -> ClaimSnapshot:
        with self._ctx.db.write() as s:
            row = repos.get_row(s, ClaimRow, claim_id, "claim")
            snapshot = ClaimSnapshot(
                repos.to_claim(row), tuple(repos.to_link(link) for link in row.links)
            )
            search.remove(s, kind="claim", ref_ids=[row.id])
            self._log(s, "claim.delete", row, fields_payload(row))
            s.delete(row)
        self._publish([snapshot.claim], snapshot.claim.article_id, written=False)
        return snapshot

    def restore(self, snapshot: ClaimSnapshot) -> Claim:
        """Put a deleted claim back with its id and links (undo of delete)."""
        c = snapshot.claim
        with self._ctx.db.write() as s:
            row = ClaimRow(
                id=c.id,
                article_id=c.article_id,
                start_offset=c.span.start,
                end_offset=c.span.end,
                exact=c.quote.exact,
                prefix=c.quote.prefix,
                suffix=c.quote.suffix,
                label_id=c.label_id,
                verdict=c.verdict,
                claimant=c.claimant,
                claim_date=c.claim_date,
                comment=c.comment,
                status=c.status.value,
                orphaned=c.orphaned,
                created_at=c.created_at,
                created_by=c.created_by,
                updated_at=utcnow(),
                updated_by=self._ctx.actor,
            )
            s.add(row)
            s.flush()
            for link in snapshot.links:
                if s.get(NoteRow, link.note_id) is not None:
                    s.add(
                        LinkRow(
                            claim_id=c.id,
                            note_id=link.note_id,
                            stance=link.stance.value,
                            created_at=link.created_at,
                            created_by=link.created_by,
                        )
                    )
            s.flush()
            index_claim(s, row)
            self._log(s, "claim.restore", row, fields_payload(row))
            claim = repos.claim(s, row.id)
        self._ctx.bus.publish(
            Changes(articles=frozenset({c.article_id}), claims=frozenset({c.id}), links=True)
        )
        return claim

    # --- helpers --------------------------------------------------------------------

    def _new_claim(
        self,
        s: Session,
        article_id: int,
        span: Span,
        label_id: int,
        fields: ClaimFields | None,
    ) -> ClaimRow:
        quote = _quote_at(
            s, article_id, span, "The selection is empty or outside the article; select some words."
        )
        now = utcnow()
        row = ClaimRow(
            article_id=article_id,
            start_offset=span.start,
            end_offset=span.end,
            exact=quote.exact,
            prefix=quote.prefix,
            suffix=quote.suffix,
            label_id=label_id,
            created_at=now,
            created_by=self._ctx.actor,
            updated_at=now,
            updated_by=self._ctx.actor,
        )
        if fields is not None:
            _apply(row, fields)
        s.add(row)
        return row

    def _log(self, s: Session, action: str, row: ClaimRow, payload: dict[str, Any]) -> None:
        repos.log_event(
            s,
            actor=self._ctx.actor,
            action=action,
            entity="claim",
            entity_id=row.id,
            article_id=row.article_id,
            payload=payload,
        )

    def _publish(self, claims: Sequence[Claim], article_id: int, *, written: bool = True) -> None:
        self._ctx.bus.publish(
            Changes(
                articles=frozenset({article_id}),
                claims=frozenset(c.id for c in claims),
                written=tuple(claims) if written else (),
            )
        )


def index_claim(s: Session, row: ClaimRow) -> None:
    """Keep the claim's full-text document in step with the row."""
    body = "\n".join(x for x in (row.exact, row.claimant, row.verdict, row.comment) if x)
    search.upsert(
        s, kind="claim", ref_id=row.id, article_id=row.article_id, title=row.exact, body=body
    )


def _apply(row: ClaimRow, fields: ClaimFields) -> None:
    if fields.label_id is not None:
        row.label_id = fields.label_id
    if fields.verdict is not None:
        row.verdict = storable(fields.verdict).strip()[:100]
    if fields.claimant is not None:
        row.claimant = storable(fields.claimant).strip()[:300]
    if fields.comment is not None:
        row.comment = storable(fields.comment)
    if fields.status is not None:
        row.status = fields.status.value
    if fields.claim_date is not None:
        row.claim_date = fields.claim_date
    elif fields.clear_claim_date:
        row.claim_date = None


def fields_payload(row: ClaimRow) -> dict[str, Any]:
    return {
        "label_id": row.label_id,
        "verdict": row.verdict,
        "claimant": row.claimant,
        "claim_date": row.claim_date.isoformat() if row.claim_date else None,
        "comment": row.comment,
        "status": row.status,
        "start": row.start_offset,
        "end": row.end_offset,
        "exact": row.exact,
    }


def _quote_at(s: Session, article_id: int, span: Span, refusal: str) -> TextQuote:
    """The quote of ``span`` with its context; ``refusal`` if the span is empty or past the
    article's end. Only the quote and its context are read, not the whole article: tagging
    stays as quick in a 300-page report as in a wire story."""
    window, offset = repos.text_window(s, article_id, span.start, span.end, context=QUOTE_CONTEXT)
    local = Span(span.start - offset, span.end - offset)
    if local.end > len(window) or not window[local.start : local.end].strip():
        raise UserError(refusal)
    return quote_for(window, local)

"""A corrected article becomes a new revision; its claims move over by re-anchoring.

The old revision stays as it was. Each claim is copied onto the new text where its
quote is found (same place, exact quote elsewhere, or a close fuzzy match); the
ones that cannot be placed are copied as orphans (``orphaned=True``, an empty span,
the old quote kept) so the user sees them and decides. Nothing is dropped. Evidence
links are copied with each claim. All of it is one transaction.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from workbench import importers
from workbench.domain import Article, Changes, Claim, Span
from workbench.importers.base import ImportedArticle, Progress, ShouldCancel
from workbench.services.articles import ArticleService
from workbench.services.claims import fields_payload, index_claim
from workbench.services.context import ServiceContext
from workbench.storage import repos
from workbench.storage.models import ClaimRow, LinkRow, utcnow
from workbench.text import quote_for, reanchor_all


@dataclass(frozen=True, slots=True)
class RevisionResult:
    article: Article
    placed: tuple[Claim, ...]
    orphans: tuple[Claim, ...]


class RevisionService:
    def __init__(self, ctx: ServiceContext, articles: ArticleService) -> None:
        self._ctx = ctx
        self._articles = articles

    def import_revision(
        self,
        parent_id: int,
        path: Path,
        *,
        progress: Progress | None = None,
        should_cancel: ShouldCancel | None = None,
    ) -> RevisionResult:
        imported = importers.read_file(path, progress=progress, should_cancel=should_cancel)
        return self.add_revision(parent_id, imported)

    def add_revision(self, parent_id: int, imported: ImportedArticle) -> RevisionResult:
        old = self._articles.get(parent_id)
        prepared = self._articles.prepare(imported)
        old_claims = self._claim_rows(parent_id)
        spans = reanchor_all([(c.quote, c.span) for c in old_claims], imported.text)
        with self._ctx.db.write() as s:
            row = self._articles.insert(
                s,
                prepared,
                title=imported.title or old.title,
                source_url=imported.source_url or old.source_url,
                parent_id=parent_id,
            )
            new_rows = [
                self._carry(s, claim, span, row.id, imported.text)
                for claim, span in zip(old_claims, spans, strict=True)
            ]
            s.flush()
            for old_claim, new_row in zip(old_claims, new_rows, strict=True):
                self._copy_links(s, old_claim.id, new_row.id)
            s.flush()
            counts = repos.evidence_counts(s, [r.id for r in new_rows])
            carried = [repos.to_claim(r, evidence_count=counts.get(r.id, 0)) for r in new_rows]
            article = repos.to_article(row)
        self._ctx.bus.publish(
            Changes(
                articles=frozenset({article.id}),
                claims=frozenset(c.id for c in carried),
                links=True,
            )
        )
        return RevisionResult(
            article,
            tuple(c for c in carried if not c.orphaned),
            tuple(c for c in carried if c.orphaned),
        )

    def _claim_rows(self, article_id: int) -> list[Claim]:
        with self._ctx.db.read() as s:
            return repos.claims_of_article(s, article_id)

    def _carry(
        self, s: Session, old: Claim, span: Span | None, article_id: int, text: str
    ) -> ClaimRow:
        quote = quote_for(text, span) if span is not None else old.quote
        row = ClaimRow(
            article_id=article_id,
            start_offset=span.start if span is not None else 0,
            end_offset=span.end if span is not None else 0,
            exact=quote.exact,
            prefix=quote.prefix,
            suffix=quote.suffix,
            label_id=old.label_id,
            verdict=old.verdict,
            claimant=old.claimant,
            claim_date=old.claim_date,
            comment=old.comment,
            status=old.status.value,
            orphaned=span is None,
            created_at=old.created_at,
            created_by=old.created_by,
            updated_at=utcnow(),
            updated_by=self._ctx.actor,
        )
        s.add(row)
        s.flush()
        index_claim(s, row)
        repos.log_event(
            s,
            actor=self._ctx.actor,
            action="claim.orphan" if span is None else "claim.carry",
            entity="claim",
            entity_id=row.id,
            article_id=article_id,
            payload={"from_claim": old.id, **fields_payload(row)},
        )
        return row

    def _copy_links(self, s: Session, old_claim_id: int, new_claim_id: int) -> None:
        for link in s.scalars(select(LinkRow).where(LinkRow.claim_id == old_claim_id)).all():
            s.add(
                LinkRow(
                    claim_id=new_claim_id,
                    note_id=link.note_id,
                    stance=link.stance,
                    created_at=link.created_at,
                    created_by=link.created_by,
                )
            )

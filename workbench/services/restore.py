"""Restoring a JSON dump (``export.jsondump``) into this database with fresh ids.

One session, so a restore is all or nothing. Labels are matched by name (case-insensitive)
and created when missing; the article, notes with their attachments' metadata, claims,
links and the event history are written as they were (authors, timestamps, edit
counters), with every id, including those inside event payloads, mapped to the new ones.
The search index gets the same text as the services give it.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from workbench.export.model import ArticleData, safe_color
from workbench.services.values import storable
from workbench.storage import repos, search
from workbench.storage.models import (
    ArticleRow,
    AttachmentRow,
    ClaimRow,
    LabelRow,
    LinkRow,
    NoteRow,
)

_ID_KEYS = {"claim_id": "claim", "note_id": "note", "label_id": "label", "claims": "claim"}
"""Event payload keys that hold ids, and what they are ids of."""


def restore_article(s: Session, data: ArticleData) -> dict[str, dict[int, int]]:
    """Write ``data`` into ``s``; returns old -> new ids per kind (article, claim, ...)."""
    return _Restore(s, data).run()


class _Restore:
    """Writes an ArticleData into one session; ``ids`` maps old -> new."""

    def __init__(self, s: Session, data: ArticleData) -> None:
        self.s, self.data = s, data
        self.ids: dict[str, dict[int, int]] = {"article": {}, "claim": {}, "note": {}, "label": {}}

    def run(self) -> dict[str, dict[int, int]]:
        self._labels()
        self._article()
        self._notes()
        self._claims()
        self._links()
        self._events()
        return self.ids

    def _labels(self) -> None:
        taken = set(self.s.scalars(select(LabelRow.shortcut)))
        position = self.s.scalar(select(func.max(LabelRow.position))) or 0
        for label in self.data.labels:
            row = repos.label_by_name(self.s, label.name)
            if row is None:
                position += 1
                r = label.rating
                row = LabelRow(
                    name=storable(label.name.strip())[:100],
                    color=safe_color(label.color),
                    shortcut="" if label.shortcut in taken else label.shortcut,
                    builtin=False,
                    position=position,
                    rating_name=r.alternate_name if r else None,
                    rating_value=r.value if r else None,
                    rating_best=r.best if r else None,
                    rating_worst=r.worst if r else None,
                )
                self.s.add(row)
                self.s.flush()
            self.ids["label"][label.id] = row.id

    def _article(self) -> None:
        a = self.data.article
        row = ArticleRow(
            title=storable(a.title)[:500],
            byline=storable(a.byline)[:500],
            outlet=storable(a.outlet)[:300],
            source_url=storable(a.source_url),
            published=a.published,
            imported_at=a.imported_at or datetime.now(UTC),
            source_format=a.source_format[:16],
            file_name=storable(self.data.file_name)[:500],
            sha256=a.sha256,
            text=storable(a.text),
            language=a.language[:16],
            sentences=[[sp.start, sp.end] for sp in a.sentences],
            created_by=a.created_by,
        )
        self.s.add(row)
        self.s.flush()
        self.ids["article"][a.id] = row.id
        _index(self.s, "article", row.id, row.id, row.title, row.text)

    def _notes(self) -> None:
        for n in self.data.notes:
            row = NoteRow(
                title=storable(n.title)[:500],
                body=storable(n.body),
                source_url=storable(n.source_url),
                source_title=storable(n.source_title)[:500],
                accessed_at=n.accessed_at,
                reliability=n.reliability,
                created_at=n.created_at,
                created_by=n.created_by,
                updated_at=n.updated_at,
                updated_by=n.updated_by,
            )
            row.attachments = [
                AttachmentRow(
                    file_name=x.file_name, sha256=x.sha256, size=x.size, media_type=x.media_type
                )
                for x in n.attachments
            ]
            self.s.add(row)
            self.s.flush()
            self.ids["note"][n.id] = row.id
            self._set_version(NoteRow, row.id, n.version)
            body = "\n".join(x for x in (row.body, row.source_title, row.source_url) if x)
            _index(self.s, "note", row.id, None, row.title, body)

    def _claims(self) -> None:
        article_id = self.ids["article"][self.data.article.id]
        for c in self.data.claims:
            row = ClaimRow(
                article_id=article_id,
                start_offset=c.span.start,
                end_offset=c.span.end,
                exact=storable(c.quote.exact),
                prefix=storable(c.quote.prefix),
                suffix=storable(c.quote.suffix),
                label_id=self.ids["label"][c.label_id],
                verdict=storable(c.verdict)[:100],
                claimant=storable(c.claimant)[:300],
                claim_date=c.claim_date,
                comment=storable(c.comment),
                status=c.status.value,
                orphaned=c.orphaned,
                created_at=c.created_at,
                created_by=c.created_by,
                updated_at=c.updated_at,
                updated_by=c.updated_by,
            )
            self.s.add(row)
            self.s.flush()
            self.ids["claim"][c.id] = row.id
            self._set_version(ClaimRow, row.id, c.version)
            body = "\n".join(x for x in (row.exact, row.claimant, row.verdict, row.comment) if x)
            _index(self.s, "claim", row.id, article_id, row.exact, body)

    def _links(self) -> None:
        for link in self.data.links:
            self.s.add(
                LinkRow(
                    claim_id=self.ids["claim"][link.claim_id],
                    note_id=self.ids["note"][link.note_id],
                    stance=link.stance.value,
                    created_at=link.created_at,
                    created_by=link.created_by,
                )
            )
        self.s.flush()

    def _events(self) -> None:
        old_article = self.data.article.id
        new_article = self.ids["article"][old_article]
        for e in self.data.events:
            entity_id = self.ids.get(e.entity, {}).get(e.entity_id)
            payload = {k: self._remap(k, v) for k, v in e.payload.items()}
            if entity_id is None:  # a record that no longer exists: keep where it came from
                payload.setdefault("source_entity_id", e.entity_id)
                entity_id = 0
            repos.log_event(
                self.s,
                actor=e.actor,
                action=e.action,
                entity=e.entity,
                entity_id=entity_id,
                article_id=new_article if e.article_id == old_article else None,
                payload=payload,
                at=e.at,
            )

    def _remap(self, key: str, value: Any) -> Any:
        table = self.ids.get(_ID_KEYS.get(key, ""))
        if table is None:
            return value
        if isinstance(value, list):
            return [table.get(v, v) if isinstance(v, int) else v for v in value]
        return table.get(value, value) if isinstance(value, int) else value

    def _set_version(
        self, model: type[ClaimRow] | type[NoteRow], row_id: int, version: int
    ) -> None:
        """Keep the edit counter (the ORM starts every new row at 1)."""
        if version != 1:
            self.s.execute(update(model).where(model.id == row_id).values(version=version))


def _index(
    s: Session, kind: str, ref_id: int, article_id: int | None, title: str, body: str
) -> None:
    search.upsert(s, kind=kind, ref_id=ref_id, article_id=article_id, title=title, body=body)

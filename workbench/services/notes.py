"""Use cases on evidence notes: create, edit, delete/restore, attach files, link to claims."""

from __future__ import annotations

import mimetypes
from pathlib import Path
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload
from sqlalchemy.orm.exc import StaleDataError

from workbench.domain import (
    Attachment,
    Changes,
    ConflictError,
    EvidenceNote,
    Link,
    LinkedNote,
    NoteFields,
    NoteSnapshot,
    NoteUsage,
    Stance,
    UserError,
)
from workbench.services.context import ServiceContext
from workbench.services.values import storable
from workbench.storage import repos, search
from workbench.storage.models import AttachmentRow, ClaimRow, LinkRow, NoteRow, utcnow

MAX_ATTACHMENT_BYTES = 100 * 1024 * 1024


class NoteService:
    def __init__(self, ctx: ServiceContext) -> None:
        self._ctx = ctx

    # --- queries --------------------------------------------------------------------

    def get(self, note_id: int) -> EvidenceNote:
        with self._ctx.db.read() as s:
            return repos.to_note(repos.note_row(s, note_id))

    def for_claim(self, claim_id: int) -> list[LinkedNote]:
        with self._ctx.db.read() as s:
            return [
                LinkedNote(repos.to_note(link.note), Stance(link.stance))
                for link in repos.links_of_claim(s, claim_id)
            ]

    def library(self, *, text_filter: str = "") -> list[NoteUsage]:
        """Every note with the claims that use it, newest first."""
        with self._ctx.db.read() as s:
            stmt = (
                select(NoteRow)
                .options(selectinload(NoteRow.attachments), selectinload(NoteRow.links))
                .order_by(NoteRow.updated_at.desc(), NoteRow.id.desc())
            )
            if text_filter:
                pattern = f"%{text_filter}%"
                stmt = stmt.where(
                    NoteRow.title.ilike(pattern)
                    | NoteRow.body.ilike(pattern)
                    | NoteRow.source_url.ilike(pattern)
                    | NoteRow.source_title.ilike(pattern)
                )
            return [
                NoteUsage(repos.to_note(r), tuple(sorted(link.claim_id for link in r.links)))
                for r in s.scalars(stmt).all()
            ]

    def attachment_path(self, attachment: Attachment) -> Path:
        """The file on this machine (fetched from a team database on first use)."""
        return self._ctx.files.local_path(attachment.sha256)

    # --- notes ----------------------------------------------------------------------

    def create(self, fields: NoteFields) -> EvidenceNote:
        if not (fields.title or "").strip():
            raise UserError("An evidence note needs a title.")
        with self._ctx.db.write() as s:
            now = utcnow()
            row = NoteRow(
                title="",
                created_at=now,
                created_by=self._ctx.actor,
                updated_at=now,
                updated_by=self._ctx.actor,
            )
            _apply(row, fields)
            s.add(row)
            s.flush()
            self._index(s, row)
            self._log(s, "note.create", row.id, _payload(row))
            note = repos.to_note(repos.note_row(s, row.id))
        self._publish(notes={note.id})
        return note

    def edit(
        self, note_id: int, fields: NoteFields, *, expected_version: int | None = None
    ) -> EvidenceNote:
        if fields.title is not None and not fields.title.strip():
            raise UserError("An evidence note needs a title.")
        try:
            with self._ctx.db.write() as s:
                row = repos.note_row(s, note_id)
                if expected_version is not None and row.version != expected_version:
                    raise ConflictError(
                        f"Note {note_id} was changed by {row.updated_by or 'someone else'} "
                        "since you opened it.",
                        current=repos.to_note(row),
                    )
                before = _payload(row)
                _apply(row, fields)
                row.updated_at, row.updated_by = utcnow(), self._ctx.actor
                s.flush()
                after = _payload(row)
                self._index(s, row)
                self._log(
                    s,
                    "note.edit",
                    row.id,
                    {k: [before[k], after[k]] for k in after if before[k] != after[k]},
                )
                note = repos.to_note(row)
        except StaleDataError:
            raise ConflictError(
                f"Note {note_id} was changed by someone else at the same moment.",
                current=self.get(note_id),
            ) from None
        self._publish(notes={note.id})
        return note

    def delete(self, note_id: int) -> NoteSnapshot:
        with self._ctx.db.write() as s:
            row = repos.note_row(s, note_id)
            snapshot = NoteSnapshot(repos.to_note(row), tuple(repos.to_link(x) for x in row.links))
            search.remove(s, kind="note", ref_ids=[row.id])
            self._log(s, "note.delete", row.id, _payload(row))
            s.delete(row)
        self._publish(notes={note_id}, claims={x.claim_id for x in snapshot.links}, links=True)
        return snapshot

    def restore(self, snapshot: NoteSnapshot) -> EvidenceNote:
        n = snapshot.note
        with self._ctx.db.write() as s:
            row = NoteRow(
                id=n.id,
                title=n.title,
                body=n.body,
                source_url=n.source_url,
                source_title=n.source_title,
                accessed_at=n.accessed_at,
                reliability=n.reliability,
                created_at=n.created_at,
                created_by=n.created_by,
                updated_at=utcnow(),
                updated_by=self._ctx.actor,
            )
            s.add(row)
            s.flush()
            for a in n.attachments:
                s.add(
                    AttachmentRow(
                        id=a.id,
                        note_id=n.id,
                        file_name=a.file_name,
                        sha256=a.sha256,
                        size=a.size,
                        media_type=a.media_type,
                    )
                )
            for link in snapshot.links:
                if s.get(ClaimRow, link.claim_id) is not None:
                    s.add(
                        LinkRow(
                            claim_id=link.claim_id,
                            note_id=n.id,
                            stance=link.stance.value,
                            created_at=link.created_at,
                            created_by=link.created_by,
                        )
                    )
            s.flush()
            self._index(s, row)
            self._log(s, "note.restore", row.id, _payload(row))
            note = repos.to_note(repos.note_row(s, row.id))
        self._publish(notes={n.id}, claims={x.claim_id for x in snapshot.links}, links=True)
        return note

    # --- attachments ----------------------------------------------------------------

    def check_attachment(self, path: Path) -> int:
        """Raise ``UserError`` if ``path`` cannot be attached (missing, not a file, too big);
        else return its size. Lets a front end refuse a file before a note exists."""
        try:
            size = path.stat().st_size
        except OSError as err:
            raise UserError(f"Cannot read {path.name!r}: {err.strerror or err}.") from None
        if not path.is_file():
            raise UserError(f"{path.name!r} is not a file; choose a file to attach.")
        if size > MAX_ATTACHMENT_BYTES:
            raise UserError(
                f"{path.name!r} is {_human_size(size)} ({size:,} bytes); attachments may be at "
                f"most {_human_size(MAX_ATTACHMENT_BYTES)} ({MAX_ATTACHMENT_BYTES:,} bytes). "
                "Attach a smaller copy or link to it."
            )
        return size

    def attach(self, note_id: int, path: Path) -> Attachment:
        """Copy a file into the store (by content hash) and attach it to the note."""
        self.check_attachment(path)
        sha, size = self._ctx.files.put_file(path)
        media_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        with self._ctx.db.write() as s:
            repos.note_row(s, note_id)
            row = AttachmentRow(
                note_id=note_id,
                file_name=path.name[:500],
                sha256=sha,
                size=size,
                media_type=media_type,
            )
            s.add(row)
            s.flush()
            self._log(s, "attachment.add", note_id, {"file_name": row.file_name, "sha256": sha})
            attachment = repos.to_attachment(row)
        self._publish(notes={note_id})
        return attachment

    def detach(self, attachment_id: int) -> Attachment:
        with self._ctx.db.write() as s:
            row = repos.get_row(s, AttachmentRow, attachment_id, "attachment")
            attachment = repos.to_attachment(row)
            self._log(s, "attachment.remove", row.note_id, {"file_name": row.file_name})
            s.delete(row)
        self._publish(notes={attachment.note_id})
        return attachment

    def reattach(self, attachment: Attachment) -> Attachment:
        """Undo of ``detach``: the file is still in the store under its hash."""
        with self._ctx.db.write() as s:
            repos.note_row(s, attachment.note_id)
            s.add(
                AttachmentRow(
                    id=attachment.id,
                    note_id=attachment.note_id,
                    file_name=attachment.file_name,
                    sha256=attachment.sha256,
                    size=attachment.size,
                    media_type=attachment.media_type,
                )
            )
            self._log(s, "attachment.add", attachment.note_id, {"file": attachment.file_name})
        self._publish(notes={attachment.note_id})
        return attachment

    # --- links ----------------------------------------------------------------------

    def link(self, claim_id: int, note_id: int, stance: Stance) -> Link:
        """Link a note to a claim; linking again changes the stance."""
        with self._ctx.db.write() as s:
            claim = repos.get_row(s, ClaimRow, claim_id, "claim")
            repos.note_row(s, note_id)
            row = s.get(LinkRow, (claim_id, note_id))
            if row is None:
                row = LinkRow(
                    claim_id=claim_id,
                    note_id=note_id,
                    stance=stance.value,
                    created_at=utcnow(),
                    created_by=self._ctx.actor,
                )
                s.add(row)
                action = "link.create"
            else:
                row.stance = stance.value
                action = "link.stance"
            s.flush()
            repos.log_event(
                s,
                actor=self._ctx.actor,
                action=action,
                entity="claim",
                entity_id=claim_id,
                article_id=claim.article_id,
                payload={"note_id": note_id, "stance": stance.value},
            )
            link = repos.to_link(row)
        self._publish(notes={note_id}, claims={claim_id}, links=True)
        return link

    def unlink(self, claim_id: int, note_id: int) -> Link:
        with self._ctx.db.write() as s:
            row = repos.get_row(s, LinkRow, (claim_id, note_id), "link")
            link = repos.to_link(row)
            repos.log_event(
                s,
                actor=self._ctx.actor,
                action="link.delete",
                entity="claim",
                entity_id=claim_id,
                article_id=row.claim.article_id,
                payload={"note_id": note_id, "stance": row.stance},
            )
            s.delete(row)
        self._publish(notes={note_id}, claims={claim_id}, links=True)
        return link

    def relink(self, link: Link) -> Link:
        """Undo of ``unlink``: the same link with its original author and time."""
        with self._ctx.db.write() as s:
            repos.get_row(s, ClaimRow, link.claim_id, "claim")
            repos.note_row(s, link.note_id)
            s.merge(
                LinkRow(
                    claim_id=link.claim_id,
                    note_id=link.note_id,
                    stance=link.stance.value,
                    created_at=link.created_at or utcnow(),
                    created_by=link.created_by or self._ctx.actor,
                )
            )
        self._publish(notes={link.note_id}, claims={link.claim_id}, links=True)
        return link

    def usage_count(self, note_id: int) -> int:
        with self._ctx.db.read() as s:
            return s.scalar(select(func.count()).where(LinkRow.note_id == note_id)) or 0

    # --- helpers --------------------------------------------------------------------

    def _index(self, s: Session, row: NoteRow) -> None:
        body = "\n".join(x for x in (row.body, row.source_title, row.source_url) if x)
        search.upsert(s, kind="note", ref_id=row.id, article_id=None, title=row.title, body=body)

    def _log(self, s: Session, action: str, note_id: int, payload: dict[str, Any]) -> None:
        repos.log_event(
            s,
            actor=self._ctx.actor,
            action=action,
            entity="note",
            entity_id=note_id,
            payload=payload,
        )

    def _publish(
        self, *, notes: set[int], claims: set[int] | None = None, links: bool = False
    ) -> None:
        self._ctx.bus.publish(
            Changes(notes=frozenset(notes), claims=frozenset(claims or ()), links=links)
        )


def _apply(row: NoteRow, fields: NoteFields) -> None:
    if fields.title is not None:
        row.title = storable(fields.title).strip()[:500]
    if fields.body is not None:
        row.body = storable(fields.body)
    if fields.source_url is not None:
        row.source_url = storable(fields.source_url).strip()
    if fields.source_title is not None:
        row.source_title = storable(fields.source_title).strip()[:500]
    if fields.accessed_at is not None:
        row.accessed_at = fields.accessed_at
    elif fields.clear_accessed_at:
        row.accessed_at = None
    if fields.reliability is not None:
        if not 1 <= fields.reliability <= 5:
            raise UserError("Reliability is a number from 1 (weak) to 5 (strong).")
        row.reliability = fields.reliability
    elif fields.clear_reliability:
        row.reliability = None


def _human_size(size: int) -> str:
    if size >= 2**20:
        return f"{size / 2**20:.0f} MB"
    if size >= 2**10:
        return f"{size / 2**10:.0f} KB"
    return f"{size} bytes"


def _payload(row: NoteRow) -> dict[str, Any]:
    return {
        "title": row.title,
        "body": row.body,
        "source_url": row.source_url,
        "source_title": row.source_title,
        "accessed_at": row.accessed_at.isoformat() if row.accessed_at else None,
        "reliability": row.reliability,
    }

"""Use cases on reports: export an article in any format, restore a JSON dump into this
database, and place another tool's (or our own) Web Annotations onto an article.

Reading is one read transaction (``article_data``) so a report never mixes two states;
rendering is pure (``workbench.export``) and files are written atomically. A JSON
restore is one write transaction with fresh ids: labels matched by name (created when
missing), notes, links, attachments metadata and the event history restored as they
were, files copied in when found. Annotations go through the claim and note services,
one claim each, re-anchored by the text engine; those that cannot be placed are
returned to the caller, never dropped.
"""

from __future__ import annotations

import contextlib
import json
import os
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import or_, select
from sqlalchemy.orm import selectinload

from workbench.domain import (
    ALLEGATION,
    Article,
    Changes,
    Claim,
    ClaimFields,
    ClaimStatus,
    Label,
    NoteFields,
    NotFoundError,
    Stance,
    UserError,
)
from workbench.export import FORMATS, jsondump
from workbench.export.model import ArticleData, Report, ReportOptions, build_report
from workbench.export.webannotation import ParsedAnnotation, parse_annotations
from workbench.services.claims import ClaimService
from workbench.services.context import ServiceContext
from workbench.services.labels import LabelService
from workbench.services.notes import NoteService
from workbench.services.restore import restore_article
from workbench.services.values import storable
from workbench.storage import repos
from workbench.storage.models import ArticleRow, EventRow, LinkRow, NoteRow
from workbench.text import reanchor_all

Progress = Callable[[float], None]


class ReportService:
    def __init__(self, ctx: ServiceContext) -> None:
        self._ctx = ctx
        self._claims = ClaimService(ctx)
        self._notes = NoteService(ctx)
        self._labels = LabelService(ctx)

    # --- reading --------------------------------------------------------------------

    def article_data(self, article_id: int) -> ArticleData:
        """Everything about one article, read in one transaction."""
        with self._ctx.db.read() as s:
            row = repos.get_row(s, ArticleRow, article_id, "article")
            claims = repos.claims_of_article(s, article_id)
            claim_ids = [c.id for c in claims]
            link_rows = s.scalars(
                select(LinkRow)
                .where(LinkRow.claim_id.in_(claim_ids))
                .options(selectinload(LinkRow.note).selectinload(NoteRow.attachments))
                .order_by(LinkRow.claim_id, LinkRow.created_at, LinkRow.note_id)
            ).all()
            notes = {link.note_id: repos.to_note(link.note) for link in link_rows}
            used = {c.label_id for c in claims}
            events = s.scalars(
                select(EventRow)
                .where(
                    or_(
                        EventRow.article_id == article_id,
                        (EventRow.entity == "note") & EventRow.entity_id.in_(list(notes)),
                    )
                )
                .order_by(EventRow.at, EventRow.id)
            ).all()
            return ArticleData(
                article=repos.to_article(row),
                labels=tuple(label for label in repos.labels(s) if label.id in used),
                claims=tuple(claims),
                notes=tuple(notes[i] for i in sorted(notes)),
                links=tuple(repos.to_link(link) for link in link_rows),
                events=tuple(repos.to_event(e) for e in events),
                file_name=row.file_name,
            )

    def build(
        self, article_id: int, options: ReportOptions, *, now: datetime | None = None
    ) -> Report:
        return build_report(
            self.article_data(article_id), options, generated_at=now or datetime.now(UTC)
        )

    # --- writing files --------------------------------------------------------------

    def export(
        self,
        article_id: int,
        fmt: str,
        path: Path,
        options: ReportOptions | None = None,
        *,
        progress: Progress | None = None,
        now: datetime | None = None,
    ) -> Path:
        """Write ``article_id`` as ``fmt`` (one of ``FORMATS``) to ``path``, atomically."""
        if fmt not in FORMATS:
            raise UserError(f"Unknown format {fmt!r}; choose one of {', '.join(FORMATS)}.")
        options = options or ReportOptions()
        now = now or datetime.now(UTC)
        data = self.article_data(article_id)
        if progress:
            progress(0.1)
        report = build_report(data, options, generated_at=now)
        part = path.with_name(f".{path.name}.part")
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            if fmt == "pdf":
                from workbench.export.pdf import render_pdf  # Qt only when a PDF is wanted

                render_pdf(report, part, progress=_scaled(progress, 0.1, 0.95))
            else:
                part.write_bytes(render_bytes(fmt, data, report, now=now))
            os.replace(part, path)
        except OSError as err:
            raise UserError(f"Cannot write {path}: {err.strerror or err}.") from None
        finally:
            with contextlib.suppress(OSError):
                part.unlink(missing_ok=True)
        if progress:
            progress(1.0)
        return path

    # --- JSON restore ---------------------------------------------------------------

    def import_json(self, path: Path, *, files_from: Path | None = None) -> Article:
        """Restore a JSON export as a new article here (new ids, same everything else).

        ``files_from`` is another data dir's ``files`` folder: the article's original and
        the attachments are copied from it when this store does not have them yet.
        """
        data = jsondump.load(_read_json(path))
        for sha in [data.article.sha256] + [a.sha256 for n in data.notes for a in n.attachments]:
            self._copy_file(sha, files_from)
        with self._ctx.db.write() as s:
            ids = restore_article(s, data)
            new_id = ids["article"][data.article.id]
            article = repos.to_article(repos.get_row(s, ArticleRow, new_id, "article"))
        self._ctx.bus.publish(
            Changes(
                articles=frozenset({article.id}),
                claims=frozenset(ids["claim"].values()),
                notes=frozenset(ids["note"].values()),
                labels=True,
                links=True,
            )
        )
        return article

    def missing_files(self, article: Article) -> list[str]:
        """Hashes of this article's original and attachments not in the file store."""
        data = self.article_data(article.id)
        hashes = [article.sha256] + [a.sha256 for n in data.notes for a in n.attachments]
        return [h for h in hashes if h and not self._has_file(h)]

    def _has_file(self, sha: str) -> bool:
        try:
            return self._ctx.files.local_path(sha).is_file()
        except (NotFoundError, ValueError, OSError):
            return False

    def _copy_file(self, sha: str, files_from: Path | None) -> None:
        if not sha or files_from is None or self._has_file(sha):
            return
        source = files_from / sha[:2] / sha
        if source.is_file():
            copied, _ = self._ctx.files.put_file(source)
            if copied != sha:  # a damaged copy: keep it out of the record
                self._ctx.files.remove(copied)

    # --- Web Annotations ------------------------------------------------------------

    def import_annotations(self, path: Path, article_id: int) -> tuple[list[Claim], list[str]]:
        """Place each annotation in ``path`` on the article as a claim (with its evidence).

        Returns the claims placed (an annotation already present as the same span and
        label returns that claim) and one line for each annotation that was not placed.
        """
        annotations = parse_annotations(_read_json(path))
        article = self._claims_article(article_id)
        quoted = [a for a in annotations if a.quote is not None]
        spans = reanchor_all([(a.quote, a.position) for a in quoted if a.quote], article.text)
        where = {id(a): span for a, span in zip(quoted, spans, strict=True)}
        labels = {label.name.casefold(): label for label in self._labels.all()}
        existing = {(c.span, c.label_id): c for c in self._claims.for_article(article_id)}
        placed: list[Claim] = []
        unplaced: list[str] = []
        notes: dict[tuple[str, str], int] = {}
        for a in annotations:
            span = where.get(id(a))
            if span is None:
                reason = "" if a.quote is None else " (not found in the article's text)"
                unplaced.append(a.describe() + reason)
                continue
            label, extra_tags = _label_for(a, labels)
            if (span, label.id) in existing:
                placed.append(existing[(span, label.id)])
                continue
            try:
                claim = self._claims.tag(article_id, span, label.id, _fields(a, extra_tags))
            except UserError as err:
                unplaced.append(f"{a.describe()} ({err})")
                continue
            self._add_evidence(claim, a, notes)
            existing[(span, label.id)] = claim
            placed.append(self._claims.get(claim.id))
        return placed, unplaced

    def _claims_article(self, article_id: int) -> Article:
        with self._ctx.db.read() as s:
            return repos.to_article(repos.get_row(s, ArticleRow, article_id, "article"))

    def _add_evidence(
        self, claim: Claim, a: ParsedAnnotation, known: dict[tuple[str, str], int]
    ) -> None:
        """Link the annotation's evidence, reusing a note with the same title and URL."""
        for e in a.evidence:
            title = (e.title or e.url or "Linked source").strip()[:500]
            key = (title, e.url.strip())
            if key not in known:
                same = [
                    u.note.id
                    for u in self._notes.library(text_filter=key[1] or title)
                    if (u.note.title, u.note.source_url.strip()) == key
                ]
                known[key] = same[0] if same else self._new_note(title, e.text, e.url)
            stance = Stance(e.stance) if e.stance in Stance._value2member_map_ else Stance.CONTEXT
            self._notes.link(claim.id, known[key], stance)

    def _new_note(self, title: str, body: str, url: str) -> int:
        fields = NoteFields(title=title, body=storable(body), source_url=storable(url.strip()))
        return self._notes.create(fields).id


def render_bytes(fmt: str, data: ArticleData, report: Report, *, now: datetime) -> bytes:
    """Every format but PDF, as the bytes of the file."""
    from workbench.export import claimreview, csv, docx, html, markdown, webannotation

    if fmt == "html":
        return html.render_html(report).encode("utf-8")
    if fmt == "md":
        return markdown.render_markdown(report).encode("utf-8")
    if fmt == "csv":
        return ("\ufeff" + csv.render_csv(report)).encode("utf-8")
    if fmt == "docx":
        return docx.render_docx(report)
    doc: Any
    if fmt == "json":
        doc = jsondump.dump(data, exported_at=now)
    elif fmt == "claimreview":
        doc = claimreview.render_claimreview(report)
    elif fmt == "webannotation":
        doc = webannotation.render_webannotation(report)
    else:
        raise UserError(f"Unknown format {fmt!r}.")
    return (json.dumps(doc, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def _scaled(progress: Progress | None, low: float, high: float) -> Progress | None:
    if progress is None:
        return None
    return lambda fraction: progress(low + (high - low) * fraction)


def _read_json(path: Path) -> Any:
    try:
        return json.loads(path.read_text("utf-8-sig"))
    except OSError as err:
        raise UserError(f"Cannot read {path}: {err.strerror or err}.") from None
    except (UnicodeDecodeError, json.JSONDecodeError) as err:
        raise UserError(f"{path.name} is not a JSON file ({err}).") from None


def _label_for(a: ParsedAnnotation, labels: dict[str, Label]) -> tuple[Label, list[str]]:
    """The first tag that names a label here (else Allegation), and the other tags."""
    for i, tag in enumerate(a.tags):
        if tag.casefold() in labels:
            return labels[tag.casefold()], [t for j, t in enumerate(a.tags) if j != i]
    return labels[ALLEGATION.casefold()], list(a.tags)


def _fields(a: ParsedAnnotation, extra_tags: list[str]) -> ClaimFields:
    comment = a.comment
    if extra_tags:
        comment = (comment + "\n\n" if comment else "") + "Tags: " + ", ".join(extra_tags)
    status = ClaimStatus(a.status) if a.status in ClaimStatus._value2member_map_ else None
    return ClaimFields(
        verdict=a.verdict, claimant=a.claimant, comment=storable(comment), status=status
    )

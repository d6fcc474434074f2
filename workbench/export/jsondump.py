"""The JSON dump: everything the workbench holds about one article, lossless and versioned.

``{"format": "factcheck-workbench", "version": 1, ...}`` with the article (text and
sentence offsets included), the labels its claims use, the claims, the linked notes with
their attachments' metadata, the links and the event history. ``dump`` and ``load`` are
inverses: ``load(dump(data)) == data``. Restoring into a database (new ids, labels
matched by name) is ``services.reports``' job.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import replace
from datetime import date, datetime
from typing import Any

from workbench import __version__
from workbench.domain import (
    Article,
    Attachment,
    Claim,
    ClaimStatus,
    Event,
    EvidenceNote,
    Label,
    Link,
    Rating,
    Span,
    Stance,
    TextQuote,
    UserError,
)
from workbench.export.model import ArticleData

FORMAT = "factcheck-workbench"
VERSION = 1


def dump(data: ArticleData, *, exported_at: datetime) -> dict[str, Any]:
    a = data.article
    return {
        "format": FORMAT,
        "version": VERSION,
        "generator": f"factcheck-workbench {__version__}",
        "exported_at": _dt(exported_at),
        "article": {
            "id": a.id,
            "title": a.title,
            "byline": a.byline,
            "outlet": a.outlet,
            "source_url": a.source_url,
            "published": _d(a.published),
            "imported_at": _dt(a.imported_at),
            "source_format": a.source_format,
            "file_name": data.file_name,
            "sha256": a.sha256,
            "language": a.language,
            "parent_id": a.parent_id,
            "created_by": a.created_by,
            "text": a.text,
            "sentences": [[s.start, s.end] for s in a.sentences],
        },
        "labels": [_label(label) for label in data.labels],
        "claims": [_claim(c) for c in data.claims],
        "notes": [_note(n) for n in data.notes],
        "links": [
            {
                "claim_id": link.claim_id,
                "note_id": link.note_id,
                "stance": link.stance.value,
                "created_by": link.created_by,
                "created_at": _dt(link.created_at),
            }
            for link in data.links
        ],
        "events": [
            {
                "id": e.id,
                "at": _dt(e.at),
                "actor": e.actor,
                "action": e.action,
                "entity": e.entity,
                "entity_id": e.entity_id,
                "article_id": e.article_id,
                "payload": e.payload,
            }
            for e in data.events
        ],
    }


def _label(label: Label) -> dict[str, Any]:
    r = label.rating
    return {
        "id": label.id,
        "name": label.name,
        "color": label.color,
        "shortcut": label.shortcut,
        "builtin": label.builtin,
        "position": label.position,
        "rating": None
        if r is None
        else {
            "alternate_name": r.alternate_name,
            "value": r.value,
            "best": r.best,
            "worst": r.worst,
        },
    }


def _rating(r: Rating) -> dict[str, Any]:
    return {"alternate_name": r.alternate_name, "value": r.value, "best": r.best, "worst": r.worst}


def _claim(c: Claim) -> dict[str, Any]:
    return {
        "id": c.id,
        "article_id": c.article_id,
        "start": c.span.start,
        "end": c.span.end,
        "exact": c.quote.exact,
        "prefix": c.quote.prefix,
        "suffix": c.quote.suffix,
        "label_id": c.label_id,
        "verdict": c.verdict,
        "claimant": c.claimant,
        "claim_date": _d(c.claim_date),
        "comment": c.comment,
        "status": c.status.value,
        "orphaned": c.orphaned,
        "created_at": _dt(c.created_at),
        "created_by": c.created_by,
        "updated_at": _dt(c.updated_at),
        "updated_by": c.updated_by,
        "version": c.version,
    }


def _note(n: EvidenceNote) -> dict[str, Any]:
    return {
        "id": n.id,
        "title": n.title,
        "body": n.body,
        "source_url": n.source_url,
        "source_title": n.source_title,
        "accessed_at": _dt(n.accessed_at),
        "reliability": n.reliability,
        "created_at": _dt(n.created_at),
        "created_by": n.created_by,
        "updated_at": _dt(n.updated_at),
        "updated_by": n.updated_by,
        "version": n.version,
        "attachments": [
            {
                "id": x.id,
                "file_name": x.file_name,
                "sha256": x.sha256,
                "size": x.size,
                "media_type": x.media_type,
            }
            for x in n.attachments
        ],
    }


def _dt(value: datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


def _d(value: date | None) -> str | None:
    return value.isoformat() if value is not None else None


# --- reading ------------------------------------------------------------------------


def load(doc: Any) -> ArticleData:
    """The ArticleData in a dump; a plain UserError if it is not one we can read."""
    if not isinstance(doc, dict) or doc.get("format") != FORMAT:
        raise UserError("This is not a Fact-check Workbench JSON export (no 'format' field).")
    if not isinstance(doc.get("version"), int) or doc["version"] > VERSION:
        raise UserError(
            f"This export has format version {doc.get('version')!r}; this workbench reads "
            f"version {VERSION} and older. Update the workbench to import it."
        )
    try:
        return _load(doc)
    except (KeyError, TypeError, ValueError) as err:
        raise UserError(f"The JSON export is damaged or incomplete ({err!r}).") from None


def _load(doc: dict[str, Any]) -> ArticleData:
    a = doc["article"]
    article = Article(
        id=a["id"],
        title=a["title"],
        text=a["text"],
        sentences=tuple(Span(s, e) for s, e in a.get("sentences", [])),
        byline=a.get("byline", ""),
        outlet=a.get("outlet", ""),
        source_url=a.get("source_url", ""),
        published=_pd(a.get("published")),
        imported_at=_pdt(a.get("imported_at")),
        source_format=a.get("source_format", "txt"),
        sha256=a.get("sha256", ""),
        language=a.get("language", ""),
        parent_id=a.get("parent_id"),
        created_by=a.get("created_by", ""),
    )
    links = tuple(
        Link(
            x["claim_id"],
            x["note_id"],
            Stance(x["stance"]),
            x.get("created_by", ""),
            _pdt(x.get("created_at")),
        )
        for x in doc.get("links", [])
    )
    counts = Counter(link.claim_id for link in links)
    claims = tuple(_load_claim(x) for x in doc.get("claims", []))
    return ArticleData(
        article=article,
        labels=tuple(_load_label(x) for x in doc.get("labels", [])),
        claims=tuple(replace(c, evidence_count=counts[c.id]) for c in claims),
        notes=tuple(_load_note(x) for x in doc.get("notes", [])),
        links=links,
        events=tuple(
            Event(
                x["id"],
                _req_dt(x["at"]),
                x.get("actor", ""),
                x["action"],
                x["entity"],
                x["entity_id"],
                x.get("article_id"),
                dict(x.get("payload") or {}),
            )
            for x in doc.get("events", [])
        ),
        file_name=a.get("file_name", ""),
    )


def _load_label(x: dict[str, Any]) -> Label:
    r = x.get("rating")
    rating = (
        Rating(r["alternate_name"], r.get("value"), r.get("best"), r.get("worst")) if r else None
    )
    return Label(
        x["id"],
        x["name"],
        x["color"],
        x.get("shortcut", ""),
        bool(x.get("builtin")),
        rating,
        x.get("position", 0),
    )


def _load_claim(x: dict[str, Any]) -> Claim:
    return Claim(
        id=x["id"],
        article_id=x["article_id"],
        span=Span(x["start"], x["end"]),
        quote=TextQuote(x["exact"], x.get("prefix", ""), x.get("suffix", "")),
        label_id=x["label_id"],
        verdict=x.get("verdict", ""),
        claimant=x.get("claimant", ""),
        claim_date=_pd(x.get("claim_date")),
        comment=x.get("comment", ""),
        status=ClaimStatus(x.get("status", "open")),
        created_at=_pdt(x.get("created_at")),
        created_by=x.get("created_by", ""),
        updated_at=_pdt(x.get("updated_at")),
        updated_by=x.get("updated_by", ""),
        version=x.get("version", 1),
        orphaned=bool(x.get("orphaned")),
    )


def _load_note(x: dict[str, Any]) -> EvidenceNote:
    return EvidenceNote(
        id=x["id"],
        title=x["title"],
        body=x.get("body", ""),
        source_url=x.get("source_url", ""),
        source_title=x.get("source_title", ""),
        accessed_at=_pdt(x.get("accessed_at")),
        reliability=x.get("reliability"),
        attachments=tuple(
            Attachment(
                y["id"],
                x["id"],
                y["file_name"],
                y["sha256"],
                y["size"],
                y.get("media_type", "application/octet-stream"),
            )
            for y in x.get("attachments", [])
        ),
        created_at=_pdt(x.get("created_at")),
        created_by=x.get("created_by", ""),
        updated_at=_pdt(x.get("updated_at")),
        updated_by=x.get("updated_by", ""),
        version=x.get("version", 1),
    )


def _pdt(value: str | None) -> datetime | None:
    return datetime.fromisoformat(value) if value else None


def _req_dt(value: str) -> datetime:
    return datetime.fromisoformat(value)


def _pd(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None

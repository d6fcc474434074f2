"""W3C Web Annotation JSON-LD: claims as annotations other tools can read, and a reader.

Export: an ``AnnotationCollection`` with one ``Annotation`` per claim. The target is the
article (its URL, or a ``urn`` made from the original's hash) with a TextQuoteSelector
and a TextPositionSelector (code points of the normalized text). Bodies: the label as a
``tagging`` TextualBody, the verdict as ``assessing``, the comment as ``commenting``, and
each piece of evidence as a ``linking`` body (a SpecificResource on the source URL, or a
TextualBody when the note has none), its stance in our small vocabulary (``fcw:``).
Motivation: ``questioning`` for an Allegation, ``assessing`` otherwise.

Import: :func:`parse_annotations` reads ours and other tools' (Hypothesis API rows, a
single Annotation, a list, a collection or page; selectors as one object, a list, or a
``refinedBy`` chain) into :class:`ParsedAnnotation` values for re-anchoring.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from workbench.domain import ALLEGATION, Span, TextQuote
from workbench.export.model import GENERATOR, Report, ReportClaim

ANNO_CONTEXT = "http://www.w3.org/ns/anno.jsonld"
FCW = "urn:factcheck-workbench:vocab#"
CONTEXT: list[Any] = [ANNO_CONTEXT, {"fcw": FCW}]
_NAMESPACE = uuid.UUID("0f5c7a52-3c1e-4b8e-9a51-6f1d2c9b7e10")


def target_source(report: Report) -> str:
    a = report.article
    if a.source_url.strip():
        return a.source_url.strip()
    return f"urn:factcheck-workbench:article:{a.sha256 or a.id}"


def motivation_for(label_name: str) -> str:
    return "questioning" if label_name.casefold() == ALLEGATION.casefold() else "assessing"


def _urn(*parts: object) -> str:
    return uuid.uuid5(_NAMESPACE, "/".join(str(p) for p in parts)).urn


def render_webannotation(report: Report) -> dict[str, Any]:
    source = target_source(report)
    key = report.article.sha256 or source
    items = [annotation(report, c, source=source, key=key) for c in report.placed_claims]
    return {
        "@context": CONTEXT,
        "id": _urn("collection", key, report.generated_at.isoformat()),
        "type": "AnnotationCollection",
        "label": report.title,
        "total": len(items),
        "generator": {"type": "Software", "name": report.generator},
        "generated": _stamp(report.generated_at),
        "first": {
            "id": _urn("page", key, report.generated_at.isoformat()),
            "type": "AnnotationPage",
            "startIndex": 0,
            "items": items,
        },
    }


def annotation(report: Report, c: ReportClaim, *, source: str, key: str) -> dict[str, Any]:
    claim = c.claim
    bodies: list[dict[str, Any]] = [_text_body("tagging", c.label.name)]
    if claim.verdict.strip():
        bodies.append(_text_body("assessing", claim.verdict.strip()))
    if claim.comment.strip():
        bodies.append(_text_body("commenting", claim.comment))
    bodies += [
        _evidence_body(e.note.title, e.note.body, e.note.source_url, e.stance.value)
        for e in c.evidence
    ]
    item: dict[str, Any] = {
        "@context": CONTEXT,
        "id": _urn("claim", key, claim.id),
        "type": "Annotation",
        "motivation": motivation_for(c.label.name),
        "body": bodies,
        "target": {
            "source": source,
            "selector": [
                {
                    "type": "TextQuoteSelector",
                    "exact": claim.quote.exact,
                    "prefix": claim.quote.prefix,
                    "suffix": claim.quote.suffix,
                },
                {"type": "TextPositionSelector", "start": claim.span.start, "end": claim.span.end},
            ],
        },
        "generator": {"type": "Software", "name": GENERATOR},
    }
    if claim.created_by:
        item["creator"] = {"type": "Person", "name": claim.created_by}
    if claim.created_at:
        item["created"] = _stamp(claim.created_at)
    if claim.updated_at:
        item["modified"] = _stamp(claim.updated_at)
    extra = {"fcw:claimant": claim.claimant, "fcw:status": claim.status.value}
    if claim.claim_date:
        extra["fcw:claimDate"] = claim.claim_date.isoformat()
    item.update({k: v for k, v in extra.items() if v})
    return item


def _text_body(purpose: str, value: str) -> dict[str, Any]:
    return {"type": "TextualBody", "purpose": purpose, "value": value, "format": "text/plain"}


def _evidence_body(title: str, body: str, url: str, stance: str) -> dict[str, Any]:
    url = url.strip()
    if url and ":" in url and " " not in url:
        return {
            "type": "SpecificResource",
            "purpose": "linking",
            "source": url,
            "fcw:title": title,
            "fcw:stance": stance,
        }
    text = f"{title}\n\n{body}".strip()
    return {**_text_body("linking", text), "fcw:title": title, "fcw:stance": stance}


def _stamp(value: Any) -> str:
    text: str = value.isoformat(timespec="seconds")
    return text.replace("+00:00", "Z")


# --- reading ------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ParsedEvidence:
    title: str
    url: str = ""
    text: str = ""
    stance: str = "context"


@dataclass(frozen=True, slots=True)
class ParsedAnnotation:
    """What an annotation says about a passage, whatever tool wrote it."""

    id: str
    source: str
    quote: TextQuote | None
    position: Span | None
    tags: tuple[str, ...] = ()
    verdict: str = ""
    comment: str = ""
    motivation: str = ""
    claimant: str = ""
    status: str = ""
    evidence: tuple[ParsedEvidence, ...] = ()

    def describe(self) -> str:
        """One line naming the annotation, for a report of the ones not placed."""
        ident = self.id or "annotation"
        if self.quote is None:
            return f"{ident}: no TextQuoteSelector, nothing to anchor"
        what = " ".join(self.quote.exact.split())
        what = what if len(what) <= 80 else what[:79] + "…"
        return f"{ident}: {what!r}"


def parse_annotations(data: Any) -> list[ParsedAnnotation]:
    """Every annotation in ``data`` (already JSON-decoded), in document order."""
    return [_parse(raw) for raw in _annotations_in(data)]


def _annotations_in(data: Any) -> Iterator[dict[str, Any]]:
    if isinstance(data, list):
        for item in data:
            yield from _annotations_in(item)
        return
    if not isinstance(data, dict):
        return
    types = _as_list(data.get("type") or data.get("@type"))
    if "rows" in data and isinstance(data["rows"], list):  # Hypothesis search API
        yield from _annotations_in(data["rows"])
    elif "AnnotationCollection" in types or "AnnotationPage" in types:
        for key in ("items", "first"):
            yield from _annotations_in(data.get(key))
        page = data.get("first")
        while isinstance(page, dict) and isinstance(page.get("next"), dict):
            page = page["next"]
            yield from _annotations_in(page)
    elif "Annotation" in types or "target" in data:
        yield data


def _as_list(value: Any) -> list[Any]:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def _parse(raw: dict[str, Any]) -> ParsedAnnotation:
    targets = _as_list(raw.get("target"))
    source, quote, position = "", None, None
    for target in targets:
        if isinstance(target, str):
            source = source or target
            continue
        if not isinstance(target, dict):
            continue
        source = source or str(target.get("source") or target.get("id") or "")
        for selector in _selectors(target.get("selector")):
            kind = selector.get("type")
            if kind == "TextQuoteSelector" and quote is None and selector.get("exact"):
                quote = TextQuote(
                    str(selector["exact"]),
                    str(selector.get("prefix") or ""),
                    str(selector.get("suffix") or ""),
                )
            elif kind == "TextPositionSelector" and position is None:
                position = _position(selector)
    tags: list[str] = [str(t) for t in _as_list(raw.get("tags")) if str(t).strip()]
    verdict, comments, evidence = "", [], []
    if isinstance(raw.get("text"), str) and raw["text"].strip():  # Hypothesis
        comments.append(raw["text"].strip())
    if isinstance(raw.get("bodyValue"), str) and raw["bodyValue"].strip():
        comments.append(raw["bodyValue"].strip())
    motivation = " ".join(str(m) for m in _as_list(raw.get("motivation")))
    for body in _as_list(raw.get("body")):
        if isinstance(body, str):
            evidence.append(ParsedEvidence(title=body, url=body))
            continue
        if not isinstance(body, dict):
            continue
        purposes = [str(p) for p in _as_list(body.get("purpose"))]
        value = str(body.get("value") or "").strip()
        if "linking" in purposes or body.get("type") == "SpecificResource" or "id" in body:
            evidence.append(_evidence(body, value))
        elif "tagging" in purposes or "classifying" in purposes:
            tags.append(value)
        elif "assessing" in purposes:
            verdict = verdict or value
        elif value:
            comments.append(value)
    return ParsedAnnotation(
        id=str(raw.get("id") or raw.get("@id") or ""),
        source=source,
        quote=quote,
        position=position,
        tags=tuple(t for t in tags if t),
        verdict=verdict,
        comment="\n\n".join(comments),
        motivation=motivation,
        claimant=str(raw.get("fcw:claimant") or ""),
        status=str(raw.get("fcw:status") or ""),
        evidence=tuple(evidence),
    )


def _selectors(value: Any) -> Iterator[dict[str, Any]]:
    """Every selector in a list or a ``refinedBy`` chain, outermost first."""
    for selector in _as_list(value):
        while isinstance(selector, dict):
            yield selector
            selector = selector.get("refinedBy")


def _position(selector: dict[str, Any]) -> Span | None:
    try:
        start, end = int(selector["start"]), int(selector["end"])
        return Span(start, end)
    except (KeyError, TypeError, ValueError):
        return None


def _evidence(body: dict[str, Any], value: str) -> ParsedEvidence:
    source = body.get("source") if body.get("type") == "SpecificResource" else body.get("id")
    url = str(source.get("id", "") if isinstance(source, dict) else source or "")
    title = str(body.get("fcw:title") or body.get("title") or "")
    text = value
    if title and text.startswith(title):
        text = text[len(title) :].strip()
    stance = str(body.get("fcw:stance") or "context")
    return ParsedEvidence(title=title or url or text[:80], url=url, text=text, stance=stance)

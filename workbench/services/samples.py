"""The bundled sample articles, and the example claims and notes shown on first run."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date, datetime
from pathlib import Path
from typing import Any

from workbench import importers, paths
from workbench.domain import Article, ClaimFields, ClaimStatus, NoteFields, Span, Stance
from workbench.services.articles import ArticleService
from workbench.services.claims import ClaimService
from workbench.services.labels import LabelService
from workbench.services.notes import NoteService

MAIN_SAMPLE = "drone_evidence"


def sample_paths() -> list[Path]:
    return sorted(paths.resource("samples").glob("*.txt"))


def load_sample(
    articles: ArticleService,
    claims: ClaimService,
    notes: NoteService,
    labels: LabelService,
    *,
    name: str = MAIN_SAMPLE,
) -> Article:
    """Import one bundled sample with its metadata, example claims and evidence notes."""
    text_path = paths.resource("samples", f"{name}.txt")
    meta: dict[str, Any] = json.loads(text_path.with_suffix(".json").read_text("utf-8"))
    imported = importers.read_file(text_path)
    imported = replace(
        imported,
        byline=meta.get("byline", ""),
        outlet=meta.get("outlet", ""),
        source_url=meta.get("source_url", ""),
        language=meta.get("language", ""),
        published=date.fromisoformat(meta["published"]) if meta.get("published") else None,
    )
    article = articles.add(imported, title=meta.get("title"))
    claim_ids: dict[str, int] = {}
    for spec in meta.get("claims", []):
        start = article.text.find(spec["quote"])
        if start < 0:
            continue
        fields = ClaimFields(
            verdict=spec.get("verdict", ""),
            claimant=spec.get("claimant", ""),
            comment=spec.get("comment", ""),
            status=ClaimStatus(spec.get("status", "open")),
        )
        label = labels.by_name(spec["label"])
        span = Span(start, start + len(spec["quote"]))
        claim_ids[spec["quote"]] = claims.tag(article.id, span, label.id, fields).id
    for spec in meta.get("notes", []):
        accessed = spec.get("accessed_at")
        note = notes.create(
            NoteFields(
                title=spec["title"],
                body=spec.get("body", ""),
                source_url=spec.get("source_url", ""),
                source_title=spec.get("source_title", ""),
                accessed_at=datetime.fromisoformat(accessed) if accessed else None,
                reliability=spec.get("reliability"),
            )
        )
        for link in spec.get("links", []):
            if link["quote"] in claim_ids:
                notes.link(claim_ids[link["quote"]], note.id, Stance(link["stance"]))
    return article

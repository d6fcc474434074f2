"""Databases for the benchmarks, filled through the real services from generated data.

Everything lives in one temporary folder per ``make bench``: ``WORKBENCH_HOME`` and the
QSettings paths point there, so a benchmark never touches the user's data.
"""

from __future__ import annotations

import os
import shutil
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from benchmarks import generate

if TYPE_CHECKING:
    from workbench.services import Services

LABEL_COLORS = {"Disputed": "#ab47bc", "False": "#e53935", "Misleading": "#fb8c00"}


@dataclass(frozen=True)
class StoredArticle:
    article_id: int
    generated: generate.GeneratedArticle


def isolate(home: Path) -> None:
    """Point the workbench's data dir (and, for subprocesses, HOME/XDG) into ``home``."""
    home.mkdir(parents=True, exist_ok=True)
    os.environ["WORKBENCH_HOME"] = str(home / "data")
    os.environ.pop("WORKBENCH_DB", None)
    os.environ.setdefault("WORKBENCH_USER", "bench")
    os.environ["XDG_CONFIG_HOME"] = str(home / "config")
    os.environ["XDG_DATA_HOME"] = str(home / "share")
    os.environ["XDG_CACHE_HOME"] = str(home / "cache")


def open_db(path: Path, *, actor: str = "bench") -> Services:
    from workbench.services import open_services

    return open_services(f"sqlite:///{path}", data_dir=path.parent / "home", actor=actor)


def ensure_labels(services: Services) -> dict[str, int]:
    """Ids of the generator's label names, creating the ones that are not built in."""
    from workbench.domain import LabelSpec

    have = {label.name: label.id for label in services.labels.all()}
    for name in generate.LABELS:
        if name not in have:
            have[name] = services.labels.create(LabelSpec(name, LABEL_COLORS[name])).id
    return have


def store_article(
    services: Services, generated: generate.GeneratedArticle, *, file_name: str = ""
) -> StoredArticle:
    """Import the article's text (segmented and indexed) and tag its claims.

    Claims are tagged with ``tag_many``, one call per label, as the GUI does when
    several sentences are tagged at once. Their review fields (verdict, claimant,
    comment, status) are then set in one UPDATE: through ``ClaimService.edit`` that
    would be one transaction per claim, minutes for 10,000, and no figure depends on
    how they got there (their search documents keep the quote only).
    """
    from workbench.domain import Span
    from workbench.importers.base import ImportedArticle

    imported = ImportedArticle(
        text=generated.text,
        title=generated.title,
        byline=generated.byline,
        outlet=generated.outlet,
        published=generated.published,
        source_format="txt",
        file_name=file_name or f"generated-{generated.size}-{generated.seed}.txt",
        original=generated.text.encode("utf-8"),
        language="en",
    )
    article = services.articles.add(imported)
    if not generated.claims:
        return StoredArticle(article.id, generated)
    labels = ensure_labels(services)
    by_label: dict[str, list[generate.GeneratedClaim]] = defaultdict(list)
    for claim in generated.claims:
        by_label[claim.label].append(claim)
    values: list[dict[str, Any]] = []
    for label, claims in by_label.items():
        spans = [Span(c.start, c.end) for c in claims]
        tagged = services.claims.tag_many(article.id, spans, labels[label])
        values += [
            {
                "id": row.id,
                "verdict": c.verdict,
                "claimant": c.claimant,
                "comment": c.comment,
                "status": c.status,
                "version": row.version,
            }
            for row, c in zip(tagged, claims, strict=True)
        ]
    _set_fields(services, values)
    return StoredArticle(article.id, generated)


def _set_fields(services: Services, values: list[dict[str, Any]]) -> None:
    from sqlalchemy import update

    from workbench.storage.models import ClaimRow

    with services.db.write() as s:
        s.execute(update(ClaimRow), values)


class Store:
    """Builds each database once per benchmark run and hands out copies of it."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self._built: dict[str, tuple[Path, dict[str, Any]]] = {}

    def database(
        self, name: str, fill: Callable[[Services], dict[str, Any]]
    ) -> tuple[Path, dict[str, Any]]:
        """The path of database ``name`` (filled by ``fill`` on first use) and what
        ``fill`` returned (article ids and the like)."""
        if name not in self._built:
            folder = self.root / name
            folder.mkdir(parents=True, exist_ok=True)
            path = folder / "workbench.sqlite"
            services = open_db(path)
            try:
                info = fill(services)
            finally:
                services.close()
            self._built[name] = (path, info)
        return self._built[name]

    def copy(self, name: str, fill: Callable[[Services], dict[str, Any]], to: Path) -> Path:
        """A private copy of database ``name`` (and its file store) in folder ``to``."""
        source, _ = self.database(name, fill)
        to.mkdir(parents=True, exist_ok=True)
        for item in source.parent.iterdir():
            if item.is_dir():
                shutil.copytree(item, to / item.name, dirs_exist_ok=True)
            else:
                shutil.copy2(item, to / item.name)
        return to / source.name

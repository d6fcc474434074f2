"""Use cases on articles: import, list, open, delete."""

from __future__ import annotations

from pathlib import Path
from typing import NamedTuple

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from workbench import importers
from workbench.domain import Article, ArticleSummary, Changes, NotFoundError, Span
from workbench.importers.base import ImportedArticle, Progress, ShouldCancel
from workbench.services.context import ServiceContext
from workbench.storage import repos, search
from workbench.storage.models import ArticleRow, ClaimRow
from workbench.text import segment_sentences


class PreparedArticle(NamedTuple):
    imported: ImportedArticle
    sha256: str
    sentences: tuple[Span, ...]


class ArticleService:
    def __init__(self, ctx: ServiceContext) -> None:
        self._ctx = ctx

    def import_file(
        self,
        path: Path,
        *,
        title: str | None = None,
        source_url: str | None = None,
        progress: Progress | None = None,
        should_cancel: ShouldCancel | None = None,
    ) -> Article:
        imported = importers.read_file(path, progress=progress, should_cancel=should_cancel)
        return self.add(imported, title=title, source_url=source_url)

    def import_pasted(self, *, text: str | None = None, html: str | None = None) -> Article:
        return self.add(importers.read_pasted(text=text, html=html))

    def add(
        self,
        imported: ImportedArticle,
        *,
        title: str | None = None,
        source_url: str | None = None,
        parent_id: int | None = None,
    ) -> Article:
        """Store an imported article: segment it, keep the original, index it, log it."""
        prepared = self.prepare(imported)
        with self._ctx.db.write() as s:
            row = self.insert(s, prepared, title=title, source_url=source_url, parent_id=parent_id)
            article = repos.to_article(row)
        self._ctx.bus.publish(Changes(articles=frozenset({article.id})))
        return article

    def prepare(self, imported: ImportedArticle) -> PreparedArticle:
        """The slow part, done before any transaction: segmenting and storing the original.

        If the transaction then fails, an unreferenced file is left (``workbench check``
        lists it), never an article without its original.
        """
        language = (imported.language or "en").split("-")[0].lower()
        sentences = segment_sentences(imported.text, language=language)
        return PreparedArticle(imported, self._ctx.files.put_bytes(imported.original), sentences)

    def insert(
        self,
        s: Session,
        prepared: PreparedArticle,
        *,
        title: str | None = None,
        source_url: str | None = None,
        parent_id: int | None = None,
    ) -> ArticleRow:
        """Add the article inside the caller's transaction (a revision adds its claims too)."""
        imported, sha, sentences = prepared
        row = ArticleRow(
            title=(title or imported.title or imported.file_name or "Untitled")[:500],
            byline=imported.byline[:500],
            outlet=imported.outlet[:300],
            source_url=source_url or imported.source_url,
            published=imported.published,
            source_format=imported.source_format,
            file_name=imported.file_name[:500],
            sha256=sha,
            text=imported.text,
            language=imported.language,
            sentences=[[sp.start, sp.end] for sp in sentences],
            parent_id=parent_id,
            created_by=self._ctx.actor,
        )
        s.add(row)
        s.flush()
        search.upsert(
            s, kind="article", ref_id=row.id, article_id=row.id, title=row.title, body=row.text
        )
        repos.log_event(
            s,
            actor=self._ctx.actor,
            action="article.import",
            entity="article",
            entity_id=row.id,
            article_id=row.id,
            payload={"title": row.title, "format": row.source_format, "sha256": sha},
        )
        return row

    def get(self, article_id: int) -> Article:
        with self._ctx.db.read() as s:
            return repos.to_article(repos.get_row(s, ArticleRow, article_id, "article"))

    def text_length(self, article_id: int) -> int:
        """The article's length in code points, without reading its text (the window
        decides from it whether to open the article in the background)."""
        with self._ctx.db.read() as s:
            length = s.scalar(
                select(func.length(ArticleRow.text)).where(ArticleRow.id == article_id)
            )
        if length is None:
            raise NotFoundError(f"There is no article with id {article_id}.")
        return int(length)

    def summaries(self, *, title_filter: str = "") -> list[ArticleSummary]:
        with self._ctx.db.read() as s:
            return repos.article_summaries(s, title_filter=title_filter)

    def find(self, ref: str) -> Article:
        """An article by id, or by a unique title fragment (for the CLI)."""
        if ref.isdigit():
            return self.get(int(ref))
        with self._ctx.db.read() as s:
            rows = s.scalars(select(ArticleRow).where(ArticleRow.title.ilike(f"%{ref}%"))).all()
            if len(rows) == 1:
                return repos.to_article(rows[0])
        if not rows:
            raise NotFoundError(f"No article matches {ref!r}. Run 'workbench list' to see ids.")
        raise NotFoundError(f"{len(rows)} articles match {ref!r}; give the article's id.")

    def original_bytes(self, article: Article) -> bytes:
        return self._ctx.files.read_bytes(article.sha256)

    def delete(self, article_id: int) -> None:
        with self._ctx.db.write() as s:
            row = repos.get_row(s, ArticleRow, article_id, "article")
            claim_ids = list(s.scalars(select(ClaimRow.id).where(ClaimRow.article_id == row.id)))
            search.remove_article(s, row.id)
            repos.log_event(
                s,
                actor=self._ctx.actor,
                action="article.delete",
                entity="article",
                entity_id=row.id,
                article_id=row.id,
                payload={"title": row.title, "claims": claim_ids},
            )
            s.delete(row)
        self._ctx.bus.publish(
            Changes(articles=frozenset({article_id}), claims=frozenset(claim_ids), links=True)
        )

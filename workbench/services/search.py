"""Full-text search over articles, claims and notes, whatever the database."""

from __future__ import annotations

from workbench.domain import SearchHit
from workbench.services.context import ServiceContext
from workbench.storage import search


class SearchService:
    def __init__(self, ctx: ServiceContext) -> None:
        self._ctx = ctx

    def search(self, query: str, *, limit: int = 50) -> list[SearchHit]:
        with self._ctx.db.read() as s:
            return search.query(s, query, limit=limit)

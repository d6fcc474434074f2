"""Full-text search over articles, claims and notes: FTS5 on SQLite, tsvector on PostgreSQL.

Both index the same ``search_docs`` rows, kept up to date by ``repos.py`` in the
same transaction as the change; only the query and the index DDL differ.
"""

from __future__ import annotations

import re

from sqlalchemy import Connection, delete, select, text
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

from workbench.domain import SearchHit
from workbench.domain.events import MATCH_CLOSE, MATCH_OPEN
from workbench.storage.models import SearchDocRow

SNIPPET_OPEN = MATCH_OPEN
SNIPPET_CLOSE = MATCH_CLOSE

_SQLITE_DDL = (
    "CREATE VIRTUAL TABLE IF NOT EXISTS search_fts USING fts5("
    "title, body, content='search_docs', content_rowid='id', "
    "tokenize='unicode61 remove_diacritics 2')",
    "CREATE TRIGGER IF NOT EXISTS search_docs_ai AFTER INSERT ON search_docs BEGIN "
    "INSERT INTO search_fts(rowid, title, body) VALUES (new.id, new.title, new.body); END",
    "CREATE TRIGGER IF NOT EXISTS search_docs_ad AFTER DELETE ON search_docs BEGIN "
    "INSERT INTO search_fts(search_fts, rowid, title, body) "
    "VALUES ('delete', old.id, old.title, old.body); END",
    "CREATE TRIGGER IF NOT EXISTS search_docs_au AFTER UPDATE ON search_docs BEGIN "
    "INSERT INTO search_fts(search_fts, rowid, title, body) "
    "VALUES ('delete', old.id, old.title, old.body); "
    "INSERT INTO search_fts(rowid, title, body) VALUES (new.id, new.title, new.body); END",
)
PG_CONFIG = "workbench_fts"
"""PostgreSQL text search configuration: ``simple`` (no stemming, no stop words, like
FTS5's unicode61), plus ``unaccent`` when the server has it (like remove_diacritics)."""
PG_DOCUMENT = (
    f"to_tsvector('{PG_CONFIG}'::regconfig, coalesce(title, '') || ' ' || coalesce(body, ''))"
)
"""The indexed expression; queries must repeat it word for word to use the GIN index."""
PG_INDEX = "ix_search_docs_fts"


def install(connection: Connection) -> None:
    """Create the dialect's full-text index over ``search_docs`` (idempotent)."""
    name = connection.dialect.name
    if name == "sqlite":
        for statement in _SQLITE_DDL:
            connection.exec_driver_sql(statement)
    elif name == "postgresql":
        _install_postgres(connection)


def _install_postgres(connection: Connection) -> None:
    exists = connection.exec_driver_sql(
        f"SELECT 1 FROM pg_ts_config WHERE cfgname = '{PG_CONFIG}'"
    ).scalar()
    if not exists:
        connection.exec_driver_sql(
            f"CREATE TEXT SEARCH CONFIGURATION {PG_CONFIG} (COPY = pg_catalog.simple)"
        )
        if _try_unaccent(connection):
            connection.exec_driver_sql(
                f"ALTER TEXT SEARCH CONFIGURATION {PG_CONFIG} "
                "ALTER MAPPING FOR hword, hword_part, word WITH unaccent, simple"
            )
    connection.exec_driver_sql("DROP INDEX IF EXISTS ix_search_docs_tsv")  # 'simple', untested
    connection.exec_driver_sql(
        f"CREATE INDEX IF NOT EXISTS {PG_INDEX} ON search_docs USING GIN ({PG_DOCUMENT})"
    )


def _try_unaccent(connection: Connection) -> bool:
    """``CREATE EXTENSION unaccent`` if the server ships it and we may (a trusted extension
    since PostgreSQL 13: the database owner may); search still works without it."""
    try:
        with connection.begin_nested():
            connection.exec_driver_sql("CREATE EXTENSION IF NOT EXISTS unaccent")
    except DBAPIError:
        return False
    return True


def upsert(
    session: Session, *, kind: str, ref_id: int, article_id: int | None, title: str, body: str
) -> None:
    row = session.scalar(
        select(SearchDocRow).where(SearchDocRow.kind == kind, SearchDocRow.ref_id == ref_id)
    )
    if row is None:
        session.add(
            SearchDocRow(kind=kind, ref_id=ref_id, article_id=article_id, title=title, body=body)
        )
    else:
        row.article_id, row.title, row.body = article_id, title, body


def remove(session: Session, *, kind: str, ref_ids: list[int]) -> None:
    if ref_ids:
        session.execute(
            delete(SearchDocRow).where(SearchDocRow.kind == kind, SearchDocRow.ref_id.in_(ref_ids))
        )


def remove_article(session: Session, article_id: int) -> None:
    """Drop the article's document and those of its claims."""
    session.execute(delete(SearchDocRow).where(SearchDocRow.article_id == article_id))
    remove(session, kind="article", ref_ids=[article_id])


_WORD = re.compile(r"\w+", re.UNICODE)


def fts5_query(user_query: str) -> str:
    """A user's words as an FTS5 query: every word must occur, the last one as a prefix.

    Quoting each word keeps punctuation such as ``U.S.`` or ``"`` from being read as
    FTS5 syntax, so no user input can make the query fail.
    """
    words = _WORD.findall(user_query)
    if not words:
        return ""
    quoted = [f'"{w}"' for w in words]
    quoted[-1] += "*"
    return " ".join(quoted)


def query(session: Session, user_query: str, *, limit: int = 50) -> list[SearchHit]:
    if session.get_bind().dialect.name == "postgresql":
        return _query_postgres(session, user_query, limit)
    return _query_sqlite(session, user_query, limit)


def _query_sqlite(session: Session, user_query: str, limit: int) -> list[SearchHit]:
    match = fts5_query(user_query)
    if not match:
        return []
    # FTS5's own ``rank`` column (bm25 with default weights) lets the module sort and
    # stop at the limit, so snippet() runs for the hits returned only; ``ORDER BY
    # bm25(...)`` made SQLite build a snippet for every match before sorting (3x slower
    # on 1,000 articles where a common word matches most of them).
    rows = session.execute(
        text(
            "SELECT d.kind, d.ref_id, d.article_id, d.title, "
            "snippet(search_fts, 1, :open, :close, '…', 16), search_fts.rank "
            "FROM search_fts JOIN search_docs d ON d.id = search_fts.rowid "
            "WHERE search_fts MATCH :match ORDER BY search_fts.rank LIMIT :limit"
        ),
        {"open": SNIPPET_OPEN, "close": SNIPPET_CLOSE, "match": match, "limit": limit},
    )
    return [SearchHit(r[0], r[1], r[2], r[3], r[4], float(r[5])) for r in rows]


def tsquery(user_query: str) -> str:
    """A user's words as a ``to_tsquery`` string: all words, the last one as a prefix.

    Each word is quoted as a lexeme, so nothing a user types is read as tsquery syntax.
    """
    words = _WORD.findall(user_query)
    if not words:
        return ""
    quoted = [f"'{w}'" for w in words]
    quoted[-1] += ":*"
    return " & ".join(quoted)


def _query_postgres(session: Session, user_query: str, limit: int) -> list[SearchHit]:
    tsq = tsquery(user_query)
    if not tsq:
        return []
    headline_options = (
        f"StartSel={SNIPPET_OPEN}, StopSel={SNIPPET_CLOSE}, MaxWords=20, MinWords=8, "
        "MaxFragments=1, FragmentDelimiter=…"
    )
    rows = session.execute(
        text(
            f"WITH q AS (SELECT to_tsquery('{PG_CONFIG}'::regconfig, :tsq) AS query) "
            "SELECT d.kind, d.ref_id, d.article_id, d.title, "
            f"ts_headline('{PG_CONFIG}'::regconfig, d.body, q.query, :options), "
            f"ts_rank({PG_DOCUMENT}, q.query) AS rank "
            f"FROM search_docs d, q WHERE {PG_DOCUMENT} @@ q.query "
            "ORDER BY rank DESC, d.id LIMIT :limit"
        ),
        {"tsq": tsq, "options": headline_options, "limit": limit},
    )
    return [SearchHit(r[0], r[1], r[2], r[3], r[4], -float(r[5])) for r in rows]

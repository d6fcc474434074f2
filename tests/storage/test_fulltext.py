"""Full-text search behind one interface: FTS5 on SQLite, tsvector + GIN on PostgreSQL.

Both must find articles, claims and notes, mark the hit in a snippet, ignore case and
diacritics, treat the last word as a prefix, and never fail on what a user types.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from sqlalchemy import text

from workbench.domain.events import MATCH_OPEN
from workbench.storage import search
from workbench.storage.db import Database
from workbench.storage.schema import ensure_schema

ARTICLE = (
    "The ministry said 91 long-range drones were launched overnight. Officials at the "
    "embassy confirmed a meeting with the attaché on Monday."
)


@pytest.fixture
def db(db_url: str) -> Iterator[Database]:
    database = Database(db_url)
    ensure_schema(database)
    with database.write() as s:
        search.upsert(s, kind="article", ref_id=1, article_id=1, title="Drones", body=ARTICLE)
        search.upsert(
            s,
            kind="claim",
            ref_id=7,
            article_id=1,
            title="91 long-range drones were launched",
            body="91 long-range drones were launched\nthe ministry\nUnproven",
        )
        search.upsert(
            s,
            kind="note",
            ref_id=3,
            article_id=None,
            title="Embassy statement",
            body="The Attaché met officials of the Ministry on Monday morning.",
        )
    yield database
    database.dispose()


def hits(db: Database, query: str) -> dict[tuple[str, int], str]:
    with db.read() as s:
        return {(h.kind, h.ref_id): h.snippet for h in search.query(s, query)}


def test_articles_claims_and_notes_are_found_with_the_hit_marked(db: Database) -> None:
    found = hits(db, "ministry")
    assert set(found) == {("article", 1), ("claim", 7), ("note", 3)}
    assert "⟦ministry⟧" in found[("article", 1)]
    assert "⟦Ministry⟧" in found[("note", 3)]


def test_all_words_must_occur_and_the_last_is_a_prefix(db: Database) -> None:
    assert set(hits(db, "drones launch")) == {("article", 1), ("claim", 7)}
    assert set(hits(db, "embassy drones")) == {("article", 1)}
    assert hits(db, "drones elephant") == {}


def test_case_and_diacritics_do_not_matter(db: Database) -> None:
    assert set(hits(db, "ATTACHE")) == {("article", 1), ("note", 3)}
    assert set(hits(db, "attaché")) == {("article", 1), ("note", 3)}


@pytest.mark.parametrize(
    "typed", ['"', "U.S.", "a & b | !c", "drones:* <->", "'; DROP TABLE x; --", "_", "  "]
)
def test_nothing_a_user_types_makes_the_query_fail(db: Database, typed: str) -> None:
    hits(db, typed)


def test_an_updated_or_removed_document_is_searched_as_it_is_now(db: Database) -> None:
    with db.write() as s:
        search.upsert(
            s, kind="note", ref_id=3, article_id=None, title="Embassy", body="wreckage photos"
        )
        search.remove(s, kind="claim", ref_ids=[7])
    assert set(hits(db, "wreckage")) == {("note", 3)}
    assert set(hits(db, "launched")) == {("article", 1)}


def test_postgresql_answers_from_the_gin_index(db: Database) -> None:
    if db.is_sqlite:
        pytest.skip("the GIN index is PostgreSQL's")
    with db.engine.connect() as conn:
        conn.exec_driver_sql("SET enable_seqscan = off")
        plan = "\n".join(
            conn.execute(
                text(
                    f"EXPLAIN SELECT id FROM search_docs WHERE {search.PG_DOCUMENT} @@ "
                    f"to_tsquery('{search.PG_CONFIG}'::regconfig, :q)"
                ),
                {"q": search.tsquery("drones")},
            ).scalars()
        )
    assert search.PG_INDEX in plan


@pytest.mark.parametrize(
    ("typed", "query"),
    [
        ("drones", "'drones':*"),
        ("U.S. drones", "'U' & 'S' & 'drones':*"),
        ("a & b | !c", "'a' & 'b' & 'c':*"),
        ("  ", ""),
    ],
)
def test_user_words_become_quoted_lexemes(typed: str, query: str) -> None:
    assert search.tsquery(typed) == query


def test_the_best_matches_come_first_up_to_the_limit(db: Database) -> None:
    with db.write() as s:
        for ref_id in range(10, 20):
            body = "A note about the budget." + " Drones again." * (ref_id - 9)
            search.upsert(s, kind="note", ref_id=ref_id, article_id=None, title="t", body=body)
    with db.read() as s:
        found = search.query(s, "drones", limit=4)
    assert [h.ref_id for h in found][:3] == [19, 18, 17]
    assert len(found) == 4
    assert [h.rank for h in found] == sorted(h.rank for h in found)
    assert all(MATCH_OPEN in h.snippet for h in found)

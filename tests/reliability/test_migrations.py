"""Every Alembic revision upgrades a database of the previous revision without losing data.

For each revision found in the script directory (so a new one is covered without
touching this file): build a database at its parent revision, fill every table of that
revision with rows written by plain SQL from the schema *as it was then* (reflected, not
today's models), upgrade, and check that every row is still there with the same values
in every column that survived, that SQLite's integrity and foreign-key checks pass, and
that the program at head reads the data back through its services.

A revision that changes data on purpose says how in ``EXPECTED_CHANGES``.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from datetime import UTC, date, datetime
from typing import Any

import pytest
from alembic.script import ScriptDirectory
from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    DateTime,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    and_,
    insert,
    select,
    text,
)

from workbench.services import open_services
from workbench.storage.db import Database
from workbench.storage.schema import alembic_config, ensure_schema, upgrade

SCRIPT = ScriptDirectory.from_config(alembic_config())
STEPS = [
    pytest.param(rev.down_revision, rev.revision, id=f"{rev.down_revision}->{rev.revision}")
    for rev in reversed(list(SCRIPT.walk_revisions()))
    if isinstance(rev.down_revision, str)
]
ROWS = 3
SKIPPED_TABLES = ("alembic_version", "sqlite_", "search_fts")
"""Alembic's own table, SQLite's, and the FTS5 index (kept by triggers on search_docs)."""

Row = dict[str, Any]
EXPECTED_CHANGES: dict[str, Callable[[str, Row, Row], None]] = {}
"""revision -> check(table, row before, row after) for a revision that rewrites values."""

TEXT = "Sentence one. Sentence two."
_DOMAIN: dict[str, Callable[[int], Any]] = {
    # values the program at head must be able to read back (enums, offsets, colours)
    "articles.text": lambda i: TEXT,
    "articles.sentences": lambda i: [[0, 13], [14, 27]],
    "articles.source_format": lambda i: "txt",
    "articles.parent_id": lambda i: None,
    "claims.start_offset": lambda i: 0,
    "claims.end_offset": lambda i: 13,
    "claims.exact": lambda i: "Sentence one.",
    "claims.status": lambda i: "open",
    "claims.version": lambda i: 1 + i,
    "notes.version": lambda i: 1 + i,
    "notes.reliability": lambda i: 3,
    "claim_notes.stance": lambda i: "supports",
    "labels.color": lambda i: "#1f77b4",
    "labels.shortcut": lambda i: f"{i + 1}",
    "events.payload": lambda i: {"comment": [None, f"edit {i}"]},
    "events.action": lambda i: "claim.edit",
    "events.entity": lambda i: "claim",
    "search_docs.kind": lambda i: "note",
}


def _value(table: Table, name: str, column: Any, i: int) -> Any:
    key = f"{table.name}.{name}"
    if key in _DOMAIN:
        return _DOMAIN[key](i)
    if name == "sha256" or name.endswith("_sha256"):
        return hashlib.sha256(f"{key}{i}".encode()).hexdigest()
    kind = column.type
    if isinstance(kind, Boolean):
        return i % 2 == 0
    if isinstance(kind, Integer):
        return 1000 + i
    if isinstance(kind, DateTime):
        return datetime(2026, 1, 2, 3, 4, i, tzinfo=UTC)
    if isinstance(kind, Date):
        return date(2026, 1, 1 + i)
    if isinstance(kind, JSON):
        return {"i": i, "text": "ünïcödé ✓"}
    if isinstance(kind, LargeBinary):
        return bytes([i]) * 16
    if isinstance(kind, String):
        value = f"{table.name} {name} #{i} – ünï ✓"
        return value[: kind.length] if kind.length else value
    return f"{i}"


def _fill(conn: Any, metadata: MetaData) -> dict[str, list[Row]]:
    """ROWS rows per table, parents first, foreign keys pointing at rows written here."""
    written: dict[str, list[Row]] = {}
    for table in metadata.sorted_tables:
        if table.name.startswith(SKIPPED_TABLES):
            continue
        rows = []
        for i in range(ROWS):
            row = {c.name: _value(table, c.name, c, i) for c in table.columns if c.computed is None}
            for fk in table.foreign_key_constraints:
                parents = written.get(fk.referred_table.name)
                if fk.referred_table.name == table.name or not parents:
                    for column in fk.column_keys:
                        row[column] = None
                    continue
                parent = parents[i % len(parents)]
                for element in fk.elements:
                    row[element.parent.name] = parent[element.column.name]
            rows.append(row)
        conn.execute(insert(table), rows)
        written[table.name] = rows
    return written


def _reflect(db: Database) -> MetaData:
    metadata = MetaData()
    with db.engine.connect() as conn:
        metadata.reflect(conn)
    return metadata


def _normal(value: Any) -> Any:
    if isinstance(value, datetime) and value.tzinfo is None:
        return value.replace(tzinfo=UTC)
    return value


@pytest.mark.parametrize(("previous", "revision"), STEPS)
def test_upgrade_keeps_every_row_of_the_previous_revision(
    db_url: str, previous: str, revision: str
) -> None:
    db = Database(db_url)
    upgrade(db, previous)
    before = _reflect(db)
    with db.engine.begin() as conn:
        written = _fill(conn, before)
    assert written, "nothing was written at the previous revision"

    upgrade(db, revision)
    after = _reflect(db)
    changed = EXPECTED_CHANGES.get(revision)
    with db.engine.connect() as conn:
        for name, rows in written.items():
            assert name in after.tables, f"{revision} dropped table {name} with its data"
            table = after.tables[name]
            kept = [c.name for c in before.tables[name].columns if c.name in table.columns]
            count = conn.execute(select(table.c[kept[0]])).all()
            assert len(count) == len(rows), f"{name}: {len(rows)} rows before, {len(count)} after"
            key = [c.name for c in table.primary_key.columns] or kept
            for row in rows:
                found = conn.execute(
                    select(*[table.c[c] for c in kept]).where(
                        and_(*[table.c[k] == row[k] for k in key])
                    )
                ).one_or_none()
                assert found is not None, f"{name} row {[row[k] for k in key]} lost"
                now = {c: _normal(v) for c, v in found._mapping.items()}
                if changed is not None:
                    changed(name, row, now)
                else:
                    assert now == {c: _normal(row[c]) for c in kept}, name
        if db.is_sqlite:
            assert conn.execute(text("PRAGMA integrity_check")).scalar() == "ok"
            assert conn.execute(text("PRAGMA foreign_key_check")).all() == []

    # The program at head opens it and reads the data back as domain objects.
    ensure_schema(db)
    db.dispose()
    services = open_services(db_url)
    try:
        summaries = services.articles.summaries()
        assert len(summaries) == ROWS
        for summary in summaries:
            article = services.articles.get(summary.id)
            assert article.text == TEXT
            for claim in services.claims.for_article(article.id):
                assert claim.quote.exact == "Sentence one."
        library = services.notes.library()
        assert len(library) == ROWS
        assert all(usage.claim_ids for usage in library)
    finally:
        services.close()


def test_every_revision_is_covered() -> None:
    """One step per revision after the first: a new revision joins the test by itself."""
    revisions = list(SCRIPT.walk_revisions())
    assert len(STEPS) == len(revisions) - 1 >= 1

"""Moving up: copy one database into another (a personal SQLite file into the team's
PostgreSQL), idempotently, and prove the copy with counts and checksums.

Rows get fresh ids in the target, so several people can move their work into one team
database; ``copied_rows`` remembers source id -> target id per source database, so a
second run copies only what is new (rows copied before are not updated). Labels are
matched by name. Links, events and search documents follow the mapping; event payloads
that name labels, notes or claims are mapped too, and events about records deleted
before the move keep their details with ``entity_id`` 0. Files (article originals and
attachments) are copied into the target's file store, which on a team database is the
database itself. All rows go in one transaction: a failed run leaves nothing half-done.
"""

from __future__ import annotations

import hashlib
import json
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Table, func, insert, select
from sqlalchemy.orm import Session

from workbench.domain import UserError
from workbench.storage.blobs import DatabaseFileStore
from workbench.storage.db import Database
from workbench.storage.filestore import FileStore
from workbench.storage.models import (
    ArticleRow,
    AttachmentRow,
    ClaimRow,
    CopiedRow,
    EventRow,
    LabelRow,
    LinkRow,
    NoteRow,
    SearchDocRow,
)
from workbench.storage.schema import database_id

Row = dict[str, Any]
IdMap = dict[int, int]

ENTITIES = ("labels", "articles", "claims", "notes", "attachments", "links", "events")
_TABLES: dict[str, Table] = {
    "labels": LabelRow.__table__,  # type: ignore[dict-item]
    "articles": ArticleRow.__table__,  # type: ignore[dict-item]
    "claims": ClaimRow.__table__,  # type: ignore[dict-item]
    "notes": NoteRow.__table__,  # type: ignore[dict-item]
    "attachments": AttachmentRow.__table__,  # type: ignore[dict-item]
    "links": LinkRow.__table__,  # type: ignore[dict-item]
    "events": EventRow.__table__,  # type: ignore[dict-item]
}
_ENTITY_OF_EVENT = {"article": "articles", "claim": "claims", "note": "notes", "label": "labels"}


@dataclass
class TableResult:
    name: str
    source: int = 0
    """Rows in the source."""
    copied: int = 0
    """Copied by this run."""
    already: int = 0
    """Copied by an earlier run (or, for labels and links, already in the target)."""
    source_checksum: str = ""
    target_checksum: str = ""

    @property
    def ok(self) -> bool:
        return self.source == self.copied + self.already and (
            self.source_checksum == self.target_checksum
        )


@dataclass
class MigrationResult:
    source: str
    target: str
    tables: list[TableResult] = field(default_factory=list)
    files: TableResult = field(default_factory=lambda: TableResult("files"))
    missing_files: list[str] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        return all(t.ok for t in self.tables) and self.files.ok

    @property
    def copied(self) -> int:
        return sum(t.copied for t in self.tables)


@dataclass
class _Maps:
    """Source id -> target id, per entity."""

    ids: dict[str, IdMap] = field(default_factory=lambda: {e: {} for e in ENTITIES})

    def ref(self, entity: str, source_id: int | None) -> int | None:
        return None if source_id is None else self.ids[entity].get(source_id)


Progress = Callable[[str], None]


def migrate(
    source: Database,
    target: Database,
    *,
    source_files: FileStore,
    target_files: FileStore,
    progress: Progress | None = None,
) -> MigrationResult:
    """Copy everything in ``source`` that is not yet in ``target``; then verify it all."""
    started = time.monotonic()
    say = progress or (lambda _msg: None)
    source_key = database_id(source)
    if source_key == database_id(target):
        raise UserError("The source and the target are the same database; nothing to copy.")
    result = MigrationResult(source.display_name, target.display_name)
    say("copying files")
    _copy_files(source, source_files, target_files, result)
    with source.read() as src, target.write() as dst:
        maps = _load_maps(dst, source_key)
        for entity in ENTITIES:
            say(f"copying {entity}")
            table_result = TableResult(entity)
            rows = _rows(src, entity)
            table_result.source = len(rows)
            _COPIERS[entity](dst, rows, maps, table_result, source_key)
            result.tables.append(table_result)
        say("indexing for search")
        _copy_search_docs(src, dst, maps)
    say("verifying")
    verify(source, target, result)
    result.seconds = time.monotonic() - started
    return result


def verify(source: Database, target: Database, result: MigrationResult) -> None:
    """Checksums over each table's content, the source's with its references mapped to
    target ids, the target's over the rows the source's were copied to."""
    source_key = database_id(source)
    with source.read() as src, target.read() as dst:
        maps = _load_maps(dst, source_key)
        for table_result in result.tables:
            entity = table_result.name
            rows = _rows(src, entity)
            mapped = [_canonical(entity, _mapped_row(entity, r, maps)) for r in rows]
            table_result.source_checksum = _digest(mapped)
            target_rows = _target_rows(dst, entity, rows, maps)
            table_result.target_checksum = _digest(_canonical(entity, r) for r in target_rows)


# --- reading ------------------------------------------------------------------------


def _rows(session: Session, entity: str) -> list[Row]:
    table = _TABLES[entity]
    order = [table.c.claim_id, table.c.note_id] if entity == "links" else [table.c.id]
    return [dict(r._mapping) for r in session.execute(select(table).order_by(*order))]


def _load_maps(session: Session, source_key: str) -> _Maps:
    maps = _Maps()
    stmt = select(CopiedRow.entity, CopiedRow.source_id, CopiedRow.target_id).where(
        CopiedRow.source_db == source_key
    )
    for entity, source_id, target_id in session.execute(stmt):
        if entity in maps.ids:
            maps.ids[entity][source_id] = target_id
    return maps


def _target_rows(session: Session, entity: str, rows: Sequence[Row], maps: _Maps) -> list[Row]:
    table = _TABLES[entity]
    if entity == "links":
        by_key = {
            (hit.claim_id, hit.note_id): dict(hit._mapping)
            for hit in session.execute(select(table))
        }
        keys = [(maps.ref("claims", r["claim_id"]), maps.ref("notes", r["note_id"])) for r in rows]
        return [by_key[k] for k in keys if k in by_key]
    ids = [maps.ids[entity][r["id"]] for r in rows if r["id"] in maps.ids[entity]]
    by_id: dict[int, Row] = {}
    for chunk in _chunked(ids, 500):
        for hit in session.execute(select(table).where(table.c.id.in_(chunk))):
            by_id[hit.id] = dict(hit._mapping)
    return [by_id[i] for i in ids if i in by_id]


# --- copying ------------------------------------------------------------------------


def _copy_labels(s: Session, rows: list[Row], maps: _Maps, res: TableResult, key: str) -> None:
    table = _TABLES["labels"]
    existing = {name.lower(): i for i, name in s.execute(select(table.c.id, table.c.name))}
    fresh: list[Row] = []
    for r in rows:
        if r["id"] in maps.ids["labels"]:
            res.already += 1
        elif r["name"].lower() in existing:
            maps.ids["labels"][r["id"]] = existing[r["name"].lower()]
            _remember(s, key, "labels", [(r["id"], existing[r["name"].lower()])])
            res.already += 1
        else:
            fresh.append(r)
    _insert(s, "labels", fresh, maps, res, key)


def _copy_articles(s: Session, rows: list[Row], maps: _Maps, res: TableResult, key: str) -> None:
    fresh = _not_copied(rows, maps, "articles", res)
    _insert(s, "articles", fresh, maps, res, key)
    table = _TABLES["articles"]
    for r in fresh:  # revisions whose parent came later in id order
        parent = maps.ref("articles", r["parent_id"])
        if r["parent_id"] is not None and parent is not None:
            s.execute(
                table.update()
                .where(table.c.id == maps.ids["articles"][r["id"]])
                .values(parent_id=parent)
            )


def _copy_simple(entity: str) -> Callable[[Session, list[Row], _Maps, TableResult, str], None]:
    def copy(s: Session, rows: list[Row], maps: _Maps, res: TableResult, key: str) -> None:
        _insert(s, entity, _not_copied(rows, maps, entity, res), maps, res, key)

    return copy


def _copy_links(s: Session, rows: list[Row], maps: _Maps, res: TableResult, key: str) -> None:
    table = _TABLES["links"]
    present = {(c, n) for c, n in s.execute(select(table.c.claim_id, table.c.note_id))}
    fresh = []
    for r in rows:
        mapped = _mapped_row("links", r, maps)
        if (mapped["claim_id"], mapped["note_id"]) in present:
            res.already += 1
        else:
            fresh.append(mapped)
    if fresh:
        s.execute(insert(table), fresh)
    res.copied += len(fresh)


_COPIERS: dict[str, Callable[[Session, list[Row], _Maps, TableResult, str], None]] = {
    "labels": _copy_labels,
    "articles": _copy_articles,
    "claims": _copy_simple("claims"),
    "notes": _copy_simple("notes"),
    "attachments": _copy_simple("attachments"),
    "links": _copy_links,
    "events": _copy_simple("events"),
}


def _not_copied(rows: list[Row], maps: _Maps, entity: str, res: TableResult) -> list[Row]:
    fresh = [r for r in rows if r["id"] not in maps.ids[entity]]
    res.already += len(rows) - len(fresh)
    return fresh


def _insert(
    s: Session, entity: str, rows: list[Row], maps: _Maps, res: TableResult, key: str
) -> None:
    """Insert with fresh ids (in source id order) and remember the mapping."""
    if not rows:
        return
    table = _TABLES[entity]
    values = []
    for r in rows:
        mapped = _mapped_row(entity, r, maps)
        del mapped["id"]
        if entity == "articles":
            mapped["parent_id"] = None  # set once every article has its id
        values.append(mapped)
    new_ids = s.scalars(
        insert(table).returning(table.c.id, sort_by_parameter_order=True), values
    ).all()
    pairs = list(zip((r["id"] for r in rows), new_ids, strict=True))
    maps.ids[entity].update(pairs)
    _remember(s, key, entity, pairs)
    res.copied += len(rows)


def _remember(s: Session, key: str, entity: str, pairs: Iterable[tuple[int, int]]) -> None:
    values = [
        {"source_db": key, "entity": entity, "source_id": a, "target_id": b} for a, b in pairs
    ]
    if values:
        s.execute(insert(CopiedRow), values)


def _copy_search_docs(src: Session, dst: Session, maps: _Maps) -> None:
    """Search documents of the rows copied by this run (found by their new ids)."""
    kinds = {"article": "articles", "claim": "claims", "note": "notes"}
    indexed = {
        (kind, ref) for kind, ref in dst.execute(select(SearchDocRow.kind, SearchDocRow.ref_id))
    }
    values = []
    for doc in src.scalars(select(SearchDocRow).order_by(SearchDocRow.id)):
        ref = maps.ref(kinds.get(doc.kind, ""), doc.ref_id) if doc.kind in kinds else None
        if ref is None or (doc.kind, ref) in indexed:
            continue
        values.append(
            {
                "kind": doc.kind,
                "ref_id": ref,
                "article_id": maps.ref("articles", doc.article_id),
                "title": doc.title,
                "body": doc.body,
            }
        )
    if values:
        dst.execute(insert(SearchDocRow), values)


def _copy_files(
    source: Database, source_files: FileStore, target_files: FileStore, result: MigrationResult
) -> None:
    """Originals and attachments the source's rows name, into the target's store."""
    with source.read() as s:
        hashes = sorted(
            set(s.scalars(select(ArticleRow.sha256))) | set(s.scalars(select(AttachmentRow.sha256)))
        )
    digest = hashlib.sha256()
    for sha in hashes:
        result.files.source += 1
        local = source_files.path_for(sha)
        if not local.is_file():
            result.missing_files.append(sha)
            result.files.already += 1  # nothing to copy; listed as missing
            continue
        if _target_has(target_files, sha):
            result.files.already += 1
        else:
            target_files.put_file(local)
            result.files.copied += 1
        digest.update(sha.encode())
    result.files.source_checksum = digest.hexdigest()
    check = hashlib.sha256()
    for sha in hashes:
        if sha not in result.missing_files and _target_has(target_files, sha):
            check.update(sha.encode())
    result.files.target_checksum = check.hexdigest()


def _target_has(files: FileStore, sha: str) -> bool:
    if isinstance(files, DatabaseFileStore):
        return files.in_database(sha)
    return files.has(sha)


# --- mapping and checksums --------------------------------------------------------------


def _mapped_row(entity: str, row: Row, maps: _Maps) -> Row:
    """The row as it should read in the target: references through the id maps."""
    out = dict(row)
    if entity == "articles":
        out["parent_id"] = maps.ref("articles", row["parent_id"])
    elif entity == "claims":
        out["article_id"] = maps.ref("articles", row["article_id"])
        out["label_id"] = maps.ref("labels", row["label_id"])
    elif entity == "attachments":
        out["note_id"] = maps.ref("notes", row["note_id"])
    elif entity == "links":
        out["claim_id"] = maps.ref("claims", row["claim_id"])
        out["note_id"] = maps.ref("notes", row["note_id"])
    elif entity == "events":
        kind = _ENTITY_OF_EVENT.get(row["entity"])
        out["entity_id"] = (maps.ref(kind, row["entity_id"]) if kind else None) or 0
        out["article_id"] = maps.ref("articles", row["article_id"])
        out["payload"] = _mapped_payload(row["payload"] or {}, maps)
    return out


def _mapped_payload(payload: dict[str, Any], maps: _Maps) -> dict[str, Any]:
    out = dict(payload)
    for key, entity in (("label_id", "labels"), ("note_id", "notes")):
        value = out.get(key)
        if isinstance(value, int):
            out[key] = maps.ref(entity, value)
        elif isinstance(value, list):  # [before, after] in an edit
            out[key] = [maps.ref(entity, v) if isinstance(v, int) else v for v in value]
    if isinstance(out.get("claims"), list):
        out["claims"] = [maps.ref("claims", c) if isinstance(c, int) else c for c in out["claims"]]
    return out


_IGNORED = {
    "labels": {
        "color",
        "shortcut",
        "builtin",
        "position",
        "rating_name",
        "rating_value",
        "rating_best",
        "rating_worst",
    }
}
"""Labels are matched by name: a team's own colour, order or rating for a label is kept."""


def _canonical(entity: str, row: Row) -> str:
    skip = {"id"} | _IGNORED.get(entity, set())
    clean = {k: _plain(v) for k, v in sorted(row.items()) if k not in skip}
    if entity == "labels":
        clean["name"] = str(clean["name"]).lower()
    return json.dumps(clean, sort_keys=True, ensure_ascii=False)


def _plain(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    return value


def _digest(lines: Iterable[str]) -> str:
    digest = hashlib.sha256()
    for line in sorted(lines):
        digest.update(line.encode())
        digest.update(b"\n")
    return digest.hexdigest()


def _chunked(items: Sequence[int], size: int) -> Iterable[Sequence[int]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def count_rows(db: Database) -> dict[str, int]:
    """Rows per copied table (for the report and tests)."""
    with db.read() as s:
        return {e: s.scalar(select(func.count()).select_from(_TABLES[e])) or 0 for e in ENTITIES}


def default_files(home: Path, db: Database) -> FileStore:
    """The file store that goes with ``db`` on this machine (see ``open_services``)."""
    files = home / "files"
    return FileStore(files) if db.is_sqlite else DatabaseFileStore(files, db)

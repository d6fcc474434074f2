"""What autogenerate and schema comparisons should ignore."""

from __future__ import annotations

from workbench.storage.search import PG_INDEX


def include_name(name: str | None, type_: str, parent_names: object) -> bool:
    """Leave the full-text machinery to ``search.install()``: the FTS5 table and its
    shadow tables on SQLite, the expression GIN index on PostgreSQL."""
    if type_ == "table" and (name or "").startswith("search_fts"):
        return False
    return not (type_ == "index" and name == PG_INDEX)

"""What autogenerate and schema comparisons should ignore."""

from __future__ import annotations


def include_name(name: str | None, type_: str, parent_names: object) -> bool:
    """Leave the FTS5 table and its shadow tables to ``search.install()``."""
    return not (type_ == "table" and (name or "").startswith("search_fts"))

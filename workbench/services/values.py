"""Text values as every backend can store them.

PostgreSQL's text type cannot hold NUL characters (SQLite can), so a field pasted
with one would save on a laptop and fail on the team server; both drop them here.
"""

from __future__ import annotations


def storable(value: str) -> str:
    return value.replace("\x00", "")

"""A user's words become a safe FTS5 query, whatever punctuation they type."""

from __future__ import annotations

import pytest

from workbench.storage.search import fts5_query


@pytest.mark.parametrize(
    ("typed", "query"),
    [
        ("drones", '"drones"*'),
        ("U.S. drones", '"U" "S" "drones"*'),
        ('"concrete proof', '"concrete" "proof"*'),
        ("NEAR(a b) OR -c", '"NEAR" "a" "b" "OR" "c"*'),
        ("  ", ""),
        ("Łukasiewicz", '"Łukasiewicz"*'),
    ],
)
def test_user_words_are_quoted(typed: str, query: str) -> None:
    assert fts5_query(typed) == query

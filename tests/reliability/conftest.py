"""Fixtures for the reliability tests: a fork server for editor processes, and the
bad-input corpus written once per session by ``tests/data/make_bad_inputs.py``."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))  # crash_harness, child_editor, bad_corpus

from bad_corpus import load_make_bad_inputs  # noqa: E402
from crash_harness import ForkServer  # noqa: E402


@pytest.fixture(scope="session")
def fork_server() -> Iterator[ForkServer]:
    """Forks editor processes with the workbench already imported (milliseconds each)."""
    with ForkServer() as server:
        yield server


@pytest.fixture(scope="session")
def bad_corpus(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The corpus without the big files (those are made and removed by their test)."""
    return dict(load_make_bad_inputs().make_all(tmp_path_factory.mktemp("bad")))

"""Shared fixtures: offscreen Qt, a real SQLite file per test, services on it."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


@pytest.fixture(autouse=True)
def _isolated_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Every test gets its own data dir, so nothing touches the user's real data."""
    home = tmp_path / "home"
    monkeypatch.setenv("WORKBENCH_HOME", str(home))
    monkeypatch.delenv("WORKBENCH_DB", raising=False)
    monkeypatch.setenv("WORKBENCH_USER", "tester")
    return home


@pytest.fixture
def db_url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'workbench.sqlite'}"


@pytest.fixture
def services(db_url: str, tmp_path: Path) -> Iterator[object]:
    from workbench.services import open_services

    svc = open_services(db_url, data_dir=tmp_path / "home")
    yield svc
    svc.close()

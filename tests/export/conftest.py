"""Fixtures of the export tests (helpers in ``export_fixtures``)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from export_fixtures import Sample, make_sample


@pytest.fixture(scope="module")
def sample(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Sample]:
    s = make_sample(tmp_path_factory.mktemp("sample"))
    yield s
    s.services.close()


@pytest.fixture
def fresh_sample(tmp_path: Path) -> Iterator[Sample]:
    """A sample of one's own, to change."""
    s = make_sample(tmp_path)
    yield s
    s.services.close()

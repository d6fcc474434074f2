"""The content-addressed file store: names from hashes only, atomic writes."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from workbench.storage.filestore import FileStore


def test_a_file_is_stored_under_its_hash_and_read_back(tmp_path: Path) -> None:
    store = FileStore(tmp_path / "files")
    source = tmp_path / "../evil name\n.pdf".replace("/", "_")
    source.write_bytes(b"evidence" * 1000)
    sha, size = store.put_file(source)
    assert sha == hashlib.sha256(b"evidence" * 1000).hexdigest()
    assert size == 8000
    assert store.path_for(sha).parent.parent == tmp_path / "files"
    assert store.read_bytes(sha) == b"evidence" * 1000
    assert list(store.all_hashes()) == [sha]


def test_the_same_content_is_stored_once(tmp_path: Path) -> None:
    store = FileStore(tmp_path / "files")
    assert store.put_bytes(b"a") == store.put_bytes(b"a")
    assert len(list(store.all_hashes())) == 1


@pytest.mark.parametrize("name", ["../../etc/passwd", "", "ab" * 40, "G" * 64])
def test_a_path_is_never_built_from_anything_but_a_hash(tmp_path: Path, name: str) -> None:
    with pytest.raises(ValueError):
        FileStore(tmp_path).path_for(name)

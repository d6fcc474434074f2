"""Content-addressed file store in the data dir: original articles and note attachments.

A file's path is made from its SHA-256 only, so no file name a source sends can
point outside the store.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

CHUNK = 1 << 20


class FileStore:
    def __init__(self, root: Path) -> None:
        self.root = root

    def path_for(self, sha256: str) -> Path:
        if len(sha256) != 64 or any(c not in "0123456789abcdef" for c in sha256):
            raise ValueError(f"not a SHA-256 hex digest: {sha256!r}")
        return self.root / sha256[:2] / sha256

    def has(self, sha256: str) -> bool:
        return self.path_for(sha256).is_file()

    def put_bytes(self, data: bytes) -> str:
        sha = hashlib.sha256(data).hexdigest()
        if not self.has(sha):
            self._write_atomically(sha, iter([data]))
        return sha

    def put_file(self, source: Path) -> tuple[str, int]:
        """Copy a file in; returns its hash and size. Streams, so big files use little memory."""
        digest = hashlib.sha256()
        size = 0
        with source.open("rb") as f:
            for chunk in iter(lambda: f.read(CHUNK), b""):
                digest.update(chunk)
                size += len(chunk)
        sha = digest.hexdigest()
        if not self.has(sha):
            with source.open("rb") as f:
                self._write_atomically(sha, iter(lambda: f.read(CHUNK), b""))
        return sha, size

    def read_bytes(self, sha256: str) -> bytes:
        return self.local_path(sha256).read_bytes()

    def local_path(self, sha256: str) -> Path:
        """Where the file is on this machine, to open or read it (a shared store fetches it)."""
        return self.path_for(sha256)

    def put_chunks(self, sha256: str, chunks: Iterator[bytes]) -> Path:
        """Store content that should hash to ``sha256``; refuses it if it does not."""
        digest = hashlib.sha256()

        def hashed() -> Iterator[bytes]:
            for chunk in chunks:
                digest.update(chunk)
                yield chunk

        self._write_atomically(sha256, hashed(), check=digest)
        return self.path_for(sha256)

    def all_hashes(self) -> Iterator[str]:
        if not self.root.is_dir():
            return
        for path in self.root.glob("??/*"):
            if path.is_file() and len(path.name) == 64:
                yield path.name

    def remove(self, sha256: str) -> None:
        self.path_for(sha256).unlink(missing_ok=True)

    def _write_atomically(self, sha: str, chunks: Iterator[bytes], *, check: Any = None) -> None:
        target = self.path_for(sha)
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".incoming-")
        try:
            with os.fdopen(fd, "wb") as f:
                for chunk in chunks:
                    f.write(chunk)
                f.flush()
                os.fsync(f.fileno())
            if check is not None and check.hexdigest() != sha:
                raise ValueError(f"content does not match its SHA-256 {sha}")
            os.replace(tmp, target)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise

"""Files on a team database: kept in the database (``blobs`` + ``blob_chunks``), cached
in each machine's file store.

A colleague's attachment or article original must open on every machine, and the
database server is the one place all of them reach. Files go up in 1 MiB chunks in one
transaction, and come down on first use into the local content-addressed store, where
the hash is checked before the file is kept.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from workbench.domain import NotFoundError
from workbench.storage.db import Database
from workbench.storage.filestore import CHUNK, FileStore
from workbench.storage.models import BlobChunkRow, BlobRow


class DatabaseFileStore(FileStore):
    """A ``FileStore`` whose files are also in (and fetched from) the database."""

    def __init__(self, root: Path, db: Database) -> None:
        super().__init__(root)
        self._db = db

    def put_bytes(self, data: bytes) -> str:
        sha = super().put_bytes(data)
        self.upload(sha)
        return sha

    def put_file(self, source: Path) -> tuple[str, int]:
        sha, size = super().put_file(source)
        self.upload(sha)
        return sha, size

    def local_path(self, sha256: str) -> Path:
        path = self.path_for(sha256)
        if not path.is_file():
            self.download(sha256)
        return path

    def in_database(self, sha256: str) -> bool:
        with self._db.read() as s:
            return s.get(BlobRow, sha256) is not None

    def upload(self, sha256: str) -> bool:
        """Put the local file into the database unless it is there; True if it was put."""
        if self.in_database(sha256):
            return False
        path = self.path_for(sha256)
        size = path.stat().st_size
        try:
            with self._db.write() as s, path.open("rb") as f:
                chunks = 0
                s.add(BlobRow(sha256=sha256, size=size, chunks=0))
                s.flush()
                for seq, chunk in enumerate(iter(lambda: f.read(CHUNK), b"")):
                    s.add(BlobChunkRow(sha256=sha256, seq=seq, data=chunk))
                    s.flush()
                    s.expunge_all()  # keep one chunk in memory, not the whole file
                    chunks = seq + 1
                row = s.get(BlobRow, sha256)
                assert row is not None
                row.chunks = chunks
        except IntegrityError:  # a colleague uploaded the same file at the same moment
            return False
        return True

    def download(self, sha256: str) -> Path:
        """Fetch a file from the database into the local store (hash checked)."""
        with self._db.read() as s:
            if s.get(BlobRow, sha256) is None:
                raise NotFoundError(
                    f"The file {sha256[:12]}… is neither on this machine nor in the database."
                )
            return self.put_chunks(sha256, _chunks(self._db, sha256))


def _chunks(db: Database, sha256: str) -> Iterator[bytes]:
    """The file's chunks in order, one query each so memory stays at one chunk."""
    seq = 0
    while True:
        with db.read() as s:
            data = s.scalar(
                select(BlobChunkRow.data).where(
                    BlobChunkRow.sha256 == sha256, BlobChunkRow.seq == seq
                )
            )
        if data is None:
            return
        yield bytes(data)
        seq += 1

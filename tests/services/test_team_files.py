"""On a team database, files (article originals, attachments) live in the database, so
a colleague's machine can open them; each machine's file store is a cache."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from workbench.domain import NoteFields
from workbench.importers.base import ImportedArticle
from workbench.services import Services, open_services
from workbench.storage import filestore
from workbench.storage.blobs import DatabaseFileStore


def test_a_colleagues_attachment_opens_on_another_machine(
    services: Services, db_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    if services.db.is_sqlite:
        pytest.skip("a SQLite database is personal: its files stay in the local store")
    monkeypatch.setattr(filestore, "CHUNK", 1000)  # several chunks, in order
    monkeypatch.setattr("workbench.storage.blobs.CHUNK", 1000)
    data = bytes(range(256)) * 20
    source = tmp_path / "wreckage.jpg"
    source.write_bytes(data)
    note = services.notes.create(NoteFields(title="Photo"))
    attachment = services.notes.attach(note.id, source)
    text = "Original article text."
    article = services.articles.add(
        ImportedArticle(text=text, title="T", source_format="txt", original=text.encode())
    )

    other = open_services(db_url, data_dir=tmp_path / "other-machine", actor="ben")
    try:
        assert isinstance(other.ctx.files, DatabaseFileStore)
        (theirs,) = other.notes.get(note.id).attachments
        path = other.notes.attachment_path(theirs)
        assert path.is_relative_to(tmp_path / "other-machine")
        assert path.read_bytes() == data
        assert hashlib.sha256(path.read_bytes()).hexdigest() == attachment.sha256
        assert other.articles.original_bytes(other.articles.get(article.id)) == text.encode()
    finally:
        other.close()


def test_the_same_file_attached_twice_is_stored_once(services: Services, tmp_path: Path) -> None:
    source = tmp_path / "a.pdf"
    source.write_bytes(b"%PDF fake")
    first = services.notes.create(NoteFields(title="One"))
    second = services.notes.create(NoteFields(title="Two"))
    a = services.notes.attach(first.id, source)
    b = services.notes.attach(second.id, source)
    assert a.sha256 == b.sha256
    assert services.notes.attachment_path(a) == services.notes.attachment_path(b)
    if isinstance(services.ctx.files, DatabaseFileStore):
        assert services.ctx.files.in_database(a.sha256)

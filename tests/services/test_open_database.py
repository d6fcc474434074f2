"""Opening a database the user named: plain messages when it cannot be opened, and
notes refuse stale edits like claims do (on both backends)."""

from __future__ import annotations

from pathlib import Path

import pytest

from workbench.domain import ConflictError, EvidenceNote, NoteFields, UserError
from workbench.services import Services, open_services


def test_an_unreachable_server_is_a_plain_message(tmp_path: Path) -> None:
    with pytest.raises(UserError, match=r"Cannot open the database .*127\.0\.0\.1"):
        open_services("postgresql://anna@127.0.0.1:1/desk", data_dir=tmp_path)


def test_a_malformed_url_is_a_plain_message(tmp_path: Path) -> None:
    with pytest.raises(UserError, match="not a database URL"):
        open_services("not a url", data_dir=tmp_path)


def test_a_stale_note_edit_is_refused_with_the_current_note(services: Services) -> None:
    note = services.notes.create(NoteFields(title="Transcript", body="p. 4"))
    services.notes.edit(note.id, NoteFields(body="p. 5"), expected_version=note.version)
    with pytest.raises(ConflictError) as err:
        services.notes.edit(note.id, NoteFields(body="p. 6"), expected_version=note.version)
    assert isinstance(err.value.current, EvidenceNote)
    assert err.value.current.body == "p. 5" and err.value.current.version == 2
    assert services.notes.get(note.id).body == "p. 5"

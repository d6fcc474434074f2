"""Who did what: the acting user's name, recorded on claims, notes, links and events."""

from __future__ import annotations

from pathlib import Path

import pytest

from workbench.domain import ClaimFields, LabelSpec, NoteFields, Span, Stance, UserError
from workbench.importers.base import ImportedArticle
from workbench.services import Services, open_services
from workbench.services.identity import default_actor, save_user_name, saved_user_name


def test_the_name_comes_from_the_env_then_the_saved_name_then_the_login(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert default_actor(tmp_path) == "tester"  # WORKBENCH_USER, set by conftest
    monkeypatch.delenv("WORKBENCH_USER")
    assert saved_user_name(tmp_path) is None  # the window asks on first run
    login = default_actor(tmp_path)
    assert login
    assert save_user_name("  Anna   Schmidt ", tmp_path) == "Anna Schmidt"
    assert default_actor(tmp_path) == "Anna Schmidt"
    with pytest.raises(UserError):
        save_user_name("x" * 201, tmp_path)
    with pytest.raises(UserError):
        save_user_name("   ", tmp_path)


def test_every_claim_note_link_and_event_records_its_author(db_url: str, tmp_path: Path) -> None:
    anna = open_services(db_url, data_dir=tmp_path / "a", actor="anna")
    ben = open_services(db_url, data_dir=tmp_path / "b", actor="ben")
    try:
        text = "The ministry claims it has proof."
        article = anna.articles.add(
            ImportedArticle(text=text, title="T", source_format="txt", original=text.encode())
        )
        claim = anna.claims.tag(article.id, Span(0, 33), anna.labels.by_name("Allegation").id)
        note = ben.notes.create(NoteFields(title="Transcript"))
        link = ben.notes.link(claim.id, note.id, Stance.CONTRADICTS)
        edited = ben.claims.edit(claim.id, ClaimFields(comment="Checked"))
        assert (article.created_by, claim.created_by, note.created_by) == ("anna", "anna", "ben")
        assert (link.created_by, edited.created_by, edited.updated_by) == ("ben", "anna", "ben")
        assert [(e.actor, e.action) for e in anna.claims.history(claim.id)] == [
            ("anna", "claim.create"),
            ("ben", "link.create"),
            ("ben", "claim.edit"),
        ]
    finally:
        anna.close()
        ben.close()


def test_text_that_postgresql_cannot_store_is_cleaned_the_same_everywhere(
    services: Services,
) -> None:
    note = services.notes.create(NoteFields(title="Pasted\x00title", body="a\x00b"))
    assert (note.title, note.body) == ("Pastedtitle", "ab")


def test_a_label_name_too_long_for_the_column_is_refused_everywhere(
    services: Services,
) -> None:
    with pytest.raises(UserError, match="at most 100"):
        services.labels.create(LabelSpec("x" * 101, "#000000"))

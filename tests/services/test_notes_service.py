"""Evidence notes: create, edit, attach, link with a stance, delete and restore."""

from __future__ import annotations

from pathlib import Path

import pytest

from workbench.domain import NoteFields, Span, Stance, UserError
from workbench.importers.base import ImportedArticle
from workbench.services import Services, notes


@pytest.fixture
def claim_ids(services: Services) -> tuple[int, int]:
    text = "The ministry claims it has proof. The embassy confirmed the meeting."
    article = services.articles.add(
        ImportedArticle(text=text, title="T", source_format="txt", original=text.encode())
    )
    allegation = services.labels.by_name("Allegation").id
    first = services.claims.tag(article.id, Span(0, 33), allegation)
    second = services.claims.tag(article.id, Span(34, len(text)), allegation)
    return first.id, second.id


def test_one_note_supports_one_claim_and_contradicts_another(
    services: Services, claim_ids: tuple[int, int]
) -> None:
    note = services.notes.create(
        NoteFields(title="Ministry transcript", body="**p. 4**", reliability=4)
    )
    services.notes.link(claim_ids[0], note.id, Stance.SUPPORTS)
    services.notes.link(claim_ids[1], note.id, Stance.CONTRADICTS)
    assert [ln.stance for ln in services.notes.for_claim(claim_ids[0])] == [Stance.SUPPORTS]
    assert [ln.stance for ln in services.notes.for_claim(claim_ids[1])] == [Stance.CONTRADICTS]
    (usage,) = services.notes.library()
    assert usage.claim_ids == tuple(sorted(claim_ids))
    services.notes.link(claim_ids[0], note.id, Stance.CONTEXT)
    assert services.notes.for_claim(claim_ids[0])[0].stance is Stance.CONTEXT
    link = services.notes.unlink(claim_ids[1], note.id)
    assert services.notes.for_claim(claim_ids[1]) == []
    services.notes.relink(link)
    assert services.notes.for_claim(claim_ids[1])[0].stance is Stance.CONTRADICTS


def test_a_note_needs_a_title_and_a_sane_reliability(services: Services) -> None:
    with pytest.raises(UserError, match="title"):
        services.notes.create(NoteFields(title="  "))
    with pytest.raises(UserError, match="1"):
        services.notes.create(NoteFields(title="x", reliability=9))


def test_attachments_are_stored_by_content_and_survive_delete_and_restore(
    services: Services, tmp_path: Path
) -> None:
    note = services.notes.create(NoteFields(title="Screenshot"))
    file = tmp_path / "ministry page.png"
    file.write_bytes(b"\x89PNG fake")
    attachment = services.notes.attach(note.id, file)
    stored = services.notes.attachment_path(attachment)
    assert stored.read_bytes() == b"\x89PNG fake"
    assert "ministry" not in str(stored)
    snapshot = services.notes.delete(note.id)
    restored = services.notes.restore(snapshot)
    assert [a.file_name for a in restored.attachments] == ["ministry page.png"]


def test_an_attachment_over_the_limit_is_refused(
    services: Services, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(notes, "MAX_ATTACHMENT_BYTES", 10)
    note = services.notes.create(NoteFields(title="Video"))
    big = tmp_path / "video.mp4"
    big.write_bytes(b"x" * 11)
    with pytest.raises(UserError, match=r"video\.mp4"):
        services.notes.attach(note.id, big)
    assert services.notes.get(note.id).attachments == ()


def test_search_finds_articles_claims_and_notes(
    services: Services, claim_ids: tuple[int, int]
) -> None:
    services.notes.create(NoteFields(title="Embassy statement", body="The attaché met officials"))
    kinds = {hit.kind for hit in services.search.search("embassy")}
    assert kinds == {"article", "claim", "note"}
    assert services.search.search('U.S. "proof') == []
    assert {h.kind for h in services.search.search("proo")} == {"article", "claim"}

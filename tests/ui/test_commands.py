"""Claim commands on a real database: each action, then undo, then redo, state checked."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtGui import QUndoStack

from workbench.domain import (
    Article,
    ClaimFields,
    ClaimStatus,
    ConflictError,
    NoteFields,
    Span,
    Stance,
)
from workbench.ui import commands


@pytest.fixture
def stack(qapp: Any) -> QUndoStack:
    return QUndoStack()


@pytest.fixture
def ids(services: Any) -> dict[str, int]:
    return {label.name: label.id for label in services.labels.all()}


def spans_of(article: Article, *quotes: str) -> list[Span]:
    out = []
    for quote in quotes:
        start = article.text.index(quote)
        out.append(Span(start, start + len(quote)))
    return out


def test_tagging_two_sentences_is_one_undo_step(
    services: Any, sample: Article, stack: QUndoStack, ids: dict[str, int]
) -> None:
    before = len(services.claims.for_article(sample.id))
    spans = spans_of(sample, "Analysts were divided.", "The readout did not mention the drones.")
    command = commands.TagClaims(services, sample.id, spans, ids["Allegation"], text="Tag 2")
    claims = commands.push(stack, command)
    assert [c.quote.exact for c in claims] == [
        "Analysts were divided.",
        "The readout did not mention the drones.",
    ]
    assert stack.count() == 1
    stack.undo()
    assert len(services.claims.for_article(sample.id)) == before
    stack.redo()
    after = services.claims.for_article(sample.id)
    assert len(after) == before + 2
    assert {c.id for c in claims} <= {c.id for c in after}, "redo brings back the same ids"


def test_retag_undo_gives_each_claim_its_old_label(
    services: Any, sample: Article, stack: QUndoStack, ids: dict[str, int]
) -> None:
    claims = services.claims.for_article(sample.id)
    before = {c.id: c.label_id for c in claims[:3]}
    commands.push(stack, commands.RetagClaims(services, before, ids["Confirmed"], text="Retag"))
    assert {services.claims.get(cid).label_id for cid in before} == {ids["Confirmed"]}
    stack.undo()
    assert {cid: services.claims.get(cid).label_id for cid in before} == before
    stack.redo()
    assert {services.claims.get(cid).label_id for cid in before} == {ids["Confirmed"]}


def test_edit_then_undo_restores_every_field(
    services: Any, sample: Article, stack: QUndoStack
) -> None:
    from workbench.ui.claim_editor import before_fields

    claim = services.claims.for_article(sample.id)[0]
    change = ClaimFields(verdict="False", claimant="Someone", status=ClaimStatus.DONE)
    command = commands.EditClaim(
        services,
        claim.id,
        before=before_fields(claim, change),
        after=change,
        expected_version=claim.version,
        text="Edit",
    )
    commands.push(stack, command)
    edited = services.claims.get(claim.id)
    assert (edited.verdict, edited.claimant, edited.status) == (
        "False",
        "Someone",
        ClaimStatus.DONE,
    )
    stack.undo()
    back = services.claims.get(claim.id)
    assert (back.verdict, back.claimant, back.status, back.comment) == (
        claim.verdict,
        claim.claimant,
        claim.status,
        claim.comment,
    )
    stack.redo()
    assert services.claims.get(claim.id).verdict == "False"


def test_an_edit_on_a_stale_version_is_refused_and_not_on_the_stack(
    services: Any, sample: Article, stack: QUndoStack
) -> None:
    claim = services.claims.for_article(sample.id)[0]
    services.claims.edit(claim.id, ClaimFields(verdict="Mostly true"))  # a colleague, first
    command = commands.EditClaim(
        services,
        claim.id,
        before=ClaimFields(verdict=claim.verdict),
        after=ClaimFields(verdict="False"),
        expected_version=claim.version,
        text="Edit",
    )
    with pytest.raises(ConflictError) as caught:
        commands.push(stack, command)
    assert caught.value.current.verdict == "Mostly true"
    assert stack.count() == 0
    assert services.claims.get(claim.id).verdict == "Mostly true"


def test_delete_and_undo_bring_the_claim_back_with_its_evidence_links(
    services: Any, sample: Article, stack: QUndoStack
) -> None:
    claim = next(c for c in services.claims.for_article(sample.id) if c.evidence_count)
    links = {(n.note.id, n.stance) for n in services.notes.for_claim(claim.id)}
    commands.push(stack, commands.DeleteClaims(services, [claim.id], text="Delete"))
    assert claim.id not in {c.id for c in services.claims.for_article(sample.id)}
    stack.undo()
    restored = services.claims.get(claim.id)
    assert restored.quote == claim.quote and restored.span == claim.span
    assert {(n.note.id, n.stance) for n in services.notes.for_claim(claim.id)} == links
    stack.redo()
    assert claim.id not in {c.id for c in services.claims.for_article(sample.id)}


def test_a_failing_undo_is_dropped_and_reported(
    services: Any,
    sample: Article,
    stack: QUndoStack,
    monkeypatch: pytest.MonkeyPatch,
    ids: dict[str, int],
) -> None:
    reported: list[str] = []
    monkeypatch.setattr(commands, "report_failure", lambda err, doing: reported.append(doing))
    spans = spans_of(sample, "Analysts were divided.")
    claims = commands.push(
        stack, commands.TagClaims(services, sample.id, spans, ids["Allegation"], text="Tag")
    )
    services.claims.delete(claims[0].id)  # a colleague deleted it meanwhile
    stack.undo()
    assert reported == ["Undo"]
    assert stack.count() == 0


def test_fields_of_a_claim_set_everything_back(services: Any, sample: Article) -> None:
    claim = services.claims.for_article(sample.id)[0]
    note = services.notes.create(NoteFields(title="Transcript"))
    services.notes.link(claim.id, note.id, Stance.SUPPORTS)
    services.claims.edit(claim.id, ClaimFields(verdict="False", comment="changed"))
    services.claims.edit(claim.id, commands.fields_of(claim))
    again = services.claims.get(claim.id)
    assert (again.verdict, again.comment, again.label_id) == (
        claim.verdict,
        claim.comment,
        claim.label_id,
    )

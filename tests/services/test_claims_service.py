"""Tagging, editing, deleting and restoring claims through the services."""

from __future__ import annotations

import pytest

from workbench.domain import ClaimFields, ClaimStatus, ConflictError, Span, Stance, UserError
from workbench.domain.evidence import NoteFields
from workbench.importers.base import ImportedArticle
from workbench.services import Services

TEXT = (
    'The ministry claims 91 drones were launched. "We have concrete proof," the general said.\n\n'
    "A meeting with the attaché took place on Monday."
)


@pytest.fixture
def article_id(services: Services) -> int:
    imported = ImportedArticle(
        text=TEXT, title="Drones", source_format="txt", original=TEXT.encode()
    )
    return services.articles.add(imported).id


def label(services: Services, name: str) -> int:
    return services.labels.by_name(name).id


def test_a_tagged_span_keeps_the_exact_words_and_context(
    services: Services, article_id: int
) -> None:
    start = TEXT.index("91 drones")
    claim = services.claims.tag(
        article_id,
        Span(start, start + len("91 drones were launched")),
        label(services, "Allegation"),
        ClaimFields(claimant="the ministry", verdict="Unproven"),
    )
    assert claim.quote.exact == "91 drones were launched"
    assert TEXT[claim.span.start : claim.span.end] == claim.quote.exact
    assert TEXT.endswith(claim.quote.suffix) or claim.quote.suffix in TEXT
    assert claim.quote.prefix == TEXT[max(0, start - 32) : start]
    assert claim.created_by == "tester"
    (listed,) = services.claims.for_article(article_id)
    assert listed == claim


def test_several_sentences_tagged_at_once_are_one_transaction(
    services: Services, article_id: int
) -> None:
    article = services.articles.get(article_id)
    claims = services.claims.tag_many(
        article_id, list(article.sentences), label(services, "Confirmed")
    )
    assert len(claims) == len(article.sentences) >= 3
    with pytest.raises(UserError):
        services.claims.tag_many(
            article_id, [article.sentences[0], Span(0, 10_000)], label(services, "Confirmed")
        )
    assert len(services.claims.for_article(article_id)) == len(claims)


def test_a_span_must_end_inside_the_article(services: Services, article_id: int) -> None:
    text = services.articles.get(article_id).text
    end = len(text.rstrip())
    confirmed = label(services, "Confirmed")
    last = services.claims.tag(article_id, Span(end - 5, end), confirmed)
    assert last.quote.exact == text[end - 5 : end] and last.quote.suffix == text[end:]
    for outside in (Span(end - 5, len(text) + 1), Span(len(text) + 3, len(text) + 9)):
        with pytest.raises(UserError):
            services.claims.tag(article_id, outside, confirmed)
        with pytest.raises(UserError):
            services.claims.move(last.id, outside)
    assert services.claims.get(last.id).span == Span(end - 5, end)


def test_edit_retag_and_history(services: Services, article_id: int) -> None:
    claim = services.claims.tag(article_id, Span(0, 12), label(services, "Allegation"))
    edited = services.claims.edit(
        claim.id, ClaimFields(verdict="False", comment="No wreckage shown", status=ClaimStatus.DONE)
    )
    assert (edited.verdict, edited.comment, edited.status) == ("False", "No wreckage shown", "done")
    assert edited.version == claim.version + 1
    retagged = services.claims.retag(claim.id, label(services, "Confirmed"))
    assert retagged.label_id == label(services, "Confirmed")
    actions = [e.action for e in services.claims.history(claim.id)]
    assert actions == ["claim.create", "claim.edit", "claim.edit"]


def test_an_edit_on_a_stale_version_is_refused_with_the_current_claim(
    services: Services, article_id: int
) -> None:
    claim = services.claims.tag(article_id, Span(0, 12), label(services, "Allegation"))
    services.claims.edit(claim.id, ClaimFields(comment="first"), expected_version=claim.version)
    with pytest.raises(ConflictError) as err:
        services.claims.edit(
            claim.id, ClaimFields(comment="second"), expected_version=claim.version
        )
    assert err.value.current is not None
    assert services.claims.get(claim.id).comment == "first"


def test_a_deleted_claim_comes_back_with_its_id_and_evidence(
    services: Services, article_id: int
) -> None:
    claim = services.claims.tag(article_id, Span(0, 12), label(services, "Allegation"))
    note = services.notes.create(NoteFields(title="Transcript"))
    services.notes.link(claim.id, note.id, Stance.CONTRADICTS)
    snapshot = services.claims.delete(claim.id)
    assert services.claims.for_article(article_id) == []
    assert services.notes.for_claim(claim.id) == []
    restored = services.claims.restore(snapshot)
    assert restored.id == claim.id and restored.quote == claim.quote
    (linked,) = services.notes.for_claim(claim.id)
    assert (linked.note.id, linked.stance) == (note.id, Stance.CONTRADICTS)
    assert restored.evidence_count == 1


def test_every_change_is_broadcast(services: Services, article_id: int) -> None:
    heard = []
    services.bus.subscribe(heard.append)
    claim = services.claims.tag(article_id, Span(0, 12), label(services, "Allegation"))
    edited = services.claims.edit(claim.id, ClaimFields(verdict="False"))
    services.claims.delete(claim.id)
    assert [c.claims for c in heard] == [frozenset({claim.id})] * 3
    # A change carries the claims as committed (listeners need not read them back), and
    # they equal a fresh read; a delete carries none.
    assert heard[0].written == (claim,)
    assert heard[1].written == (edited,) and edited.verdict == "False"
    assert heard[2].written == ()


def test_deleting_an_article_removes_its_claims_but_keeps_notes(
    services: Services, article_id: int
) -> None:
    claim = services.claims.tag(article_id, Span(0, 12), label(services, "Allegation"))
    note = services.notes.create(NoteFields(title="Kept"))
    services.notes.link(claim.id, note.id, Stance.SUPPORTS)
    services.articles.delete(article_id)
    assert services.articles.summaries() == []
    assert services.notes.get(note.id).title == "Kept"
    assert services.search.search("ministry") == []


def test_quotes_in_emoji_and_cjk_text_keep_code_point_offsets(services: Services) -> None:
    text = "Officials 👍🏽 said: 無人機は91機だった. The ministry 🛰 claims proof."
    article = services.articles.add(
        ImportedArticle(text=text, title="U", source_format="txt", original=text.encode())
    )
    start = text.index("無人機")
    span = Span(start, text.index("."))
    claim = services.claims.tag(article.id, span, label(services, "Allegation"))
    assert claim.quote.exact == "無人機は91機だった"
    assert claim.quote.prefix == text[max(0, start - 32) : start]
    assert claim.quote.suffix == text[span.end : span.end + 32]

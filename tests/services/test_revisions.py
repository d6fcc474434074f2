"""A corrected article: claims move to the new revision, the unplaceable become orphans."""

from __future__ import annotations

from workbench.domain import ClaimFields, NoteFields, Span, Stance
from workbench.importers.base import ImportedArticle
from workbench.services import Services

OLD = (
    "The ministry claims 91 drones were launched at the residence. "
    "The embassy confirmed that the meeting took place on Monday. "
    "Officials said the wreckage was found near Stary Brod."
)
NEW = (
    "CORRECTION: an earlier version misdated the meeting. "
    "The ministry claims 91 long-range drones were launched at the residence. "
    "The embassy confirmed that the meeting took place on Tuesday. "
    "No wreckage has been shown to reporters."
)


def article(services: Services, text: str, title: str = "Drones") -> int:
    imported = ImportedArticle(text=text, title=title, source_format="txt", original=text.encode())
    return services.articles.add(imported).id


def tag(services: Services, article_id: int, text: str, quote: str, label: str) -> int:
    start = text.index(quote)
    label_id = services.labels.by_name(label).id
    fields = ClaimFields(claimant="ministry", verdict="Unproven")
    return services.claims.tag(article_id, Span(start, start + len(quote)), label_id, fields).id


def test_claims_follow_their_words_into_the_corrected_version(services: Services) -> None:
    old_id = article(services, OLD)
    moved = tag(services, old_id, OLD, "91 drones were launched at the residence", "Allegation")
    exact = tag(services, old_id, OLD, "The embassy confirmed that the meeting", "Confirmed")
    gone = tag(services, old_id, OLD, "the wreckage was found near Stary Brod", "Allegation")
    note = services.notes.create(NoteFields(title="Bulletin"))
    services.notes.link(moved, note.id, Stance.CONTRADICTS)

    result = services.revisions.add_revision(
        old_id,
        ImportedArticle(text=NEW, title="", source_format="txt", original=NEW.encode()),
    )

    assert result.article.parent_id == old_id and result.article.title == "Drones"
    placed = {c.quote.exact: c for c in result.placed}
    assert "The embassy confirmed that the meeting" in placed
    assert any("91" in q and "drones were launched" in q for q in placed)
    for claim in result.placed:
        assert NEW[claim.span.start : claim.span.end] == claim.quote.exact
        assert (claim.claimant, claim.verdict) == ("ministry", "Unproven")
    (orphan,) = result.orphans
    assert orphan.quote.exact == "the wreckage was found near Stary Brod"
    assert orphan.span == Span(0, 0)
    carried = next(c for c in result.placed if "drones" in c.quote.exact)
    assert [ln.stance for ln in services.notes.for_claim(carried.id)] == [Stance.CONTRADICTS]
    # the old revision is untouched
    assert {c.id for c in services.claims.for_article(old_id)} == {moved, exact, gone}
    assert len(services.claims.for_article(result.article.id)) == 3


def test_an_orphan_is_placed_by_hand_on_the_words_the_user_picks(services: Services) -> None:
    old_id = article(services, OLD)
    tag(services, old_id, OLD, "the wreckage was found near Stary Brod", "Allegation")
    result = services.revisions.add_revision(
        old_id, ImportedArticle(text=NEW, title="", source_format="txt", original=NEW.encode())
    )
    (orphan,) = result.orphans
    start = NEW.index("No wreckage")
    placed = services.claims.move(orphan.id, Span(start, len(NEW) - 1))
    assert not placed.orphaned
    assert placed.quote.exact == "No wreckage has been shown to reporters"
    assert placed.claimant == "ministry"
    assert [e.action for e in services.claims.history(orphan.id)][-1] == "claim.move"

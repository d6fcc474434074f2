"""The bundled samples import cleanly; the main one brings example claims and notes."""

from __future__ import annotations

import pytest

from workbench import importers
from workbench.domain import Stance
from workbench.services import Services
from workbench.services.samples import load_sample, sample_paths


@pytest.mark.parametrize("path", sample_paths(), ids=lambda p: p.stem)
def test_each_sample_is_a_marked_fictional_wire_story(path) -> None:  # type: ignore[no-untyped-def]
    imported = importers.read_file(path)
    paragraphs = imported.text.split("\n\n")
    assert paragraphs[1].startswith("[Fictional sample article")
    assert imported.title == paragraphs[0]
    assert len(imported.text.split()) > 400


def test_the_main_sample_arrives_with_claims_of_both_labels_and_linked_notes(
    services: Services,
) -> None:
    article = load_sample(services.articles, services.claims, services.notes, services.labels)
    assert article.outlet and article.published and article.source_url.startswith("https://")
    claims = services.claims.for_article(article.id)
    labels = {label.id: label.name for label in services.labels.all()}
    assert {labels[c.label_id] for c in claims} == {"Allegation", "Confirmed"}
    for claim in claims:
        assert article.text[claim.span.start : claim.span.end] == claim.quote.exact
    stances = {ln.stance for c in claims for ln in services.notes.for_claim(c.id)}
    assert {Stance.SUPPORTS, Stance.CONTRADICTS} <= stances
    shared = [u for u in services.notes.library() if len(u.claim_ids) > 1]
    assert shared, "one note should serve several claims"

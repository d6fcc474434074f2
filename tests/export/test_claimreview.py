"""schema.org ClaimReview JSON-LD: one review per rated claim with the properties Google's
fact-check markup requires and recommends (checked here without any schema tooling)."""

from __future__ import annotations

import json

from export_fixtures import ALLEGATION, NOW, OPTIONS, Sample, tiny_data

from workbench.domain import Label
from workbench.export.claimreview import agent, render_claimreview, short_claim
from workbench.export.model import ReportOptions, build_report

ALLOWED = {
    "ClaimReview": {"@type", "url", "claimReviewed", "reviewRating", "datePublished",
                    "itemReviewed", "author", "reviewBody", "inLanguage"},
    "Rating": {"@type", "alternateName", "ratingValue", "bestRating", "worstRating"},
    "Claim": {"@type", "author", "datePublished", "appearance"},
    "CreativeWork": {"@type", "url", "headline", "datePublished", "publisher"},
    "Organization": {"@type", "name"},
    "Person": {"@type", "name"},
}  # fmt: skip


def walk(node: object) -> list[dict[str, object]]:
    """Every typed object in the tree, checked against the property names we mean."""
    found: list[dict[str, object]] = []
    if isinstance(node, list):
        for item in node:
            found += walk(item)
    elif isinstance(node, dict):
        if "@type" in node:
            assert set(node) <= ALLOWED[str(node["@type"])], node
            found.append(node)
        for key, value in node.items():
            if key != "@context":
                found += walk(value)
    return found


def test_one_review_per_rated_claim_with_required_properties(sample: Sample) -> None:
    report = sample.report()
    doc = json.loads(json.dumps(render_claimreview(report)))
    assert doc["@context"] == "https://schema.org"
    reviews = doc["@graph"]
    assert len(reviews) == len(report.claims) == 8  # every sample claim has a rating
    walk(doc)
    for review, c in zip(reviews, report.claims, strict=True):
        assert review["@type"] == "ClaimReview"
        assert review["claimReviewed"] == short_claim(c.quote)
        assert review["url"].endswith(f"#{c.anchor}")
        assert review["author"] == {"@type": "Organization", "name": "Northgate Fact Desk"}
        assert review["datePublished"] == "2026-01-16"
        rating = review["reviewRating"]
        assert rating["@type"] == "Rating" and rating["alternateName"]
        item = review["itemReviewed"]
        assert item["@type"] == "Claim"
        assert item["author"]["name"] == c.claim.claimant
        assert item["datePublished"] == "2026-01-14"
        assert item["appearance"]["url"] == sample.article.source_url
    a8 = reviews[-1]
    assert a8["reviewRating"] == {
        "@type": "Rating",
        "alternateName": "Mostly false",
        "ratingValue": 2,
        "bestRating": 5,
        "worstRating": 1,
    }
    assert a8["itemReviewed"]["author"]["@type"] == "Organization"  # "Government of ..."
    no_verdict = next(r for r, c in zip(reviews, report.claims, strict=True) if not c.claim.verdict)
    assert no_verdict["reviewRating"] == {"@type": "Rating", "alternateName": "Unproven"}


def test_claims_without_any_rating_are_left_out() -> None:
    plain = Label(5, "Needs context", "#888888")
    text = "One said this. Two said that."
    data = tiny_data(
        text,
        [("One said this", plain, ""), ("Two said that", ALLEGATION, "")],
        labels=(ALLEGATION, plain),
    )
    doc = render_claimreview(build_report(data, ReportOptions(), generated_at=NOW))
    assert [r["claimReviewed"] for r in doc["@graph"]] == ["Two said that"]


def test_short_claims_and_agents() -> None:
    long = "word " * 60
    assert len(short_claim(long)) <= 140 and short_claim(long).endswith("…")
    assert short_claim("  A  short\nclaim ") == "A short claim"
    assert agent("Gen. Tomas Varek")["@type"] == "Person"
    assert agent("Dravenian Ministry of Defence")["@type"] == "Organization"


def test_review_url_option_wins(sample: Sample) -> None:
    options = ReportOptions(review_url="https://factcheck.example/drones", **_rest(OPTIONS))
    doc = render_claimreview(sample.report(options))
    assert doc["@graph"][0]["url"] == "https://factcheck.example/drones#claim-1"


def _rest(options: ReportOptions) -> dict[str, str]:
    return {"reviewer": options.reviewer, "organisation": options.organisation}

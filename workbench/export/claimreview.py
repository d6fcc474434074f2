"""schema.org ClaimReview JSON-LD: what search engines and fact-check databases read.

One ClaimReview per claim whose verdict or label maps to a rating (``claim_rating``):
``claimReviewed`` (the claim, shortened), ``reviewRating`` (alternateName, and the
1-to-5 scale where there is one), ``url``, ``author`` (the organisation),
``datePublished`` and ``itemReviewed``: a Claim with its ``author`` (the claimant),
``datePublished`` and ``appearance`` (the article). Output is a ``@graph``.
"""

from __future__ import annotations

import re
from typing import Any

from workbench.export.model import Report, ReportClaim

CONTEXT = "https://schema.org"
CLAIM_REVIEWED_LIMIT = 140
_ORGANISATION_WORDS = re.compile(
    r"\b(ministry|government|embassy|agency|department|office|council|committee|party|"
    r"company|corporation|corp|inc|ltd|llc|gmbh|plc|university|institute|association|union|"
    r"police|army|navy|forces?|regiment|administration|commission|parliament|senate|"
    r"court|bank|authority|mission|foundation|organi[sz]ation|network|news|times|press|"
    r"wire|tv|radio|group|league|federation|service|bureau|centre|center|mod)\b",
    re.IGNORECASE,
)


def short_claim(text: str, limit: int = CLAIM_REVIEWED_LIMIT) -> str:
    """The claim in at most ``limit`` characters, cut at a word with an ellipsis."""
    flat = " ".join(text.split())
    if len(flat) <= limit:
        return flat
    cut = flat[: limit - 1].rsplit(" ", 1)[0].rstrip(",;:")
    return cut + "…"


def agent(name: str) -> dict[str, str]:
    """A Person, or an Organization when the name reads like one."""
    kind = "Organization" if _ORGANISATION_WORDS.search(name) else "Person"
    return {"@type": kind, "name": name}


def render_claimreview(report: Report) -> dict[str, Any]:
    reviews = [r for c in report.claims if (r := claim_review(report, c)) is not None]
    return {"@context": CONTEXT, "@graph": reviews}


def claim_review(report: Report, c: ReportClaim) -> dict[str, Any] | None:
    rating = c.rating
    if rating is None or not rating.alternate_name.strip():
        return None
    article, options = report.article, report.options
    review_rating: dict[str, Any] = {"@type": "Rating", "alternateName": rating.alternate_name}
    if rating.value is not None:
        review_rating["ratingValue"] = rating.value
        if rating.best is not None:
            review_rating["bestRating"] = rating.best
        if rating.worst is not None:
            review_rating["worstRating"] = rating.worst
    review: dict[str, Any] = {
        "@type": "ClaimReview",
        "url": review_url(report, c),
        "claimReviewed": short_claim(c.quote),
        "reviewRating": review_rating,
        "datePublished": report.generated_at.date().isoformat(),
        "itemReviewed": _claim(report, c),
    }
    if options.organisation:
        review["author"] = {"@type": "Organization", "name": options.organisation}
    elif options.reviewer:
        review["author"] = {"@type": "Person", "name": options.reviewer}
    if c.claim.comment.strip():
        review["reviewBody"] = c.claim.comment.strip()
    if article.language:
        review["inLanguage"] = article.language
    return review


def review_url(report: Report, c: ReportClaim) -> str:
    """Where the review is read: the published report's claim anchor when known."""
    base = report.options.review_url or report.article.source_url
    if not base:
        return f"urn:factcheck-workbench:article:{report.article.sha256 or report.article.id}"
    return f"{base.split('#', 1)[0]}#{c.anchor}"


def _claim(report: Report, c: ReportClaim) -> dict[str, Any]:
    article = report.article
    item: dict[str, Any] = {"@type": "Claim"}
    if c.claim.claimant.strip():
        item["author"] = agent(c.claim.claimant.strip())
    when = c.claim.claim_date or article.published
    if when is not None:
        item["datePublished"] = when.isoformat()
    appearance: dict[str, Any] = {"@type": "CreativeWork"}
    if article.source_url:
        appearance["url"] = article.source_url
    appearance["headline"] = article.title
    if article.published is not None:
        appearance["datePublished"] = article.published.isoformat()
    if article.outlet:
        appearance["publisher"] = {"@type": "Organization", "name": article.outlet}
    item["appearance"] = appearance
    return item

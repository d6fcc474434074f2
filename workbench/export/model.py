"""The report model every export format renders, and the raw article data it is built from.

``ArticleData`` is everything the workbench holds about one article (what the JSON dump
writes in full); ``build_report`` turns it into a frozen ``Report``: the claims chosen by
the options, numbered in reading order, each with its label, verdict and linked evidence,
plus a legend and summary counts. Formats never query anything: they render a Report
(or, for the lossless JSON dump, the ArticleData).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from itertools import pairwise

from workbench import __version__
from workbench.domain import (
    Article,
    Claim,
    ClaimStatus,
    Event,
    EvidenceNote,
    Label,
    Link,
    Rating,
    Span,
    Stance,
)

GENERATOR = f"Fact-check Workbench {__version__}"
FALLBACK_COLOR = "#9e9e9e"
_HEX_COLOR = re.compile(r"^#[0-9a-fA-F]{6}$")
PAGE_SIZES = ("A4", "Letter")


@dataclass(frozen=True, slots=True)
class ReportOptions:
    """What goes into a report, and the names printed on it."""

    labels: frozenset[str] | None = None
    """Label names to include (case-insensitive); None means every label."""
    statuses: frozenset[ClaimStatus] | None = None
    """Review statuses to include; None means every status."""
    include_evidence: bool = True
    title: str = ""
    reviewer: str = ""
    organisation: str = ""
    review_url: str = ""
    """Where the fact-check is published (ClaimReview ``url``); the article URL if empty."""
    page_size: str = "A4"
    """PDF page size: ``A4`` or ``Letter``."""


@dataclass(frozen=True, slots=True)
class ArticleData:
    """All workbench data of one article, as stored (nothing filtered)."""

    article: Article
    labels: tuple[Label, ...]
    """The labels the article's claims use."""
    claims: tuple[Claim, ...]
    """In reading order (start, end, id)."""
    notes: tuple[EvidenceNote, ...]
    """Every note linked to one of the claims."""
    links: tuple[Link, ...]
    events: tuple[Event, ...] = ()
    file_name: str = ""
    """The article's original file name (not part of the domain Article)."""


@dataclass(frozen=True, slots=True)
class ReportEvidence:
    """A note linked to a claim, with the stance of the link."""

    note: EvidenceNote
    stance: Stance


@dataclass(frozen=True, slots=True)
class ReportClaim:
    """One numbered claim of the report with everything printed about it."""

    number: int
    claim: Claim
    label: Label
    label_index: int
    """Position of the label in the legend (used for CSS classes, never user text)."""
    evidence: tuple[ReportEvidence, ...] = ()
    placed: bool = True
    """False for an orphan: its span could not be found in this revision of the text."""

    @property
    def marker(self) -> str:
        """Label initial + number, e.g. ``A3``: readable without the colour."""
        return f"{self.label.initial}{self.number}"

    @property
    def anchor(self) -> str:
        return f"claim-{self.number}"

    @property
    def span(self) -> Span:
        return self.claim.span

    @property
    def quote(self) -> str:
        return self.claim.quote.exact

    @property
    def color(self) -> str:
        return safe_color(self.label.color)

    @property
    def rating(self) -> Rating | None:
        return claim_rating(self.claim, self.label)


@dataclass(frozen=True, slots=True)
class LegendEntry:
    label: Label
    index: int
    count: int

    @property
    def color(self) -> str:
        return safe_color(self.label.color)


@dataclass(frozen=True, slots=True)
class Summary:
    total: int
    by_label: tuple[tuple[str, int], ...]
    by_verdict: tuple[tuple[str, int], ...]
    by_status: tuple[tuple[str, int], ...]
    by_stance: tuple[tuple[str, int], ...]
    evidence_total: int
    orphaned: int = 0


@dataclass(frozen=True, slots=True)
class Report:
    """An article with its chosen claims: the one thing every report format renders."""

    article: Article
    claims: tuple[ReportClaim, ...]
    legend: tuple[LegendEntry, ...]
    summary: Summary
    options: ReportOptions
    generated_at: datetime
    generator: str = GENERATOR
    segments: tuple[Segment, ...] = field(default=())

    @property
    def title(self) -> str:
        return self.options.title or f"Fact-check: {self.article.title}"

    @property
    def placed_claims(self) -> tuple[ReportClaim, ...]:
        return tuple(c for c in self.claims if c.placed)


@dataclass(frozen=True, slots=True)
class Segment:
    """A stretch of article text covered by the same claims (overlaps split the text).

    ``claims`` are the numbers of the covering claims, outermost (earliest start) first;
    ``starts`` those that begin here; ``ends`` those whose last segment this is.
    """

    start: int
    end: int
    claims: tuple[int, ...] = ()
    starts: tuple[int, ...] = ()
    ends: tuple[int, ...] = ()


# --- building -------------------------------------------------------------------------


def build_report(data: ArticleData, options: ReportOptions, *, generated_at: datetime) -> Report:
    """Choose, number and dress the claims of ``data`` as ``options`` say."""
    labels = {label.id: label for label in data.labels}
    wanted = {name.casefold() for name in options.labels} if options.labels else None
    chosen = [
        c
        for c in data.claims
        if c.label_id in labels
        and (wanted is None or labels[c.label_id].name.casefold() in wanted)
        and (options.statuses is None or c.status in options.statuses)
    ]
    legend_labels = sorted(
        {c.label_id for c in chosen}, key=lambda i: (labels[i].position, labels[i].id)
    )
    index_of = {label_id: i for i, label_id in enumerate(legend_labels)}
    notes = {n.id: n for n in data.notes}
    text_length = len(data.article.text)
    claims = tuple(
        ReportClaim(
            number=number,
            claim=c,
            label=labels[c.label_id],
            label_index=index_of[c.label_id],
            evidence=_evidence(c, data.links, notes) if options.include_evidence else (),
            placed=not c.orphaned and c.span.end <= text_length and len(c.span) > 0,
        )
        for number, c in enumerate(chosen, start=1)
    )
    counts = Counter(c.label.id for c in claims)
    legend = tuple(
        LegendEntry(labels[label_id], index_of[label_id], counts[label_id])
        for label_id in legend_labels
    )
    return Report(
        article=data.article,
        claims=claims,
        legend=legend,
        summary=_summary(claims, legend),
        options=options,
        generated_at=generated_at,
        segments=split_segments(text_length, claims),
    )


def _evidence(
    claim: Claim, links: tuple[Link, ...], notes: dict[int, EvidenceNote]
) -> tuple[ReportEvidence, ...]:
    mine = [link for link in links if link.claim_id == claim.id and link.note_id in notes]
    order = {Stance.SUPPORTS: 0, Stance.CONTRADICTS: 1, Stance.CONTEXT: 2}
    mine.sort(key=lambda link: (order[link.stance], link.note_id))
    return tuple(ReportEvidence(notes[link.note_id], link.stance) for link in mine)


def _summary(claims: tuple[ReportClaim, ...], legend: tuple[LegendEntry, ...]) -> Summary:
    verdicts = Counter(c.claim.verdict or "No verdict yet" for c in claims)
    statuses = Counter(c.claim.status for c in claims)
    stances = Counter(e.stance for c in claims for e in c.evidence)
    return Summary(
        total=len(claims),
        by_label=tuple((entry.label.name, entry.count) for entry in legend),
        by_verdict=tuple(sorted(verdicts.items(), key=lambda kv: (-kv[1], kv[0]))),
        by_status=tuple((s.value, statuses[s]) for s in ClaimStatus if statuses[s]),
        by_stance=tuple((s.value, stances[s]) for s in Stance if stances[s]),
        evidence_total=sum(stances.values()),
        orphaned=sum(1 for c in claims if not c.placed),
    )


def split_segments(text_length: int, claims: tuple[ReportClaim, ...]) -> tuple[Segment, ...]:
    """Cut ``[0, text_length)`` at every claim boundary so overlapping claims can be drawn.

    Every offset of the text is in exactly one segment; consecutive segments with the
    same covering claims are never produced (a boundary is only where a claim starts or
    ends).
    """
    placed = [c for c in claims if c.placed]
    cuts = {0, text_length}
    for c in placed:
        cuts.update((c.span.start, c.span.end))
    bounds = sorted(cuts)
    # One sweep: a claim covers a segment from the cut at its start until the cut at its
    # end, so only the claims open at a cut need looking at (not every claim per
    # segment: 1,000 claims on a long article made that three million comparisons).
    waiting = sorted(placed, key=lambda c: c.span.start)
    next_claim = 0
    open_claims: list[ReportClaim] = []
    segments: list[Segment] = []
    for start, end in pairwise(bounds):
        while next_claim < len(waiting) and waiting[next_claim].span.start <= start:
            open_claims.append(waiting[next_claim])
            next_claim += 1
        open_claims = [c for c in open_claims if c.span.end > start]
        covering = sorted(
            (c for c in open_claims if end <= c.span.end),
            key=lambda c: (c.span.start, -c.span.end, c.number),
        )
        segments.append(
            Segment(
                start=start,
                end=end,
                claims=tuple(c.number for c in covering),
                starts=tuple(c.number for c in covering if c.span.start == start),
                ends=tuple(c.number for c in covering if c.span.end == end),
            )
        )
    return tuple(segments)


# --- small shared helpers ---------------------------------------------------------------

DEFAULT_SCALE: dict[str, int] = {
    "true": 5,
    "mostly true": 4,
    "mixed": 3,
    "mostly false": 2,
    "false": 1,
}
"""ratingValue of the default verdicts on a 1 (false) to 5 (true) scale."""


def claim_rating(claim: Claim, label: Label) -> Rating | None:
    """The ClaimReview rating of a claim: its verdict if it has one, else its label's."""
    verdict = claim.verdict.strip()
    if verdict:
        if label.rating and label.rating.alternate_name.casefold() == verdict.casefold():
            return label.rating
        value = DEFAULT_SCALE.get(verdict.casefold())
        if value is not None:
            return Rating(verdict, value, 5, 1)
        return Rating(verdict)
    return label.rating


def safe_color(color: str) -> str:
    """A ``#rrggbb`` colour fit to put in CSS or XML (imported data may hold anything)."""
    return color.lower() if _HEX_COLOR.match(color or "") else FALLBACK_COLOR


def tint(color: str, strength: float = 0.45) -> str:
    """``color`` mixed with white: a light highlight that keeps black text readable."""
    c = safe_color(color)
    r, g, b = (int(c[i : i + 2], 16) for i in (1, 3, 5))
    mix = [round(255 - (255 - v) * strength) for v in (r, g, b)]
    return "#{:02x}{:02x}{:02x}".format(*mix)


def blend(colors: list[str]) -> str:
    """Multiply tints of several colours: overlapping highlights read as darker."""
    r = g = b = 1.0
    for color in colors:
        c = tint(color)
        r *= int(c[1:3], 16) / 255
        g *= int(c[3:5], 16) / 255
        b *= int(c[5:7], 16) / 255
    return f"#{round(r * 255):02x}{round(g * 255):02x}{round(b * 255):02x}"


def fmt_date(value: date | datetime | None) -> str:
    """A date for people: ``2026-01-14`` or ``2026-01-14 10:00 UTC``."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        if value.tzinfo is None:
            return value.strftime("%Y-%m-%d %H:%M")
        return value.astimezone(UTC).strftime("%Y-%m-%d %H:%M UTC")
    return value.isoformat()


def is_web_url(url: str) -> bool:
    """Only http(s) addresses become links in reports (never ``javascript:`` and friends)."""
    return re.match(r"^https?://[^\s<>\"']+$", url.strip(), re.IGNORECASE) is not None


def ink(color: str) -> str:
    """Black or white, whichever reads better on ``color`` (WCAG relative luminance)."""
    c = safe_color(color)

    def channel(v: int) -> float:
        s = v / 255
        return s / 12.92 if s <= 0.03928 else ((s + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(int(c[i : i + 2], 16)) for i in (1, 3, 5))
    luminance = 0.2126 * r + 0.7152 * g + 0.0722 * b
    return "#000000" if (luminance + 0.05) / 0.05 >= 1.05 / (luminance + 0.05) else "#ffffff"


def rgba(color: str, alpha: float) -> str:
    c = safe_color(color)
    r, g, b = (int(c[i : i + 2], 16) for i in (1, 3, 5))
    return f"rgba({r}, {g}, {b}, {alpha})"

"""The report model: which claims a report holds, their numbers, markers and ratings,
the summary, and how overlapping claims cut the text into segments."""

from __future__ import annotations

from dataclasses import replace
from itertools import pairwise

from export_fixtures import ALLEGATION, CONFIRMED, NOW, tiny_data

from workbench.domain import ClaimStatus, Label, Rating, Stance
from workbench.export.model import (
    ReportOptions,
    blend,
    build_report,
    claim_rating,
    ink,
    safe_color,
    split_segments,
)

TEXT = "Alpha said the moon is cheese. Beta said it is not. Gamma agreed with Beta."


def test_claims_are_numbered_in_reading_order_with_label_initial_markers() -> None:
    data = tiny_data(
        TEXT,
        [("Gamma agreed", CONFIRMED, "True"), ("the moon is cheese", ALLEGATION, "False")],
    )
    report = build_report(data, ReportOptions(), generated_at=NOW)
    assert [(c.number, c.marker, c.quote) for c in report.claims] == [
        (1, "A1", "the moon is cheese"),
        (2, "C2", "Gamma agreed"),
    ]
    assert [e.label.name for e in report.legend] == ["Allegation", "Confirmed"]
    assert report.title == "Fact-check: Tiny article"


def test_options_choose_labels_case_insensitively_and_statuses() -> None:
    data = tiny_data(TEXT, [("Alpha said", ALLEGATION, ""), ("Beta said", CONFIRMED, "")])
    only_confirmed = build_report(
        data, ReportOptions(labels=frozenset({"confirmed"})), generated_at=NOW
    )
    assert [c.quote for c in only_confirmed.claims] == ["Beta said"]
    assert [e.label.name for e in only_confirmed.legend] == ["Confirmed"]
    nothing_done = build_report(
        data, ReportOptions(statuses=frozenset({ClaimStatus.DONE})), generated_at=NOW
    )
    assert nothing_done.claims == ()


def test_without_evidence_the_claims_carry_none_and_the_summary_counts_none() -> None:
    data = tiny_data(
        TEXT,
        [("Alpha said", ALLEGATION, "Mixed")],
        notes=(("Lunar survey", Stance.CONTRADICTS, 0), ("Dairy report", Stance.CONTEXT, 0)),
    )
    full = build_report(data, ReportOptions(), generated_at=NOW)
    assert [(e.note.title, e.stance) for e in full.claims[0].evidence] == [
        ("Lunar survey", Stance.CONTRADICTS),
        ("Dairy report", Stance.CONTEXT),
    ]
    assert full.summary.evidence_total == 2
    bare = build_report(data, ReportOptions(include_evidence=False), generated_at=NOW)
    assert bare.claims[0].evidence == ()
    assert bare.summary.evidence_total == 0


def test_summary_counts_labels_verdicts_statuses_and_stances() -> None:
    data = tiny_data(
        TEXT,
        [("Alpha said", ALLEGATION, "False"), ("Beta said", ALLEGATION, "False")],
        notes=(("Survey", Stance.SUPPORTS, 1),),
    )
    summary = build_report(data, ReportOptions(), generated_at=NOW).summary
    assert summary.total == 2
    assert summary.by_label == (("Allegation", 2),)
    assert summary.by_verdict == (("False", 2),)
    assert summary.by_status == (("open", 2),)
    assert summary.by_stance == (("supports", 1),)


def test_overlapping_claims_cut_the_text_at_every_boundary() -> None:
    data = tiny_data(
        TEXT,
        [
            ("Alpha said the moon", ALLEGATION, ""),
            ("the moon is cheese", CONFIRMED, ""),
            ("moon", ALLEGATION, ""),
        ],
    )
    report = build_report(data, ReportOptions(), generated_at=NOW)
    segments = report.segments
    assert segments[0].start == 0 and segments[-1].end == len(TEXT)
    assert all(a.end == b.start for a, b in pairwise(segments))
    moon = next(s for s in segments if TEXT[s.start : s.end] == "moon")
    assert moon.claims == (1, 2, 3)  # outermost (earliest start) first
    # each claim starts in exactly one segment and ends in exactly one
    for c in report.claims:
        assert sum(c.number in s.starts for s in segments) == 1
        assert sum(c.number in s.ends for s in segments) == 1


def test_an_orphaned_claim_is_listed_but_not_drawn() -> None:
    data = tiny_data(TEXT, [("Alpha said", ALLEGATION, "")])
    data = replace(data, claims=(replace(data.claims[0], orphaned=True),))
    report = build_report(data, ReportOptions(), generated_at=NOW)
    assert not report.claims[0].placed
    assert report.summary.orphaned == 1
    assert split_segments(len(TEXT), report.claims)[0].claims == ()


def test_a_verdict_is_the_rating_and_the_label_rating_is_the_fallback() -> None:
    data = tiny_data(TEXT, [("Alpha said", ALLEGATION, "Mostly false")])
    claim = data.claims[0]
    rating = claim_rating(claim, ALLEGATION)
    assert rating == Rating("Mostly false", 2, 5, 1)
    assert claim_rating(replace(claim, verdict=""), ALLEGATION) == Rating("Unproven")
    scaled = Label(7, "False", "#d93025", rating=Rating("False", 1, 5, 1))
    assert claim_rating(replace(claim, verdict="false"), scaled) == Rating("False", 1, 5, 1)
    assert claim_rating(replace(claim, verdict=""), Label(8, "Note", "#999999")) is None


def test_colours_are_sanitised_and_readable() -> None:
    assert safe_color("#F4B400") == "#f4b400"
    assert safe_color("red;} body{display:none") == "#9e9e9e"
    assert ink("#f4b400") == "#000000"
    assert ink("#1a237e") == "#ffffff"
    one, two = blend(["#f4b400"]), blend(["#f4b400", "#34a853"])
    assert sum(int(two[i : i + 2], 16) for i in (1, 3, 5)) < sum(
        int(one[i : i + 2], 16) for i in (1, 3, 5)
    )


def test_segments_match_the_definition_on_many_overlapping_claims() -> None:
    """The one-sweep cut equals the definition: a segment lists exactly the claims whose
    span contains it, outermost first (checked against a brute force on random claims)."""
    import random
    from types import SimpleNamespace

    from workbench.domain import Span

    rng = random.Random(4)
    for _ in range(300):
        length = rng.randint(1, 80)
        claims = []
        for number in range(1, rng.randint(0, 15) + 1):
            start = rng.randint(0, length)
            end = rng.randint(start, length)
            placed = rng.random() < 0.9
            claims.append(SimpleNamespace(span=Span(start, end), number=number, placed=placed))
        segments = split_segments(length, tuple(claims))  # type: ignore[arg-type]
        for s in segments:
            covering = sorted(
                (c for c in claims if c.placed and c.span.start <= s.start and s.end <= c.span.end),
                key=lambda c: (c.span.start, -c.span.end, c.number),
            )
            assert s.claims == tuple(c.number for c in covering)
            assert s.starts == tuple(c.number for c in covering if c.span.start == s.start)
            assert s.ends == tuple(c.number for c in covering if c.span.end == s.end)
        assert segments[0].start == 0 and segments[-1].end == length
        assert all(a.end == b.start for a, b in pairwise(segments))

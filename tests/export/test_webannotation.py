"""W3C Web Annotation JSON-LD: the shape the model's MUST rules ask for (checked here by
hand), and a reader that takes ours and other tools' annotations."""

from __future__ import annotations

import json
import re

from export_fixtures import Sample

from workbench.domain import Span, TextQuote
from workbench.export.webannotation import ANNO_CONTEXT, parse_annotations, render_webannotation

MOTIVATIONS = {
    "assessing", "bookmarking", "classifying", "commenting", "describing", "editing",
    "highlighting", "identifying", "linking", "moderating", "questioning", "replying", "tagging",
}  # fmt: skip
URI = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:\S+$")
DATETIME = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(Z|[+-]\d\d:\d\d)$")


def test_a_collection_of_one_valid_annotation_per_claim(sample: Sample) -> None:
    report = sample.report()
    doc = json.loads(json.dumps(render_webannotation(report)))
    assert ANNO_CONTEXT in doc["@context"]
    assert doc["type"] == "AnnotationCollection" and URI.match(doc["id"])
    items = doc["first"]["items"]
    assert doc["total"] == len(items) == len(report.claims)
    text = sample.article.text
    for item, c in zip(items, report.claims, strict=True):
        assert ANNO_CONTEXT in item["@context"]
        assert item["type"] == "Annotation" and URI.match(item["id"])
        assert item["motivation"] in MOTIVATIONS
        assert item["motivation"] == (
            "questioning" if c.label.name == "Allegation" else "assessing"
        )
        for key in ("created", "modified"):
            assert DATETIME.match(item[key])
        assert "bodyValue" not in item
        target = item["target"]
        assert target["source"] == sample.article.source_url
        quote, position = target["selector"]
        assert quote["type"] == "TextQuoteSelector" and quote["exact"] == c.quote
        assert position["type"] == "TextPositionSelector"
        assert text[position["start"] : position["end"]] == quote["exact"]
        purposes = [b["purpose"] for b in item["body"]]
        assert set(purposes) <= MOTIVATIONS
        assert item["body"][0] == {
            "type": "TextualBody",
            "purpose": "tagging",
            "value": c.label.name,
            "format": "text/plain",
        }
        assert purposes.count("linking") == len(c.evidence)
        for body in item["body"]:
            if body["type"] == "SpecificResource":
                assert URI.match(body["source"]) and "value" not in body
            else:
                assert isinstance(body["value"], str)
    a1 = items[0]
    assert {"type": "TextualBody", "purpose": "assessing", "value": "Mixed",
            "format": "text/plain"} in a1["body"]  # fmt: skip
    assert a1["fcw:claimant"] == "Dravenian Ministry of Defence"


def test_reading_our_export_back(sample: Sample) -> None:
    report = sample.report()
    parsed = parse_annotations(render_webannotation(report))
    assert len(parsed) == len(report.claims)
    first, c = parsed[0], report.claims[0]
    assert first.quote == c.claim.quote and first.position == c.span
    assert first.tags == ("Allegation",) and first.verdict == "Mixed"
    assert first.comment == c.claim.comment and first.claimant == c.claim.claimant
    assert [(e.title, e.stance) for e in first.evidence] == [
        (e.note.title, e.stance.value) for e in c.evidence
    ]
    assert first.evidence[0].url == c.evidence[0].note.source_url


def test_reading_hypothesis_rows() -> None:
    rows = {
        "total": 1,
        "rows": [
            {
                "id": "hyp-1",
                "uri": "https://news.example.org/a",
                "text": "Needs a source.",
                "tags": ["Allegation", "drones"],
                "target": [
                    {
                        "source": "https://news.example.org/a",
                        "selector": [
                            {"type": "RangeSelector", "startContainer": "/p[1]"},
                            {"type": "TextPositionSelector", "start": 10, "end": 20},
                            {"type": "TextQuoteSelector", "exact": "91 drones", "prefix": "said "},
                        ],
                    }
                ],
            }
        ],
    }
    (a,) = parse_annotations(rows)
    assert a.id == "hyp-1" and a.source == "https://news.example.org/a"
    assert a.quote == TextQuote("91 drones", "said ", "")
    assert a.position == Span(10, 20)
    assert a.tags == ("Allegation", "drones") and a.comment == "Needs a source."


def test_reading_a_single_annotation_with_a_refined_selector_and_body_value() -> None:
    annotation = {
        "@context": ANNO_CONTEXT,
        "id": "http://example.org/anno1",
        "type": "Annotation",
        "bodyValue": "Doubtful",
        "target": {
            "source": "http://example.org/page1",
            "selector": {
                "type": "FragmentSelector",
                "value": "para5",
                "refinedBy": {"type": "TextQuoteSelector", "exact": "the moon is cheese"},
            },
        },
    }
    (a,) = parse_annotations(annotation)
    assert a.quote == TextQuote("the moon is cheese") and a.position is None
    assert a.comment == "Doubtful"
    assert parse_annotations([annotation, annotation])[1].id == "http://example.org/anno1"


def test_an_annotation_without_a_quote_is_still_read() -> None:
    (a,) = parse_annotations({"type": "Annotation", "id": "x:1", "target": "http://e.org/p"})
    assert a.quote is None and a.source == "http://e.org/p"
    assert a.describe() == "x:1: no TextQuoteSelector, nothing to anchor"
    assert parse_annotations({"something": "else"}) == []

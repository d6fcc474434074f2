"""The JSON dump: versioned, complete, and read back to exactly what was written."""

from __future__ import annotations

import json

import pytest
from export_fixtures import NOW, Sample

from workbench.domain import UserError
from workbench.export import jsondump


def test_the_dump_is_versioned_and_complete(sample: Sample) -> None:
    data = sample.reports.article_data(sample.article.id)
    doc = json.loads(json.dumps(jsondump.dump(data, exported_at=NOW)))
    assert (doc["format"], doc["version"]) == ("factcheck-workbench", 1)
    article = doc["article"]
    assert article["text"] == sample.article.text
    assert article["sentences"] == [[s.start, s.end] for s in sample.article.sentences]
    assert article["sha256"] == sample.article.sha256
    assert {label["name"] for label in doc["labels"]} == {"Allegation", "Confirmed"}
    assert len(doc["claims"]) == 8 and len(doc["notes"]) == 5 and len(doc["links"]) == 9
    claim = doc["claims"][0]
    assert claim["exact"] == article["text"][claim["start"] : claim["end"]]
    assert claim["verdict"] == "Mixed" and claim["status"] == "in review"
    assert {link["stance"] for link in doc["links"]} == {"supports", "contradicts", "context"}
    actions = {e["action"] for e in doc["events"]}
    assert {"article.import", "claim.create", "note.create", "link.create"} <= actions


def test_load_reads_back_exactly_what_dump_wrote(sample: Sample) -> None:
    data = sample.reports.article_data(sample.article.id)
    text = json.dumps(jsondump.dump(data, exported_at=NOW))
    assert jsondump.load(json.loads(text)) == data


@pytest.mark.parametrize(
    ("doc", "message"),
    [
        ({"hello": 1}, "not a Fact-check Workbench JSON export"),
        ({"format": "factcheck-workbench", "version": 99}, "format version 99"),
        ({"format": "factcheck-workbench", "version": 1, "article": {}}, "damaged"),
    ],
)
def test_foreign_newer_or_damaged_files_are_refused_plainly(
    doc: dict[str, object], message: str
) -> None:
    with pytest.raises(UserError, match=message):
        jsondump.load(doc)

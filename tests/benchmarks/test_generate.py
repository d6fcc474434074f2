"""The benchmark data generator: deterministic, the size asked for, claims that fit."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from benchmarks import generate


def test_same_seed_same_article() -> None:
    first = generate.article("5KB", 3, seed=7)
    again = generate.article("5KB", 3, seed=7)
    assert first == again


def test_another_seed_another_text() -> None:
    assert generate.article("5KB", seed=1).text != generate.article("5KB", seed=2).text


def test_text_does_not_depend_on_the_number_of_claims() -> None:
    few = generate.article("20KB", 1)
    many = generate.article("20KB", 100)
    assert few.text == many.text
    assert few.sentences == many.sentences


@pytest.mark.parametrize("size", ["5KB", "20KB", 12_345])
def test_size_is_close_below_the_target(size: str | int) -> None:
    art = generate.article(size)
    target = generate.parse_size(size)
    assert target * 0.9 <= len(art.text) <= target
    assert art.text == art.text.strip()


def test_parse_size() -> None:
    assert generate.parse_size("1MB") == 1_000_000
    assert generate.parse_size("100kb") == 100_000
    assert generate.parse_size("2.5MB") == 2_500_000
    assert generate.parse_size(" 10MB ") == 10_000_000
    assert generate.parse_size("777") == 777
    assert generate.parse_size(42) == 42


def test_too_small_is_refused() -> None:
    with pytest.raises(ValueError, match="at least"):
        generate.article(50)


def test_presets() -> None:
    assert list(generate.SIZES.values()) == [5_000, 100_000, 1_000_000, 10_000_000]
    assert generate.CLAIM_COUNTS == (1, 100, 1_000, 10_000)


def test_sentences_are_trimmed_ordered_and_in_paragraphs() -> None:
    art = generate.article("20KB")
    previous_end = 0
    for start, end in art.sentences:
        sentence = art.text[start:end]
        assert sentence == sentence.strip() and sentence
        assert start >= previous_end
        assert "\n" not in sentence
        previous_end = end


def test_wire_story_style() -> None:
    art = generate.article("5KB")
    first_paragraph = art.text.split("\n\n")[0]
    assert " — " in first_paragraph  # the dateline
    assert "(" in first_paragraph and ")" in first_paragraph
    assert art.title and art.byline.startswith("By ") and art.outlet
    assert any(mark in art.text for mark in ('"', "“"))


def test_long_text_has_characters_outside_the_bmp() -> None:
    art = generate.article("200KB")
    assert any(ord(ch) > 0xFFFF for ch in art.text)


@pytest.mark.parametrize("count", [0, 1, 10, 100])
def test_claims_on_whole_sentences_when_there_are_enough(count: int) -> None:
    art = generate.article("20KB", count)
    assert len(art.claims) == count
    sentences = set(art.sentences)
    for claim in art.claims:
        assert (claim.start, claim.end) in sentences
    assert [c.start for c in art.claims] == sorted(c.start for c in art.claims)


def test_more_claims_than_sentences_adds_clauses_inside_sentences() -> None:
    art = generate.article("5KB", 150)
    assert len(art.sentences) < 150
    assert len(art.claims) == 150
    spans = [(c.start, c.end) for c in art.claims]
    assert len(set(spans)) == len(spans)
    assert set(art.sentences) <= set(spans)
    for start, end in spans:
        quote = art.text[start:end]
        assert quote == quote.strip() and quote
        inside = [s for s in art.sentences if s[0] <= start and end <= s[1]]
        assert inside, f"clause {quote!r} is not inside one sentence"


def test_claim_fields_come_from_the_known_values() -> None:
    art = generate.article("20KB", 100)
    for claim in art.claims:
        assert claim.label in generate.LABELS
        assert claim.verdict in generate.VERDICTS
        assert claim.status in generate.STATUSES
    assert {c.label for c in art.claims} >= {"Allegation", "Confirmed"}


def test_corpus_articles_differ() -> None:
    texts = [a.text for a in generate.corpus(3, "5KB", seed=11)]
    assert len(set(texts)) == 3
    assert texts[0] == generate.article("5KB", seed=11).text


def test_command_line_writes_text_and_claims(tmp_path: Path) -> None:
    out = tmp_path / "story"
    assert generate.main(["--size", "5KB", "--claims", "4", "--seed", "3", "--out", str(out)]) == 0
    text = out.with_suffix(".txt").read_text(encoding="utf-8")
    meta = json.loads(out.with_suffix(".claims.json").read_text(encoding="utf-8"))
    assert text.rstrip("\n") == generate.article("5KB", 4, seed=3).text
    assert len(meta["claims"]) == 4
    first = meta["claims"][0]
    assert text[first["start"] : first["end"]]

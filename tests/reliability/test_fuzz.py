"""Property tests over the whole path a source's file and a corrected article take.

Extends, without repeating, the fuzzing next to each module (random bytes behind fixed
prefixes in ``tests/importers``, random text in ``tests/text``):

* real, valid files of every format (txt, md, html, pdf, docx), mutated byte-wise
  (flips, inserts, deletions, truncation, duplicated chunks) and saved under any
  supported name, go through ``importers.read_file`` and then the segmenter: the only
  error is ``ImportRefused`` naming the file, and an imported text is normalized and
  segments into in-bounds, ordered, non-overlapping sentences;
* articles with several claims go through several random edits (insertions, deletions,
  replacements, with emoji, CJK and combining marks) and ``reanchor_all``: every span is
  within the new text, and a claim whose words no edit touched and that occurs once is
  found exactly where it moved.

Example counts are kept modest for ``make test`` and printed at the end of the module.
"""

from __future__ import annotations

import tempfile
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest
from bad_corpus import load_make_bad_inputs
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from workbench.domain import Span
from workbench.importers import SUPPORTED_SUFFIXES, ImportRefused, read_file
from workbench.importers.base import MAX_TEXT_CHARS
from workbench.importers.normalize import normalize_text
from workbench.text import quote_for, reanchor_all, segment_sentences, snap_to_words

RAN: Counter[str] = Counter()
FIXTURES = load_make_bad_inputs()._importer_fixtures()
STORY = list(FIXTURES.WIRE_STORY)
SEEDS: dict[str, bytes] = {
    ".txt": "\n\n".join(STORY).encode("utf-8"),
    ".md": ("# Drone claims\n\n" + "\n\n".join(f"* {p}" for p in STORY[:3])).encode(),
    ".html": (Path(FIXTURES.DATA_DIR) / "news_page.html").read_bytes(),
    ".pdf": FIXTURES.build_pdf([FIXTURES.wrap_for_pdf(STORY[:3])], title="Drones"),
    ".docx": FIXTURES.build_docx(STORY[:3], heading="Drones"),
}


@pytest.fixture(scope="module", autouse=True)
def _report_counts() -> Iterator[None]:
    yield
    total = sum(RAN.values())
    detail = ", ".join(f"{k}: {v}" for k, v in sorted(RAN.items()))
    print(f"\nfuzz examples run: {total} ({detail})")


MUTATION = st.tuples(
    st.sampled_from(["flip", "insert", "delete", "truncate", "duplicate"]),
    st.floats(0, 1),
    st.binary(min_size=1, max_size=16),
)


def _mutate(data: bytes, mutations: list[tuple[str, float, bytes]]) -> bytes:
    out = bytearray(data)
    for kind, where, payload in mutations:
        at = int(where * len(out))
        if kind == "flip" and out:
            at = min(at, len(out) - 1)
            out[at] ^= payload[0] or 1
        elif kind == "insert":
            out[at:at] = payload
        elif kind == "delete":
            del out[at : at + len(payload) * 64]
        elif kind == "truncate":
            del out[at:]
        elif kind == "duplicate":
            out[at:at] = out[at : at + len(payload) * 32]
    return bytes(out)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    seed=st.sampled_from(sorted(SEEDS)),
    mutations=st.lists(MUTATION, max_size=6),
    rename=st.one_of(st.none(), st.sampled_from([*SUPPORTED_SUFFIXES, ".bin", ""])),
)
def test_mutated_files_of_every_format_import_or_refuse_clearly(
    seed: str, mutations: list[tuple[str, float, bytes]], rename: str | None
) -> None:
    suffix = seed if rename is None else rename
    data = _mutate(SEEDS[seed], mutations)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"mutated{suffix}"
        path.write_bytes(data)
        try:
            article = read_file(path)
        except ImportRefused as refusal:
            assert "mutated" in str(refusal)
            RAN[f"import{seed} refused"] += 1
            return
    RAN[f"import{seed} read"] += 1
    text = article.text
    assert text and len(text) <= MAX_TEXT_CHARS
    assert "\x00" not in text and normalize_text(text) == text
    previous = 0
    for span in segment_sentences(text):
        assert previous <= span.start < span.end <= len(text)
        previous = span.end


WORDS = st.sampled_from(
    [
        "the",
        "ministry",
        "said",
        "91",
        "drones",
        "3.5",
        "No.",
        "U.S.",
        "😀",
        "中文",
        "e\u0301",
        "“quoted”",
        ",",
        ".",
        "\n\n",
        "Dr.",
        "attaché",
        "—",
    ]
)
PHRASE = st.lists(WORDS, min_size=1, max_size=12).map(" ".join)


@st.composite
def revision(draw: st.DrawFn) -> tuple[str, list[Span], str, list[Span | None]]:
    """An article, claims on it, its corrected text, and where each claim should be
    now when no edit touched it (None when one did)."""
    sentences = draw(st.lists(PHRASE.map(lambda p: p.strip() + "."), min_size=3, max_size=25))
    text = " ".join(sentences)
    claims = []
    for _ in range(draw(st.integers(1, 6))):
        start = draw(st.integers(0, len(text) - 1))
        end = draw(st.integers(start + 1, min(len(text), start + 80)))
        span = snap_to_words(text, Span(start, end))
        if span.end > span.start:
            claims.append(span)
    expected: list[Span | None] = list(claims)
    new = text
    for _ in range(draw(st.integers(1, 5))):
        a = draw(st.integers(0, len(new)))
        b = draw(st.integers(a, min(len(new), a + 60)))
        inserted = draw(st.one_of(st.just(""), PHRASE.map(lambda p: f" {p} ")))
        new = new[:a] + inserted + new[b:]
        delta = len(inserted) - (b - a)
        for i, span in enumerate(expected):
            if span is None:
                continue
            if b < span.start or (b == span.start and a < b):
                expected[i] = Span(span.start + delta, span.end + delta)
            elif a > span.end or (a == span.end and a < b):
                continue
            else:
                expected[i] = None  # the edit touched the claim or its edge
    return text, claims, new, expected


@settings(max_examples=150, deadline=None)
@given(revision())
def test_claims_on_a_revised_article_stay_in_bounds_and_untouched_ones_are_found(
    case: tuple[str, list[Span], str, list[Span | None]],
) -> None:
    old, claims, new, expected = case
    quotes = [(quote_for(old, span), span) for span in claims]
    found = reanchor_all(quotes, new)
    RAN["reanchor claims"] += len(claims)
    RAN["reanchor revisions"] += 1
    assert len(found) == len(claims)
    for (quote, _), span, where in zip(quotes, found, expected, strict=True):
        if span is not None:
            assert 0 <= span.start <= span.end <= len(new)
        if where is not None and new.count(quote.exact) == 1:
            assert span == where, (quote.exact, span, where)
    for sentence in segment_sentences(new):
        assert 0 <= sentence.start < sentence.end <= len(new)

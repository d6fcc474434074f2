"""Compare sentence segmenters on accuracy and speed, to choose workbench.text.segment.

Run: ``.venv/bin/python benchmarks/segmenters.py [--mb 1.0]``

Accuracy: the hand-written news-wire hard cases in tests/text/data/hard_sentences.txt (a
case counts when every sentence of it comes out exactly). Speed: MB/s on deterministic
generated news text (paragraphs of wire copy with titles, abbreviations, decimals,
quotes, URLs). Library candidates get the text one paragraph at a time, as the workbench
would feed them. Candidates that are not installed are listed as such; install them with
``.venv/bin/pip install blingfire numpy syntok nupunkt`` to compare them all.

It ends with the time the rest of the text engine takes on the same 1 MB: re-anchoring
1,000 claim quotes after an edit above them, after light edits of some of them, and
after some of them were deleted.
"""

from __future__ import annotations

import argparse
import random
import re
import sys
import time
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from workbench.domain.span import Span  # noqa: E402
from workbench.text.anchoring import reanchor_all  # noqa: E402
from workbench.text.segment import segment_sentences  # noqa: E402
from workbench.text.selectors import quote_for  # noqa: E402

SUITE = ROOT / "tests" / "text" / "data" / "hard_sentences.txt"
PARAGRAPH = re.compile(r"\S(?:.|\n(?![^\S\n]*\n))*")
"""A run of text without blank lines, starting at non-whitespace."""

Ranges = list[tuple[int, int]]
Segmenter = Callable[[str], Ranges]


def load_suite(path: Path = SUITE) -> list[tuple[str, list[str]]]:
    """(text, expected sentences) for each case of the hard-case file."""
    cases = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        expected = [part.replace("\\n", "\n").strip() for part in line.split("|")]
        text = line.replace(" | ", " ").replace("|", "").replace("\\n", "\n")
        cases.append((text, expected))
    return cases


def news_text(target_chars: int, seed: int = 20240611) -> str:
    """Deterministic wire copy: paragraphs of two to six sentences, blank-line separated."""
    rng = random.Random(seed)
    syllables = ["ka", "lo", "mar", "ten", "vi", "os", "ber", "ga", "ni", "ré", "zu", "ham"]
    names = [
        "".join(rng.choice(syllables) for _ in range(rng.randint(2, 3))).capitalize()
        for _ in range(2000)
    ]
    titles = ["Gen.", "Dr.", "Sen.", "Rep.", "Gov.", "Mr.", "Ms.", "Prof.", "Lt. Col."]
    months = ["Jan.", "Feb.", "Aug.", "Sept.", "Oct.", "Nov.", "Dec.", "March", "May"]
    orgs = ["Acme Inc.", "Globex Corp.", "the U.N.", "the E.U.", "the U.S. Senate", "the WHO"]
    nouns = ["unemployment", "inflation", "crime", "turnout", "the deficit", "vaccination"]
    quotes = [
        "We have proof",
        "That number is simply wrong",
        "Nobody was told",
        "It's over",
        "The data are clear",
    ]
    templates = [
        "{title} {name} said {noun} rose {n}.{d} percent in {month} {day}.",
        '"{quote}," {title} {name} told reporters on Tuesday.',
        "“{quote},” said a spokesperson for {org}.",
        "The report by {org}, released at {h} a.m., cited {n},{d}00 cases.",
        "Is the claim accurate? No.",
        '"Is this true?" asked {title} {name}.',
        "The figure (first cited in {month} {year} by a blogger) was repeated online.",
        "See https://example.org/{year}/data.html for the full table.",
        "Contact press@example.com for details.",
        "Officials met in Geneva at approx. {h} p.m. local time...",
        "{name}'s claim that {noun} doubled is false.",
        "The bill passed {n}-{d}, with {title} {name} voting no.",
        "Prices rose from ${n}.{d} million to ${n}.{d} billion in {year}.",
        "According to Dr. J. R. {name}, the study (No. {d}) was retracted.",
        "Wow! The post was shared {n},{d}00 times.",
    ]
    paragraphs: list[str] = []
    size = 0
    while size < target_chars:
        sentences = []
        for _ in range(rng.randint(2, 6)):
            sentences.append(
                rng.choice(templates).format(
                    title=rng.choice(titles),
                    name=rng.choice(names),
                    month=rng.choice(months),
                    org=rng.choice(orgs),
                    noun=rng.choice(nouns),
                    quote=rng.choice(quotes),
                    n=rng.randint(2, 99),
                    d=rng.randint(1, 9),
                    h=rng.randint(1, 11),
                    day=rng.randint(1, 28),
                    year=rng.randint(1990, 2024),
                )
            )
        paragraph = " ".join(sentences)
        paragraphs.append(paragraph)
        size += len(paragraph) + 2
    return "\n\n".join(paragraphs)[:target_chars]


def by_paragraph(segment: Segmenter) -> Segmenter:
    """Run a library segmenter on each paragraph and shift its ranges back into the text."""

    def run(text: str) -> Ranges:
        ranges: Ranges = []
        for match in PARAGRAPH.finditer(text):
            offset = match.start()
            ranges.extend((offset + s, offset + e) for s, e in segment(match.group()))
        return ranges

    return run


def ranges_of(text: str, pieces: Sequence[str]) -> Ranges:
    """Locate a library's sentence strings in text, in order."""
    ranges: Ranges = []
    position = 0
    for piece in pieces:
        piece = piece.strip()
        if not piece:
            continue
        start = text.find(piece, position)
        if start < 0:
            raise ValueError(f"sentence not found in text: {piece!r}")
        ranges.append((start, start + len(piece)))
        position = start + len(piece)
    return ranges


def candidates() -> Iterator[tuple[str, Segmenter | None]]:
    """(name, segmenter or None if the library is not installed), pysbd first."""
    try:
        import pysbd

        seg = pysbd.Segmenter(language="en", clean=False)
        yield "pysbd", by_paragraph(lambda t: ranges_of(t, seg.segment(t)))
    except ImportError:
        yield "pysbd", None
    try:
        import blingfire

        yield (
            "blingfire",
            by_paragraph(
                lambda t: [tuple(o) for o in blingfire.text_to_sentences_and_offsets(t)[1]]
            ),
        )
    except ImportError:
        yield "blingfire", None
    try:
        import syntok.segmenter

        def syntok_ranges(text: str) -> Ranges:
            ranges: Ranges = []
            for paragraph in syntok.segmenter.analyze(text):
                for sentence in paragraph:
                    tokens = [token for token in sentence if token.value]
                    if tokens:
                        end = tokens[-1].offset + len(tokens[-1].value)
                        ranges.append((tokens[0].offset, end))
            return ranges

        yield "syntok", by_paragraph(syntok_ranges)
    except ImportError:
        yield "syntok", None
    try:
        import nupunkt

        yield "nupunkt", by_paragraph(lambda t: list(nupunkt.sent_spans(t)))
    except ImportError:
        yield "nupunkt", None
    try:
        import sentencex

        def sentencex_ranges(text: str) -> Ranges:
            bounds = sentencex.get_sentence_boundaries("en", text)
            return [(b["start_index"], b["end_index"]) for b in bounds]

        yield "sentencex", by_paragraph(sentencex_ranges)
    except ImportError:
        yield "sentencex", None
    yield (
        "workbench (sentencex + rules)",
        lambda t: [(s.start, s.end) for s in segment_sentences(t)],
    )


def accuracy(segment: Segmenter, cases: list[tuple[str, list[str]]]) -> int:
    right = 0
    for text, expected in cases:
        got = [text[s:e].strip() for s, e in segment(text)]
        right += [g for g in got if g] == expected
    return right


def throughput(segment: Segmenter, text: str) -> float:
    """MB/s (millions of characters per second), best of three runs."""
    best = float("inf")
    for _ in range(3):
        start = time.perf_counter()
        segment(text)
        best = min(best, time.perf_counter() - start)
    return len(text) / best / 1e6


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, default=1.0, help="size of the speed text")
    args = parser.parse_args()
    cases = load_suite()
    text = news_text(int(args.mb * 1_000_000))
    slow_text = text[: len(text) // 5]  # the pure-python ones get a fifth of it
    print(f"{len(cases)} hard cases; speed on {len(text) / 1e6:.1f} MB of generated news text")
    print(f"{'candidate':32} {'cases':>7} {'MB/s':>8} {'x pysbd':>8}")
    baseline: float | None = None
    for name, segment in candidates():
        if segment is None:
            print(f"{name:32} not installed")
            continue
        right = accuracy(segment, cases)
        fast = not name.startswith(("pysbd", "syntok"))
        speed = throughput(segment, text if fast else slow_text)
        baseline = baseline or (speed if name == "pysbd" else None)
        ratio = f"{speed / baseline:8.1f}" if baseline else f"{'-':>8}"
        print(f"{name:32} {right:>3}/{len(cases):<3} {speed:8.2f} {ratio}")
    one_mb = news_text(1_000_000)
    start = time.perf_counter()
    spans = segment_sentences(one_mb)
    elapsed = time.perf_counter() - start
    print(f"workbench: 1 MB of news text -> {len(spans)} sentences in {elapsed:.3f} s")
    anchoring_figures(one_mb, spans)


def anchoring_figures(text: str, sentences: Sequence[Span], quotes: int = 1000) -> None:
    """Time reanchor_all for claims on ``quotes`` sentences after three kinds of edit."""
    rng = random.Random(7)
    claims = sorted(rng.sample(list(sentences), min(quotes, len(sentences))))
    selectors = [(quote_for(text, span), span) for span in claims]
    edited, deleted = text, text
    for span in reversed(claims):  # from the end, so earlier offsets stay valid
        if rng.random() < 0.1:
            sentence = edited[span.start : span.end]
            edited = edited[: span.start] + sentence.replace(" the ", " a ", 1) + edited[span.end :]
        if rng.random() < 0.1:
            deleted = deleted[: span.start] + deleted[span.end :]
    scenarios = {
        "a paragraph inserted on top": "Editor's note: this article was corrected.\n\n" + text,
        "10% of the quotes edited": edited,
        "10% of the quotes deleted": deleted,
    }
    for name, new_text in scenarios.items():
        start = time.perf_counter()
        found = reanchor_all(selectors, new_text)
        elapsed = time.perf_counter() - start
        orphans = sum(span is None for span in found)
        print(f"re-anchoring {len(claims)} quotes, {name}: {elapsed:.2f} s, {orphans} orphans")


if __name__ == "__main__":
    main()

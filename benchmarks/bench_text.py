"""The text engine: segmentation speed and accuracy against pysbd, importing a 1 MB article."""

from __future__ import annotations

from pathlib import Path

from benchmarks import fixtures
from benchmarks.runner import Context
from benchmarks.segmenters import accuracy, by_paragraph, load_suite, ranges_of
from benchmarks.table import Row, Target
from benchmarks.timing import repeat_ms


def _prefix(text: str, chars: int) -> str:
    """The text's paragraphs that fit in ``chars``."""
    cut = text.rfind("\n\n", 0, chars)
    return text[: cut if cut > 0 else chars]


def segmentation(ctx: Context) -> list[Row]:
    import pysbd

    from workbench.text import segment_sentences

    def ours(text: str) -> list[tuple[int, int]]:
        return [(s.start, s.end) for s in segment_sentences(text)]

    pysbd_segmenter = pysbd.Segmenter(language="en", clean=False)
    theirs = by_paragraph(lambda t: ranges_of(t, pysbd_segmenter.segment(t)))
    text = ctx.article("1MB").text
    slow_text = _prefix(text, 50_000 if ctx.quick else 150_000)
    ours_ms = repeat_ms(lambda: ours(text), ctx.runs)
    pysbd_ms = repeat_ms(lambda: theirs(slow_text), ctx.runs, warmup=0)
    ours_mbs = [len(text) / 1e6 / (ms / 1000) for ms in ours_ms]
    pysbd_mbs = [len(slow_text) / 1e6 / (ms / 1000) for ms in pysbd_ms]
    cases = load_suite()
    ours_right = accuracy(ours, cases)
    pysbd_right = accuracy(theirs, cases)
    sentences = len(segment_sentences(text))
    return [
        Row(
            "sentence segmentation throughput",
            "MB/s",
            ours_mbs,
            targets=[Target(10.0, ">=", "ratio")],
            baseline_name="pysbd",
            baseline_samples=pysbd_mbs,
            note=f"{len(text) / 1e6:.1f} MB wire copy, {sentences:,} sentences "
            f"(pysbd: first {len(slow_text) // 1000} KB, by paragraph)",
        ),
        Row(
            "segmentation hard cases right (tests/text/data)",
            "cases",
            [float(ours_right)],
            targets=[Target(1.0, ">=", "ratio")],
            baseline_name="pysbd",
            baseline_samples=[float(pysbd_right)],
            note=f"{ours_right}/{len(cases)} vs pysbd {pysbd_right}/{len(cases)}; "
            "deterministic, counted once",
        ),
    ]


def import_article(ctx: Context) -> list[Row]:
    """Read a 1 MB .txt file (encoding detection, normalization) and segment it; then the
    whole import a user waits for (``ArticleService.import_file``: also stores, indexes)."""
    from workbench import importers
    from workbench.text import segment_sentences

    folder = ctx.tmp / "import"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "inquiry-report.txt"
    path.write_text(ctx.article("1MB").text + "\n", encoding="utf-8")

    def read_and_segment() -> None:
        imported = importers.read_file(path)
        segment_sentences(imported.text)

    read_ms = repeat_ms(read_and_segment, ctx.runs)
    services = fixtures.open_db(folder / "db" / "workbench.sqlite")
    try:
        import_ms = repeat_ms(lambda: services.articles.import_file(Path(path)), ctx.runs)
    finally:
        services.close()
    return [
        Row(
            "import + segment a 1 MB article (read, normalize, segment)",
            "s",
            [ms / 1000 for ms in read_ms],
            targets=[Target(0.5)],
            note=".txt file of generated wire copy",
        ),
        Row(
            "... and store + index it (ArticleService.import_file)",
            "s",
            [ms / 1000 for ms in import_ms],
            targets=[Target(0.5)],
            note="one transaction: article row, FTS5 document, event; original in the file store",
        ),
    ]

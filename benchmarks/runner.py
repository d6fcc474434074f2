"""``python -m benchmarks`` (``make bench``): run every benchmark, print one table, keep JSON.

Options: ``--quick`` (3 runs and smaller baselines, to check the suite itself; its
figures are not for the record), ``--only WORD`` (rows whose group or name contains
WORD, repeatable), ``--runs N``, ``--keep`` (keep the temporary folder), ``--list``.
Each figure is the median of at least 5 runs (``--runs``), with min and max; baselines
run in the same process, interleaved or right after, on the same data.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from benchmarks import fixtures, generate
from benchmarks.table import Row, format_table, write_json

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "benchmarks" / "results"


@dataclass
class Context:
    """What the benchmarks share: settings, a temporary folder, the databases, Qt."""

    tmp: Path
    runs: int = 5
    quick: bool = False
    seed: int = generate.DEFAULT_SEED
    store: fixtures.Store = field(init=False)
    _articles: dict[tuple[str, int], generate.GeneratedArticle] = field(default_factory=dict)
    info: dict[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.store = fixtures.Store(self.tmp / "db")

    def article(self, size: str, claims: int = 0) -> generate.GeneratedArticle:
        key = (size, claims)
        if key not in self._articles:
            self._articles[key] = generate.article(size, claims, self.seed)
        return self._articles[key]

    # --- databases --------------------------------------------------------------------

    def fill_main(self, services: Any) -> dict[str, Any]:
        """The sample article (as on first run), 1 MB with 10,000 claims, 1 MB with 1,000."""
        from workbench.services.samples import load_sample

        sample = load_sample(services.articles, services.claims, services.notes, services.labels)
        big = fixtures.store_article(services, self.article("1MB", 10_000))
        mid = fixtures.store_article(services, self.article("1MB", 1_000))
        return {"sample": sample.id, "big": big.article_id, "mid": mid.article_id}

    def main_db(self) -> tuple[Path, dict[str, Any]]:
        return self.store.database("main", self.fill_main)

    def main_copy(self, name: str) -> tuple[Path, dict[str, Any]]:
        """A private copy of the main database (for benchmarks that change it)."""
        _, info = self.main_db()
        return self.store.copy("main", self.fill_main, self.tmp / "copies" / name), info

    # --- Qt ---------------------------------------------------------------------------

    def qapp(self) -> Any:
        """The QApplication of this process (offscreen unless a platform is set)."""
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        from PySide6.QtCore import QSettings
        from PySide6.QtWidgets import QApplication

        app = QApplication.instance()
        if app is None:
            folder = str(self.tmp / "qsettings")
            for fmt in (QSettings.Format.NativeFormat, QSettings.Format.IniFormat):
                for scope in (QSettings.Scope.UserScope, QSettings.Scope.SystemScope):
                    QSettings.setPath(fmt, scope, folder)
            app = QApplication([sys.argv[0]])
        return app

    def settings(self, name: str) -> Any:
        from PySide6.QtCore import QSettings

        return QSettings(str(self.tmp / f"{name}.ini"), QSettings.Format.IniFormat)


Bench = Callable[[Context], list[Row]]


def groups() -> list[tuple[str, Bench]]:
    """Every benchmark group in the order it runs: fresh processes first, on a quiet
    machine; then the text engine, storage, and the window."""
    from benchmarks import bench_gui, bench_process, bench_storage, bench_text

    return [
        ("startup", bench_process.cold_start),
        ("segmentation", bench_text.segmentation),
        ("import", bench_text.import_article),
        ("highlights", bench_gui.highlights_and_scroll),
        ("tag", bench_gui.tag_one_claim),
        ("filter", bench_gui.claims_filter),
        ("search", bench_storage.search),
        ("export", bench_storage.export),
        ("memory", bench_process.peak_memory),
        ("stall", bench_gui.session_stall),
    ]


def run(ctx: Context, only: list[str]) -> list[Row]:
    rows: list[Row] = []
    for name, bench in groups():
        if only and not any(word in name for word in only):
            continue
        started = time.perf_counter()
        print(f"[bench] {name} ...", file=sys.stderr, flush=True)
        try:
            got = bench(ctx)
        except Exception as err:  # one broken group must not lose the others' figures
            traceback.print_exc()
            got = [Row(name, "", [], error=f"{type(err).__name__}: {err}")]
        elapsed = time.perf_counter() - started
        print(f"[bench] {name}: {elapsed:.1f} s", file=sys.stderr, flush=True)
        rows += got
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__)
    parser.add_argument("--quick", action="store_true", help="3 runs, smaller baselines")
    parser.add_argument("--runs", type=int, help="runs per figure (default 5; quick 3)")
    parser.add_argument("--only", action="append", default=[], metavar="WORD")
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder")
    parser.add_argument("--list", action="store_true", help="list the groups and exit")
    parser.add_argument("--seed", type=int, default=generate.DEFAULT_SEED)
    parser.add_argument("--results", type=Path, default=RESULTS, help="where JSON goes")
    args = parser.parse_args(argv)
    if args.list:
        for name, _ in groups():
            print(name)
        return 0
    runs = args.runs or (3 if args.quick else 5)
    tmp = Path(tempfile.mkdtemp(prefix="workbench-bench-"))
    fixtures.isolate(tmp / "home")
    started = time.perf_counter()
    ctx = Context(tmp=tmp, runs=runs, quick=args.quick, seed=args.seed)
    try:
        rows = run(ctx, args.only)
    finally:
        if not args.keep:
            shutil.rmtree(tmp, ignore_errors=True)
    total = time.perf_counter() - started
    mode = "QUICK (not for the record)" if args.quick else "full"
    title = (
        f"Fact-check Workbench benchmarks: {mode}, median of {runs} runs (min, max), "
        f"{os.cpu_count()} CPUs, QT_QPA_PLATFORM={os.environ.get('QT_QPA_PLATFORM', '')}, "
        f"{total:.0f} s"
    )
    print(format_table(rows, title=title))
    meta = {"quick": args.quick, "runs": runs, "seed": args.seed, "seconds": round(total, 1)}
    meta["only"] = args.only
    meta.update(ctx.info)
    path = write_json(rows, args.results, meta=meta)
    print(f"JSON: {path.relative_to(ROOT) if path.is_relative_to(ROOT) else path}")
    return 0

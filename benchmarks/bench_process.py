"""Figures that need a fresh process: cold start, and peak memory with a big article open.

Start-up: the workbench and a bare PySide6 window with one QPlainTextEdit, alternated,
each a fresh ``python`` started by this process; the time is from just before the
process is started to its first painted window (``benchmarks.probe``). Each workbench
run gets an empty data dir, so it is a first run: the window paints, then the
database is created and the bundled sample article loaded and shown. Both probes get
a bytecode cache in the temporary folder (this machine sets PYTHONDONTWRITEBYTECODE,
which an installed program does not have) and one untimed warm-up run fills it.
"""

from __future__ import annotations

import json
import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from benchmarks.runner import ROOT, Context
from benchmarks.table import Row, Target

PROBE_TIMEOUT_S = 150


def _env(ctx: Context, home: Path) -> dict[str, str]:
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPYCACHEPREFIX"] = str(ctx.tmp / "pycache")
    env["QT_QPA_PLATFORM"] = env.get("QT_QPA_PLATFORM") or "offscreen"
    env["WORKBENCH_HOME"] = str(home / "data")
    env["XDG_CONFIG_HOME"] = str(home / "config")
    env["XDG_DATA_HOME"] = str(home / "share")
    env["XDG_CACHE_HOME"] = str(home / "cache")
    env.pop("WORKBENCH_DB", None)
    env.pop("WORKBENCH_TIMING", None)
    env.pop("WORKBENCH_SCREENSHOT", None)
    return env


def probe(
    ctx: Context, args: list[str], home: Path, *, fresh: bool = True
) -> tuple[float, dict[str, Any]]:
    """Run ``benchmarks.probe`` with ``args`` on data dir ``home`` (emptied first unless
    ``fresh`` is false); (monotonic start, its JSON line)."""
    if fresh and home.exists():
        shutil.rmtree(home)
    home.mkdir(parents=True, exist_ok=True)
    env = _env(ctx, home)
    command = [sys.executable, "-m", "benchmarks.probe", *args]
    started = time.monotonic()
    done = subprocess.run(
        command,
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=PROBE_TIMEOUT_S,
        check=False,
    )
    for line in done.stdout.splitlines():
        if line.startswith("PROBE "):
            data: dict[str, Any] = json.loads(line[6:])
            if "error" in data:
                raise RuntimeError(f"probe {args[0]}: {data['error']}")
            return started, data
    tail = (done.stderr or done.stdout).strip().splitlines()[-5:]
    raise RuntimeError(f"probe {args[0]} exited {done.returncode}: {' | '.join(tail)}")


def cold_start(ctx: Context) -> list[Row]:
    bare: list[float] = []
    first: list[float] = []
    article: list[float] = []
    again: list[float] = []
    bare_rss: list[float] = []
    app_rss: list[float] = []
    home = ctx.tmp / "start" / "app"
    for index in range(ctx.runs + 1):  # the first round fills the bytecode cache
        start, bare_data = probe(ctx, ["bare"], ctx.tmp / "start" / "bare")
        b = (bare_data["first_paint"] - start) * 1000
        start, data = probe(ctx, ["app"], home)
        f = (data["first_paint"] - start) * 1000
        a = (data["article_paint"] - start) * 1000
        start, second = probe(ctx, ["app"], home, fresh=False)
        if index:
            bare.append(b)
            first.append(f)
            article.append(a)
            again.append((second["article_paint"] - start) * 1000)
            bare_rss.append(bare_data.get("maxrss_mb", 0.0))
            app_rss.append(data.get("maxrss_mb", 0.0))
    bare_name = "bare QPlainTextEdit window"
    return [
        Row(
            "cold start: process start to first painted window",
            "ms",
            first,
            targets=[Target(2.0, "<=", "ratio")],
            baseline_name=bare_name,
            baseline_samples=bare,
            note="first run (empty data dir); fresh processes, alternated with the bare one; "
            f"peak RSS {statistics.median(app_rss):.0f} MB (bare "
            f"{statistics.median(bare_rss):.0f} MB)",
        ),
        Row(
            "cold start: ... to the sample article painted (first run)",
            "ms",
            article,
            baseline_name=bare_name,
            baseline_samples=bare,
            note="after the first paint: database created, sample loaded, article shown",
        ),
        Row(
            "start with an existing database: ... to the article painted",
            "ms",
            again,
            baseline_name=bare_name,
            baseline_samples=bare,
            note="the second start on the same data dir: last article reopened",
        ),
    ]


def peak_memory(ctx: Context) -> list[Row]:
    _, info = ctx.main_db()
    samples: list[float] = []
    notes: dict[str, Any] = {}
    for index in range(ctx.runs):
        copy = ctx.store.copy("main", ctx.fill_main, ctx.tmp / "memory" / str(index))
        args = ["memory", "--db", str(copy), "--article", str(info["big"])]
        args += ["--settings", str(ctx.tmp / "memory" / f"{index}.ini")]
        _, data = probe(ctx, args, ctx.tmp / "memory" / "home")
        samples.append(data["maxrss_mb"])
        notes = data
        shutil.rmtree(copy.parent, ignore_errors=True)
    note = (
        f"main window, 1 MB article, {notes.get('claims', 0):,} claims, then "
        f"{notes.get('pages', 0)} pages painted from top to bottom; peak after attaching the "
        f"database {notes.get('peak_after_attach_mb', 0):.0f} MB, after opening the article "
        f"{notes.get('peak_after_open_mb', 0):.0f} MB"
    )
    name = "peak memory: 1 MB article, 10,000 claims open"
    return [Row(name, "MB", samples, [Target(400)], note=note)]

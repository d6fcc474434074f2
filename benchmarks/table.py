"""The benchmark table: figures with median, min and max, baselines, ratios and targets.

A ``Row`` holds the raw samples of one figure (and of its baseline, measured in the
same run). ``ratio`` is always ours divided by the baseline's median, in the row's unit:
below 1 is faster for a time, above 1 is faster for a throughput. A ``Target`` says
which statistic it judges (``median``, ``max``, ``min`` or ``ratio``) and the bound.
``format_table`` prints the table; ``to_json`` / ``write_json`` keep it.
"""

from __future__ import annotations

import json
import platform
import statistics
import sys
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

PASS = "pass"
MISS = "MISS"
NO_TARGET = "-"
STATS = ("median", "min", "max", "ratio")


@dataclass(frozen=True, slots=True)
class Target:
    """``stat`` of the row must be ``op`` (``<=`` or ``>=``) ``value``."""

    value: float
    op: str = "<="
    stat: str = "median"

    def __post_init__(self) -> None:
        if self.op not in ("<=", ">="):
            raise ValueError(f"op must be <= or >=, not {self.op!r}")
        if self.stat not in STATS:
            raise ValueError(f"stat must be one of {STATS}, not {self.stat!r}")

    def met(self, row: Row) -> bool | None:
        """True or False; None when the statistic is missing (no samples, no baseline)."""
        actual = row.stat(self.stat)
        if actual is None:
            return None
        return actual <= self.value if self.op == "<=" else actual >= self.value

    def describe(self, unit: str) -> str:
        if self.stat == "ratio":
            return f"{self.op} {_number(self.value)}x"
        prefix = "" if self.stat == "median" else f"{self.stat} "
        return f"{prefix}{self.op} {_number(self.value)} {unit}".rstrip()


@dataclass
class Row:
    name: str
    unit: str
    samples: list[float]
    targets: list[Target] = field(default_factory=list)
    baseline_name: str = ""
    baseline_samples: list[float] = field(default_factory=list)
    note: str = ""
    error: str = ""
    """Why the figure could not be measured (the row then shows no numbers)."""

    @property
    def median(self) -> float | None:
        return statistics.median(self.samples) if self.samples else None

    @property
    def min(self) -> float | None:
        return min(self.samples) if self.samples else None

    @property
    def max(self) -> float | None:
        return max(self.samples) if self.samples else None

    @property
    def baseline_median(self) -> float | None:
        return statistics.median(self.baseline_samples) if self.baseline_samples else None

    @property
    def ratio(self) -> float | None:
        ours, base = self.median, self.baseline_median
        if ours is None or not base:
            return None
        return ours / base

    def stat(self, name: str) -> float | None:
        value: float | None = getattr(self, name)
        return value

    @property
    def status(self) -> str:
        if self.error or not self.samples:
            return MISS if self.targets else NO_TARGET
        if not self.targets:
            return NO_TARGET
        results = [target.met(self) for target in self.targets]
        return PASS if all(result is True for result in results) else MISS

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "name": self.name,
            "unit": self.unit,
            "runs": len(self.samples),
            "median": self.median,
            "min": self.min,
            "max": self.max,
            "samples": self.samples,
            "targets": [
                {"stat": t.stat, "op": t.op, "value": t.value, "met": t.met(self)}
                for t in self.targets
            ],
            "status": self.status,
            "note": self.note,
        }
        if self.baseline_name:
            data["baseline"] = {
                "name": self.baseline_name,
                "runs": len(self.baseline_samples),
                "median": self.baseline_median,
                "min": min(self.baseline_samples) if self.baseline_samples else None,
                "max": max(self.baseline_samples) if self.baseline_samples else None,
                "samples": self.baseline_samples,
            }
            data["ratio"] = self.ratio
        if self.error:
            data["error"] = self.error
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Row:
        baseline = data.get("baseline") or {}
        return cls(
            name=data["name"],
            unit=data["unit"],
            samples=list(data.get("samples", [])),
            targets=[Target(t["value"], t["op"], t["stat"]) for t in data.get("targets", [])],
            baseline_name=baseline.get("name", ""),
            baseline_samples=list(baseline.get("samples", [])),
            note=data.get("note", ""),
            error=data.get("error", ""),
        )


def _number(value: float | None) -> str:
    """Three significant figures, without a forest of zeros: 0.0123, 4.56, 123, 12,345."""
    if value is None:
        return "-"
    magnitude = abs(value)
    if magnitude >= 1000:
        return f"{value:,.0f}"
    if magnitude >= 100:
        return f"{value:.0f}"
    if magnitude >= 10:
        return f"{value:.1f}"
    if magnitude >= 1 or magnitude == 0:
        return f"{value:.2f}"
    return f"{value:.3g}"


def _ratio(value: float | None) -> str:
    return "-" if value is None else f"{_number(value)}x"


HEADERS = ("#", "figure", "median", "min", "max", "unit", "baseline (median)", "ratio")
HEADERS_END = ("target", "result", "notes")


def table_rows(rows: list[Row]) -> list[tuple[str, ...]]:
    """The cells of each row, as printed."""
    cells = []
    for number, row in enumerate(rows, start=1):
        baseline = ""
        if row.baseline_name:
            baseline = f"{row.baseline_name}: {_number(row.baseline_median)}"
        target = "; ".join(t.describe(row.unit) for t in row.targets) or "-"
        note = f"ERROR: {row.error}" if row.error else row.note
        cells.append(
            (
                str(number),
                row.name,
                _number(row.median),
                _number(row.min),
                _number(row.max),
                row.unit,
                baseline or "-",
                _ratio(row.ratio),
                target,
                row.status,
                note,
            )
        )
    return cells


def format_table(rows: list[Row], *, title: str = "") -> str:
    """A plain-text table; numeric columns right-aligned, notes last and unpadded."""
    headers = HEADERS + HEADERS_END
    body = table_rows(rows)
    widths = [len(h) for h in headers]
    for cells in body:
        for i, cell in enumerate(cells[:-1]):
            widths[i] = max(widths[i], len(cell))
    right = {0, 2, 3, 4, 7}

    def line(cells: tuple[str, ...]) -> str:
        out = []
        for i, cell in enumerate(cells[:-1]):
            out.append(cell.rjust(widths[i]) if i in right else cell.ljust(widths[i]))
        out.append(cells[-1])
        return "  ".join(out).rstrip()

    rule = "  ".join("-" * w for w in widths[:-1]) + "  " + "-" * len(headers[-1])
    lines = [title] if title else []
    lines += [line(headers), rule]
    lines += [line(cells) for cells in body]
    passed = sum(row.status == PASS for row in rows)
    missed = sum(row.status == MISS for row in rows)
    lines.append(rule)
    lines.append(f"{passed} targets met, {missed} missed, {len(rows) - passed - missed} untargeted")
    return "\n".join(lines)


def machine() -> dict[str, Any]:
    """What the figures were measured on."""
    import os

    info: dict[str, Any] = {
        "python": sys.version.split()[0],
        "platform": platform.platform(),
        "cpus": os.cpu_count(),
    }
    try:
        import PySide6
        from PySide6 import QtCore

        info["pyside6"] = PySide6.__version__
        info["qt"] = QtCore.qVersion()
    except ImportError:  # pragma: no cover - PySide6 is a dependency
        pass
    try:
        with open("/proc/loadavg", encoding="ascii") as f:
            info["loadavg_at_end"] = f.read().split()[:3]
    except OSError:
        pass
    return info


def to_json(rows: list[Row], *, meta: dict[str, Any] | None = None) -> dict[str, Any]:
    return {
        "generated_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": machine(),
        **(meta or {}),
        "rows": [row.to_dict() for row in rows],
    }


def write_json(
    rows: list[Row], folder: Path, *, meta: dict[str, Any] | None = None, stamp: str = ""
) -> Path:
    """Write ``bench-<stamp>.json`` and ``latest.json`` in ``folder``; returns the first."""
    folder.mkdir(parents=True, exist_ok=True)
    stamp = stamp or datetime.now(UTC).strftime("%Y%m%d-%H%M%S")
    document = json.dumps(to_json(rows, meta=meta), indent=1, ensure_ascii=False)
    path = folder / f"bench-{stamp}.json"
    path.write_text(document + "\n", encoding="utf-8")
    (folder / "latest.json").write_text(document + "\n", encoding="utf-8")
    return path


def read_json(path: Path) -> list[Row]:
    data = json.loads(path.read_text(encoding="utf-8"))
    return [Row.from_dict(row) for row in data["rows"]]

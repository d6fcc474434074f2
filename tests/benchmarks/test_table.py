"""The benchmark table: statistics, ratios, targets, the printed table and its JSON."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from benchmarks import runner
from benchmarks.table import (
    MISS,
    NO_TARGET,
    PASS,
    Row,
    Target,
    format_table,
    read_json,
    table_rows,
    to_json,
    write_json,
)


def row(**kwargs: object) -> Row:
    fields: dict[str, object] = {"name": "apply highlights", "unit": "ms", "samples": [5, 1, 3]}
    fields.update(kwargs)
    return Row(**fields)  # type: ignore[arg-type]


def test_median_min_max() -> None:
    r = row(samples=[4.0, 1.0, 9.0, 2.0, 3.0])
    assert (r.median, r.min, r.max) == (3.0, 1.0, 9.0)
    assert row(samples=[1.0, 2.0, 3.0, 10.0]).median == 2.5


def test_no_samples_no_numbers() -> None:
    r = row(samples=[])
    assert r.median is None and r.min is None and r.max is None and r.ratio is None


def test_ratio_is_ours_over_the_baseline_median() -> None:
    r = row(samples=[10.0, 20.0, 30.0], baseline_name="base", baseline_samples=[4.0, 5.0, 6.0])
    assert r.ratio == pytest.approx(4.0)
    assert row(baseline_name="base", baseline_samples=[]).ratio is None
    assert row(baseline_name="base", baseline_samples=[0.0]).ratio is None


def test_targets_on_each_statistic() -> None:
    r = row(samples=[2.0, 4.0, 20.0], baseline_name="b", baseline_samples=[1.0])
    assert Target(5.0).met(r) is True  # median 4
    assert Target(10.0, "<=", "max").met(r) is False  # max 20
    assert Target(2.0, ">=", "min").met(r) is True
    assert Target(3.0, ">=", "ratio").met(r) is True  # 4 / 1
    assert Target(1.0, "<=", "ratio").met(row()) is None  # no baseline


def test_bad_targets_are_refused() -> None:
    with pytest.raises(ValueError):
        Target(1.0, "<")
    with pytest.raises(ValueError):
        Target(1.0, "<=", "mean")


def test_status() -> None:
    assert row(targets=[Target(10.0)]).status == PASS
    assert row(targets=[Target(10.0), Target(4.0, "<=", "max")]).status == MISS
    assert row().status == NO_TARGET
    assert row(targets=[Target(1.0, ">=", "ratio")]).status == MISS  # no baseline to judge
    assert row(samples=[], targets=[Target(1.0)], error="boom").status == MISS
    assert row(samples=[], error="boom").status == NO_TARGET


def test_target_descriptions() -> None:
    assert Target(30.0).describe("ms") == "<= 30.0 ms"
    assert Target(16.0, "<=", "max").describe("ms") == "max <= 16.0 ms"
    assert Target(10.0, ">=", "ratio").describe("MB/s") == ">= 10.0x"
    assert Target(400).describe("MB") == "<= 400 MB"


def test_printed_table_has_every_row_and_column() -> None:
    rows = [
        row(
            name="scroll one page",
            samples=[4.5, 5.0, 7.25],
            targets=[Target(8.0), Target(16.0, "<=", "max")],
            baseline_name="extra selections",
            baseline_samples=[9.0, 10.0, 11.0],
            note="20 pages",
        ),
        row(name="segmentation", unit="MB/s", samples=[8.0], targets=[Target(10, ">=", "ratio")]),
        row(name="broken", samples=[], error="RuntimeError: no paint"),
    ]
    text = format_table(rows, title="Benchmarks")
    lines = text.splitlines()
    assert lines[0] == "Benchmarks"
    for header in ("median", "min", "max", "baseline (median)", "ratio", "target", "result"):
        assert header in lines[1]
    scroll = next(line for line in lines if "scroll one page" in line)
    for cell in ("5.00", "4.50", "7.25", "extra selections: 10.0", "0.5x", "max <= 16.0 ms"):
        assert cell in scroll
    assert scroll.split()[-3:] == ["pass", "20", "pages"]
    assert "MISS" in next(line for line in lines if "segmentation" in line)
    assert "ERROR: RuntimeError: no paint" in text
    assert lines[-1] == "1 targets met, 1 missed, 1 untargeted"


def test_numbers_keep_three_figures() -> None:
    cells = table_rows([row(samples=[0.01234, 1234.5, 56.78])])[0]
    assert cells[2:5] == ("56.8", "0.0123", "1,234")


def test_json_round_trip(tmp_path: Path) -> None:
    rows = [
        row(
            samples=[1.0, 2.0, 3.0],
            targets=[Target(30.0), Target(2.0, ">=", "ratio")],
            baseline_name="setExtraSelections",
            baseline_samples=[10.0, 11.0],
            note="n",
        ),
        row(name="failed", samples=[], error="boom"),
    ]
    path = write_json(rows, tmp_path / "results", meta={"quick": True}, stamp="20260101-000000")
    assert path.name == "bench-20260101-000000.json"
    assert (tmp_path / "results" / "latest.json").read_text() == path.read_text()
    data = json.loads(path.read_text())
    assert data["quick"] is True and data["machine"]["cpus"]
    first = data["rows"][0]
    assert first["median"] == 2.0 and first["runs"] == 3 and first["status"] == MISS
    assert first["baseline"]["median"] == 10.5
    assert first["ratio"] == pytest.approx(2.0 / 10.5)
    assert [t["met"] for t in first["targets"]] == [True, False]
    assert data["rows"][1]["error"] == "boom"
    again = read_json(path)
    assert [r.to_dict() for r in again] == [r.to_dict() for r in rows]


def test_to_json_keeps_the_meta() -> None:
    data = to_json([row()], meta={"runs": 5})
    assert data["runs"] == 5 and len(data["rows"]) == 1 and data["generated_at"]


def test_runner_lists_its_groups(capsys: pytest.CaptureFixture[str]) -> None:
    assert runner.main(["--list"]) == 0
    names = capsys.readouterr().out.split()
    assert names[0] == "startup"
    for name in ("segmentation", "highlights", "tag", "filter", "search", "export", "stall"):
        assert name in names


def test_runner_keeps_a_failing_group_as_an_error_row(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def ok(ctx: runner.Context) -> list[Row]:
        return [row(name="fine", samples=[1.0] * ctx.runs, targets=[Target(2.0)])]

    def broken(_ctx: runner.Context) -> list[Row]:
        raise RuntimeError("no paint")

    monkeypatch.setattr(runner, "groups", lambda: [("good", ok), ("bad", broken)])
    code = runner.main(["--runs", "5", "--results", str(tmp_path)])
    out = capsys.readouterr().out
    assert code == 0
    assert "fine" in out and "ERROR: RuntimeError: no paint" in out
    data = json.loads((tmp_path / "latest.json").read_text())
    assert [r["name"] for r in data["rows"]] == ["fine", "bad"]
    assert data["rows"][0]["runs"] == 5 and data["runs"] == 5

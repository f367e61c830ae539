"""The benchmark suite at its tiny size: it runs, prints its table, and every operation it
times did what it should. Nothing about time is asserted (the machine is shared)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from bench import run as bench_run
from bench.common import SIZES, Outcome
from bench.run import IDS


@pytest.fixture(scope="module")
def tiny(tmp_path_factory: pytest.TempPathFactory) -> tuple[dict[str, Outcome], Path]:
    """One tiny run of the whole suite (a few seconds), shared by the tests below."""
    cache = tmp_path_factory.mktemp("bench-cache")
    outcomes: dict[str, Outcome] = {}
    assert bench_run.main(["--size", "tiny", "--repeat", "1", "--cache", str(cache)], outcomes) == 0
    return outcomes, cache


@pytest.fixture
def outcomes(tiny: tuple[dict[str, Outcome], Path]) -> dict[str, Outcome]:
    return tiny[0]


def test_every_benchmark_ran_and_made_rows(outcomes: dict[str, Outcome]) -> None:
    assert list(outcomes) == list(IDS)
    for which, outcome in outcomes.items():
        assert outcome.rows and all(row.id.startswith(which) for row in outcome.rows)
        for row in outcome.rows:
            assert row.figure > 0 and row.anchor > 0 and row.target > 0


def test_table_has_one_line_per_row_with_a_verdict(
    tiny: tuple[dict[str, Outcome], Path], capsys: pytest.CaptureFixture[str]
) -> None:
    rows = [row for outcome in tiny[0].values() for row in outcome.rows]
    table = bench_run.format_table(rows)
    lines = table.splitlines()
    assert lines[0] == "| id | figure | ours | anchor | ratio | target | result |"
    assert len(lines) == 2 + len(rows)
    for line, row in zip(lines[2:], rows, strict=True):
        assert re.fullmatch(
            rf"\| {re.escape(row.id)} \| .+ \| \d+\.\d\dx \| <= [\d.]+x \| (PASS|MISS) \|", line
        )


def test_p1_the_app_painted_its_window_and_exited_0(outcomes: dict[str, Outcome]) -> None:
    assert outcomes["P1"].facts == {"smoke_exit": 0, "painted": True}


def test_p2_the_import_stored_every_session_of_the_file(outcomes: dict[str, Outcome]) -> None:
    n = SIZES["tiny"].imported
    assert outcomes["P2"].facts == {"added": n, "stored": n}


def test_p3_dashboard_month_equals_plain_sql(outcomes: dict[str, Outcome]) -> None:
    facts = outcomes["P3"].facts
    assert facts["dashboard_this_month"] == facts["sql_this_month"]
    sessions, diamonds = facts["sql_this_month"]  # type: ignore[misc]
    assert sessions > 0 and diamonds > 0  # the demo's featured creator is LIVE this month


def test_p4_model_shows_rows_sorted_and_reaches_the_end(outcomes: dict[str, Outcome]) -> None:
    facts = outcomes["P4"].facts
    n = SIZES["tiny"].model[1]
    assert facts["count"] == n
    first, last = facts["first"], facts["last"]
    assert len(first) == len(last) == 40 and all(any(cells) for cells in first)  # type: ignore[arg-type]
    top = facts["top"]
    assert top == sorted(top, reverse=True) and top[0] > 0  # type: ignore[type-var]


def test_p5_charts_drew_the_asked_bars_and_points(outcomes: dict[str, Outcome]) -> None:
    size = SIZES["tiny"]
    assert outcomes["P5"].facts == {
        "bars": f"earnings per day ({size.bars:,} bars)",
        "scatter": f"engagement scatter ({size.points:,} points)",
    }


def test_p6_exports_wrote_every_session(outcomes: dict[str, Outcome]) -> None:
    facts = outcomes["P6"].facts
    n = SIZES["tiny"].exported
    assert facts["sessions"] == facts["csv_rows"] == n
    assert facts["csv_same"] is True  # our CSV is byte for byte what the csv module wrote
    assert facts["xlsx_path_rows"] == n + 1  # header + one row per session


def test_generated_databases_are_cached_for_the_next_run(
    tiny: tuple[dict[str, Outcome], Path],
) -> None:
    cached = sorted(p.name for p in tiny[1].iterdir())
    assert any(name.startswith("demo-100-") for name in cached)
    assert not any(name.endswith(".part") for name in cached)


def test_only_and_repeat_are_checked(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        bench_run.parse_args(["--only", "P9"])
    with pytest.raises(SystemExit):
        bench_run.parse_args(["--repeat", "0"])
    assert bench_run.parse_args(["--only", "P2", "--size", "tiny"]).only == ["P2"]

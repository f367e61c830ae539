"""bench/bench_charts.py still runs: at a tiny size, in-process; no timing is asserted."""

from __future__ import annotations

import re
import runpy
from collections.abc import Callable
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parents[1] / "bench" / "bench_charts.py"
NUMBER = r"\d+\.\d+"


def load_bench() -> Callable[[list[str]], int]:
    """The script's ``main`` (run as a module named bench_charts, so ``__main__`` does not run)."""
    return runpy.run_path(str(BENCH), run_name="bench_charts")["main"]


def test_bench_prints_both_figures_for_both_charts(qapp, capsys: pytest.CaptureFixture) -> None:
    main = load_bench()
    assert main(["--points", "500", "--bars", "50", "--repeat", "1"]) == 0
    out = capsys.readouterr().out
    assert "database: 500 sessions over 50 days" in out
    # name, redraw ours, pyqtgraph, ratio, pan ours, pan pyqtgraph, ratio, reload, (SQL)
    figures = (
        rf"\s+{NUMBER}\s+{NUMBER}\s+{NUMBER}x\s+{NUMBER}\s+{NUMBER}\s+{NUMBER}x"
        rf"\s+{NUMBER}\s+{NUMBER}\n"
    )
    assert re.search(r"earnings per day \(50 bars\)" + figures, out), out
    assert re.search(r"engagement scatter \(500 points\)" + figures, out), out


def test_bench_refuses_fewer_points_than_days(qapp) -> None:
    main = load_bench()
    with pytest.raises(SystemExit):
        main(["--points", "10", "--bars", "50"])

"""Run the benchmark suite and print one table: figure, anchor, ratio, target, PASS/MISS.

::

    python -m bench                     # full size (issue 7's table); builds its data once
    python -m bench --size tiny         # seconds; what the test suite runs
    python -m bench --only P2 --only P4 --repeat 3

Databases come from the demo generator and are cached in ``--cache``
(default ``$TIKLIVE_BENCH_CACHE`` or ``~/.cache/tiklive-bench``). Not a test:
it exits 0 whatever the ratios (``--strict`` exits 1 on a MISS).
"""

from __future__ import annotations

import argparse
import logging
import os
import platform
import sys
import tempfile
import time
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path

from bench.common import SIZES, Cache, Outcome, Row

IDS = ("P1", "P2", "P3", "P4", "P5", "P6")


def run_one(which: str, size: str, cache: Cache, repeat: int, folder: Path) -> Outcome:
    """Import each benchmark only when asked for, so ``--only P2`` does not load Qt widgets."""
    sizes = SIZES[size]
    if which == "P1":
        from bench import p1_startup

        return p1_startup.run(cache, sizes.startup, repeat)
    if which == "P2":
        from bench import p2_import

        return p2_import.run(cache, sizes.imported, max(1, min(repeat, 3)))
    if which == "P3":
        from bench import p3_dashboard

        return p3_dashboard.run(cache, sizes.dashboard, _cheap(repeat))
    if which == "P4":
        from bench import p4_model

        return p4_model.run(cache, sizes.model, _cheap(repeat), folder)
    if which == "P5":
        from bench import p5_charts

        return p5_charts.run(sizes.points, sizes.bars, repeat, folder)
    from bench import p6_export

    return p6_export.run(cache, sizes.exported, max(1, min(repeat, 3)))


def _cheap(repeat: int) -> int:
    """Figures of a millisecond or less need more runs for a steady median."""
    return repeat if repeat < 3 else repeat * 4


def _amount(value: float, unit: str) -> str:
    if unit == "B":
        return f"{value / 1_048_576:.2f} MiB"
    return f"{value * 1000:.1f} ms" if value < 1 else f"{value:.2f} s"


def format_table(rows: Sequence[Row]) -> str:
    """The one table, as GitHub-style Markdown (readable in a terminal and in RESULTS.md)."""
    lines = [
        "| id | figure | ours | anchor | ratio | target | result |",
        "|---|---|---:|---:|---:|---:|---|",
    ]
    for row in rows:
        lines.append(
            f"| {row.id} | {row.what} | {_amount(row.figure, row.unit)}"
            f" | {_amount(row.anchor, row.unit)} | {row.ratio:.2f}x | <= {row.target:g}x"
            f" | {'PASS' if row.passed else 'MISS'} |"
        )
    return "\n".join(lines)


def machine_note() -> str:
    cpus = os.cpu_count()
    return (
        f"{datetime.now(UTC):%Y-%m-%d %H:%M} UTC; {platform.machine()}, {cpus} CPUs,"
        f" Python {platform.python_version()}, {platform.system()} {platform.release()}"
    )


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__.splitlines()[0])
    parser.add_argument("--size", choices=sorted(SIZES), default="full")
    parser.add_argument("--only", action="append", choices=IDS, help="run only these (repeatable)")
    parser.add_argument("--repeat", type=int, default=5, help="runs per figure (median)")
    parser.add_argument("--cache", type=Path, default=None, help="folder for generated data")
    parser.add_argument("--strict", action="store_true", help="exit 1 if any figure misses")
    parser.add_argument("-v", "--verbose", action="store_true", help="log what is being built")
    args = parser.parse_args(argv)
    if args.repeat < 1:
        parser.error("--repeat must be at least 1")
    return args


def main(argv: Sequence[str] | None = None, outcomes: dict[str, Outcome] | None = None) -> int:
    """Run, print the table; ``outcomes`` (if given) receives each benchmark's result."""
    args = parse_args(argv)
    logging.basicConfig(level=logging.INFO if args.verbose else logging.WARNING)
    default = os.environ.get("TIKLIVE_BENCH_CACHE") or Path.home() / ".cache" / "tiklive-bench"
    cache = Cache(Path(args.cache or default))
    chosen = [i for i in IDS if not args.only or i in args.only]
    rows: list[Row] = []
    began = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="tiklive-bench-") as folder:
        for which in chosen:
            outcome = run_one(which, args.size, cache, args.repeat, Path(folder))
            rows.extend(outcome.rows)
            if outcomes is not None:
                outcomes[which] = outcome
    print(f"TikLive Desktop benchmarks, size {args.size}, median of {args.repeat}")
    print(f"{machine_note()}; took {time.perf_counter() - began:.0f} s")
    print(format_table(rows))
    missed = [row.id for row in rows if not row.passed]
    print(f"{len(rows) - len(missed)} PASS, {len(missed)} MISS")
    return 1 if args.strict and missed else 0


if __name__ == "__main__":
    sys.exit(main())

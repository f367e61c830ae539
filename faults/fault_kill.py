"""Kill test: SIGKILL a child importing a large CSV at random moments; check what is left.

Why: every import is one transaction (``exchange.import_plan.apply_plan``), so
whenever the process dies the database must pass ``PRAGMA integrity_check``
and hold either all of the import or none of it. Kills are aimed at random
moments over the whole measured run (start-up, planning, writing, closing),
and half of them at the write itself (see :func:`choose_shots`), so some are
sure to land mid-transaction; each kill is classified by the phase lines the
child printed before it died.
"""

from __future__ import annotations

import contextlib
import os
import random
import signal
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from fault_common import (
    HANDLE,
    check_database,
    copy_database,
    remove_database,
    table,
    write_base_database,
    write_csv,
)

PHASES = ("before", "during", "during*", "after", "finished")
CHILD = Path(__file__).resolve().with_name("child_import.py")


@dataclass(frozen=True)
class Timings:
    """Seconds from spawning the child: write begins, write ends, child exits."""

    write_begin: float
    write_end: float
    total: float


@dataclass(frozen=True)
class Kill:
    delay: float
    after: str  # the phase line the delay counted from ("" = the spawn)
    phase: str  # before / during / during* / after (the write), or "finished" (before the kill)
    wal_bytes: int  # the -wal file's size just before the kill: the write had reached the disk
    integrity: str
    sessions: int
    verdict: str  # none / all / PARTIAL

    @property
    def ok(self) -> bool:
        return self.integrity == "ok" and self.verdict in ("none", "all")


def _spawn(csv_path: Path, db: Path) -> tuple[subprocess.Popen[str], float]:
    started = time.monotonic()
    child = subprocess.Popen(
        [sys.executable, str(CHILD), str(csv_path), str(db), HANDLE],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    return child, started


def _marks(text: str) -> dict[str, float]:
    marks = {}
    for line in text.splitlines():
        name, _, when = line.partition(" ")
        if when:
            marks[name.split(":")[0]] = float(when)
    return marks


def calibrate(csv_path: Path, base: Path, work: Path, runs: int = 3) -> Timings:
    """Run the import to its end ``runs`` times; the fastest run's phase times.

    The fastest, not the median: on a shared machine a slow calibration run
    would spread the kills past the end of most real runs.
    """
    found: list[Timings] = []
    for _ in range(runs):
        db = copy_database(base, work / "calibrate.db")
        child, started = _spawn(csv_path, db)
        out, err = child.communicate(timeout=600)
        ended = time.monotonic()
        if child.returncode != 0:
            raise RuntimeError(f"the import child failed: {err.strip()}")
        marks = _marks(out)
        found.append(
            Timings(marks["write-begin"] - started, marks["write-end"] - started, ended - started)
        )
    return min(found, key=lambda t: t.total)


def _read_until(child: subprocess.Popen[str], phase: str, seen: list[str]) -> bool:
    """Read the child's phase lines until ``phase`` (True) or its end (False)."""
    assert child.stdout is not None
    for line in child.stdout:
        seen.append(line)
        if line.startswith(phase):
            return True
    return False


def kill_once(csv_path: Path, base: Path, work: Path, shot: Shot, rows: int, before: int) -> Kill:
    """One run killed ``shot.delay`` s after spawn, or after the child says the write began."""
    db = copy_database(base, work / "killed.db")
    child, started = _spawn(csv_path, db)
    seen: list[str] = []
    if shot.after and _read_until(child, shot.after, seen):
        deadline = time.monotonic() + shot.delay
    else:
        deadline = started + shot.delay
    with contextlib.suppress(subprocess.TimeoutExpired):
        child.wait(timeout=max(0.0, deadline - time.monotonic()))
    finished = child.poll() is not None
    wal = Path(f"{db}-wal")
    wal_bytes = wal.stat().st_size if wal.exists() else 0
    if not finished:
        os.kill(child.pid, signal.SIGKILL)
    out, _ = child.communicate(timeout=60)
    marks = _marks("".join(seen) + out)
    if finished:
        phase = "finished"
    elif "write-end" in marks:
        phase = "after"
    elif "rows-inserted" in marks:
        phase = "during*"  # rows inserted, COMMIT not finished
    elif "write-begin" in marks:
        phase = "during"
    else:
        phase = "before"
    integrity, sessions = check_database(db)
    verdict = {before: "none", before + rows: "all"}.get(sessions, "PARTIAL")
    remove_database(db)
    return Kill(shot.delay, shot.after, phase, wal_bytes, integrity, sessions, verdict)


@dataclass(frozen=True)
class Shot:
    """When to kill: ``delay`` s after the spawn, or after the child printed the line ``after``."""

    delay: float
    after: str = ""


COMMIT_WINDOW = 0.005
"""Aimed just after the rows are inserted: the COMMIT (writing the -wal frames) is under way."""


def choose_shots(timings: Timings, kills: int, rng: random.Random) -> list[Shot]:
    """Half spread over the whole run; the rest aimed at the write, its commit and its end.

    The aimed ones wait for the child's phase line and then a random part of
    the measured phase, so timing noise on a busy machine cannot make them all
    miss the transaction: of every 10 kills, 5 are spread over the run, 3 land
    during the write, 1 as it commits and 1 after it.
    """
    window = max(timings.write_end - timings.write_begin, 0.001)
    closing = max(timings.total - timings.write_end, 0.001)
    spans = {"write-begin": window, "rows-inserted": COMMIT_WINDOW, "write-end": closing}
    cycle = ("write-begin", "rows-inserted", "write-begin", "write-end", "write-begin")
    spread = kills // 2
    shots = [Shot(rng.uniform(0.0, timings.total * 1.05)) for _ in range(spread)]
    for i in range(kills - spread):
        after = cycle[i % len(cycle)]
        shots.append(Shot(rng.uniform(0.0, spans[after]), after))
    rng.shuffle(shots)
    return shots


def run_kill_test(work: Path, rows: int, kills: int, seed: int) -> tuple[list[Kill], str]:
    """The kills and the printed report (figures, a row per kill, a summary)."""
    work.mkdir(parents=True, exist_ok=True)
    csv_path = write_csv(work / "import.csv", rows)
    base = work / "base.db"
    before = write_base_database(base)
    runs = 3 if kills >= 10 else 1
    timings = calibrate(csv_path, base, work, runs)
    shots = choose_shots(timings, kills, random.Random(seed))
    results = [kill_once(csv_path, base, work, shot, rows, before) for shot in shots]
    lines = [
        f"Kill test: importing {rows:,} sessions into a database holding {before}; "
        f"{kills} SIGKILLs (seed {seed})",
        f"measured (fastest of {runs} full runs): write {timings.write_begin:.3f}-"
        f"{timings.write_end:.3f} s "
        f"after spawn, child exits at {timings.total:.3f} s",
        "",
        table(
            ["#", "kill at", "phase", "-wal bytes", "integrity", "sessions", "holds"],
            [
                [
                    i + 1,
                    f"{k.after + '+' if k.after else ''}{k.delay:.3f}s",
                    k.phase,
                    f"{k.wal_bytes:,}",
                    k.integrity,
                    k.sessions,
                    k.verdict,
                ]
                for i, k in enumerate(results)
            ],
        ),
        "",
    ]
    count = {p: sum(k.phase == p for k in results) for p in PHASES}
    lines.append(
        "kills before the write: {before}, during: {during_all} ({during_rows} of them with the "
        "rows inserted but not committed), after: {after}, child already finished: "
        "{finished}".format(
            during_all=count["during"] + count["during*"], during_rows=count["during*"], **count
        )
    )
    bad = [k for k in results if not k.ok]
    lines.append(
        f"integrity ok: {sum(k.integrity == 'ok' for k in results)}/{len(results)}; "
        f"all-or-none: {sum(k.verdict != 'PARTIAL' for k in results)}/{len(results)} "
        f"(none {sum(k.verdict == 'none' for k in results)}, "
        f"all {sum(k.verdict == 'all' for k in results)}) -> {'FAIL' if bad else 'PASS'}"
    )
    return results, "\n".join(lines)

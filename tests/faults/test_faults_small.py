"""``make faults`` at a small size: its three parts run and print their figures (< 10 s).

The full run (30 kills of a 20,000-session import) is ``make faults``; this
keeps the script working and its promises true in every ``make test``.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest

FAULTS = Path(__file__).resolve().parents[2] / "faults"
sys.path.insert(0, str(FAULTS))

from fault_backup import round_trip, run_backups  # noqa: E402
from fault_common import check_database, write_base_database, write_csv  # noqa: E402
from fault_corpus import MAY_OPEN, clear, run_corpus  # noqa: E402
from fault_kill import Shot, choose_shots, kill_once, run_kill_test  # noqa: E402

KINDS = {
    "damaged-page",
    "truncated",
    "random-bytes",
    "zero-length",
    "png-renamed",
    "newer-version",
    "foreign-sqlite",
    "read-only",
    "directory",
}


def test_kill_test_prints_its_table_and_every_kill_leaves_all_or_none(tmp_path: Path) -> None:
    results, text = run_kill_test(tmp_path, rows=800, kills=3, seed=8)
    assert len(results) == 3
    assert all(k.integrity == "ok" for k in results), text
    assert all(k.verdict in ("none", "all") for k in results), text
    assert [k.after for k in results if k.after] == ["write-begin", "rows-inserted"] or [
        k.after for k in results if k.after
    ] == ["rows-inserted", "write-begin"]  # 1 spread over the run, 2 aimed at the write
    assert re.search(r"kills before the write: \d+, during: \d+", text)
    assert text.rstrip().endswith("PASS")


def test_a_kill_after_the_write_began_leaves_none_of_the_import(tmp_path: Path) -> None:
    """Killed 1 ms after the child says the write began: the transaction is rolled back.

    Up to three tries, in case a busy machine lets the whole write finish
    before the kill arrives (then the database must hold all of it).
    """
    csv_path = write_csv(tmp_path / "in.csv", 3000)
    base = tmp_path / "base.db"
    before = write_base_database(base)
    kills = []
    for _ in range(3):
        kill = kill_once(csv_path, base, tmp_path, Shot(0.001, "write-begin"), 3000, before)
        kills.append(kill)
        assert kill.integrity == "ok"
        # Before the rows are in: none. As the COMMIT runs ("during*"): either, never part.
        expected = {"during": ("none",), "during*": ("none", "all")}.get(kill.phase, ("all",))
        assert kill.verdict in expected, kill
        if kill.phase.startswith("during"):
            break
    assert kills[-1].phase.startswith("during"), kills


def test_an_import_left_alone_holds_all_of_it(tmp_path: Path) -> None:
    csv_path = write_csv(tmp_path / "in.csv", 300)
    base = tmp_path / "base.db"
    before = write_base_database(base)
    kill = kill_once(csv_path, base, tmp_path, Shot(60.0), 300, before)
    assert kill.phase == "finished"
    assert check_database(tmp_path / "base.db") == ("ok", before)  # the base is only copied
    assert (kill.integrity, kill.sessions, kill.verdict) == ("ok", before + 300, "all")


def test_shots_spread_over_the_run_and_half_aimed_at_the_write() -> None:
    import random

    from fault_kill import COMMIT_WINDOW, Timings

    shots = choose_shots(Timings(1.0, 1.5, 2.0), 30, random.Random(1))
    spread = [s for s in shots if not s.after]
    assert len(spread) == 15
    assert all(0 <= s.delay <= 2.1 for s in spread)
    assert min(s.delay for s in spread) < 1.0 < max(s.delay for s in spread)
    by_phase = {
        p: [s.delay for s in shots if s.after == p]
        for p in ("write-begin", "rows-inserted", "write-end")
    }
    assert {p: len(d) for p, d in by_phase.items()} == {
        "write-begin": 9,
        "rows-inserted": 3,
        "write-end": 3,
    }
    assert all(0 <= d <= 0.5 for d in by_phase["write-begin"])  # inside the 0.5 s write
    assert all(0 <= d <= COMMIT_WINDOW for d in by_phase["rows-inserted"])
    assert all(0 <= d <= 0.5 for d in by_phase["write-end"])  # before the child exits


@pytest.fixture(scope="module")
def corpus_rows(tmp_path_factory: pytest.TempPathFactory):
    return run_corpus(tmp_path_factory.mktemp("corpus"), inline_cli=True)


def test_the_corpus_has_every_kind_and_prints_a_table(corpus_rows) -> None:
    rows, text = corpus_rows
    assert {r.kind for r in rows} >= KINDS
    assert "Damaged-file corpus" in text and "hash same" in text


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_each_damaged_file_gives_a_clear_message_and_stays_untouched(corpus_rows, kind) -> None:
    row = next(r for r in corpus_rows[0] if r.kind == kind)
    assert "CRASH" not in (row.app.answer, row.cli.answer), row
    assert row.same_hash, f"{kind}: the file changed"
    for outcome in (row.app, row.cli):
        if outcome.answer == "refused":
            assert clear(outcome.message, kind), outcome.message
        else:
            assert kind in MAY_OPEN, f"{kind} was opened as if it were a database"


@pytest.mark.parametrize(
    ("message", "expected"),
    [
        ("tiklive: /x/zero-length.db is empty, not a TikLive Desktop database", True),
        ("zero-length", False),  # names the file but says nothing
        ("Traceback (most recent call last):\n  zero-length", False),
        ("tiklive: unexpected error (ValueError: zero-length bad)", False),
        ("tiklive: the file is damaged", False),  # does not say which file
    ],
)
def test_what_counts_as_a_clear_message(message: str, expected: bool) -> None:
    assert clear(message, "zero-length") is expected


def test_a_backup_restores_the_same_totals(tmp_path: Path) -> None:
    checks = round_trip(tmp_path, 200)
    assert all(check.ok for check in checks), checks
    assert checks[0].got.startswith("205 sessions")  # 5 before + 200 imported
    if len(checks) > 1:  # storage.backups: the current file was backed up first
        assert checks[1].got.startswith("103 sessions")  # ids 1..205, the odd ones kept


def test_the_backup_table_says_what_it_skipped(tmp_path: Path) -> None:
    checks, text = run_backups(tmp_path, 50)
    assert text.startswith("Backups")
    assert all(c.ok is not False for c in checks), text
    assert all(c.ok or c.got.startswith("skipped") for c in checks)

"""quick_check skipped only for a file exactly as this app closed it (issue 7, P1; issue 8).

The record (storage/file_check.py) holds size, mtime_ns, inode and device taken
after a clean close, and when the file last passed a full check. Every other
file, and every file whose last full check is older than RECHECK_AFTER, is
checked before anything may write to it.
"""

from __future__ import annotations

import json
import os
import random
import shutil
import sqlite3
import time
from pathlib import Path

import pytest
from safety_helpers import file_hash

from tiklive_desktop.storage import file_check
from tiklive_desktop.storage.database import check_file, open_database
from tiklive_desktop.storage.errors import DamagedDatabaseError
from tiklive_desktop.storage.file_check import (
    CLEAN_RECORD,
    RECHECK_AFTER,
    clean_check_time,
    remember_clean,
)
from tiklive_desktop.storage.safety_corpus import write_good_database

CHECKED = 1_790_000_000.0  # when the file "last passed" its check (Unix time)
SOON = CHECKED + 60.0  # a minute later: well within RECHECK_AFTER


@pytest.fixture
def good(tmp_path: Path, data_dir: Path) -> Path:
    """A good database, closed (no -wal), as the app leaves it."""
    return write_good_database(tmp_path / "tiklive.db")


@pytest.fixture
def checks(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """Counts the real quick_check runs (each one still runs)."""
    ran: list[Path] = []
    real = file_check.run_quick_check

    def counting(conn: sqlite3.Connection) -> list[str]:
        ran.append(Path(conn.execute("PRAGMA database_list").fetchone()[2]))
        return real(conn)

    monkeypatch.setattr(file_check, "run_quick_check", counting)
    return ran


def same_mtime_damage(path: Path) -> None:
    """Scribble over the last page in place, then put size and mtime back: bit rot's look."""
    before = path.stat()
    page_size = int.from_bytes(path.read_bytes()[16:18], "big")
    with path.open("r+b") as handle:
        handle.seek(before.st_size - page_size + 8)
        handle.write(random.Random(7).randbytes(page_size - 8))
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    after = path.stat()
    assert (after.st_size, after.st_mtime_ns, after.st_ino) == (
        before.st_size,
        before.st_mtime_ns,
        before.st_ino,
    )


def test_an_unchanged_file_is_trusted_and_open_skips_the_check(good: Path, checks) -> None:
    assert clean_check_time(good, SOON) is None  # new to this app
    assert remember_clean(good, CHECKED)
    assert clean_check_time(good, SOON) == CHECKED
    db = open_database(good, quick_check=clean_check_time(good, SOON) is None)
    db.close()
    assert checks == []
    check_file(good)  # the full check itself still runs when asked
    assert checks == [good.resolve()]


def test_a_file_new_to_this_app_is_checked(good: Path, checks, data_dir: Path) -> None:
    other = write_good_database(good.parent / "other.db")
    assert remember_clean(good, CHECKED)
    assert clean_check_time(other, SOON) is None
    open_database(other, quick_check=clean_check_time(other, SOON) is None).close()
    assert checks == [other.resolve()]
    assert list(json.loads((data_dir / CLEAN_RECORD).read_text())) == [str(good.resolve())]


@pytest.mark.parametrize("change", ["written-by-another", "replaced-by-a-copy", "touched"])
def test_a_file_changed_after_the_clean_close_is_checked(good: Path, change: str) -> None:
    assert remember_clean(good, CHECKED)
    if change == "written-by-another":
        conn = sqlite3.connect(good)
        conn.execute("UPDATE sessions SET notes = 'edited elsewhere' WHERE id = 1")
        conn.commit()
        conn.close()
    elif change == "replaced-by-a-copy":  # same bytes and mtime, another inode
        copy = good.with_name("copy.db")
        shutil.copy2(good, copy)
        copy.replace(good)
    else:
        os.utime(good, ns=(time.time_ns(), good.stat().st_mtime_ns + 1))
    assert clean_check_time(good, SOON) is None


def test_a_file_left_by_a_crash_is_checked(good: Path) -> None:
    """A write that never reached the main file: only the -wal beside it says so."""
    open_database(good).close()  # as the app leaves its files: in WAL mode
    assert not Path(f"{good}-wal").exists()
    assert remember_clean(good, CHECKED)
    before = good.stat()
    conn = sqlite3.connect(good)  # the write stays in the -wal (never checkpointed: a crash)
    conn.execute("PRAGMA wal_autocheckpoint = 0")
    conn.execute("UPDATE sessions SET notes = 'in the wal' WHERE id = 1")
    conn.commit()
    assert Path(f"{good}-wal").stat().st_size > 0
    assert (good.stat().st_size, good.stat().st_mtime_ns) == (before.st_size, before.st_mtime_ns)
    assert clean_check_time(good, SOON) is None
    assert not remember_clean(good, CHECKED)  # not at rest: nothing is recorded either
    conn.close()  # the last connection folds the -wal in and removes it
    assert clean_check_time(good, SOON) is None


def test_the_full_check_comes_back_after_recheck_after(good: Path) -> None:
    assert remember_clean(good, CHECKED)
    assert clean_check_time(good, CHECKED + RECHECK_AFTER - 1) == CHECKED
    assert clean_check_time(good, CHECKED + RECHECK_AFTER) is None
    assert clean_check_time(good, CHECKED - 3600) is None  # a check "from the future": clock moved


def test_damage_that_keeps_size_and_mtime_is_the_documented_trade_off(good: Path) -> None:
    """Bit rot leaves the stamp as it was: not seen at open until RECHECK_AFTER has passed;
    then the full check refuses the file, untouched (issue 8's promise)."""
    assert remember_clean(good, CHECKED)
    same_mtime_damage(good)
    before = file_hash(good)
    assert clean_check_time(good, SOON) == CHECKED  # looks as left: trusted
    assert clean_check_time(good, CHECKED + RECHECK_AFTER) is None
    with pytest.raises(DamagedDatabaseError, match="is damaged"):
        open_database(good)
    assert file_hash(good) == before


@pytest.mark.parametrize("text", ["", "not json", "[1, 2]", '{"x": 1}'])
def test_a_broken_record_means_check_everything(good: Path, data_dir: Path, text: str) -> None:
    data_dir.mkdir(parents=True, exist_ok=True)
    (data_dir / CLEAN_RECORD).write_text(text)
    assert clean_check_time(good, SOON) is None
    assert remember_clean(good, CHECKED)  # and the record is written anew
    assert clean_check_time(good, SOON) == CHECKED


def test_a_record_that_cannot_be_written_is_no_error(
    good: Path, data_dir: Path, writable_again: None
) -> None:
    data_dir.mkdir(parents=True, exist_ok=True)
    data_dir.chmod(0o500)
    if os.access(data_dir, os.W_OK):  # root writes anyway: make the target a folder instead
        data_dir.chmod(0o700)
        (data_dir / CLEAN_RECORD).mkdir()
    assert not remember_clean(good, CHECKED)
    assert clean_check_time(good, SOON) is None


def test_the_record_is_private_and_bounded(good: Path, data_dir: Path) -> None:
    for number in range(file_check._MAX_RECORDS + 5):
        remember_clean(good.with_name(f"gone-{number}.db"), CHECKED)  # no such file: forgotten
    assert remember_clean(good, CHECKED)
    records = json.loads((data_dir / CLEAN_RECORD).read_text())
    assert list(records) == [str(good.resolve())]
    if os.name == "posix":
        assert (data_dir / CLEAN_RECORD).stat().st_mode & 0o077 == 0

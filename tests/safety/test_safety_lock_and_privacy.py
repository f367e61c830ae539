"""One writer per database (the lock file), and files only their owner can read."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest

from tiklive_desktop.gui.file_safety import DatabaseLock
from tiklive_desktop.storage import backups
from tiklive_desktop.storage.database import open_database

HOLD = """
import os, signal, sys
from PySide6.QtCore import QLockFile
lock = QLockFile(sys.argv[1])
lock.setStaleLockTime(0)
assert lock.tryLock(0)
print(os.getpid(), flush=True)
if sys.argv[2] == "crash":
    os.kill(os.getpid(), signal.SIGKILL)  # dies holding the lock, as a crash would
sys.stdin.read()  # holds it until the test closes stdin
lock.unlock()
"""


def hold_lock(lock_file: Path, how: str) -> subprocess.Popen[str]:
    child = subprocess.Popen(
        [sys.executable, "-c", HOLD, str(lock_file), how],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert child.stdout is not None
    child.pid_seen = int(child.stdout.readline())  # type: ignore[attr-defined]
    return child


@pytest.fixture
def holder(tmp_path: Path) -> Iterator[subprocess.Popen[str]]:
    child = hold_lock(tmp_path / "tiklive.db.lock", "hold")
    yield child
    finish(child)


def finish(child: subprocess.Popen[str]) -> int:
    for pipe in (child.stdin, child.stdout):
        if pipe is not None:
            pipe.close()
    return child.wait(timeout=20)


def test_a_second_instance_cannot_take_a_held_lock(
    tmp_path: Path, holder: subprocess.Popen[str]
) -> None:
    lock = DatabaseLock(tmp_path / "tiklive.db")
    assert not lock.acquire()
    assert lock.held_elsewhere
    assert str(holder.pid_seen) in lock.holder()  # type: ignore[attr-defined]


def test_an_old_lock_of_a_live_process_is_not_taken_as_stale(
    tmp_path: Path, holder: subprocess.Popen[str]
) -> None:
    """Qt's default treats any lock older than 30 s as stale, even while its owner runs."""
    lock_file = tmp_path / "tiklive.db.lock"
    an_hour_ago = time.time() - 3600
    os.utime(lock_file, (an_hour_ago, an_hour_ago))
    assert not DatabaseLock(tmp_path / "tiklive.db").acquire()


def test_a_stale_lock_left_by_a_killed_process_is_recovered(tmp_path: Path) -> None:
    lock_file = tmp_path / "tiklive.db.lock"
    child = hold_lock(lock_file, "crash")
    assert finish(child) == -9  # SIGKILL: no chance to unlock
    assert lock_file.exists()
    lock = DatabaseLock(tmp_path / "tiklive.db")
    assert lock.acquire()
    assert str(os.getpid()) in lock_file.read_text(errors="replace")  # ours now
    lock.release()
    assert not lock_file.exists()


@pytest.mark.skipif(os.name != "posix", reason="POSIX permission bits")
def test_data_folder_database_side_files_and_backups_are_private(data_dir: Path) -> None:
    old = os.umask(0o022)  # the usual default: new files world-readable
    try:
        path = data_dir / "tiklive.db"
        db = open_database(path)
        db.conn.execute("INSERT INTO settings (key, value) VALUES ('goal', '1')")
        db.conn.commit()
        modes = {p.name: p.stat().st_mode & 0o777 for p in data_dir.iterdir() if p.is_file()}
        made = backups.make_backup(db.conn, path, now=datetime(2026, 11, 1, 12, 0))
        db.close()
    finally:
        os.umask(old)
    assert data_dir.stat().st_mode & 0o777 == 0o700
    assert modes == {"tiklive.db": 0o600, "tiklive.db-wal": 0o600, "tiklive.db-shm": 0o600}
    assert made.parent.stat().st_mode & 0o777 == 0o700
    assert made.stat().st_mode & 0o777 == 0o600


@pytest.mark.skipif(os.name != "posix", reason="POSIX permission bits")
def test_an_existing_loose_database_is_tightened_but_a_chosen_folder_is_left(
    tmp_path: Path, data_dir: Path
) -> None:
    data_dir.mkdir(mode=0o755)
    data_dir.chmod(0o755)
    inside = data_dir / "tiklive.db"
    open_database(inside).close()
    inside.chmod(0o644)
    data_dir.chmod(0o755)
    open_database(inside).close()
    assert inside.stat().st_mode & 0o777 == 0o600
    assert data_dir.stat().st_mode & 0o777 == 0o700
    mine = tmp_path / "Documents"
    mine.mkdir()
    mine.chmod(0o755)
    open_database(mine / "shared.db").close()
    assert mine.stat().st_mode & 0o777 == 0o755  # the user's own folder: not ours to change
    assert (mine / "shared.db").stat().st_mode & 0o777 == 0o600

"""Automatic, rotating backups in the data folder, and restoring one of them.

Why: a creator's history is years of income records. Like GnuCash, the app
keeps dated copies by itself, so a bad import, a mistaken delete or a damaged
disk costs at most a day. The copy itself is :func:`exchange.backup.backup_database`
(SQLite's online backup API: one consistent snapshot even while the window
writes, checked with ``integrity_check``, written atomically).

- Where: ``backups/`` in the data folder (0700; each file 0600), named
  ``<database name>-<YYYYmmdd-HHMMSS>[-<label>].tiklive-backup`` in local time.
  A database outside the data folder gets a short tag of its full path in the
  name (``work-1a2b3c-...``), so two files both called ``tiklive.db`` never
  share, or rotate away, each other's backups. The extension keeps backups
  out of File > Open's ``*.db`` filter: opening one would migrate and change it.
- When: :func:`auto_backup` at most once per calendar day (the window calls it
  on close), then the oldest beyond ``keep`` are deleted. ``keep`` is a
  setting (``DEFAULT_KEEP``); 0 turns automatic backups off.
- Restore (:func:`restore`): the current file is first backed up (labelled
  ``before-restore``; a damaged one is renamed aside instead, never
  overwritten), then :func:`exchange.backup.restore_backup` verifies the
  backup and replaces the database atomically. It refuses while the
  database is open elsewhere.
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
import re
import sqlite3
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from tiklive_desktop.exchange.backup import BackupError, Source, backup_database, restore_backup
from tiklive_desktop.storage import errors
from tiklive_desktop.storage.database import check_file
from tiklive_desktop.storage.errors import FileRefusedError
from tiklive_desktop.storage.location import (
    SIDE_SUFFIXES,
    backups_folder,
    data_folder,
    ensure_private_folder,
    make_private,
)
from tiklive_desktop.storage.migrations import APPLICATION_ID

log = logging.getLogger(__name__)

DEFAULT_KEEP = 7
"""How many automatic backups of one database are kept (a week of daily ones)."""
EXTENSION = ".tiklive-backup"
STAMP = "%Y%m%d-%H%M%S"
BEFORE_RESTORE = "before-restore"
BEFORE_UPGRADE = "before-upgrade"
DAMAGED_SUFFIX = ".damaged-"


@dataclass(frozen=True)
class BackupInfo:
    """One backup file as the Restore dialog lists it."""

    path: Path
    taken: datetime
    sessions: int | None  # None: the file could not be read (see ``problem``)
    size: int
    label: str = ""
    problem: str = ""
    number: int = 1  # the 2 of a second backup within the same second


@dataclass(frozen=True)
class Restored:
    """What :func:`restore` did with the file it replaced."""

    backup_of_current: Path | None  # the before-restore backup in the backups folder
    set_aside: Path | None  # a damaged current file, renamed (not overwritten)
    kept: Path | None  # <name>.before-restore beside the database (exchange.backup)


def database_key(db_path: Path) -> str:
    """The name part shared by one database's backups (see the module docstring)."""
    path = Path(db_path).expanduser()
    stem = re.sub(r"[^\w.-]+", "_", path.stem) or "database"
    try:
        resolved = path.resolve()
        home = data_folder().resolve()
    except OSError:
        resolved, home = path.absolute(), data_folder()
    if resolved.parent == home:
        return stem
    tag = hashlib.sha1(str(resolved).encode("utf-8")).hexdigest()[:6]
    return f"{stem}-{tag}"


def _pattern(key: str) -> re.Pattern[str]:
    return re.compile(
        rf"^{re.escape(key)}-(\d{{8}}-\d{{6}})(?:-([a-z-]+?))?(?:-(\d+))?{re.escape(EXTENSION)}$"
    )


def backup_path(db_path: Path, when: datetime, folder: Path | None = None, label: str = "") -> Path:
    """A new, unused file name for a backup of ``db_path`` taken at ``when``."""
    base = folder or backups_folder()
    name = f"{database_key(db_path)}-{when.strftime(STAMP)}" + (f"-{label}" if label else "")
    candidate = base / f"{name}{EXTENSION}"
    number = 2
    while candidate.exists():  # two in one second (tests, a quick restore after a backup)
        candidate = base / f"{name}-{number}{EXTENSION}"
        number += 1
    return candidate


def _sort_key(info: BackupInfo) -> tuple[datetime, int]:
    return info.taken, info.number


def _read(path: Path, taken: datetime, label: str, number: int) -> BackupInfo:
    """Count the sessions without changing the file: ``immutable`` opens write nothing at all."""
    size = path.stat().st_size
    try:
        uri = f"{path.resolve().as_uri()}?mode=ro&immutable=1"
        with contextlib.closing(sqlite3.connect(uri, uri=True)) as conn:
            if conn.execute("PRAGMA application_id").fetchone()[0] != APPLICATION_ID:
                return BackupInfo(path, taken, None, size, label, "not a TikLive database", number)
            sessions = int(conn.execute("SELECT count(*) FROM sessions").fetchone()[0])
    except sqlite3.Error as error:
        return BackupInfo(path, taken, None, size, label, f"unreadable ({error})", number)
    return BackupInfo(path, taken, sessions, size, label, number=number)


def list_backups(
    db_path: Path, folder: Path | None = None, *, count_sessions: bool = True
) -> list[BackupInfo]:
    """The backups of ``db_path``, newest first, each with its date and number of sessions."""
    base = folder or backups_folder()
    if not base.is_dir():
        return []
    pattern = _pattern(database_key(db_path))
    found = []
    for path in base.iterdir():
        match = pattern.match(path.name)
        if not match or not path.is_file():
            continue
        taken = datetime.strptime(match.group(1), STAMP)
        label = match.group(2) or ""
        number = int(match.group(3) or 1)
        if count_sessions:
            found.append(_read(path, taken, label, number))
        else:
            found.append(BackupInfo(path, taken, None, path.stat().st_size, label, number=number))
    return sorted(found, key=_sort_key, reverse=True)


def latest_backup(db_path: Path, folder: Path | None = None) -> BackupInfo | None:
    """The newest backup that can be read, its sessions counted (None if none can).

    Backups are opened newest first and only until one reads: this runs when a
    file is refused at start-up, and opening every kept backup would be wasted.
    """
    for info in list_backups(db_path, folder, count_sessions=False):
        read = _read(info.path, info.taken, info.label, info.number)
        if read.sessions is not None:
            return read
    return None


def backup_due(db_path: Path, now: datetime, folder: Path | None = None) -> bool:
    """True when ``db_path`` has no backup taken on ``now``'s calendar day."""
    found = list_backups(db_path, folder, count_sessions=False)
    return not any(info.taken.date() == now.date() for info in found)


def make_backup(
    source: Source,
    db_path: Path,
    *,
    folder: Path | None = None,
    now: datetime | None = None,
    label: str = "",
    quick: bool = False,
) -> Path:
    """Back ``source`` (the open connection, or the file) up into the backups folder now.

    ``quick`` checks the copy with ``quick_check`` instead of ``integrity_check``.
    """
    base = ensure_private_folder(folder or backups_folder())
    target = backup_path(db_path, now or datetime.now(), base, label)
    backup_database(source, target, quick=quick)
    make_private(target)
    return target


def rotate(db_path: Path, keep: int, folder: Path | None = None) -> list[Path]:
    """Delete the backups of ``db_path`` beyond the newest ``keep``; returns those deleted."""
    removed = []
    for info in list_backups(db_path, folder, count_sessions=False)[max(keep, 0) :]:
        try:
            info.path.unlink()
            removed.append(info.path)
        except OSError as error:
            log.warning("cannot remove old backup %s: %s", info.path, error)
    if removed:
        log.info("removed %d old backups of %s", len(removed), db_path)
    return removed


def auto_backup(
    source: Source,
    db_path: Path,
    *,
    keep: int = DEFAULT_KEEP,
    folder: Path | None = None,
    now: datetime | None = None,
) -> Path | None:
    """The daily backup: made only when none was taken today, then rotated to ``keep``.

    Returns the new backup, or None when none was due (or ``keep`` is 0: off).
    Raises :class:`BackupError` when the copy fails; nothing is rotated then.
    """
    when = now or datetime.now()
    if keep <= 0 or not backup_due(db_path, when, folder):
        return None
    made = make_backup(source, db_path, folder=folder, now=when, quick=True)
    rotate(db_path, keep, folder)
    log.info("automatic backup of %s: %s", db_path, made)
    return made


def set_aside(db_path: Path, now: datetime | None = None) -> Path:
    """Rename a damaged database and its side files to ``<name>.damaged-<stamp>``: kept."""
    stamp = (now or datetime.now()).strftime(STAMP)
    target = db_path.with_name(f"{db_path.name}{DAMAGED_SUFFIX}{stamp}")
    number = 2
    while target.exists():
        target = db_path.with_name(f"{db_path.name}{DAMAGED_SUFFIX}{stamp}-{number}")
        number += 1
    for suffix in SIDE_SUFFIXES:
        side = Path(f"{db_path}{suffix}")
        if side.exists():
            side.replace(Path(f"{target}{suffix}"))
    db_path.replace(target)
    log.warning("set the damaged %s aside as %s", db_path, target)
    return target


def restore(
    backup: Path,
    db_path: Path,
    *,
    folder: Path | None = None,
    now: datetime | None = None,
) -> Restored:
    """Replace ``db_path`` with ``backup``, after backing the current file up.

    A current file that is a good database (or a newer version's) is backed
    up into the backups folder first; one that is damaged or not a database
    is renamed aside. Then the backup is verified and swapped in atomically.
    Raises :class:`BackupError` (the database left as it was, though a
    before-restore backup may have been made).
    """
    db_path = Path(db_path).expanduser()
    backup = Path(backup).expanduser()
    if not backup.is_file():
        raise BackupError(f"{backup}: no such backup file")
    backup_of_current = aside = None
    if db_path.exists():
        try:
            check_file(db_path)
            healthy = True
        except FileRefusedError as error:
            if error.reason in (errors.FOLDER, errors.UNREADABLE, errors.READ_ONLY):
                raise BackupError(str(error)) from error
            healthy = error.reason == errors.NEWER
        if healthy:
            backup_of_current = make_backup(
                db_path, db_path, folder=folder, now=now, label=BEFORE_RESTORE
            )
        else:
            aside = set_aside(db_path, now)
    kept = restore_backup(backup, db_path)
    make_private(db_path)
    log.info("restored %s from %s", db_path, backup)
    return Restored(backup_of_current, aside, kept)


__all__ = [
    "BEFORE_RESTORE",
    "BEFORE_UPGRADE",
    "DEFAULT_KEEP",
    "EXTENSION",
    "BackupError",
    "BackupInfo",
    "Restored",
    "auto_backup",
    "backup_due",
    "backup_path",
    "database_key",
    "latest_backup",
    "list_backups",
    "make_backup",
    "restore",
    "rotate",
    "set_aside",
]

"""Where the user's database lives by default, and keeping that place private.

``TIKLIVE_DATA_DIR`` overrides the platform folder: the tests point it at a
throwaway folder so that no test can touch real data, and a portable build can
keep its data beside the executable.

Privacy: a creator's income records are nobody else's business, and on a
shared Linux machine the default umask makes new files world-readable. So the
data folder is kept at 0700 and the database, its ``-wal``/``-shm`` side files
and the backups at 0600 (POSIX only; Windows profiles are private already).
Folders the user chose themselves (``--db ~/Documents/x.db``) are never
chmod-ed; only the database files in them are.
"""

from __future__ import annotations

import logging
import os
import stat
from pathlib import Path

import platformdirs

from tiklive_desktop import APP_NAME

log = logging.getLogger(__name__)

DATA_DIR_ENV = "TIKLIVE_DATA_DIR"
DATABASE_NAME = "tiklive.db"
BACKUPS_FOLDER = "backups"
PRIVATE_FOLDER_MODE = 0o700
PRIVATE_FILE_MODE = 0o600
SIDE_SUFFIXES = ("-wal", "-shm", "-journal")
"""The files SQLite keeps beside a database: they hold recent writes, so they are as private."""


def data_folder() -> Path:
    """The folder for the database and its backups (not created here)."""
    override = os.environ.get(DATA_DIR_ENV)
    if override:
        return Path(override).expanduser()
    return platformdirs.user_data_path(APP_NAME, appauthor=False)


def default_database_path() -> Path:
    return data_folder() / DATABASE_NAME


def backups_folder() -> Path:
    """Where automatic backups go: ``backups/`` in the data folder (not created here)."""
    return data_folder() / BACKUPS_FOLDER


def _posix() -> bool:
    return os.name == "posix"


def _tighten(path: Path, mode: int) -> None:
    """chmod ``path`` to ``mode`` if it is ours and looser; never fails (logs instead)."""
    if not _posix():
        return
    try:
        info = path.stat()
        if stat.S_IMODE(info.st_mode) & ~mode and info.st_uid == os.getuid():
            path.chmod(mode)
    except FileNotFoundError:
        return
    except OSError as error:  # e.g. a file system without permissions (FAT on a stick)
        log.warning("cannot make %s private: %s", path, error)


def is_app_folder(folder: Path) -> bool:
    """The data folder or a folder inside it (e.g. backups/): the app's own, so kept 0700."""
    try:
        base = data_folder().resolve()
        here = folder.resolve()
    except OSError:
        return False
    return here == base or base in here.parents


def ensure_private_folder(folder: Path) -> Path:
    """Create ``folder`` (and parents); the app's own folders are made 0700, others left alone."""
    folder.mkdir(parents=True, exist_ok=True)
    if is_app_folder(folder):
        base = data_folder()
        _tighten(base, PRIVATE_FOLDER_MODE)
        for parent in [folder, *folder.parents]:
            if parent == base or base not in parent.parents:
                break
            _tighten(parent, PRIVATE_FOLDER_MODE)
    return folder


def make_private(database: Path) -> None:
    """The database file and whichever side files exist: 0600 (the owner's only)."""
    _tighten(database, PRIVATE_FILE_MODE)
    for suffix in SIDE_SUFFIXES:
        _tighten(Path(f"{database}{suffix}"), PRIVATE_FILE_MODE)

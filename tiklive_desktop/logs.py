"""The app's log: a rotating file in the data folder, readable by the user only.

Why a file: an unexpected error's traceback is what a bug report needs, and a
desktop app has no console the user sees; the crash dialog
(:mod:`tiklive_desktop.gui.crash`) says where this file is. Why rotating
(``MAX_BYTES`` x ``BACKUPS``, 1 MB x 5): a log must never grow without bound
on a laptop. Why 0600 in a 0700 folder: log lines name the database file and
may quote what was typed (a session title in a validation message); they are
the user's business only, like the database itself.

Logging must never stop the app: when the folder cannot be written (a full
disk, a read-only home), :func:`setup_logging` logs to stderr alone and
returns None.
"""

from __future__ import annotations

import logging
import logging.handlers
import os
import stat
import sys
from pathlib import Path
from typing import IO

LOG_FOLDER = "logs"
LOG_NAME = "tiklive.log"
MAX_BYTES = 1_000_000
BACKUPS = 5
FORMAT = "%(asctime)s %(levelname)s %(name)s [%(threadName)s] %(message)s"
FILE_MODE = stat.S_IRUSR | stat.S_IWUSR  # 0600
FOLDER_MODE = stat.S_IRWXU  # 0700

log = logging.getLogger(__name__)
_current: Path | None = None


class PrivateRotatingFileHandler(logging.handlers.RotatingFileHandler):
    """A RotatingFileHandler whose files are created 0600 (rotated files keep it: a rename)."""

    def _open(self) -> IO[str]:
        flags = os.O_WRONLY | os.O_APPEND | os.O_CREAT | getattr(os, "O_CLOEXEC", 0)
        fd = os.open(self.baseFilename, flags, FILE_MODE)
        if os.name == "posix":
            os.fchmod(fd, FILE_MODE)  # a file made before, by an older version or by hand
        encoding = self.encoding or "utf-8"
        return open(fd, "a", encoding=encoding, errors="backslashreplace")  # noqa: PTH123


def log_folder(data_folder: Path | None = None) -> Path:
    """``logs/`` in the data folder (``TIKLIVE_DATA_DIR`` overrides the platform's)."""
    if data_folder is None:
        from tiklive_desktop.storage.location import data_folder as default_folder

        data_folder = default_folder()
    return data_folder / LOG_FOLDER


def _private_folder(folder: Path) -> None:
    folder.mkdir(mode=FOLDER_MODE, parents=True, exist_ok=True)
    if os.name == "posix":
        folder.chmod(FOLDER_MODE)


def setup_logging(
    data_folder: Path | None = None, *, level: int = logging.INFO, console: bool = True
) -> Path | None:
    """Send every logger to the rotating file (and to stderr if ``console``); returns its path.

    Calling it again replaces the handlers it added before (tests, a second
    window); handlers others added to the root logger are left alone.
    """
    global _current
    root = logging.getLogger()
    for handler in list(root.handlers):
        if getattr(handler, "_tiklive", False):
            root.removeHandler(handler)
            handler.close()
    root.setLevel(level)
    formatter = logging.Formatter(FORMAT)
    if console:
        stream = logging.StreamHandler(sys.stderr)
        stream.setFormatter(formatter)
        stream._tiklive = True  # type: ignore[attr-defined]
        root.addHandler(stream)
    folder = log_folder(data_folder)
    try:
        _private_folder(folder)
        handler = PrivateRotatingFileHandler(
            folder / LOG_NAME, maxBytes=MAX_BYTES, backupCount=BACKUPS, encoding="utf-8"
        )
    except OSError as error:
        _current = None
        log.warning("cannot write the log file in %s (%s); logging to stderr only", folder, error)
        return None
    handler.setFormatter(formatter)
    handler._tiklive = True  # type: ignore[attr-defined]
    root.addHandler(handler)
    _current = folder / LOG_NAME
    log.info("logging to %s", _current)
    return _current


def current_log_file() -> Path | None:
    """The file :func:`setup_logging` writes to (None: not set up, or stderr only)."""
    return _current


__all__ = [
    "BACKUPS",
    "MAX_BYTES",
    "PrivateRotatingFileHandler",
    "current_log_file",
    "log_folder",
    "setup_logging",
]

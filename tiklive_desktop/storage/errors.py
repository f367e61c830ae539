"""The storage layer's own exceptions, so callers never need to catch ``sqlite3`` errors by name.

A refused file carries *why* it was refused (:class:`FileRefusedError.reason`),
so the window can offer the right way out (a backup, read-only mode, nothing)
without parsing the message; the message itself is one line that names the
file, for the command line and the dialog alike.
"""

from __future__ import annotations

from pathlib import Path

# Why a database file was refused (FileRefusedError.reason).
FOLDER = "folder"
EMPTY = "empty"
NOT_SQLITE = "not-sqlite"
DAMAGED = "damaged"
FOREIGN = "foreign"
NEWER = "newer"
READ_ONLY = "read-only"
UNREADABLE = "unreadable"
NEEDS_UPGRADE = "needs-upgrade"
IN_USE = "in-use"

RESTORABLE = frozenset({EMPTY, NOT_SQLITE, DAMAGED, FOREIGN})
"""Reasons where opening the latest automatic backup instead is a sensible offer.

Not NEWER (a backup is older: update the app instead, or newer records are
lost), not READ_ONLY (the file is fine: open it read-only), not FOLDER."""


class StorageError(Exception):
    """Base class: something about the stored data prevents the operation."""


class FileRefusedError(StorageError):
    """A database file was refused before anything was written to it.

    ``reason`` is one of the module constants (``EMPTY``, ``DAMAGED``...);
    ``path`` the refused file.
    """

    def __init__(self, message: str, path: Path | None = None, reason: str = "") -> None:
        super().__init__(message)
        self.path = path
        self.reason = reason


class SchemaError(FileRefusedError):
    """The file is not a TikLive Desktop database, is damaged, or was written by a newer version.

    Raised before anything is written, so the file is left exactly as it was.
    """


class DamagedDatabaseError(SchemaError):
    """The file is an SQLite database but cut short or failing ``PRAGMA quick_check``."""


class ReadOnlyDatabaseError(FileRefusedError):
    """The file, or its folder, cannot be written: it can only be opened read-only."""


class NotFoundError(StorageError, LookupError):
    """An update or delete named a row that does not exist."""


class InUseError(StorageError):
    """A delete was refused because other records still refer to the row."""


class MissingExchangeRateError(StorageError, LookupError):
    """An amount in another currency cannot be converted to USD: no rate is stored for it."""

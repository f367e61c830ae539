"""The storage layer's own exceptions, so callers never need to catch ``sqlite3`` errors by name."""

from __future__ import annotations


class StorageError(Exception):
    """Base class: something about the stored data prevents the operation."""


class SchemaError(StorageError):
    """The file is not a TikLive Desktop database, or was written by a newer version.

    Raised before anything is written, so the file is left exactly as it was.
    """


class NotFoundError(StorageError, LookupError):
    """An update or delete named a row that does not exist."""


class InUseError(StorageError):
    """A delete was refused because other records still refer to the row."""


class MissingExchangeRateError(StorageError, LookupError):
    """An amount in another currency cannot be converted to USD: no rate is stored for it."""

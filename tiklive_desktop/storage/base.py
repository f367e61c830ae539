"""What every part of the repository shares: the connection, transactions, change notices."""

from __future__ import annotations

import logging
import secrets
import sqlite3
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from sqlite_utils import Database

log = logging.getLogger(__name__)

Subscriber = Callable[[str], None]


class RepositoryBase:
    """The connection plus one transaction discipline for every write.

    A write runs in ``BEGIN IMMEDIATE`` (it takes the write lock up front, so a
    worker thread's connection waits via ``busy_timeout`` instead of failing
    halfway with SQLITE_BUSY). Several writes can be grouped with
    :meth:`transaction`; subscribers hear about the tables only once the
    outermost transaction has committed, never about rolled-back work.
    """

    def __init__(self, db: Database) -> None:
        self.db = db
        self.conn: sqlite3.Connection = db.conn
        self._subscribers: list[Subscriber] = []
        self._pending: set[str] | None = None

    def subscribe(self, callback: Subscriber) -> Callable[[], None]:
        """Call ``callback(table)`` after each committed write; returns an unsubscribe function."""
        self._subscribers.append(callback)
        return lambda: self._subscribers.remove(callback)

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """Group writes: all of them commit, or none (nested calls use savepoints)."""
        if self.conn.in_transaction:
            yield from self._savepoint()
            return
        self.conn.execute("BEGIN IMMEDIATE")
        self._pending = set()
        try:
            yield
        except BaseException:
            self._pending = None
            if self.conn.in_transaction:
                self.conn.execute("ROLLBACK")
            raise
        try:
            self.conn.execute("COMMIT")
        except BaseException:
            self._pending = None
            if self.conn.in_transaction:
                self.conn.execute("ROLLBACK")
            raise
        tables, self._pending = self._pending, None
        self._notify(sorted(tables))

    def _savepoint(self) -> Iterator[None]:
        name = f"repo_{secrets.token_hex(8)}"
        self.conn.execute(f"SAVEPOINT {name}")
        try:
            yield
        except BaseException:
            if self.conn.in_transaction:
                self.conn.execute(f"ROLLBACK TO {name}")
                self.conn.execute(f"RELEASE {name}")
            raise
        self.conn.execute(f"RELEASE {name}")

    @contextmanager
    def _write(self, *tables: str) -> Iterator[None]:
        """One write operation touching ``tables``, atomic on its own or inside a group."""
        with self.transaction():
            yield
            if self._pending is not None:
                self._pending.update(tables)
            else:
                # Inside someone else's transaction (e.g. sqlite-utils' atomic()):
                # its commit cannot be seen from here, so report now rather than never.
                self._notify(tables)

    def _notify(self, tables: Sequence[str]) -> None:
        for table in tables:
            for callback in list(self._subscribers):
                try:
                    callback(table)
                except Exception:
                    # The write is committed; a broken listener must not make
                    # the caller believe it failed.
                    log.exception("subscriber %r failed for table %s", callback, table)

    def _rows(self, sql: str, params: Sequence[Any] = ()) -> list[sqlite3.Row]:
        cursor = self.conn.cursor()
        cursor.row_factory = sqlite3.Row
        return cursor.execute(sql, params).fetchall()

    def _row(self, sql: str, params: Sequence[Any] = ()) -> sqlite3.Row | None:
        rows = self._rows(sql, params)
        return rows[0] if rows else None

    def _scalar(self, sql: str, params: Sequence[Any] = ()) -> Any:
        row = self.conn.execute(sql, params).fetchone()
        return None if row is None else row[0]

"""The one API the rest of the app uses to read and write the database.

Every method returns core entities or small frozen result types, runs each
write in one transaction (a failure halfway leaves nothing behind) and, once it
has committed, calls the subscribers with the name of each table it changed.
No Qt here: the GUI adapts :meth:`subscribe` to a signal (gui/store.py).

The class is assembled from one mixin per area to keep each module small:
sessions.py, queries.py, aggregates.py, catalog.py, ledger.py, reference.py.
"""

from __future__ import annotations

import sqlite3

from sqlite_utils import Database

from tiklive_desktop.core.entities import Account
from tiklive_desktop.storage.aggregates import (
    AggregatesMixin,
    GiftTotal,
    PeriodTotal,
    WeekHourTotals,
)
from tiklive_desktop.storage.catalog import CatalogMixin
from tiklive_desktop.storage.errors import InUseError, NotFoundError
from tiklive_desktop.storage.ledger import LedgerMixin
from tiklive_desktop.storage.queries import QueriesMixin, SessionQuery, SessionRow, SessionTotals

__all__ = [
    "GiftTotal",
    "PeriodTotal",
    "Repository",
    "SessionQuery",
    "SessionRow",
    "SessionTotals",
    "WeekHourTotals",
]

_ACCOUNT_COLUMNS = "id, handle, display_name, region, currency, monthly_goal_diamonds"


def account_from_row(row: sqlite3.Row) -> Account:
    return Account(
        handle=row["handle"],
        display_name=row["display_name"],
        region=row["region"],
        currency=row["currency"],
        monthly_goal_diamonds=row["monthly_goal_diamonds"],
        id=row["id"],
    )


def _account_values(account: Account) -> tuple:
    return (
        account.handle.strip(),
        account.display_name,
        account.region,
        account.currency,
        account.monthly_goal_diamonds,
    )


class Repository(AggregatesMixin, QueriesMixin, CatalogMixin, LedgerMixin):
    """Reads and writes of one database connection (use one Repository per thread)."""

    def __init__(self, db: Database) -> None:
        super().__init__(db)

    # -- accounts ------------------------------------------------------------------
    def list_accounts(self) -> list[Account]:
        rows = self._rows(f"SELECT {_ACCOUNT_COLUMNS} FROM accounts ORDER BY handle, id")
        return [account_from_row(row) for row in rows]

    def get_account(self, account_id: int) -> Account | None:
        row = self._row(f"SELECT {_ACCOUNT_COLUMNS} FROM accounts WHERE id = ?", (account_id,))
        return account_from_row(row) if row else None

    def add_account(self, account: Account) -> Account:
        with self._write("accounts"):
            cursor = self.conn.execute(
                f"INSERT INTO accounts ({_ACCOUNT_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?)",
                (account.id, *_account_values(account)),
            )
        return self._must_account(int(cursor.lastrowid or 0))

    def update_account(self, account: Account) -> Account:
        if account.id is None:
            raise ValueError("update_account needs a stored account (id is None)")
        with self._write("accounts"):
            cursor = self.conn.execute(
                "UPDATE accounts SET handle = ?, display_name = ?, region = ?, currency = ?,"
                " monthly_goal_diamonds = ? WHERE id = ?",
                (*_account_values(account), account.id),
            )
            if cursor.rowcount == 0:
                raise NotFoundError(f"no account {account.id}")
        return self._must_account(account.id)

    def delete_account(self, account_id: int) -> None:
        """Delete an account that has no records; its own rate periods go with it.

        Refused (:class:`InUseError`) while sessions, withdrawals or other income
        refer to it: deleting years of history must be a deliberate, separate step.
        """
        with self._write("accounts", "rate_periods"):
            used = {
                table: self._scalar(
                    f"SELECT count(*) FROM {table} WHERE account_id = ?", (account_id,)
                )
                for table in ("sessions", "withdrawals", "other_income")
            }
            if any(used.values()):
                detail = ", ".join(f"{n} {table}" for table, n in used.items() if n)
                raise InUseError(f"account {account_id} still has records ({detail})")
            cursor = self.conn.execute("DELETE FROM accounts WHERE id = ?", (account_id,))
            if cursor.rowcount == 0:
                raise NotFoundError(f"no account {account_id}")

    def _must_account(self, account_id: int) -> Account:
        found = self.get_account(account_id)
        if found is None:
            raise NotFoundError(f"no account {account_id}")
        return found

    # -- settings ------------------------------------------------------------------
    def get_setting(self, key: str, default: str | None = None) -> str | None:
        value = self._scalar("SELECT value FROM settings WHERE key = ?", (key,))
        return default if value is None else str(value)

    def set_setting(self, key: str, value: str | None) -> None:
        """Store ``value`` under ``key``; None removes the key (back to the default)."""
        with self._write("settings"):
            if value is None:
                self.conn.execute("DELETE FROM settings WHERE key = ?", (key,))
            else:
                self.conn.execute(
                    "INSERT INTO settings (key, value) VALUES (?, ?)"
                    " ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                    (key, value),
                )

    def all_settings(self) -> dict[str, str]:
        return dict(self.conn.execute("SELECT key, value FROM settings"))

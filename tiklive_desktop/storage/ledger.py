"""Money that is not gifts: withdrawals from the TikTok wallet and other income streams."""

from __future__ import annotations

import sqlite3

from tiklive_desktop.core.entities import IncomeKind, OtherIncome, Withdrawal, WithdrawalStatus
from tiklive_desktop.storage.base import RepositoryBase
from tiklive_desktop.storage.codec import cents, date_text, from_cents, text_date
from tiklive_desktop.storage.errors import NotFoundError

_WITHDRAWAL_COLUMNS = (
    "id, account_id, date, diamonds, amount_cents, currency, method, fee_cents, status, note"
)
_INCOME_COLUMNS = "id, account_id, date, kind, amount_cents, currency, note"


def withdrawal_from_row(row: sqlite3.Row) -> Withdrawal:
    return Withdrawal(
        account_id=row["account_id"],
        date=text_date(row["date"]),
        diamonds=row["diamonds"],
        amount=from_cents(row["amount_cents"]),
        currency=row["currency"],
        method=row["method"],
        fee=from_cents(row["fee_cents"]),
        status=WithdrawalStatus(row["status"]),
        note=row["note"],
        id=row["id"],
    )


def income_from_row(row: sqlite3.Row) -> OtherIncome:
    return OtherIncome(
        account_id=row["account_id"],
        date=text_date(row["date"]),
        kind=IncomeKind(row["kind"]),
        amount=from_cents(row["amount_cents"]),
        currency=row["currency"],
        note=row["note"],
        id=row["id"],
    )


def _withdrawal_values(w: Withdrawal) -> tuple:
    return (
        w.account_id,
        date_text(w.date),
        w.diamonds,
        cents(w.amount),
        w.currency,
        w.method,
        cents(w.fee),
        WithdrawalStatus(w.status).value,
        w.note,
    )


def _income_values(income: OtherIncome) -> tuple:
    return (
        income.account_id,
        date_text(income.date),
        IncomeKind(income.kind).value,
        cents(income.amount),
        income.currency,
        income.note,
    )


def _account_filter(account_id: int | None) -> tuple[str, tuple]:
    return ("", ()) if account_id is None else ("WHERE account_id = ?", (account_id,))


class LedgerMixin(RepositoryBase):
    # -- withdrawals ---------------------------------------------------------------
    def add_withdrawal(self, withdrawal: Withdrawal) -> Withdrawal:
        with self._write("withdrawals"):
            cursor = self.conn.execute(
                f"INSERT INTO withdrawals ({_WITHDRAWAL_COLUMNS})"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (withdrawal.id, *_withdrawal_values(withdrawal)),
            )
        return self._must_withdrawal(int(cursor.lastrowid or 0))

    def update_withdrawal(self, withdrawal: Withdrawal) -> Withdrawal:
        if withdrawal.id is None:
            raise ValueError("update_withdrawal needs a stored withdrawal (id is None)")
        with self._write("withdrawals"):
            cursor = self.conn.execute(
                "UPDATE withdrawals SET account_id = ?, date = ?, diamonds = ?, amount_cents = ?,"
                " currency = ?, method = ?, fee_cents = ?, status = ?, note = ? WHERE id = ?",
                (*_withdrawal_values(withdrawal), withdrawal.id),
            )
            if cursor.rowcount == 0:
                raise NotFoundError(f"no withdrawal {withdrawal.id}")
        return self._must_withdrawal(withdrawal.id)

    def delete_withdrawal(self, withdrawal_id: int) -> None:
        with self._write("withdrawals"):
            cursor = self.conn.execute("DELETE FROM withdrawals WHERE id = ?", (withdrawal_id,))
            if cursor.rowcount == 0:
                raise NotFoundError(f"no withdrawal {withdrawal_id}")

    def get_withdrawal(self, withdrawal_id: int) -> Withdrawal | None:
        row = self._row(
            f"SELECT {_WITHDRAWAL_COLUMNS} FROM withdrawals WHERE id = ?", (withdrawal_id,)
        )
        return withdrawal_from_row(row) if row else None

    def list_withdrawals(self, account_id: int | None = None) -> list[Withdrawal]:
        """Newest first."""
        where, params = _account_filter(account_id)
        rows = self._rows(
            f"SELECT {_WITHDRAWAL_COLUMNS} FROM withdrawals {where} ORDER BY date DESC, id DESC",
            params,
        )
        return [withdrawal_from_row(row) for row in rows]

    def _must_withdrawal(self, withdrawal_id: int) -> Withdrawal:
        found = self.get_withdrawal(withdrawal_id)
        if found is None:
            raise NotFoundError(f"no withdrawal {withdrawal_id}")
        return found

    # -- other income --------------------------------------------------------------
    def add_income(self, income: OtherIncome) -> OtherIncome:
        with self._write("other_income"):
            cursor = self.conn.execute(
                f"INSERT INTO other_income ({_INCOME_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?)",
                (income.id, *_income_values(income)),
            )
        return self._must_income(int(cursor.lastrowid or 0))

    def update_income(self, income: OtherIncome) -> OtherIncome:
        if income.id is None:
            raise ValueError("update_income needs stored income (id is None)")
        with self._write("other_income"):
            cursor = self.conn.execute(
                "UPDATE other_income SET account_id = ?, date = ?, kind = ?, amount_cents = ?,"
                " currency = ?, note = ? WHERE id = ?",
                (*_income_values(income), income.id),
            )
            if cursor.rowcount == 0:
                raise NotFoundError(f"no income {income.id}")
        return self._must_income(income.id)

    def delete_income(self, income_id: int) -> None:
        with self._write("other_income"):
            cursor = self.conn.execute("DELETE FROM other_income WHERE id = ?", (income_id,))
            if cursor.rowcount == 0:
                raise NotFoundError(f"no income {income_id}")

    def get_income(self, income_id: int) -> OtherIncome | None:
        row = self._row(f"SELECT {_INCOME_COLUMNS} FROM other_income WHERE id = ?", (income_id,))
        return income_from_row(row) if row else None

    def list_income(self, account_id: int | None = None) -> list[OtherIncome]:
        """Newest first."""
        where, params = _account_filter(account_id)
        rows = self._rows(
            f"SELECT {_INCOME_COLUMNS} FROM other_income {where} ORDER BY date DESC, id DESC",
            params,
        )
        return [income_from_row(row) for row in rows]

    def _must_income(self, income_id: int) -> OtherIncome:
        found = self.get_income(income_id)
        if found is None:
            raise NotFoundError(f"no income {income_id}")
        return found

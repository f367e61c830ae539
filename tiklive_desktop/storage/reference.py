"""Dated reference data the money depends on: rate periods, region rules, exchange rates.

Changing a rate period changes what past sessions are worth, so every change
recomputes the sessions' cached rate and Diamonds in the same transaction.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from datetime import date
from decimal import Decimal

from tiklive_desktop.core.entities import ExchangeRate, RatePeriod, RegionRule
from tiklive_desktop.core.money import in_force
from tiklive_desktop.storage.base import RepositoryBase
from tiklive_desktop.storage.codec import date_text, decimal_text, text_date, text_decimal
from tiklive_desktop.storage.errors import MissingExchangeRateError, NotFoundError
from tiklive_desktop.storage.rates import (
    RATE_COLUMNS,
    load_rate_periods,
    rate_from_row,
    recompute_sessions,
)

_ZERO, _ONE = Decimal(0), Decimal(1)


def _rate_values(period: RatePeriod) -> tuple:
    """Refuses rates that would break the money chain (a zero Diamond value divides by zero)."""
    if period.diamond_value_usd <= _ZERO or period.coin_value_usd < _ZERO:
        raise ValueError("coin and Diamond values must be positive")
    if not (_ZERO <= period.commission <= _ONE and _ZERO <= period.agency_share <= _ONE):
        raise ValueError("commission and agency share must be between 0 and 1")
    return (
        period.account_id,
        date_text(period.effective),
        decimal_text(period.coin_value_usd),
        decimal_text(period.commission),
        decimal_text(period.diamond_value_usd),
        decimal_text(period.agency_share),
    )


def region_from_row(row: sqlite3.Row) -> RegionRule:
    return RegionRule(
        region=row["region"],
        name=row["name"],
        minimum_usd=text_decimal(row["minimum_usd"]),
        daily_max_usd=text_decimal(row["daily_max_usd"]),
        as_of=text_date(row["as_of"]),
        note=row["note"],
    )


def exchange_from_row(row: sqlite3.Row) -> ExchangeRate:
    return ExchangeRate(
        currency=row["currency"],
        effective=text_date(row["effective"]),
        per_usd=text_decimal(row["per_usd"]),
        id=row["id"],
    )


class ReferenceMixin(RepositoryBase):
    # -- rate periods --------------------------------------------------------------
    def list_rate_periods(self) -> list[RatePeriod]:
        """All periods, oldest first (defaults before an account's own on the same day)."""
        return load_rate_periods(self.conn)

    def get_rate_period(self, period_id: int) -> RatePeriod | None:
        row = self.conn.execute(
            f"SELECT {RATE_COLUMNS} FROM rate_periods WHERE id = ?", (period_id,)
        ).fetchone()
        return rate_from_row(row) if row else None

    def add_rate_period(self, period: RatePeriod) -> RatePeriod:
        with self._write("rate_periods", "sessions"):
            cursor = self.conn.execute(
                "INSERT INTO rate_periods (id, account_id, effective, coin_value, commission,"
                " diamond_value, agency_share) VALUES (?, ?, ?, ?, ?, ?, ?)",
                (period.id, *_rate_values(period)),
            )
            recompute_sessions(self.conn)
        return self._must_rate(int(cursor.lastrowid or 0))

    def update_rate_period(self, period: RatePeriod) -> RatePeriod:
        if period.id is None:
            raise ValueError("update_rate_period needs a stored period (id is None)")
        with self._write("rate_periods", "sessions"):
            cursor = self.conn.execute(
                "UPDATE rate_periods SET account_id = ?, effective = ?, coin_value = ?,"
                " commission = ?, diamond_value = ?, agency_share = ? WHERE id = ?",
                (*_rate_values(period), period.id),
            )
            if cursor.rowcount == 0:
                raise NotFoundError(f"no rate period {period.id}")
            recompute_sessions(self.conn)
        return self._must_rate(period.id)

    def delete_rate_period(self, period_id: int) -> None:
        """Delete a period; its sessions fall back to the period in force before it."""
        with self._write("rate_periods", "sessions"):
            cursor = self.conn.execute("DELETE FROM rate_periods WHERE id = ?", (period_id,))
            if cursor.rowcount == 0:
                raise NotFoundError(f"no rate period {period_id}")
            recompute_sessions(self.conn)

    def _must_rate(self, period_id: int) -> RatePeriod:
        found = self.get_rate_period(period_id)
        if found is None:
            raise NotFoundError(f"no rate period {period_id}")
        return found

    # -- region rules --------------------------------------------------------------
    def list_region_rules(self) -> list[RegionRule]:
        rows = self._rows("SELECT * FROM region_rules ORDER BY name")
        return [region_from_row(row) for row in rows]

    def get_region_rule(self, region: str) -> RegionRule | None:
        row = self._row("SELECT * FROM region_rules WHERE region = ?", (region,))
        return region_from_row(row) if row else None

    def save_region_rule(self, rule: RegionRule) -> RegionRule:
        """Insert or replace the rule for ``rule.region``."""
        with self._write("region_rules"):
            self.conn.execute(
                "INSERT INTO region_rules (region, name, minimum_usd, daily_max_usd, as_of, note)"
                " VALUES (?, ?, ?, ?, ?, ?)"
                " ON CONFLICT (region) DO UPDATE SET name = excluded.name,"
                " minimum_usd = excluded.minimum_usd, daily_max_usd = excluded.daily_max_usd,"
                " as_of = excluded.as_of, note = excluded.note",
                (
                    rule.region,
                    rule.name,
                    decimal_text(rule.minimum_usd),
                    decimal_text(rule.daily_max_usd),
                    date_text(rule.as_of),
                    rule.note,
                ),
            )
        found = self.get_region_rule(rule.region)
        if found is None:
            raise NotFoundError(f"no region rule {rule.region}")
        return found

    def delete_region_rule(self, region: str) -> None:
        with self._write("region_rules"):
            cursor = self.conn.execute("DELETE FROM region_rules WHERE region = ?", (region,))
            if cursor.rowcount == 0:
                raise NotFoundError(f"no region rule {region}")

    # -- exchange rates ------------------------------------------------------------
    def list_exchange_rates(self, currency: str | None = None) -> list[ExchangeRate]:
        where, params = ("", ()) if currency is None else ("WHERE currency = ?", (currency,))
        rows = self._rows(
            f"SELECT id, currency, effective, per_usd FROM exchange_rates {where}"
            " ORDER BY currency, effective",
            params,
        )
        return [exchange_from_row(row) for row in rows]

    def exchange_rate_on(self, currency: str, day: date) -> ExchangeRate | None:
        """The rate in force on ``day`` (core.money.in_force); None when none is stored."""
        return in_force(self.list_exchange_rates(currency), day)

    def per_usd_lookup(self, purpose: str) -> Callable[[str, date], Decimal]:
        """``per_usd(currency, day)``: units of ``currency`` per USD in force on ``day``,
        for converting many rows: each currency's rates are read once, not once per row.

        A currency without any stored rate raises :class:`MissingExchangeRateError`
        ("add one to ``purpose`` in USD") rather than its money vanishing from a total.
        """
        rates: dict[str, list[ExchangeRate]] = {}

        def per_usd(currency: str, day: date) -> Decimal:
            if currency not in rates:
                rates[currency] = self.list_exchange_rates(currency)
            found = in_force(rates[currency], day)
            if found is None:
                raise MissingExchangeRateError(
                    f"no exchange rate for {currency}: add one to {purpose} in USD"
                )
            return found.per_usd

        return per_usd

    def add_exchange_rate(self, rate: ExchangeRate) -> ExchangeRate:
        if rate.per_usd <= _ZERO:
            raise ValueError("an exchange rate must be positive")
        with self._write("exchange_rates"):
            cursor = self.conn.execute(
                "INSERT INTO exchange_rates (id, currency, effective, per_usd) VALUES (?, ?, ?, ?)",
                (rate.id, rate.currency, date_text(rate.effective), decimal_text(rate.per_usd)),
            )
        return self._must_exchange(int(cursor.lastrowid or 0))

    def update_exchange_rate(self, rate: ExchangeRate) -> ExchangeRate:
        if rate.id is None:
            raise ValueError("update_exchange_rate needs a stored rate (id is None)")
        if rate.per_usd <= _ZERO:
            raise ValueError("an exchange rate must be positive")
        with self._write("exchange_rates"):
            cursor = self.conn.execute(
                "UPDATE exchange_rates SET currency = ?, effective = ?, per_usd = ? WHERE id = ?",
                (rate.currency, date_text(rate.effective), decimal_text(rate.per_usd), rate.id),
            )
            if cursor.rowcount == 0:
                raise NotFoundError(f"no exchange rate {rate.id}")
        return self._must_exchange(rate.id)

    def delete_exchange_rate(self, rate_id: int) -> None:
        with self._write("exchange_rates"):
            cursor = self.conn.execute("DELETE FROM exchange_rates WHERE id = ?", (rate_id,))
            if cursor.rowcount == 0:
                raise NotFoundError(f"no exchange rate {rate_id}")

    def _must_exchange(self, rate_id: int) -> ExchangeRate:
        row = self._row(
            "SELECT id, currency, effective, per_usd FROM exchange_rates WHERE id = ?", (rate_id,)
        )
        if row is None:
            raise NotFoundError(f"no exchange rate {rate_id}")
        return exchange_from_row(row)

"""The data every export writes: a period's report figures and the rows of each table.

Read-only. Totals come from SQL aggregates (the repository's own queries plus
a few small ones here) and are assembled by the pure ``core.report``; table
rows are streamed from one cursor a page at a time, so exporting 100,000
sessions never holds them all in memory.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Any, Literal, get_args

from tiklive_desktop.core.entities import IncomeKind, WithdrawalStatus
from tiklive_desktop.core.money import round_money
from tiklive_desktop.core.report import (
    GiftFigure,
    LiveTotals,
    MonthLive,
    Period,
    ReportFigures,
    SessionFigure,
    WithdrawalFigure,
    build_report,
)
from tiklive_desktop.storage.codec import from_cents, text_date, text_start, text_tags
from tiklive_desktop.storage.errors import NotFoundError
from tiklive_desktop.storage.overview import display_currency
from tiklive_desktop.storage.queries import (
    SessionQuery,
    dated_where,
    net_of,
    rates_by_id,
    where_clause,
)
from tiklive_desktop.storage.repository import Repository

Table = Literal["sessions", "gift_lines", "withdrawals", "income"]
TABLES: tuple[Table, ...] = get_args(Table)
PAGE_SIZE = 1000
TOP = 5
"""How many top gifts and best sessions a report lists."""

Progress = Callable[[int, int], None]
"""``progress(done, total)``: rows written so far and rows to write in all."""


# --- the report ----------------------------------------------------------------------


def account_label(repo: Repository, account_id: int | None) -> str:
    if account_id is None:
        return "All accounts"
    account = repo.get_account(account_id)
    if account is None:
        raise NotFoundError(f"no account {account_id}")
    name = f" ({account.display_name})" if account.display_name else ""
    return f"@{account.handle}{name}"


def period_text(period: Period) -> str:
    """``Q3 2026 (2026-07-01 to 2026-09-30)``; a range's label already says its days."""
    days = f"{period.start.isoformat()} to {period.end.isoformat()}"
    return period.label if period.label == days else f"{period.label} ({days})"


def load_report(repo: Repository, account_id: int | None, period: Period) -> ReportFigures:
    """The figures of ``period`` for one account or all (None), from SQL sums.

    Money in other currencies is converted to USD at the rate in force on its
    day; without any rate for a currency, :class:`MissingExchangeRateError`
    says which one is missing rather than leaving the money out.
    """
    # Here, not at the top: series_engagement imports numpy, and every `tiklive`
    # command (calc, summary) imports this module through the CLI's parser.
    from tiklive_desktop.storage.series_engagement import other_income_by_month

    label = account_label(repo, account_id)
    query = SessionQuery(account_id=account_id, start=period.start, end=period.end)
    totals, by_rate = repo.session_totals_by_rate(query)
    # The whole period first: a missing exchange rate is reported as it always was.
    other_income = repo.income_by_kind(account_id, period.start, period.end)
    months_income = _month_totals(
        other_income_by_month(repo, account_id, period.start, period.end), period
    )
    shown = display_currency(repo, account_id, period.end)

    return build_report(
        account=label,
        period=period,
        live=LiveTotals(
            totals.count,
            totals.seconds,
            totals.diamonds,
            totals.likes,
            totals.viewers,
            totals.new_followers,
            totals.gifters,
        ),
        diamonds_by_rate=by_rate,
        withdrawals=_withdrawals(repo, account_id, period),
        other_income=other_income,
        balance_start_diamonds=_balance(repo, account_id, period.start - timedelta(days=1)),
        balance_end_diamonds=_balance(repo, account_id, period.end),
        top_gifts=[
            GiftFigure(g.gift, g.count, g.coins)
            for g in repo.totals_by_gift(account_id, period.start, period.end)[:TOP]
        ],
        best_sessions=_best_sessions(repo, account_id, period),
        months_live=[
            MonthLive(t.first_day, t.sessions, t.seconds, t.diamonds, t.net_usd)
            for t in repo.totals_by_period("month", account_id, period.start, period.end)
        ],
        months_other_income=months_income,
        currency=shown.currency,
        per_usd=shown.rate.per_usd if shown.rate else None,
    )


def _best_sessions(repo: Repository, account_id: int | None, period: Period) -> list[SessionFigure]:
    """The sessions with the most Diamonds (none with zero: they are not "best" at anything)."""
    handles = {a.id: a.handle for a in repo.list_accounts()}
    query = SessionQuery(account_id, period.start, period.end, sort="diamonds", descending=True)
    return [
        SessionFigure(
            row.start,
            handles.get(row.account_id, ""),
            row.title,
            row.duration_s,
            row.diamonds,
            row.net_usd,
        )
        for row in repo.query_sessions(query, TOP)
        if row.diamonds > 0
    ]


def _month_totals(
    by_month: Mapping[str, Mapping[IncomeKind, Decimal]], period: Period
) -> dict[date, Decimal]:
    """Each month's other income in USD (zero without any), its kinds added in the order
    of :class:`IncomeKind`, as a sum of ``income_by_kind`` for the month would add them."""
    totals = {}
    for first in period.months():
        kinds = by_month.get(f"{first:%Y-%m}", {})
        totals[first] = sum((kinds[kind] for kind in IncomeKind if kind in kinds), Decimal(0))
    return totals


def _balance(repo: Repository, account_id: int | None, through: date) -> int:
    """Diamonds in the wallet at the end of ``through``: earned minus withdrawn so far."""
    inputs = repo.cashout_inputs(account_id, through)
    return inputs.earned_diamonds - inputs.withdrawn_diamonds


def _withdrawals(
    repo: Repository, account_id: int | None, period: Period
) -> list[WithdrawalFigure]:
    clauses, params = _ledger_where("w", account_id, period)
    rows = repo.conn.execute(
        "SELECT w.date, w.diamonds, w.amount_cents, w.fee_cents, w.currency, w.status"
        f" FROM withdrawals w {clauses} ORDER BY w.date, w.id",
        params,
    ).fetchall()
    per_usd = repo.per_usd_lookup("report withdrawals")
    figures = []
    for day, diamonds, amount_cents, fee_cents, currency, status in rows:
        rate = Decimal(1) if currency == "USD" else per_usd(currency, text_date(day))
        figures.append(
            WithdrawalFigure(
                text_date(day),
                diamonds,
                from_cents(amount_cents) / rate,
                from_cents(fee_cents) / rate,
                status == WithdrawalStatus.PENDING.value,
            )
        )
    return figures


def _ledger_where(alias: str, account_id: int | None, period: Period | None) -> tuple[str, list]:
    start, end = (period.start, period.end) if period else (None, None)
    return dated_where(account_id, start, end, alias)


# --- the summary as labelled lines, the same for every exporter -----------------------------


@dataclass(frozen=True, slots=True)
class SummaryLine:
    """A labelled figure; ``kind`` tells an exporter how to format it.

    Kinds: ``count`` and ``diamonds`` (int), ``hours`` (Decimal, one decimal),
    ``money`` (exact USD: convert and round with :meth:`ReportFigures.shown`),
    ``metric`` (Decimal or None, one decimal).
    """

    section: str
    label: str
    value: int | Decimal | None
    kind: str


def summary_lines(figures: ReportFigures) -> tuple[SummaryLine, ...]:
    """The summary in the order the XLSX and the PDF show it, with the same labels."""
    live, money, w, m = figures.live, figures.money, figures.withdrawals, figures.metrics
    rows: list[tuple[str, str, int | Decimal | None, str]] = [
        ("LIVE", "Sessions", live.sessions, "count"),
        ("LIVE", "Hours live", live.hours, "hours"),
        ("LIVE", "Diamonds", live.diamonds, "diamonds"),
        ("LIVE", "Gift value", money.gift_value_usd, "money"),
        ("LIVE", "Creator share", money.creator_share_usd, "money"),
        ("LIVE", "Agency share", money.agency_usd, "money"),
        ("LIVE", "Net from LIVE", money.net_usd, "money"),
        *(
            ("Other income", kind.value.capitalize(), amount, "money")
            for kind, amount in figures.other_income
        ),
        ("Other income", "Other income, total", figures.other_income_usd, "money"),
        ("Income", "Total income", figures.total_income_usd, "money"),
        ("Withdrawals", "Withdrawals", w.count, "count"),
        ("Withdrawals", "Withdrawn Diamonds", w.diamonds, "diamonds"),
        ("Withdrawals", "Withdrawn amount", w.amount_usd, "money"),
        ("Withdrawals", "Payout fees", w.fees_usd, "money"),
        ("Withdrawals", "Pending withdrawals", w.pending, "count"),
        ("Wallet", "Balance at start (Diamonds)", figures.balance_start_diamonds, "diamonds"),
        ("Wallet", "Balance at end (Diamonds)", figures.balance_end_diamonds, "diamonds"),
        ("Engagement", "Likes", live.likes, "count"),
        ("Engagement", "Viewers", live.viewers, "count"),
        ("Engagement", "New followers", live.new_followers, "count"),
        ("Engagement", "Diamonds per hour", m.diamonds_per_hour, "metric"),
        ("Engagement", "Diamonds per 1,000 likes", m.diamonds_per_1000_likes, "metric"),
        ("Engagement", "Diamonds per viewer", m.diamonds_per_viewer, "metric"),
        ("Engagement", "Diamonds per new follower", m.diamonds_per_new_follower, "metric"),
    ]
    return tuple(SummaryLine(*row) for row in rows)


# --- the tables, streamed -----------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Column:
    """A column of an exported table. Kinds: text, int, decimal, money, datetime, date."""

    name: str
    kind: str


def _columns(spec: str) -> tuple[Column, ...]:
    return tuple(Column(*item.split(":")) for item in spec.split())


COLUMNS: dict[Table, tuple[Column, ...]] = {
    # The documented session template: the importer reads exactly these names.
    # ``diamonds`` is the LIVE summary's figure; a session recorded only as gift
    # lines gets the Diamonds they credit (the lines are in their own table), so
    # that importing the file gives the same totals. Empty: no Diamonds at all.
    "sessions": _columns(
        "account:text start:datetime duration_minutes:decimal diamonds:int likes:int"
        " peak_viewers:int total_viewers:int new_followers:int comments:int shares:int"
        " gifters:int title:text notes:text tags:text credited_diamonds:int net_usd:money"
    ),
    "gift_lines": _columns(
        "account:text session_start:datetime gift:text count:int coins_each:int coins:int"
    ),
    "withdrawals": _columns(
        "account:text date:date diamonds:int amount:money fee:money net:money currency:text"
        " method:text status:text note:text"
    ),
    "income": _columns("account:text date:date kind:text amount:money currency:text note:text"),
}

_SQL: dict[Table, str] = {
    "sessions": "SELECT a.handle, s.start, s.duration_s, s.reported_diamonds, s.likes,"
    " s.peak_viewers, s.total_viewers, s.new_followers, s.comments, s.shares, s.gifters,"
    " s.title, s.notes, s.tags, s.diamonds, s.rate_period_id"
    " FROM sessions s JOIN accounts a ON a.id = s.account_id {where} ORDER BY s.start, s.id",
    "gift_lines": "SELECT a.handle, s.start, gl.gift, gl.count, gl.coins_each,"
    " gl.count * gl.coins_each FROM gift_lines gl JOIN sessions s ON s.id = gl.session_id"
    " JOIN accounts a ON a.id = s.account_id {where} ORDER BY s.start, s.id, gl.id",
    "withdrawals": "SELECT a.handle, w.date, w.diamonds, w.amount_cents, w.fee_cents,"
    " w.amount_cents - w.fee_cents, w.currency, w.method, w.status, w.note"
    " FROM withdrawals w JOIN accounts a ON a.id = w.account_id {where} ORDER BY w.date, w.id",
    "income": "SELECT a.handle, o.date, o.kind, o.amount_cents, o.currency, o.note"
    " FROM other_income o JOIN accounts a ON a.id = o.account_id {where} ORDER BY o.date, o.id",
}
_COUNT_SQL: dict[Table, str] = {
    "sessions": "SELECT count(*) FROM sessions s {where}",
    "gift_lines": "SELECT count(*) FROM gift_lines gl JOIN sessions s ON s.id = gl.session_id"
    " {where}",
    "withdrawals": "SELECT count(*) FROM withdrawals w {where}",
    "income": "SELECT count(*) FROM other_income o {where}",
}


def _check(table: str) -> Table:
    if table not in TABLES:
        raise ValueError(f"unknown table {table!r}; one of {', '.join(TABLES)}")
    return table  # type: ignore[return-value]


def _where(table: Table, account_id: int | None, period: Period | None) -> tuple[str, list]:
    if table in ("sessions", "gift_lines"):
        query = SessionQuery(
            account_id=account_id,
            start=period.start if period else None,
            end=period.end if period else None,
        )
        return where_clause(query)
    return _ledger_where("w" if table == "withdrawals" else "o", account_id, period)


def session_where(account_id: int | None, period: Period | None) -> tuple[str, list]:
    """The sessions table's ``WHERE`` (alias ``s``) for one account or all and a period."""
    return _where("sessions", account_id, period)


def count_rows(
    repo: Repository, table: str, account_id: int | None = None, period: Period | None = None
) -> int:
    checked = _check(table)
    where, params = _where(checked, account_id, period)
    return int(repo.conn.execute(_COUNT_SQL[checked].format(where=where), params).fetchone()[0])


def minutes(seconds: int) -> Decimal:
    """A duration in minutes, exact to the second when read back (4 decimals at most)."""
    if seconds % 60 == 0:
        return Decimal(seconds // 60)
    return (Decimal(seconds) / 60).quantize(Decimal("0.0001")).normalize()


def iter_pages(
    repo: Repository,
    table: str,
    account_id: int | None = None,
    period: Period | None = None,
    page_size: int = PAGE_SIZE,
) -> Iterator[list[tuple[Any, ...]]]:
    """The rows of ``table`` (values typed as ``COLUMNS`` says), oldest first, a page at a time.

    One cursor is read with ``fetchmany``: SQLite hands the rows over as they
    are asked for, so memory holds one page, however long the history.
    """
    checked = _check(table)
    where, params = _where(checked, account_id, period)
    cursor: sqlite3.Cursor = repo.conn.execute(_SQL[checked].format(where=where), params)
    convert = _converter(checked, repo)
    try:
        while page := cursor.fetchmany(page_size):
            yield [convert(row) for row in page]
    finally:
        cursor.close()


def _converter(table: Table, repo: Repository) -> Callable[[tuple], tuple]:
    if table == "sessions":
        rates = rates_by_id(repo.conn)

        def session(row: tuple) -> tuple:
            *head, tags, diamonds, rate_id = row
            handle, start, seconds, reported, *counts = head
            if reported is None and diamonds:  # recorded as gift lines: see COLUMNS
                reported = diamonds
            money = round_money(net_of(diamonds, rate_id, rates))
            tag_text = _tag_line(tags)
            start_at, length = text_start(start), minutes(seconds)
            return (handle, start_at, length, reported, *counts, tag_text, diamonds, money)

        return session
    if table == "gift_lines":
        return lambda row: (row[0], text_start(row[1]), *row[2:])
    if table == "withdrawals":
        return lambda row: (
            row[0], text_date(row[1]), row[2], *(_money(c) for c in row[3:6]), *row[6:],
        )  # fmt: skip
    return lambda row: (row[0], text_date(row[1]), row[2], _money(row[3]), *row[4:])


def _tag_line(stored: str) -> str:
    """Stored tags (compact JSON) as "a, b", without ``json.loads`` in the common case.

    Without a backslash no tag can hold a quote, so the quotes are exactly the
    delimiters: splitting is then the same as parsing (a tenth of a large export).
    """
    inner = stored[2:-2]
    if (
        stored.startswith('["')
        and stored.endswith('"]')
        and "\\" not in stored
        and stored.count('"') == 2 * (inner.count('","') + 1)
    ):
        return ", ".join(inner.split('","'))
    return ", ".join(text_tags(stored))


def _money(amount_cents: int) -> Decimal:
    """Cents as a money amount with both decimals (100.00, -12.50)."""
    return round_money(from_cents(amount_cents))


def start_text(value: datetime) -> str:
    """A session start as the template writes it: ``YYYY-MM-DD HH:MM`` (seconds only if any).

    Formatted by hand: ``strftime`` was a tenth of a large CSV export.
    """
    text = f"{value.year:04d}-{value.month:02d}-{value.day:02d} {value.hour:02d}:{value.minute:02d}"
    return f"{text}:{value.second:02d}" if value.second else text

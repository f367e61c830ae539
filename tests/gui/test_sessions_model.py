"""SessionTableModel: what each cell shows, SQL sorting and filtering, refresh on writes."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from decimal import Decimal

import pytest
from PySide6.QtCore import Qt

from tiklive_desktop.core.entities import Account, Session
from tiklive_desktop.gui.context import Context
from tiklive_desktop.gui.models.sessions_model import RAW_ROLE, SessionTableModel
from tiklive_desktop.storage.repository import Repository

COLUMN_KEYS = [
    "date",
    "start",
    "duration",
    "diamonds",
    "money",
    "likes",
    "viewers",
    "new_followers",
    "gifters",
    "diamonds_per_hour",
    "notes",
]


def shown_ids(model: SessionTableModel) -> list[int | None]:
    return [model.session_id(row) for row in range(model.rowCount())]


def column_texts(model: SessionTableModel, row: int) -> list[str]:
    return [model.index(row, column).data() for column in range(model.columnCount())]


def test_model_passes_qtmodeltester_with_sessions(qtmodeltester, ctx: Context, sample_sessions):
    model = SessionTableModel(ctx)
    qtmodeltester.check(model)
    assert model.rowCount() == 3


def test_model_passes_qtmodeltester_empty(qtmodeltester, ctx: Context):
    model = SessionTableModel(ctx)
    qtmodeltester.check(model)
    assert model.rowCount() == 0
    assert model.columnCount() == len(COLUMN_KEYS)


def test_headers_and_column_order(ctx: Context):
    model = SessionTableModel(ctx)
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    assert headers == [
        "Date",
        "Start",
        "Duration",
        "Diamonds",
        "Money",
        "Likes",
        "Viewers",
        "New followers",
        "Gifters",
        "Diamonds/h",
        "Notes",
    ]
    assert [column.key for column in model.columns] == COLUMN_KEYS
    assert "$0.005" in model.headerData(3, Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole)
    assert "not paid" in model.headerData(5, Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole)


def test_rows_show_formatted_figures_newest_first(ctx: Context, sample_sessions):
    model = SessionTableModel(ctx)
    rose_lion = sample_sessions[1]
    assert shown_ids(model) == [s.id for s in reversed(sample_sessions)]
    # 29,999 + 100 coins = 30,099 Diamonds; x $0.005 = $150.495 exactly -> $150.50 (half up);
    # 30,099 Diamonds in 1.5 h = 20,066 per hour.
    assert column_texts(model, 1) == [
        "10/7/26",
        ctx.fmt.time(rose_lion.start),
        "1 h 30 min",
        "30,099",
        "$150.50",
        "5,000",
        "400",
        "10",
        "8",
        "20,066",
        "rainy",
    ]
    assert model.index(1, 4).data(RAW_ROLE) == Decimal("150.495")
    assert column_texts(model, 2)[3:5] == ["30,000", "$150.00"]
    assert column_texts(model, 0)[2:6] == ["1 h 00 min", "500", "$2.50", "0"]


def test_numbers_right_aligned_text_left(ctx: Context, sample_sessions):
    model = SessionTableModel(ctx)
    right = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
    for column, key in enumerate(COLUMN_KEYS):
        alignment = model.index(0, column).data(Qt.ItemDataRole.TextAlignmentRole)
        numeric = key not in ("date", "start", "notes")
        assert bool(alignment & Qt.AlignmentFlag.AlignRight) == numeric, key
        if numeric:
            assert alignment == right


def test_title_and_notes_in_tooltip(ctx: Context, sample_sessions):
    model = SessionTableModel(ctx)
    assert model.index(2, 0).data(Qt.ItemDataRole.ToolTipRole) == "Sunday songs"
    assert model.index(1, 10).data(Qt.ItemDataRole.ToolTipRole) == "rainy"
    assert model.index(0, 0).data(Qt.ItemDataRole.ToolTipRole) is None


# Sample sessions (ids 1, 2, 3): durations 2 h, 1.5 h, 1 h; Diamonds 30,000, 30,099, 500;
# likes 12,000, 5,000, 0; Diamonds/h 15,000, 20,066, 500; notes "", "rainy", "".
# Ties (notes "") are broken by id in the same direction.
ASCENDING_IDS = {
    "date": [1, 2, 3],
    "start": [1, 2, 3],
    "duration": [3, 2, 1],
    "diamonds": [3, 1, 2],
    "money": [3, 1, 2],
    "likes": [3, 2, 1],
    "viewers": [3, 2, 1],
    "new_followers": [3, 2, 1],
    "gifters": [3, 2, 1],
    "diamonds_per_hour": [3, 1, 2],
    "notes": [1, 3, 2],
}


@pytest.mark.parametrize("key", COLUMN_KEYS)
@pytest.mark.parametrize("descending", [False, True], ids=["ascending", "descending"])
def test_sort_each_column_in_sql(ctx: Context, sample_sessions, key: str, descending: bool):
    model = SessionTableModel(ctx)
    order = Qt.SortOrder.DescendingOrder if descending else Qt.SortOrder.AscendingOrder
    model.sort(COLUMN_KEYS.index(key), order)
    assert model.query.sort == model.columns[COLUMN_KEYS.index(key)].sort
    assert model.query.descending is descending
    expected = ASCENDING_IDS[key][::-1] if descending else ASCENDING_IDS[key]
    assert shown_ids(model) == expected
    stored = [model.index(r, COLUMN_KEYS.index(key)).data(RAW_ROLE) for r in range(3)]
    assert stored == sorted(stored, reverse=descending)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("rain", [2]),
        ("SUNDAY", [1]),  # case-insensitive
        ("acoustic", [4]),  # a tag
        ("%", []),  # taken literally, not as a wildcard
        ("  ", [4, 3, 2, 1]),  # blank: no text filter
    ],
)
def test_text_filter_searches_title_notes_tags(
    ctx: Context, repo: Repository, account: Account, sample_sessions, text: str, expected
):
    assert account.id is not None
    tagged = Session(account.id, datetime(2026, 11, 1, 19), timedelta(hours=1), tags=("acoustic",))
    repo.add_session(tagged)
    model = SessionTableModel(ctx)
    model.set_filter(text=text)
    assert shown_ids(model) == expected


@pytest.mark.parametrize(
    ("start", "end", "expected"),
    [
        (date(2026, 10, 6), date(2026, 10, 7), [2]),
        (date(2026, 10, 25), date(2026, 10, 25), [3]),  # end is inclusive
        (None, date(2026, 10, 6), [1]),
        (date(2026, 10, 6), None, [3, 2]),
        (date(2026, 11, 1), date(2026, 11, 30), []),
    ],
)
def test_date_filter(ctx: Context, sample_sessions, start, end, expected):
    model = SessionTableModel(ctx)
    model.set_filter(start, end)
    assert shown_ids(model) == expected
    assert model.rowCount() == len(expected)


def test_account_switch_filters_rows(ctx: Context, repo: Repository, sample_sessions):
    other = repo.add_account(Account(handle="max.games"))
    assert other.id is not None
    theirs = repo.add_session(Session(other.id, datetime(2026, 9, 1, 18), timedelta(hours=1)))
    model = SessionTableModel(ctx)
    assert model.rowCount() == 4
    ctx.account.set(other.id)
    assert shown_ids(model) == [theirs.id]
    ctx.account.set(None)
    assert model.rowCount() == 4


def test_refreshes_after_writes(ctx: Context, repo: Repository, sample_sessions, qtbot):
    model = SessionTableModel(ctx)
    with qtbot.waitSignal(model.modelReset):
        repo.add_session(
            Session(sample_sessions[0].account_id, datetime(2026, 12, 1, 20), timedelta(hours=3))
        )
    assert model.rowCount() == 4
    assert model.index(0, 0).data() == "12/1/26"
    repo.delete_session(sample_sessions[0].id)
    assert model.rowCount() == 3


def test_find_rows_looks_only_in_memory_pages(ctx: Context, sample_sessions):
    model = SessionTableModel(ctx)
    ids = [s.id for s in sample_sessions]
    assert model.find_rows(ids) == {}  # nothing read yet, nothing searched
    assert model.find_rows(ids, near=[0]) == {3: 0, 2: 1, 1: 2}
    assert model.rows_fetched == 3

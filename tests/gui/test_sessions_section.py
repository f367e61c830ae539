"""SessionsSection driven like a person: filter, read totals and details, open, delete, undo."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st
from PySide6.QtCore import QPoint, Qt

from tiklive_desktop.core.entities import Account, GiftLine, Session
from tiklive_desktop.gui.context import Context
from tiklive_desktop.gui.sections.sessions import (
    HEADER_KEY,
    SPLITTER_KEY,
    SessionsSection,
    period_bounds,
)
from tiklive_desktop.storage.repository import Repository, SessionQuery

# The offscreen platform says so whenever a top-level window is shown.
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")

ALL_THREE = "3 sessions · 4.5 hours · 60,599 Diamonds · $303.00 · 17,000 likes"


def make_section(qtbot, ctx: Context, today: date = date(2026, 10, 31)) -> SessionsSection:
    section = SessionsSection(ctx, today=lambda: today)
    qtbot.addWidget(section)
    section.resize(1100, 700)
    section.show()
    qtbot.waitExposed(section)
    return section


def row_center(section: SessionsSection, row: int) -> QPoint:
    return section.view.visualRect(section.model.index(row, 1)).center()


def click_row(qtbot, section: SessionsSection, row: int, modifier=Qt.KeyboardModifier.NoModifier):
    qtbot.mouseClick(
        section.view.viewport(), Qt.MouseButton.LeftButton, modifier, row_center(section, row)
    )


def shown_ids(section: SessionsSection) -> list[int | None]:
    return [section.model.session_id(r) for r in range(section.model.rowCount())]


def test_empty_database_shows_what_to_do(qtbot, ctx: Context):
    section = make_section(qtbot, ctx)
    assert section.stack.currentWidget() is section.empty
    assert "Ctrl+N" in section.empty.text.text()
    assert section.empty.button is not None
    with qtbot.waitSignal(section.new_requested):
        qtbot.mouseClick(section.empty.button, Qt.MouseButton.LeftButton)


def test_first_session_replaces_empty_state(qtbot, ctx: Context, repo: Repository, account):
    section = make_section(qtbot, ctx)
    repo.add_session(Session(account.id, datetime(2026, 10, 1, 20), timedelta(hours=1)))
    assert section.stack.currentIndex() == 1
    assert section.model.rowCount() == 1


def test_totals_for_all_sessions(qtbot, ctx: Context, sample_sessions):
    section = make_section(qtbot, ctx)
    # 30,000 + 30,099 + 500 Diamonds = 60,599 -> $302.995 exact -> $303.00; 2 + 1.5 + 1 hours.
    assert section.totals.text() == ALL_THREE
    assert section.stack.currentIndex() == 1


def test_search_filters_table_and_totals(qtbot, ctx: Context, sample_sessions):
    section = make_section(qtbot, ctx)
    assert section.search.placeholderText() == "Search title, notes, tags"
    qtbot.keyClicks(section.search, "RAINY")
    qtbot.waitUntil(lambda: section.model.rowCount() == 1)
    assert shown_ids(section) == [sample_sessions[1].id]
    assert section.totals.text() == (
        "1 session · 1.5 hours · 30,099 Diamonds · $150.50 · 5,000 likes"
    )
    qtbot.keyClicks(section.search, "zzz")
    qtbot.keyClick(section.search, Qt.Key.Key_Return)  # Enter searches at once
    assert section.model.rowCount() == 0
    assert section.totals.text() == "No sessions match this filter."
    assert section.stack.currentIndex() == 1  # a filter with no match is not "no sessions yet"


@pytest.mark.parametrize(
    ("today", "presses", "expected_rows", "dates"),
    [
        (date(2026, 10, 31), 1, 3, (date(2026, 10, 1), date(2026, 10, 31))),  # this month
        (date(2026, 11, 15), 1, 0, (date(2026, 11, 1), date(2026, 11, 30))),  # this month
        (date(2026, 11, 15), 2, 3, (date(2026, 10, 1), date(2026, 10, 31))),  # last month
        (date(2026, 11, 15), 3, 3, (date(2026, 1, 1), date(2026, 12, 31))),  # this year
    ],
)
def test_period_combo(qtbot, ctx: Context, sample_sessions, today, presses, expected_rows, dates):
    section = make_section(qtbot, ctx, today)
    section.period.setFocus()
    for _ in range(presses):
        qtbot.keyClick(section.period, Qt.Key.Key_Down)
    assert section.model.rowCount() == expected_rows
    assert (section.date_from.date().toPython(), section.date_to.date().toPython()) == dates
    qtbot.keyClick(section.period, Qt.Key.Key_Home)  # back to all time
    assert section.model.rowCount() == 3
    assert section.date_from.text() == "any"


def test_editing_a_date_switches_to_custom(qtbot, ctx: Context, sample_sessions):
    section = make_section(qtbot, ctx)
    section.date_from.setDate(date(2026, 10, 6))
    assert section.period.currentData() == "custom"
    assert shown_ids(section) == [sample_sessions[2].id, sample_sessions[1].id]
    section.date_to.setDate(date(2026, 10, 7))
    assert shown_ids(section) == [sample_sessions[1].id]
    assert section.totals.text().startswith("1 session · 1.5 hours · 30,099 Diamonds")


def test_show_period_from_the_dashboard(qtbot, ctx: Context, sample_sessions):
    section = make_section(qtbot, ctx, today=date(2026, 10, 20))
    qtbot.keyClicks(section.search, "sunday")
    section.show_period(date(2026, 10, 1), date(2026, 10, 31))
    assert section.period.currentData() == "this_month"
    assert section.search.text() == ""  # the figure clicked counted every session
    assert section.model.rowCount() == 3
    section.show_period(date(2026, 10, 6), date(2026, 10, 24))
    assert section.period.currentData() == "custom"
    assert shown_ids(section) == [sample_sessions[1].id]


def test_detail_pane_for_rose_and_lion_session(qtbot, ctx: Context, sample_sessions):
    section = make_section(qtbot, ctx)
    with qtbot.waitSignal(section.selection_changed):
        click_row(qtbot, section, 1)  # newest first: row 1 is Rose x100 + Lion
    detail = section.detail
    assert section.selected_ids() == [sample_sessions[1].id]
    assert detail.session_id == sample_sessions[1].id
    assert detail.lines_text() == [["Rose", "100", "1", "100"], ["Lion", "1", "29,999", "29,999"]]
    # 29,999 + 100 = 30,099 Diamonds; x $0.005 = $150.495 -> $150.50 (half up).
    assert detail.diamonds.text() == "30,099"
    assert detail.money.text() == "$150.50"
    assert detail.reported.text() == "not entered"
    assert detail.from_gifts.text() == "30,099"
    assert detail.difference.isHidden()
    # 30,099 x 3,600 / 5,400 s = 20,066; x 1,000 / 5,000 likes = 6,019.8;
    # / 400 viewers = 75.2475 -> 75.2; / 10 new followers = 3,009.9.
    assert detail.per_hour.text() == "20,066"
    assert detail.per_1000_likes.text() == "6,019.8"
    assert detail.per_viewer.text() == "75.2"
    assert detail.per_follower.text() == "3,009.9"
    assert detail.notes.text() == "Notes: rainy"
    assert detail.lines_total.text() == "30,099 coins in all"


def test_detail_shows_disagreement(qtbot, ctx: Context, repo: Repository, account: Account):
    assert account.id is not None
    repo.add_session(
        Session(
            account.id,
            datetime(2026, 10, 9, 21),
            timedelta(hours=1),
            reported_diamonds=1_200,
            title="Karaoke",
            tags=("requests", "collab"),
            gift_lines=(GiftLine("Rose", 900, 1), GiftLine("Finger Heart", 20, 5)),
        )
    )
    section = make_section(qtbot, ctx)
    click_row(qtbot, section, 0)
    detail = section.detail
    # Summary 1,200; gift lines 900 + 100 = 1,000; the summary wins, difference +200.
    assert (detail.diamonds.text(), detail.reported.text(), detail.from_gifts.text()) == (
        "1,200",
        "1,200",
        "1,000",
    )
    assert detail.difference.isVisibleTo(section)
    assert detail.difference.text() == "+200"
    assert detail.money.text() == "$6.00"
    assert detail.title.text() == "Karaoke"
    assert detail.tags.text() == "Tags: requests, collab"


def test_summary_only_session_has_no_metrics_without_data(qtbot, ctx: Context, sample_sessions):
    section = make_section(qtbot, ctx)
    click_row(qtbot, section, 0)  # 500 Diamonds in 1 h, nothing else recorded
    detail = section.detail
    assert detail.per_hour.text() == "500"
    assert [detail.per_1000_likes.text(), detail.per_viewer.text()] == ["—", "—"]
    assert detail.lines_text() == []
    assert detail.title.text() == "(no title)"


def test_double_click_and_enter_request_editing(qtbot, ctx: Context, sample_sessions):
    section = make_section(qtbot, ctx)
    click_row(qtbot, section, 2)  # a double-click starts with a press, as a person's does
    with qtbot.waitSignal(section.edit_requested) as blocker:
        qtbot.mouseDClick(
            section.view.viewport(), Qt.MouseButton.LeftButton, pos=row_center(section, 2)
        )
    assert blocker.args == [sample_sessions[0].id]
    section.view.setFocus()
    qtbot.keyClick(section.view, Qt.Key.Key_Up)
    with qtbot.waitSignal(section.edit_requested) as blocker:
        qtbot.keyClick(section.view, Qt.Key.Key_Return)
    assert blocker.args == [sample_sessions[1].id]


def test_delete_selected_asks_then_deletes_and_undo_restores(
    qtbot, ctx: Context, repo: Repository, dialogs, sample_sessions
):
    section = make_section(qtbot, ctx)
    click_row(qtbot, section, 0)
    click_row(qtbot, section, 1, Qt.KeyboardModifier.ControlModifier)
    newest_two = [sample_sessions[2].id, sample_sessions[1].id]
    assert section.selected_ids() == newest_two

    dialogs.answers = [False]
    assert section.delete_selected() == 0
    # 500 + 30,099 = 30,599 Diamonds.
    assert "2 sessions with 30,599 Diamonds" in dialogs.asked[0]
    assert repo.count_sessions(SessionQuery()) == 3
    assert ctx.undo.count() == 0

    dialogs.answers = [True]
    assert section.delete_selected() == 2
    assert repo.count_sessions(SessionQuery()) == 1
    assert shown_ids(section) == [sample_sessions[0].id]
    assert section.totals.text().startswith("1 session · 2.0 hours · 30,000 Diamonds")

    ctx.undo.undo()
    assert repo.count_sessions(SessionQuery()) == 3
    assert shown_ids(section) == [s.id for s in reversed(sample_sessions)]
    restored = repo.get_session(sample_sessions[1].id)
    assert restored is not None
    assert [(g.gift, g.count) for g in restored.gift_lines] == [("Rose", 100), ("Lion", 1)]
    assert section.totals.text() == ALL_THREE


def test_delete_one_names_its_day(qtbot, ctx: Context, dialogs, sample_sessions):
    section = make_section(qtbot, ctx)
    click_row(qtbot, section, 2)
    dialogs.answers = [False]
    section.delete_selected()
    assert dialogs.asked[0].startswith("Delete the session of 10/5/26 with 30,000 Diamonds?")


def test_selection_kept_when_rows_move(qtbot, ctx: Context, repo: Repository, sample_sessions):
    section = make_section(qtbot, ctx)
    click_row(qtbot, section, 1)
    assert section.selected_ids() == [sample_sessions[1].id]
    newer = Session(sample_sessions[0].account_id, datetime(2026, 11, 2, 20), timedelta(hours=1))
    repo.add_session(newer)  # goes on top: the selected session moves to row 2
    assert section.selected_rows() == [2]
    assert section.selected_ids() == [sample_sessions[1].id]
    assert section.detail.session_id == sample_sessions[1].id


def test_edit_refreshes_the_detail_pane(qtbot, ctx: Context, repo: Repository, sample_sessions):
    section = make_section(qtbot, ctx)
    click_row(qtbot, section, 2)
    changed = repo.get_session(sample_sessions[0].id)
    assert changed is not None
    from dataclasses import replace

    repo.update_session(replace(changed, notes="great chat"))
    assert section.detail.notes.text() == "Notes: great chat"
    assert section.model.index(2, 10).data() == "great chat"


def test_deleting_the_shown_session_clears_the_detail(
    qtbot, ctx: Context, repo: Repository, sample_sessions
):
    section = make_section(qtbot, ctx)
    click_row(qtbot, section, 0)
    repo.delete_session(sample_sessions[2].id)
    assert section.selected_ids() == []
    assert section.detail.stack.currentWidget() is section.detail.hint


def test_column_widths_and_splitter_are_remembered(qtbot, ctx: Context, sample_sessions):
    first = make_section(qtbot, ctx)
    first.view.horizontalHeader().resizeSection(10, 333)
    first.view.horizontalHeader().resizeSection(3, 150)
    first.splitter.moveSplitter(300, 1)
    assert ctx.settings.state(HEADER_KEY) is not None
    assert ctx.settings.state(SPLITTER_KEY) is not None
    second = make_section(qtbot, ctx)
    assert second.view.horizontalHeader().sectionSize(3) == 150
    assert second.splitter.saveState() == first.splitter.saveState()


def test_sort_order_is_remembered(qtbot, ctx: Context, sample_sessions):
    first = make_section(qtbot, ctx)
    header = first.view.horizontalHeader()
    qtbot.mouseClick(
        header.viewport(),
        Qt.MouseButton.LeftButton,
        pos=QPoint(header.sectionViewportPosition(3) + 10, header.height() // 2),
    )
    assert first.model.query.sort == "diamonds"
    order = first.model.query.descending
    second = make_section(qtbot, ctx)
    assert (second.model.query.sort, second.model.query.descending) == ("diamonds", order)


@given(st.dates(min_value=date(2000, 1, 1), max_value=date(2099, 12, 31)))
def test_period_bounds_cover_today(today: date):
    start, end = period_bounds("this_month", today)
    assert start is not None and end is not None
    assert start.day == 1 and start <= today <= end
    assert (end + timedelta(days=1)).day == 1 and end.month == today.month
    last_start, last_end = period_bounds("last_month", today)
    assert last_start is not None and last_end is not None
    assert last_end + timedelta(days=1) == start and last_start.day == 1
    assert period_bounds("this_year", today) == (date(today.year, 1, 1), date(today.year, 12, 31))
    assert period_bounds("all", today) == (None, None)

"""The session editor driven like a person (typing, Tab, Enter, Esc), checked on screen and in db.

Money at the default rates (1 coin = 1 Diamond = $0.005 net): Lion 29,999 + Rose 100 x 1 +
Galaxy 2 x 1,000 = 32,099 coins = 32,099 Diamonds = $160.495 -> "$160.50".
"""

from __future__ import annotations

import dataclasses
import sqlite3
from datetime import date, datetime, timedelta
from decimal import Decimal

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import QApplication, QLabel, QLineEdit, QWidget

from tiklive_desktop.core.entities import Account, ExchangeRate, GiftLine, RatePeriod, Session
from tiklive_desktop.gui.context import Context
from tiklive_desktop.gui.editors.gift_lines import COUNT, GIFT
from tiklive_desktop.gui.editors.session_editor import SessionEditor
from tiklive_desktop.storage.repository import Repository, SessionQuery

ALL = SessionQuery()
# The offscreen platform cannot raise windows, grab the keyboard for the completer's popup
# or resize a dialog whose minimum size follows its messages; it says so as warnings.
pytestmark = pytest.mark.qt_log_ignore(r"This plugin does not support")


@pytest.fixture
def open_editor(qtbot, ctx: Context, account: Account):
    def make(session: Session | None = None) -> SessionEditor:
        assert account.id is not None
        editor = SessionEditor(ctx, account.id, session)
        qtbot.addWidget(editor)
        editor.show()
        qtbot.waitExposed(editor)
        editor.activateWindow()
        qtbot.waitUntil(editor.isActiveWindow)
        editor.start_edit.setFocus()
        return editor

    return make


def focused() -> QWidget:
    widget = QApplication.focusWidget()
    assert widget is not None
    return widget


def type_into(qtbot, widget: QWidget, text: str) -> None:
    """Click into a field, replace what it holds, type, and Tab out (as a person would)."""
    widget.setFocus()
    qtbot.keyClick(widget, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    if text:
        qtbot.keyClicks(widget, text)
    else:
        qtbot.keyClick(widget, Qt.Key.Key_Delete)
    qtbot.keyClick(widget, Qt.Key.Key_Tab)


def type_when(qtbot, editor: SessionEditor, start: str, end: str) -> None:
    """Date and time typed as digits into the MM/dd/yyyy HH:mm sections (en_US)."""
    for edit, digits in ((editor.start_edit, start), (editor.end_edit, end)):
        edit.setFocus()
        edit.setSelectedSection(edit.sectionAt(0))  # as Tab into the field leaves it
        qtbot.keyClicks(edit, digits)
        qtbot.keyClick(edit, Qt.Key.Key_Tab)


def reactivate(qtbot, editor: SessionEditor) -> None:
    """The offscreen platform hands activation to the completer's popup once it has been
    shown (a desktop's window manager gives it back to the dialog); give it back."""
    editor.activateWindow()
    qtbot.waitUntil(editor.isActiveWindow)


def type_gift_line(qtbot, editor: SessionEditor, gift: str, count: str) -> None:
    """Insert a line, type part of the gift's name, Tab to the count, type it, Enter."""
    editor.gift_table.setFocus()
    qtbot.keyClick(editor.gift_table, Qt.Key.Key_Insert)
    qtbot.keyClicks(focused(), gift)
    qtbot.keyClick(focused(), Qt.Key.Key_Tab)
    qtbot.keyClicks(focused(), count)
    qtbot.keyClick(focused(), Qt.Key.Key_Return)
    QApplication.processEvents()  # the delegate commits Enter through the event loop
    reactivate(qtbot, editor)


def type_in_cell(qtbot, editor: SessionEditor, row: int, column: int, text: str) -> None:
    table = editor.gift_table
    table.setFocus()
    table.setCurrentIndex(editor.gift_model.index(row, column))
    qtbot.keyClick(table, text[0])  # opens the editor on the first key, replacing the cell
    qtbot.keyClicks(focused(), text[1:])
    qtbot.keyClick(focused(), Qt.Key.Key_Return)
    QApplication.processEvents()


def without_line_ids(session: Session) -> Session:
    lines = tuple(dataclasses.replace(line, id=None) for line in session.gift_lines)
    return dataclasses.replace(session, gift_lines=lines)


def test_new_session_with_three_gift_lines_typed(
    qtbot, open_editor, repo: Repository, account: Account, ctx: Context
) -> None:
    editor = open_editor()
    type_when(qtbot, editor, "100520262000", "100520262130")
    type_into(qtbot, editor.likes_edit, "12,000")
    type_into(qtbot, editor.total_viewers_edit, "900")
    type_into(qtbot, editor.title_edit, "Sunday songs")
    type_into(qtbot, editor.tags_edit, "music, chill")
    type_gift_line(qtbot, editor, "lio", "1")
    type_gift_line(qtbot, editor, "ROS", "100")
    type_gift_line(qtbot, editor, "gal", "2")

    model = editor.gift_model
    shown = [[model.index(r, c).data() for c in range(4)] for r in range(3)]
    assert shown == [
        ["Lion", "1", "29,999", "29,999"],
        ["Rose", "100", "1", "100"],
        ["Galaxy", "2", "1,000", "2,000"],
    ]
    assert editor.duration_label.text() == "1 h 30 min"
    assert editor.preview_label.text() == "32,099 coins → 32,099 ◆ → $160.50"
    assert editor.ok_button.isEnabled()

    qtbot.keyClick(editor.title_edit, Qt.Key.Key_Return)  # Enter saves

    assert not editor.isVisible()
    assert repo.count_sessions(ALL) == 1
    stored = repo.load_sessions()[0]
    assert stored.start == datetime(2026, 10, 5, 20, 0)
    assert stored.duration == timedelta(minutes=90)
    assert (stored.likes, stored.total_viewers, stored.reported_diamonds) == (12_000, 900, None)
    assert (stored.title, stored.tags) == ("Sunday songs", ("music", "chill"))
    assert [(line.gift, line.count, line.coins_each) for line in stored.gift_lines] == [
        ("Lion", 1, 29_999),
        ("Rose", 100, 1),
        ("Galaxy", 2, 1_000),
    ]
    assert all(line.gift_id is not None for line in stored.gift_lines)  # linked to the catalog
    totals = repo.session_totals(ALL)
    assert (totals.diamonds, totals.net_usd) == (32_099, Decimal("160.495"))
    assert ctx.undo.count() == 1


def test_edit_existing_session_then_undo_restores_it(
    qtbot, open_editor, repo: Repository, sample_sessions: list[Session], ctx: Context
) -> None:
    original = sample_sessions[1]  # Rose 100 + Lion 1, 5,000 likes, notes "rainy"
    editor = open_editor(original)
    assert editor.likes_edit.text() == "5000"
    assert editor.notes_edit.toPlainText() == "rainy"
    assert editor.preview_label.text() == "30,099 coins → 30,099 ◆ → $150.50"
    assert not editor.save_another_button.isVisible()  # only for new sessions

    type_into(qtbot, editor.likes_edit, "6000")
    type_in_cell(qtbot, editor, 0, COUNT, "150")
    assert editor.preview_label.text() == "30,149 coins → 30,149 ◆ → $150.75"
    qtbot.mouseClick(editor.ok_button, Qt.MouseButton.LeftButton)

    assert original.id is not None
    edited = repo.get_session(original.id)
    assert edited is not None
    assert edited.likes == 6_000
    assert [(line.gift, line.count) for line in edited.gift_lines] == [("Rose", 150), ("Lion", 1)]
    assert repo.count_sessions(ALL) == 3

    ctx.undo.undo()
    restored = repo.get_session(original.id)
    assert restored is not None
    assert without_line_ids(restored) == without_line_ids(original)


@pytest.mark.parametrize(
    ("field", "typed", "message"),
    [
        ("likes", "abc", "Likes must be a whole number, like 1200."),
        ("peak_viewers", "-3", "Peak viewers cannot be negative."),
        ("reported_diamonds", "12,50", "Reported Diamonds must be a whole number, like 5000."),
    ],
)
def test_bad_number_shows_message_beside_field_and_stores_nothing(
    qtbot, open_editor, repo: Repository, sample_sessions, field: str, typed: str, message: str
) -> None:
    editor = open_editor()
    widget = editor.form.fields[field]
    type_into(qtbot, widget, typed)

    assert editor.form.message(field) == message
    assert widget.accessibleDescription() == message
    assert not editor.ok_button.isEnabled()
    assert editor.form.message("title") == ""  # only what is wrong is flagged
    qtbot.keyClick(widget, Qt.Key.Key_Return)  # Enter tries to save: refused
    qtbot.mouseClick(editor.ok_button, Qt.MouseButton.LeftButton)
    assert editor.isVisible()
    assert repo.count_sessions(ALL) == 3
    assert widget.text() == typed  # nothing typed is lost


def test_negative_count_shows_message_under_the_table(
    qtbot, open_editor, repo: Repository, sample_sessions
) -> None:
    editor = open_editor()
    type_gift_line(qtbot, editor, "rose", "-5")

    assert editor.gift_error.text() == "The count on gift line 1 must be at least 1."
    assert editor.gift_error.isVisible()
    count = editor.gift_model.index(0, COUNT)
    assert count.data() == "-5"
    assert count.data(Qt.ItemDataRole.ToolTipRole) == editor.gift_error.text()
    assert not editor.ok_button.isEnabled()
    qtbot.mouseClick(editor.ok_button, Qt.MouseButton.LeftButton)
    assert repo.count_sessions(ALL) == 3


def test_unknown_gift_asks_for_its_price(qtbot, open_editor) -> None:
    editor = open_editor()
    type_gift_line(qtbot, editor, "Golden Goose", "1")
    assert editor.gift_error.text() == (
        'The gift "Golden Goose" on line 1 is not in the catalog; enter its price.'
    )
    type_in_cell(qtbot, editor, 0, 2, "777")
    assert not editor.gift_error.isVisible()
    assert editor.preview_label.text() == "777 coins → 777 ◆ → $3.89"  # $3.885 rounds half up


def test_end_before_start_is_refused_beside_end(
    qtbot, open_editor, repo: Repository, sample_sessions
) -> None:
    editor = open_editor()
    type_when(qtbot, editor, "100520262000", "100520261900")

    assert editor.form.message("end") == "End must be after the start."
    assert editor.form.message("start") == ""
    assert editor.duration_label.text() == ""
    assert not editor.ok_button.isEnabled()
    qtbot.keyClick(editor.end_edit, Qt.Key.Key_Return)
    assert editor.isVisible()
    assert repo.count_sessions(ALL) == 3


def test_messages_wait_until_touched_but_save_shows_them_all(qtbot, open_editor) -> None:
    editor = open_editor()
    editor.likes_edit.setFocus()
    qtbot.keyClicks(editor.likes_edit, "lots")
    qtbot.keyClicks(editor.shares_edit, "many")
    assert editor.form.message("likes") == ""  # still typing there
    assert not editor.ok_button.isEnabled()

    qtbot.keyClick(editor.shares_edit, Qt.Key.Key_Return)  # tries to save

    assert editor.form.message("likes") == "Likes must be a whole number, like 1200."
    assert editor.form.message("shares") == "Shares must be a whole number, like 1200."
    assert focused() is editor.likes_edit  # the first problem, ready to fix


def test_reported_and_gift_lines_disagree_shows_both(qtbot, open_editor, repo: Repository) -> None:
    editor = open_editor()
    type_when(qtbot, editor, "100520262000", "100520262100")
    type_into(qtbot, editor.diamonds_edit, "31000")
    type_gift_line(qtbot, editor, "lion", "1")
    type_gift_line(qtbot, editor, "rose", "100")

    assert editor.preview_label.text() == "31,000 ◆ → $155.00"
    assert editor.difference_label.text() == (
        "Summary 31,000 ◆ · gift lines 30,099 ◆ · 901 more in the summary"
    )
    type_into(qtbot, editor.diamonds_edit, "30000")
    assert editor.difference_label.text() == (
        "Summary 30,000 ◆ · gift lines 30,099 ◆ · 99 more in the gift lines"
    )
    qtbot.mouseClick(editor.ok_button, Qt.MouseButton.LeftButton)
    stored = repo.load_sessions()[0]
    assert (stored.reported_diamonds, stored.gift_coins) == (30_000, 30_099)
    assert repo.session_totals(ALL).diamonds == 30_000  # the summary is the truth


def test_save_and_add_another_stores_and_clears(
    qtbot, open_editor, repo: Repository, ctx: Context
) -> None:
    editor = open_editor()
    type_when(qtbot, editor, "100520262000", "100520262130")
    type_into(qtbot, editor.diamonds_edit, "500")
    type_into(qtbot, editor.likes_edit, "800")
    type_gift_line(qtbot, editor, "rose", "500")

    qtbot.mouseClick(editor.save_another_button, Qt.MouseButton.LeftButton)

    assert editor.isVisible()
    assert repo.count_sessions(ALL) == 1
    assert editor.start_edit.text() == "10/06/2026 20:00"  # a day later, same time
    assert editor.end_edit.text() == "10/06/2026 21:30"
    assert (editor.diamonds_edit.text(), editor.likes_edit.text()) == ("", "")
    assert editor.gift_model.rowCount() == 0
    assert editor.status_label.text() == "Saved the LIVE of 10/5/26. Now the next one."
    assert focused() is editor.start_edit
    assert not editor.is_dirty()

    type_into(qtbot, editor.diamonds_edit, "700")
    qtbot.keyClick(editor.likes_edit, Qt.Key.Key_Return)
    assert repo.count_sessions(ALL) == 2
    days = sorted(s.start for s in repo.load_sessions())
    assert days == [datetime(2026, 10, 5, 20, 0), datetime(2026, 10, 6, 20, 0)]
    assert ctx.undo.count() == 2


def test_escape_asks_before_discarding_typed_input(
    qtbot, open_editor, dialogs, repo: Repository
) -> None:
    editor = open_editor()
    qtbot.keyClick(editor, Qt.Key.Key_Escape)  # nothing typed: closes without asking
    assert not editor.isVisible()
    assert dialogs.asked == []

    editor = open_editor()
    type_into(qtbot, editor.title_edit, "Late night")
    dialogs.answers = [False]
    qtbot.keyClick(editor.title_edit, Qt.Key.Key_Escape)
    assert dialogs.asked == ["Discard what you typed for this session?"]
    assert editor.isVisible()
    assert editor.title_edit.text() == "Late night"

    dialogs.answers = [True]
    qtbot.mouseClick(editor.cancel_button, Qt.MouseButton.LeftButton)
    assert not editor.isVisible()
    assert repo.count_sessions(ALL) == 0


def test_database_error_is_shown_and_the_dialog_keeps_everything(
    qtbot, open_editor, repo: Repository, dialogs, ctx: Context, monkeypatch
) -> None:
    def refuse(session: Session) -> Session:
        raise sqlite3.OperationalError("database is locked")

    monkeypatch.setattr(repo, "add_session", refuse)
    editor = open_editor()
    type_into(qtbot, editor.diamonds_edit, "1200")
    qtbot.keyClick(editor.diamonds_edit, Qt.Key.Key_Return)

    assert dialogs.told == ["The session could not be saved: database is locked"]
    assert editor.isVisible()
    assert editor.diamonds_edit.text() == "1200"
    assert ctx.undo.count() == 0


def test_tab_order_and_mnemonics(qtbot, open_editor) -> None:
    editor = open_editor()
    expected = [
        editor.start_edit,
        editor.end_edit,
        editor.diamonds_edit,
        editor.likes_edit,
        editor.peak_viewers_edit,
        editor.total_viewers_edit,
        editor.new_followers_edit,
        editor.comments_edit,
        editor.shares_edit,
        editor.gifters_edit,
        editor.title_edit,
        editor.tags_edit,
        editor.notes_edit,
        editor.gift_table,
        editor.add_line_button,
    ]
    seen = [focused()]
    for _ in expected[1:]:
        qtbot.keyClick(focused(), Qt.Key.Key_Tab)
        seen.append(focused())
    assert [w.accessibleName() for w in seen] == [w.accessibleName() for w in expected]
    assert seen == expected

    mnemonics = []
    for widget in editor.form.fields.values():
        label = editor.form.labelForField(widget.parentWidget())
        assert isinstance(label, QLabel)
        assert label.buddy() is widget
        mnemonics.append(label.text().split("&")[1][0].lower())
    assert len(set(mnemonics)) == len(mnemonics) == 13


def test_coins_each_is_the_price_on_the_session_day(
    qtbot, open_editor, repo: Repository, sample_sessions: list[Session]
) -> None:
    lion = repo.find_gift("Lion")
    assert lion is not None and lion.id is not None
    repo.reprice_gift(lion.id, date(2026, 11, 1), 30_999)

    editor = open_editor()
    type_when(qtbot, editor, "100520262000", "100520262100")
    type_gift_line(qtbot, editor, "lion", "1")
    assert editor.gift_model.index(0, 2).data() == "29,999"
    type_when(qtbot, editor, "110220262000", "110220262100")
    assert editor.gift_model.index(0, 2).data() == "30,999"  # a new line follows the catalog

    # A stored session keeps the price it was entered with, whatever its new date.
    stored = open_editor(sample_sessions[1])
    type_when(qtbot, stored, "110220262000", "110220262100")
    assert stored.gift_model.index(1, GIFT).data() == "Lion"
    assert stored.gift_model.index(1, 2).data() == "29,999"


def test_remove_line_with_delete_key(qtbot, open_editor, sample_sessions: list[Session]) -> None:
    editor = open_editor(sample_sessions[1])
    table = editor.gift_table
    table.setFocus()
    table.setCurrentIndex(editor.gift_model.index(0, GIFT))
    qtbot.keyClick(table, Qt.Key.Key_Delete)
    assert [editor.gift_model.index(0, c).data() for c in (GIFT, COUNT)] == ["Lion", "1"]
    assert editor.preview_label.text() == "29,999 coins → 29,999 ◆ → $150.00"  # $149.995
    assert isinstance(editor.diamonds_edit, QLineEdit)


def test_rate_in_force_on_the_session_day_values_the_preview(
    qtbot, open_editor, repo: Repository
) -> None:
    repo.add_rate_period(RatePeriod(effective=date(2026, 10, 1), agency_share=Decimal("0.20")))
    editor = open_editor()
    type_when(qtbot, editor, "100520262000", "100520262100")
    type_into(qtbot, editor.diamonds_edit, "10000")
    assert editor.preview_label.text() == "10,000 ◆ → $40.00"  # $50 less the 20% agency share
    assert "agency 20%" in editor.rate_label.text()
    type_when(qtbot, editor, "092020262000", "092020262100")
    assert editor.preview_label.text() == "10,000 ◆ → $50.00"


def test_gift_line_values_round_trip(open_editor, sample_sessions: list[Session]) -> None:
    editor = open_editor(sample_sessions[1])
    assert editor.report.ok and editor.report.value is not None
    assert editor.report.value.gift_lines[0] == GiftLine(
        "Rose", 100, 1, sample_sessions[1].gift_lines[0].gift_id
    )


def test_money_in_the_accounts_currency_at_that_days_exchange_rate(
    qtbot, open_editor, repo: Repository, account: Account
) -> None:
    repo.update_account(dataclasses.replace(account, currency="EUR"))
    editor = open_editor()
    type_when(qtbot, editor, "100520262000", "100520262100")
    type_into(qtbot, editor.diamonds_edit, "10000")
    assert editor.preview_label.text() == "10,000 ◆ → $50.00"  # no EUR rate known: said so
    assert "no EUR exchange rate for this day: shown in USD" in editor.rate_label.text()

    repo.add_exchange_rate(ExchangeRate("EUR", date(2026, 1, 1), Decimal("0.9")))
    assert editor.preview_label.text() == "10,000 ◆ → €45.00"  # $50 x 0.9, refreshed


def test_saved_signal_and_remembered_column_widths(qtbot, open_editor, account: Account) -> None:
    editor = open_editor()
    editor.gift_table.setColumnWidth(COUNT, 140)
    type_into(qtbot, editor.diamonds_edit, "900")
    with qtbot.waitSignal(editor.saved) as saved:
        qtbot.mouseClick(editor.ok_button, Qt.MouseButton.LeftButton)
    assert saved.args[0].reported_diamonds == 900
    assert saved.args[0] == editor.stored

    again = open_editor()
    assert again.gift_table.columnWidth(COUNT) == 140


def test_a_deleted_editor_ignores_later_changes(qtbot, ctx: Context, repo: Repository, account):
    assert account.id is not None
    editor = SessionEditor(ctx, account.id)
    editor.deleteLater()
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    lion = repo.find_gift("Lion")
    assert lion is not None and lion.id is not None
    repo.reprice_gift(lion.id, date(2026, 11, 1), 30_999)  # emits store.changed("gifts")
    assert repo.gift_price_on(lion.id, date(2026, 11, 2)) == 30_999

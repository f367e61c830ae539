"""The real main window driven as a creator would: record a LIVE with three gifts, find it,
edit it, undo and redo, delete it. Money at the default rates: Lion 29,999 + Rose 100 x 1 +
Galaxy 2 x 1,000 = 32,099 coins = 32,099 Diamonds = $160.495, shown as $160.50."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest
from PySide6.QtCore import QLocale, Qt, QTimer
from PySide6.QtWidgets import QApplication
from test_session_editor import type_gift_line, type_into, type_when

from tiklive_desktop.core.entities import Account
from tiklive_desktop.gui.editors.session_editor import SessionEditor
from tiklive_desktop.gui.formatting import Formatter
from tiklive_desktop.gui.main_window import MainWindow
from tiklive_desktop.gui.store import DataStore
from tiklive_desktop.storage.repository import Repository, SessionQuery

TODAY = date(2026, 10, 26)
ALL = SessionQuery()
pytestmark = pytest.mark.qt_log_ignore(r"This plugin does not support")


def make_window(qtbot, repo: Repository, dialogs, settings) -> MainWindow:
    """The real window on ``repo`` (en_US formatting, today = TODAY), shown at a desktop size."""
    win = MainWindow(
        DataStore(repo, None),
        settings,
        dialogs=dialogs,
        formatter=Formatter(QLocale(QLocale.Language.English, QLocale.Country.UnitedStates)),
        today=lambda: TODAY,
    )
    qtbot.addWidget(win)
    win.resize(1280, 820)
    win.show()
    qtbot.waitExposed(win)
    return win


@pytest.fixture
def window(qtbot, repo: Repository, account: Account, dialogs, settings) -> MainWindow:
    return make_window(qtbot, repo, dialogs, settings)


def in_editor(qtbot, fill: Callable[[SessionEditor], None], trigger: Callable[[], None]) -> None:
    """Run ``trigger`` (which opens the modal editor) and ``fill`` the editor once it is up."""
    done: list[bool] = []
    failures: list[BaseException] = []

    def when_open() -> None:
        editor = QApplication.activeModalWidget()
        if not isinstance(editor, SessionEditor):
            QTimer.singleShot(20, when_open)
            return
        try:
            qtbot.waitExposed(editor)
            editor.activateWindow()
            qtbot.waitUntil(editor.isActiveWindow)
            editor.start_edit.setFocus()
            fill(editor)
            done.append(True)
        except BaseException as error:  # re-raised below, once the modal loop has ended
            failures.append(error)
        if editor.isVisible():  # a failed step must not leave the modal loop running
            editor.done(0)

    QTimer.singleShot(0, when_open)
    trigger()
    if failures:
        raise failures[0]
    assert done, "the session editor never opened"


def shown_row(win: MainWindow, row: int) -> dict[str, str]:
    model = win.sessions.model
    return {
        str(model.headerData(c, Qt.Orientation.Horizontal)): str(model.index(row, c).data())
        for c in range(model.columnCount())
    }


def test_record_find_edit_undo_redo_delete(qtbot, window: MainWindow, repo: Repository) -> None:
    def record(editor: SessionEditor) -> None:
        type_when(qtbot, editor, "102420262000", "102420262130")
        type_into(qtbot, editor.likes_edit, "12,000")
        type_into(qtbot, editor.title_edit, "Sunday songs")
        type_gift_line(qtbot, editor, "lio", "1")
        type_gift_line(qtbot, editor, "ros", "100")
        type_gift_line(qtbot, editor, "gal", "2")
        assert editor.preview_label.text() == "32,099 coins → 32,099 ◆ → $160.50"
        qtbot.mouseClick(editor.ok_button, Qt.MouseButton.LeftButton)

    # Ctrl+N from the dashboard, as a creator does after a LIVE.
    in_editor(qtbot, record, window.actions.new_session.trigger)
    assert repo.count_sessions(ALL) == 1
    stored = repo.load_sessions()[0]
    assert [(g.gift, g.count) for g in stored.gift_lines] == [
        ("Lion", 1),
        ("Rose", 100),
        ("Galaxy", 2),
    ]

    # On the dashboard: this month's money and Diamonds, and in the status bar.
    qtbot.waitUntil(lambda: window.dashboard.tiles["net_usd"].value.text() == "$160.50")
    assert window.dashboard.tiles["diamonds"].value.text() == "32,099"
    assert "32,099 ◆ ($160.50)" in window.status_balance.text()

    # In the sessions table.
    window.nav.setCurrentRow(1)
    qtbot.waitUntil(lambda: window.sessions.model.rowCount() == 1)
    row = shown_row(window, 0)
    assert (row["Diamonds"], row["Money"], row["Likes"]) == ("32,099", "$160.50", "12,000")

    # Edit it: the Edit action opens the selected session.
    window.sessions.view.selectRow(0)
    assert window.actions.edit_selected.isEnabled()

    def more_likes(editor: SessionEditor) -> None:
        type_into(qtbot, editor.likes_edit, "15000")
        qtbot.mouseClick(editor.ok_button, Qt.MouseButton.LeftButton)

    in_editor(qtbot, more_likes, window.actions.edit_selected.trigger)
    assert repo.load_sessions()[0].likes == 15_000
    qtbot.waitUntil(lambda: shown_row(window, 0)["Likes"] == "15,000")

    # Undo and redo from the Edit menu.
    window.undo_action.trigger()
    assert repo.load_sessions()[0].likes == 12_000
    qtbot.waitUntil(lambda: shown_row(window, 0)["Likes"] == "12,000")
    window.redo_action.trigger()
    assert repo.load_sessions()[0].likes == 15_000

    # Delete it (the confirmation is answered yes), then undo brings it back whole.
    window.sessions.view.selectRow(0)
    window.actions.delete_selected.trigger()
    assert repo.count_sessions(ALL) == 0
    qtbot.waitUntil(lambda: window.sessions.model.rowCount() == 0)
    assert "0 ◆" in window.status_balance.text()
    window.undo_action.trigger()
    assert repo.count_sessions(ALL) == 1
    assert len(repo.load_sessions()[0].gift_lines) == 3


def test_menus_shortcuts_and_accounts(window: MainWindow, repo: Repository, dialogs) -> None:
    menus = [a.text() for a in window.menuBar().actions()]
    assert menus == ["&File", "&Edit", "&View", "&Tools", "&Help"]
    assert window.actions.new_session.shortcut().toString() == "Ctrl+N"
    assert window.actions.quit.shortcut().toString() == "Ctrl+Q"
    window.actions.shortcuts.trigger()
    assert "Ctrl+N\tNew Session" in dialogs.told[-1]
    window.actions.about.trigger()
    assert "0.1.0" in dialogs.told[-1]
    # The switcher lists every account plus "All accounts"; choosing one filters the window.
    other = repo.add_account(Account(handle="chef.marco"))
    items = [window.account_box.itemText(i) for i in range(window.account_box.count())]
    assert items == ["All accounts", "@chef.marco", "@luna.sings (Luna)"]
    window.account_box.setCurrentIndex(1)
    window.account_box.activated.emit(1)
    assert window.ctx.account.account_id == other.id
    assert window.status_account.text() == "Account: @chef.marco"


def test_window_geometry_is_remembered(qtbot, window: MainWindow, repo, settings) -> None:
    window.resize(1100, 700)
    window.close()
    again = MainWindow(DataStore(repo, None), settings, today=lambda: TODAY)
    qtbot.addWidget(again)
    assert settings.state("main/geometry") is not None
    # Qt fits a restored window to its screen: the offscreen one is 800 px wide, so the
    # width comes back at the window's minimum; the height is restored as left.
    assert again.height() == 700
    assert again.width() == again.minimumWidth()


def test_new_open_and_recent_databases_are_asked_for_then_announced(
    qtbot, window: MainWindow, dialogs, settings, tmp_path
) -> None:
    asked: list[object] = []
    window.database_requested.connect(asked.append)
    existing = tmp_path / "mine.db"
    existing.write_bytes(b"")
    dialogs.paths = [str(existing)]
    window.actions.new_database.trigger()  # never overwrite: an existing name is refused
    assert asked == [] and "already exists" in dialogs.told[-1]
    dialogs.paths = [str(tmp_path / "fresh.db")]
    window.actions.new_database.trigger()
    dialogs.paths = [str(existing)]
    window.actions.open_database.trigger()
    assert asked == [tmp_path / "fresh.db", existing]
    dialogs.paths = []
    window.actions.open_database.trigger()  # cancelled: nothing asked
    assert len(asked) == 2
    settings.add_recent(existing)
    window._fill_recent_menu()
    recent = window.recent_menu.actions()
    assert window.recent_menu.isEnabled() and [a.text() for a in recent] == [str(existing)]
    recent[0].trigger()
    assert asked[-1] == existing

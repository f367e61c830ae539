"""The window's Charts and Reports sections and the File menu's import, export and backup,
driven as a creator would. The sample sessions (conftest) are 30,000 + 30,099 + 500 Diamonds
on October 5, 7 and 25, 2026."""

from __future__ import annotations

from contextlib import closing
from pathlib import Path

import pytest
from PySide6.QtCore import QPointF, Qt, QTimer
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QApplication
from test_main_window import make_window

from tiklive_desktop.core.entities import Account
from tiklive_desktop.gui.editors.import_dialog import ImportDialog
from tiklive_desktop.gui.editors.welcome import WelcomeDialog
from tiklive_desktop.gui.main_window import MainWindow
from tiklive_desktop.gui.sections.reports import ReportsSection
from tiklive_desktop.gui.theme import apply_theme
from tiklive_desktop.storage.database import open_database
from tiklive_desktop.storage.repository import Repository, SessionQuery

ALL = SessionQuery()
pytestmark = pytest.mark.qt_log_ignore(r"This plugin does not support")


@pytest.fixture
def window(qtbot, repo: Repository, account: Account, dialogs, settings) -> MainWindow:
    return make_window(qtbot, repo, dialogs, settings)


def click(qtbot, widget) -> None:
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)


def test_charts_and_reports_are_sections_not_placeholders(window: MainWindow) -> None:
    names = [window.nav.item(i).text() for i in range(window.nav.count())]
    assert names[-2:] == ["Charts", "Reports"]
    assert window.pages.widget(names.index("Charts")) is window.charts
    # Reports is built when first shown (issue 7, P1): until then a placeholder holds its page;
    # showing it puts the real section there, and the attribute is that very section.
    assert not window.is_built("reports")
    window.nav.setCurrentRow(names.index("Reports"))
    assert isinstance(window.pages.currentWidget(), ReportsSection)
    assert window.pages.widget(names.index("Reports")) is window.reports
    assert window.pages.currentWidget() is window.reports
    view_menu = window.menuBar().actions()[2].menu()
    shortcuts = {a.text(): a.shortcut().toString() for a in view_menu.actions()}
    assert shortcuts["Charts"] == "Ctrl+6" and shortcuts["Reports"] == "Ctrl+7"


def test_clicking_a_months_bar_opens_its_sessions(
    qtbot, window: MainWindow, sample_sessions
) -> None:
    window.nav.setCurrentRow(window.pages.indexOf(window.charts))
    earnings = window.charts.earnings
    window.charts.tabs.setCurrentWidget(earnings)
    earnings.granularity.setCurrentIndex(2)  # months
    qtbot.waitUntil(lambda: len(earnings.x) > 0)
    october = len(earnings.x) - 1
    assert earnings.heights[october] == 30_000 + 30_099 + 500
    view = earnings.plot.getPlotItem().getViewBox()
    center = QPointF(earnings.x[october] + earnings.widths[october] / 2, 1_000)
    where = earnings.plot.mapFromScene(view.mapViewToScene(center))
    qtbot.mouseClick(earnings.plot.viewport(), Qt.MouseButton.LeftButton, pos=where)
    assert window.pages.currentWidget() is window.sessions
    qtbot.waitUntil(lambda: window.sessions.model.rowCount() == 3)
    shown = {
        window.sessions.model.index(row, 0).data()
        for row in range(window.sessions.model.rowCount())
    }
    assert len(shown) == 3


def test_file_menu_offers_import_export_and_backup(window: MainWindow) -> None:
    file_menu = window.menuBar().actions()[0].menu()
    texts = [a.text() for a in file_menu.actions() if not a.isSeparator()]
    assert texts[-4:] == ["&Import Sessions…", "&Export Report…", "&Back Up Database…", "&Quit"]
    assert window.actions.import_sessions.shortcut().toString() == "Ctrl+I"
    window.actions.export_report.trigger()
    assert window.pages.currentWidget() is window.reports


def test_import_from_the_file_menu_then_undo(
    qtbot, window: MainWindow, repo: Repository, dialogs, tmp_path: Path
) -> None:
    path = tmp_path / "history.csv"
    path.write_text(
        "start,duration_minutes,diamonds\n2026-10-01 20:00,60,1000\n2026-10-02 20:00,30,2000\n"
    )
    window.actions.import_sessions.trigger()
    dialog = window.reports.import_dialog
    assert isinstance(dialog, ImportDialog)
    dialogs.paths = [str(path)]
    click(qtbot, dialog.choose_button)
    assert dialog.import_button.isEnabled()
    click(qtbot, dialog.import_button)
    assert repo.count_sessions(ALL) == 2
    qtbot.waitUntil(lambda: "3,000 ◆ ($15.00)" in window.status_balance.text())
    window.undo_action.trigger()
    assert repo.count_sessions(ALL) == 0
    qtbot.waitUntil(lambda: "Balance: 0 ◆" in window.status_balance.text())


def test_import_without_an_account_says_what_to_do_first(
    qtbot, repo: Repository, dialogs, settings
) -> None:
    window = make_window(qtbot, repo, dialogs, settings)
    window.actions.import_sessions.trigger()
    assert window.reports.import_dialog is None
    assert dialogs.told[-1] == "Add your creator account in Settings first; imports go into it."


def test_back_up_from_the_file_menu_copies_every_session(
    qtbot, window: MainWindow, sample_sessions, dialogs, tmp_path: Path
) -> None:
    target = tmp_path / "copy.db"
    dialogs.paths = [str(target)]
    window.actions.back_up.trigger()
    assert target.exists()
    with closing(open_database(target)) as conn:
        assert Repository(conn).count_sessions(ALL) == 3
    assert dialogs.told[-1] == f"Everything you recorded is in {target}."


def test_first_run_import_history_creates_the_account_then_opens_the_import(
    qtbot, repo: Repository, dialogs, settings
) -> None:
    window = make_window(qtbot, repo, dialogs, settings)
    seen: list[str] = []

    def fill_welcome() -> None:
        welcome = QApplication.activeModalWidget()
        if not isinstance(welcome, WelcomeDialog):
            QTimer.singleShot(20, fill_welcome)
            return
        seen.append("disabled" if not welcome.import_history.isEnabled() else "enabled")
        qtbot.keyClicks(welcome.handle, "luna.sings")
        seen.append("enabled" if welcome.import_history.isEnabled() else "disabled")
        click(qtbot, welcome.import_history)

    QTimer.singleShot(0, fill_welcome)
    window.first_run_if_needed()
    assert seen == ["disabled", "enabled"]
    assert [a.handle for a in repo.list_accounts()] == ["luna.sings"]
    dialog = window.reports.import_dialog
    assert isinstance(dialog, ImportDialog)
    assert dialog.account.currentText() == "@luna.sings"
    dialog.reject()


def test_switching_theme_repaints_the_styled_navigation_both_ways(
    qtbot, window: MainWindow
) -> None:
    """The navigation list has its own style sheet; it must not stay one theme behind."""
    app = QApplication.instance()
    assert isinstance(app, QApplication)

    def nav_colour() -> str:
        return window.nav.grab().toImage().pixelColor(80, 400).name()

    try:
        apply_theme(app, "dark")
        QApplication.processEvents()
        dark = nav_colour()
        assert QColor(dark).lightness() < 60
        apply_theme(app, "light")
        QApplication.processEvents()
        assert QColor(nav_colour()).lightness() > 200
    finally:
        apply_theme(app, "light")


def test_the_switcher_shows_an_account_chosen_elsewhere(
    window: MainWindow, account: Account
) -> None:
    window.ctx.account.set(None)
    assert window.account_box.currentText() == "All accounts"
    window.ctx.account.set(account.id)  # as the welcome or a click-through does
    assert window.account_box.currentText() == "@luna.sings (Luna)"
    assert window.status_account.text() == "Account: @luna.sings"

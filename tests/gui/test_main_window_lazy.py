"""Sections built on first need (issue 7, P1): only Dashboard and Charts exist at start-up;
each other section is built once, when shown or asked for, and is wired as before."""

from __future__ import annotations

import pytest
from PySide6.QtCore import SIGNAL
from test_main_window import make_window

from tiklive_desktop.core.entities import Account
from tiklive_desktop.gui.main_window import MainWindow
from tiklive_desktop.gui.sections import LAZY_SECTIONS, SectionPlaceholder
from tiklive_desktop.gui.sections.gifts import GiftsSection
from tiklive_desktop.gui.sections.income import IncomeSection
from tiklive_desktop.gui.sections.payouts import PayoutsSection
from tiklive_desktop.gui.sections.reports import ReportsSection
from tiklive_desktop.gui.sections.sessions import SessionsSection
from tiklive_desktop.storage.repository import Repository

pytestmark = pytest.mark.qt_log_ignore(r"This plugin does not support")

ROWS = {"sessions": 1, "payouts": 2, "income": 3, "gifts": 4, "reports": 6}
KINDS = {
    "sessions": SessionsSection,
    "payouts": PayoutsSection,
    "income": IncomeSection,
    "gifts": GiftsSection,
    "reports": ReportsSection,
}


@pytest.fixture
def window(qtbot, repo: Repository, account: Account, dialogs, settings) -> MainWindow:
    return make_window(qtbot, repo, dialogs, settings)


def built(window: MainWindow) -> set[str]:
    return {name for name in LAZY_SECTIONS if window.is_built(name)}


def test_only_dashboard_and_charts_are_built_with_the_window(window: MainWindow) -> None:
    assert set(LAZY_SECTIONS) == set(ROWS)
    assert built(window) == set()
    assert window.pages.count() == window.nav.count() == 7
    assert window.pages.currentWidget() is window.dashboard
    assert window.pages.widget(5) is window.charts
    for name, row in ROWS.items():
        page = window.pages.widget(row)
        assert isinstance(page, SectionPlaceholder) and page.section_name == name


@pytest.mark.parametrize("name", sorted(ROWS))
def test_showing_a_section_builds_it_once_and_nothing_else(
    qtbot, window: MainWindow, name: str
) -> None:
    made: list[object] = []
    window.section_built.connect(made.append)
    window.nav.setCurrentRow(ROWS[name])
    section = window.pages.currentWidget()
    assert isinstance(section, KINDS[name]) and section.isVisible()
    assert built(window) == {name} and made == [section]
    assert getattr(window, name) is section is window.pages.widget(ROWS[name])
    window.nav.setCurrentRow(0)
    window.nav.setCurrentRow(ROWS[name])  # back again: the same section, not a second one
    assert window.pages.currentWidget() is section and made == [section]
    assert window.pages.count() == 7


def test_the_view_menu_and_a_direct_page_change_build_the_section(window: MainWindow) -> None:
    view_menu = window.menuBar().actions()[2].menu()
    [gifts] = [a for a in view_menu.actions() if a.text() == "Gifts"]
    gifts.trigger()  # Ctrl+5
    assert window.pages.currentWidget() is window.gifts
    window.pages.setCurrentIndex(ROWS["income"])  # not through the navigation
    assert isinstance(window.pages.currentWidget(), IncomeSection)
    assert window.pages.currentWidget() is window.income
    assert built(window) == {"gifts", "income"}


def test_asking_for_a_section_builds_and_wires_it_without_showing_it(
    qtbot, window: MainWindow, sample_sessions
) -> None:
    sessions = window.sessions
    assert window.pages.currentWidget() is window.dashboard  # still where the user was
    assert window.pages.widget(ROWS["sessions"]) is sessions
    assert sessions.receivers(SIGNAL("edit_requested(int)")) == 1
    assert sessions.receivers(SIGNAL("new_requested()")) == 1
    window.nav.setCurrentRow(ROWS["sessions"])
    qtbot.waitUntil(lambda: sessions.model.rowCount() == 3)
    assert not window.actions.edit_selected.isEnabled()
    sessions.view.selectRow(0)  # selection_changed reaches the window's Edit/Delete actions
    assert window.actions.edit_selected.isEnabled() and window.actions.delete_selected.isEnabled()


def test_back_up_from_the_file_menu_builds_reports_when_needed(
    window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked: list[ReportsSection] = []
    monkeypatch.setattr(ReportsSection, "back_up", lambda self: asked.append(self))
    window.actions.back_up.trigger()
    assert built(window) == {"reports"} and asked == [window.reports]
    assert window.pages.currentWidget() is window.dashboard

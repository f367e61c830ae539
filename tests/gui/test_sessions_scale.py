"""100,000 sessions: the table shows its first rows after reading a page or two, and the
end of the history is one scroll away (the count is known, so only the last page is read)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, timedelta

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication

from tiklive_desktop.core.entities import Account, Session
from tiklive_desktop.gui.context import Context
from tiklive_desktop.gui.models.sessions_model import PAGE_SIZE
from tiklive_desktop.gui.sections.sessions import SessionsSection
from tiklive_desktop.storage.database import open_database
from tiklive_desktop.storage.repository import Repository

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")

SESSIONS = 100_000
FIRST = datetime(2000, 1, 1, 20, 0)


def nth_start(n: int) -> datetime:
    """Session n (0 = oldest) starts 6 hours after session n - 1."""
    return FIRST + timedelta(hours=6 * n)


@pytest.fixture(scope="module")
def big_repo() -> Iterator[Repository]:
    """Built once for the module: minimal sessions inserted in one transaction (~2 s)."""
    repo = Repository(open_database(None))
    account = repo.add_account(Account(handle="marathon"))
    assert account.id is not None
    account_id = account.id
    repo.add_sessions(
        Session(account_id, nth_start(n), timedelta(hours=1), reported_diamonds=n % 1000)
        for n in range(SESSIONS)
    )
    yield repo
    repo.db.close()


@pytest.fixture
def repo(big_repo: Repository) -> Repository:
    """The conftest's ``ctx`` is built on this repository."""
    return big_repo


def test_first_screen_reads_a_page_or_two(qtbot, ctx: Context):
    section = SessionsSection(ctx)
    qtbot.addWidget(section)
    section.resize(1100, 700)
    section.show()
    qtbot.waitExposed(section)
    QApplication.processEvents()
    model, view = section.model, section.view
    assert model.rowCount() == SESSIONS
    first = view.indexAt(QPoint(5, 5))
    assert first.row() == 0
    assert model.index(0, 0).data() == ctx.fmt.day(nth_start(SESSIONS - 1).date())
    assert 0 < model.rows_fetched <= 2 * PAGE_SIZE
    assert section.totals.text().startswith("100,000 sessions · 100,000.0 hours")

    view.scrollToBottom()
    QApplication.processEvents()
    last = view.indexAt(QPoint(5, view.viewport().height() - 5))
    assert last.row() == SESSIONS - 1
    assert last.siblingAtColumn(0).data() == "1/1/00"  # the oldest session
    assert model.session_id(SESSIONS - 1) == 1
    assert model.rows_fetched <= 4 * PAGE_SIZE


def test_sorting_a_big_table_reads_one_page(qtbot, ctx: Context):
    section = SessionsSection(ctx)
    qtbot.addWidget(section)
    model = section.model
    before = model.rows_fetched
    section.view.sortByColumn(3, Qt.SortOrder.DescendingOrder)  # Diamonds, most first
    assert model.index(0, 3).data() == "999"
    assert model.index(SESSIONS - 1, 3).data() == "0"
    assert model.rows_fetched - before <= 2 * PAGE_SIZE


def test_the_whole_window_opens_on_it_reading_only_a_page(qtbot, big_repo, dialogs, settings):
    """The real main window (dashboard first, as at start-up) on 100,000 sessions: the
    dashboard's figures come from bounded queries and the table reads one page to show."""
    from tiklive_desktop.gui.main_window import MainWindow
    from tiklive_desktop.gui.store import DataStore

    window = MainWindow(DataStore(big_repo, None), settings, dialogs=dialogs)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    model = window.sessions.model
    assert model.rowCount() == SESSIONS
    window.nav.setCurrentRow(1)
    QApplication.processEvents()
    assert model.pages_fetched <= 2
    assert model.rows_fetched <= 2 * PAGE_SIZE
    window.sessions.view.scrollToBottom()
    QApplication.processEvents()
    assert model.pages_fetched <= 4
    assert "Balance:" in window.status_balance.text()

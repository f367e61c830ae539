"""Slow writes run on a worker thread's own connection while the window keeps painting."""

from __future__ import annotations

import sqlite3
import threading
import time
from datetime import date, datetime, timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtGui import QUndoStack

from tiklive_desktop.core.entities import Account, RatePeriod, Session
from tiklive_desktop.gui.context import AccountSelection, Context
from tiklive_desktop.gui.editors.account_fields import Change, run_changes
from tiklive_desktop.gui.formatting import Formatter
from tiklive_desktop.gui.store import DataStore
from tiklive_desktop.gui.workers import run_blocking
from tiklive_desktop.storage.database import open_database
from tiklive_desktop.storage.repository import Repository, SessionQuery


@pytest.fixture
def file_ctx(qtbot, tmp_path: Path, dialogs, settings) -> Context:
    path = tmp_path / "worker.db"
    repo = Repository(open_database(path))
    account = repo.add_account(Account(handle="luna.sings"))
    assert account.id is not None
    start = datetime(2026, 10, 1, 20, 0)
    repo.add_sessions(
        Session(account.id, start + timedelta(days=i), timedelta(hours=1), reported_diamonds=1_000)
        for i in range(30)
    )
    return Context(
        DataStore(repo, path), QUndoStack(), dialogs, Formatter(), settings, AccountSelection()
    )


def test_work_runs_on_another_thread_and_the_window_hears_the_change(file_ctx: Context) -> None:
    heard: list[str] = []
    file_ctx.store.changed.connect(heard.append)
    where: list[int] = []

    def work(repo: Repository) -> int:
        where.append(threading.get_ident())
        return repo.add_account(Account(handle="chef.marco")).id or 0

    new_id = run_blocking(file_ctx, "Working…", work)
    assert where and where[0] != threading.get_ident()
    assert file_ctx.store.repo.get_account(new_id) is not None  # the GUI's connection sees it
    assert heard == ["accounts"]


def test_a_failure_is_raised_here_and_stores_nothing(file_ctx: Context) -> None:
    def work(repo: Repository) -> None:
        with repo.transaction():
            repo.add_account(Account(handle="half.done"))
            raise RuntimeError("disk full")

    with pytest.raises(RuntimeError, match="disk full"):
        run_blocking(file_ctx, "Working…", work)
    assert [a.handle for a in file_ctx.store.repo.list_accounts()] == ["luna.sings"]


def test_the_event_loop_keeps_running_during_the_work(file_ctx: Context) -> None:
    ticks: list[float] = []
    timer = QTimer()
    timer.timeout.connect(lambda: ticks.append(time.monotonic()))
    timer.start(20)
    run_blocking(file_ctx, "Working…", lambda repo: time.sleep(0.4))
    timer.stop()
    assert len(ticks) >= 5  # a frozen window would have seen none until the end


def test_a_rate_change_revalues_sessions_off_thread_and_undoes(file_ctx: Context) -> None:
    """30 sessions of 1,000 Diamonds on Oct 1..30 ($5.00 each); a 10% manager share from
    Oct 15 takes 10% of the last 16: 14 x $5.00 + 16 x $4.50 = $142.00."""
    repo = file_ctx.store.repo
    assert repo.session_totals(SessionQuery()).net_usd == Decimal("150.000")
    period = RatePeriod(effective=date(2026, 10, 15), agency_share=Decimal("0.10"))
    stored: list[RatePeriod] = [period]

    def add(target: Repository) -> None:
        stored[0] = target.add_rate_period(stored[0])

    run_changes(
        file_ctx,
        "Manager share",
        [Change(add, lambda target: target.delete_rate_period(stored[0].id or 0))],
    )
    assert repo.session_totals(SessionQuery()).net_usd == Decimal("142.00000")
    file_ctx.undo.undo()
    assert repo.session_totals(SessionQuery()).net_usd == Decimal("150.000")
    file_ctx.undo.redo()
    assert repo.session_totals(SessionQuery()).net_usd == Decimal("142.00000")


def test_a_read_only_window_gives_its_workers_a_read_only_connection(
    qtbot, tmp_path: Path, dialogs, settings
) -> None:
    """A second instance opened read-only must not write through a worker (an export reads)."""
    path = tmp_path / "shared.db"
    Repository(open_database(path)).add_account(Account(handle="luna.sings"))
    repo = Repository(open_database(path, read_only=True))
    ctx = Context(
        DataStore(repo, path, read_only=True),
        QUndoStack(),
        dialogs,
        Formatter(),
        settings,
        AccountSelection(),
    )
    accounts = run_blocking(ctx, "Reading…", lambda worker: len(worker.list_accounts()))
    assert accounts == 1
    with pytest.raises(sqlite3.OperationalError, match=r"readonly|read-only|query_only"):
        run_blocking(ctx, "Writing…", lambda worker: worker.add_account(Account(handle="x.y")))
    assert [a.handle for a in repo.list_accounts()] == ["luna.sings"]

"""Exports and imports report how far they are: a determinate bar fed from the worker thread."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st
from PySide6.QtCore import QTimer
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QApplication, QProgressDialog

from tiklive_desktop.core.entities import Account
from tiklive_desktop.gui import workers
from tiklive_desktop.gui.context import AccountSelection, Context
from tiklive_desktop.gui.formatting import Formatter
from tiklive_desktop.gui.store import DataStore
from tiklive_desktop.gui.workers import PROGRESS_STEPS, Progress, _Throttle, run_with_progress
from tiklive_desktop.storage.database import open_database
from tiklive_desktop.storage.repository import Repository

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support")


@pytest.fixture
def file_ctx(qtbot, tmp_path: Path, dialogs, settings) -> Context:
    path = tmp_path / "progress.db"
    repo = Repository(open_database(path))
    repo.add_account(Account(handle="luna.sings"))
    return Context(
        DataStore(repo, path), QUndoStack(), dialogs, Formatter(), settings, AccountSelection()
    )


def visible_bars() -> list[tuple[int, int]]:
    return [
        (w.value(), w.maximum())
        for w in QApplication.topLevelWidgets()
        if isinstance(w, QProgressDialog) and w.isVisible()
    ]


def test_the_bar_fills_as_the_worker_reports(
    file_ctx: Context, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Ten steps of 40 ms each: a person watching sees a bar out of 10 that moves forward."""
    monkeypatch.setattr(workers, "SHOW_PROGRESS_AFTER_MS", 0)
    seen: list[tuple[int, int]] = []
    timer = QTimer()
    timer.timeout.connect(lambda: seen.extend(visible_bars()))
    timer.start(10)
    where: list[int] = []

    def work(repo: Repository, progress: Progress) -> str:
        where.append(threading.get_ident())
        for done in range(11):
            progress(done, 10)
            time.sleep(0.04)
        return repo.list_accounts()[0].handle

    assert run_with_progress(file_ctx, "Exporting…", work) == "luna.sings"
    timer.stop()
    assert where[0] != threading.get_ident()
    assert seen, "the progress dialog never showed"
    assert {maximum for _, maximum in seen} == {10}
    values = [value for value, _ in seen]
    assert values == sorted(values) and values[-1] >= 5  # forward only, and well along
    assert visible_bars() == []  # closed afterwards


def test_a_failure_is_raised_here_and_its_write_is_gone(file_ctx: Context) -> None:
    def work(repo: Repository, progress: Progress) -> None:
        with repo.transaction():
            repo.add_account(Account(handle="half.done"))
            progress(1, 2)
            raise OSError("disk full")

    with pytest.raises(OSError, match="disk full"):
        run_with_progress(file_ctx, "Importing…", work)
    assert [a.handle for a in file_ctx.store.repo.list_accounts()] == ["luna.sings"]
    assert visible_bars() == []


def test_the_window_hears_what_the_worker_wrote(file_ctx: Context) -> None:
    heard: list[str] = []
    file_ctx.store.changed.connect(heard.append)

    def work(repo: Repository, progress: Progress) -> int:
        progress(0, 1)
        new_id = repo.add_account(Account(handle="chef.marco")).id or 0
        progress(1, 1)
        return new_id

    new_id = run_with_progress(file_ctx, "Importing…", work)
    assert file_ctx.store.repo.get_account(new_id) is not None
    assert heard == ["accounts"]


def test_an_in_memory_database_works_here_with_the_same_bar(ctx: Context) -> None:
    calls: list[int] = []

    def work(repo: Repository, progress: Progress) -> int:
        calls.append(threading.get_ident())
        progress(3, 4)
        return len(repo.list_accounts())

    assert run_with_progress(ctx, "Exporting…", work) == 0
    assert calls == [threading.get_ident()]


@hypothesis_settings(max_examples=40, deadline=None)
@given(total=st.integers(0, 30_000), calls=st.integers(1, 5))
def test_per_row_reports_are_thinned_but_the_end_always_arrives(total: int, calls: int) -> None:
    """Reporting every row of a big export sends at most PROGRESS_STEPS + 1 updates, forward
    only, ending at (total, total)."""
    sent: list[tuple[int, int]] = []
    throttle = _Throttle(lambda done, whole: sent.append((done, whole)))
    for done in range(0, total + 1, max(1, calls)):
        throttle(done, total)
    throttle(total, total)
    assert sent[-1] == (total, total)
    assert len(dict.fromkeys(sent)) <= PROGRESS_STEPS + 1
    assert [d for d, _ in sent] == sorted(d for d, _ in sent)


def test_out_of_range_reports_are_clamped() -> None:
    sent: list[tuple[int, int]] = []
    throttle = _Throttle(lambda done, whole: sent.append((done, whole)))
    throttle(-5, 10)
    throttle(15, 10)
    throttle(3, 0)
    assert sent == [(0, 10), (10, 10), (0, 0)]

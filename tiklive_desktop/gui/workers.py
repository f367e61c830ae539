"""Slow database work off the GUI thread, on its own connection, with a progress dialog.

A change to the rate periods revalues every affected session in one
transaction (about 0.4 s at 100,000 sessions, more on a slow disk). The
window must keep painting meanwhile, so :func:`run_blocking` runs the work
in a pool thread that opens its own connection to the same file (SQLite
connections belong to one thread), waits in a local event loop that still
paints but ignores clicks and keys, shows a progress dialog when the wait
passes a moment, and then tells the window which tables changed.

Callers keep a simple, synchronous contract (undo commands need one): the
function returns the work's result or raises its exception, and a failed
transaction leaves nothing behind, as everywhere else.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Generic, TypeVar

import shiboken6
from PySide6.QtCore import QEventLoop, QObject, QRunnable, Qt, QThreadPool, Signal, Slot
from PySide6.QtWidgets import QApplication, QProgressDialog

from tiklive_desktop.gui.context import Context
from tiklive_desktop.storage.database import open_database
from tiklive_desktop.storage.repository import Repository

log = logging.getLogger(__name__)
T = TypeVar("T")
SHOW_PROGRESS_AFTER_MS = 300


class _Signals(QObject):
    finished = Signal()
    progress = Signal(int, int)  # (done, total), for run_with_progress


@contextmanager
def _own_connection(path: Path, read_only: bool, tables: list[str]) -> Iterator[Repository]:
    """This thread's connection to the window's file (read-only when the window is).

    The window opened (and checked) the file already, so quick_check is skipped.
    """
    db = open_database(path, read_only=read_only, quick_check=False)
    try:
        repo = Repository(db)
        repo.subscribe(tables.append)
        yield repo
    finally:
        db.conn.close()


class _Job(QRunnable, Generic[T]):
    def __init__(self, path: Path, work: Callable[[Repository], T], read_only: bool) -> None:
        super().__init__()
        self.setAutoDelete(False)  # the caller reads the result after it has run
        self.path = path
        self.read_only = read_only
        self.work = work
        self.signals = _Signals()
        self.result: T | None = None
        self.error: BaseException | None = None
        self.tables: list[str] = []
        self.thread_id = 0

    def run(self) -> None:
        self.thread_id = threading.get_ident()
        try:
            with _own_connection(self.path, self.read_only, self.tables) as repo:
                self.result = self.work(repo)
        except BaseException as error:  # handed to the GUI thread, raised there
            self.error = error
        finally:
            self.signals.finished.emit()


def run_blocking(ctx: Context, label: str, work: Callable[[Repository], T]) -> T:
    """Run ``work(repository)`` off the GUI thread and return its result (or raise its error).

    An in-memory database (tests) has no second connection: the work runs here.
    """
    path = ctx.store.path
    if path is None:
        return work(ctx.store.repo)
    job: _Job[T] = _Job(path, work, ctx.store.read_only)
    loop = QEventLoop()
    job.signals.finished.connect(loop.quit, Qt.ConnectionType.QueuedConnection)
    bar = _Bar(label)  # busy (0..0): this work does not say how far it is
    try:
        QThreadPool.globalInstance().start(job)
        loop.exec(QEventLoop.ProcessEventsFlag.ExcludeUserInputEvents)
    finally:
        bar.close()
    return _outcome(ctx, job)


def _outcome(ctx: Context, job: _Job[T]) -> T:
    """A finished job's result (or its error, raised here), its tables announced."""
    if job.error is not None:
        raise job.error
    for table in dict.fromkeys(job.tables):  # in order, once each
        ctx.store.changed.emit(table)
    return job.result  # type: ignore[return-value]


# -- with a determinate progress bar (exports, imports) ------------------------------

Progress = Callable[[int, int], None]
"""``progress(done, total)``: called by the work, from its own thread, as it goes."""

PROGRESS_STEPS = 200
"""Progress signals per job at most: a 100,000-row export reporting every row
would flood the GUI thread's queue with signals nobody can see."""


class _Throttle:
    """Passes ``(done, total)`` on only when the bar would visibly move, or at the end."""

    def __init__(self, emit: Callable[[int, int], None]) -> None:
        self.emit = emit
        self.last: tuple[int, int] = (-1, -1)

    def __call__(self, done: int, total: int) -> None:
        total = max(int(total), 0)
        done = min(max(int(done), 0), total) if total else 0
        step = (done * PROGRESS_STEPS // total) if total else 0
        if (step, total) != self.last or done == total:
            self.last = (step, total)
            self.emit(done, total)


class _Bar(QObject):
    """The progress dialog's GUI-thread end: a QObject, so a queued signal can reach it."""

    def __init__(self, label: str) -> None:
        super().__init__()
        self.dialog = QProgressDialog(label, "", 0, 0, QApplication.activeWindow())
        self.dialog.setCancelButton(None)  # a transaction half done is not offered to be stopped
        self.dialog.setWindowModality(Qt.WindowModality.ApplicationModal)
        self.dialog.setMinimumDuration(SHOW_PROGRESS_AFTER_MS)
        self.dialog.setAutoClose(False)
        self.dialog.setAutoReset(False)

    @Slot(int, int)
    def show_progress(self, done: int, total: int) -> None:
        """Busy (0..0) until the work knows its total, then a bar that fills."""
        if self.dialog.maximum() != total:
            self.dialog.setRange(0, total)
        self.dialog.setValue(done)

    def close(self) -> None:
        # The window it sits on may have been deleted while the work ran (a deferred
        # delete the nested event loop carried out), taking the dialog with it.
        if shiboken6.isValid(self.dialog):
            self.dialog.close()
            self.dialog.deleteLater()


def run_with_progress(ctx: Context, label: str, work: Callable[[Repository, Progress], T]) -> T:
    """Like :func:`run_blocking`, but ``work(repository, progress)`` reports how far it is.

    Each ``progress(done, total)`` call crosses to the GUI thread as a queued
    signal and moves a determinate bar; the calls are thinned out on the worker
    side (:data:`PROGRESS_STEPS`), so calling it for every row costs nothing.
    An in-memory database (tests) runs the work here, the bar updated directly.
    """
    bar = _Bar(label)
    try:
        path = ctx.store.path
        if path is None:
            return work(ctx.store.repo, _Throttle(bar.show_progress))
        # The worker's end of the bar: thinned out there, then queued to the GUI thread.
        throttle = _Throttle(lambda done, total: job.signals.progress.emit(done, total))
        job: _Job[T] = _Job(path, lambda repo: work(repo, throttle), ctx.store.read_only)
        loop = QEventLoop()
        job.signals.finished.connect(loop.quit, Qt.ConnectionType.QueuedConnection)
        job.signals.progress.connect(bar.show_progress, Qt.ConnectionType.QueuedConnection)
        QThreadPool.globalInstance().start(job)
        loop.exec(QEventLoop.ProcessEventsFlag.ExcludeUserInputEvents)
    finally:
        bar.close()
    return _outcome(ctx, job)

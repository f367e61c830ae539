"""Starts Qt: the application object, the database, the main window, the event loop.

Opening a file goes through the data-safety steps (gui/file_safety.py): take
the file's lock (or offer read-only when another instance holds it), open it
(a refused file gets its message and, where it fits, an offer of read-only or
of the latest backup), and on closing the window make the daily automatic
backup, close the database, remember that it was closed cleanly (so the next
start may skip ``quick_check`` if the file is exactly as left: see
storage/file_check.py) and give the lock back.
"""

from __future__ import annotations

import logging
import os
import sqlite3
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication

from tiklive_desktop import APP_ID, APP_NAME, __version__
from tiklive_desktop.gui import file_safety
from tiklive_desktop.gui import settings as options
from tiklive_desktop.gui.crash import CrashHandler
from tiklive_desktop.gui.file_safety import DatabaseLock
from tiklive_desktop.gui.icon import app_icon
from tiklive_desktop.gui.main_window import MainWindow
from tiklive_desktop.gui.messages import DialogService
from tiklive_desktop.gui.settings import UiSettings
from tiklive_desktop.gui.store import DataStore
from tiklive_desktop.gui.theme import apply_theme
from tiklive_desktop.logs import current_log_file
from tiklive_desktop.storage import backups
from tiklive_desktop.storage.backups import BackupError
from tiklive_desktop.storage.database import open_database
from tiklive_desktop.storage.errors import FileRefusedError, StorageError
from tiklive_desktop.storage.file_check import clean_check_time, remember_clean
from tiklive_desktop.storage.repository import Repository

log = logging.getLogger(__name__)


def qt_application() -> QApplication:
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        app = QApplication(sys.argv[:1])
    app.setOrganizationName("TikLive")
    app.setApplicationName(APP_NAME)
    app.setApplicationVersion(__version__)
    app.setDesktopFileName(APP_ID)
    app.setWindowIcon(app_icon())
    return app


def build_window(
    db_path: Path | None, settings: UiSettings | None = None, *, read_only: bool = False
) -> MainWindow:
    """The main window on ``db_path`` (None: an in-memory database, for tests)."""
    return _build_window(db_path, settings, read_only=read_only)[0]


def _build_window(
    db_path: Path | None, settings: UiSettings | None, *, read_only: bool
) -> tuple[MainWindow, float]:
    """The window, and when its file last passed ``quick_check`` (now, unless it was skipped).

    ``quick_check`` is skipped only for a file exactly as this app last closed
    it cleanly after a passing check (storage/file_check.py says why and what
    that trades); any other existing file is checked before anything writes.
    """
    checked = clean_check_time(db_path) if db_path is not None else None
    if checked is not None:
        log.info("%s is as it was closed; quick_check skipped (last passed %s)", db_path, checked)
    db = open_database(db_path, read_only=read_only, quick_check=checked is None)
    repo = Repository(db)
    store = DataStore(repo, db_path, read_only=read_only)  # workers then read only too
    window = MainWindow(store, settings or UiSettings())
    if read_only:
        file_safety.apply_read_only(window)
    return window, time.time() if checked is None else checked


@dataclass
class _Open:
    """What the application keeps about the open window's file."""

    path: Path
    lock: DatabaseLock | None
    read_only: bool
    checked: float = 0.0
    """When the file last passed ``quick_check`` (Unix time): kept in the clean-close record."""
    backup_on_close: bool = True
    remember_clean: bool = True
    """False once the window gives the file up for a restore (it is about to be replaced)."""


class Windows(QObject):
    """Keeps the open window; opening another database replaces it (one window, one file)."""

    def __init__(
        self,
        settings: UiSettings,
        first_run: bool = True,
        dialogs: DialogService | None = None,
        backups_folder: Path | None = None,
    ) -> None:
        super().__init__()
        self.settings = settings
        self.first_run = first_run
        self.dialogs = dialogs or DialogService(None)
        self.backups_folder = backups_folder  # None: backups/ in the data folder
        self.window: MainWindow | None = None
        self.opened: dict[MainWindow, _Open] = {}  # what each (not yet closed) window has open

    def open(
        self, path: Path, *, read_only: bool = False, lock: DatabaseLock | None = None
    ) -> bool:
        """Open ``path`` in a new window replacing the current one; False when it was not opened."""
        path = Path(path).expanduser()
        if lock is None and self._already_open(path):
            return True  # File > Open on the file this window shows: our own lock, not another's
        if lock is None and not read_only:
            lock = DatabaseLock(path)
            if not lock.acquire():
                if lock.held_elsewhere:
                    if not file_safety.ask_read_only_when_in_use(self.dialogs, path, lock.holder()):
                        return False
                    read_only, lock = True, None
                else:  # e.g. a read-only folder: opening says what is wrong, if anything
                    log.info("no lock beside %s; opening without one", path)
                    lock = None
        try:
            window, checked = _build_window(path, self.settings, read_only=read_only)
        except FileRefusedError as error:
            if lock is not None:
                lock.release()
            log.warning("refused %s: %s", path, error)
            return self._refused(error)
        except (StorageError, OSError) as error:
            if lock is not None:
                lock.release()
            log.warning("cannot open %s: %s", path, error)
            self.dialogs.error(APP_NAME, str(error))
            return False
        self._show(window, _Open(path, lock, read_only, checked))
        return True

    def _already_open(self, path: Path) -> bool:
        opened = self.opened.get(self.window) if self.window is not None else None
        try:
            return opened is not None and path.samefile(opened.path)
        except OSError:  # e.g. ``path`` does not exist (yet)
            return False

    def _show(self, window: MainWindow, opened: _Open) -> None:
        window.database_requested.connect(self.open)
        window.demo_requested.connect(self.open_demo)
        file_safety.install_file_safety_actions(window, self.restore)  # off when read-only
        window.installEventFilter(self)
        self.settings.add_recent(opened.path)
        old, self.window = self.window, window
        self.opened[window] = opened
        window.show()
        if old is not None:
            old.close()
            old.deleteLater()
        if self.first_run and not opened.read_only:
            QTimer.singleShot(0, window.first_run_if_needed)

    def _refused(self, error: FileRefusedError) -> bool:
        choice, latest = file_safety.offer_after_refusal(self.dialogs, error, self.backups_folder)
        if error.path is None or choice == file_safety.GIVE_UP:
            return False
        if choice == file_safety.OPEN_READ_ONLY:
            return self.open(error.path, read_only=True)
        assert latest is not None
        try:
            done = backups.restore(latest.path, error.path, folder=self.backups_folder)
        except (BackupError, OSError) as failure:
            self.dialogs.error(APP_NAME, str(failure))
            return False
        log.info(
            "opened the backup %s instead; damaged file kept as %s", latest.path, done.set_aside
        )
        return self.open(error.path)

    # -- closing: the daily backup, the lock -------------------------------------------------
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Close and isinstance(watched, MainWindow):
            self._closed(watched)
        return False

    def _closed(self, window: MainWindow) -> None:
        opened = self.opened.pop(window, None)
        if opened is None:
            return
        if opened.backup_on_close and not opened.read_only:
            file_safety.backup_on_close(
                window.ctx.store.repo.conn, opened.path, self.settings, self.backups_folder
            )
        if opened.remember_clean and not opened.read_only:
            self._remember_clean(window, opened)
        if opened.lock is not None:
            opened.lock.release()

    @staticmethod
    def _remember_clean(window: MainWindow, opened: _Open) -> None:
        """Close the database (folding its ``-wal`` in), then record the file as left.

        Done while the lock is still held: no other instance can change the
        file between the close and the record.
        """
        try:
            window.ctx.store.repo.db.close()
        except sqlite3.Error as error:
            log.warning("closing %s failed: %s; it will be checked next time", opened.path, error)
            return
        remember_clean(opened.path, opened.checked)

    def shutdown(self) -> None:
        """The app quits (perhaps without closing its windows: a logout): back up, unlock."""
        for window in list(self.opened):
            self._closed(window)

    # -- File > Restore from Backup… ---------------------------------------------------------
    def restore(self, window: MainWindow, backup: Path) -> bool:
        """Close ``window``'s database, restore ``backup`` over it, open it again."""
        opened = self.opened.get(window)
        if opened is None or opened.read_only:
            return False
        lock, opened.lock = opened.lock, None  # kept through the swap: no one else may open it
        opened.backup_on_close = False  # restore() makes its own before-restore backup
        opened.remember_clean = False  # the file is about to be replaced
        window.close()
        window.ctx.store.repo.db.close()  # the -wal must be folded in before the swap
        try:
            done = backups.restore(backup, opened.path, folder=self.backups_folder)
        except (BackupError, OSError) as error:
            log.warning("restore of %s from %s failed: %s", opened.path, backup, error)
            self.dialogs.error(self.tr("Restore from Backup"), str(error))
            done = None
        if self.window is window:
            self.window = None
        reopened = self.open(opened.path, lock=lock)
        window.deleteLater()
        if done is not None and reopened:
            kept = done.backup_of_current or done.set_aside
            self.dialogs.inform(
                self.tr("Restore from Backup"),
                self.tr("Restored %s from %s.") % (opened.path.name, backup.name)
                + (self.tr(" What was there before is kept as %s.") % kept if kept else ""),
            )
        return done is not None and reopened

    def open_demo(self) -> None:
        from tiklive_desktop.app import ensure_demo_database

        self.open(ensure_demo_database())


SMOKE_ALL_SECTIONS = "TIKLIVE_SMOKE_ALL_SECTIONS"
"""Set (to anything) for --smoke to also open every section before exiting: a frozen build
then proves it can load what the sections import lazily (pyqtgraph, numpy, the exporters)."""


class _FirstPaint(QObject):
    """Quits the application with 0 once the window has painted (--smoke)."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            self.window.removeEventFilter(self)
            log.info("first paint done; --smoke exits")
            QTimer.singleShot(0, self._finish)
        return False

    def _finish(self) -> None:
        if os.environ.get(SMOKE_ALL_SECTIONS):
            nav = self.window.nav
            for row in range(nav.count()):
                nav.setCurrentRow(row)
                QApplication.processEvents()
            charts = self.window.charts
            for chart in charts.charts():  # every tab drawn: pyqtgraph and numpy loaded
                charts.tabs.setCurrentWidget(chart)
                QApplication.processEvents()
            log.info("--smoke opened all %d sections", nav.count())
        QApplication.exit(0)


def run(db_path: Path, smoke: bool = False, read_only: bool = False) -> int:
    app = qt_application()
    crash = CrashHandler(current_log_file(), parent=app)
    if smoke:  # an unexpected error fails the smoke test instead of waiting on a dialog
        crash.show = lambda *_: QApplication.exit(4)
    crash.install()
    settings = UiSettings()
    apply_theme(app, settings.get(options.THEME))
    windows = Windows(settings, first_run=not smoke)
    app.aboutToQuit.connect(windows.shutdown)
    if not windows.open(db_path, read_only=read_only) or windows.window is None:
        return 1
    if smoke:
        watcher = _FirstPaint(windows.window)
        windows.window.installEventFilter(watcher)
        QTimer.singleShot(30_000, lambda: QApplication.exit(3))  # never hang a smoke test
    return app.exec()

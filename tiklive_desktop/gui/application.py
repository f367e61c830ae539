"""Starts Qt: the application object, the database, the main window, the event loop."""

from __future__ import annotations

import logging
import sys
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from tiklive_desktop import APP_ID, APP_NAME, __version__
from tiklive_desktop.gui import settings as options
from tiklive_desktop.gui.main_window import MainWindow
from tiklive_desktop.gui.settings import UiSettings
from tiklive_desktop.gui.store import DataStore
from tiklive_desktop.gui.theme import apply_theme
from tiklive_desktop.storage.database import open_database
from tiklive_desktop.storage.errors import StorageError
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
    return app


def build_window(db_path: Path | None, settings: UiSettings | None = None) -> MainWindow:
    """The main window on ``db_path`` (None: an in-memory database, for tests)."""
    repo = Repository(open_database(db_path))
    return MainWindow(DataStore(repo, db_path), settings or UiSettings())


class Windows(QObject):
    """Keeps the open window; opening another database replaces it (one window, one file)."""

    def __init__(self, settings: UiSettings, first_run: bool = True) -> None:
        super().__init__()
        self.settings = settings
        self.first_run = first_run
        self.window: MainWindow | None = None

    def open(self, path: Path) -> bool:
        try:
            window = build_window(path, self.settings)
        except (StorageError, OSError) as error:
            log.warning("cannot open %s: %s", path, error)
            QMessageBox.critical(self.window, APP_NAME, str(error))
            return False
        window.database_requested.connect(self.open)
        window.demo_requested.connect(self.open_demo)
        self.settings.add_recent(path)
        old, self.window = self.window, window
        window.show()
        if old is not None:
            old.close()
            old.deleteLater()
        if self.first_run:
            QTimer.singleShot(0, window.first_run_if_needed)
        return True

    def open_demo(self) -> None:
        from tiklive_desktop.app import ensure_demo_database

        self.open(ensure_demo_database())


class _FirstPaint(QObject):
    """Quits the application with 0 once the window has painted (--smoke)."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            log.info("first paint done; --smoke exits")
            QTimer.singleShot(0, lambda: QApplication.exit(0))
        return False


def run(db_path: Path, smoke: bool = False) -> int:
    app = qt_application()
    settings = UiSettings()
    apply_theme(app, settings.get(options.THEME))
    windows = Windows(settings, first_run=not smoke)
    if not windows.open(db_path) or windows.window is None:
        return 1
    if smoke:
        watcher = _FirstPaint(windows.window)
        windows.window.installEventFilter(watcher)
        QTimer.singleShot(30_000, lambda: QApplication.exit(3))  # never hang a smoke test
    return app.exec()

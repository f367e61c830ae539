"""Starts Qt: the application object, the database, the main window, the event loop."""

from __future__ import annotations

import logging
import sys
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from tiklive_desktop import APP_ID, APP_NAME, __version__
from tiklive_desktop.gui.main_window import MainWindow
from tiklive_desktop.gui.settings import UiSettings
from tiklive_desktop.gui.store import DataStore
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


class _FirstPaint(QObject):
    """Quits the application with 0 once the window has painted (--smoke)."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            QTimer.singleShot(0, lambda: QApplication.exit(0))
        return False


def run(db_path: Path, smoke: bool = False) -> int:
    app = qt_application()
    try:
        window = build_window(db_path)
    except (StorageError, OSError) as error:
        QMessageBox.critical(None, APP_NAME, str(error))
        return 1
    if smoke:
        window.installEventFilter(_FirstPaint(window))
        QTimer.singleShot(30_000, lambda: QApplication.exit(3))
    window.show()
    return app.exec()

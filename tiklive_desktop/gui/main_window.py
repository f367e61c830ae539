"""The main window (minimal until the desk issue lands): sections and a status bar."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import QLabel, QListWidget, QMainWindow, QSplitter, QStackedWidget

from tiklive_desktop import APP_NAME, __version__
from tiklive_desktop.gui.formatting import Formatter
from tiklive_desktop.gui.messages import DialogService
from tiklive_desktop.gui.settings import UiSettings
from tiklive_desktop.gui.store import DataStore
from tiklive_desktop.gui.widgets.empty_state import EmptyState
from tiklive_desktop.storage.overview import cashout_status


class MainWindow(QMainWindow):
    def __init__(self, store: DataStore, settings: UiSettings) -> None:
        super().__init__()
        self.store, self.settings = store, settings
        self.dialogs, self.fmt = DialogService(self), Formatter()
        name = store.path.name if store.path else self.tr("(in memory)")
        self.setWindowTitle(f"{name} — {APP_NAME} {__version__}")
        self.resize(1180, 760)
        self.setMinimumSize(QSize(900, 560))
        menu = self.menuBar().addMenu(self.tr("&File"))
        menu.addAction(self.tr("&Quit"), "Ctrl+Q", self.close)
        self.nav, self.pages = QListWidget(), QStackedWidget()
        for title in ("Dashboard", "Sessions", "Payouts", "Income", "Gifts", "Charts", "Reports"):
            self.nav.addItem(self.tr(title))
            self.pages.addWidget(
                EmptyState(self.tr(title), self.tr("This section arrives with the desk issue."))
            )
        self.nav.currentRowChanged.connect(self.pages.setCurrentIndex)
        self.nav.setFixedWidth(160)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.nav)
        splitter.addWidget(self.pages)
        splitter.setStretchFactor(1, 1)
        self.setCentralWidget(splitter)
        self.status_balance = QLabel()
        self.statusBar().addPermanentWidget(self.status_balance)
        store.changed.connect(self.refresh_status)
        self.refresh_status()

    def refresh_status(self, _table: str = "") -> None:
        status = cashout_status(self.store.repo, None, date.today())
        self.status_balance.setText(
            self.tr("Balance: %s ◆ (%s)")
            % (self.fmt.integer(status.balance_diamonds), self.fmt.money(status.balance_usd))
        )

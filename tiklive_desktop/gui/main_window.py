"""The main window: navigation, sections, menus, account switcher, status bar. Wiring only.

Start-up laziness (issue 7, P1): only the Dashboard (the page shown first) and
Charts (which builds its own charts lazily) are made with the window. Sessions,
Payouts, Income, Gifts and Reports stand in the page stack as placeholders
until first needed (gui/sections/__init__.py): shown from the navigation, or
asked for through their attribute (``window.sessions`` is a property that
builds the section, wires it, swaps it into its page and emits
``section_built``). So ``pages.widget(i)`` is the section itself once it has
been built, and a placeholder before.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import QSize, Signal
from PySide6.QtGui import QCloseEvent, QKeySequence, QUndoStack
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QMainWindow,
    QMenu,
    QStackedWidget,
    QToolBar,
    QWidget,
)

from tiklive_desktop import APP_NAME
from tiklive_desktop.gui import settings as options
from tiklive_desktop.gui.actions import Actions, build_actions
from tiklive_desktop.gui.context import AccountSelection, Context
from tiklive_desktop.gui.formatting import Formatter
from tiklive_desktop.gui.messages import DialogService
from tiklive_desktop.gui.sections import LAZY_SECTIONS, LazyPages, build_section
from tiklive_desktop.gui.sections.charts import ChartsSection
from tiklive_desktop.gui.sections.dashboard import DashboardSection
from tiklive_desktop.gui.settings import UiSettings
from tiklive_desktop.gui.store import DataStore
from tiklive_desktop.gui.window_files import FilesAndHelp
from tiklive_desktop.storage.overview import cashout_status

if TYPE_CHECKING:
    from tiklive_desktop.gui.sections.gifts import GiftsSection
    from tiklive_desktop.gui.sections.income import IncomeSection
    from tiklive_desktop.gui.sections.payouts import PayoutsSection
    from tiklive_desktop.gui.sections.reports import ReportsSection
    from tiklive_desktop.gui.sections.sessions import SessionsSection


class MainWindow(FilesAndHelp, QMainWindow):
    """One window on one database. ``database_requested(Path)`` asks the app to open another."""

    database_requested = Signal(object)
    demo_requested = Signal()
    section_built = Signal(object)
    """A lazily built section (the widget) was just made, wired and put in its page."""

    def __init__(
        self,
        store: DataStore,
        settings: UiSettings,
        dialogs: DialogService | None = None,
        formatter: Formatter | None = None,
        today: Callable[[], date] = date.today,
    ) -> None:
        super().__init__()
        self.today = today
        self.ctx = Context(
            store=store,
            undo=QUndoStack(self),
            dialogs=dialogs or DialogService(self),
            fmt=formatter or Formatter(),
            settings=settings,
            account=AccountSelection(self._initial_account(store, settings)),
        )
        self.setWindowTitle(self._title())
        self.resize(1240, 800)
        self.setMinimumSize(QSize(960, 600))
        self.actions: Actions = build_actions(self)

        self.dashboard = DashboardSection(self.ctx, today=today)
        self.charts = ChartsSection(self.ctx, today=today)
        tr = self.tr
        self.nav = QListWidget()
        self.nav.setObjectName("navigation")
        self.nav.setAccessibleName(tr("Sections"))
        self.pages = QStackedWidget()
        pages: list[tuple[str, str, QWidget | None]] = [
            ("dashboard", tr("Dashboard"), self.dashboard),
            ("sessions", tr("Sessions"), None),
            ("payouts", tr("Payouts"), None),
            ("income", tr("Income"), None),
            ("gifts", tr("Gifts"), None),
            ("charts", tr("Charts"), self.charts),
            ("reports", tr("Reports"), None),
        ]
        for _name, text, _page in pages:
            self.nav.addItem(text)
        self._lazy = LazyPages(
            self.pages,
            [(name, page) for name, _text, page in pages],
            self._make_section,
            self.section_built.emit,
        )
        self.nav.setFixedWidth(160)
        self.nav.setStyleSheet("QListWidget#navigation::item { padding: 7px 10px; }")
        central = QWidget()
        row = QHBoxLayout(central)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(0)
        row.addWidget(self.nav)
        row.addWidget(self.pages, 1)
        self.setCentralWidget(central)

        self.account_box = QComboBox()
        self.account_box.setAccessibleName(tr("Account"))
        self.account_box.setToolTip(tr("Show one creator account, or all of them together"))
        self.account_box.setMinimumContentsLength(18)
        self._build_toolbar()
        self._build_menus()
        self._build_status_bar()
        self._wire()
        self.refresh_accounts()
        self.refresh_status()
        self._update_actions()
        self._restore_state()
        self.nav.setCurrentRow(0)

    # -- sections built on first need (see the module docstring) -------------------
    @property
    def sessions(self) -> SessionsSection:
        return self._section("sessions")  # type: ignore[return-value]

    @property
    def payouts(self) -> PayoutsSection:
        return self._section("payouts")  # type: ignore[return-value]

    @property
    def income(self) -> IncomeSection:
        return self._section("income")  # type: ignore[return-value]

    @property
    def gifts(self) -> GiftsSection:
        return self._section("gifts")  # type: ignore[return-value]

    @property
    def reports(self) -> ReportsSection:
        return self._section("reports")  # type: ignore[return-value]

    def is_built(self, name: str) -> bool:
        """Whether the section ``name`` ("sessions", "reports", ...) exists yet."""
        return name not in LAZY_SECTIONS or name in self._lazy.built

    def _section(self, name: str) -> QWidget:
        return self._lazy.section(name)

    def _make_section(self, name: str) -> QWidget:
        section = build_section(name, self.ctx, self.today)
        if name == "sessions":
            section.edit_requested.connect(self.edit_session)
            section.new_requested.connect(self.new_session)
            section.selection_changed.connect(self._update_actions)
        return section

    # -- construction ------------------------------------------------------------
    @staticmethod
    def _initial_account(store: DataStore, settings: UiSettings) -> int | None:
        saved = settings.get(options.ACTIVE_ACCOUNT)
        ids = [a.id for a in store.repo.list_accounts()]
        if saved and saved in ids:
            return saved
        return ids[0] if len(ids) == 1 else None

    def _title(self) -> str:
        path = self.ctx.store.path
        return f"{path.name if path else self.tr('(in memory)')} — {APP_NAME}"

    def _build_toolbar(self) -> None:
        bar = QToolBar(self.tr("Main"))
        bar.setObjectName("main-toolbar")
        bar.setMovable(False)
        bar.addWidget(QLabel(self.tr(" Account: ")))
        bar.addWidget(self.account_box)
        bar.addSeparator()
        bar.addAction(self.actions.new_session)
        bar.addAction(self.actions.calculator)
        self.addToolBar(bar)

    def _build_menus(self) -> None:
        a = self.actions
        file_menu = self.menuBar().addMenu(self.tr("&File"))
        file_menu.addAction(a.new_database)
        file_menu.addAction(a.open_database)
        self.recent_menu = QMenu(self.tr("Open &Recent"), self)
        file_menu.addMenu(self.recent_menu)
        file_menu.addSeparator()
        file_menu.addActions([a.import_sessions, a.export_report, a.back_up])
        file_menu.addSeparator()
        file_menu.addAction(a.quit)
        edit = self.menuBar().addMenu(self.tr("&Edit"))
        self.undo_action = self.ctx.undo.createUndoAction(self, self.tr("&Undo"))
        self.undo_action.setShortcut(QKeySequence.StandardKey.Undo)
        self.redo_action = self.ctx.undo.createRedoAction(self, self.tr("&Redo"))
        self.redo_action.setShortcut(QKeySequence.StandardKey.Redo)
        edit.addActions([self.undo_action, self.redo_action])
        edit.addSeparator()
        edit.addActions([a.new_session, a.edit_selected, a.delete_selected])
        view = self.menuBar().addMenu(self.tr("&View"))
        for row in range(self.nav.count()):
            action = view.addAction(self.nav.item(row).text())
            action.setShortcut(QKeySequence(f"Ctrl+{row + 1}"))
            action.triggered.connect(lambda _=False, r=row: self.nav.setCurrentRow(r))
        tools = self.menuBar().addMenu(self.tr("&Tools"))
        tools.addActions([a.calculator, a.settings])
        help_menu = self.menuBar().addMenu(self.tr("&Help"))
        help_menu.addActions([a.shortcuts, a.about])
        self._fill_recent_menu()

    def _build_status_bar(self) -> None:
        self.status_account = QLabel()
        self.status_db = QLabel()
        self.status_balance = QLabel()
        self.status_balance.setToolTip(
            self.tr("Diamonds not yet withdrawn, and what they are worth to you")
        )
        for label in (self.status_account, self.status_balance, self.status_db):
            label.setContentsMargins(8, 0, 8, 0)
            self.statusBar().addPermanentWidget(label)

    def _wire(self) -> None:
        a = self.actions
        a.quit.triggered.connect(self.close)
        a.about.triggered.connect(self.show_about)
        a.shortcuts.triggered.connect(self.show_shortcuts)
        a.new_session.triggered.connect(self.new_session)
        a.edit_selected.triggered.connect(self.edit_selected)
        a.delete_selected.triggered.connect(self.delete_selected)
        a.calculator.triggered.connect(self.open_calculator)
        a.settings.triggered.connect(self.open_settings)
        a.new_database.triggered.connect(self.choose_new_database)
        a.open_database.triggered.connect(self.choose_open_database)
        a.import_sessions.triggered.connect(self.open_import)
        a.export_report.triggered.connect(self.show_reports)
        a.back_up.triggered.connect(self._back_up)
        self.nav.currentRowChanged.connect(self._lazy.show)
        self.nav.currentRowChanged.connect(self._update_actions)
        self.account_box.activated.connect(self._account_chosen)
        self.ctx.store.changed.connect(self._data_changed)
        self.ctx.account.changed.connect(self.refresh_status)
        self.ctx.account.changed.connect(self._show_chosen_account)
        self.dashboard.open_sessions.connect(self.show_sessions_between)
        self.dashboard.new_session_requested.connect(self.new_session)
        self.dashboard.settings_requested.connect(self.open_settings)
        self.charts.period_clicked.connect(self.show_sessions_between)

    # -- accounts and status -----------------------------------------------------
    def refresh_accounts(self) -> None:
        accounts = self.ctx.store.repo.list_accounts()
        self.account_box.blockSignals(True)
        self.account_box.clear()
        self.account_box.addItem(self.tr("All accounts"), 0)
        for account in accounts:
            label = f"@{account.handle}"
            if account.display_name:
                label += f" ({account.display_name})"
            self.account_box.addItem(label, account.id)
        index = self.account_box.findData(self.ctx.account.account_id or 0)
        self.account_box.setCurrentIndex(max(index, 0))
        self.account_box.blockSignals(False)

    def _show_chosen_account(self, *_args: object) -> None:
        """Keep the switcher true when something else chose the account (welcome, import)."""
        index = self.account_box.findData(self.ctx.account.account_id or 0)
        if index >= 0 and index != self.account_box.currentIndex():
            self.account_box.setCurrentIndex(index)

    def _account_chosen(self, index: int) -> None:
        account_id = self.account_box.itemData(index) or None
        self.ctx.account.set(account_id)
        self.ctx.settings.set(options.ACTIVE_ACCOUNT, account_id or 0)

    def _data_changed(self, table: str) -> None:
        if table == "accounts":
            self.refresh_accounts()
        self.refresh_status()

    def active_account_id(self) -> int | None:
        """The account new records go to: the chosen one, else the only one, else None."""
        if self.ctx.account.account_id is not None:
            return self.ctx.account.account_id
        accounts = self.ctx.store.repo.list_accounts()
        return accounts[0].id if accounts else None

    def refresh_status(self, *_args: object) -> None:
        repo, fmt = self.ctx.store.repo, self.ctx.fmt
        account_id = self.ctx.account.account_id
        account = repo.get_account(account_id) if account_id else None
        self.status_account.setText(
            self.tr("Account: @%s") % account.handle if account else self.tr("All accounts")
        )
        path = self.ctx.store.path
        self.status_db.setText(path.name if path else self.tr("in memory"))
        self.status_db.setToolTip(str(path) if path else "")
        status = cashout_status(repo, account_id, self.today())
        self.status_balance.setText(
            self.tr("Balance: %s ◆ (%s)")
            % (fmt.integer(status.balance_diamonds), fmt.money(status.balance_usd))
        )

    # -- commands ----------------------------------------------------------------
    def _update_actions(self, *_args: object) -> None:
        page = self.pages.currentWidget()
        # A read-only window (file_safety.apply_read_only) never edits, whatever is selected.
        editable = not self.ctx.store.read_only
        has_selection = editable and bool(getattr(page, "selected_ids", lambda: [])())
        self.actions.edit_selected.setEnabled(has_selection and hasattr(page, "edit_selected"))
        self.actions.delete_selected.setEnabled(has_selection and hasattr(page, "delete_selected"))

    def new_session(self) -> None:
        account_id = self.active_account_id()
        if account_id is None:
            self.ctx.dialogs.inform(
                self.tr("No account yet"), self.tr("Add your creator account in Settings first.")
            )
            return
        from tiklive_desktop.gui.editors.session_editor import SessionEditor

        SessionEditor(self.ctx, account_id, None, self).exec()

    def edit_session(self, session_id: int) -> None:
        session = self.ctx.store.repo.get_session(session_id)
        if session is not None:
            from tiklive_desktop.gui.editors.session_editor import SessionEditor

            SessionEditor(self.ctx, session.account_id, session, self).exec()

    def edit_selected(self) -> None:
        page = self.pages.currentWidget()
        if page is not None and page is self._lazy.built.get("sessions"):
            ids = self.sessions.selected_ids()
            if ids:
                self.edit_session(ids[0])
        elif hasattr(page, "edit_selected"):
            page.edit_selected()

    def delete_selected(self) -> None:
        page = self.pages.currentWidget()
        if hasattr(page, "delete_selected"):
            page.delete_selected()

    def show_sessions_between(self, start: date, end: date) -> None:
        self.sessions.show_period(start, end)
        self.nav.setCurrentRow(self.pages.indexOf(self.sessions))

    def _back_up(self) -> None:
        self.reports.back_up()

    def show_reports(self) -> None:
        self.nav.setCurrentRow(self.pages.indexOf(self.reports))

    def open_import(self) -> None:
        if not self.ctx.store.repo.list_accounts():
            self.ctx.dialogs.inform(
                self.tr("No account yet"),
                self.tr("Add your creator account in Settings first; imports go into it."),
            )
            return
        self.reports.open_import()

    # Dialogs are imported when first opened: start-up laziness (issue 7, P1).
    def open_settings(self) -> None:
        from tiklive_desktop.gui.editors.settings_dialog import SettingsDialog

        SettingsDialog(self.ctx, self.active_account_id(), self).exec()

    def open_calculator(self) -> None:
        from tiklive_desktop.gui.editors.calculator import GiftCalculator

        GiftCalculator(self.ctx, self).exec()

    def first_run_if_needed(self) -> None:
        """A database without an account greets the creator and asks who they are."""
        if self.ctx.store.repo.list_accounts():
            return
        from tiklive_desktop.gui.editors.welcome import WelcomeDialog

        welcome = WelcomeDialog(self.ctx, self)
        welcome.exec()
        if welcome.demo_requested:
            self.demo_requested.emit()
        elif welcome.created_account is not None:
            self.ctx.account.set(welcome.created_account.id)
            self.refresh_accounts()
            self.nav.setCurrentRow(0)
            if welcome.import_requested:
                self.open_import()

    # -- state -------------------------------------------------------------------
    def _restore_state(self) -> None:
        if geometry := self.ctx.settings.state("main/geometry"):
            self.restoreGeometry(geometry)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.ctx.settings.set_state("main/geometry", self.saveGeometry())
        self.ctx.settings.sync()
        super().closeEvent(event)

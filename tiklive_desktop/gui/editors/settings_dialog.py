"""Settings: the account's region, currency and goal, the rate periods, and the theme.

Everything typed is validated by ``core.validation`` and shown beside its field;
OK stays disabled while anything is wrong. On OK every data change (account,
region rule, exchange rate, rate periods) is stored in one transaction as one
undoable command ("Change settings"): either all of it lands or none, and one
Edit > Undo takes it all back. The theme belongs to this computer, not to the
data, so it is saved in the window settings and is not part of undo.
"""

from __future__ import annotations

import logging
import sqlite3
from datetime import date

from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from tiklive_desktop.core.entities import Account
from tiklive_desktop.core.fields import Report
from tiklive_desktop.core.validation import parse_account
from tiklive_desktop.gui import settings as options
from tiklive_desktop.gui.context import Context
from tiklive_desktop.gui.editors.account_fields import (
    NUMBER_WIDTH,
    Change,
    CurrencyFields,
    RegionFields,
    align_labels,
    combined,
    run_changes,
)
from tiklive_desktop.gui.editors.form import ValidatedForm
from tiklive_desktop.gui.editors.settings_rates import RatesPanel
from tiklive_desktop.gui.theme import THEMES, apply_theme
from tiklive_desktop.storage.errors import StorageError

log = logging.getLogger(__name__)

SAVE_ERRORS = (StorageError, ValueError, sqlite3.Error)


def group(title: str, form: ValidatedForm) -> QGroupBox:
    box = QGroupBox(title)
    box.setLayout(form)
    return box


class SettingsDialog(QDialog):
    """Settings of ``account_id`` (None: the first account) and of the whole database."""

    def __init__(
        self,
        ctx: Context,
        account_id: int | None,
        parent: QWidget | None = None,
        today: date | None = None,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.today = today or date.today()
        repo = ctx.store.repo
        accounts = repo.list_accounts()
        chosen = repo.get_account(account_id) if account_id is not None else None
        self.account: Account | None = chosen or (accounts[0] if accounts else None)
        self.known_regions = [rule.region for rule in repo.list_region_rules()]
        self.setWindowTitle(self.tr("Settings"))
        self.setMinimumWidth(640)

        self.tabs = QTabWidget()
        self.tabs.addTab(self._account_page(), self.tr("Account"))
        self.rates = RatesPanel(ctx, self.account, self.today)
        self.tabs.addTab(self.rates, self.tr("Rates"))
        self.tabs.addTab(self._appearance_page(), self.tr("Appearance"))
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs)
        layout.addWidget(self.buttons)
        self.account_report: Report[Account] = Report(None)
        self.validate()

    @property
    def ok_button(self) -> QPushButton:
        button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        assert button is not None
        return button

    # -- pages ---------------------------------------------------------------------------
    def _account_page(self) -> QWidget:
        page = QWidget()
        column = QVBoxLayout(page)
        account = self.account
        self.region: RegionFields | None = None
        self.currency: CurrencyFields | None = None
        self.goal: QLineEdit | None = None
        if account is None:
            column.addWidget(
                QLabel(self.tr("Add your creator account first: the welcome screen asks for it."))
            )
            column.addStretch(1)
            return page
        tr, repo, locale = self.tr, self.ctx.store.repo, self.ctx.fmt.locale
        heading = QLabel(
            tr(
                "Settings of @{handle}. To change another account, choose it in the toolbar first."
            ).format(handle=account.handle.removeprefix("@"))
        )
        heading.setWordWrap(True)
        column.addWidget(heading)

        self.region_form = ValidatedForm()
        self.region = RegionFields(
            self.region_form, repo.list_region_rules(), account.region, self.today, locale
        )
        column.addWidget(group(tr("Cash-out region"), self.region_form))

        self.money_form = ValidatedForm()
        self.currency = CurrencyFields(self.money_form, repo, account.currency, self.today, locale)
        column.addWidget(group(tr("Money display"), self.money_form))

        self.goal_form = ValidatedForm()
        goal = account.monthly_goal_diamonds
        self.goal = QLineEdit("" if goal is None else str(goal))
        self.goal.setPlaceholderText(tr("no goal"))
        self.goal.setMaximumWidth(NUMBER_WIDTH)
        self.goal_form.add_field(
            "monthly_goal_diamonds",
            tr("Monthly &goal (Diamonds):"),
            self.goal,
            tr("The Diamonds you aim for each month; the dashboard shows your progress."),
        )
        column.addWidget(group(tr("Goal"), self.goal_form))
        column.addStretch(1)
        align_labels(self.region_form, self.money_form, self.goal_form)

        self.region.changed.connect(self.validate)
        self.currency.changed.connect(self.validate)
        self.goal.textChanged.connect(self.validate)
        return page

    def _appearance_page(self) -> QWidget:
        page = QWidget()
        form = ValidatedForm()
        self.theme = QComboBox()
        names = {
            "system": self.tr("Like the system"),
            "light": self.tr("Light"),
            "dark": self.tr("Dark"),
        }
        for theme in THEMES:
            self.theme.addItem(names[theme], theme)
        current = self.ctx.settings.get(options.THEME)
        self.theme.setCurrentIndex(max(self.theme.findData(current), 0))
        form.add_field(
            "theme", self.tr("&Theme:"), self.theme, self.tr("Light, dark, or follow the system")
        )
        column = QVBoxLayout(page)
        column.addLayout(form)
        column.addStretch(1)
        return page

    # -- validation ----------------------------------------------------------------------
    def _account_raw(self) -> dict[str, object]:
        assert self.account is not None and self.region and self.currency and self.goal
        return {
            "handle": self.account.handle,
            "display_name": self.account.display_name,
            "region": self.region.code(),
            "currency": self.currency.code(),
            "monthly_goal_diamonds": self.goal.text(),
            "id": self.account.id,
        }

    def validate(self) -> bool:
        """Show every problem beside its field; OK only when all is well."""
        if self.account is None or not (self.region and self.currency and self.goal):
            self.ok_button.setEnabled(True)
            return True
        account = parse_account(self._account_raw(), known_regions=self.known_regions)
        self.account_report = account
        rule = self.region.report()
        exchange = self.currency.report() or Report(None)
        self.region_form.show_report(combined(rule, account))
        self.money_form.show_report(combined(account, exchange))
        self.goal_form.show_report(account)
        ok = account.ok and rule.ok and not exchange.problems
        self.ok_button.setEnabled(ok)
        return ok

    # -- storing -------------------------------------------------------------------------
    def changes(self) -> list[Change]:
        """What OK will store: region rule, exchange rate, rate periods, then the account."""
        repo = self.ctx.store.repo
        found: list[Change | None] = []
        if self.account is not None and self.region and self.currency:
            found += [self.region.change(repo), self.currency.change()]
        found += self.rates.changes(repo)
        before, after = self.account, self.account_report.value
        if before is not None and after is not None and after != before:
            found.append(
                Change(
                    lambda target: target.update_account(after),
                    lambda target: target.update_account(before),
                )
            )
        return [change for change in found if change is not None]

    def accept(self) -> None:
        if not self.validate():
            return
        try:
            run_changes(self.ctx, self.tr("Change settings"), self.changes())
        except SAVE_ERRORS as error:  # nothing was stored; keep everything typed
            log.exception("saving the settings failed")
            self.ctx.dialogs.error(
                self.tr("Settings not saved"),
                self.tr("The settings could not be saved: {error}").format(error=error),
            )
            return
        theme = str(self.theme.currentData())
        if theme != self.ctx.settings.get(options.THEME):
            self.ctx.settings.set(options.THEME, theme)
            app = QApplication.instance()
            if isinstance(app, QApplication):
                apply_theme(app, theme)
        super().accept()

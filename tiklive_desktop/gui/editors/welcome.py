"""The first run: who the creator is, where their wallet is, which currency they think in.

Shown when the database has no account. Finish creates the account (read by
``core.validation.parse_account``), saves the region's cash-out rules if they
were edited and the exchange rate if one was typed, all as one undoable
command. "Load demo data instead" leaves the choice to the window
(:attr:`WelcomeDialog.demo_requested`); "Import history" creates the account
and sets :attr:`WelcomeDialog.import_requested` so the window opens the import.
"""

from __future__ import annotations

import logging
import sqlite3
from datetime import date

from PySide6.QtCore import QLocale, Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from tiklive_desktop import APP_NAME
from tiklive_desktop.core.entities import Account
from tiklive_desktop.core.fields import Report
from tiklive_desktop.core.validation import HANDLE_MAX, parse_account
from tiklive_desktop.gui.context import Context
from tiklive_desktop.gui.editors.account_fields import (
    Change,
    CurrencyFields,
    RegionFields,
    align_labels,
    combined,
    run_changes,
)
from tiklive_desktop.gui.editors.form import ValidatedForm
from tiklive_desktop.gui.sections.dashboard_cards import muted, scaled_font
from tiklive_desktop.storage.errors import StorageError
from tiklive_desktop.storage.repository import Repository

log = logging.getLogger(__name__)

SAVE_ERRORS = (StorageError, ValueError, sqlite3.Error)


def locale_region(locale: QLocale, known: list[str]) -> str:
    """The locale's country when it has cash-out rules (a good first guess), else the US."""
    code = QLocale.territoryToCode(locale.territory()).upper()
    return code if code in known else "US"


def locale_currency(locale: QLocale) -> str:
    code = locale.currencySymbol(QLocale.CurrencySymbolFormat.CurrencyIsoCode).upper()
    return code if len(code) == 3 else "USD"


class WelcomeDialog(QDialog):
    """After ``exec()``: ``created_account`` (the stored account, maybe with ``import_requested``)
    or ``demo_requested``."""

    def __init__(
        self, ctx: Context, parent: QWidget | None = None, today: date | None = None
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.today = today or date.today()
        self.created_account: Account | None = None
        self.demo_requested = False
        self.import_requested = False
        self.touched: set[str] = set()
        self.report: Report[Account] = Report(None)
        repo, locale, tr = ctx.store.repo, ctx.fmt.locale, self.tr
        rules = repo.list_region_rules()
        self.known_regions = [rule.region for rule in rules]
        self.setWindowTitle(tr("Welcome to {app}").format(app=APP_NAME))
        self.setMinimumWidth(600)

        heading = QLabel(tr("Welcome! Let's set up your creator account."))
        heading.setFont(scaled_font(heading, 1.4, bold=True))
        intro = muted(
            QLabel(
                tr(
                    "{app} keeps your LIVE sessions, Diamonds, cash-outs and other income on "
                    "this computer. You can change all of this later in Settings."
                ).format(app=APP_NAME)
            )
        )
        intro.setWordWrap(True)

        self.you_form = ValidatedForm()
        self.handle = QLineEdit()
        self.handle.setPlaceholderText("@yourname")
        self.handle.setMaxLength(HANDLE_MAX + 1)  # room for the "@"
        self.display_name = QLineEdit()
        self.display_name.setPlaceholderText(tr("optional"))
        self.you_form.add_field(
            "handle",
            tr("TikTok &handle:"),
            self.handle,
            tr("Your @name on TikTok: letters, numbers, _ and periods."),
        )
        self.you_form.add_field(
            "display_name",
            tr("&Display name:"),
            self.display_name,
            tr("How you want this account named in the app."),
        )
        self.region_form = ValidatedForm()
        self.region = RegionFields(
            self.region_form, rules, locale_region(locale, self.known_regions), self.today, locale
        )
        self.money_form = ValidatedForm()
        self.currency = CurrencyFields(
            self.money_form, repo, locale_currency(locale), self.today, locale
        )
        align_labels(self.you_form, self.region_form, self.money_form)

        self.buttons = QDialogButtonBox()
        self.finish = self.buttons.addButton(tr("&Finish"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.finish.setDefault(True)
        self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.demo = QPushButton(tr("Load &demo data instead"))
        self.demo.setToolTip(
            tr("Look around with made-up creators first; nothing of yours is kept")
        )
        self.import_history = QPushButton(tr("&Import history…"))
        for button in (self.demo, self.import_history):
            button.setAutoDefault(False)  # Enter means Finish, never "load the demo"
        self.import_history.setToolTip(
            tr(
                "Create this account, then bring in your sessions from a spreadsheet (CSV) "
                "or TikTok's data download"
            )
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.demo.clicked.connect(self.choose_demo)
        self.import_history.clicked.connect(self.choose_import)

        layout = QVBoxLayout(self)
        layout.setSpacing(10)
        layout.addWidget(heading)
        layout.addWidget(intro)
        for title, form in (
            (tr("You"), self.you_form),
            (tr("Cash-out region"), self.region_form),
            (tr("Money display"), self.money_form),
        ):
            box = QGroupBox(title)
            box.setLayout(form)
            layout.addWidget(box)
        row = QHBoxLayout()
        row.addWidget(self.demo)
        row.addWidget(self.import_history)
        row.addStretch(1)
        row.addWidget(self.buttons)
        layout.addLayout(row)

        self.handle.textEdited.connect(lambda _text: self._touch("handle"))
        self.display_name.textEdited.connect(lambda _text: self._touch("display_name"))
        self.region.changed.connect(self.validate)
        self.currency.changed.connect(self.validate)
        self.handle.setFocus(Qt.FocusReason.OtherFocusReason)
        self.validate()

    # -- validation ----------------------------------------------------------------------
    def _touch(self, key: str) -> None:
        self.touched.add(key)
        self.validate()

    def raw(self) -> dict[str, object]:
        return {
            "handle": self.handle.text(),
            "display_name": self.display_name.text(),
            "region": self.region.code(),
            "currency": self.currency.code(),
        }

    def validate(self) -> bool:
        """Messages under the name fields once typed in; region and money ones at once."""
        self.report = account = parse_account(self.raw(), known_regions=self.known_regions)
        rule = self.region.report()
        exchange = self.currency.report() or Report(None)
        self.you_form.show_report(account, only=self.touched)
        self.region_form.show_report(combined(rule, account))
        self.money_form.show_report(combined(account, exchange))
        ok = account.ok and rule.ok and not exchange.problems
        self.finish.setEnabled(ok)
        self.import_history.setEnabled(ok)
        return ok

    # -- finishing -----------------------------------------------------------------------
    def choose_demo(self) -> None:
        self.demo_requested = True
        super().accept()

    def choose_import(self) -> None:
        """Finish (the import needs an account to go into), then ask for the file."""
        self.import_requested = True
        self.accept()
        if self.created_account is None:
            self.import_requested = False

    def accept(self) -> None:
        """Finish: store the account, the edited rule and the exchange rate together."""
        if not self.validate():
            self.touched.update(("handle", "display_name"))
            self.validate()
            return
        account = self.report.value
        assert account is not None
        repo = self.ctx.store.repo
        stored = [account]

        def add_account(target: Repository) -> None:
            stored[0] = target.add_account(stored[0])  # redo brings it back under the same id

        changes = [Change(add_account, lambda target: target.delete_account(stored[0].id or 0))]
        changes += [c for c in (self.region.change(repo), self.currency.change()) if c]
        try:
            run_changes(
                self.ctx,
                self.tr("Create account @{handle}").format(handle=account.handle),
                changes,
            )
        except SAVE_ERRORS as error:  # nothing was stored; keep everything typed
            log.exception("creating the first account failed")
            self.ctx.dialogs.error(
                self.tr("Account not created"),
                self.tr("The account could not be saved: {error}").format(error=error),
            )
            return
        self.created_account = stored[0]
        super().accept()

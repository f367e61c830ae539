"""The first-run welcome, typed into like a person would; checks what is shown and stored."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from PySide6.QtCore import QLocale, Qt
from PySide6.QtWidgets import QDialog

from tiklive_desktop.core.entities import Account, ExchangeRate
from tiklive_desktop.gui.context import Context
from tiklive_desktop.gui.editors.welcome import WelcomeDialog, locale_currency, locale_region

TODAY = date(2026, 11, 20)
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


@pytest.fixture
def welcome(qtbot, ctx: Context) -> WelcomeDialog:
    dialog = WelcomeDialog(ctx, today=TODAY)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def choose(qtbot, combo, text: str) -> None:
    """Pick an item with the arrow keys, as a person tabbing through the form would."""
    qtbot.keyClick(combo, Qt.Key.Key_Home)
    while not combo.currentText().startswith(text):
        index = combo.currentIndex()
        qtbot.keyClick(combo, Qt.Key.Key_Down)
        assert combo.currentIndex() != index, f"no item {text!r}"


def retype(qtbot, edit, text: str) -> None:
    edit.selectAll()
    qtbot.keyClick(edit, Qt.Key.Key_Backspace)
    qtbot.keyClicks(edit, text)


def test_finish_creates_the_account(qtbot, welcome: WelcomeDialog, ctx: Context) -> None:
    assert not welcome.finish.isEnabled()  # no handle yet
    assert welcome.you_form.message("handle") == ""  # and no shouting before typing
    qtbot.keyClicks(welcome.handle, "@luna.sings")
    qtbot.keyClicks(welcome.display_name, "Luna")
    assert welcome.finish.isEnabled()
    qtbot.mouseClick(welcome.finish, Qt.MouseButton.LeftButton)
    assert welcome.result() == QDialog.DialogCode.Accepted
    stored = ctx.store.repo.list_accounts()
    assert stored == [Account("luna.sings", "Luna", "US", "USD", None, id=stored[0].id)]
    assert welcome.created_account == stored[0]
    assert not welcome.demo_requested
    assert ctx.undo.count() == 1 and ctx.undo.undoText() == "Create account @luna.sings"


def test_a_bad_handle_is_explained_beside_the_field(qtbot, welcome: WelcomeDialog, ctx) -> None:
    qtbot.keyClicks(welcome.handle, "luna sings")
    assert welcome.you_form.message("handle") == "A TikTok handle cannot contain spaces."
    assert not welcome.finish.isEnabled()
    qtbot.keyClick(welcome.handle, Qt.Key.Key_Return)  # Enter does not slip past validation
    assert welcome.isVisible() and ctx.store.repo.list_accounts() == []
    retype(qtbot, welcome.handle, "luna_sings")
    assert welcome.you_form.message("handle") == ""
    qtbot.keyClick(welcome.handle, Qt.Key.Key_Return)
    assert [a.handle for a in ctx.store.repo.list_accounts()] == ["luna_sings"]


def test_region_rules_are_shown_and_editable(qtbot, welcome: WelcomeDialog, ctx: Context) -> None:
    region = welcome.region
    choose(qtbot, region.region, "Canada")
    assert region.code() == "CA"
    assert (region.minimum.text(), region.daily_max.text()) == ("100", "1000")
    assert region.as_of.date().toPython() == date(2026, 11, 1)
    assert "check your TikTok wallet" in region.note.text()
    retype(qtbot, region.minimum, "2000")
    assert welcome.region_form.message("minimum_usd") == (
        "The minimum cannot be more than the daily maximum."
    )
    assert not welcome.finish.isEnabled()
    retype(qtbot, region.minimum, "50")
    # A changed minimum is what the wallet shows today.
    assert region.as_of.date().toPython() == TODAY
    qtbot.keyClicks(welcome.handle, "marie")
    qtbot.mouseClick(welcome.finish, Qt.MouseButton.LeftButton)
    repo = ctx.store.repo
    assert repo.list_accounts()[0].region == "CA"
    rule = repo.get_region_rule("CA")
    assert rule is not None and (rule.minimum_usd, rule.as_of) == (Decimal(50), TODAY)
    ctx.undo.undo()
    assert repo.list_accounts() == []
    rule = repo.get_region_rule("CA")
    assert rule is not None and rule.minimum_usd == Decimal(100)
    ctx.undo.redo()
    assert [a.id for a in repo.list_accounts()] == [welcome.created_account.id]


def test_switching_region_keeps_what_was_typed(qtbot, welcome: WelcomeDialog) -> None:
    region = welcome.region
    choose(qtbot, region.region, "Germany")
    retype(qtbot, region.minimum, "75")
    choose(qtbot, region.region, "Canada")
    assert region.minimum.text() == "100"
    choose(qtbot, region.region, "Germany")
    assert (region.code(), region.minimum.text()) == ("DE", "75")
    assert region.as_of.date().toPython() == TODAY


def test_another_currency_needs_an_exchange_rate(qtbot, welcome: WelcomeDialog, ctx) -> None:
    qtbot.keyClicks(welcome.handle, "chef.marco")
    currency = welcome.currency
    assert not currency.per_usd.isVisibleTo(welcome)  # nothing to convert for USD
    retype(qtbot, currency.currency.lineEdit(), "EUR")
    assert currency.per_usd.isVisibleTo(welcome)
    assert welcome.money_form.message("per_usd") == "Units per US dollar is required."
    assert not welcome.finish.isEnabled()
    qtbot.keyClicks(currency.per_usd, "0,92")
    assert "use a dot for decimals" in welcome.money_form.message("per_usd")
    retype(qtbot, currency.per_usd, "0.92")
    assert welcome.finish.isEnabled()
    qtbot.mouseClick(welcome.finish, Qt.MouseButton.LeftButton)
    repo = ctx.store.repo
    assert repo.list_accounts()[0].currency == "EUR"
    assert repo.list_exchange_rates("EUR") == [
        ExchangeRate("EUR", TODAY, Decimal("0.92"), id=repo.list_exchange_rates()[0].id)
    ]


def test_demo_instead(qtbot, welcome: WelcomeDialog, ctx: Context) -> None:
    qtbot.mouseClick(welcome.demo, Qt.MouseButton.LeftButton)
    assert welcome.demo_requested and welcome.created_account is None
    assert welcome.result() == QDialog.DialogCode.Accepted
    assert ctx.store.repo.list_accounts() == [] and ctx.undo.count() == 0


def test_import_history_creates_the_account_first(
    qtbot, welcome: WelcomeDialog, ctx: Context
) -> None:
    assert not welcome.import_history.isEnabled()  # an import needs an account to go into
    qtbot.keyClicks(welcome.handle, "luna.sings")
    assert welcome.import_history.isEnabled()
    qtbot.mouseClick(welcome.import_history, Qt.MouseButton.LeftButton)
    assert welcome.result() == QDialog.DialogCode.Accepted
    assert welcome.import_requested and not welcome.demo_requested
    assert [a.handle for a in ctx.store.repo.list_accounts()] == ["luna.sings"]


def test_cancel_stores_nothing(qtbot, welcome: WelcomeDialog, ctx: Context) -> None:
    qtbot.keyClicks(welcome.handle, "luna")
    qtbot.keyClick(welcome, Qt.Key.Key_Escape)
    assert welcome.result() == QDialog.DialogCode.Rejected
    assert welcome.created_account is None and ctx.store.repo.list_accounts() == []


@pytest.mark.parametrize(
    ("language", "country", "region", "currency"),
    [
        (QLocale.Language.German, QLocale.Country.Germany, "DE", "EUR"),
        (QLocale.Language.English, QLocale.Country.UnitedKingdom, "GB", "GBP"),
        (QLocale.Language.Hindi, QLocale.Country.India, "US", "INR"),  # no rules for India
    ],
)
def test_first_guess_from_the_locale(language, country, region: str, currency: str) -> None:
    locale = QLocale(language, country)
    assert locale_region(locale, ["US", "DE", "GB"]) == region
    assert locale_currency(locale) == currency

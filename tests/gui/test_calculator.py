"""The gift calculator: typed gifts and counts in, every link of the money chain out.

Hand-computed at the default rates (1 coin = $0.01, 50% commission, 1 Diamond =
$0.005): a Lion is 29,999 coins = 29,999 Diamonds; gift value $299.99; the
creator's share $149.995, shown $150.00; viewers paid 29,999 x $0.0106 =
$317.9894 to 29,999 x $0.0143 = $428.9857; the US minimum is 20,000 Diamonds,
so 29,999 Diamonds are 149% of it (rounded down).
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from PySide6.QtCore import Qt

from tiklive_desktop.core.entities import RatePeriod
from tiklive_desktop.core.money import (
    VIEWER_COIN_USD_IN_APP,
    VIEWER_COIN_USD_WEB,
    viewer_cost_usd,
)
from tiklive_desktop.gui.editors.calculator import GiftCalculator

TODAY = date(2026, 11, 26)
# Notices of the offscreen platform (the type-ahead popup raises and grabs the keyboard).
pytestmark = pytest.mark.qt_log_ignore(
    "This plugin does not support (propagateSizeHints|raise|grabbing the keyboard)"
)


@pytest.fixture
def calculator(qtbot, ctx, account) -> GiftCalculator:
    dialog = GiftCalculator(ctx, today=TODAY)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def results(calc: GiftCalculator) -> dict[str, str]:
    return {key: label.text() for key, label in calc.results.items()}


def add(qtbot, calc: GiftCalculator, gift: str, count: int | None = None) -> None:
    qtbot.keyClicks(calc.gift.lineEdit(), gift)
    if count is not None:
        calc.count.lineEdit().selectAll()
        qtbot.keyClicks(calc.count, str(count))
    qtbot.mouseClick(calc.add_button, Qt.MouseButton.LeftButton)


def test_one_lion_link_by_link(qtbot, calculator: GiftCalculator) -> None:
    add(qtbot, calculator, "Lion")
    shown = results(calculator)
    assert shown["coins"] == "29,999"
    assert shown["diamonds"] == "29,999"
    assert shown["gift_value"] == "$299.99"
    assert shown["creator_share"] == "$150.00"
    assert shown["net"] == "$150.00"
    assert shown["viewer_paid"] == "about $317.99 – $428.99"
    assert shown["cashout"] == "149% of $100.00"
    assert calculator.total.creator_share_usd == Decimal("149.995")  # exact until shown
    assert calculator.table.item(0, 0).text() == "Lion"
    assert calculator.table.item(0, 3).text() == "29,999"
    assert calculator.results["agency"].isHidden()


def test_typed_name_any_case_and_enter_adds(qtbot, calculator: GiftCalculator) -> None:
    qtbot.keyClicks(calculator.gift.lineEdit(), "rose")
    calculator.count.lineEdit().selectAll()
    qtbot.keyClicks(calculator.count, "250")
    qtbot.keyClick(calculator.count, Qt.Key.Key_Return)  # the Add button is the default
    assert calculator.table.rowCount() == 1
    assert calculator.table.item(0, 0).text() == "Rose"
    assert results(calculator)["coins"] == "250"
    assert calculator.isVisible()  # Enter added a line; it did not close the dialog


def test_type_ahead_finds_a_gift_by_part_of_its_name(qtbot, calculator: GiftCalculator) -> None:
    qtbot.keyClicks(calculator.gift.lineEdit(), "lio")
    popup = calculator.gift.completer().popup()
    assert popup.isVisible()
    offered = [popup.model().index(r, 0).data() for r in range(popup.model().rowCount())]
    assert offered == ["Lion (29,999 coins)", "Leon and Lion (34,000 coins)"]
    qtbot.keyClick(popup, Qt.Key.Key_Down)
    qtbot.keyClick(popup, Qt.Key.Key_Return)  # picks "Lion"
    qtbot.keyClick(calculator.gift.lineEdit(), Qt.Key.Key_Return)  # adds it
    assert [line.name for line in calculator.lines] == ["Lion"]
    assert results(calculator)["diamonds"] == "29,999"


def test_repeats_add_up_and_counts_can_be_changed(qtbot, calculator: GiftCalculator) -> None:
    add(qtbot, calculator, "Rose", 100)
    add(qtbot, calculator, "Rose", 50)
    add(qtbot, calculator, "Galaxy", 3)
    assert calculator.table.rowCount() == 2
    assert results(calculator)["coins"] == "3,150"  # 150 x 1 + 3 x 1,000
    spin = calculator.lines[1].count
    spin.lineEdit().selectAll()
    qtbot.keyClicks(spin, "10")
    assert calculator.table.item(1, 3).text() == "10,000"
    assert results(calculator)["coins"] == "10,150"
    assert results(calculator)["net"] == "$50.75"  # 10,150 Diamonds x $0.005
    calculator.table.selectRow(0)
    qtbot.mouseClick(calculator.remove_button, Qt.MouseButton.LeftButton)
    assert results(calculator)["coins"] == "10,000"
    qtbot.mouseClick(calculator.clear_button, Qt.MouseButton.LeftButton)
    assert results(calculator)["coins"] == "0"
    assert results(calculator)["cashout"] == "0% of $100.00"


def test_an_unknown_gift_is_explained_and_not_added(qtbot, calculator: GiftCalculator) -> None:
    add(qtbot, calculator, "Lyon")
    assert calculator.gift_error.text() == "There is no gift called “Lyon” in the catalog."
    assert calculator.table.rowCount() == 0


def test_retired_gifts_are_not_offered(qtbot, repo, ctx, account) -> None:
    repo.retire_gift(repo.find_gift("Rose").id)
    calc = GiftCalculator(ctx, today=TODAY)
    qtbot.addWidget(calc)
    assert not calc.add_gift("Rose", 1)
    assert calc.gift.findData("Rose") == -1


def test_an_agency_share_is_shown_and_taken_off(qtbot, repo, ctx, account) -> None:
    # A 20% manager share: 29,999 Diamonds x $0.005 x 0.8 = $119.996, shown $120.00.
    repo.add_rate_period(
        RatePeriod(date(2026, 1, 1), agency_share=Decimal("0.2"), account_id=account.id)
    )
    ctx.account.set(account.id)
    calc = GiftCalculator(ctx, today=TODAY)
    qtbot.addWidget(calc)
    calc.show()
    calc.add_gift("Lion", 1)
    shown = results(calc)
    assert (shown["creator_share"], shown["agency"], shown["net"]) == (
        "$150.00",
        "$30.00",
        "$120.00",
    )
    assert calc.results["agency"].isVisible()


def test_a_price_change_while_open_applies_to_new_lines_only(qtbot, calculator, repo) -> None:
    calculator.add_gift("Lion", 1)
    lion = repo.find_gift("Lion")
    repo.reprice_gift(lion.id, date(2026, 11, 1), 35_000)
    assert calculator.gift.itemText(calculator.gift.findData("Lion")) == "Lion (35,000 coins)"
    assert results(calculator)["coins"] == "29,999"  # the line keeps its price
    calculator.clear()
    calculator.add_gift("Lion", 1)
    assert results(calculator)["coins"] == "35,000"


@pytest.mark.parametrize(
    ("coins", "web", "in_app"),
    [(70, "0.7420", "1.0010"), (29_999, "317.9894", "428.9857"), (0, "0", "0")],
)
def test_viewer_cost_uses_the_web_and_in_app_coin_prices(coins: int, web: str, in_app: str) -> None:
    assert viewer_cost_usd(coins) == (Decimal(web), Decimal(in_app))
    # DOMAIN.md: web 70 coins = $0.74; in-app 17,500 coins = $249.99.
    assert VIEWER_COIN_USD_WEB < VIEWER_COIN_USD_IN_APP

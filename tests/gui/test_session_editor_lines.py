"""The gift-lines table of the session editor: matching, the model's rules, the type-ahead."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QLocale, Qt
from PySide6.QtWidgets import QApplication, QLineEdit

from tiklive_desktop.core.entities import GiftLine
from tiklive_desktop.gui.editors.gift_lines import (
    COINS,
    COUNT,
    GIFT,
    PRICE,
    GiftLinesModel,
    rank_matches,
)
from tiklive_desktop.gui.editors.gift_lines_view import GiftLinesPanel
from tiklive_desktop.gui.formatting import Formatter
from tiklive_desktop.storage.repository import Repository

pytestmark = pytest.mark.qt_log_ignore(r"This plugin does not support")

# Cheapest first, as Repository.catalog_on orders the catalog.
NAMES = ["Rose", "Heart Me", "Finger Heart", "Rosa", "Hand Hearts", "Rosa Nebula", "Lion"]
NAMES += ["Leon and Lion"]
CATALOG = {"Rose": 1, "Heart Me": 1, "Lion": 29_999, "Galaxy": 1_000}
US = Formatter(QLocale(QLocale.Language.English, QLocale.Country.UnitedStates))


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("lio", ["Lion", "Leon and Lion"]),  # a prefix beats a later word
        ("LION", ["Lion", "Leon and Lion"]),  # any case; the exact name first
        ("ros", ["Rose", "Rosa", "Rosa Nebula"]),  # ties keep the catalog's order
        ("neb", ["Rosa Nebula"]),  # the start of a later word
        ("heart", ["Heart Me", "Finger Heart", "Hand Hearts"]),
        ("ea", ["Heart Me", "Finger Heart", "Hand Hearts"]),  # anywhere in a word
        ("on", ["Lion", "Leon and Lion"]),
        ("  rose ", ["Rose"]),
        ("", []),
        ("zebra", []),
    ],
)
def test_rank_matches(typed: str, expected: list[str]) -> None:
    assert rank_matches(typed, NAMES) == expected


def test_rank_matches_keeps_the_list_short() -> None:
    assert rank_matches("o", NAMES, limit=3) == ["Rose", "Rosa", "Rosa Nebula"]


@pytest.fixture
def model(qtbot) -> GiftLinesModel:
    model = GiftLinesModel(US)
    model.set_catalog(CATALOG)
    model.load([GiftLine("Rose", 100, 1, gift_id=1), GiftLine("Retired Gift", 2, 250)])
    return model


def test_model_passes_qtmodeltester(qtmodeltester, model: GiftLinesModel) -> None:
    model.show_results({0: GiftLine("Rose", 100, 1)}, {(1, "count"): "Bad count."})
    qtmodeltester.check(model)
    model.insert_line(1)
    model.setData(model.index(1, GIFT), "lion")
    model.remove_lines([0])
    qtmodeltester.check(model)


def test_typed_gift_takes_the_catalog_spelling_and_its_price(model: GiftLinesModel) -> None:
    row = model.insert_line()
    assert model.setData(model.index(row, GIFT), "  lion ")
    assert model.drafts[row].gift == "Lion"
    assert model.index(row, PRICE).data() == "29,999"  # the catalog's price, shown grey
    assert model.index(row, PRICE).data(Qt.ItemDataRole.ToolTipRole) == (
        "The catalog price on the session's day."
    )
    assert model.drafts[row].raw() == {"gift": "Lion", "count": ""}  # core looks the price up


def test_changing_the_gift_forgets_the_stored_price_and_link(model: GiftLinesModel) -> None:
    assert model.drafts[0].raw() == {
        "gift": "Rose",
        "count": "100",
        "coins_each": "1",
        "gift_id": 1,
    }
    model.setData(model.index(0, GIFT), "Lion")
    assert model.drafts[0].raw() == {"gift": "Lion", "count": "100"}


def test_typed_price_overrides_the_catalog_and_survives_a_new_day(model: GiftLinesModel) -> None:
    row = model.insert_line()
    model.setData(model.index(row, GIFT), "Lion")
    model.setData(model.index(row, PRICE), "29999")  # confirming the catalog price
    assert model.drafts[row].price == ""  # still follows the catalog
    model.setData(model.index(row, PRICE), "25000")
    model.set_catalog({**CATALOG, "Lion": 30_999})
    assert model.index(row, PRICE).data() == "25000"


def test_blank_rows_are_skipped_and_numbered_like_core(model: GiftLinesModel) -> None:
    model.insert_line(1)  # blank between the two lines
    assert [row for row, _ in model.raw_lines()] == [0, 2]
    numbers = [model.headerData(r, Qt.Orientation.Vertical) for r in range(3)]
    assert numbers == ["1", "", "2"]


def test_results_and_problems_are_shown_in_their_cells(model: GiftLinesModel) -> None:
    model.show_results({0: GiftLine("Rose", 100, 1)}, {(1, "count"): "Too many."})
    assert [model.index(0, c).data() for c in range(4)] == ["Rose", "100", "1", "100"]
    assert model.index(1, COINS).data() == ""
    assert model.index(1, COUNT).data(Qt.ItemDataRole.ToolTipRole) == "Too many."
    assert model.index(1, COUNT).data(Qt.ItemDataRole.ForegroundRole) is not None
    assert model.index(0, COUNT).data(Qt.ItemDataRole.TextAlignmentRole) == int(
        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
    )
    assert not model.flags(model.index(0, COINS)) & Qt.ItemFlag.ItemIsEditable


@pytest.fixture
def panel(qtbot, repo: Repository) -> GiftLinesPanel:
    panel = GiftLinesPanel(US)
    panel.model.set_catalog(repo.catalog_on(date(2026, 10, 5)))
    qtbot.addWidget(panel)
    panel.show()
    qtbot.waitExposed(panel)
    panel.activateWindow()
    qtbot.waitUntil(panel.isActiveWindow)
    return panel


def gift_editor(panel: GiftLinesPanel) -> QLineEdit:
    editor = QApplication.focusWidget()
    assert isinstance(editor, QLineEdit) and editor.parent() is panel.table.viewport()
    return editor


def test_arrow_down_picks_the_second_suggestion(qtbot, panel: GiftLinesPanel) -> None:
    panel.add_line()
    editor = gift_editor(panel)
    qtbot.keyClicks(editor, "lio")
    popup = editor.property("completer").popup()
    assert popup.isVisible()
    shown = [popup.model().index(r, 0).data() for r in range(popup.model().rowCount())]
    assert shown == ["Lion · 29,999 coins", "Leon and Lion · 34,000 coins"]
    qtbot.keyClick(popup, Qt.Key.Key_Down)
    qtbot.keyClick(editor, Qt.Key.Key_Tab)
    assert panel.model.drafts[0].gift == "Leon and Lion"


def test_escape_declines_the_suggestion(qtbot, panel: GiftLinesPanel) -> None:
    panel.add_line()
    editor = gift_editor(panel)
    qtbot.keyClicks(editor, "lio")
    popup = editor.property("completer").popup()
    qtbot.keyClick(popup, Qt.Key.Key_Escape)
    assert not popup.isVisible()
    qtbot.keyClick(editor, Qt.Key.Key_Tab)
    assert panel.model.drafts[0].gift == "lio"  # kept as typed; core will ask for a price


def test_insert_and_delete_keys(qtbot, panel: GiftLinesPanel) -> None:
    panel.model.load([GiftLine("Rose", 1, 1), GiftLine("Lion", 1, 29_999)])
    panel.table.setFocus()
    panel.table.setCurrentIndex(panel.model.index(0, COUNT))
    qtbot.keyClick(panel.table, Qt.Key.Key_Delete)
    assert [d.gift for d in panel.model.drafts] == ["Lion"]
    qtbot.keyClick(panel.table, Qt.Key.Key_Insert)
    assert panel.model.rowCount() == 2
    assert panel.table.state() == panel.table.State.EditingState  # typing the new gift

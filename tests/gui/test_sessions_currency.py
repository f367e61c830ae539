"""Money in the sessions table, totals and detail follows the account's currency."""

from __future__ import annotations

import dataclasses
from datetime import date
from decimal import Decimal

from PySide6.QtCore import Qt

from tiklive_desktop.core.entities import Account, ExchangeRate
from tiklive_desktop.gui.context import Context
from tiklive_desktop.gui.sections.sessions import SessionsSection
from tiklive_desktop.storage.repository import Repository


def test_a_euro_account_sees_euros(
    qtbot, ctx: Context, repo: Repository, account: Account, sample_sessions
) -> None:
    """The Rose + Lion session nets $150.495; at 0.90 EUR per USD that is €135.4455 → €135.45.
    All three sessions net $303.00 (shown on the totals line) → €272.70."""
    repo.update_account(dataclasses.replace(account, currency="EUR"))
    repo.add_exchange_rate(ExchangeRate("EUR", date(2026, 1, 1), Decimal("0.90")))
    section = SessionsSection(ctx)
    qtbot.addWidget(section)
    section.show()
    model = section.model
    money = next(c for c, col in enumerate(model.columns) if col.key == "money")
    shown = {model.index(r, money).data() for r in range(model.rowCount())}
    assert "€135.45" in shown
    assert "€272.70" in section.totals.text()
    lion_row = next(r for r in range(model.rowCount()) if model.index(r, money).data() == "€135.45")
    section.view.selectRow(lion_row)
    qtbot.waitUntil(lambda: section.detail.money.text() == "€135.45")
    assert model.headerData(money, Qt.Orientation.Horizontal) == "Money"

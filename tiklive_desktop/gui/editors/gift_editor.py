"""Editing the gift catalog: a new gift or a renamed one, and a price change from a date.

A price is never edited in place: a gift line keeps the price it was entered
with, and a price change takes effect from a date (``repo.reprice_gift``), so
old sessions keep their value and a session typed in later for an old date is
priced as it was then (DOMAIN.md, "Gift catalog").
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QCheckBox, QLabel, QLineEdit, QWidget

from tiklive_desktop.core.entities import Gift
from tiklive_desktop.core.fields import TIKTOK_LIVE_START, Problem, Report
from tiklive_desktop.core.validation import parse_gift
from tiklive_desktop.gui.context import Context
from tiklive_desktop.gui.editors.record_dialog import RecordDialog, date_edit, date_of


class GiftEditor(RecordDialog):
    """A new gift (``gift`` None) or a stored one's name, streak flag and TikTok id."""

    def __init__(
        self, ctx: Context, gift: Gift | None = None, parent: QWidget | None = None
    ) -> None:
        editing = gift is not None
        super().__init__(ctx, self.tr("Edit Gift") if editing else self.tr("New Gift"), parent)
        self.original = gift
        tr = self.tr
        form = self.form
        self.name = QLineEdit(gift.name if gift else "")
        self.name.setPlaceholderText(tr("As TikTok names it, e.g. Galaxy"))
        form.add_field("name", tr("&Name:"), self.name)
        self.coins = QLineEdit(str(gift.coins) if gift else "")
        self.coins.setPlaceholderText("99")
        form.add_field(
            "coins", tr("&Coins:"), self.coins, tr("What the gift costs a viewer, in coins")
        )
        if editing:
            self.coins.setReadOnly(True)
            self.coins.setEnabled(False)
            self.coins.setToolTip(
                tr("Use “Change price from a date…” so that older sessions keep their prices")
            )
        self.streakable = QCheckBox(tr("Can be sent as a streak (combo)"))
        self.streakable.setChecked(bool(gift and gift.streakable))
        form.add_field(
            "streakable",
            tr("Streak:"),
            self.streakable,
            tr("Streak gifts (Rose, TikTok, ...) are counted once per combo, at its end"),
        )
        self.tiktok_id = QLineEdit(
            "" if gift is None or gift.tiktok_id is None else str(gift.tiktok_id)
        )
        self.tiktok_id.setPlaceholderText(tr("optional, e.g. 5655"))
        form.add_field(
            "tiktok_id",
            tr("TikTok &id:"),
            self.tiktok_id,
            tr("TikTok's number for the gift; it links imported data to this entry"),
        )
        for key, widget in (
            ("name", self.name),
            ("coins", self.coins),
            ("streakable", self.streakable),
            ("tiktok_id", self.tiktok_id),
        ):
            self.watch(key, widget)
        self.setMinimumWidth(420)
        if editing:
            self.touch_all()
        else:
            self.validate()

    def raw(self) -> Mapping[str, object]:
        gift = self.original
        return {
            "name": self.name.text(),
            "coins": self.coins.text(),
            "streakable": self.streakable.isChecked(),
            "tiktok_id": self.tiktok_id.text(),
            "retired": bool(gift and gift.retired),
            "id": gift.id if gift is not None else None,
        }

    def parse(self, raw: Mapping[str, object]) -> Report[Gift]:
        return parse_gift(raw)

    def extra_problems(self, report: Report[Gift]) -> list[Problem]:
        """Names are unique in the catalog (any case): say so beside the name."""
        name = self.name.text().strip()
        if not name:
            return []
        found = self.ctx.store.repo.find_gift(name)
        if found is not None and (self.original is None or found.id != self.original.id):
            message = self.tr("A gift called “{name}” is already in the catalog.")
            return [Problem("name", message.format(name=found.name))]
        return []


class RepriceDialog(RecordDialog):
    """A new price for ``gift`` from a date on; ``value`` is ``(effective, coins)``."""

    def __init__(
        self, ctx: Context, gift: Gift, today: date | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(ctx, self.tr("Change Price of {name}").format(name=gift.name), parent)
        assert gift.id is not None
        self.gift = gift
        self.today = today or date.today()
        self._prices = ctx.store.repo.gift_prices(gift.id)
        tr = self.tr
        fmt = ctx.fmt
        intro = QLabel(
            tr(
                "{name} costs {coins} coins now. Sessions before the date keep the prices they "
                "were recorded with; sessions on or after it use the new price."
            ).format(name=gift.name, coins=fmt.integer(gift.coins))
        )
        intro.setWordWrap(True)
        self.form.insertRow(0, intro)
        self.effective = date_edit(fmt.locale, self.today)
        self.effective.setMinimumDate(
            QDate(TIKTOK_LIVE_START.year, TIKTOK_LIVE_START.month, TIKTOK_LIVE_START.day)
        )
        self.form.add_field(
            "effective", tr("&From:"), self.effective, tr("The first day of the new price")
        )
        self.coins = QLineEdit()
        self.coins.setPlaceholderText(str(gift.coins))
        self.form.add_field("coins", tr("&New price (coins):"), self.coins)
        self.watch("effective", self.effective)
        self.watch("coins", self.coins)
        self.setMinimumWidth(440)
        self.validate()

    def raw(self) -> Mapping[str, object]:
        return {"name": self.gift.name, "coins": self.coins.text()}

    def parse(self, raw: Mapping[str, object]) -> Report[tuple[date, int]]:
        report = parse_gift(raw)
        if report.value is None:
            return Report(None, report.problems)
        return Report((date_of(self.effective), report.value.coins))

    def extra_problems(self, report: Report[tuple[date, int]]) -> list[Problem]:
        if report.value is None:
            return []
        day, coins = report.value
        before = [p for p in self._prices if p.effective <= day]
        if before and before[-1].coins == coins:
            message = self.tr("{name} already costs {coins} coins on that date.")
            text = message.format(name=self.gift.name, coins=self.ctx.fmt.integer(coins))
            return [Problem("coins", text)]
        return []

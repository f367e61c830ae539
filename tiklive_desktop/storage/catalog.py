"""The gift catalog: gifts, their price history, and the prices in force on a day.

A gift line stores the price its gifts had when they were sent, so re-pricing
a gift never changes a recorded session; the price history exists so that a
session typed in later for an old date is priced as it was then.
"""

from __future__ import annotations

import sqlite3
from datetime import date

from tiklive_desktop.core.entities import Gift, GiftPrice
from tiklive_desktop.core.money import in_force
from tiklive_desktop.storage.base import RepositoryBase
from tiklive_desktop.storage.codec import date_text, text_date
from tiklive_desktop.storage.errors import InUseError, NotFoundError

_GIFT_COLUMNS = "id, name, coins, streakable, tiktok_id, retired"


def gift_from_row(row: sqlite3.Row) -> Gift:
    return Gift(
        name=row["name"],
        coins=row["coins"],
        streakable=bool(row["streakable"]),
        tiktok_id=row["tiktok_id"],
        retired=bool(row["retired"]),
        id=row["id"],
    )


def price_from_row(row: sqlite3.Row) -> GiftPrice:
    return GiftPrice(
        gift_id=row["gift_id"],
        effective=text_date(row["effective"]),
        coins=row["coins"],
        id=row["id"],
    )


class CatalogMixin(RepositoryBase):
    def list_gifts(self, include_retired: bool = True) -> list[Gift]:
        """Gifts by price then name; ``Gift.coins`` is the latest price (:meth:`reprice_gift`)."""
        where = "" if include_retired else "WHERE retired = 0"
        rows = self._rows(f"SELECT {_GIFT_COLUMNS} FROM gifts {where} ORDER BY coins, name")
        return [gift_from_row(row) for row in rows]

    def get_gift(self, gift_id: int) -> Gift | None:
        row = self._row(f"SELECT {_GIFT_COLUMNS} FROM gifts WHERE id = ?", (gift_id,))
        return gift_from_row(row) if row else None

    def find_gift(self, name: str) -> Gift | None:
        """The catalog entry called ``name`` (case-insensitive), if any."""
        row = self._row(
            f"SELECT {_GIFT_COLUMNS} FROM gifts WHERE name = ? COLLATE NOCASE", (name.strip(),)
        )
        return gift_from_row(row) if row else None

    def add_gift(self, gift: Gift, effective: date | None = None) -> Gift:
        """Add a gift priced ``gift.coins`` from ``effective`` (default today) on."""
        day = effective or date.today()
        with self._write("gifts", "gift_prices"):
            cursor = self.conn.execute(
                "INSERT INTO gifts (id, name, coins, streakable, tiktok_id, retired)"
                " VALUES (?, ?, ?, ?, ?, ?)",
                (
                    gift.id,
                    gift.name.strip(),
                    gift.coins,
                    int(gift.streakable),
                    gift.tiktok_id,
                    int(gift.retired),
                ),
            )
            gift_id = int(cursor.lastrowid or 0)
            self.conn.execute(
                "INSERT INTO gift_prices (gift_id, effective, coins) VALUES (?, ?, ?)",
                (gift_id, date_text(day), gift.coins),
            )
        return self._must_gift(gift_id)

    def update_gift(self, gift: Gift) -> Gift:
        """Change a gift's name, streak flag, TikTok id and retired flag (not its price)."""
        if gift.id is None:
            raise ValueError("update_gift needs a stored gift (id is None)")
        with self._write("gifts", "gift_lines"):
            cursor = self.conn.execute(
                "UPDATE gifts SET name = ?, streakable = ?, tiktok_id = ?, retired = ?"
                " WHERE id = ?",
                (
                    gift.name.strip(),
                    int(gift.streakable),
                    gift.tiktok_id,
                    int(gift.retired),
                    gift.id,
                ),
            )
            if cursor.rowcount == 0:
                raise NotFoundError(f"no gift {gift.id}")
            self._rename_lines(gift.id, gift.name.strip())
        return self._must_gift(gift.id)

    def rename_gift(self, gift_id: int, name: str) -> Gift:
        """Rename a gift; recorded lines of it follow, so by-gift totals stay in one row."""
        with self._write("gifts", "gift_lines"):
            cursor = self.conn.execute(
                "UPDATE gifts SET name = ? WHERE id = ?", (name.strip(), gift_id)
            )
            if cursor.rowcount == 0:
                raise NotFoundError(f"no gift {gift_id}")
            self._rename_lines(gift_id, name.strip())
        return self._must_gift(gift_id)

    def _rename_lines(self, gift_id: int, name: str) -> None:
        self.conn.execute(
            "UPDATE gift_lines SET gift = ? WHERE gift_id = ? AND gift IS NOT ?",
            (name, gift_id, name),
        )

    def reprice_gift(self, gift_id: int, effective: date, coins: int) -> Gift:
        """Price the gift ``coins`` from ``effective`` on (replacing a price of that same day).

        Recorded gift lines keep their own price. ``Gift.coins`` becomes the
        price with the latest effective date.
        """
        with self._write("gifts", "gift_prices"):
            self._must_gift(gift_id)
            self.conn.execute(
                "INSERT INTO gift_prices (gift_id, effective, coins) VALUES (?, ?, ?)"
                " ON CONFLICT (gift_id, effective) DO UPDATE SET coins = excluded.coins",
                (gift_id, date_text(effective), coins),
            )
            self._refresh_current_price(gift_id)
        return self._must_gift(gift_id)

    def delete_gift_price(self, price_id: int) -> None:
        """Remove a mistaken price change; a gift's only price cannot go."""
        with self._write("gifts", "gift_prices"):
            gift_id = self._scalar("SELECT gift_id FROM gift_prices WHERE id = ?", (price_id,))
            if gift_id is None:
                raise NotFoundError(f"no gift price {price_id}")
            if self._scalar("SELECT count(*) FROM gift_prices WHERE gift_id = ?", (gift_id,)) < 2:
                raise InUseError("a gift's only price cannot be deleted; reprice it instead")
            self.conn.execute("DELETE FROM gift_prices WHERE id = ?", (price_id,))
            self._refresh_current_price(gift_id)

    def _refresh_current_price(self, gift_id: int) -> None:
        self.conn.execute(
            "UPDATE gifts SET coins = (SELECT coins FROM gift_prices WHERE gift_id = gifts.id"
            " ORDER BY effective DESC LIMIT 1) WHERE id = ?",
            (gift_id,),
        )

    def retire_gift(self, gift_id: int) -> Gift:
        """Hide a gift TikTok no longer offers from new entries; its history stays."""
        return self._set_retired(gift_id, True)

    def unretire_gift(self, gift_id: int) -> Gift:
        return self._set_retired(gift_id, False)

    def _set_retired(self, gift_id: int, retired: bool) -> Gift:
        with self._write("gifts"):
            cursor = self.conn.execute(
                "UPDATE gifts SET retired = ? WHERE id = ?", (int(retired), gift_id)
            )
            if cursor.rowcount == 0:
                raise NotFoundError(f"no gift {gift_id}")
        return self._must_gift(gift_id)

    def delete_gift(self, gift_id: int) -> None:
        """Remove a gift from the catalog; recorded lines keep its name and price, unlinked."""
        with self._write("gifts", "gift_prices", "gift_lines"):
            cursor = self.conn.execute("DELETE FROM gifts WHERE id = ?", (gift_id,))
            if cursor.rowcount == 0:
                raise NotFoundError(f"no gift {gift_id}")

    def gift_prices(self, gift_id: int) -> list[GiftPrice]:
        rows = self._rows(
            "SELECT id, gift_id, effective, coins FROM gift_prices WHERE gift_id = ?"
            " ORDER BY effective",
            (gift_id,),
        )
        return [price_from_row(row) for row in rows]

    def gift_price_on(self, gift_id: int, day: date) -> int:
        """The gift's price on ``day`` (before its first price: the first price)."""
        price = in_force(self.gift_prices(gift_id), day)
        if price is None:
            raise NotFoundError(f"no gift {gift_id}")
        return price.coins

    def catalog_on(self, day: date, include_retired: bool = False) -> dict[str, int]:
        """Every gift's price on ``day`` by name, cheapest first: what a session that day used."""
        rows = self._rows(
            "SELECT g.name, p.effective, p.coins"
            " FROM gifts g JOIN gift_prices p ON p.gift_id = g.id"
            + ("" if include_retired else " WHERE g.retired = 0")
            + " ORDER BY g.name, p.effective"
        )
        chosen: dict[str, int] = {}
        for row in rows:
            # Rows come oldest first per gift: keep the last one on or before the day,
            # or the first one when the day precedes them all (core.money.in_force).
            if row["name"] not in chosen or row["effective"] <= date_text(day):
                chosen[row["name"]] = row["coins"]
        return dict(sorted(chosen.items(), key=lambda item: (item[1], item[0])))

    def _must_gift(self, gift_id: int) -> Gift:
        gift = self.get_gift(gift_id)
        if gift is None:
            raise NotFoundError(f"no gift {gift_id}")
        return gift

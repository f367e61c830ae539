"""Default data for a new database, read from the files in ``resources/``.

Only a new database is seeded (inside the first migration): once it exists the
catalog, region rules and rates are the user's data, changed through the app,
and a newer app version changes them only through a migration.
"""

from __future__ import annotations

import csv
import io
import logging
from datetime import date
from decimal import Decimal
from importlib import resources

from sqlite_utils import Database

from tiklive_desktop.storage.codec import date_text, decimal_text

log = logging.getLogger(__name__)

SEED_PRICE_DATE = date(2016, 9, 1)
"""TikTok's launch: the shipped gift prices apply from the start of any history."""

RESOURCES = "tiklive_desktop.resources"


def read_resource_csv(name: str) -> list[dict[str, str]]:
    text = resources.files(RESOURCES).joinpath(name).read_text(encoding="utf-8")
    return list(csv.DictReader(io.StringIO(text)))


def seed(db: Database) -> None:
    """Insert the shipped gift catalog, region rules and rates (in the caller's transaction)."""
    conn = db.conn
    gifts = read_resource_csv("gifts.csv")
    for row in gifts:
        cursor = conn.execute(
            "INSERT INTO gifts (name, coins, streakable, tiktok_id) VALUES (?, ?, ?, ?)",
            (
                row["name"].strip(),
                int(row["coins"]),
                int(row["streakable"] or 0),
                int(row["tiktok_id"]) if row["tiktok_id"] else None,
            ),
        )
        conn.execute(
            "INSERT INTO gift_prices (gift_id, effective, coins) VALUES (?, ?, ?)",
            (cursor.lastrowid, date_text(SEED_PRICE_DATE), int(row["coins"])),
        )
    regions = read_resource_csv("regions.csv")
    conn.executemany(
        "INSERT INTO region_rules (region, name, minimum_usd, daily_max_usd, as_of, note)"
        " VALUES (?, ?, ?, ?, ?, ?)",
        [
            (
                row["region"],
                row["name"],
                decimal_text(Decimal(row["minimum_usd"])),
                decimal_text(Decimal(row["daily_max_usd"])),
                date_text(date.fromisoformat(row["as_of"])),
                row["note"],
            )
            for row in regions
        ],
    )
    rates = read_resource_csv("rates.csv")
    conn.executemany(
        "INSERT INTO rate_periods"
        " (account_id, effective, coin_value, commission, diamond_value, agency_share)"
        " VALUES (NULL, ?, ?, ?, ?, ?)",
        [
            (
                date_text(date.fromisoformat(row["effective"])),
                decimal_text(Decimal(row["coin_value_usd"])),
                decimal_text(Decimal(row["commission"])),
                decimal_text(Decimal(row["diamond_value_usd"])),
                decimal_text(Decimal(row["agency_share"])),
            )
            for row in rates
        ],
    )
    log.info(
        "seeded %d gifts, %d region rules, %d rate periods", len(gifts), len(regions), len(rates)
    )

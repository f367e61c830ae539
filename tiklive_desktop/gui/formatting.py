"""Numbers, money and dates as the user's locale writes them.

Money arrives as exact ``Decimal`` from core; it is rounded here, once, by
``money.round_money`` and never converted through float, so amounts beyond
2**53 still print every digit.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from decimal import Decimal

from PySide6.QtCore import QDate, QDateTime, QLocale, QTime

from tiklive_desktop.core.money import round_money, to_currency
from tiklive_desktop.storage.overview import DisplayCurrency

# Qt knows the symbol of the locale's own currency only; creators pick any.
_SYMBOLS = {
    "USD": "$",
    "EUR": "€",
    "GBP": "£",
    "JPY": "¥",
    "CNY": "¥",
    "KRW": "₩",
    "INR": "₹",
    "BRL": "R$",
    "CAD": "CA$",
    "AUD": "A$",
    "NZD": "NZ$",
    "MXN": "MX$",
    "PHP": "₱",
    "IDR": "Rp",
    "THB": "฿",
    "VND": "₫",
    "TRY": "₺",
    "PLN": "zł",
    "NGN": "₦",
    "ZAR": "R",
}


def currency_symbol(code: str) -> str:
    return _SYMBOLS.get(code.upper(), code.upper())


def default_locale() -> QLocale:
    """The system locale, except the bare "C" locale (no thousands separators, "720.24$"),
    which a desktop gets only when no language is configured: then US English."""
    system = QLocale()
    if system.language() == QLocale.Language.C:
        return QLocale(QLocale.Language.English, QLocale.Country.UnitedStates)
    return system


class Formatter:
    """All display formatting for one locale (the system locale by default)."""

    def __init__(self, locale: QLocale | None = None) -> None:
        self.locale = locale or default_locale()

    def integer(self, value: int | None) -> str:
        return "" if value is None else self.locale.toString(int(value))

    def decimal(self, value: Decimal | None, places: int = 1) -> str:
        if value is None:
            return ""
        quantized = value.quantize(Decimal(1).scaleb(-places)) if places else value.quantize(1)
        return self._decimal_text(quantized, places)

    def money(self, value: Decimal | None, currency: str = "USD") -> str:
        """``$1,234.50`` / ``1.234,50 €``: rounded once (half up) to cents."""
        if value is None:
            return ""
        rounded = round_money(value)
        number = self._decimal_text(abs(rounded), 2)
        symbol = currency_symbol(currency)
        template = self.locale.toCurrencyString(1.0, symbol, 2)
        one = self.locale.toString(1.0, "f", 2)
        text = template.replace(one, number, 1) if one in template else f"{symbol}{number}"
        return f"{self.locale.negativeSign()}{text}" if rounded < 0 else text

    def shown_money(self, amount_usd: Decimal | None, shown: DisplayCurrency) -> str:
        """A USD amount in the account's display currency (``overview.display_currency``)."""
        if amount_usd is None:
            return ""
        return self.money(to_currency(amount_usd, shown.rate), shown.currency)

    def _decimal_text(self, value: Decimal, places: int) -> str:
        sign = "-" if value < 0 else ""
        whole, _, fraction = f"{abs(value):.{places}f}".partition(".")
        text = self.locale.toString(int(whole))
        if places:
            text += self.locale.decimalPoint() + fraction
        return (self.locale.negativeSign() if sign else "") + text

    def day(self, value: date | None) -> str:
        if value is None:
            return ""
        return self.locale.toString(
            QDate(value.year, value.month, value.day), QLocale.FormatType.ShortFormat
        )

    def time(self, value: datetime | None) -> str:
        if value is None:
            return ""
        return self.locale.toString(QTime(value.hour, value.minute), QLocale.FormatType.ShortFormat)

    def datetime(self, value: datetime | None) -> str:
        if value is None:
            return ""
        qdt = QDateTime(QDate(value.year, value.month, value.day), QTime(value.hour, value.minute))
        return self.locale.toString(qdt, QLocale.FormatType.ShortFormat)

    @staticmethod
    def duration(value: timedelta | int | None) -> str:
        """``2 h 05 min`` / ``45 min``: hours and minutes, as the LIVE summary shows them."""
        if value is None:
            return ""
        seconds = int(value.total_seconds()) if isinstance(value, timedelta) else int(value)
        hours, minutes = divmod(seconds // 60, 60)
        return f"{hours} h {minutes:02d} min" if hours else f"{minutes} min"

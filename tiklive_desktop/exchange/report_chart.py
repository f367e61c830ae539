"""The report's chart: income per month as stacked bars, painted on a QImage.

The PDF embeds it when the caller has no chart of its own to give. Painting
on a ``QImage`` needs no window and works in a worker thread; only fonts need
a ``QGuiApplication`` (``pdf_report.ensure_gui_app``).
"""

from __future__ import annotations

import os
from datetime import date
from decimal import Decimal

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QImage, QPainter, QPen

from tiklive_desktop.core.report import ReportFigures
from tiklive_desktop.exchange.atomic import atomic_write

CHART_SIZE = (1600, 440)
LIVE_COLOUR, OTHER_COLOUR = QColor("#fe2c55"), QColor("#25b8c9")


def money_text(amount: Decimal, currency: str) -> str:
    """``$1,234.50``, ``-$12.50``; other currencies by code: ``1,234.50 GBP``."""
    number = f"{abs(amount):,.2f}"
    sign = "-" if amount < 0 else ""
    return f"{sign}${number}" if currency == "USD" else f"{sign}{number} {currency}"


def _month_label(first_day: date, *, first: bool) -> str:
    """``Mar``; the first bar and every January also say the year."""
    return f"{first_day:%b}\n{first_day:%Y}" if first or first_day.month == 1 else f"{first_day:%b}"


def _axis_step(top: float) -> float:
    """A round gridline step giving four or five lines up to ``top``."""
    step = 10 ** max(len(str(int(top / 4))) - 1, 0) if top >= 4 else 1.0
    for factor in (1, 2, 2.5, 5, 10):
        if top / (step * factor) <= 5:
            return step * factor
    return step * 10


def month_chart(figures: ReportFigures) -> QImage:
    """Stacked bars per month: net from LIVE and other income, in the report's currency."""
    months = figures.months
    width, height = CHART_SIZE
    image = QImage(width, height, QImage.Format.Format_ARGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    try:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        font = QFont("DejaVu Sans")
        font.setPixelSize(24)
        painter.setFont(font)
        live = [float(figures.shown(m.net_usd)) for m in months]
        other = [float(figures.shown(m.other_income_usd)) for m in months]
        top = max([a + b for a, b in zip(live, other, strict=True)] + [0.0])
        plot = QRectF(150, 30, width - 180, height - 150)
        if top <= 0:
            painter.drawText(plot, Qt.AlignmentFlag.AlignCenter, "No income in this period")
            return image
        step = _axis_step(top)
        top = step * (int(top / step) + 1)
        painter.setPen(QPen(QColor("#dddddd"), 2))
        value = 0.0
        while value <= top + step / 2:
            y = plot.bottom() - plot.height() * value / top
            painter.setPen(QPen(QColor("#dddddd"), 2))
            painter.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y))
            painter.setPen(QColor("#555555"))
            label = money_text(Decimal(value), figures.currency)
            painter.drawText(
                QRectF(0, y - 16, plot.left() - 12, 32),
                Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                label.removesuffix(".00"),
            )
            value += step
        slot = plot.width() / max(len(months), 1)
        every = max(1, -(-len(months) // 12))  # at most ~12 month labels
        for i, month in enumerate(months):
            x = plot.left() + slot * i + slot * 0.15
            bar_width = slot * 0.7
            base = plot.bottom()
            for amount, colour in ((live[i], LIVE_COLOUR), (other[i], OTHER_COLOUR)):
                if amount > 0:
                    bar = plot.height() * amount / top
                    painter.fillRect(QRectF(x, base - bar, bar_width, bar), colour)
                    base -= bar
            if i % every == 0:
                painter.setPen(QColor("#333333"))
                painter.drawText(
                    QRectF(x - slot * 0.5, plot.bottom() + 8, bar_width + slot, 60),
                    Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop,
                    _month_label(month.first_day, first=i == 0),
                )
        legend_y = height - 36
        for i, (text, colour) in enumerate(
            (("Net from LIVE", LIVE_COLOUR), ("Other income", OTHER_COLOUR))
        ):
            x = plot.left() + i * 320
            painter.fillRect(QRectF(x, legend_y, 24, 24), colour)
            painter.setPen(QColor("#333333"))
            painter.drawText(
                QRectF(x + 34, legend_y - 4, 280, 32), Qt.AlignmentFlag.AlignVCenter, text
            )
    finally:
        painter.end()
    return image


def png_bytes(image: QImage) -> bytes:
    """The image as PNG file content (what ``export_pdf(chart_png=...)`` takes)."""
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    buffer.close()
    return bytes(data.data())


def export_png(image: QImage, path: str | os.PathLike[str]) -> None:
    """Save any chart image as a PNG file, atomically (the "PNG of any chart" export)."""
    data = png_bytes(image)
    if not data:
        raise ValueError("the chart image is empty")
    with atomic_write(path) as temp:
        temp.write_bytes(data)

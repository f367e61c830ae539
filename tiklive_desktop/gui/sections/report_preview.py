"""What the Reports section shows of a report before it is exported: figures and months.

Display only. Every number is one of ``core.report.ReportFigures``' fields,
converted into the report's currency and rounded by ``ReportFigures.shown``
(the one rounding the XLSX and PDF use too, so the screen and the files agree
to the cent) and written by ``ctx.fmt`` in the user's locale.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QDate,
    QModelIndex,
    QObject,
    QRectF,
    Qt,
)
from PySide6.QtGui import QFont, QImage, QPainter, QPaintEvent
from PySide6.QtWidgets import QGridLayout, QGroupBox, QHBoxLayout, QLabel, QSizePolicy, QWidget

from tiklive_desktop.core.entities import IncomeKind
from tiklive_desktop.core.report import MonthRow, ReportFigures
from tiklive_desktop.gui.formatting import Formatter
from tiklive_desktop.gui.models.income_model import kind_label
from tiklive_desktop.gui.models.rows_model import LEFT, RIGHT, Index


@dataclass(frozen=True)
class Figure:
    """One labelled line of the preview (``key`` names it for tests and accessibility)."""

    key: str
    label: str
    text: str
    tooltip: str = ""
    bold: bool = False


class FigureBox(QGroupBox):
    """A titled box of label/value rows, values right-aligned and selectable."""

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(title, parent)
        self.grid = QGridLayout(self)
        self.grid.setHorizontalSpacing(18)
        self.grid.setVerticalSpacing(4)
        self.grid.setColumnStretch(0, 1)
        self.values: dict[str, QLabel] = {}

    def show_figures(self, figures: list[Figure]) -> None:
        while (item := self.grid.takeAt(0)) is not None:
            if (widget := item.widget()) is not None:
                widget.deleteLater()
        self.values = {}
        for row, figure in enumerate(figures):
            caption = QLabel(figure.label)
            value = QLabel(figure.text)
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            value.setAccessibleName(figure.label)
            for widget in (caption, value):
                widget.setToolTip(figure.tooltip)
                if figure.bold:
                    font = QFont(widget.font())
                    font.setBold(True)
                    widget.setFont(font)
            self.grid.addWidget(caption, row, 0, LEFT)
            self.grid.addWidget(value, row, 1, RIGHT)
            self.values[figure.key] = value
        self.grid.setRowStretch(len(figures), 1)


class FiguresView(QWidget):
    """Three boxes: the LIVE money chain, income, and the wallet over the period."""

    def __init__(self, fmt: Formatter, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.fmt = fmt
        self.live = FigureBox(self.tr("LIVE"))
        self.income = FigureBox(self.tr("Income"))
        self.wallet = FigureBox(self.tr("Wallet"))
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        for box in (self.live, self.income, self.wallet):
            row.addWidget(box, 1)

    def value(self, key: str) -> str:
        """The text shown for figure ``key`` ("" when not shown)."""
        for box in (self.live, self.income, self.wallet):
            if key in box.values:
                return box.values[key].text()
        return ""

    def show_report(self, figures: ReportFigures) -> None:
        fmt, tr = self.fmt, self.tr

        def money(amount: Decimal) -> str:
            return fmt.money(figures.shown(amount), figures.currency)

        m, w = figures.money, figures.withdrawals
        self.live.show_figures(
            [
                Figure("sessions", tr("Sessions"), fmt.integer(figures.sessions)),
                Figure("hours", tr("Hours live"), fmt.decimal(figures.hours, 1)),
                Figure(
                    "diamonds",
                    tr("Diamonds"),
                    fmt.integer(figures.diamonds),
                    tr("Your share of the gifts, as TikTok credits it (1 Diamond ≈ $0.005)"),
                ),
                Figure(
                    "gift_value",
                    tr("Gift value"),
                    money(m.gift_value_usd),
                    tr("What viewers' gifts were worth before TikTok's commission"),
                ),
                Figure(
                    "creator_share",
                    tr("Creator share"),
                    money(m.creator_share_usd),
                    tr("The value of your Diamonds after TikTok's commission"),
                ),
                Figure(
                    "agency_share",
                    tr("Agency share"),
                    money(m.agency_usd),
                    tr("What your agency or manager takes (set in Settings)"),
                ),
                Figure("net", tr("Net from LIVE"), money(m.net_usd), bold=True),
            ]
        )
        income = [
            Figure(f"income:{kind.value}", kind_label(IncomeKind(kind)), money(amount))
            for kind, amount in figures.other_income
        ]
        if not income:
            income.append(Figure("income:none", tr("Other income"), money(Decimal(0))))
        self.income.show_figures(
            [
                Figure("net_live", tr("Net from LIVE"), money(m.net_usd)),
                *income,
                Figure(
                    "total_income", tr("Total income"), money(figures.total_income_usd), bold=True
                ),
            ]
        )
        pending = tr(" ({count} pending)").format(count=fmt.integer(w.pending)) if w.pending else ""
        self.wallet.show_figures(
            [
                Figure(
                    "balance_start",
                    tr("Balance at start (Diamonds)"),
                    fmt.integer(figures.balance_start_diamonds),
                    tr("Diamonds in your wallet the day before the period began"),
                ),
                Figure("withdrawals", tr("Withdrawals"), fmt.integer(w.count) + pending),
                Figure(
                    "withdrawn_diamonds",
                    tr("Withdrawn Diamonds"),
                    fmt.integer(w.diamonds),
                ),
                Figure("withdrawn", tr("Withdrawn amount"), money(w.amount_usd)),
                Figure("fees", tr("Payout fees"), money(w.fees_usd)),
                Figure(
                    "balance_end",
                    tr("Balance at end (Diamonds)"),
                    fmt.integer(figures.balance_end_diamonds),
                    tr("Diamonds in your wallet on the period's last day"),
                    bold=True,
                ),
            ]
        )


class ChartImage(QWidget):
    """The report's month chart (the very image the PDF embeds), scaled to fit, aspect kept."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.image = QImage()
        policy = QSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)
        self.setMinimumHeight(120)

    def set_image(self, image: QImage) -> None:
        self.image = image
        self.updateGeometry()
        self.update()

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        if self.image.isNull() or self.image.width() == 0:
            return 0
        return max(self.minimumHeight(), width * self.image.height() // self.image.width())

    def paintEvent(self, event: QPaintEvent) -> None:
        if self.image.isNull():
            return
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        scaled = self.image.size().scaled(self.size(), Qt.AspectRatioMode.KeepAspectRatio)
        left = (self.width() - scaled.width()) // 2
        painter.drawImage(QRectF(left, 0, scaled.width(), scaled.height()), self.image)
        painter.end()


class MonthsModel(QAbstractTableModel):
    """The month-by-month table: a few dozen rows at most, held whole, plus a total row."""

    def __init__(self, fmt: Formatter, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.fmt = fmt
        self.figures: ReportFigures | None = None
        self.headers = [
            self.tr("Month"),
            self.tr("Sessions"),
            self.tr("Hours"),
            self.tr("Diamonds"),
            self.tr("Net from LIVE"),
            self.tr("Other income"),
            self.tr("Total income"),
            self.tr("Withdrawn"),
        ]

    def set_report(self, figures: ReportFigures | None) -> None:
        self.beginResetModel()
        self.figures = figures
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        if parent.isValid() or self.figures is None:
            return 0
        return len(self.figures.months) + 1  # the total row

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.headers)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(self.headers):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self.headers[section]
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(LEFT if section == 0 else RIGHT)
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        figures = self.figures
        if figures is None or not index.isValid():
            return None
        row, column = index.row(), index.column()
        is_total = row == len(figures.months)
        if role == Qt.ItemDataRole.DisplayRole:
            cells = self._total_cells(figures) if is_total else self._cells(figures.months[row])
            return cells[column]
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(LEFT if column == 0 else RIGHT)
        if role == Qt.ItemDataRole.FontRole and is_total:
            font = QFont()
            font.setBold(True)
            return font
        return None

    def _cells(self, month: MonthRow) -> list[str]:
        figures, fmt = self.figures, self.fmt
        assert figures is not None
        first = month.first_day
        name = fmt.locale.toString(QDate(first.year, first.month, 1), "MMM yyyy")
        return [
            name,
            fmt.integer(month.sessions),
            fmt.decimal(month.hours, 1),
            fmt.integer(month.diamonds),
            *(
                fmt.money(figures.shown(amount), figures.currency)
                for amount in (
                    month.net_usd,
                    month.other_income_usd,
                    month.total_income_usd,
                    month.withdrawn_usd,
                )
            ),
        ]

    def _total_cells(self, figures: ReportFigures) -> list[str]:
        fmt = self.fmt
        return [
            self.tr("Total"),
            fmt.integer(figures.sessions),
            fmt.decimal(figures.hours, 1),
            fmt.integer(figures.diamonds),
            *(
                fmt.money(figures.shown(amount), figures.currency)
                for amount in (
                    figures.net_usd,
                    figures.other_income_usd,
                    figures.total_income_usd,
                    figures.withdrawals.amount_usd,
                )
            ),
        ]

"""The dashboard's building blocks: a titled card, a clickable figure tile, the smaller cards.

Each card only displays values it is given (already computed by
``storage.overview`` and ``core``) and formats them through ``ctx.fmt``; the
section (dashboard.py) decides what goes where and when to refresh.
"""

from __future__ import annotations

from datetime import date, datetime, time
from decimal import Decimal

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QFont, QKeyEvent, QMouseEvent, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QGridLayout,
    QHeaderView,
    QLabel,
    QProgressBar,
    QPushButton,
    QSizePolicy,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from tiklive_desktop.gui.formatting import Formatter
from tiklive_desktop.gui.theme import ACCENT
from tiklive_desktop.storage.aggregates import GiftTotal
from tiklive_desktop.storage.overview import BestTimes, GoalProgress, Slot
from tiklive_desktop.storage.queries import SessionRow

UP, DOWN = "#2e9d4f", "#e5484d"
"""Mid-tone green and red: readable on the light and the dark theme alike."""

RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
PROGRESS_STYLE = (
    "QProgressBar { border: none; border-radius: 6px; background: palette(midlight); }"
    f"QProgressBar::chunk {{ border-radius: 6px; background: {ACCENT.name()}; }}"
)


def scaled_font(widget: QWidget, factor: float, bold: bool = False) -> QFont:
    font = QFont(widget.font())
    font.setPointSizeF(font.pointSizeF() * factor)
    font.setBold(bold)
    return font


def muted(label: QLabel) -> QLabel:
    """Secondary text in the palette's placeholder colour (follows the theme)."""
    palette = label.palette()
    palette.setColor(
        QPalette.ColorRole.WindowText, palette.color(QPalette.ColorRole.PlaceholderText)
    )
    label.setPalette(palette)
    return label


def wrapped(text: str = "") -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)
    return label


class Card(QFrame):
    """A rounded panel with a bold title; subclasses fill ``self.body``."""

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("card")
        self.setAccessibleName(title)
        self.title = QLabel(title)
        self.title.setFont(scaled_font(self.title, 1.0, bold=True))
        outer = QVBoxLayout(self)
        outer.setContentsMargins(16, 12, 16, 14)
        outer.setSpacing(6)
        outer.addWidget(self.title)
        self.body = QVBoxLayout()
        self.body.setSpacing(4)
        outer.addLayout(self.body)
        outer.addStretch(1)


class FigureTile(QFrame):
    """One big figure with its caption and its change; click or Enter opens the matching table."""

    clicked = Signal()

    def __init__(self, caption: str, tooltip: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("card")
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setAccessibleName(caption)
        self.setToolTip(tooltip)
        self.caption = muted(QLabel(caption))
        self.value = QLabel()
        self.value.setFont(scaled_font(self.value, 2.0, bold=True))
        self.change = QLabel()
        self.change.setFont(scaled_font(self.change, 0.95, bold=True))
        self.previous = muted(QLabel())
        self.previous.setFont(scaled_font(self.previous, 0.9))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        layout.setSpacing(2)
        layout.addStretch(1)
        for widget in (self.caption, self.value, self.change, self.previous):
            layout.addWidget(widget)
        layout.addStretch(1)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

    def show_figure(
        self, value: str, change: Decimal | None, fmt: Formatter, previous: str, detail: str
    ) -> None:
        """``change`` is relative (0.12 = +12%) against the same days of last month;
        ``previous`` is the whole of last month, ``detail`` explains both."""
        tr = self.tr
        self.value.setText(value)
        if change is None:
            text, color = tr("No LIVE in the same days last month"), ""
        elif change == 0:
            text, color = tr("Same as last month"), ""
        else:
            arrow, color = ("▲ +", UP) if change > 0 else ("▼ −", DOWN)
            percent = fmt.decimal(abs(change).scaleb(2), 0)
            text = tr("{arrow}{percent}% vs last month").format(arrow=arrow, percent=percent)
        self.change.setText(text)
        self.change.setStyleSheet(f"color: {color};" if color else "")
        if not color:
            muted(self.change)
        self.previous.setText(tr("All of last month: {value}").format(value=previous))
        self.change.setToolTip(detail)
        self.setAccessibleDescription(f"{value}. {text}. {detail}")

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton and self.rect().contains(
            event.position().toPoint()
        ):
            self.clicked.emit()
        super().mouseReleaseEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space):
            self.clicked.emit()
            return
        super().keyPressEvent(event)


class GoalCard(Card):
    """Progress bar to the monthly Diamond goal, or how to set one."""

    settings_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(QCoreApplication.translate("GoalCard", "Monthly goal"), parent)
        self.figure = QLabel()
        self.figure.setFont(scaled_font(self.figure, 1.5, bold=True))
        self.bar = QProgressBar()
        self.bar.setRange(0, 1000)
        self.bar.setTextVisible(False)
        self.bar.setFixedHeight(12)
        self.bar.setStyleSheet(PROGRESS_STYLE)
        self.bar.setAccessibleName(self.tr("Progress to the monthly goal"))
        self.detail = muted(wrapped())
        self.set_goal = QPushButton(self.tr("Set a goal in Settings…"))
        self.set_goal.clicked.connect(self.settings_requested)
        for widget in (self.figure, self.bar, self.detail):
            self.body.addWidget(widget)
        self.body.addWidget(self.set_goal, 0, Qt.AlignmentFlag.AlignLeft)

    def show_goal(self, goal: GoalProgress | None, fmt: Formatter) -> None:
        tr = self.tr
        has_goal = goal is not None
        self.bar.setVisible(has_goal)
        self.set_goal.setVisible(not has_goal)
        if goal is None:
            self.figure.setText(tr("No goal yet"))
            self.detail.setText(
                tr("Set a monthly goal in Settings to see how close this month gets you.")
            )
            return
        percent = fmt.decimal(goal.fraction.scaleb(2), 0)
        self.figure.setText(tr("{percent}% of the goal").format(percent=percent))
        self.bar.setValue(int(min(goal.fraction, Decimal(1)) * 1000))
        done = tr("{diamonds} of {goal} Diamonds this month.").format(
            diamonds=fmt.integer(goal.diamonds), goal=fmt.integer(goal.goal)
        )
        if goal.reached:
            rest = tr("Goal reached: well done!")
        elif goal.per_day_needed is None:
            rest = tr("{left} to go today.").format(left=fmt.integer(goal.remaining))
        else:
            rest = tr("{left} to go: about {per_day} a day for the {days} days left.").format(
                left=fmt.integer(goal.remaining),
                per_day=fmt.integer(goal.per_day_needed),
                days=fmt.integer(goal.days_left),
            )
        self.detail.setText(f"{done} {rest}")
        self.bar.setAccessibleDescription(done)


class TopGiftsCard(Card):
    """The gifts that brought the most coins this month."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(QCoreApplication.translate("TopGiftsCard", "Top gifts this month"), parent)
        self.setToolTip(
            self.tr(
                "Coins are what viewers spent on the gift. With the usual rates each coin "
                "becomes one Diamond for you. Only gifts you list in a session count here."
            )
        )
        self.grid = QGridLayout()
        self.grid.setHorizontalSpacing(12)
        self.grid.setVerticalSpacing(4)
        self.grid.setColumnStretch(0, 1)
        self.body.addLayout(self.grid)
        self.empty = muted(wrapped())
        self.body.addWidget(self.empty)
        self.rows: list[tuple[QLabel, QLabel, QLabel]] = []

    def show_gifts(self, gifts: list[GiftTotal], fmt: Formatter) -> None:
        while self.grid.count():
            item = self.grid.takeAt(0)
            if widget := item.widget():
                widget.deleteLater()
        self.rows = []
        for row, gift in enumerate(gifts):
            name = QLabel(gift.gift)
            count = muted(QLabel(self.tr("× {count}").format(count=fmt.integer(gift.count))))
            coins = QLabel(self.tr("{coins} coins").format(coins=fmt.integer(gift.coins)))
            count.setAlignment(RIGHT)
            coins.setAlignment(RIGHT)
            for column, label in enumerate((name, count, coins)):
                self.grid.addWidget(label, row, column)
            self.rows.append((name, count, coins))
        self.empty.setVisible(not gifts)
        self.empty.setText(
            self.tr("No gifts listed this month yet. Gifts you enter in a session appear here.")
        )


class BestTimesCard(Card):
    """The weekday and the starting hour that earned the most Diamonds per hour."""

    def __init__(self, days: int, parent: QWidget | None = None) -> None:
        super().__init__(
            QCoreApplication.translate("BestTimesCard", "Best time to go LIVE"), parent
        )
        self.days = days
        self.weekday = QLabel()
        self.weekday.setFont(scaled_font(self.weekday, 1.5, bold=True))
        self.weekday_detail = muted(wrapped())
        self.hour = QLabel()
        self.hour.setFont(scaled_font(self.hour, 1.2, bold=True))
        self.hour_detail = muted(wrapped())
        self.basis = muted(wrapped())
        self.basis.setFont(scaled_font(self.basis, 0.9))
        for widget in (self.weekday, self.weekday_detail, self.hour, self.hour_detail, self.basis):
            self.body.addWidget(widget)
        self.setToolTip(
            self.tr(
                "Ranked by Diamonds per hour live, so long LIVEs do not win just by lasting. "
                "A day or hour needs at least two LIVEs to count as a pattern."
            )
        )

    def _rate_text(self, slot: Slot, fmt: Formatter) -> str:
        rate = fmt.decimal(slot.diamonds_per_hour, 0)
        if slot.sessions == 1:
            return self.tr("{rate} Diamonds per hour in 1 LIVE").format(rate=rate)
        return self.tr("{rate} Diamonds per hour over {count} LIVEs").format(
            rate=rate, count=fmt.integer(slot.sessions)
        )

    def show_times(self, best: BestTimes | None, fmt: Formatter) -> None:
        tr = self.tr
        shown = best is not None
        for widget in (self.hour, self.hour_detail, self.weekday_detail):
            widget.setVisible(shown)
        if best is None:
            self.weekday.setText(tr("Not enough LIVEs yet"))
            self.basis.setText(
                tr("Go LIVE a few times to see which days and hours earn you the most.")
            )
            return
        # QLocale counts weekdays from 1 = Monday, like ours from 0 = Monday.
        self.weekday.setText(fmt.locale.standaloneDayName(best.weekday.index + 1))
        self.weekday_detail.setText(self._rate_text(best.weekday, fmt))
        start = fmt.time(datetime.combine(date.min, time(best.hour.index)))
        self.hour.setText(tr("Starting at {time}").format(time=start))
        self.hour_detail.setText(self._rate_text(best.hour, fmt))
        self.basis.setText(
            tr("From your {count} LIVEs in the last {days} days.").format(
                count=fmt.integer(best.sessions), days=fmt.integer(self.days)
            )
        )


class RecentSessionsTable(QTableWidget):
    """The latest sessions; activating one opens the Sessions table on its day."""

    day_activated = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(0, 4, parent)
        self.setHorizontalHeaderLabels(
            [self.tr("Date"), self.tr("Duration"), self.tr("Diamonds"), self.tr("Money")]
        )
        self.setAccessibleName(self.tr("Recent sessions"))
        self.setToolTip(self.tr("Click a session to open it in the Sessions table"))
        self.verticalHeader().hide()
        # A fixed row height: never ResizeToContents on the vertical header.
        self.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 10)
        self.setShowGrid(False)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setWordWrap(False)
        self.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        header = self.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.horizontalHeaderItem(0).setTextAlignment(
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
        )
        for column in (1, 2, 3):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
            self.horizontalHeaderItem(column).setTextAlignment(RIGHT)
        self.cellClicked.connect(self._activate)
        self.itemActivated.connect(lambda item: self._activate(item.row(), 0))
        self.days: list[date] = []

    def show_rows(self, rows: list[tuple[SessionRow, str]], fmt: Formatter) -> None:
        """``rows``: each session with its money already formatted in the display currency."""
        self.setRowCount(len(rows))
        self.days = [row.start.date() for row, _ in rows]
        for index, (row, money) in enumerate(rows):
            texts = (
                fmt.datetime(row.start),
                fmt.duration(row.duration_s),
                fmt.integer(row.diamonds),
                money,
            )
            for column, text in enumerate(texts):
                item = QTableWidgetItem(text)
                if column:
                    item.setTextAlignment(RIGHT)
                if row.title:
                    item.setToolTip(row.title)
                self.setItem(index, column, item)
        height = self.horizontalHeader().sizeHint().height() + 2
        height += sum(self.rowHeight(r) for r in range(self.rowCount()))
        self.setFixedHeight(height)

    def _activate(self, row: int, _column: int) -> None:
        if 0 <= row < len(self.days):
            self.day_activated.emit(self.days[row])

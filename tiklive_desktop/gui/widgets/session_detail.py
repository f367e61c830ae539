"""The pane under the sessions table: one session's gift lines, figures and metrics.

Figures come from core: the rate in force that day (``money.rate_on``), the
Diamonds rule (``money.session_diamonds``: the LIVE summary wins over the gift
lines, and a disagreement is shown, not hidden), the money (``money.net_usd``)
and the engagement metrics (``metrics.session_metrics``). This widget only
lays them out and formats them through ``ctx.fmt``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from PySide6.QtCore import Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QStackedWidget,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from tiklive_desktop.core.entities import Session
from tiklive_desktop.core.metrics import Metrics, round_metric, session_metrics
from tiklive_desktop.core.money import SessionDiamonds, net_usd, rate_on, session_diamonds
from tiklive_desktop.core.text import glimpse
from tiklive_desktop.gui.context import Context
from tiklive_desktop.storage.overview import display_currency

_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
_DASH = "—"


@dataclass(frozen=True, slots=True)
class DetailFigures:
    """Everything the pane shows about one session, exact (the formatter rounds)."""

    session: Session
    diamonds: SessionDiamonds
    net_usd: Decimal
    metrics: Metrics


def detail_figures(ctx: Context, session: Session) -> DetailFigures:
    """The session's figures at the rates in force on its day (all from core)."""
    rate = rate_on(ctx.store.repo.list_rate_periods(), session.day, session.account_id)
    diamonds = session_diamonds(session.reported_diamonds, session.gift_lines, rate)
    return DetailFigures(
        session=session,
        diamonds=diamonds,
        net_usd=net_usd(diamonds.credited, rate),
        metrics=session_metrics(session, diamonds.credited),
    )


def _value_label(tip: str = "") -> QLabel:
    label = QLabel()
    label.setAlignment(_RIGHT)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    if tip:
        label.setToolTip(tip)
    return label


class SessionDetail(QWidget):
    """Shows the session given to :meth:`show_session`, or a hint when there is none."""

    def __init__(self, ctx: Context, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.session_id: int | None = None
        self.figures: DetailFigures | None = None
        tr = self.tr
        self.setAccessibleName(tr("Selected session"))

        self.hint = QLabel(tr("Select a session to see its gifts and metrics."))
        self.hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.hint.setEnabled(False)

        # -- the session: title, when, Diamonds and money --------------------------
        self.title = QLabel()
        font = self.title.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.15)
        self.title.setFont(font)
        self.title.setWordWrap(True)
        self.when = QLabel()
        self.when.setWordWrap(True)
        self.diamonds = _value_label(
            tr("Diamonds credited for this LIVE. At the default rates 1 Diamond is worth $0.005.")
        )
        self.money = _value_label(tr("What the Diamonds are worth to you, after any agency share"))
        self.reported = _value_label(tr("The Diamonds the LIVE summary showed"))
        self.from_gifts = _value_label(tr("The Diamonds the gift lines below add up to"))
        self.difference = _value_label(
            tr("Summary minus gift lines: gifts that were not itemised (or typed twice)")
        )
        self.difference_caption = QLabel(tr("Difference:"))
        warn = self.difference.palette()
        warn.setColor(QPalette.ColorRole.WindowText, Qt.GlobalColor.darkRed)
        self.difference.setPalette(warn)
        self.difference_caption.setPalette(warn)
        figures = QFormLayout()
        figures.setLabelAlignment(Qt.AlignmentFlag.AlignLeft)
        figures.addRow(tr("Diamonds:"), self.diamonds)
        figures.addRow(tr("Money:"), self.money)
        figures.addRow(tr("LIVE summary:"), self.reported)
        figures.addRow(tr("Gift lines:"), self.from_gifts)
        figures.addRow(self.difference_caption, self.difference)
        self.tags = QLabel()
        self.tags.setWordWrap(True)
        self.notes = QLabel()
        for label in (self.title, self.tags, self.notes):  # typed text, never markup
            label.setTextFormat(Qt.TextFormat.PlainText)
        self.notes.setWordWrap(True)
        self.notes.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        session_box = QGroupBox(tr("Session"))
        session_layout = QVBoxLayout(session_box)
        session_layout.addWidget(self.title)
        session_layout.addWidget(self.when)
        session_layout.addLayout(figures)
        session_layout.addWidget(self.tags)
        session_layout.addWidget(self.notes)
        session_layout.addStretch(1)

        # -- metrics ------------------------------------------------------------------
        self.per_hour = _value_label()
        self.per_1000_likes = _value_label(
            tr("Likes are not paid; this shows how well likes turned into gifts")
        )
        self.per_viewer = _value_label(tr("Diamonds divided by the total viewers"))
        self.per_follower = _value_label(tr("Diamonds divided by the new followers"))
        metrics_box = QGroupBox(tr("Diamonds per…"))
        metrics_layout = QFormLayout(metrics_box)
        metrics_layout.addRow(tr("Hour of LIVE:"), self.per_hour)
        metrics_layout.addRow(tr("1,000 likes:"), self.per_1000_likes)
        metrics_layout.addRow(tr("Viewer:"), self.per_viewer)
        metrics_layout.addRow(tr("New follower:"), self.per_follower)

        # -- gift lines ---------------------------------------------------------------
        self.lines = QTableWidget(0, 4)
        self.lines.setAccessibleName(tr("Gift lines"))
        self.lines.setHorizontalHeaderLabels(
            [tr("Gift"), tr("Count"), tr("Coins each"), tr("Coins")]
        )
        self.lines.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.lines.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.lines.setAlternatingRowColors(True)
        self.lines.verticalHeader().hide()
        self.lines.verticalHeader().setDefaultSectionSize(self.lines.fontMetrics().height() + 8)
        header = self.lines.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in (1, 2, 3):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
            item = self.lines.horizontalHeaderItem(column)
            if item is not None:
                item.setTextAlignment(_RIGHT)
        # Room for a gift's name beside three number columns, however narrow the window.
        self.lines.setMinimumWidth(self.lines.fontMetrics().horizontalAdvance("M" * 30))
        self.lines_total = QLabel()
        self.lines_total.setAlignment(_RIGHT)
        lines_box = QGroupBox(tr("Gift lines"))
        lines_layout = QVBoxLayout(lines_box)
        lines_layout.addWidget(self.lines, 1)
        lines_layout.addWidget(self.lines_total)

        content = QWidget()
        row = QHBoxLayout(content)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(session_box, 3)
        row.addWidget(metrics_box, 2)
        row.addWidget(lines_box, 4)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.hint)
        self.stack.addWidget(content)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.stack)
        ctx.store.changed.connect(self._store_changed)

    def show_session(self, session_id: int | None) -> None:
        """Show ``session_id`` (None, or a session that no longer exists: the hint)."""
        session = self.ctx.store.repo.get_session(session_id) if session_id is not None else None
        self.session_id = session.id if session else None
        self.figures = detail_figures(self.ctx, session) if session else None
        if self.figures is None:
            self.stack.setCurrentWidget(self.hint)
            return
        self._fill(self.figures)
        self.stack.setCurrentIndex(1)

    def _store_changed(self, table: str) -> None:
        # Session edits reach the pane through the table's selection; a renamed
        # gift changes the gift lines' names without touching the table.
        if table == "gifts" and self.session_id is not None:
            self.show_session(self.session_id)

    def _fill(self, figures: DetailFigures) -> None:
        fmt, tr = self.ctx.fmt, self.tr
        session, diamonds = figures.session, figures.diamonds
        self.title.setText(session.title or tr("(no title)"))
        when = [
            fmt.datetime(session.start),
            fmt.duration(session.duration),
            tr("ended %1").replace("%1", fmt.time(session.end)),
        ]
        if self.ctx.account.account_id is None:  # all accounts: say whose LIVE it was
            account = self.ctx.store.repo.get_account(session.account_id)
            if account is not None:
                when.insert(0, "@" + account.handle.lstrip("@"))
        # Wrap between the parts only, never inside "1 h 46 min".
        self.when.setText(" · ".join(part.replace(" ", "\u00a0") for part in when))
        self.diamonds.setText(fmt.integer(diamonds.credited))
        shown = display_currency(self.ctx.store.repo, session.account_id, date.today())
        self.money.setText(fmt.shown_money(figures.net_usd, shown))
        self.reported.setText(
            fmt.integer(diamonds.reported) if diamonds.reported is not None else tr("not entered")
        )
        self.from_gifts.setText(
            fmt.integer(diamonds.from_gifts) if diamonds.from_gifts is not None else tr("none")
        )
        disagree = bool(diamonds.difference)
        self.difference.setVisible(disagree)
        self.difference_caption.setVisible(disagree)
        if disagree and diamonds.difference is not None:
            sign = "+" if diamonds.difference > 0 else ""
            self.difference.setText(f"{sign}{fmt.integer(diamonds.difference)}")
        self.tags.setText(tr("Tags: %1").replace("%1", ", ".join(session.tags)))
        self.tags.setVisible(bool(session.tags))
        self.notes.setText(tr("Notes: %1").replace("%1", glimpse(session.notes)))
        self.notes.setVisible(bool(session.notes))
        self._fill_metrics(figures.metrics)
        self._fill_lines(session)

    def _fill_metrics(self, metrics: Metrics) -> None:
        fmt = self.ctx.fmt

        def shown(value: Decimal | None, places: int) -> str:
            return _DASH if value is None else fmt.decimal(round_metric(value, places), places)

        self.per_hour.setText(shown(metrics.diamonds_per_hour, 0))
        self.per_1000_likes.setText(shown(metrics.diamonds_per_1000_likes, 1))
        self.per_viewer.setText(shown(metrics.diamonds_per_viewer, 1))
        self.per_follower.setText(shown(metrics.diamonds_per_new_follower, 1))

    def _fill_lines(self, session: Session) -> None:
        fmt = self.ctx.fmt
        self.lines.setRowCount(len(session.gift_lines))
        for row, line in enumerate(session.gift_lines):
            cells = [
                line.gift,
                fmt.integer(line.count),
                fmt.integer(line.coins_each),
                fmt.integer(line.coins),
            ]
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if column:
                    item.setTextAlignment(_RIGHT)
                self.lines.setItem(row, column, item)
        if session.gift_lines:
            total = fmt.integer(session.gift_coins)
            self.lines_total.setText(self.tr("%1 coins in all").replace("%1", total))
        else:
            self.lines_total.setText(self.tr("No gift lines: Diamonds from the LIVE summary"))

    def lines_text(self) -> list[list[str]]:
        """What the gift-lines table shows, row by row (for tests and copying)."""
        return [
            [self.lines.item(r, c).text() for c in range(self.lines.columnCount())]
            for r in range(self.lines.rowCount())
        ]

"""What every chart shares: a themed pyqtgraph plot, a title, a control row, PNG export.

A chart is a ``ChartView`` subclass that reads its arrays from ``storage.series*``
(SQL aggregates) in ``refresh()`` (the reload) and hands them to pyqtgraph items;
it never computes money and never writes SQL. It keeps those arrays: ``redraw()``
hands them to the items again without a query, and changes of view, size, theme
or tab visibility only repaint. A chart reloads only when its data can have
changed (``store.changed``, another account) or its query does (range,
granularity, metric). Refreshes are debounced (many ``changed``
signals in one turn of the event loop cost one query) and skipped while the chart
is hidden: a hidden chart is marked stale and refreshed when it is shown, so a
tab of five charts does not run five queries per edit.

The axes (``axes.py``) and the date-range picker (``range_picker.py``) are
re-exported here, so a chart imports everything it shares from this module.
"""

from __future__ import annotations

import logging
from pathlib import Path

import numpy as np
import pyqtgraph as pg
import pyqtgraph.exporters
from PySide6.QtCore import QEvent, QRectF, Qt, QTimer
from PySide6.QtGui import QColor, QFont, QImage, QPainter, QPalette, QShowEvent
from PySide6.QtWidgets import (
    QGraphicsItem,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from tiklive_desktop.exchange.atomic import atomic_write
from tiklive_desktop.gui.charts.axes import DateAxis, NumberAxis, day_to_x, days_to_x, x_to_day
from tiklive_desktop.gui.charts.range_picker import RANGES, DateRangePicker
from tiklive_desktop.gui.context import Context
from tiklive_desktop.gui.theme import ACCENT

__all__ = [
    "DENSE_POINTS",
    "RANGES",
    "ChartView",
    "DateAxis",
    "DateRangePicker",
    "NumberAxis",
    "configure_pyqtgraph",
    "day_to_x",
    "days_to_x",
    "x_to_day",
]

log = logging.getLogger(__name__)

_configured = False

SERIES_LIGHT = ("#fe2c55", "#1f77b4", "#2ca02c", "#ff7f0e", "#9467bd", "#17becf", "#8c564b")
SERIES_DARK = ("#ff5c7a", "#6fb1ff", "#5fd35f", "#ffab4a", "#c39bff", "#4fd8e8", "#d19a7b")
"""Series colours that stay readable on the palette's Base colour (dark variants are lighter)."""


def configure_pyqtgraph() -> None:
    """Global pyqtgraph options, set once: antialiased lines; no OpenGL (offscreen safe)."""
    global _configured
    if not _configured:
        pg.setConfigOptions(antialias=True)
        _configured = True


DENSE_POINTS = 1000
"""Above this many points a line is drawn 1 px wide and unfilled: Qt strokes a wide
antialiased polyline of ten years of days in ~0.4 s, a 1 px one in a few ms."""


class ChartView(QWidget):
    """Title, control row (``controls``), the plot (``plot``) and an "Export PNG…" button.

    Subclasses build their items in ``__init__`` and redraw them in ``refresh()``;
    they may override ``theme_changed()`` to recolour items when the palette changes.
    """

    refresh_delay_ms = 0

    def __init__(self, ctx: Context, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        configure_pyqtgraph()
        self.ctx = ctx
        self._stale = True
        self._theming = False
        self._fit_args: tuple | None = None
        self._legend_cache: tuple[tuple, float] | None = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(self.refresh_delay_ms)
        self._timer.timeout.connect(self._refresh_now)

        self.title_label = QLabel(title)
        font = self.title_label.font()
        font.setPointSizeF(font.pointSizeF() * 1.25)
        font.setBold(True)
        self.title_label.setFont(font)
        self.export_button = QPushButton(self.tr("Export PNG…"))
        self.export_button.setToolTip(self.tr("Save this chart as a PNG image"))
        self.export_button.clicked.connect(self._ask_export)
        header = QHBoxLayout()
        header.addWidget(self.title_label)
        header.addStretch(1)
        header.addWidget(self.export_button)

        self.controls = QHBoxLayout()
        self.controls.setSpacing(8)

        self.plot = pg.PlotWidget()
        self.plot.setAccessibleName(title)
        self.plot.setMenuEnabled(False)
        self.plot.showGrid(x=False, y=True, alpha=0.25)
        self.plot.setMinimumSize(320, 220)
        self.plot.getPlotItem().getViewBox().sigResized.connect(self._refit)

        self.caption = QLabel()
        self.caption.setWordWrap(True)
        self.caption.hide()
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.message.setMargin(24)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.plot)
        self.stack.addWidget(self.message)

        layout = QVBoxLayout(self)
        layout.addLayout(header)
        layout.addLayout(self.controls)
        layout.addWidget(self.caption)
        layout.addWidget(self.stack, 1)

        ctx.store.changed.connect(self._data_changed)
        ctx.account.changed.connect(self._data_changed)
        self.apply_chart_theme()
        self.cache_chrome()

    # -- refreshing ------------------------------------------------------------------
    def refresh(self) -> None:
        """Reload: read the data, keep the arrays and draw them; subclasses implement it."""
        raise NotImplementedError

    def redraw(self) -> None:
        """Draw the kept arrays again without reading anything (subclasses that keep
        arrays re-set them on their items); by default, a repaint."""
        self.plot.update()

    def schedule_refresh(self) -> None:
        """Refresh soon if visible (once per burst of signals), else when next shown."""
        if self.isVisible():
            self._timer.start()
        else:
            self._stale = True

    def _data_changed(self, *_args: object) -> None:
        self.schedule_refresh()

    def _refresh_now(self) -> None:
        self._stale = False
        self.refresh()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale:
            self._stale = False
            self.refresh()

    def set_caption(self, text: str) -> None:
        """A line of plain words under the controls (what the chart says); empty: hidden."""
        self.caption.setText(text)
        self.caption.setVisible(bool(text))

    def show_message(self, text: str | None) -> None:
        """Show ``text`` instead of the plot (what to do when there is no data); None: the plot."""
        self.message.setText(text or "")
        self.stack.setCurrentWidget(self.message if text else self.plot)
        self.export_button.setEnabled(not text)

    # -- theme -----------------------------------------------------------------------
    def is_dark(self) -> bool:
        return self.palette().color(QPalette.ColorRole.Base).lightness() < 128

    def foreground(self) -> QColor:
        return self.palette().color(QPalette.ColorRole.Text)

    def background(self) -> QColor:
        return self.palette().color(QPalette.ColorRole.Base)

    def muted(self) -> QColor:
        """Text colour halfway to the background: for grids, averages, secondary marks."""
        fg, bg = self.foreground(), self.background()
        return QColor(
            (fg.red() + bg.red()) // 2, (fg.green() + bg.green()) // 2, (fg.blue() + bg.blue()) // 2
        )

    def series_color(self, index: int = 0) -> QColor:
        colors = SERIES_DARK if self.is_dark() else SERIES_LIGHT
        return QColor(colors[index % len(colors)])

    def accent(self) -> QColor:
        return QColor(SERIES_DARK[0]) if self.is_dark() else QColor(ACCENT)

    @staticmethod
    def line_width(points: int, width: float = 2.5) -> float:
        """``width`` for a readable line, 1 px when ``points`` exceed ``DENSE_POINTS``."""
        return 1.0 if points > DENSE_POINTS else width

    def chart_font(self, scale: float = 1.0) -> QFont:
        """The widget font, never below 9 pt: axis text has to stay readable in exports."""
        font = QFont(self.font())
        size = font.pointSizeF() if font.pointSizeF() > 0 else 10.0
        font.setPointSizeF(max(9.0, size * scale))
        return font

    def apply_chart_theme(self) -> None:
        """Background = palette Base, axes and text = palette Text, readable fonts."""
        if self._theming:
            return
        self._theming = True
        self._legend_cache = None
        try:
            fg = self.foreground()
            self.plot.setBackground(self.background())
            item = self.plot.getPlotItem()
            font = self.chart_font()
            for name in ("left", "bottom", "right", "top"):
                axis = item.getAxis(name)
                axis.setPen(pg.mkPen(self.muted()))
                axis.setTextPen(pg.mkPen(fg))
                axis.setTickFont(font)
                axis.label.setFont(font)
                if axis.labelText:
                    axis.setLabel(axis.labelText, color=fg.name())
            item.titleLabel.setAttr("color", fg.name())
            if item.legend is not None:
                item.legend.setLabelTextColor(fg)
                item.legend.setLabelTextSize(f"{font.pointSizeF():g}pt")
                for _sample, label in item.legend.items:
                    label.setText(label.text)  # setAttr alone does not redraw a label
                translucent = QColor(self.background())
                translucent.setAlpha(200)
                item.legend.setBrush(pg.mkBrush(translucent))
                item.legend.setPen(pg.mkPen(None))
            self.theme_changed()
        finally:
            self._theming = False

    def cache_chrome(self) -> None:
        """Keep the axes, their titles and the legend as pixmaps between repaints.

        They change only when the view, the data's labels or the theme do (each of
        which invalidates the pixmap; call again after adding legend entries); a
        redraw of the same view then blits them instead of drawing every tick
        label's text again (measured: a third of a 3,650-bar repaint).
        """
        cache = QGraphicsItem.CacheMode.DeviceCoordinateCache
        item = self.plot.getPlotItem()
        for name in ("left", "bottom", "right", "top"):
            axis = item.getAxis(name)
            axis.setCacheMode(cache)
            axis.label.setCacheMode(cache)
        if item.legend is not None:  # the legend and its samples and labels, each an item
            stack: list[QGraphicsItem] = [item.legend]
            while stack:
                part = stack.pop()
                part.setCacheMode(cache)
                stack.extend(part.childItems())

    def add_legend(self) -> pg.LegendItem:
        """A one-row legend in the top-left corner on a translucent background.

        Charts keep headroom above their data (``fit_y``) so the legend never hides it.
        """
        legend = self.plot.getPlotItem().addLegend(offset=(8, 4), colCount=4)
        self.apply_chart_theme()
        self.cache_chrome()
        return legend

    def fit_y(
        self,
        x: np.ndarray,
        *series: np.ndarray,
        headroom: float = 0.06,
        floor: float = 0.0,
        margin: float = 0.0,
    ) -> None:
        """Set the y range to what ``series`` (aligned with ``x``) reach in the x range shown.

        From ``floor`` (or below, for negative values) to the highest value, plus
        room for the legend above the data (its rows, measured, or ``headroom`` of
        the range if more) and ``margin`` below (room for markers drawn on the
        floor). Redone when the plot is resized or exported at another shape.
        """
        self._fit_args = (x, series, headroom, floor, margin)
        view = self.plot.getPlotItem().getViewBox()
        (left, right), _ = view.viewRange()
        shown = (x >= left) & (x <= right) if len(x) else np.zeros(0, dtype=bool)
        values = [s[shown] for s in series if len(s) == len(x)]
        values = [v[np.isfinite(v)] for v in values]
        values = [v for v in values if len(v)]
        low = min([floor, *(float(v.min()) for v in values)])
        high = max([floor, *(float(v.max()) for v in values)])
        if high <= low:
            high = low + 1
        span = high - low
        top = max(headroom, self._legend_share() + headroom)
        bottom = span * margin
        # The data takes (1 - top) of the height; the legend the rest.
        view.setYRange(low - bottom, high + (span + bottom) * top / (1 - top), padding=0)

    def _legend_share(self) -> float:
        """The share of the plot's height the legend takes (after wrapping it to the width).

        Kept for the same view size, entries and theme: panning refits y on every
        frame, and measuring the legend's layout each time cost more than the fit.
        """
        item = self.plot.getPlotItem()
        legend = item.legend
        rect = item.getViewBox().boundingRect()
        view_height = rect.height()
        if legend is None or not legend.items or view_height <= 0:
            return 0.0
        key = (
            rect.width(),
            view_height,
            tuple((id(sample), label.text) for sample, label in legend.items),
        )
        if self._legend_cache is not None and self._legend_cache[0] == key:
            return self._legend_cache[1]
        self._wrap_legend(legend, rect.width() - 16)
        height = legend.layout.effectiveSizeHint(Qt.SizeHint.PreferredSize).height()
        share = min((height + 10) / view_height, 0.5)
        self._legend_cache = (key, share)
        return share

    @staticmethod
    def _wrap_legend(legend: pg.LegendItem, width: float) -> None:
        """As many legend entries per row as fit in ``width`` (at least one)."""
        entries = [
            sample.boundingRect().width() + label.boundingRect().width() + 12
            for sample, label in legend.items
        ]
        columns = len(entries)
        while columns > 1:
            rows = [entries[i : i + columns] for i in range(0, len(entries), columns)]
            if max(sum(row) for row in rows) <= width:
                break
            columns -= 1
        if legend.columnCount != columns:
            legend.setColumnCount(columns)
            legend.layout.activate()

    def _refit(self) -> None:
        if self._fit_args is not None:
            x, series, headroom, floor, margin = self._fit_args
            self.fit_y(x, *series, headroom=headroom, floor=floor, margin=margin)

    def set_axis_label(self, name: str, text: str) -> None:
        """An axis title in the theme's colour and font; units go in ``text`` ("Money (USD)")."""
        axis = self.plot.getPlotItem().getAxis(name)
        axis.setLabel(text, color=self.foreground().name())
        axis.label.setFont(self.chart_font())

    def set_axes(self, **axes: pg.AxisItem) -> None:
        """Replace axes (e.g. ``bottom=DateAxis()``) and theme them."""
        self.plot.getPlotItem().setAxisItems(axes)
        self.apply_chart_theme()
        self.cache_chrome()

    def theme_changed(self) -> None:
        """Recolour chart items after a palette change; the base class themes the axes."""

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() in (QEvent.Type.PaletteChange, QEvent.Type.ApplicationPaletteChange):
            self.apply_chart_theme()

    # -- export ----------------------------------------------------------------------
    def _ask_export(self) -> None:
        name = self.ctx.dialogs.save_path(
            self.tr("Export chart"), self.title_label.text() + ".png", self.tr("PNG images (*.png)")
        )
        if not name:
            return
        size = self.plot.size()
        try:
            self.export_png(Path(name), max(1200, size.width()), max(675, size.height()))
        except OSError as error:
            self.ctx.dialogs.error(self.tr("Export failed"), str(error))

    def render_image(self, width: int, height: int) -> QImage:
        """The plot drawn at ``width`` x ``height`` pixels on the theme background.

        The plot item is laid out at the requested aspect ratio for the time of the
        render (pyqtgraph's exporter keeps the on-screen ratio otherwise), then drawn
        with pens and fonts scaled to the image.
        """
        item = self.plot.getPlotItem()
        old = item.geometry()
        scene_height = max(old.height(), 300.0)
        scene_width = scene_height * width / height
        if scene_width < 400:
            scene_width, scene_height = 400.0, 400.0 * height / width
        item.setTitle(self.title_label.text(), color=self.foreground().name(), bold=True)
        item.setGeometry(QRectF(old.x(), old.y(), scene_width, scene_height))
        item.layout.activate()
        self._refit()
        try:
            exporter = pg.exporters.ImageExporter(item)
            exporter.parameters().param("width").setValue(width, blockSignal=exporter.widthChanged)
            exporter.parameters().param("height").setValue(
                height, blockSignal=exporter.heightChanged
            )
            exporter.parameters()["background"] = self.background()
            image = exporter.export(toBytes=True)
        finally:
            item.setTitle(None)
            item.setGeometry(old)
            item.layout.activate()
            self._refit()
        if image.width() != width or image.height() != height:
            canvas = QImage(width, height, QImage.Format.Format_ARGB32)
            canvas.fill(self.background())
            painter = QPainter(canvas)
            scaled = image.scaled(
                width,
                height,
                Qt.AspectRatioMode.KeepAspectRatio,
                Qt.TransformationMode.SmoothTransformation,
            )
            painter.drawImage(
                (width - scaled.width()) // 2, (height - scaled.height()) // 2, scaled
            )
            painter.end()
            image = canvas
        return image

    def export_png(self, path: Path, width: int, height: int) -> None:
        """Write the chart as a ``width`` x ``height`` PNG, atomically (temp file + replace)."""
        if width <= 0 or height <= 0:
            raise ValueError(f"image size must be positive, got {width} x {height}")
        image = self.render_image(width, height)
        with atomic_write(path) as temp:
            if not image.save(str(temp), "PNG"):
                raise OSError(f"could not write PNG image {path}")
        log.info("exported chart %r to %s (%d x %d)", self.title_label.text(), path, width, height)

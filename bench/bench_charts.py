"""How long the charts take to redraw, beside pyqtgraph drawing the same arrays directly.

Not a test: it prints figures. Run from the repository root::

    .venv/bin/python bench/bench_charts.py            # 3,650 daily bars, 100,000 points
    .venv/bin/python bench/bench_charts.py --points 500 --bars 50 --repeat 1

It builds a throwaway database with ``--points`` sessions spread over ``--bars``
consecutive days (ten years by default), then times, as the median of
``--repeat`` runs each, for the earnings chart per day and the engagement scatter:

- redraw, ours: the chart's ``redraw()`` (its kept arrays handed to its items
  again: bars and average line / scatter and trend line; no query, no new
  arrays) plus a forced repaint (``grab()``) of everything it shows (legend,
  titles, current-period veil included). A chart redraws from its kept arrays
  when only the view, size, theme or tab visibility changes;
- redraw, pyqtgraph (the anchor): a bare ``PlotWidget`` given the very arrays
  our chart plotted (a ``BarGraphItem`` and a ``PlotCurveItem`` for the bars and
  their moving average / one ``ScatterPlotItem``, in the same style, over the
  same x and y range), the same arrays set again and grabbed. Our legend, axis
  titles, locale-written ticks and current-period veil are not in the anchor.
  The ratio of these two (target <= 1.2x) is what our chart adds to drawing.
  Ours and the anchor are timed in turns (ours, anchor, ours, ...), so a burst
  of load from other processes falls on both;
- pan: the view moved sideways by 1/50 of its width and repainted, without new
  data (what dragging the plot costs; ours includes refitting y to the bars
  shown), ours against the bare widget (target <= 1.2x);
- reload, ours (no anchor, no target; printed so the query cost is never
  hidden): the chart's ``refresh()`` (the SQL aggregate, building the arrays,
  setting them) plus a repaint: what a data change (an edit, an import,
  another account, range or granularity) costs. "(SQL)" is the storage call
  alone (``earnings_series`` / ``engagement_points``), part of the reload.
"""

from __future__ import annotations

import argparse
import itertools
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QLocale, QSettings
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QApplication, QWidget

from tiklive_desktop.core.entities import Account, Session
from tiklive_desktop.gui.charts.base import configure_pyqtgraph
from tiklive_desktop.gui.charts.earnings import EarningsChart
from tiklive_desktop.gui.charts.engagement import EngagementChart
from tiklive_desktop.gui.context import AccountSelection, Context
from tiklive_desktop.gui.formatting import Formatter
from tiklive_desktop.gui.messages import DialogService
from tiklive_desktop.gui.settings import UiSettings
from tiklive_desktop.gui.store import DataStore
from tiklive_desktop.storage.database import open_database
from tiklive_desktop.storage.repository import Repository
from tiklive_desktop.storage.series import earnings_series
from tiklive_desktop.storage.series_engagement import engagement_points

SIZE = (1200, 700)
LAST_DAY = date(2026, 11, 26)


def build_sessions(account_id: int, points: int, bars: int, seed: int = 7) -> list[Session]:
    """``points`` sessions over ``bars`` days ending ``LAST_DAY``; heavy-tailed like real LIVEs."""
    rng = np.random.default_rng(seed)
    first = LAST_DAY - timedelta(days=bars - 1)
    days = np.arange(points) % bars
    hours = rng.integers(12, 24, points)
    minutes = rng.integers(20, 240, points)
    likes = rng.lognormal(9.5, 1.2, points).astype(int)
    viewers = (likes / rng.uniform(20, 80, points)).astype(int)
    followers = (viewers / rng.uniform(5, 30, points)).astype(int)
    diamonds = (likes * rng.lognormal(-3.5, 1.0, points)).astype(int)
    return [
        Session(
            account_id,
            datetime.combine(first + timedelta(days=int(days[i])), datetime.min.time())
            + timedelta(hours=int(hours[i])),
            timedelta(minutes=int(minutes[i])),
            int(diamonds[i]),
            likes=int(likes[i]),
            total_viewers=int(viewers[i]),
            new_followers=int(followers[i]),
        )
        for i in range(points)
    ]


def make_context(path: Path, points: int, bars: int) -> Context:
    repo = Repository(open_database(path))
    account = repo.add_account(Account(handle="bench.creator"))
    assert account.id is not None
    repo.add_sessions(build_sessions(account.id, points, bars))
    return Context(
        store=DataStore(repo, path),
        undo=QUndoStack(),
        dialogs=DialogService(None),
        fmt=Formatter(QLocale(QLocale.Language.English, QLocale.Country.UnitedStates)),
        settings=UiSettings(QSettings(str(path.with_suffix(".ini")), QSettings.Format.IniFormat)),
        account=AccountSelection(),
    )


def median_ms(action: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        action()
        times.append(time.perf_counter() - started)
    return statistics.median(times) * 1000


def bare_plot(app: QApplication) -> pg.PlotWidget:
    widget = pg.PlotWidget()
    widget.resize(*SIZE)
    widget.show()
    app.processEvents()
    return widget


def shown(widget: QWidget, app: QApplication) -> QWidget:
    widget.resize(*SIZE)
    widget.show()
    app.processEvents()
    return widget


@dataclass(frozen=True)
class Figures:
    """Medians in ms. ours/direct: redraw = the same arrays set again + repaint;
    pan = repaint after moving the view; reload = query + arrays + set + repaint
    (ours only; ``sql`` is the query part of it)."""

    name: str
    ours: float
    direct: float
    ours_pan: float
    direct_pan: float
    reload: float
    sql: float


def median_pair_ms(
    ours: Callable[[], object], theirs: Callable[[], object], repeat: int
) -> tuple[float, float]:
    """Medians of ``ours`` and ``theirs`` timed in turns (ours, theirs, ours, ...), so a
    burst of load from other processes falls on both sides alike."""
    times: tuple[list[float], list[float]] = ([], [])
    for _ in range(repeat):
        for action, spent in ((ours, times[0]), (theirs, times[1])):
            started = time.perf_counter()
            action()
            spent.append(time.perf_counter() - started)
    return statistics.median(times[0]) * 1000, statistics.median(times[1]) * 1000


def panner(plot: pg.PlotWidget) -> Callable[[], None]:
    """Move the view sideways by 1/50 of its width each call and repaint: dragging the plot."""
    view = plot.getPlotItem().getViewBox()
    (left, right), _ = view.viewRange()
    step = (right - left) / 50
    moves = itertools.count(1)

    def pan() -> None:
        shift = step * next(moves)
        view.setXRange(left + shift, right + shift, padding=0)
        plot.grab()

    return pan


def compare(
    name: str,
    chart: EarningsChart | EngagementChart,
    sql: Callable[[], object],
    direct_item: pg.GraphicsObject,
    set_direct: Callable[[], None],
    app: QApplication,
    repeat: int,
) -> Figures:
    """Time our chart and a bare PlotWidget showing the same arrays over the same range."""

    def reload() -> None:
        chart.refresh()
        chart.plot.grab()

    def ours() -> None:
        chart.redraw()
        chart.plot.grab()

    reload_ms = median_ms(reload, repeat)
    sql_ms = median_ms(sql, repeat)
    plain = bare_plot(app)
    plain.addItem(direct_item)
    (left, right), (bottom, top) = chart.plot.getPlotItem().getViewBox().viewRange()
    plain.getPlotItem().setRange(xRange=(left, right), yRange=(bottom, top), padding=0)

    def direct() -> None:
        set_direct()
        plain.grab()

    ours()
    direct()  # the first paint lays the widget out; time the redraws after it
    ours_ms, direct_ms = median_pair_ms(ours, direct, repeat)
    pans = median_pair_ms(panner(chart.plot), panner(plain), max(repeat, 5))
    figures = Figures(name, ours_ms, direct_ms, *pans, reload_ms, sql_ms)
    chart.close()
    plain.close()
    return figures


def bench_bars(ctx: Context, app: QApplication, repeat: int) -> Figures:
    chart = shown(EarningsChart(ctx, today=lambda: LAST_DAY), app)
    chart.granularity.setCurrentIndex(chart.granularity.findData("day"))
    chart.range_picker.select("all")
    chart.refresh()
    x0, width, height = chart.x + 0.1 * chart.widths, chart.widths * 0.8, chart.heights
    bars = pg.BarGraphItem(x0=x0, width=width, height=height, brush="r", pen=None)
    # The chart plots the bars and their moving average: the anchor draws both arrays.
    centers, average = chart.x + chart.widths / 2, chart.average
    line = pg.PlotCurveItem(centers, average, pen=chart.average_line.opts["pen"], connect="finite")
    both = pg.ItemGroup()
    bars.setParentItem(both)
    line.setParentItem(both)

    def set_direct() -> None:
        bars.setOpts(x0=x0, width=width, height=height)
        line.setData(centers, average)

    return compare(
        f"earnings per day ({len(chart.x):,} bars)",
        chart,
        lambda: earnings_series(ctx.store.repo, None, "day"),
        both,
        set_direct,
        app,
        repeat,
    )


def bench_scatter(ctx: Context, app: QApplication, repeat: int) -> Figures:
    chart = shown(EngagementChart(ctx, today=lambda: LAST_DAY), app)
    chart.refresh()
    x, y = (np.asarray(a) for a in chart.scatter.getData())
    scatter = pg.ScatterPlotItem(pxMode=True, size=6, pen=None, brush=chart.scatter.opts["brush"])
    return compare(
        f"engagement scatter ({len(x):,} points)",
        chart,
        lambda: engagement_points(ctx.store.repo, None, "likes"),
        scatter,
        lambda: scatter.setData(x=x, y=y),
        app,
        repeat,
    )


def print_figures(rows: list[Figures]) -> None:
    print(
        f"{'median ms':<36} {'redraw':>8} {'pyqtgraph':>10} {'ratio':>7}"
        f" {'pan ours':>9} {'pan pyqtgraph':>14} {'ratio':>7} {'reload':>8} {'(SQL)':>7}"
    )
    for f in rows:
        print(
            f"{f.name:<36} {f.ours:>8.1f} {f.direct:>10.1f} {f.ours / f.direct:>6.2f}x"
            f" {f.ours_pan:>9.1f} {f.direct_pan:>14.1f} {f.ours_pan / f.direct_pan:>6.2f}x"
            f" {f.reload:>8.1f} {f.sql:>7.1f}"
        )


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--points", type=int, default=100_000, help="sessions in the scatter")
    parser.add_argument("--bars", type=int, default=3_650, help="days of daily bars")
    parser.add_argument("--repeat", type=int, default=7, help="runs per figure (median)")
    args = parser.parse_args(argv)
    if args.points < args.bars:
        parser.error("--points must be at least --bars (every day needs a session)")
    app = QApplication.instance() or QApplication([])
    assert isinstance(app, QApplication)
    configure_pyqtgraph()
    with tempfile.TemporaryDirectory(prefix="tiklive-bench-") as folder:
        started = time.perf_counter()
        ctx = make_context(Path(folder) / "bench.sqlite", args.points, args.bars)
        setup_s = time.perf_counter() - started
        print(
            f"database: {args.points:,} sessions over {args.bars:,} days"
            f" (built in {setup_s:.1f} s); window {SIZE[0]}x{SIZE[1]}; median of {args.repeat}"
        )
        print(
            "redraw = the kept arrays set again + repaint (target <= 1.2x pyqtgraph);"
            " pan = repaint after moving the view (<= 1.2x);"
            " reload = query + arrays + set + repaint after a data change (no target),"
            " (SQL) = its query alone"
        )
        print_figures([bench_bars(ctx, app, args.repeat), bench_scatter(ctx, app, args.repeat)])
        ctx.store.repo.conn.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())

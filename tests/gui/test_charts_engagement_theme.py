"""The engagement, best-time, gift and income-mix charts on demo data, in light and dark."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import numpy as np
import pytest
from PySide6.QtCore import QLocale
from PySide6.QtGui import QPalette, QUndoStack
from PySide6.QtWidgets import QApplication

from tiklive_desktop.demo import write_demo_database
from tiklive_desktop.gui.charts.base import SERIES_DARK, SERIES_LIGHT
from tiklive_desktop.gui.charts.engagement import EngagementChart, FilteredChart, WeekHourChart
from tiklive_desktop.gui.charts.gifts import GiftsChart
from tiklive_desktop.gui.charts.income_mix import IncomeMixChart
from tiklive_desktop.gui.context import AccountSelection, Context
from tiklive_desktop.gui.formatting import Formatter
from tiklive_desktop.gui.messages import DialogService
from tiklive_desktop.gui.settings import UiSettings
from tiklive_desktop.gui.store import DataStore
from tiklive_desktop.gui.theme import apply_theme
from tiklive_desktop.storage.database import open_database
from tiklive_desktop.storage.repository import Repository

END = date(2026, 11, 26)
CHARTS = (EngagementChart, WeekHourChart, GiftsChart, IncomeMixChart)


@pytest.fixture(scope="module")
def demo_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("demo") / "demo.sqlite"
    write_demo_database(path, sessions=600, end=END)
    return path


@pytest.fixture
def demo_ctx(qtbot, demo_path: Path, settings: UiSettings) -> Iterator[Context]:
    db = open_database(demo_path)
    yield Context(
        store=DataStore(Repository(db), demo_path),
        undo=QUndoStack(),
        dialogs=DialogService(None),
        fmt=Formatter(QLocale(QLocale.Language.English, QLocale.Country.UnitedStates)),
        settings=settings,
        account=AccountSelection(),
    )
    db.close()


@pytest.fixture
def themed(qapp: QApplication) -> Iterator[None]:
    """Put the application's style and palette back after the test switched themes."""
    style, palette = qapp.style().name(), QPalette(qapp.palette())
    yield
    qapp.setStyle(style)
    qapp.setPalette(palette)


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_charts_follow_the_theme_on_demo_data(
    qtbot, qapp: QApplication, demo_ctx: Context, themed: None, theme: str
) -> None:
    apply_theme(qapp, theme)
    base = qapp.palette().color(QPalette.ColorRole.Base)
    series = SERIES_DARK if theme == "dark" else SERIES_LIGHT
    for cls in CHARTS:
        chart: FilteredChart = cls(demo_ctx, today=lambda: END)
        qtbot.addWidget(chart)
        chart.resize(900, 500)
        chart.show()
        qtbot.waitUntil(lambda c=chart: not c._stale and c.stack.currentWidget() is c.plot)
        assert chart.background() == base
        assert chart.is_dark() == (theme == "dark")
        image = chart.plot.grab().toImage()
        pixels = {image.pixel(x, y) for x in range(0, image.width(), 5) for y in range(0, 400, 5)}
        assert base.rgb() in pixels and len(pixels) > 20, cls.__name__
        assert chart.note.text()
    # the last charts' items in the theme's colours
    assert chart.series["live"].opts["brush"].color().name() == series[0]


def test_theme_switch_recolours_items(
    qtbot, qapp: QApplication, demo_ctx: Context, themed: None
) -> None:
    apply_theme(qapp, "light")
    scatter, heat = EngagementChart(demo_ctx), WeekHourChart(demo_ctx)
    gifts = GiftsChart(demo_ctx)
    for chart in (scatter, heat, gifts):
        qtbot.addWidget(chart)
        chart.refresh()
    assert scatter.scatter.opts["brush"].color().name() == SERIES_LIGHT[1]
    assert gifts.bars.opts["brush"].color().name() == SERIES_LIGHT[0]
    apply_theme(qapp, "dark")
    qtbot.waitUntil(lambda: scatter.scatter.opts["brush"].color().name() == SERIES_DARK[1])
    assert gifts.bars.opts["brush"].color().name() == SERIES_DARK[0]
    assert heat.no_live.brush().color() == heat.muted()
    labels = [label for _sample, label in scatter.legend.items]
    assert all(scatter.foreground().name() in label.item.toHtml() for label in labels)
    assert int(np.isfinite(heat.rates).sum()) > 0  # demo LIVEs fill some hours

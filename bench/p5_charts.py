"""P5: chart redraw (daily bars, engagement scatter) beside pyqtgraph drawing the same arrays.

The measuring is :mod:`bench.bench_charts`' (still runnable on its own; its
docstring says exactly what each figure is):

- ``P5.bars`` / ``P5.scatter`` (redraw, target <= 1.2x): ours = the chart's
  ``redraw()`` (its kept arrays set on its items again, no query) plus a forced
  repaint; anchor = a bare ``PlotWidget`` given the very arrays our chart
  plotted, the same arrays set again and repainted;
- ``.pan`` rows (target <= 1.2x): repaint after moving the view, both sides;
- reload after a data change (no anchor, no target, printed above the table,
  never hidden): the chart's ``refresh()`` (query + arrays + set) plus a
  repaint, and the query alone.
Its data are ``bench_charts.build_sessions`` (numpy, one LIVE per day per
slot), because the target names exact counts of bars and points.
"""

from __future__ import annotations

import runpy
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QApplication

from bench.common import ROOT, Outcome, Row


def _bench_charts() -> dict[str, Any]:
    return runpy.run_path(str(ROOT / "bench" / "bench_charts.py"), run_name="bench_charts")


def run(points: int, bars: int, repeat: int, folder: Path) -> Outcome:
    charts = _bench_charts()
    app = QApplication.instance() or QApplication([])
    charts["configure_pyqtgraph"]()
    ctx = charts["make_context"](folder / "charts.sqlite", points, bars)
    try:
        bars_figures = charts["bench_bars"](ctx, app, repeat)
        scatter_figures = charts["bench_scatter"](ctx, app, repeat)
    finally:
        ctx.store.repo.conn.close()
    rows = []
    for key, f in (("bars", bars_figures), ("scatter", scatter_figures)):
        rows.append(Row(f"P5.{key}", f"redraw {f.name}", f.ours / 1000, f.direct / 1000, 1.2))
        rows.append(
            Row(f"P5.{key}.pan", f"pan {f.name}", f.ours_pan / 1000, f.direct_pan / 1000, 1.2)
        )
    for f in (bars_figures, scatter_figures):
        print(
            f"P5 reload after a data change (no target): {f.name}: {f.reload:.1f} ms"
            f" (query {f.sql:.1f} ms + arrays, set data, repaint)"
        )
    facts = {"bars": bars_figures.name, "scatter": scatter_figures.name}
    return Outcome(rows, facts)

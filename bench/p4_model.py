"""P4: the sessions table model on a million sessions vs a thousand (all accounts shown).

Steps, each timed on its own (median), the same on both databases in one run:
create the model; show the first screen (display text of every cell of the
first ``SCREEN`` rows, what a view paints); sort by Diamonds (descending, as a
header click does) and show the first screen; jump to the end and show the
last screen. Peak memory: ``tracemalloc``'s peak over the whole sequence.

Why tracemalloc and not ``resource.getrusage`` (peak RSS): RSS is a per-process
high-water mark that cannot be reset between the two sizes and is dominated by
Qt's own ~100 MB, so it would hide what the model holds. What can grow with
history here is Python objects (pages of rows, lists of ids); SQLite's own
page cache is bounded by ``cache_size`` whatever the file's size.
"""

from __future__ import annotations

import statistics
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QLocale, QSettings, Qt
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QApplication

from bench.common import Cache, Outcome, Row
from tiklive_desktop.gui.context import AccountSelection, Context
from tiklive_desktop.gui.formatting import Formatter
from tiklive_desktop.gui.messages import DialogService
from tiklive_desktop.gui.models.sessions_model import SessionTableModel
from tiklive_desktop.gui.settings import UiSettings
from tiklive_desktop.gui.store import DataStore
from tiklive_desktop.storage.database import open_database
from tiklive_desktop.storage.repository import Repository

SCREEN = 40
STEPS = ("create", "first screen", "sort by Diamonds", "jump to end")


def open_context(path: Path, settings_file: Path) -> Context:
    QApplication.instance() or QApplication([])
    repo = Repository(open_database(path))
    return Context(
        store=DataStore(repo, path),
        undo=QUndoStack(),
        dialogs=DialogService(None),
        fmt=Formatter(QLocale(QLocale.Language.English, QLocale.Country.UnitedStates)),
        settings=UiSettings(QSettings(str(settings_file), QSettings.Format.IniFormat)),
        account=AccountSelection(),
    )


def show_rows(model: SessionTableModel, first: int) -> list[list[str]]:
    """The display text of ``SCREEN`` rows from ``first``: what a view asks to paint them."""
    rows = range(max(0, first), min(model.rowCount(), first + SCREEN))
    return [[model.data(model.index(r, c)) for c in range(model.columnCount())] for r in rows]


def diamonds_column(model: SessionTableModel) -> int:
    return next(i for i, c in enumerate(model.columns) if c.key == "diamonds")


def sequence(ctx: Context) -> tuple[dict[str, Callable[[], object]], dict[str, object]]:
    """The steps as callables sharing one model, and a dict their results land in."""
    state: dict[str, object] = {}

    def create() -> None:
        state["model"] = SessionTableModel(ctx)

    def model() -> SessionTableModel:
        found = state["model"]
        assert isinstance(found, SessionTableModel)
        return found

    def first_screen() -> None:
        state["first"] = show_rows(model(), 0)

    def sort() -> None:
        m = model()
        m.sort(diamonds_column(m), Qt.SortOrder.DescendingOrder)
        state["sorted"] = show_rows(m, 0)
        state["top"] = [m.data(m.index(r, diamonds_column(m)), Qt.ItemDataRole.UserRole + 1)
                        for r in range(min(SCREEN, m.rowCount()))]  # fmt: skip

    def end() -> None:
        m = model()
        state["last"] = show_rows(m, m.rowCount() - SCREEN)
        state["count"] = m.rowCount()

    return dict(zip(STEPS, (create, first_screen, sort, end), strict=True)), state


def _measure(ctx: Context, repeat: int) -> tuple[dict[str, float], int, dict[str, object]]:
    times: dict[str, list[float]] = {step: [] for step in STEPS}
    state: dict[str, object] = {}
    for _ in range(repeat + 1):  # the first round warms the page cache; not counted
        steps, state = sequence(ctx)
        for step, action in steps.items():
            started = time.perf_counter()
            action()
            times[step].append(time.perf_counter() - started)
    medians = {step: statistics.median(values[1:]) for step, values in times.items()}
    steps, _ = sequence(ctx)
    tracemalloc.start()
    for action in steps.values():
        action()
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return medians, peak, state


def run(cache: Cache, sizes: tuple[int, int], repeat: int, folder: Path) -> Outcome:
    results = []
    for n in sizes:
        ctx = open_context(cache.demo(n), folder / f"model-{n}.ini")
        try:
            results.append(_measure(ctx, repeat))
        finally:
            ctx.store.repo.conn.close()
    (small, small_peak, _), (big, big_peak, state) = results
    label = f"{sizes[1]:,} vs {sizes[0]:,} sessions"
    rows = [Row(f"P4.{i + 1}", f"sessions model: {step}", big[step], small[step], 1.5)
            for i, step in enumerate(STEPS)]  # fmt: skip
    total_big, total_small = sum(big.values()), sum(small.values())
    rows.insert(0, Row("P4", f"sessions model, all steps, {label}", total_big, total_small, 1.5))
    rows.append(Row("P4.mem", "sessions model: peak memory", big_peak, small_peak, 1.3, "B"))
    return Outcome(rows, dict(state))

"""Freshness: hidden widgets refresh when shown; a burst of changes costs one deferred refresh."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QWidget

from tiklive_desktop.gui.widgets.freshness import Freshness

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


class Counting(QWidget):
    def __init__(self, **options: bool) -> None:
        super().__init__()
        self.refreshes = 0
        self.fresh = Freshness(self, self.refresh, **options)

    def refresh(self) -> None:
        self.fresh.done()
        self.refreshes += 1


def test_a_hidden_widget_waits_until_it_is_shown(qtbot) -> None:
    widget = Counting()
    qtbot.addWidget(widget)
    widget.fresh.changed()
    widget.fresh.changed()
    assert widget.refreshes == 0 and widget.fresh.stale
    widget.show()
    assert widget.refreshes == 1 and not widget.fresh.stale
    widget.hide()
    widget.show()  # nothing changed while hidden: no second read
    assert widget.refreshes == 1


def test_a_visible_widget_refreshes_at_once_or_once_per_burst(qtbot) -> None:
    direct, deferred = Counting(), Counting(deferred=True)
    for widget in (direct, deferred):
        qtbot.addWidget(widget)
        widget.show()
        assert widget.refreshes == 1
        for _ in range(5):
            widget.fresh.changed()
    assert direct.refreshes == 6
    assert deferred.refreshes == 1  # not yet: the event loop has not turned
    qtbot.waitUntil(lambda: deferred.refreshes == 2)
    qtbot.wait(20)
    assert deferred.refreshes == 2


def test_a_direct_refresh_drops_the_pending_one(qtbot) -> None:
    widget = Counting(deferred=True, deferred_on_show=True)
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitUntil(lambda: widget.refreshes == 1)
    widget.fresh.changed()
    widget.refresh()
    qtbot.wait(20)
    assert widget.refreshes == 2

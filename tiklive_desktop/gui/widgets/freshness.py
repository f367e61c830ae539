"""Keeping a widget's figures fresh without refreshing widgets nobody sees.

Every section reads its figures again after a write (``ctx.store.changed``).
A hidden section need not: it is marked stale and reads them when it is next
shown. A visible one reads them at once, or, when ``deferred``, once the event
loop turns, so a burst of writes (an import, an undo of many rows) costs one
refresh. The dashboard, reports, record sections, gift catalog and cash-out
card share this; the charts have their own variant with a delay.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QWidget


class Freshness(QObject):
    """Calls ``refresh`` for ``widget`` when its data changed and it is (or becomes) visible.

    The widget's ``refresh`` should call :meth:`done` first, so that a refresh
    asked for directly also counts.
    """

    def __init__(
        self,
        widget: QWidget,
        refresh: Callable[[], None],
        *,
        deferred: bool = False,
        deferred_on_show: bool = False,
    ) -> None:
        super().__init__(widget)
        self.stale = True
        self._widget = widget
        self._refresh = refresh
        self._deferred = deferred
        self._deferred_on_show = deferred_on_show
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(0)
        self._timer.timeout.connect(refresh)
        widget.installEventFilter(self)

    def changed(self) -> None:
        """The data behind the widget changed: refresh if it is visible, else when shown."""
        self.stale = True
        if self._widget.isVisible():
            self._timer.start() if self._deferred else self._refresh()

    def done(self) -> None:
        """The widget has just read its figures (any pending deferred refresh is dropped)."""
        self._timer.stop()
        self.stale = False

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self._widget and event.type() == QEvent.Type.Show and self.stale:
            self._timer.start() if self._deferred_on_show else self._refresh()
        return False

"""Unexpected errors: log the traceback, tell the user, keep going.

Why not quit: an exception escaping a slot means one action failed, not that
the data is in danger (every write is one transaction, so a failed action
stored nothing or all of it). Quitting would lose what is typed in an open
editor; instead the window and every open dialog stay as they were, and a
message says what happened and where the log with the details is.

:class:`CrashHandler` replaces ``sys.excepthook`` (PySide reports an
exception escaping a slot or a virtual method through it) and
``threading.excepthook`` (a worker thread's exception is logged there and
its dialog is shown on the GUI thread through a queued signal). ``show`` is
injectable, like the DialogService, so tests see the message without a
modal box. The same error repeating (a paint event failing on every frame)
is logged each time but shown once per ``QUIET_SECONDS``.
"""

from __future__ import annotations

import logging
import sys
import threading
import time
import traceback
from collections.abc import Callable
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import QCoreApplication, QObject, Qt, Signal
from PySide6.QtWidgets import QApplication, QMessageBox

log = logging.getLogger(__name__)

Show = Callable[[str, str, str], None]
"""(title, message, details) -> shows them; details is the traceback."""

QUIET_SECONDS = 10.0
ExcInfo = tuple[type[BaseException], BaseException, TracebackType | None]


def _tr(text: str) -> str:
    return QCoreApplication.translate("CrashHandler", text)


def message_box(title: str, message: str, details: str) -> None:
    """The default ``show``: a warning box over the active window, traceback under Details."""
    box = QMessageBox(QMessageBox.Icon.Warning, title, message, parent=QApplication.activeWindow())
    box.setDetailedText(details)
    box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    box.exec()


def describe(error: BaseException, log_file: Path | None) -> str:
    """What the dialog says: what happened, that nothing typed is lost, where the log is."""
    what = f"{type(error).__name__}: {error}" if str(error) else type(error).__name__
    where = (
        _tr("The details are in the log file:\n{path}").format(path=log_file)
        if log_file is not None
        else _tr("The details could not be written to a log file; they are shown below.")
    )
    return "\n\n".join(
        [
            _tr("Something went wrong, and the last action may not have finished:"),
            what,
            _tr(
                "Your data is safe: each change is saved whole or not at all. Open windows "
                "keep what you typed; check the last change, then carry on."
            ),
            where,
        ]
    )


class CrashHandler(QObject):
    """Installs the hooks; logs every unexpected exception and shows it (once at a time)."""

    thread_error = Signal(object)
    """Carries a worker thread's exc_info to the GUI thread (queued)."""

    def __init__(
        self, log_file: Path | None, show: Show | None = None, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self.log_file = log_file
        self.show = show or message_box
        self.shown = 0
        self._showing = False
        self._last: tuple[str, float] | None = None
        self._previous: tuple[object, object] | None = None
        self.thread_error.connect(self._show_queued, Qt.ConnectionType.QueuedConnection)

    def install(self) -> None:
        if self._previous is None:
            self._previous = (sys.excepthook, threading.excepthook)
        sys.excepthook = self.handle
        threading.excepthook = self.handle_thread

    def uninstall(self) -> None:
        if self._previous is not None:
            sys.excepthook, threading.excepthook = self._previous  # type: ignore[assignment]
            self._previous = None

    def handle(
        self,
        kind: type[BaseException],
        error: BaseException,
        trace: TracebackType | None,
    ) -> None:
        """``sys.excepthook``: Ctrl+C behaves as before; anything else is logged and shown."""
        if issubclass(kind, KeyboardInterrupt):
            sys.__excepthook__(kind, error, trace)
            return
        log.critical("unexpected error", exc_info=(kind, error, trace))
        if threading.current_thread() is threading.main_thread():
            self._show((kind, error, trace))
        else:
            self.thread_error.emit((kind, error, trace))

    def handle_thread(self, args: threading.ExceptHookArgs) -> None:
        if args.exc_value is None:
            return
        if issubclass(args.exc_type, SystemExit):
            return  # a thread's normal way out
        log.critical(
            "unexpected error in thread %s",
            args.thread.name if args.thread else "?",
            exc_info=(args.exc_type, args.exc_value, args.exc_traceback),
        )
        self.thread_error.emit((args.exc_type, args.exc_value, args.exc_traceback))

    def _show_queued(self, info: ExcInfo) -> None:
        self._show(info)

    def _show(self, info: ExcInfo) -> None:
        kind, error, trace = info
        key = f"{kind.__name__}: {error}"
        now = time.monotonic()
        repeat = self._last is not None and self._last[0] == key
        if self._showing or (repeat and now - self._last[1] < QUIET_SECONDS):  # type: ignore[index]
            return  # logged above; one dialog at a time, and no flood of the same one
        self._last = (key, now)
        self._showing = True
        details = "".join(traceback.format_exception(kind, error, trace))
        try:
            self.show(_tr("Unexpected error"), describe(error, self.log_file), details)
            self.shown += 1
        except Exception:  # the dialog itself failed: the log still has it all
            log.exception("could not show the unexpected-error dialog")
        finally:
            self._showing = False


__all__ = ["CrashHandler", "describe", "message_box"]

"""The Qt binding itself must not corrupt the interpreter: a guard for the pinned versions."""

from __future__ import annotations

import sys

from PySide6.QtCore import QObject, Signal


class _Emitter(QObject):
    fired = Signal()
    named = Signal(str)


def test_emit_from_python_keeps_references_to_true(qtbot) -> None:
    """PySide6 6.12.0 lost one reference to True per emit() and aborted CPython 3.11
    after a few hundred signals; pyproject.toml excludes it. A new release with the
    same bug fails here instead of in a creator's hands."""
    emitter = _Emitter()
    received: list[str] = []
    emitter.fired.connect(lambda: received.append(""))
    emitter.named.connect(received.append)
    before = sys.getrefcount(True)
    for _ in range(200):
        emitter.fired.emit()
        emitter.named.emit("x")
    assert len(received) == 400
    assert sys.getrefcount(True) >= before - 5

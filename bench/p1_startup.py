"""P1: start-up of the real app to its first paint, beside a bare PySide6 + pyqtgraph window.

Both are measured the same way: the wall time of a fresh Python subprocess
(offscreen Qt platform) from launch to exit at the first paint of its window.
Each side is run once untimed first, so the file cache is warm for both.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

from bench.common import Cache, Outcome, Row, fresh_copy, median_pair

BARE = """\
import sys
import pyqtgraph  # noqa: F401  (the app imports it too)
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QMainWindow


class FirstPaint(QObject):
    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.Paint:
            QTimer.singleShot(0, lambda: QApplication.exit(0))
        return False


app = QApplication(sys.argv[:1])
window = QMainWindow()
window.resize(1280, 800)
watcher = FirstPaint(window)
window.installEventFilter(watcher)
window.show()
sys.exit(app.exec())
"""


def _environment(home: Path) -> dict[str, str]:
    """Offscreen Qt, and settings/data folders in a throwaway home (the user's are untouched)."""
    env = dict(os.environ)
    env.update(
        QT_QPA_PLATFORM="offscreen",
        HOME=str(home),
        XDG_CONFIG_HOME=str(home / "config"),
        XDG_DATA_HOME=str(home / "data"),
        XDG_CACHE_HOME=str(home / "cache"),
    )
    return env


def _runner(command: list[str], env: dict[str, str]) -> subprocess.CompletedProcess[bytes]:
    result = subprocess.run(command, env=env, capture_output=True, timeout=120, check=False)
    if result.returncode != 0:
        raise RuntimeError(f"{command} exited {result.returncode}: {result.stderr[-2000:]!r}")
    return result


def run(cache: Cache, sessions: int, repeat: int) -> Outcome:
    with tempfile.TemporaryDirectory(prefix="tiklive-bench-p1-") as folder:
        home = Path(folder)
        db = fresh_copy(cache.demo(sessions), home / "startup.sqlite")
        bare = home / "bare_window.py"
        bare.write_text(BARE)
        env = _environment(home)
        app_cmd = [sys.executable, "-m", "tiklive_desktop", "--smoke", "--db", str(db)]
        bare_cmd = [sys.executable, str(bare)]
        first = _runner(app_cmd, env)  # warm-up (and proof that the smoke run succeeds)
        _runner(bare_cmd, env)
        ours, anchor = median_pair(
            lambda: _runner(app_cmd, env), lambda: _runner(bare_cmd, env), repeat
        )
    row = Row(
        "P1",
        f"start-up to first paint, {sessions:,} sessions",
        ours,
        anchor,
        1.25,
    )
    painted = b"first paint done" in first.stderr + first.stdout
    return Outcome([row], {"smoke_exit": first.returncode, "painted": painted})

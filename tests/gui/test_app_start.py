"""The real entry point starts, paints and stops; the window opens on a database file."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from tiklive_desktop.gui.application import build_window


def test_window_opens_on_a_new_database_file(qtbot, tmp_path: Path, settings) -> None:
    path = tmp_path / "mine.db"
    window = build_window(path, settings)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    assert path.exists()
    assert "mine.db" in window.windowTitle()
    assert "Balance: 0" in window.status_balance.text()


def test_smoke_flag_paints_and_exits_zero(tmp_path: Path) -> None:
    env = {**os.environ, "TIKLIVE_DATA_DIR": str(tmp_path / "data"), "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run(
        [sys.executable, "-m", "tiklive_desktop", "--smoke"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "data" / "tiklive.db").exists()

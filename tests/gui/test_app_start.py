"""The real entry point starts, paints and stops; the window opens on a database file."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from tiklive_desktop.gui.application import build_window
from tiklive_desktop.storage.repository import SessionQuery


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
    # Everything logged goes to the rotating file in the data folder too (issue 8).
    log_text = (tmp_path / "data" / "logs" / "tiklive.log").read_text()
    assert "first paint done" in log_text
    assert "quick_check skipped" not in log_text


def test_smoke_can_open_every_section_before_exiting(tmp_path: Path) -> None:
    """What the package test asks of a frozen build: every section and chart tab loads."""
    env = {
        **os.environ,
        "TIKLIVE_DATA_DIR": str(tmp_path / "data"),
        "QT_QPA_PLATFORM": "offscreen",
        "TIKLIVE_SMOKE_ALL_SECTIONS": "1",
    }
    done = subprocess.run(
        [sys.executable, "-m", "tiklive_desktop", "--smoke"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert "--smoke opened all 7 sections" in done.stderr


def test_a_second_start_skips_quick_check_and_builds_no_hidden_section(tmp_path: Path) -> None:
    """Issue 7, P1: the file the first run closed cleanly is not read page by page again,
    and the sections not shown first (nor their modules) are not loaded before first paint."""
    env = {**os.environ, "TIKLIVE_DATA_DIR": str(tmp_path / "data"), "QT_QPA_PLATFORM": "offscreen"}
    db = tmp_path / "mine.db"
    runs = [
        subprocess.run(
            [sys.executable, *flags, "-m", "tiklive_desktop", "--smoke", "--db", str(db)],
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
        )
        for flags in ([], ["-X", "importtime"])
    ]
    assert [run.returncode for run in runs] == [0, 0], runs[-1].stderr[-2000:]
    assert "quick_check skipped" not in runs[0].stderr  # a new file: made, not checked
    assert "quick_check skipped" in runs[1].stderr
    imported = runs[1].stderr
    assert "tiklive_desktop.gui.sections.dashboard\n" in imported  # importtime does list modules
    for name in ("sessions", "payouts", "income", "gifts", "reports"):
        assert f"tiklive_desktop.gui.sections.{name}\n" not in imported


def test_first_run_offer_of_demo_data_opens_the_demo_database(
    qtbot, tmp_path: Path, settings, monkeypatch
) -> None:
    from tiklive_desktop.gui.application import Windows

    monkeypatch.setenv("TIKLIVE_DATA_DIR", str(tmp_path / "data"))
    windows = Windows(settings, first_run=False)
    assert windows.open(tmp_path / "data" / "tiklive.db")
    first = windows.window
    assert first is not None
    qtbot.addWidget(first)
    first.demo_requested.emit()  # what "Load demo data instead" in the welcome asks for
    assert windows.window is not first
    assert windows.window is not None
    qtbot.addWidget(windows.window)
    assert windows.window.ctx.store.path == tmp_path / "data" / "demo.db"
    assert windows.window.ctx.store.repo.count_sessions(SessionQuery()) == 600
    assert not first.isVisible()
    # The creator's own (empty) database is still there, untouched by the demo.
    assert (tmp_path / "data" / "tiklive.db").exists()


def test_a_file_that_is_not_a_database_is_refused_with_a_message(
    qtbot, tmp_path: Path, settings, monkeypatch
) -> None:
    from PySide6.QtWidgets import QMessageBox

    from tiklive_desktop.gui.application import Windows

    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "critical", lambda parent, title, text: shown.append(text))
    junk = tmp_path / "notes.db"
    junk.write_bytes(b"these are my notes, not a database" * 100)
    before = junk.read_bytes()
    assert not Windows(settings, first_run=False).open(junk)
    assert shown and "not a TikLive Desktop database" in shown[0]
    assert junk.read_bytes() == before

"""Data safety in the window: a second instance, refused files, backups on close, restore."""

from __future__ import annotations

import hashlib
import os
import sqlite3
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import SIGNAL, QLocale, Qt

from tiklive_desktop.core.entities import Account, Session
from tiklive_desktop.gui.application import Windows
from tiklive_desktop.gui.file_safety import (
    BACKUP_KEEP,
    DatabaseLock,
    RestoreBackupDialog,
    is_read_only,
)
from tiklive_desktop.gui.formatting import Formatter
from tiklive_desktop.storage import backups, file_check
from tiklive_desktop.storage.database import open_database
from tiklive_desktop.storage.queries import SessionQuery
from tiklive_desktop.storage.repository import Repository
from tiklive_desktop.storage.safety_corpus import png_bytes

DAY = datetime(2026, 11, 1, 21, 0)


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def fill(path: Path, count: int) -> None:
    db = open_database(path)
    repo = Repository(db)
    found = repo.list_accounts()
    account = found[0] if found else repo.add_account(Account("luna.sings", "Luna", "US"))
    assert account.id is not None
    first = datetime(2026, 1, 1, 20, 0) + timedelta(days=repo.count_sessions(SessionQuery()))
    repo.add_sessions(
        Session(account.id, first + timedelta(days=i), timedelta(hours=1), 100)
        for i in range(count)
    )
    db.close()


def sessions_in(windows: Windows) -> int:
    assert windows.window is not None
    return windows.window.ctx.store.repo.count_sessions(SessionQuery())


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "tiklive.db"
    fill(path, 3)
    return path


@pytest.fixture
def windows(qtbot, settings, dialogs, tmp_path: Path) -> Windows:
    made = Windows(settings, first_run=False, dialogs=dialogs, backups_folder=tmp_path / "backups")
    yield made
    if made.window is not None:
        made.window.close()


def test_a_second_instance_is_offered_read_only_and_really_cannot_write(
    qtbot, windows: Windows, dialogs, db: Path
) -> None:
    first = DatabaseLock(db)  # the other instance
    assert first.acquire()
    before = digest(db)
    dialogs.answers = [True]  # "Open Read-Only"
    assert windows.open(db)
    assert "already open in another TikLive Desktop window" in dialogs.asked[0]
    window = windows.window
    assert window is not None and is_read_only(window)
    assert window.windowTitle().endswith("[read-only]")
    a = window.actions
    for action in (a.new_session, a.edit_selected, a.delete_selected, a.import_sessions):
        assert not action.isEnabled()
    assert not window.restore_backup_action.isEnabled()
    window.nav.setCurrentRow(1)  # the main window re-enables Edit/Delete on selection...
    window.sessions.view.selectRow(0)
    assert window.sessions.selected_ids()
    assert not a.edit_selected.isEnabled() and not a.delete_selected.isEnabled()
    # A double-click in Sessions must not open the editor: nothing listens any more.
    assert window.sessions.receivers(SIGNAL("edit_requested(int)")) == 0
    assert window.payouts.table.receivers(SIGNAL("edit_requested(PyObject)")) == 0
    for button in (window.payouts.new_button, window.gifts.add_button, window.sessions.new_button):
        assert button.isHidden()
    assert sessions_in(windows) == 3  # ...but reading works
    with pytest.raises(sqlite3.OperationalError):
        window.ctx.store.repo.add_account(Account("intruder"))
    window.close()
    assert digest(db) == before
    assert not (db.parent / "backups").exists()  # a read-only window makes no backups
    first.release()


def test_a_second_instance_can_quit_instead(windows: Windows, dialogs, db: Path) -> None:
    first = DatabaseLock(db)
    assert first.acquire()
    dialogs.answers = [False]  # "Cancel": quit
    assert not windows.open(db)
    assert windows.window is None
    first.release()


def test_closing_makes_one_backup_a_day_and_releases_the_lock(
    qtbot, windows: Windows, settings, db: Path, tmp_path: Path
) -> None:
    settings.set(BACKUP_KEEP, 3)
    assert windows.open(db)
    lock_file = Path(f"{db}.lock")
    assert lock_file.exists()
    assert windows.window is not None
    windows.window.close()
    assert not lock_file.exists()
    [made] = backups.list_backups(db, tmp_path / "backups")
    assert made.sessions == 3
    assert windows.open(db)  # the same day again: no second backup
    assert windows.window is not None
    windows.window.close()
    assert len(backups.list_backups(db, tmp_path / "backups")) == 1


def test_a_damaged_file_offers_the_latest_backup_and_keeps_the_damaged_one(
    qtbot, windows: Windows, dialogs, db: Path, tmp_path: Path
) -> None:
    backups.make_backup(db, db, folder=tmp_path / "backups", now=DAY)
    fill(db, 2)  # 5 sessions now; then the file is damaged
    db.write_bytes(db.read_bytes()[: 8192 + 100])
    before = digest(db)
    dialogs.answers = [True]  # "Open Backup"
    assert windows.open(db)
    assert "is damaged" in dialogs.asked[0] and "3 sessions" in dialogs.asked[0]
    assert sessions_in(windows) == 3
    [aside] = db.parent.glob("tiklive.db.damaged-*")
    assert digest(aside) == before  # kept, byte for byte


def test_declining_the_backup_leaves_the_damaged_file_untouched(
    windows: Windows, dialogs, db: Path, tmp_path: Path
) -> None:
    backups.make_backup(db, db, folder=tmp_path / "backups", now=DAY)
    db.write_bytes(png_bytes())
    dialogs.answers = [False]
    assert not windows.open(db)
    assert "it is a PNG image" in dialogs.asked[0]
    assert db.read_bytes() == png_bytes()
    assert not Path(f"{db}.lock").exists()  # the lock was given back


@pytest.mark.parametrize("kind", ["empty", "newer"])
def test_without_a_sensible_backup_only_the_message_is_shown(
    windows: Windows, dialogs, db: Path, tmp_path: Path, kind: str
) -> None:
    backups.make_backup(db, db, folder=tmp_path / "backups", now=DAY)
    if kind == "empty":
        db = db.with_name("other.db")  # no backups of this one
        db.write_bytes(b"")
    else:  # a newer app's file: an older backup would lose its newer records
        conn = sqlite3.connect(db)
        conn.execute("PRAGMA user_version = 99")
        conn.close()
    before = digest(db)
    assert not windows.open(db)
    assert dialogs.asked == []
    assert len(dialogs.told) == 1 and str(db) in dialogs.told[0]
    assert digest(db) == before


def test_a_read_only_file_is_offered_read_only(qtbot, windows: Windows, dialogs, db: Path) -> None:
    db.chmod(0o400)
    try:
        before = digest(db)
        dialogs.answers = [True]
        assert windows.open(db)
        assert "read-only" in dialogs.asked[0]
        assert windows.window is not None and is_read_only(windows.window)
        assert sessions_in(windows) == 3
        windows.window.close()
        assert digest(db) == before
    finally:
        db.chmod(0o600)


def test_restore_dialog_lists_backups_and_asks_before_restoring(
    qtbot, dialogs, db: Path, tmp_path: Path
) -> None:
    folder = tmp_path / "backups"
    backups.make_backup(db, db, folder=folder, now=DAY)
    fill(db, 2)
    backups.make_backup(db, db, folder=folder, now=DAY + timedelta(days=1))
    us = Formatter(QLocale(QLocale.Language.English, QLocale.Country.UnitedStates))
    dialog = RestoreBackupDialog(dialogs, db, folder, fmt=us)
    qtbot.addWidget(dialog)
    table = dialog.table
    assert table.rowCount() == 2
    assert [table.item(r, 0).text() for r in range(2)] == [
        us.datetime(DAY + timedelta(days=1)),
        us.datetime(DAY),
    ]
    assert table.item(0, 0).text().startswith("11/2/26")  # the locale's date, not ISO
    assert [table.item(r, 1).text() for r in range(2)] == ["5", "3"]
    assert table.item(0, 1).textAlignment() & Qt.AlignmentFlag.AlignRight
    assert dialog.selected() == dialog.found[0]  # the newest is preselected
    assert dialog.restore_button.isEnabled()
    table.selectRow(1)
    assert dialog.restore_button.isEnabled()
    dialogs.answers = [False]
    qtbot.mouseClick(dialog.restore_button, Qt.MouseButton.LeftButton)
    assert dialog.chosen is None and "(3 sessions)" in dialogs.asked[0]
    qtbot.mouseClick(dialog.restore_button, Qt.MouseButton.LeftButton)  # yes this time
    assert dialog.chosen is not None and dialog.chosen.sessions == 3
    assert dialog.result() == RestoreBackupDialog.DialogCode.Accepted


def test_restore_from_the_window_backs_up_restores_and_reopens(
    qtbot, windows: Windows, dialogs, db: Path, tmp_path: Path
) -> None:
    folder = tmp_path / "backups"
    old = backups.make_backup(db, db, folder=folder, now=DAY)
    fill(db, 4)
    assert windows.open(db)
    first = windows.window
    assert first is not None and sessions_in(windows) == 7
    file_menu = first.menuBar().actions()[0].menu()
    texts = [a.text() for a in file_menu.actions()]
    assert texts.index("&Restore from Backup…") == texts.index("&Back Up Database…") + 1
    assert windows.restore(first, old)
    assert windows.window is not first and sessions_in(windows) == 3
    assert "Restored tiklive.db" in dialogs.told[-1]
    listed = backups.list_backups(db, folder)
    assert [(b.label, b.sessions) for b in listed] == [("before-restore", 7), ("", 3)]
    assert Path(f"{db}.lock").exists()  # still ours


def test_an_empty_dialog_says_how_backups_come_about(qtbot, dialogs, db: Path, tmp_path) -> None:
    dialog = RestoreBackupDialog(dialogs, db, tmp_path / "none")
    qtbot.addWidget(dialog)
    assert dialog.table.isHidden() and not dialog.empty.isHidden()
    assert "when you close the app" in dialog.empty.text()


def test_opening_the_file_already_shown_is_not_mistaken_for_another_instance(
    qtbot, windows: Windows, dialogs, db: Path
) -> None:
    assert windows.open(db)
    first = windows.window
    assert windows.open(db.parent / "." / db.name)
    assert windows.window is first and dialogs.asked == []


def test_quitting_without_closing_the_window_still_backs_up_and_unlocks(
    qtbot, windows: Windows, db: Path, tmp_path: Path
) -> None:
    assert windows.open(db)
    windows.shutdown()  # what QApplication.aboutToQuit calls
    assert not Path(f"{db}.lock").exists()
    assert len(backups.list_backups(db, tmp_path / "backups")) == 1
    assert windows.window is not None
    windows.window.close()  # later close events do nothing twice
    assert len(backups.list_backups(db, tmp_path / "backups")) == 1


@pytest.fixture
def quick_checks(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Each real ``PRAGMA quick_check`` run (they still run), by file name."""
    ran: list[str] = []
    real = file_check.run_quick_check

    def counting(conn: sqlite3.Connection) -> list[str]:
        ran.append(Path(conn.execute("PRAGMA database_list").fetchone()[2]).name)
        return real(conn)

    monkeypatch.setattr(file_check, "run_quick_check", counting)
    return ran


def test_a_file_as_the_app_left_it_opens_without_quick_check_a_changed_one_with_it(
    qtbot, windows: Windows, db: Path, quick_checks: list[str]
) -> None:
    assert windows.open(db)
    assert quick_checks == ["tiklive.db"]  # new to the app: checked
    assert windows.window is not None
    windows.window.close()  # a clean close: the database closed, the -wal folded in
    assert not Path(f"{db}-wal").exists() and not Path(f"{db}.lock").exists()
    assert windows.open(db)
    assert quick_checks == ["tiklive.db"]  # exactly as left: not checked again
    windows.window.close()
    fill(db, 1)  # another program (here: a script) writes to it
    checked = len(quick_checks)  # (the script's own open_database checked it as well)
    assert windows.open(db)
    assert len(quick_checks) == checked + 1
    assert sessions_in(windows) == 4


def test_a_read_only_window_records_nothing_so_the_next_open_checks(
    qtbot, windows: Windows, dialogs, db: Path, quick_checks: list[str]
) -> None:
    first = DatabaseLock(db)
    assert first.acquire()
    dialogs.answers = [True]  # "Open Read-Only"
    assert windows.open(db)
    assert windows.window is not None
    windows.window.close()
    first.release()
    assert file_check.clean_check_time(db) is None
    assert windows.open(db)
    assert quick_checks == ["tiklive.db", "tiklive.db"]


def test_damage_that_keeps_size_and_mtime_is_refused_once_the_recheck_is_due(
    qtbot, windows: Windows, dialogs, db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The trade-off of storage/file_check.py: bit rot is caught by the periodic full check."""
    assert windows.open(db)
    assert windows.window is not None
    windows.window.close()  # recorded as left; today's backup made
    assert file_check.clean_check_time(db) is not None
    stamp = db.stat()
    page_size = int.from_bytes(db.read_bytes()[16:18], "big")
    with db.open("r+b") as handle:  # scribble over the last page, in place
        handle.seek(stamp.st_size - page_size + 8)
        handle.write(b"\xa5" * (page_size - 8))
    os.utime(db, ns=(stamp.st_atime_ns, stamp.st_mtime_ns))
    assert file_check.clean_check_time(db) is not None  # it looks exactly as left
    monkeypatch.setattr(file_check, "RECHECK_AFTER", 0.0)  # the full check is due again
    before = digest(db)
    dialogs.answers = [False]  # decline the backup offered
    assert not windows.open(db)
    assert "is damaged" in dialogs.asked[0] and "holds 3 sessions" in dialogs.asked[0]
    assert digest(db) == before
    assert not Path(f"{db}.lock").exists()


def test_the_read_only_flag_starts_the_real_app_without_changing_the_file(
    db: Path, tmp_path: Path
) -> None:
    import os
    import subprocess
    import sys

    before = digest(db)
    env = {**os.environ, "TIKLIVE_DATA_DIR": str(tmp_path / "data"), "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run(
        [sys.executable, "-m", "tiklive_desktop", "--db", str(db), "--read-only", "--smoke"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert digest(db) == before
    assert not Path(f"{db}.lock").exists() and not (tmp_path / "data" / "backups").exists()

"""The import dialog driven like a person: choose a file, read the dry run, import, undo."""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QUndoStack

from tiklive_desktop.core.entities import Account, Session
from tiklive_desktop.gui.context import AccountSelection, Context
from tiklive_desktop.gui.editors.import_dialog import ImportDialog
from tiklive_desktop.gui.formatting import Formatter
from tiklive_desktop.gui.store import DataStore
from tiklive_desktop.storage.database import open_database
from tiklive_desktop.storage.queries import SessionQuery
from tiklive_desktop.storage.repository import Repository

TODAY = date(2026, 11, 26)
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support")

HEADER = "Date,Duration (min),Diamonds,Likes,Title\n"
GOOD = (
    "2026-10-01 20:00,90,12000,5000,Friday dance\n"
    "2026-10-02 20:00,60,,1200,Monday Q&A\n"
    "2026-10-04 21:00,1:30,400,100,Late show\n"
)
BAD_ROW = "2026-10-03 19:30,45,-50,300,Quick chat\n"  # line 5: negative Diamonds


@pytest.fixture
def dialog(qtbot, ctx: Context, account: Account) -> ImportDialog:
    ctx.account.set(account.id)
    widget = ImportDialog(ctx, today=TODAY)
    qtbot.addWidget(widget)
    widget.show()
    return widget


def choose(qtbot, dialog: ImportDialog, dialogs, path: Path) -> None:
    """Click "Choose File…" and answer the file dialog with ``path``."""
    dialogs.paths = [str(path)]
    qtbot.mouseClick(dialog.choose_button, Qt.MouseButton.LeftButton)


def rows(model) -> list[list[str]]:
    return [
        [model.index(r, c).data() for c in range(model.columnCount())]
        for r in range(model.rowCount())
    ]


def stored(repo: Repository) -> list[tuple[datetime, int | None, str]]:
    return sorted((s.start, s.reported_diamonds, s.title) for s in all_sessions(repo))


def all_sessions(repo: Repository) -> list[Session]:
    return sorted(repo.load_sessions(SessionQuery()), key=lambda s: s.start)


def test_a_bad_row_is_named_with_its_line_and_blocks_the_import(
    qtbot, qtmodeltester, dialog: ImportDialog, dialogs, repo, tmp_path: Path
) -> None:
    path = tmp_path / "history.csv"
    path.write_text(HEADER + GOOD + BAD_ROW)
    choose(qtbot, dialog, dialogs, path)
    assert dialog.file_edit.text() == str(path)
    assert dialog.preview.headers == ["Date", "Duration (min)", "Diamonds", "Likes", "Title"]
    assert rows(dialog.preview)[3] == ["2026-10-03 19:30", "45", "-50", "300", "Quick chat"]
    assert dialog.field_combos["start"].currentText() == "Date"
    assert dialog.field_combos["diamonds"].currentText() == "Diamonds"
    assert dialog.field_combos["notes"].currentText() == "(not in file)"
    assert rows(dialog.tabs.problems) == [
        ["5", "Diamonds", "Reported Diamonds cannot be negative."]
    ]
    assert dialog.tabs.currentIndex() == 2  # the problems are what the user sees first
    assert dialog.tabs.tabText(2) == "Problems (1)"
    assert dialog.summary.text().startswith("3 to add · 0 already recorded · 1 with problems.")
    assert not dialog.import_button.isEnabled()
    for model in (dialog.preview, dialog.tabs.to_add, dialog.tabs.problems):
        qtmodeltester.check(model)
    assert stored(repo) == []


def test_the_fixed_file_imports_in_one_undoable_step(
    qtbot, dialog: ImportDialog, dialogs, repo, ctx: Context, tmp_path: Path
) -> None:
    path = tmp_path / "history.csv"
    path.write_text(HEADER + GOOD + BAD_ROW)
    choose(qtbot, dialog, dialogs, path)
    path.write_text(HEADER + GOOD + BAD_ROW.replace("-50", "50"))  # fixed in the spreadsheet
    choose(qtbot, dialog, dialogs, path)
    assert rows(dialog.tabs.to_add)[1] == [
        "10/2/26 8:00\u202fPM",
        "1 h 00 min",
        "",
        "@luna.sings",
        "Monday Q&A",
    ]
    assert dialog.import_button.text() == "&Import 4 Sessions"
    assert dialog.import_button.isEnabled()
    assert stored(repo) == []  # still nothing before the click
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    assert dialog.result() == ImportDialog.DialogCode.Accepted
    assert stored(repo) == [
        (datetime(2026, 10, 1, 20), 12_000, "Friday dance"),
        (datetime(2026, 10, 2, 20), None, "Monday Q&A"),
        (datetime(2026, 10, 3, 19, 30), 50, "Quick chat"),
        (datetime(2026, 10, 4, 21), 400, "Late show"),
    ]
    assert dialogs.told[-1] == (
        "4 sessions added from history.csv. Edit > Undo takes them out again."
    )
    assert ctx.undo.undoText() == "Import 4 sessions from history.csv"
    ctx.undo.undo()
    assert stored(repo) == []
    ctx.undo.redo()
    assert len(stored(repo)) == 4


def test_undo_takes_out_only_what_the_import_added(
    qtbot, dialog: ImportDialog, dialogs, repo, ctx: Context, account: Account, tmp_path: Path
) -> None:
    """A LIVE already recorded is listed as such, not added, and survives the undo."""
    assert account.id is not None
    repo.add_session(Session(account.id, datetime(2026, 10, 1, 20), timedelta(hours=2), 11_000))
    path = tmp_path / "history.csv"
    path.write_text(HEADER + GOOD)
    choose(qtbot, dialog, dialogs, path)
    assert rows(dialog.tabs.duplicates) == [
        ["2", "10/1/26 8:00\u202fPM", "@luna.sings", "Friday dance"]
    ]
    assert dialog.tabs.tabText(1) == "Already recorded (1)"
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    assert len(stored(repo)) == 3
    ctx.undo.undo()
    assert stored(repo) == [(datetime(2026, 10, 1, 20), 11_000, "")]


def test_cancel_stores_nothing(qtbot, dialog: ImportDialog, dialogs, repo, ctx, tmp_path) -> None:
    path = tmp_path / "history.csv"
    path.write_text(HEADER + GOOD)
    choose(qtbot, dialog, dialogs, path)
    assert dialog.import_button.isEnabled()
    qtbot.mouseClick(dialog.cancel_button, Qt.MouseButton.LeftButton)
    assert dialog.result() == ImportDialog.DialogCode.Rejected
    assert stored(repo) == []
    assert ctx.undo.count() == 0


def test_choosing_a_column_replans(qtbot, dialog: ImportDialog, dialogs, tmp_path) -> None:
    """A header the dialog cannot guess ("Gems") is chosen by hand for the Diamonds."""
    path = tmp_path / "own.csv"
    path.write_text("When,Minutes,Gems\n2026-10-01 20:00,90,12000\n")
    choose(qtbot, dialog, dialogs, path)
    assert dialog.field_combos["diamonds"].currentText() == "(not in file)"
    assert rows(dialog.tabs.to_add)[0][2] == ""
    combo = dialog.field_combos["diamonds"]
    combo.setFocus()
    qtbot.keyClicks(combo, "Gems")
    assert dialog.mapping["diamonds"] == "Gems"
    assert rows(dialog.tabs.to_add)[0][2] == "12,000"
    assert dialog.reading is not None and dialog.reading.plan.mapping["diamonds"] == "Gems"


def test_dates_can_be_read_day_first(qtbot, dialog: ImportDialog, dialogs, tmp_path) -> None:
    path = tmp_path / "uk.csv"
    path.write_text("Date,Duration (min)\n03/04/2026 20:00,60\n")
    choose(qtbot, dialog, dialogs, path)
    dialog.date_order.setCurrentIndex(dialog.date_order.findData("dmy"))
    assert rows(dialog.tabs.to_add)[0][0] == "4/3/26 8:00\u202fPM"  # 3 April
    dialog.date_order.setCurrentIndex(dialog.date_order.findData("mdy"))
    assert rows(dialog.tabs.to_add)[0][0] == "3/4/26 8:00\u202fPM"  # March 4


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "The file is empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00binary", "PNG image"),
        (b"Title,Likes\nhello,3\n", "start"),
        (b'{"Tiktok Live": {"Go Live History": {"GoLiveList": [{"LiveSt', "not valid JSON"),
    ],
    ids=["empty", "binary", "no-start-column", "truncated-json"],
)
def test_unreadable_files_say_why(
    qtbot, dialog: ImportDialog, dialogs, repo, tmp_path: Path, content: bytes, message: str
) -> None:
    path = tmp_path / "broken.csv"
    path.write_bytes(content)
    choose(qtbot, dialog, dialogs, path)
    problems = rows(dialog.tabs.problems)
    assert problems and message in " ".join(problems[0])
    assert not dialog.import_button.isEnabled()
    assert stored(repo) == []


def tiktok_file(path: Path) -> Path:
    lives = [
        {
            "LiveStartTime": "2026-09-12 20:00:00",
            "LiveEndTime": "2026-09-12 21:30:00",
            "RoomId": "7301",
            "RoomTitle": "Friday songs",
            "TotalEarning": "2,500",
            "TotalLike": 18000,
            "TotalView": 950,
            "TotalGifter": 31,
        },
        {
            "LiveStartTime": "2026-09-14 19:00:00",
            "LiveDuration": "3600",
            "RoomId": "7302",
            "RoomTitle": "Sunday chat",
            "TotalEarning": 800,
            "TotalLike": 4000,
        },
    ]
    data = {"Tiktok Live": {"Go Live History": {"GoLiveList": lives}}}
    path.write_text(json.dumps(data, indent=2))
    return path


def test_a_tiktok_data_file_imports_and_a_second_time_adds_nothing(
    qtbot, dialog: ImportDialog, dialogs, repo, ctx: Context, tmp_path: Path
) -> None:
    path = tiktok_file(tmp_path / "user_data_tiktok.json")
    choose(qtbot, dialog, dialogs, path)
    assert dialog.columns_box.isHidden() and dialog.preview_box.isHidden()
    assert "TikTok's data download" in dialog.kind_label.text()
    assert [r[0] for r in rows(dialog.tabs.to_add)] == [
        "9/12/26 8:00\u202fPM",
        "9/14/26 7:00\u202fPM",
    ]
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    sessions = all_sessions(repo)
    assert [(s.reported_diamonds, s.likes, s.duration) for s in sessions] == [
        (2_500, 18_000, timedelta(minutes=90)),
        (800, 4_000, timedelta(hours=1)),
    ]
    assert sessions[0].total_viewers == 950 and sessions[0].gifters == 31

    again = ImportDialog(ctx, today=TODAY)
    qtbot.addWidget(again)
    choose(qtbot, again, dialogs, path)
    assert again.tabs.tabText(1) == "Already recorded (2)"
    assert not again.import_button.isEnabled()
    assert again.summary.text().endswith("There is nothing new to import.")


def test_a_bad_tiktok_record_is_named_by_line_and_key(
    qtbot, dialog: ImportDialog, dialogs, repo, tmp_path: Path
) -> None:
    path = tmp_path / "user_data_tiktok.json"
    lives = [
        {"LiveStartTime": "2026-09-12 20:00:00", "LiveDuration": 60, "TotalEarning": 10},
        {"LiveStartTime": "2026-09-13 20:00:00", "LiveDuration": 60, "TotalEarning": -5},
    ]
    path.write_text(json.dumps({"Tiktok Live": {"Go Live History": {"GoLiveList": lives}}}))
    choose(qtbot, dialog, dialogs, path)
    assert dialog.tabs.problems.headers == ["Line", "Key", "Reason"]
    assert rows(dialog.tabs.problems) == [
        ["1", "TotalEarning", "LIVE #2: Reported Diamonds cannot be negative."]
    ]
    assert not dialog.import_button.isEnabled()
    assert stored(repo) == []


def test_save_template_writes_the_documented_columns(
    qtbot, dialog: ImportDialog, dialogs, tmp_path: Path
) -> None:
    dialogs.paths = [str(tmp_path / "template.csv")]
    qtbot.mouseClick(dialog.template_button, Qt.MouseButton.LeftButton)
    header = (tmp_path / "template.csv").read_text().splitlines()[0]
    assert header.startswith("account,start,duration_minutes,diamonds,likes")
    assert dialogs.told[-1].startswith(f"Fill in {tmp_path / 'template.csv'}")


def test_on_a_database_file_the_import_runs_on_the_worker(
    qtbot, tmp_path: Path, dialogs, settings
) -> None:
    path = tmp_path / "luna.db"
    repo = Repository(open_database(path))
    account = repo.add_account(Account(handle="luna.sings"))
    ctx = Context(
        DataStore(repo, path), QUndoStack(), dialogs, Formatter(), settings, AccountSelection()
    )
    heard: list[str] = []
    ctx.store.changed.connect(heard.append)
    dialog = ImportDialog(ctx, today=TODAY)
    qtbot.addWidget(dialog)
    assert dialog.account.currentData() == account.id  # the only account
    csv_path = tmp_path / "history.csv"
    csv_path.write_text(HEADER + GOOD)
    choose(qtbot, dialog, dialogs, csv_path)
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    assert len(stored(repo)) == 3  # the window's own connection sees the worker's commit
    assert "sessions" in heard
    ctx.undo.undo()
    assert stored(repo) == []


def test_a_screenshot_with_a_preview_and_a_problem(
    qtbot, dialog: ImportDialog, dialogs, tmp_path: Path
) -> None:
    """Rendered for a person to look at (/tmp/import_dialog.png)."""
    path = tmp_path / "history.csv"
    path.write_text(HEADER + GOOD + BAD_ROW)
    choose(qtbot, dialog, dialogs, path)
    dialog.resize(980, 760)
    image = dialog.grab()
    assert image.height() >= 700
    image.save("/tmp/import_dialog.png")

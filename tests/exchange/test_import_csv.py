"""CSV import: preview and mapping, formats, accounts, duplicates, all-or-nothing, the template."""

from __future__ import annotations

import codecs
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest

from tiklive_desktop.core.entities import Account, Session
from tiklive_desktop.exchange.csv_import import (
    TEMPLATE_COLUMNS,
    plan_csv_import,
    read_csv_preview,
    suggest_mapping,
    write_template,
)
from tiklive_desktop.exchange.csv_source import ImportFileError
from tiklive_desktop.exchange.import_plan import ImportRefusedError, apply_plan
from tiklive_desktop.storage.queries import SessionQuery
from tiklive_desktop.storage.repository import Repository

TODAY = date(2026, 6, 1)


@pytest.fixture
def jo(repo: Repository) -> int:
    account = repo.add_account(Account("jo"))
    assert account.id is not None
    return account.id


def write(tmp_path: Path, text: str, name: str = "s.csv", encoding: str = "utf-8") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


# --- preview and mapping -----------------------------------------------------------


@pytest.mark.parametrize(
    ("header", "field"),
    [
        ("Date", "start"),
        ("Start Time", "start"),
        ("start_time", "start"),
        ("Duration (min)", "duration_minutes"),
        ("Duration (h:mm)", "duration_minutes"),
        ("Duration (hours)", "duration_hours"),
        ("Diamonds", "diamonds"),
        ("💎", "diamonds"),
        ("💎 Diamonds", "diamonds"),
        ("❤️", "likes"),
        ("Peak Viewers", "peak_viewers"),
        ("Views", "total_viewers"),
        ("New followers", "new_followers"),
        ("@Handle", "account"),
        ("Time", "time"),
        ("End time", "end"),
    ],
)
def test_headers_people_use_are_suggested(header: str, field: str) -> None:
    mapping = suggest_mapping(["whatever", header])
    assert mapping[field] == header


@pytest.mark.parametrize(
    "headers",
    [["Date", "Start time", "Minutes"], ["start time", "date", "minutes"], ["Day", "Time"]],
)
def test_a_date_column_beside_a_time_column_gives_both(headers: list[str]) -> None:
    mapping = suggest_mapping(headers)
    day = next(h for h in headers if h.lower() in ("date", "day"))
    clock = next(h for h in headers if "time" in h.lower())
    assert (mapping["start"], mapping["time"]) == (day, clock)


def test_a_lone_start_time_column_is_the_start() -> None:
    mapping = suggest_mapping(["Start time", "Diamonds"])
    assert (mapping["start"], mapping["time"]) == ("Start time", None)


def test_computed_export_columns_are_not_mistaken_for_diamonds() -> None:
    mapping = suggest_mapping(["credited_diamonds", "diamonds", "net_usd"])
    assert mapping["diamonds"] == "diamonds"


def test_preview_shows_headers_sample_rows_and_a_proven_date_order(tmp_path: Path) -> None:
    text = "Date;Duration (min);💎\n03/04/2024 20:00;60;10\n25/04/2024 20:00;90;20\n"
    headers, rows, mapping = read_csv_preview(write(tmp_path, "\ufeff" + text), rows=1)
    assert headers == ["Date", "Duration (min)", "💎"]
    assert rows == [["03/04/2024 20:00", "60", "10"]]
    assert (mapping["start"], mapping["duration_minutes"], mapping["diamonds"]) == (
        "Date",
        "Duration (min)",
        "💎",
    )
    assert mapping["date_order"] is None  # the one sample row proves nothing
    assert read_csv_preview(tmp_path / "s.csv")[2]["date_order"] == "dmy"  # 25/04 does


def test_preview_of_an_unreadable_file_raises_with_the_reason(tmp_path: Path) -> None:
    with pytest.raises(ImportFileError, match="The file is empty"):
        read_csv_preview(write(tmp_path, ""))


# --- formats ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("start", "order", "expected"),
    [
        ("2024-03-01 20:30", None, datetime(2024, 3, 1, 20, 30)),
        ("2024-03-01T20:30:15", None, datetime(2024, 3, 1, 20, 30, 15)),
        ("2024/03/01 20:30", None, datetime(2024, 3, 1, 20, 30)),
        ("01/03/2024 20:30", "dmy", datetime(2024, 3, 1, 20, 30)),
        ("01/03/2024 20:30", "mdy", datetime(2024, 1, 3, 20, 30)),
        ("13.03.2024 20:30", None, datetime(2024, 3, 13, 20, 30)),
        ("03/13/2024 8:30 PM", None, datetime(2024, 3, 13, 20, 30)),
        ("03/13/2024 12:05 am", None, datetime(2024, 3, 13, 0, 5)),
        ("2024-03-01T20:30:00Z", None, datetime(2024, 3, 1, 20, 30)),
    ],
)
def test_date_formats(
    repo: Repository, jo: int, tmp_path: Path, start: str, order: str | None, expected: datetime
) -> None:
    from datetime import UTC

    path = write(tmp_path, f"start,duration_minutes\n{start},60\n")
    plan = plan_csv_import(
        repo, path, account_id=jo, mapping={"date_order": order}, today=TODAY, tz=UTC
    )
    assert plan.ok, plan.problems
    assert [s.start for s in plan.to_add] == [expected]


def test_a_day_above_12_decides_the_order_for_the_whole_file(
    repo: Repository, jo: int, tmp_path: Path
) -> None:
    path = write(tmp_path, "start,duration_minutes\n03/04/2024 20:00,60\n25/04/2024 20:00,60\n")
    plan = plan_csv_import(repo, path, account_id=jo, today=TODAY)
    assert [s.start.date() for s in plan.to_add] == [date(2024, 4, 3), date(2024, 4, 25)]
    assert plan.mapping["date_order"] == "dmy"
    assert "Dates read as day/month/year: line 3 has 25/04/2024 20:00." in plan.notices


@pytest.mark.parametrize(
    ("column", "value", "expected"),
    [
        ("duration_minutes", "95", timedelta(minutes=95)),
        ("duration_minutes", "1:35", timedelta(minutes=95)),
        ("duration_minutes", "1:35:20", timedelta(minutes=95, seconds=20)),
        ("duration_minutes", "90.5", timedelta(minutes=90, seconds=30)),
        ("duration_minutes", "1h 35m", timedelta(minutes=95)),
        ("Duration (hours)", "1.5", timedelta(minutes=90)),
        ("duration_seconds", "5400", timedelta(minutes=90)),
        ("end", "2024-03-01 21:35", timedelta(minutes=95)),
    ],
)
def test_durations(
    repo: Repository, jo: int, tmp_path: Path, column: str, value: str, expected: timedelta
) -> None:
    path = write(tmp_path, f"start,{column}\n2024-03-01 20:00,{value}\n")
    plan = plan_csv_import(repo, path, account_id=jo, today=TODAY)
    assert [s.duration for s in plan.to_add] == [expected]


@pytest.mark.parametrize("delimiter", [",", ";", "\t"])
def test_delimiters_are_sniffed(repo: Repository, jo: int, tmp_path: Path, delimiter: str) -> None:
    rows = [["start", "duration_minutes", "title"], ["2024-03-01 20:00", "60", "Hi, all; ok"]]
    lines = [delimiter.join(f'"{c}"' if "," in c or ";" in c else c for c in r) for r in rows]
    path = write(tmp_path, "\r\n".join(lines) + "\r\n")
    plan = plan_csv_import(repo, path, account_id=jo, today=TODAY)
    assert [s.title for s in plan.to_add] == ["Hi, all; ok"]


def test_excel_sep_line_bom_and_utf16(repo: Repository, jo: int, tmp_path: Path) -> None:
    text = "sep=;\nstart;duration_minutes;title\n2024-03-01 20:00;60;Café 💃\n"
    for name, data in [
        ("sep.csv", text.encode("utf-8")),
        ("bom.csv", codecs.BOM_UTF8 + text.encode("utf-8")),
        ("u16.csv", text.encode("utf-16")),  # Excel's "Unicode Text": has a BOM
    ]:
        path = tmp_path / name
        path.write_bytes(data)
        plan = plan_csv_import(repo, path, account_id=jo, today=TODAY)
        assert [s.title for s in plan.to_add] == ["Café 💃"], name


def test_a_named_encoding_reads_windows_text(repo: Repository, jo: int, tmp_path: Path) -> None:
    path = write(
        tmp_path, "start,duration_minutes,title\n2024-03-01 20:00,60,Café\n", "w.csv", "cp1252"
    )
    refused = plan_csv_import(repo, path, account_id=jo, today=TODAY)
    assert "Line 2 is not UTF-8 text" in refused.problems[0].message
    plan = plan_csv_import(repo, path, account_id=jo, mapping={"encoding": "cp1252"}, today=TODAY)
    assert [s.title for s in plan.to_add] == ["Café"]


def test_numbers_with_thousands_separators_and_blank_diamonds(
    repo: Repository, jo: int, tmp_path: Path
) -> None:
    text = 'start,duration_minutes,diamonds,likes\n2024-03-01 20:00,60,"1,234","12,000"\n'
    text += "2024-03-02 20:00,60,,\n"
    plan = plan_csv_import(repo, write(tmp_path, text), account_id=jo, today=TODAY)
    assert [(s.reported_diamonds, s.likes) for s in plan.to_add] == [(1234, 12000), (None, 0)]


def test_extra_and_computed_columns_are_accepted_and_reported(
    repo: Repository, jo: int, tmp_path: Path
) -> None:
    text = "start,duration_minutes,mood,credited_diamonds,net_usd\n2024-03-01 20:00,60,great,5,1\n"
    plan = plan_csv_import(repo, write(tmp_path, text), account_id=jo, today=TODAY)
    assert plan.ok and plan.add_count == 1
    assert plan.ignored_columns == ["mood"]
    assert "Columns not imported: mood." in plan.notices
    assert "credited_diamonds, net_usd: worked out by the app, not read." in plan.notices


def test_blank_rows_are_skipped_and_a_separate_time_column_joins_the_date(
    repo: Repository, jo: int, tmp_path: Path
) -> None:
    text = "Date,Time,Minutes\n2024-03-01,20:15,60\n,,\n\n2024-03-02,9:05 PM,30\n"
    plan = plan_csv_import(repo, write(tmp_path, text), account_id=jo, today=TODAY)
    assert [s.start for s in plan.to_add] == [
        datetime(2024, 3, 1, 20, 15),
        datetime(2024, 3, 2, 21, 5),
    ]
    assert plan.add_lines == [2, 5]
    assert [(p.line, p.message) for p in plan.skipped] == [(3, "The row is empty.")]


def test_a_chosen_mapping_overrides_the_suggestion(
    repo: Repository, jo: int, tmp_path: Path
) -> None:
    text = "when it was,how long,Diamonds,Gifts value\n2024-03-01 20:00,60,10,99\n"
    path = write(tmp_path, text)
    plan = plan_csv_import(repo, path, account_id=jo, today=TODAY)
    assert "No start column" in plan.problems[0].message
    mapping = {"start": "When It Was", "duration_minutes": "how long", "diamonds": None}
    plan = plan_csv_import(repo, path, account_id=jo, mapping=mapping, today=TODAY)
    assert [(s.start.day, s.reported_diamonds) for s in plan.to_add] == [(1, None)]
    bad = plan_csv_import(repo, path, account_id=jo, mapping={"start": "nope"}, today=TODAY)
    assert 'The column "nope" chosen for start is not in the file.' in bad.problems[0].message


# --- accounts and duplicates -----------------------------------------------------------


def test_rows_go_to_the_account_they_name(repo: Repository, jo: int, tmp_path: Path) -> None:
    kim = repo.add_account(Account("Kim.Live"))
    text = "account,start,duration_minutes\n@jo,2024-03-01 20:00,60\nkim.live,2024-03-01 20:00,60\n"
    plan = plan_csv_import(repo, write(tmp_path, text), today=TODAY)
    assert [s.account_id for s in plan.to_add] == [jo, kim.id]  # same start, two accounts


def test_a_row_for_another_account_than_the_target_is_a_problem(
    repo: Repository, jo: int, tmp_path: Path
) -> None:
    repo.add_account(Account("kim"))
    text = "account,start,duration_minutes\njo,2024-03-01 20:00,60\nkim,2024-03-02 20:00,60\n"
    plan = plan_csv_import(repo, write(tmp_path, text), account_id=jo, today=TODAY)
    assert plan.add_count == 1
    assert [(p.line, p.field) for p in plan.problems] == [(3, "account")]
    assert "This row is for @kim, but the import goes into @jo" in plan.problems[0].message


def test_without_an_account_column_the_target_must_be_known(
    repo: Repository, tmp_path: Path
) -> None:
    path = write(tmp_path, "start,duration_minutes\n2024-03-01 20:00,60\n")
    none_yet = plan_csv_import(repo, path, today=TODAY)
    assert "no account yet" in none_yet.problems[0].message
    only = repo.add_account(Account("jo"))
    single = plan_csv_import(repo, path, today=TODAY)
    assert single.ok and single.account_id == only.id
    assert "No account column: every row goes to @jo." in single.notices
    repo.add_account(Account("kim"))
    two = plan_csv_import(repo, path, today=TODAY)
    assert "choose the account to import into" in two.problems[0].message


def test_duplicates_in_the_database_and_earlier_in_the_file(
    repo: Repository, jo: int, tmp_path: Path
) -> None:
    repo.add_session(Session(jo, datetime(2024, 3, 1, 20, 0), timedelta(hours=1)))
    text = (
        "start,duration_minutes\n2024-03-01 20:00,90\n2024-03-02 20:00,60\n2024-03-02T20:00:00,60\n"
    )
    plan = plan_csv_import(repo, write(tmp_path, text), account_id=jo, today=TODAY)
    assert [line for line, _ in plan.duplicates] == [2, 4]
    assert plan.add_lines == [3]


# --- storing --------------------------------------------------------------------------


def test_nothing_is_stored_while_a_row_is_bad(repo: Repository, jo: int, tmp_path: Path) -> None:
    text = "start,duration_minutes,likes\n2024-03-01 20:00,60,1\n2024-03-02 20:00,60,-1\n"
    plan = plan_csv_import(repo, write(tmp_path, text), account_id=jo, today=TODAY)
    assert plan.add_count == 1 and plan.problem_count == 1
    with pytest.raises(ImportRefusedError):
        apply_plan(repo, plan)
    assert repo.load_sessions() == []


def test_apply_is_one_transaction(repo: Repository, jo: int, tmp_path: Path) -> None:
    """A failure while storing (here: an account deleted after the dry run) stores nothing."""
    kim = repo.add_account(Account("kim"))
    assert kim.id is not None
    text = "account,start,duration_minutes\njo,2024-03-01 20:00,60\nkim,2024-03-02 20:00,60\n"
    plan = plan_csv_import(repo, write(tmp_path, text), today=TODAY)
    assert plan.ok
    repo.delete_account(kim.id)
    with pytest.raises(Exception, match="FOREIGN KEY"):
        apply_plan(repo, plan)
    assert repo.load_sessions() == []


def test_template_round_trip(repo: Repository, tmp_path: Path) -> None:
    """The saved template imports as it is into an account called yourname."""
    path = write_template(tmp_path / "template.csv")
    assert path.read_text(encoding="utf-8").splitlines()[0] == ",".join(TEMPLATE_COLUMNS)
    repo.add_account(Account("yourname"))
    plan = plan_csv_import(repo, path, today=TODAY)
    assert plan.ok and plan.ignored_columns == []
    assert apply_plan(repo, plan) == 2
    totals = repo.session_totals(SessionQuery())
    # hand-added from the two example rows: 95 + 60 minutes, 12,500 + (none) Diamonds
    assert (totals.count, totals.seconds, totals.diamonds) == (2, 155 * 60, 12500)
    assert (totals.likes, totals.viewers, totals.new_followers) == (48210 + 9120, 2875 + 640, 76)
    first = repo.load_sessions(SessionQuery(descending=False))[0]
    assert first.tags == ("dance", "music") and first.title == "Friday dance party"
    assert plan_csv_import(repo, path, today=TODAY).duplicate_count == 2

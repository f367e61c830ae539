"""The readers of dates, times and durations that both importers share."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tiklive_desktop.exchange.import_plan import RowProblem, detect_format
from tiklive_desktop.exchange.import_values import (
    BadValueError,
    decide_date_order,
    parse_datetime,
    parse_duration,
    parse_moment,
)

moments = st.datetimes(min_value=datetime(2016, 9, 1), max_value=datetime(2099, 12, 31)).map(
    lambda d: d.replace(microsecond=0)
)


@given(moments)
def test_every_written_form_reads_back(moment: datetime) -> None:
    us = moment.strftime("%m/%d/%Y %I:%M:%S %p")
    assert parse_datetime(moment.strftime("%Y-%m-%d %H:%M:%S"), None) == moment
    assert parse_datetime(moment.isoformat(), None) == moment
    assert parse_datetime(moment.strftime("%d/%m/%Y %H:%M:%S"), "dmy") == moment
    assert parse_datetime(us, "mdy") == moment


@given(st.integers(min_value=1, max_value=24 * 3600))
def test_durations_read_back_in_every_form(seconds: int) -> None:
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    expected = timedelta(seconds=seconds)
    assert parse_duration(f"{hours}:{minutes:02d}:{secs:02d}", 60) == expected
    assert parse_duration(f"{hours}h {minutes}m {secs}s", 60) == expected
    assert parse_duration(str(seconds), 1) == expected
    assert parse_duration(seconds, 1) == expected


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("2024-02-30 10:00", "not a real date and time"),
        ("13/13/2024 10:00", "not a real date and time"),
        ("03/04/2024 10:00", "could be day/month/year or month/day/year"),
        ("03/14/2024 13:00 PM", "not an hour on a 12-hour clock"),
        ("24-03-01 10:00", "is not a date and time"),
    ],
)
def test_unreadable_dates_say_why(text: str, words: str) -> None:
    with pytest.raises(BadValueError, match=words):
        parse_datetime(text, None)


def test_a_chosen_order_that_the_file_contradicts_is_named() -> None:
    with pytest.raises(BadValueError, match=r"not a real date and time \(read as month/day/year\)"):
        parse_datetime("25/03/2024 10:00", "mdy")


def test_decide_date_order() -> None:
    assert decide_date_order([(2, "05/05/2024 10:00")], None).order is None  # not ambiguous
    assert decide_date_order([(2, "2024-05-04 10:00")], None).problem is None
    proven = decide_date_order([(2, "01/02/2024 10:00"), (3, "01/20/2024 10:00")], None)
    assert (proven.order, proven.notice) == (
        "mdy",
        "Dates read as month/day/year: line 3 has 01/20/2024 10:00.",
    )
    open_ = decide_date_order([(7, "01/02/2024 10:00")], None)
    assert (open_.order, open_.problem_line) == (None, 7)


def test_epoch_milliseconds_and_seconds_agree() -> None:
    assert parse_moment(1709324100, tz=UTC) == parse_moment(1709324100123, tz=UTC)
    with pytest.raises(BadValueError):
        parse_moment(True, tz=UTC)


def test_row_problem_text() -> None:
    assert str(RowProblem(0, None, "The file is empty.")) == "file: The file is empty."
    assert str(RowProblem(4, "likes", "Likes cannot be negative.")) == (
        "line 4, likes: Likes cannot be negative."
    )


@pytest.mark.parametrize(
    ("data", "kind"),
    [
        (b'{"a": 1}', "json"),
        (b"\xef\xbb\xbf  \n[1]", "json"),
        ('{"a": 1}'.encode("utf-16"), "json"),
        (b"\xfe\xff" + '{"a": 1}'.encode("utf-16-be"), "json"),
        (b"start,duration\n", "csv"),
        (b"\x89PNG\r\n", "csv"),  # the CSV reader names it
        (b"", "csv"),
    ],
)
def test_format_is_detected_by_content(tmp_path: Path, data: bytes, kind: str) -> None:
    path = tmp_path / "file.json"
    path.write_bytes(data)
    assert detect_format(path) == kind

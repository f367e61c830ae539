"""Sessions from TikTok's "Download your data" file (``user_data_tiktok.json``).

Where the LIVEs are: ``Tiktok Live`` > ``Go Live History`` > ``GoLiveList[]``,
each with ``LiveStartTime``, ``LiveEndTime``, ``LiveDuration``, ``RoomId``,
``RoomTitle``, ``TotalEarning``, ``TotalLike``, ``TotalView`` and
``TotalGifter`` (names as public forensic tools parse them; TikTok documents
neither names nor formats). So the reader is lenient about form and strict
about meaning:

- keys match with case, spaces and underscores ignored ("TikTok Live",
  "GoLive History", "total_like"), and the list is found wherever it sits;
- numbers may be ints, floats with nothing after the point, or text ("1,234");
- times may be "2024-03-01 20:15:00", ISO (with a zone: converted to ``tz``,
  default this computer's), or epoch seconds/milliseconds (UTC -> ``tz``);
  a time without a zone is taken as the creator's wall clock, as written;
- a duration may be seconds, "HH:MM:SS" or "1h 2m"; the end time wins over it
  when both are given, and a missing end falls back to it.

``TotalEarning`` becomes the session's reported Diamonds (what the LIVE summary
showed), ``RoomTitle`` its title. ``RoomId`` is written into the notes
("TikTok RoomId: ...") so that the same LIVE is recognised on a second import
even if its start was edited since; starts are compared too. Importing the
same file twice therefore adds nothing.

Problems vs skipped: a value that cannot be read (a negative count, an end
before the start, an unreadable time) is a problem, and nothing is stored
until it is fixed or the user chooses to skip bad rows: a parser that
misreads a new variant must stop, not store half-wrong history. Records that
are not finished LIVEs (null entries, no end and no duration, 0 seconds with
no activity) are skipped with the reason.
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Iterator, Mapping
from datetime import date, datetime, timedelta, tzinfo
from pathlib import Path
from typing import Any

from tiklive_desktop.core.validation import parse_session
from tiklive_desktop.exchange.import_plan import (
    FILE_LEVEL,
    ImportPlan,
    RowProblem,
    StartIndex,
    handle_key,
)
from tiklive_desktop.exchange.import_values import BadValueError, parse_duration, parse_moment
from tiklive_desktop.storage.repository import Repository

log = logging.getLogger(__name__)

ROOM_NOTE = "TikTok RoomId: "
_ROOM_IN_NOTES = re.compile(re.escape(ROOM_NOTE) + r"(\S+)")
_FIELDS: dict[str, tuple[str, ...]] = {
    "start": ("livestarttime", "starttime", "livestart"),
    "end": ("liveendtime", "endtime", "liveend"),
    "duration": ("liveduration", "duration"),
    "room": ("roomid", "liveroomid"),
    "title": ("roomtitle", "livetitle", "title"),
    "reported_diamonds": ("totalearning", "totalearnings", "totaldiamonds", "diamonds"),
    "likes": ("totallike", "totallikes", "likes"),
    "total_viewers": ("totalview", "totalviews", "totalviewer", "totalviewers", "viewers"),
    "peak_viewers": ("peakviewer", "peakviewers", "maxviewer", "maxviewers"),
    "gifters": ("totalgifter", "totalgifters", "gifters"),
    "new_followers": ("totalnewfollower", "totalnewfollowers", "newfollowers", "totalfollower"),
    "comments": ("totalcomment", "totalcomments", "comments"),
    "shares": ("totalshare", "totalshares", "shares"),
}
_BY_KEY = {key: field for field, keys in _FIELDS.items() for key in keys}
_COUNTS = ("reported_diamonds", "likes", "total_viewers", "peak_viewers", "gifters")
_OTHER_COUNTS = ("new_followers", "comments", "shares")
_LIST_KEY = "golivelist"
_SEARCH_DEPTH = 6
_EXPECTED = '"Tiktok Live" > "Go Live History" > "GoLiveList"'


def _norm(key: str) -> str:
    return re.sub(r"[^0-9a-z]", "", key.casefold())


def _decode(data: bytes) -> str:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    return data.decode("utf-8-sig")


def _load(path: Path, plan: ImportPlan) -> tuple[str, Any] | None:
    """(text, document), or None after adding the file-level problem."""
    data = path.read_bytes()
    if not data.strip():
        plan.problems.append(RowProblem(FILE_LEVEL, None, "The file is empty."))
        return None
    try:
        text = _decode(data)
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        message = "This is not a TikTok data file: it is not UTF-8 text (binary data?)."
        plan.problems.append(RowProblem(line, None, message))
        return None
    try:
        return text, json.loads(text)
    except json.JSONDecodeError as error:
        message = (
            f"The file is not valid JSON: {error.msg} at line {error.lineno}, column "
            f"{error.colno}. If it was cut short, download your data from TikTok again."
        )
        plan.problems.append(RowProblem(error.lineno, None, message))
    except RecursionError:
        plan.problems.append(RowProblem(FILE_LEVEL, None, "The JSON is nested too deeply."))
    return None


def _walk(node: Any) -> Iterator[tuple[str, Any]]:
    """(key, value) of every object member, breadth first by level, down to a depth."""
    level: list[Any] = [node]
    for _ in range(_SEARCH_DEPTH):
        children: list[Any] = []
        for item in level:
            members = item.items() if isinstance(item, dict) else ()
            for key, value in members:
                yield key, value
                if isinstance(value, dict | list):
                    children.append(value)
            if isinstance(item, list):
                children.extend(v for v in item if isinstance(v, dict | list))
        level = children


def _find_lives(doc: Any, plan: ImportPlan) -> tuple[str, list[Any]] | None:
    """(the list's key as written, its entries), or None after adding the problem."""
    records = isinstance(doc, list) and doc and all(isinstance(e, dict) for e in doc)
    if records and any(_BY_KEY.get(_norm(k)) == "start" for e in doc for k in e):
        return "", doc  # a bare list of LIVEs, cut out of the full file
    if not isinstance(doc, dict):
        kind = {list: "a list", str: "text", bool: "true/false"}.get(type(doc), "a number")
        message = f"This is JSON of another shape ({kind}), not TikTok's data file ({_EXPECTED})."
        plan.problems.append(RowProblem(FILE_LEVEL, None, message))
        return None
    found = next(((k, v) for k, v in _walk(doc) if _norm(k) == _LIST_KEY), None)
    if found is None:
        keys = ", ".join(f'"{k}"' for k in list(doc)[:8]) or "nothing"
        message = f"No LIVE history in this file: expected {_EXPECTED}; it has {keys}."
        plan.problems.append(RowProblem(FILE_LEVEL, None, message))
        return None
    key, lives = found
    if isinstance(lives, dict):
        lives = list(lives.values())
    if lives is None or lives == []:
        message = "The LIVE history in this file is empty: there is nothing to import."
        plan.problems.append(RowProblem(FILE_LEVEL, key, message))
        return None
    if not isinstance(lives, list):
        message = f"{key} should be a list of LIVEs, not {type(lives).__name__}."
        plan.problems.append(RowProblem(FILE_LEVEL, key, message))
        return None
    return key, lives


def _entry_lines(text: str, key: str, count: int) -> list[int]:
    """The line where each LIVE's record begins (empty if the list cannot be located)."""
    decoder = json.JSONDecoder()
    spaces = re.compile(r"[\s,]*")
    pattern = re.escape(json.dumps(key)) + r"\s*:\s*\[" if key else r"\A\s*\["
    matches = list(re.finditer(pattern, text))
    if len(matches) != 1:
        return []
    lines, pos, last, line = [], matches[0].end(), 0, 1
    try:
        for _ in range(count):
            gap = spaces.match(text, pos)
            pos = gap.end() if gap else pos
            line += text.count("\n", last, pos)
            lines.append(line)
            last = pos
            _, pos = decoder.raw_decode(text, pos)
    except json.JSONDecodeError:
        return []
    return lines


def _known_rooms(repo: Repository, account_id: int) -> set[str]:
    rows = repo.conn.execute(
        "SELECT notes FROM sessions WHERE account_id = ? AND notes LIKE ?",
        (account_id, f"%{ROOM_NOTE}%"),
    )
    return {m for (notes,) in rows for m in _ROOM_IN_NOTES.findall(notes)}


def _file_owner(doc: Any) -> str | None:
    """The username in the file's profile section, if there is one."""
    if not isinstance(doc, dict):
        return None
    profile = next((v for k, v in doc.items() if _norm(k) == "profile"), None)
    found = next((v for k, v in _walk(profile) if _norm(k) == "username"), None)
    return found if isinstance(found, str) and found.strip() else None


def plan_tiktok_import(
    repo: Repository, path: str | Path, *, account_id: int, today: date, tz: tzinfo | None = None
) -> ImportPlan:
    """The dry run for a TikTok data file: every LIVE becomes a session of ``account_id``.

    ``tz`` is the zone that times with a zone (or epoch numbers) are shown in;
    None = this computer's. Never writes: see :func:`.import_plan.apply_plan`.
    """
    plan = ImportPlan(source=str(path), account_id=account_id, kind="tiktok-json")
    account = repo.get_account(account_id)
    if account is None:
        plan.problems.append(RowProblem(FILE_LEVEL, None, f"There is no account {account_id}."))
        return plan
    loaded = _load(Path(path), plan)
    found = _find_lives(loaded[1], plan) if loaded else None
    if loaded is None or found is None:
        return plan
    text, doc = loaded
    key, lives = found
    owner = _file_owner(doc)
    if owner and handle_key(owner) != handle_key(account.handle):
        plan.notices.append(f"This file is @{owner}'s data; it goes into @{account.handle}.")
    lines = _entry_lines(text, key, len(lives))
    rooms, starts, ignored = _known_rooms(repo, account_id), StartIndex(repo), set()
    for number, entry in enumerate(lives, 1):
        line = lines[number - 1] if lines else FILE_LEVEL
        if not isinstance(entry, dict):
            reason = f"LIVE #{number} is not a record ({json.dumps(entry)[:40]})."
            plan.skipped.append(RowProblem(line, None, reason))
            continue
        values: dict[str, tuple[str, Any]] = {}
        for name, value in entry.items():
            field = _BY_KEY.get(_norm(name))
            if field is None:
                ignored.add(name)
            elif field not in values:
                values[field] = (name, value)
                plan.mapping.setdefault("diamonds" if field == "reported_diamonds" else field, name)
        _plan_entry(plan, values, number, line, account_id, today, tz, rooms, starts)
    plan.problems.sort(key=lambda problem: problem.line)
    log.debug(
        "%s: %d LIVEs: %d new, %d duplicates, %d skipped, %d problems",
        path,
        len(lives),
        plan.add_count,
        plan.duplicate_count,
        plan.skipped_count,
        plan.problem_count,
    )
    if ignored:
        plan.ignored_columns = sorted(ignored)
        plan.notices.append(f"Fields not imported: {', '.join(plan.ignored_columns)}.")
    return plan


def _given(values: Mapping[str, tuple[str, Any]], field: str) -> Any:
    value = values.get(field, ("", None))[1]
    return None if isinstance(value, str) and not value.strip() else value


class _EntryError(Exception):
    """A time or duration of one record that cannot be read (``field``: ours)."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field


def _read(values: Mapping[str, tuple[str, Any]], field: str, tz: tzinfo | None) -> Any:
    try:
        if field == "duration":
            return parse_duration(_given(values, field), 1)
        return parse_moment(_given(values, field), tz=tz)
    except BadValueError as error:
        raise _EntryError(field, str(error)) from None


def _timing(
    values: Mapping[str, tuple[str, Any]], tz: tzinfo | None
) -> tuple[datetime, dict[str, object]] | str:
    """(start, the "end"/"duration" raw) or the reason the record is skipped.

    Raises :class:`_EntryError` (a problem) for a time or duration that cannot be read.
    """
    start = _read(values, "start", tz)
    if _given(values, "end") is not None:
        end = _read(values, "end", tz)
        length, timing = end - start, {"end": end}
    elif _given(values, "duration") is not None:
        length = _read(values, "duration", tz)
        timing = {"duration": length}
    else:
        return "has no end time or duration (was it still running?)"
    active = any(_given(values, f) not in (None, 0, "0") for f in (*_COUNTS, *_OTHER_COUNTS))
    if length == timedelta(0) and not active:
        return "lasted 0 seconds and has no viewers, likes or earnings"
    return start, timing


def _plan_entry(
    plan: ImportPlan,
    values: Mapping[str, tuple[str, Any]],
    number: int,
    line: int,
    account_id: int,
    today: date,
    tz: tzinfo | None,
    rooms: set[str],
    starts: StartIndex,
) -> None:
    label = f"LIVE #{number}"

    def key(field: str) -> str:
        return values.get(field, (field, None))[0]

    if _given(values, "start") is None:
        plan.problems.append(RowProblem(line, key("start"), f"{label} has no start time."))
        return
    try:
        timing = _timing(values, tz)
    except _EntryError as error:
        plan.problems.append(RowProblem(line, key(error.field), f"{label}: {error}"))
        return
    if isinstance(timing, str):
        plan.skipped.append(RowProblem(line, None, f"{label} {timing}."))
        return
    start, raw = timing
    room = _given(values, "room")
    room_text = str(room).strip() if isinstance(room, int | str) else ""
    title = _given(values, "title")
    raw |= {
        "start": start,
        "title": str(title) if isinstance(title, int | float) else title,
        "notes": f"{ROOM_NOTE}{room_text}" if room_text else "",
    }
    raw |= {field: _given(values, field) for field in (*_COUNTS, *_OTHER_COUNTS)}
    report = parse_session(raw, account_id=account_id, catalog={}, today=today)
    if report.value is None:
        sources = {"duration": "duration" if "duration" in raw else "end"}
        for problem in report.problems:
            where = key(sources.get(problem.field, problem.field))
            plan.problems.append(RowProblem(line, where, f"{label}: {problem.message}"))
        return
    session = report.value
    if (room_text and room_text in rooms) or starts.seen(session):
        plan.duplicates.append((line, session))
        return
    if room_text:
        rooms.add(room_text)
    plan.to_add.append(session)
    plan.add_lines.append(line)


__all__ = ["ROOM_NOTE", "plan_tiktok_import"]

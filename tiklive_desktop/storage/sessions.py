"""Writing and reading sessions with their gift lines, caches kept in the same transaction."""

from __future__ import annotations

import itertools
import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from datetime import timedelta
from typing import Any

from tiklive_desktop.core.entities import GiftLine, Session
from tiklive_desktop.core.money import session_diamonds
from tiklive_desktop.storage.base import RepositoryBase
from tiklive_desktop.storage.codec import (
    duration_seconds,
    nocase,
    start_text,
    tags_text,
    text_start,
    text_tags,
)
from tiklive_desktop.storage.errors import NotFoundError
from tiklive_desktop.storage.rates import RateIndex, load_rate_periods

SESSION_COLUMNS = (
    "id, account_id, start, duration_s, reported_diamonds, gift_coins, diamonds, rate_period_id,"
    " likes, peak_viewers, total_viewers, new_followers, comments, shares, gifters,"
    " title, notes, tags"
)
_INSERT_SESSION = f"INSERT INTO sessions ({SESSION_COLUMNS}) VALUES ({', '.join('?' * 18)})"
_UPDATE_SESSION = (
    "UPDATE sessions SET account_id = ?, start = ?, duration_s = ?, reported_diamonds = ?,"
    " gift_coins = ?, diamonds = ?, rate_period_id = ?, likes = ?, peak_viewers = ?,"
    " total_viewers = ?, new_followers = ?, comments = ?, shares = ?, gifters = ?,"
    " title = ?, notes = ?, tags = ? WHERE id = ?"
)
_INSERT_LINE = (
    "INSERT INTO gift_lines (session_id, gift_id, gift, count, coins_each) VALUES (?, ?, ?, ?, ?)"
)
_LINE_COLUMNS = "id, session_id, gift_id, gift, count, coins_each"

_BATCH = 2000
_MAX_PARAMS = 500


class GiftNames:
    """Links gift lines typed by name to the catalog (same case folding as SQLite's NOCASE)."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self._names = {
            nocase(name): (id_, name) for id_, name in conn.execute("SELECT id, name FROM gifts")
        }

    def resolve(self, line: GiftLine) -> tuple[int | None, str]:
        """(gift_id, name): the catalog's id and spelling when the name is known."""
        if line.gift_id is not None:
            return line.gift_id, line.gift
        found = self._names.get(nocase(line.gift.strip()))
        return found if found else (None, line.gift)


def _tags(tags: tuple[str, ...]) -> str:
    """``tags_text``, without ``json.dumps`` for plain tags (a tenth of a large import).

    Compact JSON with ``ensure_ascii=False`` escapes only quotes, backslashes and
    control characters; printable tags without the first two come out as they are.
    """
    if all(t.isprintable() and '"' not in t and "\\" not in t for t in tags):
        return '["' + '","'.join(tags) + '"]' if tags else "[]"
    return tags_text(tags)


def session_values(session: Session, rates: RateIndex) -> list[Any]:
    """The ``SESSION_COLUMNS`` after ``id``: the session's fields plus its caches."""
    rate = rates.rate_for(session.account_id, session.day)
    credited = session_diamonds(session.reported_diamonds, session.gift_lines, rate).credited
    return [
        session.account_id,
        start_text(session.start),
        duration_seconds(session.duration),
        session.reported_diamonds,
        session.gift_coins,
        credited,
        rate.id,
        session.likes,
        session.peak_viewers,
        session.total_viewers,
        session.new_followers,
        session.comments,
        session.shares,
        session.gifters,
        session.title,
        session.notes,
        _tags(session.tags),
    ]


def line_values(session_id: int, lines: Iterable[GiftLine], names: GiftNames) -> list[tuple]:
    values = []
    for line in lines:
        gift_id, name = names.resolve(line)
        values.append((session_id, gift_id, name, line.count, line.coins_each))
    return values


def chunks(ids: Sequence[int], size: int = _MAX_PARAMS) -> Iterator[Sequence[int]]:
    for begin in range(0, len(ids), size):
        yield ids[begin : begin + size]


class SessionsMixin(RepositoryBase):
    def add_session(self, session: Session) -> Session:
        """Store a session and its gift lines; returns it as stored (ids, linked gifts).

        A session that already carries an ``id`` keeps it (undoing a delete puts
        it back under the same id); the id must be free.
        """
        with self._write("sessions", "gift_lines"):
            rates = RateIndex(load_rate_periods(self.conn))
            cursor = self.conn.execute(
                _INSERT_SESSION, [session.id, *session_values(session, rates)]
            )
            session_id = int(cursor.lastrowid or 0)
            lines = line_values(session_id, session.gift_lines, GiftNames(self.conn))
            self.conn.executemany(_INSERT_LINE, lines)
        return self._must_session(session_id)

    def add_sessions(self, sessions: Iterable[Session]) -> list[int]:
        """Store many sessions in one transaction (imports, demo data); returns their ids.

        Ids are assigned here so that sessions and gift lines go in with
        ``executemany`` batches instead of one statement per row.
        """
        ids: list[int] = []
        with self._write("sessions", "gift_lines"):
            rates = RateIndex(load_rate_periods(self.conn))
            names = GiftNames(self.conn)
            next_id = int(self._scalar("SELECT ifnull(max(id), 0) FROM sessions")) + 1
            iterator = iter(sessions)
            while batch := list(itertools.islice(iterator, _BATCH)):
                session_rows, line_rows = [], []
                for session in batch:
                    session_id = session.id if session.id is not None else next_id
                    next_id = max(next_id, session_id + 1)
                    session_rows.append([session_id, *session_values(session, rates)])
                    line_rows.extend(line_values(session_id, session.gift_lines, names))
                    ids.append(session_id)
                self.conn.executemany(_INSERT_SESSION, session_rows)
                self.conn.executemany(_INSERT_LINE, line_rows)
        return ids

    def update_session(self, session: Session) -> Session:
        """Replace a stored session and all its gift lines."""
        if session.id is None:
            raise ValueError("update_session needs a stored session (id is None)")
        with self._write("sessions", "gift_lines"):
            rates = RateIndex(load_rate_periods(self.conn))
            cursor = self.conn.execute(
                _UPDATE_SESSION, [*session_values(session, rates), session.id]
            )
            if cursor.rowcount == 0:
                raise NotFoundError(f"no session {session.id}")
            self.conn.execute("DELETE FROM gift_lines WHERE session_id = ?", (session.id,))
            lines = line_values(session.id, session.gift_lines, GiftNames(self.conn))
            self.conn.executemany(_INSERT_LINE, lines)
        return self._must_session(session.id)

    def delete_session(self, session_id: int) -> None:
        with self._write("sessions", "gift_lines"):
            cursor = self.conn.execute("DELETE FROM sessions WHERE id = ?", (session_id,))
            if cursor.rowcount == 0:
                raise NotFoundError(f"no session {session_id}")

    def delete_sessions(self, session_ids: Iterable[int]) -> int:
        """Delete many sessions at once (missing ids are skipped); returns how many went."""
        ids = list(session_ids)
        deleted = 0
        with self._write("sessions", "gift_lines"):
            for part in chunks(ids):
                marks = ", ".join("?" * len(part))
                cursor = self.conn.execute(f"DELETE FROM sessions WHERE id IN ({marks})", part)
                deleted += cursor.rowcount
        return deleted

    def _must_session(self, session_id: int) -> Session:
        found = self.get_session(session_id)
        if found is None:
            raise NotFoundError(f"no session {session_id}")
        return found

    def get_session(self, session_id: int) -> Session | None:
        found = self.get_sessions([session_id])
        return found[0] if found else None

    def get_sessions(self, session_ids: Sequence[int]) -> list[Session]:
        """Full sessions with gift lines, in the order of ``session_ids`` (missing ones skipped)."""
        rows: dict[int, sqlite3.Row] = {}
        lines: dict[int, list[GiftLine]] = {}
        for part in chunks(list(session_ids)):
            marks = ", ".join("?" * len(part))
            for row in self._rows(
                f"SELECT {SESSION_COLUMNS} FROM sessions WHERE id IN ({marks})", part
            ):
                rows[row["id"]] = row
            for line in self._rows(
                f"SELECT {_LINE_COLUMNS} FROM gift_lines WHERE session_id IN ({marks}) ORDER BY id",
                part,
            ):
                lines.setdefault(line["session_id"], []).append(
                    GiftLine(
                        gift=line["gift"],
                        count=line["count"],
                        coins_each=line["coins_each"],
                        gift_id=line["gift_id"],
                        id=line["id"],
                    )
                )
        return [
            session_from_row(rows[i], tuple(lines.get(i, ()))) for i in session_ids if i in rows
        ]


def session_from_row(row: sqlite3.Row, lines: tuple[GiftLine, ...]) -> Session:
    return Session(
        account_id=row["account_id"],
        start=text_start(row["start"]),
        duration=timedelta(seconds=row["duration_s"]),
        reported_diamonds=row["reported_diamonds"],
        likes=row["likes"],
        peak_viewers=row["peak_viewers"],
        total_viewers=row["total_viewers"],
        new_followers=row["new_followers"],
        comments=row["comments"],
        shares=row["shares"],
        gifters=row["gifters"],
        title=row["title"],
        notes=row["notes"],
        tags=text_tags(row["tags"]),
        gift_lines=lines,
        id=row["id"],
    )

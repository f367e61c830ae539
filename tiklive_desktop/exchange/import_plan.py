"""What an import would do, decided before anything is stored, and storing it.

Why a plan: a creator imports months of history at once; the dialog (and
``tiklive import --dry-run``) must show what will be added, what is already
recorded and every bad row *before* the user confirms. Planning only reads;
:func:`apply_plan` is the one place an import writes, in one transaction.

Both importers (:mod:`.csv_import`, :mod:`.tiktok_import`) produce an
:class:`ImportPlan`; this module also holds what they share: the duplicate
rule (same account and same start time, to the second) and telling a JSON
file from a CSV one by its content.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from tiklive_desktop.core.entities import Account, Session
from tiklive_desktop.storage.codec import nocase, start_text
from tiklive_desktop.storage.errors import StorageError
from tiklive_desktop.storage.repository import Repository

log = logging.getLogger(__name__)

FILE_LEVEL = 0
"""``RowProblem.line`` for a problem with the whole file rather than one row."""


class ImportRefusedError(StorageError):
    """:func:`apply_plan` was asked to store a plan that still has problems."""


@dataclass(frozen=True, slots=True)
class RowProblem:
    """One reason a row (or, with ``line`` 0, the whole file) cannot be imported.

    ``line`` is the physical line in the file (the CSV header is line 1; for
    JSON, the line where the LIVE's record begins). ``field`` is the column or
    key *as the file names it*, so the preview can mark the cell.
    """

    line: int
    field: str | None
    message: str

    def __str__(self) -> str:
        where = "file" if self.line == FILE_LEVEL else f"line {self.line}"
        column = f", {self.field}" if self.field else ""
        return f"{where}{column}: {self.message}"


@dataclass(slots=True)
class ImportPlan:
    """The dry run's result; nothing in it has been stored.

    - ``to_add``: valid new sessions, in file order (``add_lines``: the line of each);
    - ``duplicates``: (line, session) already recorded, in the database or
      earlier in the same file (never added twice);
    - ``problems``: bad rows and file-level faults; while there are any,
      :func:`apply_plan` stores nothing (unless told to skip them);
    - ``skipped``: rows deliberately left out, with the reason (blank rows,
      a TikTok record that is not a finished LIVE);
    - ``source``: the file's path; ``kind``: "csv" or "tiktok-json";
    - ``mapping``: our field -> the file's column or key (None = not in the file);
      a CSV plan also records the ``date_order`` used;
    - ``notices``: things worth saying that are not faults (ignored columns,
      the date order used).
    """

    source: str
    account_id: int | None
    to_add: list[Session] = field(default_factory=list)
    duplicates: list[tuple[int, Session]] = field(default_factory=list)
    problems: list[RowProblem] = field(default_factory=list)
    skipped: list[RowProblem] = field(default_factory=list)
    mapping: dict[str, str | None] = field(default_factory=dict)
    add_lines: list[int] = field(default_factory=list)
    kind: str = "csv"
    notices: list[str] = field(default_factory=list)
    ignored_columns: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """True when confirming would store every session in ``to_add`` and nothing is wrong."""
        return not self.problems

    @property
    def add_count(self) -> int:
        return len(self.to_add)

    @property
    def duplicate_count(self) -> int:
        return len(self.duplicates)

    @property
    def problem_count(self) -> int:
        return len(self.problems)

    @property
    def skipped_count(self) -> int:
        return len(self.skipped)


def apply_plan(repo: Repository, plan: ImportPlan, *, skip_bad: bool = False) -> int:
    """Store ``plan.to_add`` in one transaction; returns how many sessions were added.

    All or nothing: a plan with problems is refused (:class:`ImportRefusedError`)
    unless ``skip_bad`` says to store the good rows anyway. Duplicates are
    checked again inside the transaction, because the database may have
    changed since the dry run (another window, a second click): sessions
    recorded meanwhile are left out, never stored twice.
    """
    if plan.problems and not skip_bad:
        raise ImportRefusedError(
            f"{plan.source}: {plan.problem_count} problem(s) found; nothing was imported"
        )
    if not plan.to_add:
        return 0
    with repo.transaction():
        known = StartIndex(repo)
        fresh = [s for s in plan.to_add if not known.seen(s)]
        if len(fresh) < len(plan.to_add):
            log.info(
                "%s: %d session(s) were recorded since the dry run; not added again",
                plan.source,
                len(plan.to_add) - len(fresh),
            )
        if fresh:
            repo.add_sessions(fresh)
    return len(fresh)


class StartIndex:
    """Which (account, start) pairs exist: in the database, plus those seen in this file.

    Starts compare at the stored precision (whole seconds), so a session
    exported and imported again is recognised as the same LIVE.
    """

    def __init__(self, repo: Repository) -> None:
        self._repo = repo
        self._loaded: dict[int, set[str]] = {}

    def _starts(self, account_id: int) -> set[str]:
        if account_id not in self._loaded:
            rows = self._repo.conn.execute(
                "SELECT start FROM sessions WHERE account_id = ?", (account_id,)
            )
            self._loaded[account_id] = {row[0] for row in rows}
        return self._loaded[account_id]

    def seen(self, session: Session) -> bool:
        """True if this start is already recorded; otherwise remember it (for later rows)."""
        starts = self._starts(session.account_id)
        start = session.start
        key = start_text(start.replace(microsecond=0) if start.microsecond else start)
        if key in starts:
            return True
        starts.add(key)
        return False


def accounts_by_handle(accounts: Iterable[Account]) -> dict[str, Account]:
    """Accounts keyed the way the database compares handles (NOCASE, no leading @)."""
    return {nocase(a.handle.strip().removeprefix("@")): a for a in accounts}


def handle_key(text: str) -> str:
    return nocase(text.strip().removeprefix("@"))


FileKind = Literal["json", "csv"]


def detect_format(path: str | Path) -> FileKind:
    """ "json" when the content starts like JSON (after a BOM and spaces), else "csv".

    By content, not the extension: TikTok's file is often renamed, and a CSV
    saved as ``.json`` by mistake should still get CSV's messages.
    """
    with Path(path).open("rb") as handle:
        head = handle.read(4096)
    boms = ((b"\xef\xbb\xbf", "utf-8"), (b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be"))
    for bom, encoding in boms:
        if head.startswith(bom):
            head = head[len(bom) :].decode(encoding, errors="ignore").encode("utf-8")
            break
    text = head.lstrip()
    return "json" if text[:1] in (b"{", b"[") else "csv"


__all__ = [
    "FILE_LEVEL",
    "FileKind",
    "ImportPlan",
    "ImportRefusedError",
    "RowProblem",
    "StartIndex",
    "accounts_by_handle",
    "apply_plan",
    "detect_format",
    "handle_key",
]

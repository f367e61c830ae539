"""Which stored sessions an import added, so that undoing the import removes exactly those.

``exchange.import_plan.apply_plan`` stores a plan's sessions in one
transaction and says how many; the import dialog's undo needs their ids. The
sessions an import adds are the ones whose (account, start) pair did not exist
before it and does after (the duplicate rule is that pair), so the dialog reads
:func:`session_ids_at` before and after ``apply_plan`` inside one transaction.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from tiklive_desktop.storage.codec import start_text
from tiklive_desktop.storage.repository import Repository

_CHUNK = 400  # SQLite's parameter limit is 999 on old builds; one is the account


def session_ids_at(repo: Repository, keys: Iterable[tuple[int, datetime]]) -> set[int]:
    """Ids of the stored sessions that started at one of ``keys`` ((account id, start) pairs).

    Starts compare at the stored precision, whole seconds.
    """
    by_account: dict[int, set[str]] = {}
    for account_id, start in keys:
        by_account.setdefault(account_id, set()).add(start_text(start.replace(microsecond=0)))
    found: set[int] = set()
    for account_id, starts in by_account.items():
        ordered = sorted(starts)
        for begin in range(0, len(ordered), _CHUNK):
            part = ordered[begin : begin + _CHUNK]
            marks = ", ".join("?" * len(part))
            rows = repo.conn.execute(
                f"SELECT id FROM sessions WHERE account_id = ? AND start IN ({marks})",
                [account_id, *part],
            )
            found.update(row[0] for row in rows)
    return found

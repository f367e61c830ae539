"""The child the kill test kills: imports a CSV file into a database, saying where it is.

Why a separate process: SIGKILL gives no chance to clean up, exactly like a
power cut of the app or the OS killing it; only a child can be killed that way
while the parent checks what is left. It uses the same exchange API as the
app's Import dialog and ``tiklive import`` (plan, then ``apply_plan`` in one
transaction), and writes one line per phase to stdout, flushed, so the parent
can say whether each kill landed before, during or after the write.

Usage: python faults/child_import.py CSV DB HANDLE
"""

from __future__ import annotations

import sys
import time
from collections.abc import Iterable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from tiklive_desktop.core.entities import Session


def mark(phase: str) -> None:
    sys.stdout.write(f"{phase} {time.monotonic():.6f}\n")
    sys.stdout.flush()


def main(argv: list[str]) -> int:
    mark("started")
    from tiklive_desktop.exchange.csv_import import plan_csv_import
    from tiklive_desktop.exchange.import_plan import apply_plan
    from tiklive_desktop.storage.database import open_database
    from tiklive_desktop.storage.repository import Repository

    csv_path, db_path, handle = Path(argv[0]), Path(argv[1]), argv[2]
    repo = Repository(open_database(db_path))
    account = next(a for a in repo.list_accounts() if a.handle == handle)
    mark("opened")
    plan = plan_csv_import(repo, csv_path, account_id=account.id, today=date.today())
    if plan.problems:
        sys.stderr.write(f"{plan.problem_count} problem(s) in {csv_path}\n")
        return 1
    inner = repo.add_sessions

    def add_sessions(sessions: Iterable[Session]) -> list[int]:
        ids = inner(sessions)
        mark("rows-inserted")  # inside apply_plan's transaction: nothing committed yet
        return ids

    repo.add_sessions = add_sessions  # type: ignore[method-assign]
    mark("write-begin")
    added = apply_plan(repo, plan)
    mark("write-end")
    repo.db.close()
    mark(f"done:{added}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

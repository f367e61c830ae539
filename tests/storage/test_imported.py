"""Finding the sessions an import added by (account, start): what undoing an import deletes."""

from __future__ import annotations

from datetime import datetime, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from tiklive_desktop.core.entities import Account, Session
from tiklive_desktop.storage.database import open_database
from tiklive_desktop.storage.imported import session_ids_at
from tiklive_desktop.storage.repository import Repository

START = datetime(2026, 10, 5, 20, 0)


def test_finds_by_account_and_start_to_the_second(repo: Repository) -> None:
    luna = repo.add_account(Account(handle="luna.sings")).id or 0
    marco = repo.add_account(Account(handle="chef.marco")).id or 0
    ids = repo.add_sessions(
        [
            Session(luna, START, timedelta(hours=1)),
            Session(luna, START + timedelta(days=1), timedelta(hours=1)),
            Session(marco, START, timedelta(hours=1)),
        ]
    )
    assert session_ids_at(repo, [(luna, START)]) == {ids[0]}
    assert session_ids_at(repo, [(luna, START.replace(microsecond=500))]) == {ids[0]}
    assert session_ids_at(repo, [(marco, START), (luna, START + timedelta(days=1))]) == {
        ids[2],
        ids[1],
    }
    assert session_ids_at(repo, [(luna, START + timedelta(seconds=1))]) == set()
    assert session_ids_at(repo, []) == set()


@settings(max_examples=25, deadline=None)
@given(count=st.integers(0, 1200), step=st.integers(1, 3))
def test_many_keys_are_read_in_chunks(count: int, step: int) -> None:
    """More keys than one statement may carry: every stored one is found, no other."""
    repo = Repository(open_database(None))
    account = repo.add_account(Account(handle="luna.sings")).id or 0
    starts = [START + timedelta(minutes=i) for i in range(count)]
    stored = repo.add_sessions(Session(account, s, timedelta(minutes=1)) for s in starts[::step])
    assert session_ids_at(repo, [(account, s) for s in starts]) == set(stored)
    repo.db.close()

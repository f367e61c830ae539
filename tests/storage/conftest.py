"""Fixtures: a fresh in-memory database per test, and the hand-checked data set."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from storage_sample import Sample, build_sample

from tiklive_desktop.storage.database import open_database
from tiklive_desktop.storage.repository import Repository


@pytest.fixture
def repo() -> Iterator[Repository]:
    db = open_database(None)
    yield Repository(db)
    db.close()


@pytest.fixture
def sample(repo: Repository) -> Sample:
    return build_sample(repo)

"""Fixtures for the file-safety tests: a data folder of our own, write bits given back."""

from __future__ import annotations

import stat
from collections.abc import Iterator
from pathlib import Path

import pytest


@pytest.fixture
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """TIKLIVE_DATA_DIR for this test only (backups/ goes inside it)."""
    folder = tmp_path / "data"
    monkeypatch.setenv("TIKLIVE_DATA_DIR", str(folder))
    return folder


@pytest.fixture
def writable_again(tmp_path: Path) -> Iterator[None]:
    """Give every file and folder under tmp_path its write bit back, so pytest can clean up."""
    yield
    for path in [tmp_path, *tmp_path.rglob("*")]:
        if not path.is_symlink():
            path.chmod(path.stat().st_mode | stat.S_IWUSR)

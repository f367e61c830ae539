"""atomic_write: the whole file or nothing, never a temporary file left behind."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from tiklive_desktop.exchange.atomic import TEMP_SUFFIX, atomic_write


class BoomError(Exception):
    pass


def test_success_replaces_the_target(tmp_path: Path) -> None:
    target = tmp_path / "report.csv"
    target.write_text("old")
    with atomic_write(target) as temp:
        assert temp.parent == tmp_path  # same folder: the rename is atomic
        assert temp.name.endswith(TEMP_SUFFIX)
        temp.write_text("new")
        assert target.read_text() == "old"  # nothing visible until the end
    assert target.read_text() == "new"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.csv"]


def test_failure_keeps_the_old_file_and_removes_the_temporary(tmp_path: Path) -> None:
    target = tmp_path / "report.csv"
    target.write_text("old")
    with pytest.raises(BoomError), atomic_write(target) as temp:
        temp.write_text("half a fi")
        raise BoomError
    assert target.read_text() == "old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.csv"]


def test_failure_on_a_new_file_leaves_nothing(tmp_path: Path) -> None:
    target = tmp_path / "new.xlsx"
    with pytest.raises(BoomError), atomic_write(target) as temp:
        temp.write_bytes(b"PK\x03\x04 truncated")
        raise BoomError
    assert list(tmp_path.iterdir()) == []


def test_a_cancel_is_cleaned_up_too(tmp_path: Path) -> None:
    with pytest.raises(KeyboardInterrupt), atomic_write(tmp_path / "x.pdf"):
        raise KeyboardInterrupt
    assert list(tmp_path.iterdir()) == []


def test_a_missing_folder_names_the_target(tmp_path: Path) -> None:
    target = tmp_path / "nowhere" / "report.pdf"
    with pytest.raises(FileNotFoundError) as error, atomic_write(target):
        pass  # pragma: no cover - never reached
    assert error.value.filename == str(target)
    assert "does not exist" in str(error.value)


@pytest.mark.skipif(os.name != "posix", reason="POSIX permission bits")
def test_permissions_are_those_of_a_plain_file_or_the_replaced_one(tmp_path: Path) -> None:
    fresh = tmp_path / "fresh.csv"
    with atomic_write(fresh) as temp:
        temp.write_text("x")
    mask = os.umask(0o022)
    os.umask(mask)
    assert stat.S_IMODE(fresh.stat().st_mode) == 0o666 & ~mask  # not mkstemp's 0600

    shared = tmp_path / "shared.csv"
    shared.write_text("x")
    shared.chmod(0o640)
    with atomic_write(shared) as temp:
        temp.write_text("y")
    assert stat.S_IMODE(shared.stat().st_mode) == 0o640

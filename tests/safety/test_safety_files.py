"""Damaged and foreign files: a one-line message, no crash, the file byte for byte as it was."""

from __future__ import annotations

import contextlib
import io
import sqlite3
from pathlib import Path

import pytest
from safety_helpers import file_hash

from tiklive_desktop import cli
from tiklive_desktop.storage import errors
from tiklive_desktop.storage.database import check_file, open_database
from tiklive_desktop.storage.errors import (
    DamagedDatabaseError,
    FileRefusedError,
    ReadOnlyDatabaseError,
    SchemaError,
)
from tiklive_desktop.storage.repository import Repository
from tiklive_desktop.storage.safety_corpus import KINDS, kind_of, make_corpus, write_good_database

EXPECTED = {
    "truncated": (DamagedDatabaseError, errors.DAMAGED, "is damaged: it is cut short"),
    "random-bytes": (SchemaError, errors.NOT_SQLITE, "not an SQLite database file"),
    "zero-length": (SchemaError, errors.EMPTY, "is empty (0 bytes)"),
    "png-renamed": (SchemaError, errors.NOT_SQLITE, "it is a PNG image"),
    "newer-version": (SchemaError, errors.NEWER, "newer version"),
    "foreign-sqlite": (SchemaError, errors.FOREIGN, "another program"),
    "damaged-page": (DamagedDatabaseError, errors.DAMAGED, "is damaged (SQLite's check: "),
    "read-only": (ReadOnlyDatabaseError, errors.READ_ONLY, "the file is read-only"),
    "directory": (FileRefusedError, errors.FOLDER, "it is a folder"),
}


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("corpus")
    files = make_corpus(folder)
    yield {kind_of(path): path for path in files}
    for path in files:  # give the read-only one its write bit back for the clean-up
        path.chmod(0o700 if path.is_dir() else 0o600)


def test_the_corpus_has_every_kind_the_issue_names(corpus: dict[str, Path]) -> None:
    assert tuple(corpus) == KINDS
    assert corpus["zero-length"].stat().st_size == 0
    assert corpus["png-renamed"].read_bytes().startswith(b"\x89PNG\r\n\x1a\n")
    assert corpus["directory"].is_dir()


@pytest.mark.parametrize("kind", KINDS)
def test_each_damaged_file_is_refused_clearly_and_left_untouched(
    corpus: dict[str, Path], kind: str
) -> None:
    path = corpus[kind]
    before = file_hash(path)
    neighbours = sorted(p.name for p in path.parent.iterdir())
    error_type, reason, words = EXPECTED[kind]
    with pytest.raises(error_type) as caught:
        open_database(path)
    message = str(caught.value)
    assert words in message
    assert str(path) in message  # names the file
    assert "\n" not in message and len(message) < 260  # one line, for the CLI too
    assert caught.value.reason == reason and caught.value.path == path
    assert file_hash(path) == before
    assert sorted(p.name for p in path.parent.iterdir()) == neighbours  # no -wal, -shm, lock


@pytest.mark.parametrize("kind", KINDS)
def test_the_command_line_says_one_line_and_exits_1(corpus: dict[str, Path], kind: str) -> None:
    path = corpus[kind]
    before = file_hash(path)
    err = io.StringIO()
    with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
        status = cli.main(["summary", "--db", str(path), "--period", "all"])
    lines = err.getvalue().strip().splitlines()
    if kind == "read-only" and status == 0:  # a good database: reading it is a right answer
        assert lines == []
    else:
        assert status == 1
        assert len(lines) == 1 and path.name in lines[0] and "Traceback" not in lines[0]
    assert file_hash(path) == before


def test_a_read_only_file_opens_read_only_and_stays_unchanged(corpus: dict[str, Path]) -> None:
    path = corpus["read-only"]
    before = file_hash(path)
    db = open_database(path, read_only=True)
    repo = Repository(db)
    assert len(repo.list_accounts()) == 1
    with pytest.raises(sqlite3.OperationalError, match=r"readonly|read-only|query_only"):
        repo.set_setting("goal", "1")
    db.close()
    assert file_hash(path) == before


def test_a_damaged_page_is_found_by_quick_check_not_by_the_header(tmp_path: Path) -> None:
    """The header and identity pass; only quick_check finds the scribbled-over page."""
    path = make_corpus(tmp_path / "c")[KINDS.index("damaged-page")]
    conn = sqlite3.connect(f"{path.as_uri()}?mode=ro&immutable=1", uri=True)
    assert conn.execute("PRAGMA application_id").fetchone()[0] != 0  # identity is fine
    assert conn.execute("PRAGMA quick_check").fetchone()[0] != "ok"
    conn.close()
    with pytest.raises(DamagedDatabaseError, match="more problems"):
        check_file(path)


def test_a_read_only_folder_is_refused_with_its_own_message(
    tmp_path: Path, writable_again: None
) -> None:
    folder = tmp_path / "locked"
    folder.mkdir()
    path = write_good_database(folder / "tiklive.db")
    before = file_hash(path)
    folder.chmod(0o500)
    with pytest.raises(ReadOnlyDatabaseError, match="its folder is read-only"):
        open_database(path)
    with pytest.raises(errors.StorageError, match=r"cannot create .*folder is read-only"):
        open_database(folder / "new.db")
    db = open_database(path, read_only=True)  # looking is still possible
    assert len(Repository(db).list_accounts()) == 1
    db.close()
    assert file_hash(path) == before


def test_a_good_file_passes_and_a_new_one_is_created(tmp_path: Path) -> None:
    good = write_good_database(tmp_path / "good.db")
    check_file(good)  # no exception
    db = open_database(tmp_path / "new" / "fresh.db")
    assert db.execute("PRAGMA quick_check").fetchone()[0] == "ok"
    db.close()


def test_a_new_file_whose_creation_fails_is_not_left_behind_empty(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Else the next start would refuse the 0-byte leftover as an empty database."""
    from tiklive_desktop.storage import database

    def broken(db: object) -> list[int]:
        raise sqlite3.OperationalError("disk I/O error")

    monkeypatch.setattr(database, "migrate", broken)
    path = tmp_path / "fresh.db"
    with pytest.raises(sqlite3.OperationalError):
        open_database(path)
    assert list(tmp_path.iterdir()) == []

"""Damaged-file corpus: files that are not (usable) TikLive databases, opened every way.

Each file is opened through the app's open path (``storage.database.open_database``,
which the window and every command call) and through the CLI (``tiklive summary
--db FILE``). Each must give a clear message (one line naming the file, no
traceback), never crash, and leave the file byte for byte as it was (SHA-256
before and after). A read-only file that is a good database may also simply open.

The corpus comes from ``tiklive_desktop.storage.safety_corpus.make_corpus`` when
that module exists (the file-safety tests use the same files); otherwise from
:func:`make_corpus` here, which makes the same kinds.
"""

from __future__ import annotations

import contextlib
import io
import os
import random
import shutil
import sqlite3
import stat
import struct
import subprocess
import sys
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from fault_common import file_hash, table, write_base_database

MAY_OPEN = ("read-only",)
"""Kinds that are good databases: opening them is a right answer too."""


def _png() -> bytes:
    """A real 1x1 PNG (what a user might rename to .db by mistake)."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
        )

    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    pixels = zlib.compress(b"\x00\xff\x00\x80")
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")
    )


def make_corpus(folder: Path) -> list[Path]:
    """The damaged and foreign files, named by kind (``<kind>.db``); the folder is created."""
    from tiklive_desktop.storage.migrations import LATEST_VERSION

    folder.mkdir(parents=True, exist_ok=True)
    good = folder / "good.db"
    write_base_database(good)
    data = good.read_bytes()
    files: list[Path] = []

    def add(name: str, content: bytes | None = None) -> Path:
        path = folder / name
        if content is not None:
            path.write_bytes(content)
        files.append(path)
        return path

    add("truncated.db", data[: max(len(data) // 2, 4096 + 100)])
    add("random-bytes.db", random.Random(8).randbytes(8192))
    add("zero-length.db", b"")
    add("png-renamed.db", _png())
    newer = add("newer-version.db", data)
    with contextlib.closing(sqlite3.connect(newer)) as conn:
        conn.execute(f"PRAGMA user_version = {LATEST_VERSION + 1}")
        conn.commit()
    with contextlib.closing(sqlite3.connect(add("foreign-sqlite.db"))) as conn:
        conn.execute("CREATE TABLE moz_places (id INTEGER PRIMARY KEY, url TEXT)")
        conn.execute("INSERT INTO moz_places (url) VALUES ('https://example.org')")
        conn.commit()
    readonly = add("read-only.db", data)
    readonly.chmod(stat.S_IRUSR)
    directory = folder / "directory.db"
    directory.mkdir(exist_ok=True)
    files.append(directory)
    good.unlink()
    return files


def _put_back(path: Path, folder: Path) -> None:
    """Restore ``path`` from the pristine copy :func:`corpus` kept (and drop -wal/-shm)."""
    pristine = folder / "pristine" / path.name
    for suffix in ("-wal", "-shm", "-journal"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    if pristine.is_file() and path.is_file():
        mode = path.stat().st_mode
        path.chmod(mode | stat.S_IWUSR)
        shutil.copyfile(pristine, path)
        path.chmod(mode)


def corpus(folder: Path) -> list[Path]:
    """The corpus files, and a pristine copy of each in ``folder/pristine``."""
    files = _corpus_files(folder)
    keep = folder / "pristine"
    keep.mkdir(exist_ok=True)
    for path in files:
        if path.is_file():
            shutil.copyfile(path, keep / path.name)
    return files


def _corpus_files(folder: Path) -> list[Path]:
    try:
        from tiklive_desktop.storage.safety_corpus import (  # type: ignore[import-not-found]
            make_corpus as shared,
        )
    except ImportError:
        return make_corpus(folder)
    return list(shared(folder))


def kind_of(path: Path) -> str:
    return path.name.removesuffix(".db").removesuffix(".sqlite")


@dataclass(frozen=True)
class Outcome:
    """What one way of opening one file did."""

    answer: str  # "refused", "opened" or "CRASH"
    message: str


@dataclass(frozen=True)
class Row:
    kind: str
    app: Outcome
    cli: Outcome
    same_hash: bool

    def fine(self, outcome: Outcome, name: str) -> bool:
        if outcome.answer == "opened":
            return self.kind in MAY_OPEN
        return outcome.answer == "refused" and clear(outcome.message, name)

    def ok(self, name: str) -> bool:
        return self.same_hash and self.fine(self.app, name) and self.fine(self.cli, name)


def clear(message: str, name: str) -> bool:
    """One line, naming the file, saying something, and no Python internals."""
    lines = message.strip().splitlines()
    return (
        len(lines) == 1
        and name in lines[0]
        and len(lines[0]) > len(name) + 10
        and "Traceback" not in message
        and "unexpected error" not in message
    )


def open_with_app(path: Path) -> Outcome:
    from tiklive_desktop.storage.database import open_database
    from tiklive_desktop.storage.errors import StorageError

    try:
        db = open_database(path)
    except StorageError as error:
        return Outcome("refused", str(error))
    except Exception as error:  # the point of the test: anything else is a crash
        return Outcome("CRASH", f"{type(error).__name__}: {error}")
    db.close()
    return Outcome("opened", "")


def _cli_outcome(status: int, err: str) -> Outcome:
    if "Traceback" in err or status not in (0, 1, 2):
        return Outcome("CRASH", err.strip()[-200:])
    return Outcome("opened" if status == 0 else "refused", err.strip())


def open_with_cli_process(path: Path) -> Outcome:
    """``tiklive summary --db FILE`` in its own process, as a user types it."""
    run = subprocess.run(
        [sys.executable, "-m", "tiklive_desktop", "summary", "--db", str(path), "--period", "all"],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )
    return _cli_outcome(run.returncode, run.stderr)


def open_with_cli_inline(path: Path) -> Outcome:
    """The same command in this process (fast, for the test suite)."""
    from tiklive_desktop import cli

    err = io.StringIO()
    with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
        status = cli.main(["summary", "--db", str(path), "--period", "all"])
    return _cli_outcome(status, err.getvalue())


def run_corpus(folder: Path, *, inline_cli: bool = False) -> tuple[list[Row], str]:
    """Every file through both paths; the rows and the printed table."""
    cli_open: Callable[[Path], Outcome] = (
        open_with_cli_inline if inline_cli else open_with_cli_process
    )
    rows = []
    for path in corpus(folder):
        before = file_hash(path)
        app = open_with_app(path)
        app_kept = file_hash(path) == before
        _put_back(path, folder)  # so the CLI meets the file as it was, even if the app changed it
        cli_result = cli_open(path)
        rows.append(Row(kind_of(path), app, cli_result, app_kept and file_hash(path) == before))
    if os.geteuid() == 0:
        note = "note: run as root, so only the app itself can honour read-only.db's permission bits"
    else:
        note = ""

    def cell(outcome: Outcome) -> str:
        return outcome.answer

    report = table(
        ["file", "app open", "CLI", "hash same", "verdict", "message (app / CLI)"],
        [
            [
                r.kind,
                cell(r.app),
                cell(r.cli),
                "yes" if r.same_hash else "NO",
                "ok" if r.ok(r.kind) else "FAIL",
                _short(r.app.message, folder) + " / " + _short(r.cli.message, folder),
            ]
            for r in rows
        ],
    )
    passed = sum(r.ok(r.kind) for r in rows)
    lines = [f"Damaged-file corpus ({len(rows)} files)", "", report, ""]
    lines.append(f"clear message, no crash, file unchanged: {passed}/{len(rows)}")
    if note:
        lines.append(note)
    return rows, "\n".join(lines)


def _short(message: str, folder: Path, width: int = 60) -> str:
    """The message without the corpus folder's path (the file's name stays)."""
    text = " ".join(message.replace(f"{folder}/", "").split())
    return text if len(text) <= width else text[: width - 1] + "…"

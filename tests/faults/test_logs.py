"""The rotating log file: where it is, who can read it, how big it gets, and that it never fails."""

from __future__ import annotations

import logging
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from tiklive_desktop import logs


@pytest.fixture(autouse=True)
def restore_root_logger() -> Iterator[None]:
    root = logging.getLogger()
    level = root.level
    yield
    for handler in list(root.handlers):
        if getattr(handler, "_tiklive", False):
            root.removeHandler(handler)
            handler.close()
    root.setLevel(level)


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def flush() -> None:
    for handler in logging.getLogger().handlers:
        handler.flush()


def test_the_log_is_in_the_data_folder_and_private(tmp_path: Path) -> None:
    path = logs.setup_logging(tmp_path, console=False)
    assert path == tmp_path / "logs" / "tiklive.log" == logs.current_log_file()
    logging.getLogger("tiklive_desktop.test").warning("ملاحظة 😀 saved")
    flush()
    assert "WARNING tiklive_desktop.test [MainThread] ملاحظة 😀 saved" in path.read_text("utf-8")
    assert mode(path) == 0o600
    assert mode(path.parent) == 0o700


def test_the_default_folder_follows_tiklive_data_dir(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("TIKLIVE_DATA_DIR", str(tmp_path / "portable"))
    assert logs.log_folder() == tmp_path / "portable" / "logs"


def test_an_old_readable_log_is_made_private(tmp_path: Path) -> None:
    folder = tmp_path / "logs"
    folder.mkdir(mode=0o755)
    (folder / "tiklive.log").write_text("old line\n")
    (folder / "tiklive.log").chmod(0o644)
    path = logs.setup_logging(tmp_path, console=False)
    assert path is not None
    assert (mode(path), mode(folder)) == (0o600, 0o700)
    assert path.read_text().startswith("old line")  # appended to, not replaced


def test_rotation_keeps_five_old_files_of_bounded_size(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(logs, "MAX_BYTES", 2_000)
    path = logs.setup_logging(tmp_path, console=False)
    assert path is not None
    for i in range(400):  # ~100 bytes a line: ~40,000 bytes, 20 files' worth
        logging.getLogger("spam").info("line %04d %s", i, "x" * 40)
    flush()
    names = sorted(p.name for p in path.parent.iterdir())
    assert names == ["tiklive.log", *(f"tiklive.log.{n}" for n in range(1, 6))]
    assert all(p.stat().st_size <= 2_000 for p in path.parent.iterdir())
    assert all(mode(p) == 0o600 for p in path.parent.iterdir())
    assert "line 0399" in path.read_text()


def test_setting_up_twice_does_not_write_each_line_twice(tmp_path: Path) -> None:
    logs.setup_logging(tmp_path, console=False)
    path = logs.setup_logging(tmp_path, console=False)
    assert path is not None
    logging.getLogger("once").warning("only once")
    flush()
    assert path.read_text().count("only once") == 1


def test_an_unwritable_data_folder_means_stderr_only_not_a_crash(tmp_path: Path, capsys) -> None:
    blocked = tmp_path / "a-file"
    blocked.write_text("not a folder")
    assert logs.setup_logging(blocked) is None
    assert logs.current_log_file() is None
    logging.getLogger("still").error("still logged")
    assert "still logged" in capsys.readouterr().err


def test_text_that_cannot_be_encoded_is_logged_escaped(tmp_path: Path) -> None:
    path = logs.setup_logging(tmp_path, console=False)
    assert path is not None
    logging.getLogger("odd").warning("lone \ud800 surrogate")
    flush()
    assert "lone \\ud800 surrogate" in path.read_text("utf-8")

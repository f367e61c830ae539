"""An unexpected error while the session editor is open: logged, said, and nothing typed is lost.

The bug is simulated where a real one would be: the preview, which runs in a
slot on every key press, raises. PySide hands the exception to
``sys.excepthook``; the CrashHandler logs it to the rotating log file and
shows one message (through an injected ``show``, as tests do with the
DialogService) naming the log file. The editor stays open with every
character typed, and once the bug is gone Save stores all of it.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer

from tiklive_desktop import logs
from tiklive_desktop.core.entities import Account
from tiklive_desktop.gui.context import Context
from tiklive_desktop.gui.crash import CrashHandler
from tiklive_desktop.gui.editors import session_editor
from tiklive_desktop.gui.editors.session_editor import SessionEditor
from tiklive_desktop.storage.repository import Repository, SessionQuery

# pytest-qt would capture the exception itself; here the app's own hook must see it.
pytestmark = [
    pytest.mark.qt_no_exception_capture,
    pytest.mark.qt_log_ignore(r"This plugin does not support"),
]


class Shown:
    def __init__(self) -> None:
        self.messages: list[tuple[str, str, str]] = []

    def __call__(self, title: str, message: str, details: str) -> None:
        self.messages.append((title, message, details))


@pytest.fixture
def log_file(tmp_path: Path) -> Iterator[Path]:
    path = logs.setup_logging(tmp_path, console=False)
    assert path is not None
    yield path
    root = logging.getLogger()
    for handler in list(root.handlers):
        if getattr(handler, "_tiklive", False):
            root.removeHandler(handler)
            handler.close()


@pytest.fixture
def crash(log_file: Path) -> Iterator[tuple[CrashHandler, Shown]]:
    shown = Shown()
    handler = CrashHandler(log_file, show=shown)
    handler.install()
    yield handler, shown
    handler.uninstall()


def log_text(path: Path) -> str:
    for handler in logging.getLogger().handlers:
        handler.flush()
    return path.read_text("utf-8")


def test_an_error_in_a_slot_is_logged_and_shown_and_the_editor_keeps_the_text(
    qtbot, ctx: Context, repo: Repository, account: Account, crash, log_file, monkeypatch
) -> None:
    handler, shown = crash
    assert account.id is not None
    editor = SessionEditor(ctx, account.id)
    qtbot.addWidget(editor)
    editor.show()
    qtbot.keyClicks(editor.title_edit, "Sunday songs")
    editor.notes_edit.setPlainText("ملاحظة: rainy 😀")

    def broken(*args: object, **kwargs: object) -> object:
        raise RuntimeError("the preview broke")

    real = session_editor.preview_texts
    monkeypatch.setattr(session_editor, "preview_texts", broken)
    qtbot.keyClicks(editor.title_edit, "!")  # textEdited -> _revalidate -> preview: raises

    assert len(shown.messages) == 1
    title, message, details = shown.messages[0]
    assert title == "Unexpected error"
    assert "RuntimeError: the preview broke" in message
    assert str(log_file) in message  # where the details are
    assert "Your data is safe" in message
    assert 'raise RuntimeError("the preview broke")' in details
    logged = log_text(log_file)
    assert "CRITICAL tiklive_desktop.gui.crash [MainThread] unexpected error" in logged
    assert "RuntimeError: the preview broke" in logged
    # The app did not quit and nothing typed is lost.
    assert editor.isVisible()
    assert editor.title_edit.text() == "Sunday songs!"
    assert editor.notes_edit.toPlainText() == "ملاحظة: rainy 😀"
    assert repo.count_sessions(SessionQuery()) == 0

    qtbot.keyClicks(editor.title_edit, "!")  # the same error again: logged, not shown again
    assert len(shown.messages) == 1
    assert log_text(log_file).count("RuntimeError: the preview broke") == 2

    monkeypatch.setattr(session_editor, "preview_texts", real)  # the bug fixed: carry on
    qtbot.keyClick(editor.title_edit, Qt.Key.Key_Return)
    assert editor.stored is not None and not editor.isVisible()
    assert (editor.stored.title, editor.stored.notes) == ("Sunday songs!!", "ملاحظة: rainy 😀")
    assert handler.shown == 1


def test_an_error_in_a_timer_slot_is_shown_too(qtbot, crash) -> None:
    _, shown = crash

    def tick() -> None:
        raise KeyError("missing")

    QTimer.singleShot(0, tick)
    qtbot.waitUntil(lambda: len(shown.messages) == 1)
    assert "KeyError: 'missing'" in shown.messages[0][1]


def test_a_worker_threads_error_is_shown_on_the_gui_thread(qtbot, crash, log_file) -> None:
    _, shown = crash
    seen_on: list[str] = []
    handler = crash[0]
    handler.show = lambda title, message, details: (
        seen_on.append(threading.current_thread().name),
        shown(title, message, details),
    )

    def work() -> None:
        raise ValueError("worker failed")

    thread = threading.Thread(target=work, name="import-worker")
    thread.start()
    thread.join()
    qtbot.waitUntil(lambda: len(shown.messages) == 1)
    assert seen_on == ["MainThread"]
    assert "ValueError: worker failed" in shown.messages[0][1]
    assert "[import-worker] unexpected error in thread import-worker" in log_text(log_file)


def test_a_failing_dialog_is_logged_not_raised(crash, log_file) -> None:
    handler, _ = crash

    def broken_show(title: str, message: str, details: str) -> None:
        raise OSError("no display")

    handler.show = broken_show
    try:
        raise ZeroDivisionError("bad sum")
    except ZeroDivisionError as error:
        handler.handle(type(error), error, error.__traceback__)
    text = log_text(log_file)
    assert "ZeroDivisionError: bad sum" in text
    assert "could not show the unexpected-error dialog" in text


def test_uninstall_gives_the_previous_hooks_back(log_file) -> None:
    import sys

    before = (sys.excepthook, threading.excepthook)
    handler = CrashHandler(log_file, show=Shown())
    handler.install()
    assert sys.excepthook == handler.handle
    handler.uninstall()
    assert (sys.excepthook, threading.excepthook) == before

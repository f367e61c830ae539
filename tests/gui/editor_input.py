"""Typing into the session editor as a person would: shared by the two fuzz tests.

test_session_editor_fuzz.py (printable, nearly-right input) and
test_editor_fuzz.py (hostile input) drive the same dialog the same way; only
what they type differs, so how they type lives here once.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QWidget

from tiklive_desktop.gui.editors.gift_lines import COUNT, GIFT, PRICE
from tiklive_desktop.gui.editors.session_editor import SessionEditor


def type_text(widget: QWidget, text: str) -> None:
    """Key presses carrying the characters (QTest's keyClicks knows ASCII only)."""
    for char in text:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(widget, QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier, char))


def type_start_and_end(qtbot, editor: SessionEditor, when: tuple[str, str]) -> None:
    """Digits typed into the start's and the end's date sections, from the first section."""
    for edit, keys in ((editor.start_edit, when[0]), (editor.end_edit, when[1])):
        edit.setFocus()
        edit.setSelectedSection(edit.sectionAt(0))
        qtbot.keyClicks(edit, keys)


def add_gift_lines(editor: SessionEditor, lines: list[tuple[str, str, str]]) -> None:
    """One new line per (gift, count, price); a blank cell is left untouched."""
    model = editor.gift_model
    for gift, count, price in lines:
        row = model.insert_line()
        for column, text in ((GIFT, gift), (COUNT, count), (PRICE, price)):
            if text:  # what the delegate hands over when a cell is typed in
                model.setData(model.index(row, column), text)

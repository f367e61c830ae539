"""Hostile typing into EVERY field of the session editor: nothing raises, nothing invalid is stored.

test_session_editor_fuzz.py types mostly printable text; this one aims at the
inputs that break programs: numbers past 2**53 and 2**63, "1e309", "-0",
Arabic-Indic and mixed-script digits, control characters, right-to-left
overrides, emoji, markup, and text longer than every limit (pasted, as a
person would paste it). It drives the start and end (digits typed into the
date sections), the Diamonds and the seven counts, the title, the tags, the
notes, and each gift line's gift, count and price. Whatever is stored must
pass core validation again and read back from the database unchanged.
"""

from __future__ import annotations

import dataclasses
from datetime import date

import pytest
from editor_input import add_gift_lines, type_start_and_end, type_text
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLineEdit, QPlainTextEdit

from tiklive_desktop.core.entities import Account, Session
from tiklive_desktop.core.validation import NOTES_MAX, parse_session
from tiklive_desktop.gui.context import Context
from tiklive_desktop.gui.editors.session_editor import COUNT_KEYS, SessionEditor
from tiklive_desktop.storage.repository import Repository, SessionQuery

pytestmark = pytest.mark.qt_log_ignore(r"This plugin does not support")

LINE_KEYS = ("reported_diamonds", *COUNT_KEYS, "title", "tags")
"""The one-line fields (QLineEdit); the notes are a QPlainTextEdit."""

HOSTILE = [
    str(2**53 + 1),
    str(2**63),
    "9" * 40,
    "1e309",
    "-0",
    "-1",
    "NaN",
    "∞",
    "٣",  # Arabic-Indic three: read as 3
    "١٢٣٤",
    "1٣",  # mixed scripts: refused
    "𝟓",
    "²",
    "12,50",
    "1,2,3",
    "0x1F",
    "\x00",
    "\x1b[31m",
    "a\x7fb",
    "\u202eevil",  # right-to-left override
    "مرحبا بكم",
    "שלום",
    "😀🎤👨‍👩‍👧",
    "<b>bold</b>",
    "Rose",
    "lion",
    "  ",
]
digits_only = st.from_regex(r"[0-9]{1,12}", fullmatch=True)
any_text = st.text(st.characters(exclude_categories=("Cs",)), max_size=12)
short = st.one_of(st.sampled_from(HOSTILE), any_text, digits_only)
# Long text is pasted, not typed: one past each limit, and the notes' own limit exactly.
# Drawn as (pattern, length) so a failing example prints short.
PATTERNS = {"x": "x", "rtl": "مرحبا 😀 ", "lines": "line\n"}
long_text = st.tuples(
    st.sampled_from(sorted(PATTERNS)),
    st.sampled_from([201, 1_000, 40_000, NOTES_MAX, NOTES_MAX + 1]),
)
entry = st.one_of(
    short.map(lambda t: ("type", t)),
    short.map(lambda t: ("paste", t)),  # pasting also brings line breaks and control characters
    long_text.map(lambda pattern_size: ("paste", pattern_size)),
)
fields = st.dictionaries(st.sampled_from((*LINE_KEYS, "notes")), entry, max_size=6)
line = st.tuples(short, short, st.one_of(st.just(""), short))
when = st.one_of(st.just(("", "")), st.tuples(digits_only, digits_only))


def long(pattern: str, size: int) -> str:
    return (PATTERNS[pattern] * size)[:size]


def as_plain_text(text: str) -> str:
    """What a QPlainTextEdit gives back for pasted ``text``: a document keeps lines, not line-ending
    characters (CR LF, CR, U+2028 and U+2029 become LF), and toPlainText() turns no-break spaces
    into spaces (QTextDocument::toPlainText)."""
    text = text.replace("\r\n", "\n")
    for separator in ("\r", "\u2028", "\u2029"):
        text = text.replace(separator, "\n")
    return text.replace("\u00a0", " ")


def paste(widget: QLineEdit | QPlainTextEdit, text: str) -> None:
    """What Ctrl+V does with ``text`` on the clipboard."""
    clipboard = QApplication.clipboard()
    clipboard.setText(text)
    widget.paste()


def as_raw(session: Session) -> dict[str, object]:
    """A stored session as raw input again: what validation must accept unchanged."""
    raw: dict[str, object] = {
        "start": session.start,
        "duration": session.duration,
        "reported_diamonds": session.reported_diamonds,
        "title": session.title,
        "notes": session.notes,
        "tags": list(session.tags),
        "gift_lines": [
            {"gift": line.gift, "count": line.count, "coins_each": line.coins_each}
            for line in session.gift_lines
        ],
    }
    raw.update({key: getattr(session, key) for key in COUNT_KEYS})
    return raw


def plain(session: Session) -> Session:
    lines = tuple(dataclasses.replace(g, id=None, gift_id=None) for g in session.gift_lines)
    return dataclasses.replace(session, id=None, gift_lines=lines)


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(fields=fields, when=when, lines=st.lists(line, max_size=3))
def test_hostile_input_in_every_field_never_raises_nor_stores_invalid_data(
    qtbot,
    ctx: Context,
    repo: Repository,
    account: Account,
    fields: dict[str, tuple[str, str | tuple[str, int]]],
    when: tuple[str, str],
    lines: list[tuple[str, str, str]],
) -> None:
    assert account.id is not None
    editor = SessionEditor(ctx, account.id)
    qtbot.addWidget(editor)
    editor.show()
    type_start_and_end(qtbot, editor, when)
    for key, (how, what) in fields.items():
        text = what if isinstance(what, str) else long(*what)
        widget = editor.form.fields[key]
        assert isinstance(widget, QLineEdit | QPlainTextEdit)
        widget.setFocus()
        if how == "paste":
            paste(widget, text)
            if isinstance(widget, QLineEdit):
                shown = widget.text()  # the paste arrived, cut at QLineEdit's 32,767 UTF-16 units
                cut = len(text.encode("utf-16-le")) // 2 > widget.maxLength()
                assert shown == text or (cut and text.startswith(shown[:-1]))
            else:
                assert widget.toPlainText() == as_plain_text(text)
        else:
            type_text(widget, text)
        editor.ok_button.setFocus()  # leaving the field marks it touched
    add_gift_lines(editor, lines)

    before = repo.count_sessions(SessionQuery())
    valid = editor.report.ok
    event("valid" if valid else "invalid")
    raw = editor.raw()
    qtbot.keyClick(editor.form.fields["likes"], Qt.Key.Key_Return)
    after = repo.count_sessions(SessionQuery())
    catalog = repo.catalog_on(raw["start"].date())
    check = parse_session(raw, account_id=account.id, catalog=catalog, today=date.today())
    assert check.ok == valid  # the dialog says what core says

    if not valid:
        assert after == before  # invalid input is never stored
        assert editor.isVisible() and not editor.ok_button.isEnabled()
        shown = [editor.form.message(key) for key in editor.form.fields]
        assert any(shown) or editor.gift_error.text()  # and the user is told why
        assert editor.raw() == raw  # nothing typed was lost
        editor.close()
        return
    stored = editor.stored
    assert stored is not None and stored.id is not None and after == before + 1
    assert not editor.isVisible()
    again = parse_session(
        as_raw(stored), account_id=account.id, catalog=catalog, today=date.today()
    )
    assert again.ok, again.problems  # what is stored passes validation
    assert again.value is not None and plain(again.value) == plain(stored)
    read_back = repo.get_session(stored.id)
    assert read_back is not None and plain(read_back) == plain(stored)  # and round-trips


def test_a_note_of_exactly_the_limit_is_stored_and_one_more_character_is_refused(
    qtbot, ctx: Context, repo: Repository, account: Account
) -> None:
    assert account.id is not None
    editor = SessionEditor(ctx, account.id)
    qtbot.addWidget(editor)
    editor.show()
    note = ("ملاحظة 😀 line\n" * NOTES_MAX)[: NOTES_MAX + 1]
    editor.notes_edit.setFocus()
    paste(editor.notes_edit, note)
    editor.ok_button.setFocus()
    assert editor.form.message("notes") == (
        "The notes is too long: 100,001 characters, the most is 100,000."
    )
    assert not editor.ok_button.isEnabled()
    qtbot.keyClick(editor.title_edit, Qt.Key.Key_Return)
    assert repo.count_sessions(SessionQuery()) == 0 and editor.isVisible()
    editor.notes_edit.setFocus()
    qtbot.keyClick(editor.notes_edit, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(editor.notes_edit, Qt.Key.Key_Backspace)
    assert editor.form.message("notes") == "" and editor.ok_button.isEnabled()
    qtbot.keyClick(editor.title_edit, Qt.Key.Key_Return)
    assert editor.stored is not None and editor.stored.id is not None
    stored = repo.get_session(editor.stored.id)
    assert stored is not None and stored.notes == note[:NOTES_MAX]

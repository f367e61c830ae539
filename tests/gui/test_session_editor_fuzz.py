"""Whatever a person types into the session editor, it never raises and never stores bad input."""

from __future__ import annotations

import dataclasses
from datetime import date

import pytest
from editor_input import add_gift_lines, type_start_and_end, type_text
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from PySide6.QtCore import Qt

from tiklive_desktop.core.entities import Account, Session
from tiklive_desktop.core.validation import parse_session
from tiklive_desktop.gui.context import Context
from tiklive_desktop.gui.editors.session_editor import SessionEditor
from tiklive_desktop.storage.repository import Repository, SessionQuery

pytestmark = pytest.mark.qt_log_ignore(r"This plugin does not support")

TEXT_KEYS = ("reported_diamonds", "likes", "peak_viewers", "total_viewers", "new_followers")
TEXT_KEYS += ("comments", "shares", "gifters", "title", "tags", "notes")

NUMBER_KEYS = TEXT_KEYS[:8]

# Anything printable (emoji, right-to-left, odd digits), and input that is nearly right.
anything = st.text(st.characters(blacklist_categories=("Cs", "Cc")), max_size=10)
numberish = st.from_regex(r"-?[0-9]{0,3}(,[0-9]{3})?(\.[0-9]?)?", fullmatch=True)
typed = st.one_of(anything, numberish, st.sampled_from(["", "0", "7", "1,200", "abc", "-5"]))
count = st.one_of(st.just(""), st.integers(0, 10**7).map(str))
# A form a careful person would type, then a few fields typed by anyone at all.
careful = st.fixed_dictionaries(
    {key: count if key in NUMBER_KEYS else anything for key in TEXT_KEYS}
)
fields = st.builds(
    lambda base, noise: {**base, **noise},
    careful,
    st.dictionaries(st.sampled_from(TEXT_KEYS), typed, max_size=3),
)
good_line = st.tuples(
    st.sampled_from(["Rose", "lion", "GALAXY"]), st.integers(1, 999).map(str), st.just("")
)
any_line = st.tuples(st.one_of(st.sampled_from(["Rose", ""]), anything), typed, typed)
# Typed dates are mostly refused (too early, in the future); nothing typed keeps the defaults.
digits = st.from_regex(r"[0-9]{0,12}", fullmatch=True)
when = st.one_of(st.just(("", "")), st.tuples(digits, digits))


def stored_equal(stored: Session, expected: Session) -> bool:
    lines = tuple(dataclasses.replace(line, id=None, gift_id=None) for line in stored.gift_lines)
    plain = dataclasses.replace(stored, id=None, gift_lines=lines)
    want = tuple(dataclasses.replace(line, gift_id=None) for line in expected.gift_lines)
    return plain == dataclasses.replace(expected, gift_lines=want)


@settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    fields=fields,
    when=when,
    lines=st.lists(st.one_of(good_line, good_line, any_line), max_size=3),
)
def test_random_typing_never_raises_nor_stores_invalid_input(
    qtbot,
    ctx: Context,
    repo: Repository,
    account: Account,
    fields: dict[str, str],
    when: tuple[str, str],
    lines: list[tuple[str, str, str]],
) -> None:
    assert account.id is not None
    editor = SessionEditor(ctx, account.id)
    qtbot.addWidget(editor)
    editor.show()
    type_start_and_end(qtbot, editor, when)
    for key, text in fields.items():
        widget = editor.form.fields[key]
        widget.setFocus()
        type_text(widget, text)
        if key != "notes" and text.isascii() and text.isprintable():
            assert widget.text() == text  # the keys really arrived
        editor.form.fields["title"].setFocus()  # leaving the field marks it touched
    add_gift_lines(editor, lines)

    before = repo.count_sessions(SessionQuery())
    valid = editor.report.ok
    event("valid" if valid else "invalid")
    raw = editor.raw()
    qtbot.keyClick(editor.form.fields["likes"], Qt.Key.Key_Return)
    after = repo.count_sessions(SessionQuery())

    check = parse_session(
        raw, account_id=account.id, catalog=repo.catalog_on(raw["start"].date()), today=date.today()
    )
    assert check.ok == valid
    if valid:
        assert check.value is not None and editor.stored is not None
        assert after == before + 1
        assert stored_equal(editor.stored, check.value)
        assert not editor.isVisible()
    else:
        assert after == before
        assert editor.isVisible()
        assert not editor.ok_button.isEnabled()
        shown = [editor.form.message(key) for key in editor.form.fields]
        assert any(shown) or editor.gift_error.text()  # every problem is said somewhere
    editor.close()

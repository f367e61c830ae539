"""Reading and showing text as people type it: digits of any script, control characters, glimpses.

Pure functions the field readers (:mod:`tiklive_desktop.core.fields`), the CLI
and the widgets share, so "٣" is 3 and a NUL is refused the same way everywhere.
"""

from __future__ import annotations

import re
import unicodedata

# Unicode's control characters (category Cc) but tab, line feed and carriage return.
CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_ONE_LINE = str.maketrans(dict.fromkeys("\t\n\r\v\f\x85\u2028\u2029", " "))


def one_line(text: str) -> str:
    """Tabs and line breaks (as a paste brings them) made spaces: a title is one line."""
    return text.translate(_ONE_LINE)


def ascii_digits(text: str) -> str | None:
    """``text`` with its digits as ASCII ("٣٤" -> "34"); None when it mixes digit scripts.

    Why: a creator typing in Arabic or Persian gets Arabic-Indic digits from
    the keyboard, and those are numbers like any other. A mix ("1٣") is a slip
    of the keyboard layout, not a number anyone means, so it is refused rather
    than read as 13. Superscripts and other non-decimal digits ("²") stay as
    they are, and the number readers refuse them.
    """
    if text.isascii():
        return text
    zeros = set()
    chars = []
    for char in text:
        value = unicodedata.decimal(char, None)
        if value is None or char.isascii():
            chars.append(char)
            if char.isdigit() and char.isascii():
                zeros.add("0")
            continue
        zeros.add(chr(ord(char) - value))
        chars.append(str(value))
    return "".join(chars) if len(zeros) <= 1 else None


GLIMPSE_CHARS = 1_000
GLIMPSE_LINES = 12


def glimpse(text: str, max_chars: int = GLIMPSE_CHARS, max_lines: int = GLIMPSE_LINES) -> str:
    """The start of a long text for a place that shows only a glimpse (a detail pane, a tooltip).

    Why: notes may hold 100,000 characters; a label or tooltip laying all of
    them out takes seconds and grows taller than the screen. The full text
    stays in the record and its editor; the glimpse says how much is left out.
    """
    lines = text.splitlines()
    short = "\n".join(lines[:max_lines])[:max_chars]
    if short == text:
        return text
    return f"{short.rstrip()}… (+{len(text) - len(short):,} more characters)"


__all__ = ["CONTROL", "GLIMPSE_CHARS", "GLIMPSE_LINES", "ascii_digits", "glimpse", "one_line"]

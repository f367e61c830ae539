"""Reading a CSV file people made: its bytes, encoding, delimiter, header and rows.

Encoding, decided: UTF-8 (with or without the BOM Excel writes) and UTF-16
with a BOM (Excel's "Unicode Text") are read as they are. Anything else is
refused with the line and column of the first byte that is not UTF-8, and the
advice to save as "CSV UTF-8", unless the caller names the encoding (e.g.
``cp1252``). There is no silent cp1252 fallback: bytes that are not UTF-8
are as likely cp1250, Mac Roman or Shift-JIS, and a wrong guess would store
wrong titles and notes without anyone noticing; naming the encoding is one
click for the user and never wrong.

Delimiter: comma, semicolon (European Excel) or tab, whichever the header line
has most of outside quotes; an Excel ``sep=;`` first line is honoured.
"""

from __future__ import annotations

import codecs
import csv
import io
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from tiklive_desktop.exchange.import_plan import FILE_LEVEL, RowProblem
from tiklive_desktop.storage.errors import StorageError

DELIMITERS = (",", ";", "\t")
_EXCEL = "; in Excel, open it and use File > Save As > CSV UTF-8"
_SIGNATURES = (
    (b"\x89PNG", "a PNG image", ""),
    (b"\xff\xd8\xff", "a JPEG image", ""),
    (b"GIF8", "a GIF image", ""),
    (b"%PDF-", "a PDF document", ""),
    (b"PK\x03\x04", "an Excel workbook (.xlsx) or another ZIP archive", _EXCEL),
    (b"\xd0\xcf\x11\xe0", "an old Excel workbook (.xls)", _EXCEL),
    (b"SQLite format 3\x00", "an SQLite database", "; to bring back a backup, use Restore"),
)
SAVE_AS_UTF8 = 'Save it as "CSV UTF-8" (in Excel: File > Save As > CSV UTF-8)'


class ImportFileError(StorageError):
    """The file as a whole cannot be read as CSV; ``problem`` says where and why."""

    def __init__(self, problem: RowProblem) -> None:
        super().__init__(str(problem))
        self.problem = problem


def _fail(message: str, line: int = FILE_LEVEL) -> ImportFileError:
    return ImportFileError(RowProblem(line, None, message))


def decode(data: bytes, encoding: str | None = None) -> str:
    """The file's text; raises :class:`ImportFileError` for empty, binary or non-UTF-8 files."""
    if not data.strip():
        raise _fail("The file is empty: there is nothing to import.")
    for signature, kind, advice in _SIGNATURES:
        if data.startswith(signature):
            raise _fail(f"This is {kind}, not a CSV text file{advice}.")
    if encoding:
        try:
            codecs.lookup(encoding)
        except LookupError:
            raise _fail(f"{encoding!r} is not an encoding this app knows (try cp1252).") from None
        return _decode_as(data, encoding)
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return _decode_as(data, "utf-16")
    if b"\x00" in data[:4096]:
        raise _fail(
            "The file has NUL bytes: it is UTF-16 text without a byte-order mark, or not "
            f"text at all. {SAVE_AS_UTF8}."
        )
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line, column = _position(data, error.start)
        raise _fail(
            f"Line {line} is not UTF-8 text (byte 0x{data[error.start]:02X} at column {column}); "
            f"the file was probably saved as Windows or Latin-1 text. {SAVE_AS_UTF8}, or "
            "choose its encoding (e.g. cp1252 for Windows Western).",
            line,
        ) from None


def _decode_as(data: bytes, encoding: str) -> str:
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as error:
        line, column = _position(data, error.start)
        raise _fail(
            f"Line {line} is not {encoding} text (byte 0x{data[error.start]:02X} at column "
            f"{column}). {SAVE_AS_UTF8}.",
            line,
        ) from None
    text = text.removeprefix("\ufeff")
    if "\x00" in text:
        raise _fail(f"The file has NUL characters: it is not {encoding} text.")
    return text


def _position(data: bytes, offset: int) -> tuple[int, int]:
    line = data.count(b"\n", 0, offset) + 1
    column = offset - (data.rfind(b"\n", 0, offset) + 1) + 1
    return line, column


def _outside_quotes(line: str) -> str:
    """The characters of ``line`` that are not inside double quotes."""
    kept, quoted = [], False
    for char in line:
        if char == '"':
            quoted = not quoted
        elif not quoted:
            kept.append(char)
    return "".join(kept)


def sniff_delimiter(text: str) -> tuple[str, int]:
    """(delimiter, lines to skip): an Excel ``sep=X`` line, or the header's commonest one.

    Only the header is counted: column names rarely hold a delimiter, while
    titles and notes in the rows often hold commas and semicolons.
    """
    lines = text.splitlines()
    first = next((line for line in lines if line.strip()), "")
    if first.strip().lower().startswith("sep=") and len(first.strip()) == 5:
        return first.strip()[4], 1
    counts = {d: _outside_quotes(first).count(d) for d in DELIMITERS}
    best = max(DELIMITERS, key=lambda d: counts[d])  # ties: the first listed (comma)
    return (best if counts[best] else ","), 0


@dataclass(frozen=True, slots=True)
class CsvRow:
    line: int
    cells: list[str]


@dataclass(frozen=True, slots=True)
class CsvTable:
    """The header and rows of a file; ``line`` numbers are the file's own (header = 1)."""

    delimiter: str
    header_line: int
    headers: list[str]
    rows: list[CsvRow]


def _records(text: str, delimiter: str, skip: int) -> Iterator[CsvRow]:
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=False)
    done = 0
    try:
        for cells in reader:
            begin, done = done + 1, reader.line_num
            if begin <= skip:
                continue
            yield CsvRow(begin, cells)
    except csv.Error as error:
        line = reader.line_num
        raise _fail(f"Line {line} cannot be read as CSV: {error}.", line) from None


def read_table(data: bytes, encoding: str | None = None) -> CsvTable:
    """Decode, sniff and split the whole file; the header is the first non-blank record."""
    text = decode(data, encoding)
    if "\x00" in text:
        raise _fail(f"The file has NUL characters: it is not text. {SAVE_AS_UTF8}.")
    delimiter, skip = sniff_delimiter(text)
    records = [row for row in _records(text, delimiter, skip) if row.cells]  # [] = blank line
    header = next((row for row in records if any(c.strip() for c in row.cells)), None)
    if header is None:
        raise _fail("The file is empty: there is nothing to import.")
    headers = [cell.strip().removeprefix("\ufeff") for cell in header.cells]
    rows = [row for row in records if row.line > header.line]
    return CsvTable(delimiter, header.line, headers, rows)


def read_path(path: str | Path, encoding: str | None = None) -> CsvTable:
    return read_table(Path(path).read_bytes(), encoding)


__all__ = [
    "DELIMITERS",
    "CsvRow",
    "CsvTable",
    "ImportFileError",
    "decode",
    "read_path",
    "read_table",
    "sniff_delimiter",
]

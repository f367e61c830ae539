"""One registry of the window's own preferences, with their defaults.

What belongs to the creator's data (region, goal, rates, catalog) lives in
the database; what belongs to this computer's window (geometry, theme, recent
files, last folders, column widths) lives here, in QSettings.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QByteArray, QSettings

T = TypeVar("T")


@dataclass(frozen=True)
class Option(Generic[T]):
    key: str
    default: T


THEME = Option("view/theme", "system")  # system | light | dark
RECENT_FILES = Option[list[str]]("file/recent", [])
LAST_FOLDER = Option("file/last_folder", "")
ACTIVE_ACCOUNT = Option("view/active_account", 0)  # 0 = all accounts
MAX_RECENT = 8


def open_qsettings() -> QSettings:
    """INI under TIKLIVE_CONFIG_DIR when set (tests, portable use), else the platform's place."""
    folder = os.environ.get("TIKLIVE_CONFIG_DIR")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        return QSettings(str(Path(folder) / "tiklive.ini"), QSettings.Format.IniFormat)
    return QSettings()


class UiSettings:
    """Typed access to the options above plus widget state blobs (geometry, splitters, headers)."""

    def __init__(self, qsettings: QSettings | None = None) -> None:
        self.qs = qsettings or open_qsettings()

    def get(self, option: Option[T]) -> T:
        value: Any = self.qs.value(option.key, option.default)
        default = option.default
        if isinstance(default, bool):
            return (value in (True, "true", "1", 1)) if value is not None else default  # type: ignore[return-value]
        if isinstance(default, int):
            try:
                return int(value)  # type: ignore[return-value]
            except (TypeError, ValueError):
                return default
        if isinstance(default, list):
            if value is None or value == "":
                return []  # type: ignore[return-value]
            return [str(v) for v in value] if isinstance(value, list) else [str(value)]  # type: ignore[return-value]
        return value if value is not None else default

    def set(self, option: Option[T], value: T) -> None:
        self.qs.setValue(option.key, value)

    def state(self, key: str) -> QByteArray | None:
        value = self.qs.value(f"state/{key}")
        return value if isinstance(value, QByteArray) and not value.isEmpty() else None

    def set_state(self, key: str, value: QByteArray) -> None:
        self.qs.setValue(f"state/{key}", value)

    def add_recent(self, path: Path) -> list[str]:
        text = str(path)
        recent = [text, *(p for p in self.get(RECENT_FILES) if p != text)][:MAX_RECENT]
        self.set(RECENT_FILES, recent)
        return recent

    def sync(self) -> None:
        self.qs.sync()

"""The repository as seen by widgets: the same object plus a Qt ``changed`` signal.

Storage knows nothing of Qt; it calls its subscribers after every committed
write. This adapter turns that into ``changed(table)`` so that models and
cards refresh themselves (qutebrowser's SqlTable does the same).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, Signal

from tiklive_desktop.storage.repository import Repository


class DataStore(QObject):
    """Owns the open database for the window; ``repo`` is the only way to read or write it."""

    changed = Signal(str)

    def __init__(
        self,
        repo: Repository,
        path: Path | None,
        parent: QObject | None = None,
        *,
        read_only: bool = False,
    ) -> None:
        super().__init__(parent)
        self.repo = repo
        self.path = path
        self.read_only = read_only
        """Opened read-only (another window holds the file): worker threads read only too."""
        repo.subscribe(self.changed.emit)

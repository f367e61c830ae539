"""What every section of the window shares: data, undo stack, dialogs, formatting, settings.

Sections receive one ``Context`` instead of reaching for a global main window
(Anki's ``mw`` is the habit this avoids).
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoStack

from tiklive_desktop.gui.formatting import Formatter
from tiklive_desktop.gui.messages import DialogService
from tiklive_desktop.gui.settings import UiSettings
from tiklive_desktop.gui.store import DataStore


class AccountSelection(QObject):
    """The account the window shows; ``None`` means all accounts."""

    changed = Signal(object)

    def __init__(self, account_id: int | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._account_id = account_id

    @property
    def account_id(self) -> int | None:
        return self._account_id

    def set(self, account_id: int | None) -> None:
        if account_id != self._account_id:
            self._account_id = account_id
            self.changed.emit(account_id)


@dataclass
class Context:
    store: DataStore
    undo: QUndoStack
    dialogs: DialogService
    fmt: Formatter
    settings: UiSettings
    account: AccountSelection

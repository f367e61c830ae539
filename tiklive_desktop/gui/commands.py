"""Undoable changes to data: commands act on the repository, not on the view.

Every command's first run happens in :func:`run`, before it is pushed, so that
a refused write (a constraint, a missing row) reaches the caller as an
exception and nothing lands on the undo stack. Each redo and undo is one
repository transaction.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtGui import QUndoCommand, QUndoStack

from tiklive_desktop.storage.repository import Repository


class DataCommand(QUndoCommand):
    def __init__(self, text: str, apply: Callable[[], None], revert: Callable[[], None]) -> None:
        super().__init__(text)
        self._apply = apply
        self._revert = revert
        self._first = True

    def redo(self) -> None:
        if self._first:  # already applied by run()
            self._first = False
            return
        self._apply()

    def undo(self) -> None:
        self._revert()


def run(
    stack: QUndoStack, text: str, apply: Callable[[], None], revert: Callable[[], None]
) -> None:
    """Apply a change now and put it on ``stack`` (not pushed when ``apply`` raises)."""
    apply()
    stack.push(DataCommand(text, apply, revert))


@dataclass(frozen=True)
class Kind:
    """The repository methods for one kind of record, by name."""

    label: str
    add: str
    update: str
    delete: str
    get: str


SESSION = Kind("session", "add_session", "update_session", "delete_session", "get_session")
WITHDRAWAL = Kind(
    "withdrawal", "add_withdrawal", "update_withdrawal", "delete_withdrawal", "get_withdrawal"
)
INCOME = Kind("income", "add_income", "update_income", "delete_income", "get_income")
GIFT = Kind("gift", "add_gift", "update_gift", "delete_gift", "get_gift")
ACCOUNT = Kind("account", "add_account", "update_account", "delete_account", "get_account")


def add(stack: QUndoStack, repo: Repository, kind: Kind, entity: Any, text: str) -> Any:
    """Store ``entity``; undo deletes it, redo puts it back under the same id. Returns it stored."""
    stored: list[Any] = [entity]

    def apply() -> None:
        stored[0] = getattr(repo, kind.add)(stored[0])

    run(stack, text, apply, lambda: getattr(repo, kind.delete)(stored[0].id))
    return stored[0]


def update(stack: QUndoStack, repo: Repository, kind: Kind, after: Any, text: str) -> Any:
    """Replace the stored record with ``after``; undo puts the previous version back."""
    before = getattr(repo, kind.get)(after.id)
    if before is None:
        raise LookupError(f"{kind.label} {after.id} no longer exists")
    result: list[Any] = [after]

    def apply() -> None:
        result[0] = getattr(repo, kind.update)(after)

    run(stack, text, apply, lambda: getattr(repo, kind.update)(before))
    return result[0]


def delete(stack: QUndoStack, repo: Repository, kind: Kind, ids: Sequence[int], text: str) -> int:
    """Delete records in one transaction; undo restores them whole (gift lines included)."""
    snapshots = [found for i in ids if (found := getattr(repo, kind.get)(i)) is not None]

    def apply() -> None:
        with repo.transaction():
            for item in snapshots:
                getattr(repo, kind.delete)(item.id)

    def revert() -> None:
        with repo.transaction():
            for item in snapshots:
                getattr(repo, kind.add)(item)

    if snapshots:
        run(stack, text, apply, revert)
    return len(snapshots)

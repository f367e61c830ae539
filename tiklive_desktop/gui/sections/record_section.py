"""What the Payouts and Income sections share: a table of records with New, Edit and Delete.

Every change goes through ``gui.commands`` (one undoable command, one
transaction). The section reloads when the store reports a change to one of
its tables; while hidden it only notes that it is stale and reloads when shown,
so a busy import does not redraw pages nobody is looking at.
"""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from tiklive_desktop.gui import commands
from tiklive_desktop.gui.context import Context
from tiklive_desktop.gui.editors.record_dialog import RecordDialog
from tiklive_desktop.gui.models.entity_table import EntityTableModel
from tiklive_desktop.gui.widgets.empty_state import EmptyState
from tiklive_desktop.gui.widgets.freshness import Freshness
from tiklive_desktop.gui.widgets.record_table import RecordTable
from tiklive_desktop.storage.errors import StorageError

log = logging.getLogger(__name__)

SAVE_ERRORS = (StorageError, ValueError, sqlite3.Error)
"""What a refused write raises; the user is told and the window carries on."""


def heading(text: str) -> QLabel:
    label = QLabel(text)
    font = label.font()
    font.setPointSizeF(font.pointSizeF() * 1.15)
    font.setBold(True)
    label.setFont(font)
    return label


@dataclass(frozen=True)
class Texts:
    """The words a record section uses (already translated)."""

    heading: str
    new_button: str
    new_tip: str
    empty_title: str
    empty_text: str
    empty_action: str
    added: str
    edited: str
    deleted_one: str
    deleted_many: str  # "{count}"
    ask_many: str  # "{count}"
    delete_note: str
    not_saved: str


class RecordSection(QWidget):
    """Subclasses give the kind, the model, the texts, an editor and a one-line description."""

    kind: commands.Kind
    watched: frozenset[str]

    def __init__(
        self,
        ctx: Context,
        model: EntityTableModel,
        state_key: str,
        texts: Texts,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.texts = texts
        self.today: Callable[[], date] = date.today  # tests pin the day
        self.editor: RecordDialog | None = None
        self.fresh = Freshness(self, self.reload)
        tr = self.tr

        self.model = model
        self.table = RecordTable(model, ctx.settings, state_key)
        self.table.setAccessibleName(texts.heading)
        self.table.edit_requested.connect(self.edit)
        self.table.delete_requested.connect(self.delete_selected)
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)

        self.new_button = QPushButton(texts.new_button)
        self.new_button.setToolTip(texts.new_tip)
        self.new_button.clicked.connect(self.new_record)
        self.edit_button = QPushButton(tr("&Edit…"))
        self.edit_button.setToolTip(tr("Edit the selected record (or double-click it)"))
        self.edit_button.clicked.connect(self.edit_selected)
        self.delete_button = QPushButton(tr("&Delete"))
        self.delete_button.setToolTip(tr("Delete the selected records (you can undo it)"))
        self.delete_button.clicked.connect(self.delete_selected)
        self.bar = QHBoxLayout()
        self.bar.addWidget(heading(texts.heading))
        self.bar.addStretch(1)
        for button in (self.new_button, self.edit_button, self.delete_button):
            self.bar.addWidget(button)

        self.empty = EmptyState(
            texts.empty_title, texts.empty_text, texts.empty_action, self.new_record
        )
        self.stack = QStackedWidget()
        self.stack.addWidget(self.empty)
        self.stack.addWidget(self.table)
        self.body = QVBoxLayout(self)

        ctx.store.changed.connect(self._data_changed)
        ctx.account.changed.connect(lambda _account: self._data_changed("accounts"))

    # -- for subclasses --------------------------------------------------------------------
    def make_editor(self, record: Any | None) -> RecordDialog:
        raise NotImplementedError

    def describe(self, record: Any) -> str:
        """The delete question for one record."""
        raise NotImplementedError

    def load(self) -> None:
        """Fill the model for the selected account."""
        raise NotImplementedError

    # -- data ----------------------------------------------------------------------------
    def reload(self) -> None:
        self.fresh.done()
        selected = [record.id for record in self.table.selected_entities()]
        self.load()
        if (column := self.model.account_column) is not None:
            several = len(self.model.handles) > 1
            self.table.setColumnHidden(
                column, not (several and self.ctx.account.account_id is None)
            )
        self.stack.setCurrentWidget(self.table if self.model.rowCount() else self.empty)
        for record_id in selected[:1]:
            self.table.select_id(record_id)
        self._update_buttons()

    def _data_changed(self, table: str) -> None:
        if table in self.watched:
            self.fresh.changed()

    def _update_buttons(self, *_args: object) -> None:
        count = len(self.table.selected_entities())
        self.edit_button.setEnabled(count == 1)
        self.delete_button.setEnabled(count > 0)
        has_account = bool(self.ctx.store.repo.list_accounts())
        self.new_button.setEnabled(has_account)
        if self.empty.button is not None:
            self.empty.button.setEnabled(has_account)

    # -- actions ---------------------------------------------------------------------------
    def new_record(self) -> None:
        self._open(self.make_editor(None))

    def edit_selected(self) -> None:
        record = self.table.current_entity()
        if record is not None:
            self.edit(record)

    def edit(self, record: Any) -> None:
        self._open(self.make_editor(record))

    def _open(self, editor: RecordDialog) -> None:
        """Window-modal but not blocking (``open``, not ``exec``): the owner saves on accept."""
        self.editor = editor
        editor.accepted.connect(lambda: self._save(editor))
        editor.finished.connect(editor.deleteLater)
        editor.open()

    def _save(self, editor: RecordDialog) -> None:
        value = editor.value
        repo = self.ctx.store.repo
        editing = getattr(editor, "original", None) is not None
        try:
            if editing:
                stored = commands.update(self.ctx.undo, repo, self.kind, value, self.texts.edited)
            else:
                stored = commands.add(self.ctx.undo, repo, self.kind, value, self.texts.added)
        except SAVE_ERRORS as error:
            log.warning("%s not saved: %s", self.kind.label, error)
            self.ctx.dialogs.error(self.texts.not_saved, str(error))
            return
        self.reload()
        self.table.select_id(stored.id)

    def delete_selected(self) -> None:
        chosen = self.table.selected_entities()
        if not chosen:
            return
        many = len(chosen) > 1
        question = (
            self.texts.ask_many.format(count=len(chosen)) if many else self.describe(chosen[0])
        )
        question += " " + self.texts.delete_note
        if not self.ctx.dialogs.confirm(self.texts.heading, question, self.tr("Delete")):
            return
        text = self.texts.deleted_many.format(count=len(chosen)) if many else self.texts.deleted_one
        try:
            commands.delete(
                self.ctx.undo, self.ctx.store.repo, self.kind, [r.id for r in chosen], text
            )
        except SAVE_ERRORS as error:
            log.warning("%s not deleted: %s", self.kind.label, error)
            self.ctx.dialogs.error(self.tr("Not deleted"), str(error))

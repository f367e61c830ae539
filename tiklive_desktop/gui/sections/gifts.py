"""The Gifts section: the catalog of gifts and their prices in coins, editable.

Gift sets change by region and season (DOMAIN.md, "Gift catalog"), so the
creator can add, rename, re-price from a date and retire gifts. Every change
is one undoable command; a price change never alters a recorded session,
because each gift line keeps the price it was entered with.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from tiklive_desktop.core.entities import Gift
from tiklive_desktop.gui import commands
from tiklive_desktop.gui.context import Context
from tiklive_desktop.gui.editors.gift_editor import GiftEditor, RepriceDialog
from tiklive_desktop.gui.editors.record_dialog import RecordDialog
from tiklive_desktop.gui.models.gifts_model import GiftsModel
from tiklive_desktop.gui.sections.record_section import SAVE_ERRORS, heading
from tiklive_desktop.gui.widgets.freshness import Freshness
from tiklive_desktop.gui.widgets.record_table import RecordTable

log = logging.getLogger(__name__)

WATCHED_TABLES = frozenset({"gifts", "gift_prices"})
_SPLITTER_KEY = "gifts/splitter"


class GiftsSection(QWidget):
    """The catalog table, a price history of the selected gift, and the catalog actions."""

    def __init__(self, ctx: Context, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.today: Callable[[], date] = date.today  # tests pin the day
        self.editor: RecordDialog | None = None
        self.fresh = Freshness(self, self.reload)
        tr = self.tr

        self.model = GiftsModel(ctx.store.repo, ctx.fmt, self)
        self.table = RecordTable(
            self.model,
            ctx.settings,
            "gifts/catalog",
            default_sort=(1, Qt.SortOrder.AscendingOrder),  # cheapest first, as TikTok lists them
        )
        self.table.setAccessibleName(tr("Gift catalog"))
        self.table.setSelectionMode(RecordTable.SelectionMode.SingleSelection)
        self.table.edit_requested.connect(self.rename)
        self.table.delete_requested.connect(self.delete_selected)
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        self.table.proxy.setFilterKeyColumn(0)

        self.search = QLineEdit()
        self.search.setPlaceholderText(tr("Find a gift…"))
        self.search.setAccessibleName(tr("Find a gift"))
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self.table.proxy.setFilterFixedString)
        self.show_retired = QCheckBox(tr("Show &retired gifts"))
        self.show_retired.setToolTip(tr("Gifts TikTok no longer offers; old sessions keep them"))
        self.show_retired.toggled.connect(lambda _on: self.reload())

        self.add_button = QPushButton(tr("&Add Gift…"))
        self.add_button.setToolTip(tr("Add a gift that is missing from the catalog"))
        self.add_button.clicked.connect(self.add)
        self.rename_button = QPushButton(tr("Re&name…"))
        self.rename_button.setToolTip(tr("Change the gift's name, streak flag or TikTok id"))
        self.rename_button.clicked.connect(self.edit_selected)
        self.reprice_button = QPushButton(tr("Change &Price from a Date…"))
        self.reprice_button.setToolTip(
            tr("A new price from a date on; sessions already recorded keep their prices")
        )
        self.reprice_button.clicked.connect(self.reprice)
        self.retire_button = QPushButton(tr("Re&tire"))
        self.retire_button.clicked.connect(self.toggle_retired)

        top = QHBoxLayout()
        top.addWidget(heading(tr("Gift catalog")))
        top.addSpacing(12)
        top.addWidget(self.search, 1)
        top.addWidget(self.show_retired)
        buttons = QHBoxLayout()
        for button in (
            self.add_button,
            self.rename_button,
            self.reprice_button,
            self.retire_button,
        ):
            buttons.addWidget(button)
        buttons.addStretch(1)

        history = QWidget()
        column = QVBoxLayout(history)
        column.setContentsMargins(8, 0, 0, 0)
        self.history_title = heading(tr("Price history"))
        self.history = QListWidget()
        self.history.setAccessibleName(tr("Price history of the selected gift"))
        self.history_note = QLabel(
            tr("Each session keeps the price its gifts had when it was recorded.")
        )
        self.history_note.setWordWrap(True)
        column.addWidget(self.history_title)
        column.addWidget(self.history, 1)
        column.addWidget(self.history_note)

        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(self.table)
        self.splitter.addWidget(history)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setChildrenCollapsible(False)
        if state := ctx.settings.state(_SPLITTER_KEY):
            self.splitter.restoreState(state)
        self.splitter.splitterMoved.connect(
            lambda *_: ctx.settings.set_state(_SPLITTER_KEY, self.splitter.saveState())
        )

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.splitter, 1)
        layout.addLayout(buttons)

        ctx.store.changed.connect(self._data_changed)
        self._selection_changed()

    # -- data ----------------------------------------------------------------------------
    def reload(self) -> None:
        self.fresh.done()
        selected = self.table.current_entity()
        self.model.reload(include_retired=self.show_retired.isChecked())
        if selected is not None:
            self.table.select_id(selected.id)
        self._selection_changed()

    def _data_changed(self, table: str) -> None:
        if table in WATCHED_TABLES:
            self.fresh.changed()

    def _selection_changed(self, *_args: object) -> None:
        gift: Gift | None = self.table.current_entity()
        for button in (self.rename_button, self.reprice_button, self.retire_button):
            button.setEnabled(gift is not None)
        self.retire_button.setText(
            self.tr("Res&tore") if gift is not None and gift.retired else self.tr("Re&tire")
        )
        self.retire_button.setToolTip(
            self.tr("Offer this gift again for new sessions")
            if gift is not None and gift.retired
            else self.tr("TikTok no longer offers it: hide it from new sessions (history stays)")
        )
        self._show_history(gift)

    def _show_history(self, gift: Gift | None) -> None:
        self.history.clear()
        if gift is None or gift.id is None:
            self.history_title.setText(self.tr("Price history"))
            hint = QListWidgetItem(self.tr("Select a gift to see its prices over time."))
            hint.setFlags(Qt.ItemFlag.NoItemFlags)
            self.history.addItem(hint)
            return
        self.history_title.setText(self.tr("Price history of {name}").format(name=gift.name))
        fmt = self.ctx.fmt
        prices = self.ctx.store.repo.gift_prices(gift.id)
        for position, price in enumerate(reversed(prices)):
            text = self.tr("From {date}: {coins} coins").format(
                date=fmt.day(price.effective), coins=fmt.integer(price.coins)
            )
            if position == 0:
                text += " " + self.tr("(current)")
            self.history.addItem(text)

    # -- actions ---------------------------------------------------------------------------
    def _open(self, editor: RecordDialog, save: Callable[[RecordDialog], None]) -> None:
        self.editor = editor
        editor.accepted.connect(lambda: save(editor))
        editor.finished.connect(editor.deleteLater)
        editor.open()

    def _attempt(self, action: Callable[[], object], failure: str) -> bool:
        try:
            action()
        except SAVE_ERRORS as error:
            log.warning("gift catalog change refused: %s", error)
            self.ctx.dialogs.error(failure, str(error))
            return False
        return True

    # The names the window's Edit menu calls on whichever section is shown.
    def new_record(self) -> None:
        self.add()

    def edit_selected(self) -> None:
        self.rename(self.table.current_entity())

    def delete_selected(self) -> None:
        """Gifts with history are retired, never deleted."""
        self._retire_by_key()

    def add(self) -> None:
        self._open(GiftEditor(self.ctx, None, self), self._save_new)

    def _save_new(self, editor: RecordDialog) -> None:
        stored: list[Gift] = []

        def store() -> None:
            stored.append(
                commands.add(
                    self.ctx.undo,
                    self.ctx.store.repo,
                    commands.GIFT,
                    editor.value,
                    self.tr("Add gift {name}").format(name=editor.value.name),
                )
            )

        if self._attempt(store, self.tr("Gift not added")):
            self.reload()
            self.table.select_id(stored[0].id)

    def rename(self, gift: Gift | None) -> None:
        if gift is not None:
            self._open(GiftEditor(self.ctx, gift, self), self._save_edit)

    def _save_edit(self, editor: RecordDialog) -> None:
        after: Gift = editor.value
        before = getattr(editor, "original", None)
        text = (
            self.tr("Rename gift {old} to {new}").format(old=before.name, new=after.name)
            if before is not None and before.name != after.name
            else self.tr("Edit gift {name}").format(name=after.name)
        )
        if self._attempt(
            lambda: commands.update(self.ctx.undo, self.ctx.store.repo, commands.GIFT, after, text),
            self.tr("Gift not changed"),
        ):
            self.reload()

    def reprice(self) -> None:
        gift = self.table.current_entity()
        if gift is not None:
            dialog = RepriceDialog(self.ctx, gift, self.today(), self)
            self._open(dialog, lambda d: self.apply_price(gift, *d.value))

    def apply_price(self, gift: Gift, effective: date, coins: int) -> bool:
        """Price ``gift`` at ``coins`` from ``effective`` on, undoably.

        Undo deletes the added price row (or puts back the price that the same
        date had before), and the gift's current price follows by itself.
        """
        repo = self.ctx.store.repo
        gift_id = gift.id
        assert gift_id is not None
        replaced = next((p for p in repo.gift_prices(gift_id) if p.effective == effective), None)

        def apply() -> None:
            repo.reprice_gift(gift_id, effective, coins)

        def revert() -> None:
            if replaced is not None:
                repo.reprice_gift(gift_id, effective, replaced.coins)
                return
            added = next(p for p in repo.gift_prices(gift_id) if p.effective == effective)
            assert added.id is not None
            repo.delete_gift_price(added.id)

        text = self.tr("Change price of {name} to {coins} coins").format(
            name=gift.name, coins=self.ctx.fmt.integer(coins)
        )
        done = self._attempt(
            lambda: commands.run(self.ctx.undo, text, apply, revert), self.tr("Price not changed")
        )
        if done:
            self.reload()
        return done

    def _retire_by_key(self) -> None:
        """The Delete key retires (a gift with history is never deleted); it never restores."""
        gift = self.table.current_entity()
        if gift is not None and not gift.retired:
            self.toggle_retired()

    def toggle_retired(self) -> bool:
        """Retire the selected gift, or restore it when it is retired (undoable)."""
        gift = self.table.current_entity()
        if gift is None or gift.id is None:
            return False
        repo = self.ctx.store.repo
        gift_id = gift.id
        if gift.retired:
            text = self.tr("Restore gift {name}").format(name=gift.name)
            apply, revert = repo.unretire_gift, repo.retire_gift
        else:
            text = self.tr("Retire gift {name}").format(name=gift.name)
            apply, revert = repo.retire_gift, repo.unretire_gift
        done = self._attempt(
            lambda: commands.run(
                self.ctx.undo, text, lambda: apply(gift_id), lambda: revert(gift_id)
            ),
            self.tr("Gift not changed"),
        )
        if done:
            self.reload()
        return done

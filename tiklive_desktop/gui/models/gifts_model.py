"""The gift catalog table; retired gifts are greyed out (and hidden unless asked for)."""

from __future__ import annotations

from PySide6.QtCore import QObject

from tiklive_desktop.core.entities import Gift
from tiklive_desktop.gui.formatting import Formatter
from tiklive_desktop.gui.models.entity_table import Column, EntityTableModel
from tiklive_desktop.storage.repository import Repository


class GiftsModel(EntityTableModel):
    """Name, price in coins, streakable, TikTok id and retired flag of each gift."""

    def __init__(self, repo: Repository, fmt: Formatter, parent: QObject | None = None) -> None:
        self.repo = repo
        self.fmt = fmt
        self.include_retired = False
        tr = self.tr
        super().__init__(
            [
                Column(tr("Gift"), lambda g: g.name, lambda g: g.name.casefold()),
                Column(
                    tr("Coins"),
                    lambda g: fmt.integer(g.coins),
                    lambda g: g.coins,
                    numeric=True,
                    tooltip=tr(
                        "What the gift costs the viewer in coins today; with the default rates "
                        "each coin gives you 1 Diamond"
                    ),
                ),
                Column(
                    tr("Streakable"),
                    lambda g: tr("Yes") if g.streakable else tr("No"),
                    lambda g: int(g.streakable),
                    tooltip=tr("Can be sent as a combo (x2, x3, ...): counted once per streak"),
                ),
                Column(
                    tr("TikTok id"),
                    lambda g: "" if g.tiktok_id is None else str(g.tiktok_id),
                    lambda g: -1 if g.tiktok_id is None else g.tiktok_id,
                    numeric=True,
                    tooltip=tr("TikTok's own number for the gift, used when importing data"),
                ),
                Column(
                    tr("Status"),
                    lambda g: tr("Retired") if g.retired else tr("Offered"),
                    lambda g: int(g.retired),
                    tooltip=tr("Retired gifts are no longer offered for new sessions"),
                ),
            ],
            parent,
        )

    def muted(self, entity: Gift) -> bool:
        return entity.retired

    def reload(self, include_retired: bool | None = None) -> None:
        if include_retired is not None:
            self.include_retired = include_retired
        self.set_rows(self.repo.list_gifts(include_retired=self.include_retired))

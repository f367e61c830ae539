"""Every menu and toolbar action, built in one place (not inside the window class)."""

from __future__ import annotations

from dataclasses import dataclass, fields

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QWidget


@dataclass
class Actions:
    new_database: QAction
    open_database: QAction
    import_sessions: QAction
    export_report: QAction
    back_up: QAction
    quit: QAction
    new_session: QAction
    edit_selected: QAction
    delete_selected: QAction
    calculator: QAction
    settings: QAction
    shortcuts: QAction
    about: QAction

    def all(self) -> list[QAction]:
        return [getattr(self, f.name) for f in fields(self)]


def _action(
    parent: QWidget,
    text: str,
    shortcut: QKeySequence | QKeySequence.StandardKey | str | None = None,
    tip: str = "",
) -> QAction:
    action = QAction(text, parent)
    if shortcut is not None:
        action.setShortcut(QKeySequence(shortcut))
    if tip:
        action.setStatusTip(tip)
        action.setToolTip(tip)
    return action


def build_actions(parent: QWidget) -> Actions:
    tr = parent.tr
    std = QKeySequence.StandardKey
    return Actions(
        new_database=_action(
            parent, tr("&New Database…"), None, tr("Start an empty database in a file you choose")
        ),
        open_database=_action(
            parent, tr("&Open Database…"), std.Open, tr("Open another TikLive database file")
        ),
        import_sessions=_action(
            parent,
            tr("&Import Sessions…"),
            "Ctrl+I",
            tr("Bring in history from a CSV file or TikTok's data download"),
        ),
        export_report=_action(
            parent,
            tr("&Export Report…"),
            "Ctrl+Shift+E",
            tr("A period's figures as CSV, Excel or PDF (opens Reports)"),
        ),
        back_up=_action(
            parent,
            tr("&Back Up Database…"),
            None,
            tr("Copy everything you recorded into one file you choose"),
        ),
        quit=_action(parent, tr("&Quit"), "Ctrl+Q", tr("Close TikLive Desktop")),
        new_session=_action(
            parent, tr("&New Session…"), "Ctrl+N", tr("Record a LIVE session from its summary")
        ),
        edit_selected=_action(parent, tr("&Edit…"), "Ctrl+E", tr("Edit the selected record")),
        delete_selected=_action(
            parent, tr("&Delete"), std.Delete, tr("Delete the selected records (undoable)")
        ),
        calculator=_action(
            parent,
            tr("Gift &Calculator…"),
            "Ctrl+K",
            tr("What gifts are worth in Diamonds and money"),
        ),
        settings=_action(
            parent, tr("&Settings…"), "Ctrl+,", tr("Region, currency, rates, goal, theme")
        ),
        shortcuts=_action(
            parent, tr("&Keyboard Shortcuts"), "F1", tr("Every shortcut on one page")
        ),
        about=_action(parent, tr("&About TikLive Desktop"), None, tr("Version and credits")),
    )

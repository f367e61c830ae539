"""The main window's File and Help menu commands: databases to open or start, About, shortcuts.

A mixin of :class:`~tiklive_desktop.gui.main_window.MainWindow`, kept apart so
the window module holds the layout and wiring. It asks through the window's
``ctx.dialogs`` and announces a chosen file with ``database_requested``; the
application opens it (one window, one file).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu

from tiklive_desktop import APP_NAME, __version__
from tiklive_desktop.gui import settings as options

if TYPE_CHECKING:
    from PySide6.QtCore import SignalInstance

    from tiklive_desktop.gui.actions import Actions
    from tiklive_desktop.gui.context import Context

DB_FILTER = "TikLive databases (*.db *.sqlite);;All files (*)"


class FilesAndHelp:
    """Needs from the window: ``ctx``, ``actions``, ``undo_action``, ``redo_action``,
    ``recent_menu``, ``database_requested`` and Qt's ``tr``."""

    ctx: Context
    actions: Actions
    undo_action: QAction
    redo_action: QAction
    recent_menu: QMenu
    database_requested: SignalInstance

    if TYPE_CHECKING:  # provided by QObject in the window

        def tr(self, text: str) -> str: ...

    # -- files -------------------------------------------------------------------
    def _fill_recent_menu(self) -> None:
        self.recent_menu.clear()
        recent = [p for p in self.ctx.settings.get(options.RECENT_FILES) if Path(p).exists()]
        for text in recent:
            action = self.recent_menu.addAction(text)
            action.triggered.connect(lambda _=False, p=text: self.database_requested.emit(Path(p)))
        self.recent_menu.setEnabled(bool(recent))

    def _folder(self) -> str:
        path = self.ctx.store.path
        return self.ctx.settings.get(options.LAST_FOLDER) or (str(path.parent) if path else "")

    def choose_new_database(self) -> None:
        text = self.ctx.dialogs.save_path(self.tr("New database"), self._folder(), DB_FILTER)
        if text:
            path = Path(text)
            if path.exists():
                self.ctx.dialogs.error(
                    self.tr("New database"),
                    self.tr("%s already exists; choose a new name (nothing was overwritten).")
                    % path,
                )
                return
            self.database_requested.emit(path)

    def choose_open_database(self) -> None:
        text = self.ctx.dialogs.open_path(self.tr("Open database"), self._folder(), DB_FILTER)
        if text:
            self.database_requested.emit(Path(text))

    # -- help --------------------------------------------------------------------
    def show_about(self) -> None:
        self.ctx.dialogs.inform(
            self.tr("About %s") % APP_NAME,
            self.tr(
                "%s %s\n\nYour TikTok LIVE sessions, Diamonds and income, kept on your own "
                "computer.\nNo account, no network: your data stays in\n%s"
            )
            % (APP_NAME, __version__, self.ctx.store.path or self.tr("memory")),
        )

    def shortcut_lines(self) -> list[str]:
        actions = [*self.actions.all(), self.undo_action, self.redo_action]
        lines = [
            f"{action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)}\t"
            f"{action.text().replace('&', '').rstrip('…')}"
            for action in actions
            if not action.shortcut().isEmpty()
        ]
        lines.append(self.tr("Ctrl+1 … Ctrl+7\tGo to a section"))
        return lines

    def show_shortcuts(self) -> None:
        self.ctx.dialogs.inform(self.tr("Keyboard shortcuts"), "\n".join(self.shortcut_lines()))

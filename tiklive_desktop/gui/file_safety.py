"""The window's side of data safety: one writer per file, refused files, backups, restore.

- One writer: a :class:`DatabaseLock` (``QLockFile`` ``<name>.db.lock`` beside
  the database) is held while a window may write. A second instance on the
  same file is told who holds it and offered read-only or quit. A lock left
  by a crashed process is recovered: QLockFile sees its process is gone. Its
  time-based staleness is switched off (``setStaleLockTime(0)``): by default a
  lock older than 30 s counts as stale even while its owner runs, which would
  let a second window write beside a first that has been open a minute.
- Read-only windows (:func:`apply_read_only`) really cannot write: the
  connection is ``mode=ro`` with ``query_only`` (storage.database); here the
  editing actions are disabled and the edit signals disconnected as well.
- Refused files (:func:`offer_after_refusal`): the storage message, plus the
  way out that fits the reason: open read-only (a read-only file), or open
  the latest automatic backup instead (a damaged, empty or foreign file,
  which is renamed aside, never overwritten).
- File > Restore from Backup… (:class:`RestoreBackupDialog`): the automatic
  backups with date and number of sessions; restoring asks first.
- The daily automatic backup on close (:func:`backup_on_close`); how many are
  kept is the ``BACKUP_KEEP`` setting (QSettings key ``backup/keep``).
"""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QLockFile, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QMenu,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from tiklive_desktop import APP_NAME
from tiklive_desktop.gui.formatting import Formatter
from tiklive_desktop.gui.messages import DialogService
from tiklive_desktop.gui.settings import Option, UiSettings
from tiklive_desktop.storage import backups, errors
from tiklive_desktop.storage.backups import BackupError, BackupInfo
from tiklive_desktop.storage.errors import FileRefusedError
from tiklive_desktop.storage.location import data_folder

if TYPE_CHECKING:
    from tiklive_desktop.gui.main_window import MainWindow

log = logging.getLogger(__name__)

BACKUP_KEEP = Option("backup/keep", backups.DEFAULT_KEEP)
"""How many automatic backups to keep per database (0 = no automatic backups)."""
LOCK_SUFFIX = ".lock"
READ_ONLY_PROPERTY = "tiklive_read_only"


def tr(text: str) -> str:
    return QCoreApplication.translate("FileSafety", text)


# -- one writer per database -------------------------------------------------------------------


class DatabaseLock:
    """``<database>.lock`` held by the one window that may write to the database."""

    def __init__(self, db_path: Path) -> None:
        self.path = Path(f"{db_path}{LOCK_SUFFIX}")
        self._lock = QLockFile(str(self.path))
        self._lock.setStaleLockTime(0)  # stale only when its process is gone (see module doc)

    def acquire(self) -> bool:
        """Take the lock now (recovering a dead process's stale one); False if held/impossible."""
        return self._lock.tryLock(0)

    @property
    def held_elsewhere(self) -> bool:
        """After a failed :meth:`acquire`: a live process holds it (not a permission error)."""
        return self._lock.error() == QLockFile.LockError.LockFailedError

    def holder(self) -> str:
        """Who holds it, for the message: "process 1234 on laptop"."""
        info = self._lock.getLockInfo()
        if isinstance(info, tuple) and len(info) >= 2 and info[0]:
            pid, host = info[0], info[1]
            return tr("process %s on %s") % (pid, host or tr("this computer"))
        return tr("another window")

    def release(self) -> None:
        if self._lock.isLocked():
            self._lock.unlock()


def ask_read_only_when_in_use(dialogs: DialogService, db_path: Path, holder: str) -> bool:
    """Another instance writes to ``db_path``: True = open it read-only, False = quit."""
    return dialogs.confirm(
        tr("Database in use"),
        tr(
            "%s is already open in another %s window (%s).\n\nOnly one window may change a "
            "database at a time. You can look at it read-only here, or quit and use the other "
            "window."
        )
        % (db_path, APP_NAME, holder),
        tr("Open Read-Only"),
    )


# -- read-only windows -------------------------------------------------------------------------


def is_read_only(window: QWidget) -> bool:
    return bool(window.property(READ_ONLY_PROPERTY))


def apply_read_only(window: MainWindow) -> None:
    """Make a window on a read-only connection say so and offer no way to change data.

    The connection already refuses writes; this removes the actions that
    would only end in an error. Edit/Delete, which MainWindow._update_actions
    sets on every selection, stay off there (it checks ``store.read_only``).
    """
    window.setProperty(READ_ONLY_PROPERTY, True)
    window.setWindowTitle(window.windowTitle() + tr(" [read-only]"))
    a = window.actions
    editing = [a.new_session, a.edit_selected, a.delete_selected, a.import_sessions, a.settings]
    restore = getattr(window, "restore_backup_action", None)
    if restore is not None:
        editing.append(restore)

    for action in editing:  # MainWindow._update_actions keeps Edit/Delete off when read-only
        action.setEnabled(False)
        action.setToolTip(tr("This window is read-only"))
    for signal, slot in (
        (window.dashboard.new_session_requested, window.new_session),
        (window.dashboard.settings_requested, window.open_settings),
    ):
        _disconnect(signal, slot)
    # Sections are built when first shown (MainWindow's docstring): those built already
    # now, the others as they are built (after MainWindow has wired them).
    for index in range(window.pages.count()):
        _read_only_section(window, window.pages.widget(index))
    window.section_built.connect(lambda page: _read_only_section(window, page))
    label = QLabel(tr("Read-only"))
    label.setToolTip(tr("Another window is editing this database; this one only shows it"))
    label.setObjectName("read-only-badge")
    window.statusBar().addPermanentWidget(label)


EDIT_BUTTONS = (
    "new_button",
    "edit_button",
    "delete_button",
    "add_button",
    "rename_button",
    "reprice_button",
    "retire_button",
    "import_button",
)
"""The sections' buttons that change data (hidden, not disabled: sections re-enable them)."""


def _disconnect(signal: object, slot: Callable[..., object]) -> None:
    try:
        signal.disconnect(slot)  # type: ignore[attr-defined]
    except (RuntimeError, TypeError):  # not connected
        log.debug("read-only: %s was not connected", slot)


def _read_only_section(window: MainWindow, page: QWidget) -> None:
    """One section of a read-only window: no editor opens, no button that changes data."""
    for name, slot in (
        ("edit_requested", window.edit_session),
        ("new_requested", window.new_session),
    ):
        if hasattr(page, name):
            _disconnect(getattr(page, name), slot)
    for name in EDIT_BUTTONS:
        button = getattr(page, name, None)
        if isinstance(button, QWidget):
            button.setVisible(False)
    empty = getattr(page, "empty", None)  # an empty state's "Add…" button
    if isinstance(getattr(empty, "button", None), QWidget):
        empty.button.setVisible(False)
    table = getattr(page, "table", None)
    if table is not None and hasattr(table, "edit_requested"):
        try:
            table.edit_requested.disconnect()  # a double-click opens no editor
        except (RuntimeError, TypeError):
            log.debug("read-only: %s had no editor connected", type(page).__name__)


# -- refused files ----------------------------------------------------------------------------


Choice = str
OPEN_READ_ONLY: Choice = "read-only"
OPEN_BACKUP: Choice = "backup"
GIVE_UP: Choice = "none"


def offer_after_refusal(
    dialogs: DialogService, error: FileRefusedError, folder: Path | None = None
) -> tuple[Choice, BackupInfo | None]:
    """Tell the user why the file was refused and offer what fits; returns what they chose."""
    title = tr("Cannot open the database")
    text = str(error)
    path = error.path
    if error.reason == errors.READ_ONLY and path is not None:
        if dialogs.confirm(title, text + "\n\n" + tr("Open it read-only?"), tr("Open Read-Only")):
            return OPEN_READ_ONLY, None
        return GIVE_UP, None
    latest = (
        backups.latest_backup(path, folder)
        if path is not None and error.reason in errors.RESTORABLE
        else None
    )
    if latest is None:
        dialogs.error(title, text)
        return GIVE_UP, None
    question = tr(
        "The latest automatic backup is from %s and holds %s sessions. Open it instead?\n"
        "The file above is kept under a new name (%s), not overwritten."
    ) % (
        latest.taken.strftime("%Y-%m-%d %H:%M"),
        f"{latest.sessions:,}",
        f"{path.name}{backups.DAMAGED_SUFFIX}…",
    )
    if dialogs.confirm(title, text + "\n\n" + question, tr("Open Backup")):
        return OPEN_BACKUP, latest
    return GIVE_UP, None


# -- automatic backup on close ----------------------------------------------------------------


def backup_on_close(
    conn: sqlite3.Connection, db_path: Path, settings: UiSettings, folder: Path | None = None
) -> Path | None:
    """The daily automatic backup when a window closes; never raises (closing must not fail)."""
    if db_path == data_folder() / "demo.db":
        return None  # generated sample data: nothing to lose
    try:
        return backups.auto_backup(conn, db_path, keep=settings.get(BACKUP_KEEP), folder=folder)
    except (BackupError, OSError, sqlite3.Error) as error:
        log.warning("automatic backup of %s failed: %s", db_path, error)
        return None


# -- File > Restore from Backup… --------------------------------------------------------------


class RestoreBackupDialog(QDialog):
    """Lists the database's automatic backups; ``chosen`` is the one to restore after OK."""

    COLUMNS = ("Taken", "Sessions", "Size", "Note")

    def __init__(
        self,
        dialogs: DialogService,
        db_path: Path,
        folder: Path | None = None,
        parent: QWidget | None = None,
        fmt: Formatter | None = None,
    ) -> None:
        super().__init__(parent)
        self.dialogs = dialogs
        self.fmt = fmt or Formatter()
        self.db_path = db_path
        self.chosen: BackupInfo | None = None
        self.setWindowTitle(self.tr("Restore from Backup"))
        self.resize(620, 380)
        self.found = backups.list_backups(db_path, folder)
        intro = QLabel(
            self.tr(
                "Automatic backups of %s, newest first. Restoring replaces what is in the "
                "database now; the current state is backed up first, so this can be undone "
                "by restoring that backup."
            )
            % db_path.name
        )
        intro.setWordWrap(True)
        self.table = QTableWidget(len(self.found), len(self.COLUMNS))
        self.table.setHorizontalHeaderLabels([self.tr(c) for c in self.COLUMNS])
        self.table.setAccessibleName(self.tr("Backups"))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        right = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
        for row, info in enumerate(self.found):
            notes = {
                backups.BEFORE_RESTORE: self.tr("before a restore"),
                backups.BEFORE_UPGRADE: self.tr("before an app update"),
            }
            note = info.problem or notes.get(info.label, info.label)
            cells = [
                (self.fmt.datetime(info.taken), None),
                ("—" if info.sessions is None else self.fmt.integer(info.sessions), right),
                (_size_text(info.size), right),
                (note, None),
            ]
            for column, (text, align) in enumerate(cells):
                item = QTableWidgetItem(text)
                if align is not None:
                    item.setTextAlignment(align)
                self.table.setItem(row, column, item)
        self.empty = QLabel(
            self.tr(
                "No automatic backups yet. One is made when you close the app (at most once "
                "a day); use File > Back Up Database… for one now."
            )
        )
        self.empty.setWordWrap(True)
        self.empty.setVisible(not self.found)
        self.table.setVisible(bool(self.found))
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.restore_button = self.buttons.addButton(
            self.tr("&Restore"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.restore_button.setEnabled(False)
        self.buttons.accepted.connect(self._restore_clicked)
        self.buttons.rejected.connect(self.reject)
        self.table.itemSelectionChanged.connect(self._selection_changed)
        self.table.doubleClicked.connect(lambda *_: self._restore_clicked())
        if self.found:
            self.table.selectRow(0)  # the newest: what a restore after a mishap usually wants
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.empty)
        layout.addWidget(self.buttons)

    def selected(self) -> BackupInfo | None:
        rows = self.table.selectionModel().selectedRows()
        return self.found[rows[0].row()] if rows else None

    def _selection_changed(self) -> None:
        info = self.selected()
        self.restore_button.setEnabled(info is not None and info.sessions is not None)

    def _restore_clicked(self) -> None:
        info = self.selected()
        if info is None or info.sessions is None:
            return
        question = self.tr(
            "Replace everything in %s with the backup from %s (%s sessions)?\n\nWhat is in the "
            "database now is backed up first."
        ) % (self.db_path.name, self.fmt.datetime(info.taken), self.fmt.integer(info.sessions))
        if self.dialogs.confirm(self.tr("Restore from Backup"), question, self.tr("Restore")):
            self.chosen = info
            self.accept()


def _size_text(size: int) -> str:
    if size >= 1024 * 1024:
        return f"{size / (1024 * 1024):,.1f} MB"
    return f"{max(size // 1024, 1):,} KB"


def install_file_safety_actions(
    window: MainWindow, on_restore: Callable[[MainWindow, Path], None]
) -> QAction:
    """Add File > Restore from Backup… after Back Up Database…; returns the action.

    ``on_restore(window, backup_path)`` does the work (the application closes
    the window's connection, restores, reopens). Until the lead moves it into
    actions.py/main_window.py, it is found again as ``window.restore_backup_action``.
    """
    action = QAction(tr("&Restore from Backup…"), window)
    tip = tr("Go back to one of the automatic daily backups")
    action.setStatusTip(tip)
    action.setToolTip(tip)
    menus = [m for m in window.actions.back_up.associatedObjects() if isinstance(m, QMenu)]
    if menus:
        menu = menus[0]
        actions = menu.actions()
        index = actions.index(window.actions.back_up)
        before = actions[index + 1] if index + 1 < len(actions) else None
        menu.insertAction(before, action) if before else menu.addAction(action)
    else:
        window.addAction(action)

    def choose() -> None:
        path = window.ctx.store.path
        if path is None:
            return
        dialog = RestoreBackupDialog(window.ctx.dialogs, path, parent=window, fmt=window.ctx.fmt)
        if dialog.exec() == QDialog.DialogCode.Accepted and dialog.chosen is not None:
            on_restore(window, dialog.chosen.path)

    action.triggered.connect(choose)
    store = window.ctx.store
    action.setEnabled(store.path is not None and not store.read_only)  # restoring writes
    window.restore_backup_action = action  # type: ignore[attr-defined]
    return action

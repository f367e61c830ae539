"""Message boxes behind one small service, so tests can replace the questions' answers."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget


class DialogService:
    """Asks and tells the user things. Tests substitute a subclass that answers itself."""

    def __init__(self, parent: QWidget | None = None) -> None:
        self.parent = parent

    def confirm(self, title: str, text: str, ok_text: str | None = None) -> bool:
        box = QMessageBox(QMessageBox.Icon.Question, title, text, parent=self.parent)
        ok = box.addButton(
            ok_text or QCoreApplication.translate("DialogService", "OK"),
            QMessageBox.ButtonRole.AcceptRole,
        )
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        box.exec()
        return box.clickedButton() is ok

    def inform(self, title: str, text: str) -> None:
        QMessageBox.information(self.parent, title, text)

    def error(self, title: str, text: str) -> None:
        QMessageBox.critical(self.parent, title, text)

    def open_path(self, title: str, folder: str, filter_text: str) -> str:
        """A file to open ("" when cancelled)."""
        path, _ = QFileDialog.getOpenFileName(self.parent, title, folder, filter_text)
        return path

    def save_path(self, title: str, folder: str, filter_text: str) -> str:
        """A file to create ("" when cancelled); the system dialog asks before overwriting."""
        path, _ = QFileDialog.getSaveFileName(self.parent, title, folder, filter_text)
        return path

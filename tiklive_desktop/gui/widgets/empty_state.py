"""What a section shows when it has nothing yet: what it is for and what to do next."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QPushButton, QVBoxLayout, QWidget


class EmptyState(QWidget):
    def __init__(
        self,
        title: str,
        text: str,
        action_text: str | None = None,
        on_action: Callable[[], None] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        self.title = QLabel(title)
        self.title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        self.title.setFont(font)
        self.text = QLabel(text)
        self.text.setWordWrap(True)
        self.text.setAlignment(Qt.AlignmentFlag.AlignCenter)
        # A fixed width lets the wrapped text compute its height; a label
        # placed with an alignment flag alone gets its one-line hint and clips.
        self.text.setFixedWidth(460)
        # The layout asks for the height at its own (wider) width, which clips the
        # wrapped lines; reserve the height the text needs at its real width.
        self.text.setMinimumHeight(self.text.heightForWidth(460))
        layout.addWidget(self.title)
        layout.addWidget(self.text, 0, Qt.AlignmentFlag.AlignHCenter)
        self.button: QPushButton | None = None
        if action_text and on_action:
            self.button = QPushButton(action_text)
            self.button.clicked.connect(on_action)
            layout.addSpacing(8)
            layout.addWidget(self.button, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addStretch(2)

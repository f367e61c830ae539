"""A form layout whose every field has its own error line, fed by core validation reports.

Editors build their rows with :class:`ValidatedForm`, collect raw input into a
mapping, call a ``core.validation.parse_*`` function and hand the report to
:meth:`ValidatedForm.show_report`: each problem appears in red directly under
the field it names, the field gets an accessible description, and the editor
keeps its OK button disabled while ``report.ok`` is false.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QFormLayout, QLabel, QVBoxLayout, QWidget

from tiklive_desktop.core.fields import Report


class FieldError(QLabel):
    """The red line under a field; hidden while the field is fine."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWordWrap(True)
        self.setTextFormat(Qt.TextFormat.PlainText)
        palette = self.palette()
        palette.setColor(QPalette.ColorRole.WindowText, Qt.GlobalColor.red)
        self.setPalette(palette)
        font = self.font()
        font.setPointSizeF(font.pointSizeF() * 0.9)
        self.setFont(font)
        self.hide()

    def show_message(self, message: str | None) -> None:
        self.setText(message or "")
        self.setVisible(bool(message))


class ValidatedForm(QFormLayout):
    """QFormLayout whose rows are (label, field + error line), keyed by core field names."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        self.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.fields: dict[str, QWidget] = {}
        self.errors: dict[str, FieldError] = {}

    def add_field(self, key: str, label: str, widget: QWidget, tooltip: str = "") -> QWidget:
        """Add a row for the core field ``key``; returns ``widget`` for chaining."""
        box = QWidget()
        column = QVBoxLayout(box)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        column.addWidget(widget)
        error = FieldError()
        column.addWidget(error)
        label_widget = QLabel(label)
        label_widget.setBuddy(widget)
        if tooltip:
            widget.setToolTip(tooltip)
            label_widget.setToolTip(tooltip)
        widget.setAccessibleName(label.replace("&", "").rstrip(":"))
        self.addRow(label_widget, box)
        self.fields[key] = widget
        self.errors[key] = error
        return widget

    def show_report(self, report: Report, only: set[str] | None = None) -> None:
        """Show messages under their fields (``only``: just these fields, e.g. touched ones)."""
        for key, error in self.errors.items():
            message = None if only is not None and key not in only else report.message_for(key)
            error.show_message(message)
            self.fields[key].setAccessibleDescription(message or "")

    def message(self, key: str) -> str:
        """The message shown under ``key`` now ("" when the field is fine)."""
        error = self.errors[key]
        return "" if error.isHidden() else error.text()

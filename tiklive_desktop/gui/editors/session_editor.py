"""The dialog a creator fills in after every LIVE: when, the summary's figures, the gifts.

Everything typed is read by ``core.validation.parse_session`` on every change,
so the dialog says exactly what the importers and the CLI would say about the
same input; a field's message appears once the user has left it (all of them
when they try to save) and Save stays disabled until the report is clean. The
preview and the gift-line totals come from ``core.money`` with the rates and
gift prices in force on the session's day, so a backlog entry for 2023 is
valued as it was then. Saving goes through ``gui.commands`` so it can be undone.
"""

from __future__ import annotations

import itertools
import logging
from datetime import date, datetime, timedelta
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from tiklive_desktop.core.entities import Session
from tiklive_desktop.core.fields import Report
from tiklive_desktop.core.validation import parse_session
from tiklive_desktop.gui import commands
from tiklive_desktop.gui.context import Context
from tiklive_desktop.gui.editors.datetime_edit import DateTimeEdit, rounded_now
from tiklive_desktop.gui.editors.form import ValidatedForm
from tiklive_desktop.gui.editors.gift_lines_view import GiftLinesPanel
from tiklive_desktop.gui.editors.session_preview import PreviewBox, preview_texts, valid_parts

log = logging.getLogger(__name__)

COUNT_KEYS = (
    "likes",
    "peak_viewers",
    "total_viewers",
    "new_followers",
    "comments",
    "shares",
    "gifters",
)
_REFERENCE_TABLES = {"gifts", "gift_prices", "rate_periods", "exchange_rates", "accounts"}
_GEOMETRY, _COLUMNS = "session_editor/geometry", "session_editor/gift_columns"


class SessionEditor(QDialog):
    """Add a LIVE session (``session`` None) or edit a stored one; ``stored`` is the result."""

    saved = Signal(object)
    """The stored Session, after each successful save (also each "save and add another")."""

    def __init__(
        self,
        ctx: Context,
        account_id: int,
        session: Session | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.repo = ctx.store.repo
        self.account_id = account_id
        self.session = session
        self.stored: Session | None = None
        self.report: Report[Session] = Report(None)
        self._touched: set[str] = set()
        self._line_rows: list[int] = []
        self._catalogs: dict[date, dict[str, int]] = {}
        self._catalog_day: date | None = None
        self._rates = self.repo.list_rate_periods()
        self._last_start = datetime.min
        self._pristine: dict[str, Any] = {}
        self._build()
        self._load(session)
        ctx.store.changed.connect(self._reference_changed)
        self.setSizeGripEnabled(True)
        self.resize(self.sizeHint())
        self._restore_state()

    # -- building ------------------------------------------------------------------
    def _number_edit(self) -> QLineEdit:
        edit = QLineEdit()
        edit.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        edit.setPlaceholderText("0")
        return edit

    def _build(self) -> None:
        tr, locale = self.tr, self.ctx.fmt.locale
        self.form = form = ValidatedForm()
        self.start_edit = DateTimeEdit(locale)
        form.add_field("start", tr("&Start:"), self.start_edit, tr("When the LIVE began."))
        self.end_edit = DateTimeEdit(locale)
        form.add_field("end", tr("&End:"), self.end_edit, tr("When the LIVE ended."))
        self.duration_label = QLabel()
        self.duration_label.setAccessibleName(tr("Duration"))
        form.addRow(tr("Duration:"), self.duration_label)
        self.diamonds_edit = self._number_edit()
        self.diamonds_edit.setPlaceholderText(tr("from the LIVE summary"))
        diamonds_tip = tr(
            "The Diamonds the LIVE summary shows. Leave it empty to count them from the gift "
            "lines. A Diamond is your share of a gift: its value is under the preview."
        )
        form.add_field("reported_diamonds", tr("&Diamonds:"), self.diamonds_edit, diamonds_tip)
        labels = {
            "likes": tr("&Likes:"),
            "peak_viewers": tr("&Peak viewers:"),
            "total_viewers": tr("Total vie&wers:"),
            "new_followers": tr("&New followers:"),
            "comments": tr("&Comments:"),
            "shares": tr("S&hares:"),
            "gifters": tr("&Gifters:"),
        }
        not_paid = tr("Not paid, but it shows what brings gifts.")
        self.count_edits: dict[str, QLineEdit] = {}
        for key in COUNT_KEYS:
            self.count_edits[key] = edit = self._number_edit()
            form.add_field(key, labels[key], edit, not_paid)
        self.likes_edit, self.peak_viewers_edit, self.total_viewers_edit = (
            self.count_edits[key] for key in COUNT_KEYS[:3]
        )
        self.new_followers_edit, self.comments_edit, self.shares_edit, self.gifters_edit = (
            self.count_edits[key] for key in COUNT_KEYS[3:]
        )
        self.title_edit = QLineEdit()
        form.add_field("title", tr("&Title:"), self.title_edit, tr("The LIVE's title."))
        self.tags_edit = QLineEdit()
        self.tags_edit.setPlaceholderText(tr("dance, Q&A"))
        form.add_field("tags", tr("T&ags:"), self.tags_edit, tr("Words separated by commas."))
        self.notes_edit = QPlainTextEdit()
        self.notes_edit.setTabChangesFocus(True)
        self.notes_edit.setFixedHeight(self.fontMetrics().lineSpacing() * 4 + 12)
        form.add_field("notes", tr("N&otes:"), self.notes_edit)

        self.gift_panel = GiftLinesPanel(self.ctx.fmt)
        self.gift_model, self.gift_table = self.gift_panel.model, self.gift_panel.table
        self.gift_error = self.gift_panel.error
        self.add_line_button = self.gift_panel.add_button
        self.remove_line_button = self.gift_panel.remove_button
        self.preview_box = PreviewBox()
        self.preview_label = self.preview_box.preview_label
        self.difference_label = self.preview_box.difference_label
        self.rate_label = self.preview_box.rate_label
        right = QVBoxLayout()
        right.addWidget(self.gift_panel, 1)
        right.addWidget(self.preview_box)
        columns = QHBoxLayout()
        columns.addLayout(form, 0)
        columns.addSpacing(12)
        columns.addLayout(right, 1)

        self.status_label = QLabel()
        self.save_another_button = QPushButton(tr("Sa&ve and add another"))
        self.save_another_button.setToolTip(
            tr("Save this session and start the next one, a day later (for a backlog).")
        )
        self.cancel_button = QPushButton(tr("Cancel"))
        self.ok_button = QPushButton(tr("Save"))
        self.ok_button.setDefault(True)
        buttons = QHBoxLayout()
        buttons.addWidget(self.status_label, 1)
        for button in (self.save_another_button, self.cancel_button, self.ok_button):
            buttons.addWidget(button)
        intro = QLabel(
            tr("Copy the figures from the LIVE summary; only the start and end are required.")
        )
        intro.setWordWrap(True)
        outer = QVBoxLayout(self)
        outer.addWidget(intro)
        outer.addLayout(columns, 1)
        outer.addLayout(buttons)
        self._wire()

    def _wire(self) -> None:
        for key, widget in self.form.fields.items():
            if isinstance(widget, QLineEdit | DateTimeEdit):
                widget.editingFinished.connect(lambda key=key: self._touch(key))
            if isinstance(widget, QLineEdit):
                widget.textEdited.connect(self._revalidate)
        self.start_edit.dateTimeChanged.connect(self._start_moved)
        self.end_edit.dateTimeChanged.connect(self._revalidate)
        self.notes_edit.textChanged.connect(lambda: self._touch("notes"))
        self.gift_model.edited.connect(lambda: self._touch("gift_lines"))
        self.ok_button.clicked.connect(self.accept)
        self.cancel_button.clicked.connect(self.reject)
        self.save_another_button.clicked.connect(self.save_and_add_another)
        chain: list[QWidget] = [*self.form.fields.values(), self.gift_table]
        chain += [self.add_line_button, self.remove_line_button, self.save_another_button]
        chain += [self.cancel_button, self.ok_button]
        for first, second in itertools.pairwise(chain):
            QWidget.setTabOrder(first, second)

    def _restore_state(self) -> None:
        geometry = self.ctx.settings.state(_GEOMETRY)
        if geometry is not None:
            self.restoreGeometry(geometry)
        columns = self.ctx.settings.state(_COLUMNS)
        if columns is not None:
            self.gift_table.horizontalHeader().restoreState(columns)

    def done(self, result: int) -> None:
        """Closing either way: remember the size and the gift columns' widths."""
        self.ctx.settings.set_state(_GEOMETRY, self.saveGeometry())
        self.ctx.settings.set_state(_COLUMNS, self.gift_table.horizontalHeader().saveState())
        super().done(result)

    # -- loading -------------------------------------------------------------------
    def _load(self, session: Session | None) -> None:
        tr = self.tr
        if session is None:
            start = rounded_now()
            self._set_times(start, start + timedelta(hours=1))
            self.setWindowTitle(tr("New LIVE session"))
        else:
            self._set_times(session.start, session.end)
            day = self.ctx.fmt.day(session.day)
            self.setWindowTitle(tr("Edit the LIVE of {day}").format(day=day))
            reported = session.reported_diamonds
            self.diamonds_edit.setText("" if reported is None else str(reported))
            for key, edit in self.count_edits.items():
                value = getattr(session, key)
                edit.setText(str(value) if value else "")  # blank reads as the 0 it means
            self.title_edit.setText(session.title)
            self.tags_edit.setText(", ".join(session.tags))
            self.notes_edit.setPlainText(session.notes)
        self.gift_model.load(session.gift_lines if session else ())
        self.save_another_button.setVisible(session is None)
        self._start_over()

    def _start_over(self) -> None:
        """Nothing touched, nothing typed since now; the cursor in the first field."""
        self._touched.clear()
        self._revalidate()
        self._pristine = self.raw()
        self.start_edit.setFocus()

    def _set_times(self, start: datetime, end: datetime) -> None:
        self.start_edit.blockSignals(True)
        self.start_edit.set_value(start)
        self.start_edit.blockSignals(False)
        self._last_start = start
        self.end_edit.set_value(end)

    # -- reading and validating ------------------------------------------------------
    def raw(self) -> dict[str, Any]:
        """What is typed now, keyed by Session field, as core's parser reads it."""
        lines = self.gift_model.raw_lines()
        self._line_rows = [row for row, _ in lines]
        raw: dict[str, Any] = {
            "start": self.start_edit.value(),
            "end": self.end_edit.value(),
            "reported_diamonds": self.diamonds_edit.text(),
            **{key: edit.text() for key, edit in self.count_edits.items()},
            "title": self.title_edit.text(),
            "tags": self.tags_edit.text(),
            "notes": self.notes_edit.toPlainText(),
            "gift_lines": [line for _, line in lines],
        }
        if self.session is not None:
            raw["id"] = self.session.id
        return raw

    def is_dirty(self) -> bool:
        """Something was typed since the dialog opened (or since the last save-and-add)."""
        return self.raw() != self._pristine

    def _catalog(self, day: date) -> dict[str, int]:
        if day not in self._catalogs:
            self._catalogs[day] = self.repo.catalog_on(day)
        return self._catalogs[day]

    def _revalidate(self) -> None:
        raw = self.raw()
        day = raw["start"].date()
        catalog = self._catalog(day)
        if day != self._catalog_day:
            self._catalog_day = day
            self.gift_model.set_catalog(catalog)
        self.report = parse_session(
            raw, account_id=self.account_id, catalog=catalog, today=date.today()
        )
        self.form.show_report(self.report, only=self._touched)
        shown = "gift_lines" in self._touched
        self.gift_panel.show_message(self.report.message_for("gift_lines") if shown else None)
        self.ok_button.setEnabled(self.report.ok)
        self.save_another_button.setEnabled(self.report.ok)
        lasted = raw["end"] - raw["start"]
        self.duration_label.setText(self.ctx.fmt.duration(lasted) if lasted > timedelta(0) else "")

        parts = valid_parts(
            self.report, raw, self._line_rows, account_id=self.account_id, catalog=catalog
        )
        self.gift_model.show_results(parts.lines, parts.problems)
        texts = preview_texts(
            self.repo,
            self.ctx.fmt,
            account_id=self.account_id,
            day=day,
            rates=self._rates,
            probe=parts.probe,
        )
        self.preview_box.show_texts(texts)

    def _touch(self, key: str) -> None:
        self._touched.add(key)
        self._revalidate()

    def _start_moved(self) -> None:
        """Moving the start moves the end with it: the duration is what was typed."""
        start = self.start_edit.value()
        shift, self._last_start = start - self._last_start, start
        if shift:
            self.end_edit.set_value(self.end_edit.value() + shift)
        self._revalidate()

    def _reference_changed(self, table: str) -> None:
        """A re-priced gift or a new rate elsewhere: re-value what is typed here."""
        if table in _REFERENCE_TABLES:
            self._catalogs.clear()
            self._catalog_day = None
            self._rates = self.repo.list_rate_periods()
            self._revalidate()

    # -- saving and leaving ----------------------------------------------------------
    def save(self) -> bool:
        """Store what is typed (undoably); on a problem show every message and keep it all."""
        self._revalidate()
        session = self.report.value
        if not self.report.ok or session is None:
            self._touched.update(self.form.fields, {"gift_lines"})
            self._revalidate()
            self._focus_first_problem()
            return False
        day = self.ctx.fmt.day(session.day)
        try:
            if self.session is None:
                text = self.tr("Add the LIVE of {day}").format(day=day)
                stored = commands.add(self.ctx.undo, self.repo, commands.SESSION, session, text)
            else:
                text = self.tr("Edit the LIVE of {day}").format(day=day)
                stored = commands.update(self.ctx.undo, self.repo, commands.SESSION, session, text)
        except Exception as error:  # the database refused: say so, lose nothing typed
            log.exception("saving a session failed")
            self.ctx.dialogs.error(
                self.tr("The session was not saved"),
                self.tr("The session could not be saved: {error}").format(error=error),
            )
            return False
        self.stored = stored
        log.info("session %s saved", stored.id)
        self.saved.emit(stored)
        return True

    def _focus_first_problem(self) -> None:
        for key, widget in self.form.fields.items():
            if self.report.message_for(key):
                widget.setFocus()
                return
        if self.report.message_for("gift_lines"):
            self.gift_table.setFocus()

    def accept(self) -> None:
        if self.save():
            super().accept()

    def save_and_add_another(self) -> None:
        """Save, then an empty form for the next day at the same time, ready to type."""
        if not self.save() or self.stored is None:
            return
        done, next_day = self.stored, timedelta(days=1)
        self.session = None
        for edit in (self.diamonds_edit, *self.count_edits.values(), self.title_edit):
            edit.clear()
        self.tags_edit.clear()
        self.notes_edit.clear()
        self.gift_model.clear()
        self._set_times(done.start + next_day, done.end + next_day)
        self._start_over()
        self.status_label.setText(
            self.tr("Saved the LIVE of {day}. Now the next one.").format(
                day=self.ctx.fmt.day(done.day)
            )
        )

    def reject(self) -> None:
        """Esc, Cancel or closing: ask first when something typed would be lost."""
        if self.is_dirty() and not self.ctx.dialogs.confirm(
            self.tr("Discard this session?"),
            self.tr("Discard what you typed for this session?"),
            self.tr("Discard"),
        ):
            return
        super().reject()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Enter saves from any field (a disabled Save would otherwise swallow it silently)."""
        keys = (Qt.Key.Key_Return, Qt.Key.Key_Enter)
        if event.key() in keys and not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier:
            event.accept()
            self.accept()
            return
        super().keyPressEvent(event)

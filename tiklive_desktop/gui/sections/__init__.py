"""The main window's sections (Dashboard, Sessions, Payouts, ...), one module each.

Also the start-up laziness of the page stack (issue 7, P1): :class:`LazyPages`
keeps a :class:`SectionPlaceholder` in the page of each section of
:data:`LAZY_SECTIONS` until that section is first needed, then imports its
module, builds it and swaps it into the same page. Building Sessions, Payouts,
Income, Gifts and Reports (and importing their modules, with the export and
import dialogs behind Reports) was ~0.1–0.2 s of every start, for pages the
creator may not open at all.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QStackedWidget, QWidget

if TYPE_CHECKING:
    from tiklive_desktop.gui.context import Context

LAZY_SECTIONS = ("sessions", "payouts", "income", "gifts", "reports")
"""The sections built on first need, not with the window."""


class SectionPlaceholder(QWidget):
    """Stands in a page of the stack until its section is built (never shown in practice)."""

    def __init__(self, name: str) -> None:
        super().__init__()
        self.section_name = name


def build_section(name: str, ctx: Context, today: Callable[[], date]) -> QWidget:
    """Import and build the section ``name`` (one of :data:`LAZY_SECTIONS`), unwired."""
    if name == "sessions":
        from tiklive_desktop.gui.sections.sessions import SessionsSection

        return SessionsSection(ctx, today=today)
    if name == "payouts":
        from tiklive_desktop.gui.sections.payouts import PayoutsSection

        return PayoutsSection(ctx)
    if name == "income":
        from tiklive_desktop.gui.sections.income import IncomeSection

        return IncomeSection(ctx)
    if name == "gifts":
        from tiklive_desktop.gui.sections.gifts import GiftsSection

        return GiftsSection(ctx)
    if name == "reports":
        from tiklive_desktop.gui.sections.reports import ReportsSection

        return ReportsSection(ctx, today=today)
    raise KeyError(name)


class LazyPages:
    """The pages of ``stack`` named ``names``; those in LAZY_SECTIONS start as placeholders.

    ``make(name)`` builds (and wires) a section; ``built(section)`` is told of
    each one once it sits in its page.
    """

    def __init__(
        self,
        stack: QStackedWidget,
        pages: list[tuple[str, QWidget | None]],
        make: Callable[[str], QWidget],
        built: Callable[[QWidget], None],
    ) -> None:
        self.stack = stack
        self.names = [name for name, _ in pages]
        self._make = make
        self._built_callback = built
        self.built: dict[str, QWidget] = {}
        for name, page in pages:
            stack.addWidget(page or SectionPlaceholder(name))
        stack.currentChanged.connect(self._page_changed)

    def section(self, name: str) -> QWidget:
        """The section ``name``, built and swapped into its page now if it was not yet."""
        section = self.built.get(name)
        if section is None:
            section = self._make(name)
            self.built[name] = section
            index = self.names.index(name)
            placeholder = self.stack.widget(index)
            self.stack.insertWidget(index, section)
            self.stack.removeWidget(placeholder)
            placeholder.deleteLater()
            self._built_callback(section)
        return section

    def show(self, row: int) -> None:
        """Show page ``row``, building its section first if need be."""
        if 0 <= row < len(self.names) and self.names[row] in LAZY_SECTIONS:
            self.section(self.names[row])
        self.stack.setCurrentIndex(row)

    def _page_changed(self, index: int) -> None:
        """A placeholder became current some other way (``setCurrentIndex``): build it."""
        page = self.stack.widget(index)
        if isinstance(page, SectionPlaceholder):
            self.stack.setCurrentWidget(self.section(page.section_name))

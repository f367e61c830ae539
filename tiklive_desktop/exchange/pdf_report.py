"""A printable PDF report: account, period, the summary, a chart and the month table.

Qt does it all without another dependency: the page is HTML laid out by
``QTextDocument`` and painted page by page on a ``QPdfWriter``; the chart is
either the PNG the window already shows (``chart_png``) or the bar chart of
:mod:`.report_chart`. Fonts need a ``QGuiApplication``: the window has one,
and for the command line one is created on the offscreen platform. No widget
is involved, so this runs in a worker thread too.
"""

from __future__ import annotations

import html
import logging
import os
import sys
from collections.abc import Collection, Sequence
from datetime import date
from decimal import Decimal

from PySide6.QtCore import QByteArray, QMarginsF, QRectF, QSizeF, Qt, QUrl
from PySide6.QtGui import (
    QColor,
    QFont,
    QGuiApplication,
    QImage,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
    QTextDocument,
)

from tiklive_desktop import APP_NAME
from tiklive_desktop.core.metrics import round_metric
from tiklive_desktop.core.report import Period, ReportFigures
from tiklive_desktop.exchange.atomic import atomic_write
from tiklive_desktop.exchange.report_chart import money_text, month_chart
from tiklive_desktop.exchange.report_data import load_report, period_text, summary_lines
from tiklive_desktop.storage.repository import Repository

log = logging.getLogger(__name__)

CHART_URL = QUrl("tiklive:chart.png")
SECTIONS = ("Summary", "Income by month", "Month by month", "Top gifts and best sessions")
FOOTER = 28
"""Room under each page's text for the footer line, in layout pixels."""
_apps: list[QGuiApplication] = []  # the CLI's application lives as long as the process


def ensure_gui_app() -> QGuiApplication:
    """The running QGuiApplication, or a new offscreen one (the command line has none)."""
    app = QGuiApplication.instance()
    if app is None:
        app = QGuiApplication([sys.argv[0] if sys.argv else APP_NAME, "-platform", "offscreen"])
        _apps.append(app)
    if not isinstance(app, QGuiApplication):
        raise RuntimeError("a PDF needs a QGuiApplication, and a QCoreApplication is running")
    return app


# --- the page as HTML ---------------------------------------------------------------------

_STYLE = """
body { font-family: 'DejaVu Sans', 'Segoe UI', 'Helvetica Neue', sans-serif; font-size: 9pt;
       color: #222; }
h1 { font-size: 17pt; margin: 0; }
h2 { font-size: 11pt; color: #fe2c55; margin-top: 14px; margin-bottom: 4px; }
h3 { font-size: 9.5pt; margin-top: 8px; margin-bottom: 3px; }
p.sub { color: #555; margin-top: 2px; }
td, th { padding: 2px 6px; }
th { background: #eeeeee; text-align: right; font-weight: bold; }
th.l, td.l { text-align: left; }
td.n { text-align: right; }
td.sec { font-weight: bold; color: #fe2c55; padding-top: 6px; }
tr.total td { font-weight: bold; border-top: 1px solid #888; }
"""


def _e(text: str) -> str:
    return html.escape(text, quote=False)


def _value_text(figures: ReportFigures, kind: str, value: int | Decimal | None) -> str:
    """A summary figure with thousands separators; money in the report's currency."""
    if kind == "money":
        return money_text(figures.shown(Decimal(value or 0)), figures.currency)
    if kind in ("hours", "metric"):
        rounded = round_metric(None if value is None else Decimal(value))
        return "-" if rounded is None else f"{rounded:,f}"
    return f"{value:,}"


def _table(
    headers: Sequence[str],
    rows: Sequence[Sequence[str]],
    left: int = 1,
    total: Sequence[str] | None = None,
    width: str = "100%",
) -> str:
    """A table whose first ``left`` columns are text and the rest numbers (right-aligned).

    The header is a ``thead``, so QTextDocument repeats it on every page the table spans.
    """

    def cells(values: Sequence[str], tag: str = "td") -> str:
        return "".join(
            f'<{tag} class="{"l" if i < left else "n"}">{_e(v)}</{tag}>'
            for i, v in enumerate(values)
        )

    body = "".join(f"<tr>{cells(row)}</tr>" for row in rows)
    if total is not None:
        body += f'<tr class="total">{cells(total)}</tr>'
    return (
        f'<table cellspacing="0" width="{width}"><thead><tr>{cells(headers, "th")}</tr></thead>'
        f"<tbody>{body}</tbody></table>"
    )


def _summary_column(figures: ReportFigures, sections: Collection[str]) -> str:
    rows, current = [], ""
    for line in summary_lines(figures):
        if line.section not in sections:
            continue
        if line.section != current:
            current = line.section
            rows.append(f'<tr><td class="sec" colspan="2">{_e(current)}</td></tr>')
        label, value = _e(line.label), _e(_value_text(figures, line.kind, line.value))
        if line.label in ("Net from LIVE", "Total income"):
            label, value = f"<b>{label}</b>", f"<b>{value}</b>"
        rows.append(f'<tr><td class="l">{label}</td><td class="n">{value}</td></tr>')
    return f'<table cellspacing="0" width="100%">{"".join(rows)}</table>'


def _month_table(figures: ReportFigures) -> str:
    def money(amount: Decimal) -> str:
        return money_text(figures.shown(amount), figures.currency)

    headers = ("Month", "Sessions", "Hours", "Diamonds", "Net from LIVE", "Other income")
    headers += ("Total income", "Withdrawn")
    rows = [
        [m.month, f"{m.sessions:,}", f"{round_metric(m.hours):,f}", f"{m.diamonds:,}",
         money(m.net_usd), money(m.other_income_usd), money(m.total_income_usd),
         money(m.withdrawn_usd)]
        for m in figures.months
    ]  # fmt: skip
    total = [
        "Total", f"{figures.sessions:,}", f"{round_metric(figures.hours):,f}",
        f"{figures.diamonds:,}", money(figures.net_usd), money(figures.other_income_usd),
        money(figures.total_income_usd), money(figures.withdrawals.amount_usd),
    ]  # fmt: skip
    return _table(headers, rows, total=total)


def _tops(figures: ReportFigures) -> str:
    """Top gifts and best sessions: short tables, kept together on one page."""
    if not figures.top_gifts and not figures.best_sessions:
        return ""
    gifts = _table(
        ("Gift", "Count", "Coins"),
        [[g.gift, f"{g.count:,}", f"{g.coins:,}"] for g in figures.top_gifts],
        width="40%",
    )
    best = _table(
        ("Start", "Account", "Title", "Diamonds", "Net"),
        [
            [f"{s.start:%Y-%m-%d %H:%M}", f"@{s.account}", _short(s.title, 40),
             f"{s.diamonds:,}", money_text(figures.shown(s.net_usd), figures.currency)]
            for s in figures.best_sessions
        ],
        left=3,
        width="80%",
    )  # fmt: skip
    return f"<h2>{SECTIONS[3]}</h2><h3>Top gifts</h3>{gifts}<p></p><h3>Best sessions</h3>{best}"


def _short(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def report_html(figures: ReportFigures, chart_width: int, breaks: Collection[str] = ()) -> str:
    """The report in the HTML subset QTextDocument understands (tables, no flexbox).

    ``breaks``: sections (of :data:`SECTIONS`) that start on a new page.
    """

    def heading(name: str) -> str:
        style = ' style="page-break-before: always"' if name in breaks else ""
        return f"<h2{style}>{_e(name)}</h2>"

    money_in = figures.currency
    if figures.per_usd is not None:
        money_in += f" (1 USD = {figures.per_usd:f} {figures.currency})"
    left = _summary_column(figures, ("LIVE", "Other income", "Income"))
    right = _summary_column(figures, ("Withdrawals", "Wallet", "Engagement"))
    tops = _tops(figures)
    if SECTIONS[3] in breaks:
        tops = tops.replace(f"<h2>{SECTIONS[3]}</h2>", heading(SECTIONS[3]), 1)
    return (
        f"<html><head><style>{_STYLE}</style></head><body>"
        f"<h1>{_e(APP_NAME)} report</h1>"
        f'<p class="sub"><b>{_e(figures.account)}</b> &nbsp;·&nbsp; '
        f"{_e(period_text(figures.period))} &nbsp;·&nbsp; money in {_e(money_in)}"
        f" &nbsp;·&nbsp; created {date.today().isoformat()}</p>"
        f'{heading(SECTIONS[0])}<table width="100%" cellspacing="0"><tr>'
        f'<td width="48%" valign="top">{left}</td><td width="4%"></td>'
        f'<td width="48%" valign="top">{right}</td></tr></table>'
        f"{heading(SECTIONS[1])}"
        f'<p><img src="{CHART_URL.toString()}" width="{chart_width}"></p>'
        f"{heading(SECTIONS[2])}{_month_table(figures)}{tops}</body></html>"
    )


# --- the pages -----------------------------------------------------------------------------


def _layout_dpi() -> int:
    """The DPI QTextDocument lays text out at (Qt's ``qt_defaultDpi``: the screen's, or 100)."""
    screen = QGuiApplication.primaryScreen()
    return round(screen.logicalDotsPerInchX()) if screen is not None else 100


def _document(
    figures: ReportFigures, chart: QImage, page: QSizeF, breaks: Collection[str]
) -> QTextDocument:
    """The report laid out on pages of ``page`` size (a new document: setHtml drops images)."""
    document = QTextDocument()
    document.setDocumentMargin(0)
    document.setPageSize(page)
    document.addResource(QTextDocument.ResourceType.ImageResource, CHART_URL, chart)
    document.setHtml(report_html(figures, int(page.width()), breaks))
    return document


def _split_section(document: QTextDocument, page_height: float) -> str | None:
    """The first section that a page end cuts although it would fit on one page."""
    layout = document.documentLayout()
    spans: list[list] = []  # [name, top, bottom] of each section, from its blocks
    block = document.begin()
    while block.isValid():
        rect = layout.blockBoundingRect(block)
        if block.blockFormat().headingLevel() == 2 and block.text() in SECTIONS:
            spans.append([block.text(), rect.top(), rect.bottom()])
        elif spans:
            spans[-1][2] = max(spans[-1][2], rect.bottom())
        block = block.next()
    for name, top, bottom in spans:
        cut = int(top // page_height) != int((bottom - 1) // page_height)
        if cut and bottom - top <= page_height:
            return name
    return None


def _print(writer: QPdfWriter, figures: ReportFigures, chart: QImage) -> None:
    """Lay the document out on pages of the writer's size and paint them with a footer.

    Done by hand rather than with ``QTextDocument.print_``, which adds its own
    2 cm margins inside the page's. A section that would be cut by a page end
    but fits on a page starts on the next page instead.
    """
    dpi = _layout_dpi()
    scale = writer.logicalDpiX() / dpi
    width, height = writer.width() / scale, writer.height() / scale
    body = height - FOOTER
    breaks: set[str] = set()
    document = _document(figures, chart, QSizeF(width, body), breaks)
    while (cut := _split_section(document, body)) is not None and cut not in breaks:
        breaks.add(cut)
        document = _document(figures, chart, QSizeF(width, body), breaks)
    pages = document.pageCount()
    footer_font = QFont("DejaVu Sans")
    footer_font.setPixelSize(round(7.5 * dpi / 72))  # 7.5 pt; the painter is in layout pixels
    footer = QRectF(0, height - FOOTER / 2, width, FOOTER / 2)
    painter = QPainter(writer)
    try:
        painter.scale(scale, scale)
        for page in range(pages):
            if page:
                writer.newPage()
            painter.save()
            painter.translate(0, -page * body)
            document.drawContents(painter, QRectF(0, page * body, width, body))
            painter.restore()
            painter.setFont(footer_font)
            painter.setPen(QColor("#777777"))
            painter.drawText(
                footer,
                Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignBottom,
                f"{APP_NAME} report · {figures.account} · {period_text(figures.period)}",
            )
            painter.drawText(
                footer,
                Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignBottom,
                f"page {page + 1} of {pages}",
            )
    finally:
        painter.end()


def export_pdf(
    repo: Repository,
    path: str | os.PathLike[str],
    *,
    account_id: int | None,
    period: Period,
    chart_png: bytes | None = None,
) -> ReportFigures:
    """Write the PDF report (A4); returns the figures it shows.

    ``chart_png``: a chart the caller rendered (e.g. the window's, as PNG
    bytes); None draws the monthly income bars here.
    """
    ensure_gui_app()
    figures = load_report(repo, account_id, period)
    chart = QImage()
    if chart_png is not None and not chart.loadFromData(QByteArray(chart_png)):
        raise ValueError("chart_png is not an image Qt can read")
    if chart.isNull():
        chart = month_chart(figures)
    with atomic_write(path) as temp:
        writer = QPdfWriter(str(temp))
        writer.setTitle(f"{APP_NAME} report: {figures.account}, {period_text(period)}")
        writer.setCreator(APP_NAME)
        writer.setPageLayout(
            QPageLayout(
                QPageSize(QPageSize.PageSizeId.A4),
                QPageLayout.Orientation.Portrait,
                QMarginsF(16, 14, 16, 12),
                QPageLayout.Unit.Millimeter,
            )
        )
        _print(writer, figures, chart)
        del writer  # the PDF is complete and closed once the writer is gone
    log.info("exported the %s PDF report to %s", period.label, path)
    return figures

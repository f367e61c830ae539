"""PDF report: its text (pdftotext) holds the right totals; the first page is rendered and checked.

Uses pytest-qt's ``qapp`` so that the one application of the test run is a
QApplication (the widget tests need one); the CLI's own offscreen
QGuiApplication is checked in a separate process.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from PySide6.QtGui import QColor, QImage

from tiklive_desktop.exchange.pdf_report import ensure_gui_app, export_pdf
from tiklive_desktop.exchange.report_chart import export_png, money_text, month_chart, png_bytes
from tiklive_desktop.exchange.report_data import load_report

if TYPE_CHECKING:  # conftest is not importable by name when every test folder has one
    from conftest import ReportSample

pytestmark = pytest.mark.usefixtures("qapp")


def poppler(tool: str) -> str:
    found = shutil.which(tool)
    if found is None:
        pytest.fail(f"{tool} is missing: install poppler-utils (.ci/run does)")
    return found


def pdf_text(path: Path) -> str:
    result = subprocess.run(
        [poppler("pdftotext"), "-layout", str(path), "-"],
        capture_output=True, text=True, check=True, timeout=30,
    )  # fmt: skip
    return result.stdout


def first_page(path: Path, tmp_path: Path) -> QImage:
    """``pdftoppm -png -r 60 -f 1 -l 1``: the first page as a person would see it."""
    prefix = tmp_path / "page"
    subprocess.run(
        [poppler("pdftoppm"), "-png", "-r", "60", "-f", "1", "-l", "1", str(path), str(prefix)],
        check=True, timeout=30,
    )  # fmt: skip
    image = QImage(str(next(tmp_path.glob("page*.png"))))
    assert not image.isNull()
    return image


def sample_colours(page: QImage) -> set[tuple[int, int, int]]:
    return {
        page.pixelColor(x, y).getRgb()[:3]
        for x in range(0, page.width(), 2)
        for y in range(0, page.height(), 2)
    }


def has_colour(colours: set[tuple[int, int, int]], wanted: QColor, slack: int = 6) -> bool:
    r, g, b = wanted.getRgb()[:3]
    return any(
        abs(c[0] - r) <= slack and abs(c[1] - g) <= slack and abs(c[2] - b) <= slack
        for c in colours
    )


def row(text: str, label: str) -> list[str]:
    """The cells (2+ spaces apart) of the first line starting with ``label``."""
    for line in text.splitlines():
        cells = re.split(r"\s{2,}", line.strip())
        if cells[0] == label:
            return cells
    raise AssertionError(f"no line {label!r} in:\n{text}")


@pytest.fixture
def q3_pdf(report_repo: ReportSample, tmp_path: Path) -> Path:
    path = tmp_path / "out" / "q3.pdf"
    path.parent.mkdir()
    export_pdf(report_repo.repo, path, account_id=None, period=report_repo.q3)
    return path


def test_the_text_holds_the_totals(q3_pdf: Path) -> None:
    text = pdf_text(q3_pdf)
    assert "TikLive Desktop report" in text
    assert "All accounts" in text and "Q3 2026 (2026-07-01 to 2026-09-30)" in text
    # Summary: two columns side by side, so each figure is read from its own line.
    assert row(text, "Sessions")[:2] == ["Sessions", "3"]
    assert row(text, "Diamonds")[:2] == ["Diamonds", "43,099"]
    assert row(text, "Gift value")[:2] == ["Gift value", "$430.99"]
    assert row(text, "Net from LIVE")[:2] == ["Net from LIVE", "$210.50"]
    assert row(text, "Total income")[:2] == ["Total income", "$556.00"]
    assert "$345.50" in row(text, "Other income, total")
    assert row(text, "Sessions")[2:] == ["Withdrawals", "2"]
    assert row(text, "Gift value")[2:] == ["Payout fees", "$23.50"]
    assert "23,099" in text  # balance at end
    assert "10,774.8" in text  # Diamonds per hour
    # The month table, thousands separators and currency, and its total.
    assert row(text, "2026-07") == [
        "2026-07", "1", "2.0", "30,099", "$150.50", "$300.00", "$450.50", "$100.00",
    ]  # fmt: skip
    assert row(text, "Total") == [
        "Total", "3", "4.0", "43,099", "$210.50", "$345.50", "$556.00", "$110.00",
    ]  # fmt: skip
    assert row(text, "Lion")[1:] == ["1", "29,999"]
    assert "page 1 of 1" in text
    assert list(q3_pdf.parent.iterdir()) == [q3_pdf]  # no temporary file left


def test_pdf_metadata(q3_pdf: Path) -> None:
    info = subprocess.run(
        [poppler("pdfinfo"), str(q3_pdf)], capture_output=True, text=True, check=True
    ).stdout
    assert re.search(r"Pages:\s+1\b", info)
    assert "(A4)" in info
    assert "TikLive Desktop report: All accounts, Q3 2026" in info


def test_the_first_page_shows_the_chart(q3_pdf: Path, tmp_path: Path) -> None:
    page = first_page(q3_pdf, tmp_path)
    assert (page.width(), page.height()) == (496, 702)  # A4 at 60 dpi
    colours = sample_colours(page)
    assert len(colours) > 20  # text, tables and the bars, not a blank page
    # The chart's two bar colours (PDF images are compressed: near enough).
    assert has_colour(colours, QColor("#fe2c55"))
    assert has_colour(colours, QColor("#25b8c9"))


def test_a_chart_given_as_png_is_used(report_repo: ReportSample, tmp_path: Path) -> None:
    chart = QImage(800, 300, QImage.Format.Format_RGB32)
    chart.fill(QColor("#00ff00"))
    path = tmp_path / "given.pdf"
    export_pdf(report_repo.repo, path, account_id=None, period=report_repo.q3,
               chart_png=png_bytes(chart))  # fmt: skip
    page = first_page(path, tmp_path)
    colours = sample_colours(page)
    assert has_colour(colours, QColor("#00ff00"))
    assert not has_colour(colours, QColor("#25b8c9"))  # the built-in chart was not drawn


def test_a_bad_chart_is_refused_and_nothing_written(
    report_repo: ReportSample, tmp_path: Path
) -> None:
    with pytest.raises(ValueError, match="chart_png"):
        export_pdf(report_repo.repo, tmp_path / "x.pdf", account_id=None,
                   period=report_repo.q3, chart_png=b"not a png")  # fmt: skip
    assert list(tmp_path.iterdir()) == []


def test_one_account(report_repo: ReportSample, tmp_path: Path) -> None:
    path = tmp_path / "alice.pdf"
    export_pdf(report_repo.repo, path, account_id=report_repo.alice, period=report_repo.q3)
    text = pdf_text(path)
    assert "@alice (Alice A.)" in text
    assert row(text, "Net from LIVE")[:2] == ["Net from LIVE", "$195.50"]  # 195.495
    assert "@bob" not in text


def test_the_chart_image(report_repo: ReportSample) -> None:
    image = month_chart(load_report(report_repo.repo, None, report_repo.q3))
    assert (image.width(), image.height()) == (1600, 440)
    png = png_bytes(image)
    assert png.startswith(b"\x89PNG")
    assert QImage.fromData(png).size() == image.size()


def test_ensure_gui_app_uses_the_running_application(qapp: object) -> None:
    assert ensure_gui_app() is qapp


def test_the_command_line_gets_an_offscreen_application(report_db: Path, tmp_path: Path) -> None:
    """A fresh process with no application and no QT_QPA_PLATFORM: the CLI makes its own."""
    out = tmp_path / "cli.pdf"
    env = {k: v for k, v in os.environ.items() if k != "QT_QPA_PLATFORM"}
    result = subprocess.run(
        [sys.executable, "-m", "tiklive_desktop", "report", "--db", str(report_db),
         "--period", "2026-Q3", "-o", str(out)],
        capture_output=True, text=True, timeout=120, env=env, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert row(pdf_text(out), "Total income")[:2] == ["Total income", "$556.00"]


@pytest.mark.parametrize(
    ("amount", "currency", "text"),
    [
        (Decimal("1234.5"), "USD", "$1,234.50"),
        (Decimal("-12.5"), "USD", "-$12.50"),
        (Decimal("1234567.891"), "GBP", "1,234,567.89 GBP"),
        (Decimal(0), "EUR", "0.00 EUR"),
    ],
)
def test_money_text(amount: Decimal, currency: str, text: str) -> None:
    assert money_text(amount, currency) == text


def test_export_png_of_any_chart(tmp_path: Path) -> None:
    image = QImage(40, 20, QImage.Format.Format_RGB32)
    image.fill(QColor("#123456"))
    path = tmp_path / "chart.png"
    export_png(image, path)
    back = QImage(str(path))
    assert (back.width(), back.height()) == (40, 20)
    assert back.pixelColor(5, 5).name() == "#123456"
    with pytest.raises(ValueError, match="empty"):
        export_png(QImage(), tmp_path / "none.png")
    assert [p.name for p in tmp_path.iterdir()] == ["chart.png"]

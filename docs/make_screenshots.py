"""Regenerate docs/screenshots/*.png from a fresh demo database (run: make screenshots).

The screenshots in the README are made by this script, never by hand, so they
can be refreshed after every visible change. Runs offscreen; needs no display.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # imported inside main(), after the Qt platform is chosen
    from tiklive_desktop.gui.main_window import MainWindow
    from tiklive_desktop.storage.repository import Repository

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
OUT = Path(__file__).resolve().parent / "screenshots"
TODAY = date(2026, 11, 26)


def main() -> int:
    scratch = Path(tempfile.mkdtemp(prefix="tiklive-shots-"))
    os.environ["TIKLIVE_DATA_DIR"] = str(scratch / "data")
    os.environ["TIKLIVE_CONFIG_DIR"] = str(scratch / "config")
    from PySide6.QtCore import QLocale

    QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedStates))
    from tiklive_desktop.demo import write_demo_database
    from tiklive_desktop.gui.application import qt_application
    from tiklive_desktop.gui.editors.session_editor import SessionEditor
    from tiklive_desktop.gui.editors.settings_dialog import SettingsDialog
    from tiklive_desktop.gui.main_window import MainWindow
    from tiklive_desktop.gui.settings import UiSettings
    from tiklive_desktop.gui.store import DataStore
    from tiklive_desktop.gui.theme import apply_theme
    from tiklive_desktop.storage.database import open_database
    from tiklive_desktop.storage.repository import Repository, SessionQuery

    app = qt_application()
    apply_theme(app, "light")
    path = scratch / "demo.db"
    write_demo_database(path, end=TODAY)
    repo = Repository(open_database(path))
    window = MainWindow(DataStore(repo, path), UiSettings(), today=lambda: TODAY)
    window.resize(1280, 820)
    window.show()
    OUT.mkdir(parents=True, exist_ok=True)

    def settle() -> None:
        for _ in range(5):
            app.processEvents()

    settle()
    window.grab().save(str(OUT / "dashboard.png"))
    window.nav.setCurrentRow(1)
    settle()
    window.sessions.view.selectRow(0)
    settle()
    window.grab().save(str(OUT / "sessions.png"))
    window.nav.setCurrentRow(2)
    settle()
    window.grab().save(str(OUT / "payouts.png"))

    luna = next(a for a in repo.list_accounts() if a.handle == "luna.sings")
    newest = repo.query_sessions(SessionQuery(account_id=luna.id), limit=1)[0]
    session = repo.get_session(newest.id)
    assert session is not None and luna.id is not None
    editor = SessionEditor(window.ctx, luna.id, session, window)
    editor.show()
    settle()
    editor.grab().save(str(OUT / "session-editor.png"))
    editor.close()
    settings = SettingsDialog(window.ctx, luna.id, window, today=TODAY)
    settings.show()
    settle()
    settings.grab().save(str(OUT / "settings.png"))
    settings.close()

    # Charts: one picture per tab, for one creator, then the earnings chart in the dark theme.
    window.ctx.account.set(luna.id)
    window.nav.setCurrentRow(window.pages.indexOf(window.charts))
    names = ["earnings", "balance", "engagement", "best-times", "gifts", "income-mix"]
    for index, name in enumerate(names):
        window.charts.tabs.setCurrentIndex(index)
        settle()
        window.grab().save(str(OUT / f"chart-{name}.png"))
    apply_theme(app, "dark")
    window.charts.tabs.setCurrentIndex(0)
    settle()
    window.grab().save(str(OUT / "chart-earnings-dark.png"))
    apply_theme(app, "light")

    window.nav.setCurrentRow(window.pages.indexOf(window.reports))
    window.reports.picker.step(-1)  # last month: a whole month of figures
    settle()
    window.grab().save(str(OUT / "reports.png"))
    _import_dialog(window, scratch, settle)
    _pdf_page(repo, luna.id, scratch)
    _restore_dialog(window, repo, path, settle)
    _welcome(window, settle)
    window.close()
    print(f"wrote {len(list(OUT.glob('*.png')))} screenshots to {OUT}")
    return 0


def _import_dialog(window: MainWindow, scratch: Path, settle: Callable[[], None]) -> None:
    """The import's dry run on a small spreadsheet with one bad row."""
    sheet = scratch / "my-lives.csv"
    sheet.write_text(
        "date,start time,minutes,diamonds,likes,viewers,title\n"
        "2026-11-25,20:00,95,18400,23100,1240,Karaoke night\n"
        "2026-11-26,19:30,60,-40,9000,610,Q&A\n"
        "2026-11-27,21:00,120,27250,31800,1702,Birthday stream\n",
        encoding="utf-8",
    )
    dialog = window.reports.open_import()
    dialog.resize(980, 700)
    dialog.load_file(sheet)
    settle()
    dialog.grab().save(str(OUT / "import.png"))
    dialog.reject()


def _welcome(window: MainWindow, settle: Callable[[], None]) -> None:
    """The first-run welcome, with a handle typed in (it stores nothing unless finished)."""
    from tiklive_desktop.gui.editors.welcome import WelcomeDialog

    welcome = WelcomeDialog(window.ctx, window, today=TODAY)
    welcome.handle.setText("maya.makes")
    welcome.display_name.setText("Maya")
    welcome.validate()
    welcome.show()
    settle()
    welcome.grab().save(str(OUT / "welcome.png"))
    welcome.reject()


def _restore_dialog(
    window: MainWindow, repo: Repository, path: Path, settle: Callable[[], None]
) -> None:
    """File > Restore from Backup… after a few days of automatic backups."""
    from datetime import datetime, timedelta

    from tiklive_desktop.gui.file_safety import RestoreBackupDialog
    from tiklive_desktop.storage import backups

    for days_ago in (3, 2, 1):
        when = datetime(2026, 11, 26, 22, 41) - timedelta(days=days_ago)
        backups.make_backup(repo.conn, path, now=when, quick=True)
    backups.make_backup(repo.conn, path, now=datetime(2026, 11, 26, 9, 5), label="before-upgrade")
    dialog = RestoreBackupDialog(window.ctx.dialogs, path, parent=window, fmt=window.ctx.fmt)
    dialog.show()
    settle()
    dialog.grab().save(str(OUT / "restore-backup.png"))
    dialog.close()


def _pdf_page(repo: Repository, account_id: int, scratch: Path) -> None:
    """The first page of last month's PDF report, as pdftoppm renders it (when installed)."""
    from tiklive_desktop.core.report import parse_period
    from tiklive_desktop.exchange.pdf_report import export_pdf

    if shutil.which("pdftoppm") is None:
        print("pdftoppm not found (apt-get install poppler-utils): report-pdf.png not updated")
        return
    pdf = scratch / "report.pdf"
    export_pdf(repo, pdf, account_id=account_id, period=parse_period("2026-10", today=TODAY))
    stem = scratch / "report-page"
    subprocess.run(
        ["pdftoppm", "-png", "-r", "80", "-f", "1", "-l", "1", "-singlefile", pdf, stem],
        check=True,
    )
    shutil.copyfile(stem.with_suffix(".png"), OUT / "report-pdf.png")


if __name__ == "__main__":
    sys.exit(main())

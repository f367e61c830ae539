"""Regenerate docs/screenshots/*.png from a fresh demo database (run: make screenshots).

The screenshots in the README are made by this script, never by hand, so they
can be refreshed after every visible change. Runs offscreen; needs no display.
"""

from __future__ import annotations

import os
import sys
import tempfile
from datetime import date
from pathlib import Path

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
    window.close()
    print(f"wrote {len(list(OUT.glob('*.png')))} screenshots to {OUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""GUI fixtures: an in-memory database, a Context, a dialog service that answers itself."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from PySide6.QtCore import QLocale
from PySide6.QtGui import QUndoStack

from tiklive_desktop.core.entities import Account, GiftLine, Session
from tiklive_desktop.gui.context import AccountSelection, Context
from tiklive_desktop.gui.formatting import Formatter
from tiklive_desktop.gui.messages import DialogService
from tiklive_desktop.gui.settings import UiSettings, open_qsettings
from tiklive_desktop.gui.store import DataStore
from tiklive_desktop.storage.database import open_database
from tiklive_desktop.storage.repository import Repository


class ScriptedDialogs(DialogService):
    """Answers each question with the next scripted answer (default yes); records what was said."""

    def __init__(self) -> None:
        super().__init__(None)
        self.answers: list[bool] = []
        self.asked: list[str] = []
        self.told: list[str] = []
        self.paths: list[str] = []

    def confirm(self, title: str, text: str, ok_text: str | None = None) -> bool:
        self.asked.append(text)
        return self.answers.pop(0) if self.answers else True

    def inform(self, title: str, text: str) -> None:
        self.told.append(text)

    def error(self, title: str, text: str) -> None:
        self.told.append(text)

    def open_path(self, title: str, folder: str, filter_text: str) -> str:
        return self.paths.pop(0) if self.paths else ""

    def save_path(self, title: str, folder: str, filter_text: str) -> str:
        return self.paths.pop(0) if self.paths else ""


@pytest.fixture
def repo() -> Repository:
    return Repository(open_database(None))


@pytest.fixture
def account(repo: Repository) -> Account:
    return repo.add_account(Account(handle="luna.sings", display_name="Luna", region="US"))


@pytest.fixture
def sample_sessions(repo: Repository, account: Account) -> list[Session]:
    """Three sessions with known figures (1 coin = 1 Diamond = $0.005 at the default rates)."""
    assert account.id is not None
    start = datetime(2026, 10, 5, 20, 0)
    sessions = [
        Session(
            account.id,
            start,
            timedelta(hours=2),
            reported_diamonds=30_000,
            likes=12_000,
            total_viewers=900,
            new_followers=40,
            gifters=25,
            title="Sunday songs",
        ),
        Session(
            account.id,
            start + timedelta(days=2),
            timedelta(minutes=90),
            likes=5_000,
            total_viewers=400,
            new_followers=10,
            gifters=8,
            notes="rainy",
            gift_lines=(GiftLine("Rose", 100, 1), GiftLine("Lion", 1, 29_999)),
        ),
        Session(account.id, start + timedelta(days=20), timedelta(hours=1), reported_diamonds=500),
    ]
    return [repo.add_session(s) for s in sessions]


@pytest.fixture
def dialogs() -> ScriptedDialogs:
    return ScriptedDialogs()


@pytest.fixture
def settings(tmp_path, monkeypatch) -> UiSettings:
    monkeypatch.setenv("TIKLIVE_CONFIG_DIR", str(tmp_path / "config"))
    return UiSettings(open_qsettings())


@pytest.fixture
def ctx(qtbot, repo: Repository, dialogs: ScriptedDialogs, settings: UiSettings) -> Context:
    """Everything a section needs, in US English so expected texts are fixed."""
    store = DataStore(repo, None)
    return Context(
        store=store,
        undo=QUndoStack(),
        dialogs=dialogs,
        fmt=Formatter(QLocale(QLocale.Language.English, QLocale.Country.UnitedStates)),
        settings=settings,
        account=AccountSelection(),
    )

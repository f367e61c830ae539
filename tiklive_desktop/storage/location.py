"""Where the user's database lives by default.

``TIKLIVE_DATA_DIR`` overrides the platform folder: the tests point it at a
throwaway folder so that no test can touch real data, and a portable build can
keep its data beside the executable.
"""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

from tiklive_desktop import APP_NAME

DATA_DIR_ENV = "TIKLIVE_DATA_DIR"
DATABASE_NAME = "tiklive.db"


def data_folder() -> Path:
    """The folder for the database and its backups (not created here)."""
    override = os.environ.get(DATA_DIR_ENV)
    if override:
        return Path(override).expanduser()
    return platformdirs.user_data_path(APP_NAME, appauthor=False)


def default_database_path() -> Path:
    return data_folder() / DATABASE_NAME

"""Test-wide setup: Qt offscreen, and no test ever touches the user's real data or settings."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

# Before anything imports Qt: nobody running the tests needs a display.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# Every path the app derives (database, settings, logs, backups) goes to a
# throwaway folder for the whole run; tests that care use tmp_path on top.
_SANDBOX = Path(tempfile.mkdtemp(prefix="tiklive-tests-"))
os.environ["TIKLIVE_DATA_DIR"] = str(_SANDBOX / "data")
os.environ["TIKLIVE_CONFIG_DIR"] = str(_SANDBOX / "config")

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

# Property tests explore new random examples on every developer run; under CI
# (`.ci/run` sets TIKLIVE_CI) they replay a fixed sequence, so a rare example
# found there is reproducible from the log instead of a one-off red build.
from hypothesis import settings as _hypothesis_settings  # noqa: E402

_hypothesis_settings.register_profile("ci", derandomize=True, print_blob=True)
if os.environ.get("TIKLIVE_CI"):
    _hypothesis_settings.load_profile("ci")

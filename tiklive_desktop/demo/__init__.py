"""Demo data: a seeded, realistic history of TikTok LIVE creators for trying the app.

:func:`generate` builds core entities only (no database); :func:`write_demo_database`
stores them as a new database file. Both are reproducible from the seed.
"""

from tiklive_desktop.demo.generator import DEMO_END, MAX_SESSIONS, DemoData, generate
from tiklive_desktop.demo.writer import DemoSummary, write_demo_database

__all__ = ["DEMO_END", "MAX_SESSIONS", "DemoData", "DemoSummary", "generate", "write_demo_database"]

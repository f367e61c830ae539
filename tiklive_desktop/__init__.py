"""TikLive Desktop: a TikTok LIVE creator's own record of sessions, gifts and earnings."""

# The one place the version is written; pyproject.toml, About and packaging read it.
__version__ = "0.1.0"
APP_NAME = "TikLive Desktop"
APP_ID = "io.github.tiklive.TikLiveDesktop"

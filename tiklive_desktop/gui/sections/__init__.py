"""The main window's sections (Dashboard, Sessions, Payouts, ...), one module each."""

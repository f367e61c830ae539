"""The SQLite database through sqlite-utils: opening, migrations, one repository API.

Nothing here imports Qt; aggregates are computed in SQL and money stays exact.
"""

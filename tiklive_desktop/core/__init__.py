"""Pure domain logic: entities, the money engine, cash-out, metrics, validation.

Nothing under this package imports Qt (tests/core/test_no_qt.py enforces it).
"""

"""Dialogs that create and edit records; they validate through core and never lose input."""

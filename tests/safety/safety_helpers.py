"""Shared by the file-safety tests (a module of its own: every test folder has a ``conftest``)."""

from __future__ import annotations

import hashlib
from pathlib import Path


def file_hash(path: Path) -> str:
    """SHA-256 of a file; of a folder, of its sorted listing (nothing may appear inside)."""
    digest = hashlib.sha256()
    if path.is_dir():
        for child in sorted(path.iterdir()):
            digest.update(child.name.encode() + b"\0")
    else:
        digest.update(path.read_bytes())
    return digest.hexdigest()

"""Writing a file all at once or not at all.

Why: an export can fail halfway (a full disk, a bug, the user cancels) and an
accountant must never receive half a spreadsheet that looks whole. The data
goes to a hidden temporary file in the target's own folder (so the final
``os.replace`` is a rename on one file system, atomic on POSIX and Windows);
only a complete, flushed file replaces the target. On failure the temporary
file is removed and an existing target is left exactly as it was.
"""

from __future__ import annotations

import contextlib
import errno
import logging
import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

log = logging.getLogger(__name__)

TEMP_SUFFIX = ".part"


def _read_umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


# Read once, at import: os.umask can only be read by setting it, which is not
# safe while export threads create files.
_UMASK = _read_umask()


def _mode_for(target: Path) -> int:
    """Keep a replaced file's permissions; a new one gets what ``open()`` would give it."""
    try:
        return target.stat().st_mode & 0o777
    except OSError:
        return 0o666 & ~_UMASK


@contextmanager
def atomic_write(path: str | os.PathLike[str]) -> Iterator[Path]:
    """Yield a temporary path beside ``path``; on success it becomes ``path``.

    The caller writes the temporary file by name (XlsxWriter and QPdfWriter
    need a name, not an open file). The finished file gets the permissions a
    plainly created file would have, or those of the file it replaces
    (``mkstemp`` makes it private).
    """
    target = Path(path)
    folder = target.parent
    if not folder.is_dir():  # say so about the target, not the temporary file
        raise FileNotFoundError(errno.ENOENT, f"the folder {folder} does not exist", str(target))
    fd, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=TEMP_SUFFIX, dir=folder)
    os.close(fd)
    temp = Path(name)
    try:
        yield temp
        with temp.open("rb+") as written:  # on disk before the rename makes it visible
            os.fsync(written.fileno())
        temp.chmod(_mode_for(target))
        temp.replace(target)  # os.replace: atomic on one file system
    except BaseException:
        with contextlib.suppress(OSError):
            temp.unlink()
        log.debug("abandoned %s; %s left as it was", temp, target)
        raise

"""The application icon, from the PNGs rendered out of resources/icons/tiklive.svg.

PNGs rather than the SVG: a QIcon made from an SVG needs Qt's SVG icon-engine
plugin at run time, and the PNGs at every size look the same in a checkout, a
wheel and a frozen build without it.
"""

from __future__ import annotations

import logging
from importlib import resources

from PySide6.QtCore import QSize
from PySide6.QtGui import QIcon

log = logging.getLogger(__name__)

ICON_SIZES = (16, 22, 24, 32, 48, 64, 128, 256, 512)


def app_icon() -> QIcon:
    """TikLive Desktop's icon at every size it ships; an empty icon if the files are missing.

    Missing files (a broken install) must not stop the app from starting, so
    they are logged, not raised.
    """
    icon = QIcon()
    folder = resources.files("tiklive_desktop.resources").joinpath("icons")
    for size in ICON_SIZES:
        png = folder.joinpath(f"tiklive-{size}.png")
        if png.is_file():
            icon.addFile(str(png), QSize(size, size))
    if icon.isNull():
        log.warning("application icon not found in %s", folder)
    return icon

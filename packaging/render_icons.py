"""Render resources/icons/tiklive.svg to the PNG sizes desktops ask for.

Run after editing the SVG (``python packaging/render_icons.py``); the PNGs are
committed so that neither the app nor a package build needs an SVG renderer.
Qt's own QSvgRenderer (PySide6-Essentials) draws them, so no extra tool is needed.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

ICONS = Path(__file__).resolve().parent.parent / "resources" / "icons"
SOURCE = ICONS / "tiklive.svg"
# hicolor's usual sizes: menus (16-24), panels and docks (32-64), launchers and
# software centres (128-512). Windows .ico and macOS .icns are built from these.
SIZES = (16, 22, 24, 32, 48, 64, 128, 256, 512)


def png_path(size: int) -> Path:
    return ICONS / f"tiklive-{size}.png"


def render(size: int) -> None:
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    renderer = QSvgRenderer(str(SOURCE))
    if not renderer.isValid():
        raise SystemExit(f"cannot read {SOURCE}")
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter)
    painter.end()
    if not image.save(str(png_path(size)), "PNG"):
        raise SystemExit(f"cannot write {png_path(size)}")


def main() -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtGui import QGuiApplication

    app = QGuiApplication(sys.argv[:1])  # noqa: F841 - Qt wants one for painting
    for size in SIZES:
        render(size)
        sys.stdout.write(f"{png_path(size)}\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""The packaging's static files agree with the app: ids, version, icons, spec excludes.

Fast checks that run in `make test`; building and installing the .deb is
packaging/test_deb.sh (`make package-test`), run here only with TIKLIVE_PACKAGE_TEST=1.
"""

from __future__ import annotations

import ast
import configparser
import os
import re
import struct
import subprocess
import xml.etree.ElementTree as ET
from datetime import date
from pathlib import Path

import pytest

from tiklive_desktop import APP_ID, APP_NAME, __version__
from tiklive_desktop.gui.icon import ICON_SIZES

ROOT = Path(__file__).resolve().parents[2]
RESOURCES = ROOT / "resources"
PACKAGING = ROOT / "packaging"
DESKTOP_FILE = RESOURCES / f"{APP_ID}.desktop"
METAINFO = RESOURCES / f"{APP_ID}.metainfo.xml"
SPEC = PACKAGING / "tiklive.spec"


def desktop_entry() -> configparser.SectionProxy:
    parser = configparser.ConfigParser(interpolation=None)
    parser.optionxform = str  # type: ignore[assignment,method-assign]  # keys are case-sensitive
    parser.read(DESKTOP_FILE, encoding="utf-8")
    return parser["Desktop Entry"]


def png_size(path: Path) -> tuple[int, int]:
    """Width and height from the PNG's IHDR chunk (no image library needed)."""
    header = path.read_bytes()[:24]
    assert header[:8] == b"\x89PNG\r\n\x1a\n", f"{path.name} is not a PNG"
    width, height = struct.unpack(">II", header[16:24])
    return width, height


def spec_list(name: str) -> list[str]:
    """A literal list assigned at the top of the spec (the spec itself needs PyInstaller to run)."""
    for node in ast.parse(SPEC.read_text(encoding="utf-8")).body:
        if isinstance(node, ast.Assign) and getattr(node.targets[0], "id", None) == name:
            return list(ast.literal_eval(node.value))
    raise AssertionError(f"{name} not found in {SPEC.name}")


@pytest.mark.parametrize(
    ("key", "expected"),
    [
        ("Type", "Application"),
        ("Name", APP_NAME),
        ("Exec", "tiklive"),
        ("Icon", APP_ID),
        ("Terminal", "false"),
        ("Categories", "Office;Finance;"),
        ("StartupWMClass", APP_NAME),  # Qt sets WM_CLASS to the application name
    ],
)
def test_desktop_entry_keys(key: str, expected: str) -> None:
    assert desktop_entry()[key] == expected


def test_metainfo_names_the_app_and_its_desktop_file() -> None:
    component = ET.parse(METAINFO).getroot()
    assert component.get("type") == "desktop-application"
    assert component.findtext("id") == APP_ID
    assert component.findtext("name") == APP_NAME
    assert component.findtext("launchable") == f"{APP_ID}.desktop"
    assert component.findtext("project_license") == "MIT"
    assert component.find("content_rating").get("type") == "oars-1.1"


def test_metainfo_newest_release_is_the_app_version() -> None:
    releases = ET.parse(METAINFO).getroot().findall("releases/release")
    assert releases[0].get("version") == __version__
    assert date.fromisoformat(releases[0].get("date")) <= date.today()


def test_metainfo_screenshots_exist_in_docs() -> None:
    """Each screenshot URL ends in a file committed under docs/screenshots."""
    urls = [image.text for image in ET.parse(METAINFO).getroot().iter("image")]
    assert len(urls) == 4
    for url in urls:
        relative = re.sub(r"^https://raw\.githubusercontent\.com/[^/]+/[^/]+/main/", "", url)
        assert relative.startswith("docs/screenshots/"), url
        assert (ROOT / relative).is_file(), url


@pytest.mark.parametrize("size", ICON_SIZES)
def test_icon_png_has_its_size(size: int) -> None:
    assert png_size(RESOURCES / "icons" / f"tiklive-{size}.png") == (size, size)


def test_icon_sizes_are_the_rendered_ones() -> None:
    """icon.py, render_icons.py and build_deb.sh name the same sizes."""
    source = (PACKAGING / "render_icons.py").read_text(encoding="utf-8")
    rendered = re.search(r"^SIZES = \(([^)]*)\)", source, re.MULTILINE)
    assert rendered is not None
    assert tuple(int(n) for n in rendered.group(1).split(",")) == ICON_SIZES
    shell = (PACKAGING / "build_deb.sh").read_text(encoding="utf-8")
    assert f'ICON_SIZES="{" ".join(map(str, ICON_SIZES))}"' in shell


def test_icon_svg_is_square() -> None:
    svg = ET.parse(RESOURCES / "icons" / "tiklive.svg").getroot()
    assert svg.get("viewBox") == "0 0 256 256"


def test_app_icon_has_every_size(qapp: object) -> None:
    from PySide6.QtCore import QSize

    from tiklive_desktop.gui.icon import app_icon

    icon = app_icon()
    assert not icon.isNull()
    assert icon.availableSizes() == [QSize(size, size) for size in ICON_SIZES]


@pytest.mark.parametrize(
    "module",
    ["QtWebEngineCore", "QtWebEngineWidgets", "Qt3DCore", "QtMultimedia", "QtQml", "QtQuick"],
)
def test_spec_excludes_heavy_qt_modules(module: str) -> None:
    assert module in spec_list("QT_UNUSED")


@pytest.mark.parametrize("module", ["PyQt5", "PyQt6", "PySide2", "tkinter"])
def test_spec_excludes_other_bindings(module: str) -> None:
    excludes = SPEC.read_text(encoding="utf-8").split("EXCLUDES = ", 1)[1].split("\ndatas", 1)[0]
    assert f'"{module}"' in excludes


def test_spec_keeps_every_qt_module_in_use() -> None:
    """A Qt module the app (or pyqtgraph, unconditionally) imports must not be excluded."""
    used = {"QtOpenGL", "QtOpenGLWidgets"}  # pyqtgraph/Qt/OpenGLHelpers.py
    for path in (ROOT / "tiklive_desktop").rglob("*.py"):
        used |= set(re.findall(r"PySide6\.(Qt\w+)", path.read_text(encoding="utf-8")))
    assert {"QtCore", "QtGui", "QtWidgets"} <= used
    assert used.isdisjoint(spec_list("QT_UNUSED"))


@pytest.mark.skipif(
    os.environ.get("TIKLIVE_PACKAGE_TEST") != "1",
    reason="installs the .deb as root: set TIKLIVE_PACKAGE_TEST=1 (make package-test)",
)
def test_installed_deb_starts_and_creates_its_database() -> None:
    result = subprocess.run(
        ["bash", str(PACKAGING / "test_deb.sh")], capture_output=True, text=True, timeout=600
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "package-test: 1 passed, 0 failed" in result.stdout

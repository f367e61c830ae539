"""core/ never imports Qt (STYLE.md principle 1): checked at run time and in the source."""

from __future__ import annotations

import ast
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

import tiklive_desktop.core

CORE = Path(tiklive_desktop.core.__file__).parent
REPO = CORE.parents[1]
BANNED = ("PySide6", "shiboken6", "PyQt5", "PyQt6", "PySide2", "pyqtgraph", "qtpy")
CORE_FILES = sorted(CORE.rglob("*.py"))

# Runs in a fresh interpreter: refuse any Qt import outright (so the traceback
# names the culprit), import every core module, then check sys.modules too.
_PROBE = textwrap.dedent(
    """
    import importlib, pkgutil, sys

    BANNED = {banned!r}

    class NoQt:
        def find_spec(self, name, path=None, target=None):
            if name.split(".")[0] in BANNED:
                raise ImportError("core imported Qt: " + name)
            return None

    sys.meta_path.insert(0, NoQt())
    import tiklive_desktop.core as core
    names = [m.name for m in pkgutil.walk_packages(core.__path__, "tiklive_desktop.core.")]
    for name in names:
        importlib.import_module(name)
    leaked = sorted(m for m in sys.modules if m.split(".")[0] in BANNED)
    assert not leaked, leaked
    print(len(names))
    """
)


def test_importing_every_core_module_loads_no_qt() -> None:
    result = subprocess.run(
        [sys.executable, "-c", _PROBE.format(banned=BANNED)],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    # The probe really imported the modules (entities, money, cashout, ...).
    assert int(result.stdout) == len([f for f in CORE_FILES if f != CORE / "__init__.py"])


def qt_imports(source: str) -> list[str]:
    """Qt modules named by import statements or import_module()/__import__() calls."""
    found: list[str] = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            found.append(node.module)
        elif isinstance(node, ast.Call) and node.args:
            func = node.func
            name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
            first = node.args[0]
            if name in ("import_module", "__import__") and isinstance(first, ast.Constant):
                found.append(str(first.value))
    return [name for name in found if name.split(".")[0] in BANNED]


@pytest.mark.parametrize("path", CORE_FILES, ids=lambda p: p.name)
def test_core_source_has_no_qt_import(path: Path) -> None:
    assert qt_imports(path.read_text(encoding="utf-8")) == []


@pytest.mark.parametrize(
    "source",
    [
        "import PySide6.QtCore",
        "from PySide6 import QtWidgets",
        "from pyqtgraph import PlotWidget",
        "def f():\n    import PyQt6",
        "import importlib\nimportlib.import_module('shiboken6')",
        "__import__('PyQt5.QtGui')",
    ],
)
def test_the_scan_catches_qt_imports(source: str) -> None:
    assert qt_imports(source)


def test_the_scan_ignores_prose_about_qt() -> None:
    assert qt_imports('"""Nothing here imports PySide6."""\nimport decimal') == []

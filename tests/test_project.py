"""Promises about the project itself: the package list, the version, the two README commands."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import tiklive_desktop

ROOT = Path(__file__).resolve().parents[1]


def test_every_package_is_listed_in_pyproject() -> None:
    """setuptools gets an explicit list (resources/ is mapped in); new packages must be on it."""
    listed = set(
        tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]["packages"]
    )
    found = {
        ".".join(init.parent.relative_to(ROOT).parts)
        for init in (ROOT / "tiklive_desktop").rglob("__init__.py")
    }
    # resources/ (mapped in) and its icons folder hold data, not modules.
    found |= {"tiklive_desktop.resources", "tiklive_desktop.resources.icons"}
    assert listed == found


def test_resources_ship_inside_the_package() -> None:
    from importlib.resources import files

    data = files("tiklive_desktop.resources")
    assert (data / "gifts.csv").read_text().startswith("name,coins")
    assert (data / "regions.csv").is_file()
    assert (data / "rates.csv").is_file()


def test_version_comes_from_one_place() -> None:
    assert re.fullmatch(r"\d+\.\d+\.\d+", tiklive_desktop.__version__)
    meta = tomllib.loads((ROOT / "pyproject.toml").read_text())
    assert "version" in meta["project"]["dynamic"]


def test_readme_quick_start_has_exactly_the_two_commands() -> None:
    readme = (ROOT / "README.md").read_text()
    quick = readme.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    block = re.search(r"```sh\n(.*?)```", quick, re.S)
    assert block is not None
    commands = [line.split("#")[0].strip() for line in block.group(1).splitlines() if line.strip()]
    assert commands == ["make run", "make test"]
    assert "make test" in (ROOT / ".ci" / "run").read_text()

"""The core never imports Textual or Rich (ARCHITECTURE.md): checked in the source and in a fresh
interpreter, package by package. The command line's modules import neither either, until
a command starts the app (the launch is imported inside the function)."""

from __future__ import annotations

import ast
import pkgutil
import subprocess
import sys
from pathlib import Path

import pytest

import ect_tui

ROOT = Path(ect_tui.__file__).parent
CORE_PACKAGES = ["script", "meeting", "store", "coaching", "export", "transfer"]
UI_LIBRARIES = ("textual", "rich")


def _modules(package: str) -> list[str]:
    found = [f"ect_tui.{package}"]
    found += [m.name for m in pkgutil.walk_packages([str(ROOT / package)], prefix=f"ect_tui.{package}.")]
    return sorted(found)


def _loads_ui_library(modules: list[str]) -> list[str]:
    code = (
        "import importlib, sys\n"
        f"for name in {modules!r}: importlib.import_module(name)\n"
        f"print(','.join(sorted(m for m in sys.modules if m.split('.')[0] in {UI_LIBRARIES!r})))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return [name for name in result.stdout.strip().split(",") if name]


@pytest.mark.parametrize("package", CORE_PACKAGES)
def test_no_core_module_names_textual_or_rich_in_an_import(package):
    offenders = []
    for file in sorted((ROOT / package).rglob("*.py")):
        for node in ast.walk(ast.parse(file.read_text(encoding="utf-8"), filename=str(file))):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0:
                names = [node.module or ""]
            else:
                continue
            offenders += [f"{file.name}: {n}" for n in names if n.split(".")[0] in UI_LIBRARIES]
    assert offenders == []


@pytest.mark.parametrize("package", [*CORE_PACKAGES, "commands"])
def test_importing_every_module_of_the_package_loads_no_textual_or_rich(package):
    modules = _modules(package)
    if package == "commands":
        modules += ["ect_tui.cli", "ect_tui.paths"]
    assert len(modules) >= 3, modules
    assert _loads_ui_library(modules) == []

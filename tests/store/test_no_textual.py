"""The store is core code: it must never import textual (ARCHITECTURE.md)."""

from __future__ import annotations

import ast
from pathlib import Path

import ect_tui.store

from .helpers import run_python

STORE_DIR = Path(ect_tui.store.__file__).parent


def test_no_module_imports_textual_in_its_source() -> None:
    offenders = []
    for file in sorted(STORE_DIR.rglob("*.py")):
        for node in ast.walk(ast.parse(file.read_text(), filename=str(file))):
            names = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0:
                names = [node.module or ""]
            offenders += [f"{file.name}: {name}" for name in names if name.split(".")[0] == "textual"]
    assert offenders == []


def test_importing_every_store_module_loads_no_textual() -> None:
    modules = sorted(
        f"ect_tui.store.{file.stem}" for file in STORE_DIR.glob("*.py") if file.stem != "__init__"
    )
    code = (
        "import importlib, sys\n"
        f"for name in {modules!r}: importlib.import_module(name)\n"
        "loaded = sorted(m for m in sys.modules if m == 'textual' or m.startswith('textual.'))\n"
        "print(loaded)\n"
    )
    result = run_python(code)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"
    assert len(modules) >= 8

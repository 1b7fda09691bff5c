"""The export package is core code: it never imports textual (ARCHITECTURE.md)."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import ect_tui.export

EXPORT_DIR = Path(ect_tui.export.__file__).parent


def test_no_export_module_mentions_textual_in_an_import():
    offenders = []
    for file in sorted(EXPORT_DIR.rglob("*.py")):
        for node in ast.walk(ast.parse(file.read_text(encoding="utf-8"), filename=str(file))):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0:
                names = [node.module or ""]
            else:
                continue
            offenders += [f"{file.name}: {n}" for n in names if n.split(".")[0] == "textual"]
    assert offenders == []


def test_importing_every_export_module_and_the_command_loads_no_textual():
    modules = sorted(f"ect_tui.export.{f.stem}" for f in EXPORT_DIR.glob("*.py") if f.stem != "__init__")
    modules.append("ect_tui.commands.export")
    code = (
        "import importlib, sys\n"
        f"for name in {modules!r}: importlib.import_module(name)\n"
        "print(sorted(m for m in sys.modules if m == 'textual' or m.startswith('textual.')))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"
    assert len(modules) >= 8

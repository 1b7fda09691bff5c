"""The core never imports Textual: checked by importing it in a fresh interpreter."""

from __future__ import annotations

import subprocess
import sys

CORE = [
    "ect_tui.paths",
    "ect_tui.script.loader",
    "ect_tui.script.catalog",
    "ect_tui.script.serialize",
    "ect_tui.meeting.transcript",
    "ect_tui.meeting.when",
    "ect_tui.store",
    "ect_tui.cli",
    "ect_tui.commands.scripts",
    "ect_tui.commands.database",
]


def test_core_modules_do_not_import_textual():
    code = (
        "import importlib, sys\n"
        f"for name in {CORE!r}: importlib.import_module(name)\n"
        "bad = sorted(m for m in sys.modules if m == 'textual' or m.startswith('textual.'))\n"
        "print(','.join(bad))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == ""

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
    "ect_tui.store.priors",
    "ect_tui.export.bundle",
    "ect_tui.export.clipboard",
    "ect_tui.export.files",
    "ect_tui.coaching.report",
    "ect_tui.coaching.steps",
    "ect_tui.coaching.practice",
    "ect_tui.export.outline",
    "ect_tui.meeting.progress",
    "ect_tui.meeting.rebalance",
    "ect_tui.cli",
    "ect_tui.commands.scripts",
    "ect_tui.commands.database",
    "ect_tui.commands.history",
    "ect_tui.commands.export",
    "ect_tui.commands.coaching",
    "ect_tui.commands.prepare",
    "ect_tui.commands.review",
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

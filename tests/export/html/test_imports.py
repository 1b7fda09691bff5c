"""The pages are core code (no Textual), and Jinja2 loads only when a page is written."""

from __future__ import annotations

import subprocess
import sys

PAGE_MODULES = [
    "ect_tui.export.html.figures",
    "ect_tui.export.html.log",
    "ect_tui.export.html.overview",
    "ect_tui.export.html.pages",
    "ect_tui.export.html.render",
    "ect_tui.meeting.movement",
    "ect_tui.coaching.strip",
]
STARTUP = ["ect_tui.cli", "ect_tui.tui.launch", "ect_tui.tui.app", "ect_tui.export.html.pages"]


def loaded(modules: list[str], prefix: str) -> list[str]:
    code = (
        "import importlib, sys\n"
        f"for name in {modules!r}: importlib.import_module(name)\n"
        f"print(','.join(sorted(m for m in sys.modules if m.split('.')[0] == {prefix!r})))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return [m for m in done.stdout.strip().split(",") if m]


def test_the_page_modules_load_no_textual():
    assert loaded(PAGE_MODULES, "textual") == []


def test_the_app_starts_without_jinja2():
    assert loaded(STARTUP, "jinja2") == []
    assert loaded(["ect_tui.export.html.render"], "jinja2") != []  # the check can see it

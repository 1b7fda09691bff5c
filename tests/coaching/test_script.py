"""The bundled coaching script, and the rule that the coaching core never imports Textual."""

from __future__ import annotations

import subprocess
import sys

from ect_tui.coaching import COACHING_KINDS, is_coaching_doc
from ect_tui.script.loader import ScriptError, load_script_text
from tests.coaching.builders import coaching_script

CORE = [
    "ect_tui.coaching",
    "ect_tui.coaching.days",
    "ect_tui.coaching.outline",
    "ect_tui.coaching.practice",
    "ect_tui.coaching.records",
    "ect_tui.coaching.report",
    "ect_tui.coaching.seed",
    "ect_tui.coaching.steps",
    "ect_tui.coaching.study",
    "ect_tui.coaching.terms",
    "ect_tui.commands.coaching",
]


def test_weekly_coaching_script():
    script = coaching_script()
    assert script.title == "Weekly instructional coaching"
    assert [s.kind for s in script.sections] == [
        "last-step",
        "drop-in",
        "praise",
        "action-step",
        "practice",
        "next",
    ]
    assert script.planned_seconds == 20 * 60
    assert {s.kind for s in script.sections} >= COACHING_KINDS
    assert [i.kind for i in script.section("next").items] == ["datetime", "datetime"]
    assert all(s.guidance for s in script.sections)


def test_coaching_docs_are_told_apart(audit_script):
    from ect_tui.meeting.clock import FakeClock
    from ect_tui.meeting.transcript import Meeting

    coaching = Meeting(coaching_script(), ect="Sam", mentor="Alex", clock=FakeClock()).to_doc()
    audit = Meeting(audit_script, ect="Sam", mentor="Alex", clock=FakeClock()).to_doc()
    assert is_coaching_doc(coaching) and not is_coaching_doc(audit)
    assert not is_coaching_doc({"sections": "junk"})


def test_coaching_kinds_need_their_content():
    text = """
id = "x"
version = 1
title = "X"
learning_intentions = ["a"]
[[sections]]
id = "p"
kind = "practice"
title = "Practice"
minutes = 5
"""
    try:
        load_script_text(text, "x.toml")
    except ScriptError as exc:
        assert "x.toml: sections[0].questions: missing (a 'practice' section needs it)" in exc.problems
    else:
        raise AssertionError("a practice section without questions should not load")


def test_coaching_core_does_not_import_textual():
    code = (
        "import importlib, sys\n"
        f"for name in {CORE!r}: importlib.import_module(name)\n"
        "bad = sorted(m for m in sys.modules if m == 'textual' or m.startswith('textual.'))\n"
        "print(','.join(bad))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == ""

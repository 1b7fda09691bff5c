"""The bundled coaching script, and how coaching documents and kinds are told apart."""

from __future__ import annotations

from ect_tui.coaching import COACHING_KINDS, is_coaching_doc
from ect_tui.script.loader import ScriptError, load_script_text
from tests.coaching.builders import coaching_script


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

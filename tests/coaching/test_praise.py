"""Praise typed without Enter: saved as a draft, counted everywhere, added as a point on leaving."""

from __future__ import annotations

from datetime import datetime

from ect_tui.coaching.outline import coaching_lines
from ect_tui.coaching.praise import add_praise, keep_draft, kept_message, praise_points, set_draft
from ect_tui.coaching.report import doc_facts
from ect_tui.meeting.clock import FakeClock
from ect_tui.meeting.transcript import Meeting
from tests.coaching.builders import coaching_script


def fresh() -> Meeting:
    return Meeting(
        coaching_script(),
        ect="Sam",
        mentor="Alex",
        clock=FakeClock(datetime(2026, 11, 24, 15, 30).astimezone()),
    )


def test_a_draft_counts_as_praise_until_it_is_kept():
    meeting = fresh()
    add_praise(meeting, "praise", "  Calm   start ")
    set_draft(meeting, "praise", "Named  the routine")
    data = meeting.record("praise").data
    assert data == {"praise": ["Calm start"], "draft": "Named  the routine"}  # the draft as typed
    assert praise_points(data) == ["Calm start", "Named the routine"]
    assert coaching_lines("praise", data) == ["Praise: Calm start", "Praise: Named the routine"]
    facts = doc_facts(meeting.to_doc())
    assert facts is not None and facts.praise == 2


def test_keeping_the_draft_adds_it_once():
    meeting = fresh()
    set_draft(meeting, "praise", "Calm start")
    assert keep_draft(meeting, "praise") == "Calm start"
    assert keep_draft(meeting, "praise") == ""
    data = meeting.record("praise").data
    assert data == {"praise": ["Calm start"], "draft": ""}
    assert praise_points(data) == ["Calm start"]
    assert kept_message("Calm start") == "Added the praise you typed: Calm start"


def test_nothing_or_spaces_typed_adds_nothing():
    meeting = fresh()
    before = meeting.revision
    assert keep_draft(meeting, "praise") == ""
    assert meeting.revision == before  # no draft ever typed: the meeting is untouched
    set_draft(meeting, "praise", "   ")
    assert keep_draft(meeting, "praise") == ""
    assert meeting.record("praise").data == {"draft": ""}
    assert coaching_lines("praise", meeting.record("praise").data) == ["(no praise recorded)"]


def test_a_damaged_draft_is_ignored():
    assert praise_points({"praise": ["Calm", 3, " "], "draft": ["not", "text"]}) == ["Calm"]
    assert praise_points(None) == []

"""A fixture meeting recorded through the real Meeting model, with hostile text in its notes."""

from __future__ import annotations

from typing import Any

import pytest

from ect_tui.meeting.clock import FakeClock
from ect_tui.meeting.transcript import Meeting
from ect_tui.script.model import Script
from ect_tui.store import Store

HOSTILE = "[bold]loud[/] \x1b[31mred\x1b[0m 🎉 naïve — “quotes” [@click=app.quit]"
LEVELS = ["emerging", "developing", "secure", "developing", "emerging"]
VIEWS = ["agree", "too-harsh", "too-kind"]


def record_meeting(script: Script, clock: FakeClock, *, ect: str = "Sam Jones", mentor: str = "Alex Smith",
                   meeting_id: str = "3f2a1b4c5d6e7f8091a2b3c4d5e6f708", private: str = "") -> Meeting:
    """A complete Module 1 Week 1 meeting: notes, all 36 ratings, focus areas, next steps."""
    meeting = Meeting(script, ect=ect, mentor=mentor, clock=clock, meeting_id=meeting_id)
    review, audit, next_steps = (s.id for s in script.sections)
    meeting.set_brought(script.preparation[0], True)
    meeting.go_to(review)
    questions = script.sections[0].questions
    meeting.set_note(review, questions[0].id, "Tuesdays 15:30 in room B12.\nSelf-study: Thursday P5.")
    meeting.set_note(review, questions[2].id, HOSTILE)
    meeting.set_note(review, questions[4].id, "A long note that goes on for a while so that it has to be wrapped "
                     "onto a second line at seventy-two columns: https://example.org/a/very/long/link/that/must/not/break")
    clock.advance(16 * 60)
    meeting.go_to(audit)
    for index, statement in enumerate(script.sections[1].statements):
        meeting.rate(audit, statement.code, LEVELS[index % len(LEVELS)])
        if index % 6 == 0:
            meeting.set_reason(audit, statement.code, f"Reason for {statement.code}: \x1b]0;title\x07see ITT file")
        if index % 4 == 0:
            meeting.set_mentor_view(audit, statement.code, VIEWS[index % 3])
    clock.advance(38 * 60)
    meeting.go_to(next_steps)
    emerging = [c for c, _, level in meeting.focus_candidates() if level == "emerging"]
    meeting.set_focus(next_steps, emerging[0], True)
    meeting.set_focus(next_steps, emerging[1], True)
    meeting.set_field(next_steps, "further-reading", "Ch. 3 of the *Summary Module Guide*")
    meeting.set_field(next_steps, "return-to-audit", "Week 4, then at the end of the module")
    meeting.set_field(next_steps, "next-meeting", "tue 15:30", iso="2026-12-01T15:30")
    clock.advance(4 * 60)
    meeting.finish()
    if private:
        plant_private(meeting, private)
    return meeting


def plant_private(meeting: Meeting, marker: str) -> None:
    """Put ``marker`` in every private field the meeting model has."""
    meeting.set_private(f"top {marker}")
    for record in meeting.sections:
        record.private = f"{record.id} {marker}"


def put(store: Store, doc: dict[str, Any]) -> None:
    store.put_meeting(doc)


@pytest.fixture
def meeting(audit_script: Script, clock: FakeClock) -> Meeting:
    return record_meeting(audit_script, clock)


@pytest.fixture
def db(tmp_path):
    with Store.open(tmp_path / "db" / "ect-tui.json") as store:
        yield store

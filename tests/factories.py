"""Build realistic stored meetings through the real model, for review and export tests."""

from __future__ import annotations

from datetime import datetime

from ect_tui.meeting.checks import ViewRefused
from ect_tui.meeting.clock import FakeClock
from ect_tui.meeting.transcript import Meeting
from ect_tui.script.model import Script

LEVELS = ("emerging", "developing", "secure")


def audit_meeting(
    script: Script,
    *,
    ect: str,
    when: datetime,
    step: int = 0,
    mentor: str = "Alex Smith",
    finish: bool = True,
) -> dict:
    """A finished audit meeting whose ratings rise by ``step`` levels over a baseline pattern."""
    clock = FakeClock(start=when.astimezone())
    meeting = Meeting(script, ect=ect, mentor=mentor, clock=clock)
    meeting.step(1)
    for question in script.sections[0].questions:
        meeting.set_note("review", question.id, f"{question.id} notes for {ect}")
    clock.advance(14 * 60)
    meeting.step(1)
    audit = script.audit_sections()[0]
    for index, statement in enumerate(audit.statements):
        base = index % 3 if index % 5 else 0
        level = LEVELS[min(2, base + step)]
        meeting.rate(audit.id, statement.code, level)
        meeting.set_reason(audit.id, statement.code, f"reason {statement.code}")
        if index % 7 == 0:
            stored_view(meeting, audit.id, statement.code, "too-harsh")
        elif index % 11 == 0:
            stored_view(meeting, audit.id, statement.code, "too-kind")
    clock.advance(41 * 60)
    meeting.step(1)
    emerging = [c for c, _t, level in meeting.focus_candidates() if level == "emerging"][:2]
    for code in emerging:
        meeting.set_focus("next-steps", code, True)
    meeting.set_field("next-steps", "further-reading", "Behaviour chapter")
    meeting.set_field("next-steps", "next-meeting", "tue 15:30", "2026-12-01T15:30")
    clock.advance(5 * 60)
    if finish:
        meeting.finish()
    return meeting.to_doc()


def stored_view(meeting: Meeting, section_id: str, code: str, view: str) -> None:
    """A mentor's view as stored, including the ones the app now refuses (maybe too harsh on
    Secure), which meetings recorded by earlier versions hold and every reader must still show."""
    try:
        meeting.set_mentor_view(section_id, code, view)
    except ViewRefused:
        rating = meeting.record(section_id).rating(code)
        meeting.put_marks(section_id, code, rating.level, view, rating.agreed)

"""A fixture meeting recorded through the real Meeting model, with hostile text in its notes."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import pytest

from ect_tui.meeting.clock import FakeClock
from ect_tui.meeting.transcript import Meeting
from ect_tui.script.model import Script
from ect_tui.store import Store
from tests.factories import stored_view

HOSTILE = "[bold]loud[/] \x1b[31mred\x1b[0m 🎉 naïve — “quotes” [@click=app.quit]"
LEVELS = ["emerging", "developing", "secure", "developing", "emerging"]
VIEWS = ["agree", "too-harsh", "too-kind"]


def record_meeting(
    script: Script,
    clock: FakeClock,
    *,
    ect: str = "Sam Jones",
    mentor: str = "Alex Smith",
    meeting_id: str = "3f2a1b4c5d6e7f8091a2b3c4d5e6f708",
    private: str = "",
) -> Meeting:
    """A complete Module 1 Week 1 meeting: notes, all 36 ratings, focus areas, next steps."""
    meeting = Meeting(script, ect=ect, mentor=mentor, clock=clock, meeting_id=meeting_id)
    review, audit, next_steps = (s.id for s in script.sections)
    meeting.set_brought(script.preparation[0], True)
    meeting.go_to(review)
    questions = script.sections[0].questions
    meeting.set_note(review, questions[0].id, "Tuesdays 15:30 in room B12.\nSelf-study: Thursday P5.")
    meeting.set_note(review, questions[2].id, HOSTILE)
    meeting.set_note(
        review,
        questions[4].id,
        "A long note that goes on for a while so that it has to be wrapped "
        "onto a second line at seventy-two columns: https://example.org/a/very/long/link/that/must/not/break",
    )
    clock.advance(16 * 60)
    meeting.go_to(audit)
    for index, statement in enumerate(script.sections[1].statements):
        meeting.rate(audit, statement.code, LEVELS[index % len(LEVELS)])
        if index % 6 == 0:
            meeting.set_reason(
                audit, statement.code, f"Reason for {statement.code}: \x1b]0;title\x07see ITT file"
            )
        if index % 4 == 0:
            stored_view(meeting, audit, statement.code, VIEWS[index % 3])
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


def record_coaching_meeting(script: Script, *, private: str = "") -> Meeting:
    """A complete weekly coaching meeting (Tue 24 Nov 2026) that follows last week's (Tue 17 Nov).

    Last week's step is reviewed as met with evidence, a new step is set with its success
    criteria and ECF code, two praise points, a timed drop-in, four practice rounds, both
    next dates, and hostile text in a note: everything the coaching email should say, in words.
    """
    from ect_tui.coaching.practice import PracticeRun
    from ect_tui.coaching.steps import seed_meeting, set_review, update_new_step

    last_week = Meeting(
        script,
        ect="Sam Jones",
        mentor="Alex Smith",
        meeting_id="1a1a1a1a",
        clock=FakeClock(datetime(2026, 11, 17, 15, 30).astimezone()),
    )
    last_week.go_to("action-step")
    update_new_step(last_week, "Count down from 3 before every transition", "Silent by 0, every time", "7h")
    last_week.finish()

    clock = FakeClock()  # Tue 24 Nov 2026, 15:30
    meeting = Meeting(
        script,
        ect="Sam Jones",
        mentor="Alex Smith",
        clock=clock,
        meeting_id="c0c0c0c0d1d2d3d4e5e6f7f8a9b0c1d2",
    )
    seed_meeting(meeting, [last_week.to_doc()])
    meeting.set_brought(script.preparation[0], True)
    meeting.go_to("last-step")
    set_review(meeting, "met")
    meeting.set_data(
        "last-step",
        "evidence",
        "In the drop-in all three transitions were silent by 0.\n"
        "Sam says 9R now start the countdown themselves.",
    )
    meeting.set_note(
        "last-step", "how-it-went", "Easier with 9R than 8T; writing the 3-2-1 on the board helped."
    )
    clock.advance(3 * 60)
    meeting.go_to("drop-in")
    meeting.set_data("drop-in", "date_text", "thu")
    meeting.set_data("drop-in", "date", "2026-11-19")
    meeting.set_data("drop-in", "visit_seconds", 12 * 60 + 30)  # as the visit timer records it
    meeting.set_note("drop-in", "seen", "Cold calling in the starter: " + HOSTILE)
    clock.advance(3 * 60)
    meeting.go_to("praise")
    meeting.set_data(
        "praise",
        "praise",
        [
            "You waited for silence before giving instructions, and every pupil was ready to start.",
            "Your model answer on the board made the success criteria visible.",
        ],
    )
    clock.advance(2 * 60)
    meeting.go_to("action-step")
    meeting.set_note(
        "action-step", "feedback", "Three pupils answered every question; most of the class never did."
    )
    update_new_step(
        meeting,
        "Say the pupil's name after the question, not before",
        "Every pupil answers at least once",
        "S5 5d",
    )
    clock.advance(4 * 60)
    meeting.go_to("practice")
    meeting.set_note("practice", "scenario", "Period 2 starter with 9R, questions on the board.")
    run = PracticeRun(meeting, "practice")
    for seconds in (60, 45, 30, 50):  # model, rehearse, feedback, rehearse again
        run.toggle()
        clock.advance(seconds)
        run.toggle()
    clock.advance(2 * 60)
    meeting.go_to("next")
    meeting.set_field("next", "next-drop-in", "thu 10:00", iso="2026-11-26T10:00")
    meeting.set_field("next", "next-coaching", "tue 15:30", iso="2026-12-01T15:30")
    clock.advance(60)
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


@pytest.fixture(scope="session")
def coaching_script() -> Script:
    from ect_tui.script.catalog import bundled_scripts

    return next(s for s in bundled_scripts() if s.id == "weekly-coaching")


@pytest.fixture
def coaching(coaching_script: Script) -> Meeting:
    return record_coaching_meeting(coaching_script)


@pytest.fixture
def db(tmp_path):
    with Store.open(tmp_path / "db" / "ect-tui.json") as store:
        yield store

"""Action steps: one at a time, open until met, history replayed from the meeting documents."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from ect_tui.coaching.steps import (
    MET,
    OPEN,
    REPLACED,
    carried_step,
    check_step_text,
    new_step_refusal,
    open_step,
    parse_ecf_code,
    replacing,
    seed_meeting,
    set_replacing,
    set_review,
    step_history,
    update_new_step,
)
from ect_tui.meeting.clock import FakeClock
from ect_tui.meeting.transcript import Meeting
from tests.coaching.builders import coaching_meeting, coaching_script

ROUTINE = ("Count down from 3 before every transition", "All pupils silent by 0", "7h")
NAMES = ("Say each pupil's name before a question", "Every pupil answers once", "1c")


def fresh(before=(), when=datetime(2026, 11, 24, 15, 30)):
    meeting = Meeting(
        coaching_script(), ect="Sam Jones", mentor="Alex Smith", clock=FakeClock(when.astimezone())
    )
    seed_meeting(meeting, list(before))
    return meeting


@pytest.mark.parametrize(
    "typed, code, reference",
    [
        ("7h", "7h", "S7 learn-how 7h"),
        ("7H", "7h", "S7 learn-how 7h"),
        ("S7 7h", "7h", "S7 learn-how 7h"),
        ("S7 learn-how 7h", "7h", "S7 learn-how 7h"),
        ("ECF 1.3", "1.3", "S1 learn-that 1.3"),
        ("standard 7 learn that 7.2", "7.2", "S7 learn-that 7.2"),
        ("  8.10 ", "8.10", "S8 learn-that 8.10"),
    ],
)
def test_ecf_codes(typed, code, reference):
    parsed = parse_ecf_code(typed)
    assert parsed.code == code and parsed.reference == reference


@pytest.mark.parametrize(
    "typed, message",
    [
        ("", "Tag the step with the statement code"),
        ("routines", "is not a statement code"),
        ("9a", "is not a statement code"),
        ("S1 7h", "names Standard 1 but the code 7h is Standard 7"),
        ("learn that 7h", "7h is a 'learn how to' code"),
        ("learn how 7.2", "7.2 is a 'learn that' code"),
        ("7h please", "is not a statement code"),
    ],
)
def test_bad_ecf_codes(typed, message):
    with pytest.raises(ValueError, match=message):
        parse_ecf_code(typed)


def test_step_wording_checks():
    assert check_step_text("Count down from 3 before transitions") == []
    assert "One action step at a time" in check_step_text("1. Count down 2. Wait for silence")[0]
    assert "One action step at a time" in check_step_text("Count down; wait for silence")[0]
    long = " ".join(["word"] * 31)
    assert "bite-sized" in check_step_text(long)[0]


def test_first_meeting_has_no_open_step():
    meeting = fresh()
    assert carried_step(meeting) is None
    assert meeting.record("last-step").data.get("step") is None
    assert new_step_refusal(meeting) is None
    check = update_new_step(meeting, *ROUTINE)
    assert check.recorded and check.errors == () and check.reference == "S7 learn-how 7h"
    step = meeting.record("action-step").data["step"]
    assert step["text"] == ROUTINE[0] and step["success"] == ROUTINE[1] and step["code"] == "7h"
    # Typing on keeps the same id.
    update_new_step(meeting, ROUTINE[0] + "!", ROUTINE[1], "7h")
    assert meeting.record("action-step").data["step"]["id"] == step["id"]


def test_missing_parts_are_named_but_recorded():
    meeting = fresh()
    check = update_new_step(meeting, "Count down", "", "")
    assert check.recorded
    assert any("statement code" in e for e in check.errors)
    assert any("what success looks like" in e for e in check.errors)
    cleared = update_new_step(meeting, "", "", "")
    assert not cleared.recorded and meeting.record("action-step").data["step"] is None


def test_next_meeting_starts_from_the_open_step():
    first = coaching_meeting(ect="Sam Jones", when=datetime(2026, 11, 17, 15), step=ROUTINE)
    meeting = fresh([first])
    carried = carried_step(meeting)
    assert carried["text"] == ROUTINE[0] and carried["set_on"] == "2026-11-17" and carried["code"] == "7h"
    assert meeting.record("last-step").data["step_id"] == carried["id"]


def test_a_new_step_is_refused_while_the_old_one_is_open():
    first = coaching_meeting(ect="Sam Jones", when=datetime(2026, 11, 17, 15), step=ROUTINE)
    meeting = fresh([first])
    refusal = new_step_refusal(meeting)
    assert refusal and "still open (not reviewed yet)" in refusal and "F2" in refusal
    check = update_new_step(meeting, *NAMES)
    assert not check.recorded and check.errors == (refusal,)
    assert meeting.record("action-step").data.get("step") is None

    set_review(meeting, "partly")
    assert "marked partly" in new_step_refusal(meeting)

    # Marked met: the new step is allowed.
    message = set_review(meeting, "met")
    assert "closed" in message
    assert new_step_refusal(meeting) is None
    assert update_new_step(meeting, *NAMES).recorded


def test_replacing_the_open_step():
    first = coaching_meeting(ect="Sam Jones", when=datetime(2026, 11, 17, 15), step=ROUTINE)
    meeting = fresh([first])
    set_review(meeting, "not-yet")
    assert set_replacing(meeting, True) and replacing(meeting)
    assert update_new_step(meeting, *NAMES).recorded
    set_replacing(meeting, False)
    assert not update_new_step(meeting, *NAMES).recorded


def test_unmarking_met_after_a_new_step_replaces_the_old():
    first = coaching_meeting(ect="Sam Jones", when=datetime(2026, 11, 17, 15), step=ROUTINE)
    meeting = fresh([first])
    set_review(meeting, "met")
    update_new_step(meeting, *NAMES)
    message = set_review(meeting, "partly")
    assert "replaces it" in message and replacing(meeting)


def test_history_lifecycle():
    d1 = coaching_meeting(ect="Sam Jones", when=datetime(2026, 11, 3, 15), step=ROUTINE)
    d2 = coaching_meeting(ect="Sam Jones", when=datetime(2026, 11, 10, 15), before=[d1], review="partly")
    d3 = coaching_meeting(
        ect="Sam Jones",
        when=datetime(2026, 11, 17, 15),
        before=[d1, d2],
        review="met",
        evidence="saw it",
        step=NAMES,
    )
    d4 = coaching_meeting(
        ect="Sam Jones",
        when=datetime(2026, 11, 24, 15),
        before=[d1, d2, d3],
        review="not-yet",
        replace=True,
        step=("Stand at the door to greet", "Calm entry", "7c"),
    )
    steps = step_history([d4, d2, d1, d3])  # any order in, oldest first out
    assert [s.text for s in steps] == [ROUTINE[0], NAMES[0], "Stand at the door to greet"]
    first, second, third = steps
    assert first.outcome == MET and first.closed_on == date(2026, 11, 17)
    assert [r.status for r in first.reviews] == ["partly", "met"]
    assert first.days_open(date(2026, 12, 1)) == 14
    assert second.outcome == REPLACED and second.closed_on == date(2026, 11, 24)
    assert third.outcome == OPEN and open_step(steps) is third
    assert third.days_open(date(2026, 12, 1)) == 7
    # Seeding skips the meeting that is starting and anything after its day.
    assert open_step(step_history([d1, d2, d3, d4], exclude=d4["id"])) is not None
    assert open_step(step_history([d1, d2, d3, d4], until=date(2026, 11, 20))).text == NAMES[0]


def test_a_second_open_step_from_elsewhere_supersedes_the_first():
    # Two mentors' records merged: a step set while another was still open and never replaced.
    d1 = coaching_meeting(ect="Sam Jones", when=datetime(2026, 11, 3, 15), step=ROUTINE)
    d2 = coaching_meeting(ect="Sam Jones", when=datetime(2026, 11, 10, 15), step=NAMES, mentor="Jo Other")
    steps = step_history([d1, d2])
    assert [s.outcome for s in steps] == [REPLACED, OPEN]
    assert steps[1].mentor == "Jo Other"


def test_damaged_documents_are_skipped():
    good = coaching_meeting(ect="Sam Jones", when=datetime(2026, 11, 3, 15), step=ROUTINE)
    junk = [
        {"id": "x1", "started": "not a date", "sections": []},
        {
            "id": "x2",
            "started": "2026-11-04T10:00:00",
            "sections": [{"kind": "action-step", "data": {"step": "text"}}],
        },
        {
            "id": "x3",
            "started": "2026-11-05T10:00:00",
            "sections": [{"kind": "action-step", "data": {"step": {"id": "a", "text": "  "}}}],
        },
        {"id": "x4", "started": "2026-11-05T10:00:00", "sections": "nope"},
    ]
    assert [s.text for s in step_history([good, *junk])] == [ROUTINE[0]]

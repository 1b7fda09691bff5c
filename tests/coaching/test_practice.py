"""Practice rounds and the drop-in visit timer, on a fake clock."""

from __future__ import annotations

import pytest

from ect_tui.coaching.practice import PracticeRun, Stopwatch, VisitTimer, next_phase, tally, visit_note
from ect_tui.meeting.clock import FakeClock
from ect_tui.meeting.transcript import Meeting
from tests.coaching.builders import coaching_script


def meeting_on(clock: FakeClock) -> Meeting:
    return Meeting(coaching_script(), ect="Sam Jones", mentor="Alex Smith", clock=clock)


def test_phase_order():
    assert [next_phase(p) for p in ("model", "rehearse", "feedback", "rehearse-again")] == [
        "rehearse",
        "feedback",
        "rehearse-again",
        "feedback",
    ]
    assert next_phase("junk") == "model"


def test_stopwatch():
    clock = FakeClock()
    watch = Stopwatch(clock)
    watch.start()
    clock.advance(12.4)
    assert watch.running and watch.elapsed == pytest.approx(12.4)
    assert watch.stop() == pytest.approx(12.4) and not watch.running
    clock.advance(100)
    assert watch.elapsed == pytest.approx(12.4)


def test_rounds_are_timed_counted_and_stored():
    clock = FakeClock()
    meeting = meeting_on(clock)
    run = PracticeRun(meeting, "practice")
    assert run.phase == "model" and run.stop() is None
    for seconds in (45, 70, 30, 65):
        run.toggle()
        clock.advance(seconds)
        run.toggle()
    data = meeting.record("practice").data
    assert data["rounds"] == [
        {"number": 1, "phase": "model", "seconds": 45},
        {"number": 2, "phase": "rehearse", "seconds": 70},
        {"number": 3, "phase": "feedback", "seconds": 30},
        {"number": 4, "phase": "rehearse-again", "seconds": 65},
    ]
    assert data["phase"] == "feedback"
    assert tally(data["rounds"]) == tally(run.rounds)
    t = tally(run.rounds)
    assert (t.rounds, t.rehearsals, t.seconds) == (4, 2, 210)


def test_next_phase_while_running_laps():
    clock = FakeClock()
    meeting = meeting_on(clock)
    run = PracticeRun(meeting, "practice")
    run.advance()  # skip modelling
    assert run.phase == "rehearse"
    run.toggle()
    clock.advance(50)
    done = run.advance()  # record the rehearsal, start feedback straight away
    assert done == {"number": 1, "phase": "rehearse", "seconds": 50}
    assert run.running and run.phase == "feedback"
    clock.advance(20)
    run.toggle()
    assert [r["seconds"] for r in run.rounds] == [50, 20]
    run.remove(1)
    assert run.rounds == [{"number": 1, "phase": "feedback", "seconds": 20}]


def test_visit_timer_adds_up():
    clock = FakeClock()
    meeting = meeting_on(clock)
    timer = VisitTimer(meeting, "drop-in")
    timer.toggle()
    clock.advance(5 * 60)
    assert timer.elapsed == 300 and "visit_seconds" not in meeting.record("drop-in").data
    timer.toggle()
    assert meeting.record("drop-in").data["visit_seconds"] == 300
    timer.toggle()
    clock.advance(7 * 60)
    timer.stop()
    assert meeting.record("drop-in").data["visit_seconds"] == 720
    assert visit_note(300) == "aim 10-15 min"
    assert visit_note(720) == "within 10-15 min"
    assert visit_note(1000) == "longer than the 10-15 min aim"


def test_coaching_lines_for_the_read_through():
    from datetime import datetime

    from ect_tui.coaching.outline import coaching_lines
    from tests.coaching.builders import STEP_A, coaching_meeting

    first = coaching_meeting(
        ect="Sam", when=datetime(2026, 11, 17, 15), step=STEP_A, praise=["Calm start"], rounds=2
    )
    second = coaching_meeting(
        ect="Sam", when=datetime(2026, 11, 24, 15), before=[first], review="met", evidence="saw it"
    )
    by_kind = {s["kind"]: s["data"] for s in second["sections"]}
    assert coaching_lines("last-step", by_kind["last-step"]) == [
        f"Last week's step: {STEP_A[0]}",
        "  Met",
        "  How we know: saw it",
    ]
    # Each outcome said in full, not the bare "Partly" / "Not yet" of the keys that set it.
    for review, said in (("partly", "Partly met"), ("not-yet", "Not met yet")):
        again = coaching_meeting(
            ect="Sam",
            when=datetime(2026, 11, 24, 15),
            before=[first],
            review=review,
            evidence="two of three transitions",
        )
        data = {s["kind"]: s["data"] for s in again["sections"]}["last-step"]
        assert coaching_lines("last-step", data) == [
            f"Last week's step: {STEP_A[0]}",
            f"  {said}",
            "  How we know: two of three transitions",
        ]
    assert coaching_lines("last-step", {**by_kind["last-step"], "status": None})[1] == "  (not reviewed)"
    assert coaching_lines("action-step", by_kind["action-step"]) == ["No new step: last week's carries on."]
    first_kinds = {s["kind"]: s["data"] for s in first["sections"]}
    assert coaching_lines("praise", first_kinds["praise"]) == ["Praise: Calm start"]
    assert coaching_lines("action-step", first_kinds["action-step"])[:3] == [
        f"Action step: {STEP_A[0]}",
        f"  Success looks like: {STEP_A[1]}",
        "  Builds towards: statement 7h",  # no framework given: the code alone
    ]
    from ect_tui.script.catalog import bundled_banks

    with_bank = coaching_lines("action-step", first_kinds["action-step"], bundled_banks()["ittecf-2024"])
    assert with_bank[2] == (
        "  Builds towards: Design routines in line with the school's ethos that make the most of learning "
        "time, and teach them explicitly, e.g. for transitions (ITTECF 7h)"
    )
    assert coaching_lines("practice", first_kinds["practice"])[0] == "Practice: 2 rounds, 1 rehearsal, 1 min"
    assert coaching_lines("last-step", first_kinds["last-step"]) == ["No action step was open."]
    assert coaching_lines("discussion", {}) == []

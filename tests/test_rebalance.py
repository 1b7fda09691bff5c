"""The whole meeting on one clock: overruns shrink what is still to come, pinned sections keep their minutes."""

from __future__ import annotations

import pytest

from ect_tui.meeting.rebalance import shrink_upcoming
from ect_tui.meeting.transcript import Meeting

MIN = 60


def test_shares_what_is_left_in_proportion():
    # 60 min planned; 20 used by a 15-min section: 40 left for 40 + 5 planned
    assert shrink_upcoming(60 * MIN, 20 * MIN, [(40 * MIN, False), (5 * MIN, False)]) == pytest.approx(
        [40 * MIN * 40 / 45, 5 * MIN * 40 / 45]
    )


def test_pinned_sections_keep_their_minutes():
    assert shrink_upcoming(60 * MIN, 20 * MIN, [(40 * MIN, False), (5 * MIN, True)]) == [35 * MIN, 5 * MIN]


def test_never_grows_and_never_goes_below_zero():
    assert shrink_upcoming(60 * MIN, 5 * MIN, [(40 * MIN, False)]) == [40 * MIN]
    assert shrink_upcoming(60 * MIN, 70 * MIN, [(40 * MIN, False), (5 * MIN, False)]) == [0, 0]
    assert shrink_upcoming(60 * MIN, 58 * MIN, [(5 * MIN, True)]) == [5 * MIN]


def meeting(script, clock) -> Meeting:
    return Meeting(script, ect="Sam", mentor="Alex", clock=clock)


def test_an_overrun_shrinks_the_next_sections(audit_script, clock):
    m = meeting(audit_script, clock)
    m.go_to("review")
    clock.advance(20 * MIN)
    assert m.upcoming_budgets() == pytest.approx(
        {"audit": 40 * MIN * 40 / 45, "next-steps": 5 * MIN * 40 / 45}
    )
    m.go_to("audit")
    assert m.record("audit").countdown.budget_seconds == round(40 * MIN * 40 / 45)
    clock.advance(m.record("audit").countdown.budget_seconds)
    m.go_to("next-steps")
    assert m.record("next-steps").countdown.budget_seconds == pytest.approx(5 * MIN * 40 / 45, abs=1)
    clock.advance(m.record("next-steps").countdown.budget_seconds)
    assert m.schedule().elapsed_total == pytest.approx(60 * MIN, abs=2)


def test_a_pinned_section_keeps_its_minutes(audit_script, clock):
    m = meeting(audit_script, clock)
    m.toggle_pin("next-steps")
    m.go_to("review")
    clock.advance(20 * MIN)
    m.go_to("audit")
    assert m.record("audit").countdown.budget_seconds == 35 * MIN
    clock.advance(35 * MIN)
    m.go_to("next-steps")
    assert m.record("next-steps").countdown.budget_seconds == 5 * MIN


def test_overtime_in_the_last_section_only_shows_as_overtime(audit_script, clock):
    m = meeting(audit_script, clock)
    for section, minutes in (("review", 15), ("audit", 40), ("next-steps", 9)):
        m.go_to(section)
        clock.advance(minutes * MIN)
    last = m.record("next-steps").countdown
    assert last.budget_seconds == 5 * MIN and last.overtime == 4 * MIN
    assert m.upcoming_budgets() == {}
    assert m.schedule().drift == 4 * MIN


def test_a_meeting_started_late_shrinks_every_section(audit_script, clock):
    m = meeting(audit_script, clock)
    clock.advance(12 * MIN)  # still on the briefing: the hour has started
    m.go_to("review")
    assert m.record("review").countdown.budget_seconds == 15 * MIN * 48 / 60
    assert m.upcoming_budgets() == pytest.approx({"audit": 32 * MIN, "next-steps": 4 * MIN})


def test_turned_off_keeps_the_plan(audit_script, clock):
    m = meeting(audit_script, clock)
    m.set_rebalance(False)
    clock.advance(12 * MIN)
    m.go_to("review")
    clock.advance(30 * MIN)
    m.go_to("audit")
    assert m.record("review").countdown.budget_seconds == 15 * MIN
    assert m.record("audit").countdown.budget_seconds == 40 * MIN


def test_rebalancing_state_survives_a_save(audit_script, clock):
    m = meeting(audit_script, clock)
    clock.advance(6 * MIN)
    m.toggle_pin("audit")
    m.go_to("review")
    doc = m.to_doc()
    restored = Meeting.from_doc(doc, audit_script, clock)
    assert restored.untimed.elapsed == 6 * MIN
    assert restored.record("audit").pinned
    assert restored.to_doc() == doc

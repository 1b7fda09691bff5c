"""The meeting record: navigation, timings, ratings and the stored document."""

from __future__ import annotations

import json

import pytest

from ect_tui.meeting.transcript import BRIEFING, COMPLETE, SUMMARY, Meeting, TranscriptError, timings


def new_meeting(script, clock) -> Meeting:
    return Meeting(script, ect="Sam Jones", mentor="Alex Smith", clock=clock, meeting_id="m1")


def test_empty_names_are_refused(audit_script, clock):
    with pytest.raises(ValueError, match="ECT's name is empty"):
        Meeting(audit_script, ect="  ", mentor="Alex", clock=clock)
    with pytest.raises(ValueError, match="mentor's name is empty"):
        Meeting(audit_script, ect="Sam", mentor="", clock=clock)


def test_only_the_current_section_is_timed(audit_script, clock):
    meeting = new_meeting(audit_script, clock)
    assert meeting.position == BRIEFING
    clock.advance(120)  # briefing is not timed
    meeting.step(1)
    clock.advance(600)
    meeting.step(1)
    clock.advance(1800)
    meeting.go_to("review")  # back to add a note
    clock.advance(60)
    review, audit, next_steps = meeting.sections
    assert review.countdown.elapsed == 660
    assert audit.countdown.elapsed == 1800
    assert next_steps.countdown.elapsed == 0
    assert [t.actual for t in timings(meeting)] == [660, 1800, 0]


def test_schedule_reports_drift_and_what_is_left(audit_script, clock):
    meeting = new_meeting(audit_script, clock)
    meeting.set_rebalance(False)
    meeting.step(1)
    clock.advance(20 * 60)  # review overran by 5 minutes
    meeting.step(1)
    clock.advance(10 * 60)
    schedule = meeting.schedule()
    assert schedule.planned_total == 3600
    assert schedule.elapsed_total == 1800
    assert schedule.drift == 300
    assert schedule.upcoming_planned == 300
    # 60 min - 30 used - 30 still on the audit's clock leaves nothing for next steps
    assert schedule.upcoming_available == 0
    clock.advance(35 * 60)  # audit now 5 minutes over too
    assert meeting.schedule().drift == 600


def test_ratings_reasons_views_and_counts(audit_script, clock):
    meeting = new_meeting(audit_script, clock)
    meeting.rate("audit", "1.1", "emerging")
    meeting.rate("audit", "1.2", "developing")
    meeting.rate("audit", "7o", "emerging")
    meeting.set_reason("audit", "1.1", "No [bold]examples[/] yet")
    meeting.set_mentor_view("audit", "1.1", "too-harsh")
    assert meeting.rating_counts("audit") == {"emerging": 2, "developing": 1}
    assert meeting.rated_count("audit") == 3
    assert meeting.record("audit").rating("1.1").reason == "No [bold]examples[/] yet"
    with pytest.raises(KeyError):
        meeting.rate("audit", "1.1", "brilliant")
    with pytest.raises(KeyError):
        meeting.rate("audit", "9.9", "secure")


def test_focus_candidates_put_emerging_first(audit_script, clock):
    meeting = new_meeting(audit_script, clock)
    meeting.rate("audit", "7b", "developing")
    meeting.rate("audit", "1.3", "emerging")
    meeting.rate("audit", "7o", "emerging")
    meeting.rate("audit", "1.1", "secure")
    codes = [code for code, _text, _level in meeting.focus_candidates()]
    assert codes[:4] == ["1.3", "7o", "7b", "1.1"]
    assert len(codes) == 36


def test_focus_keeps_the_order_chosen(audit_script, clock):
    meeting = new_meeting(audit_script, clock)
    meeting.set_focus("next-steps", "7o", True)
    meeting.set_focus("next-steps", "1.3", True)
    meeting.set_focus("next-steps", "7o", True)
    assert meeting.record("next-steps").focus == ["7o", "1.3"]
    meeting.set_focus("next-steps", "7o", False)
    assert meeting.record("next-steps").focus == ["1.3"]


def test_revision_only_moves_on_real_changes(audit_script, clock):
    meeting = new_meeting(audit_script, clock)
    meeting.set_note("review", "where-when", "Tuesdays")
    revision = meeting.revision
    meeting.set_note("review", "where-when", "Tuesdays")
    meeting.set_reason("audit", "1.1", "")
    assert meeting.revision == revision


def test_finish_stops_the_clocks(audit_script, clock):
    meeting = new_meeting(audit_script, clock)
    meeting.step(1)
    clock.advance(100)
    meeting.finish()
    finished_at = clock.now()
    clock.advance(100)
    assert meeting.status == COMPLETE and meeting.position == SUMMARY
    assert meeting.duration() == 100
    assert meeting.ended == finished_at


def test_document_round_trip_restores_everything(audit_script, clock):
    meeting = new_meeting(audit_script, clock)
    meeting.set_brought(audit_script.preparation[0], True)
    meeting.step(1)
    meeting.set_note("review", "where-when", "Tuesdays \x1b[31m after school 🙂")
    meeting.extend(1)
    clock.advance(90)
    meeting.go_to("audit")
    clock.advance(30)
    meeting.rate("audit", "1.1", "emerging")
    meeting.set_reason("audit", "1.1", "[@click=app.quit]")
    meeting.set_mentor_view("audit", "1.1", "too-harsh")
    meeting.set_focus("next-steps", "1.1", True)
    meeting.set_field("next-steps", "next-meeting", "tue 15:30", "2026-12-01T15:30")
    doc = meeting.to_doc()
    assert json.loads(json.dumps(doc)) == doc

    clock.advance(5000)  # the laptop was off: that time is not counted
    restored = Meeting.from_doc(doc, audit_script, clock)
    assert restored.to_doc() == doc
    assert restored.current.countdown.running
    clock.advance(10)
    assert restored.record("audit").countdown.elapsed == 40
    assert restored.record("review").countdown.remaining == 15 * 60 + 60 - 90


def test_stored_document_shape(audit_script, clock):
    doc = new_meeting(audit_script, clock).to_doc()
    assert doc["schema"] == 1 and doc["kind"] == "meeting" and doc["status"] == "in-progress"
    assert doc["script"]["id"] == "m1w1-module-audit"
    assert [s["id"] for s in doc["sections"]] == ["review", "audit", "next-steps"]
    assert [s["planned_seconds"] for s in doc["sections"]] == [900, 2400, 300]


def test_document_from_another_script_is_refused(audit_script, clock):
    doc = new_meeting(audit_script, clock).to_doc()
    doc["script"]["id"] = "other"
    with pytest.raises(TranscriptError):
        Meeting.from_doc(doc, audit_script, clock)


def test_peeking_ahead_and_going_back_does_not_count_as_time_saved(audit_script, clock):
    meeting = new_meeting(audit_script, clock)
    meeting.set_rebalance(False)
    meeting.step(1)  # review
    clock.advance(5 * 60)
    meeting.step(1)  # a look at the audit
    clock.advance(30)
    meeting.step(-1)  # back to the review
    schedule = meeting.schedule()
    assert schedule.drift == 0  # not "39 minutes ahead"
    assert schedule.upcoming_planned == (40 + 5) * 60 - 30
    meeting.step(1)
    meeting.step(1)  # on to next steps: the audit now counts as done, far under its plan
    assert meeting.schedule().drift == (5 * 60 - 15 * 60) + (30 - 40 * 60)

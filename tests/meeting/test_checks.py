"""Views that make sense, what is missing before finishing, and where an audit opens."""

from __future__ import annotations

import pytest

from ect_tui.meeting.checks import (
    ViewRefused,
    finishing_gaps,
    landing_statement,
    needs_agreement,
    next_after,
    view_refusal,
)
from ect_tui.meeting.transcript import Meeting


def new_meeting(script, clock) -> Meeting:
    return Meeting(script, ect="Sam Jones", mentor="Alex Smith", clock=clock, meeting_id="m1")


def test_too_harsh_on_the_top_level_and_too_kind_on_the_first_are_refused(audit_script, clock):
    levels = audit_script.audit_sections()[0].levels
    assert (
        view_refusal(levels, "secure", "too-harsh") == "Secure is the top level, so it cannot be too harsh."
    )
    assert view_refusal(levels, "emerging", "too-kind") == (
        "Emerging is the first level, so it cannot be too kind."
    )
    for level in ("emerging", "developing", "secure"):
        assert view_refusal(levels, level, "agree") is None
    assert view_refusal(levels, "developing", "too-harsh") is None
    assert view_refusal(levels, "developing", "too-kind") is None

    meeting = new_meeting(audit_script, clock)
    meeting.rate("audit", "1.1", "emerging")
    with pytest.raises(ViewRefused, match="cannot be too kind"):
        meeting.set_mentor_view("audit", "1.1", "too-kind")
    assert meeting.record("audit").rating("1.1").mentor_view is None


def test_re_rating_to_the_top_level_drops_a_view_that_no_longer_makes_sense(audit_script, clock):
    meeting = new_meeting(audit_script, clock)
    meeting.rate("audit", "1.1", "developing")
    meeting.set_mentor_view("audit", "1.1", "too-harsh")
    meeting.rate("audit", "1.1", "secure")
    assert meeting.record("audit").rating("1.1").mentor_view is None
    meeting.set_mentor_view("audit", "1.1", "too-kind")
    meeting.rate("audit", "1.1", "developing")  # still makes sense: kept
    assert meeting.record("audit").rating("1.1").mentor_view == "too-kind"


def test_finishing_lists_what_is_missing_and_where(audit_script, clock):
    meeting = new_meeting(audit_script, clock)
    gaps = finishing_gaps(meeting)
    assert [(g.text, g.position) for g in gaps] == [
        ("36 of 36 statements not rated", "audit"),
        ("no focus areas chosen", "next-steps"),
        ("no date for: " + audit_script.section("next-steps").items[-1].text.rstrip(".?"), "next-steps"),
    ]
    for statement in audit_script.section("audit").statements:
        meeting.rate("audit", statement.code, "developing")
    meeting.set_focus("next-steps", "1.1", True)
    meeting.set_field("next-steps", "next-meeting", "tue 15:30")  # typed but not read as a date
    assert [g.position for g in finishing_gaps(meeting)] == ["next-steps"]
    meeting.set_field("next-steps", "next-meeting", "tue 15:30", "2026-12-01T15:30")
    assert finishing_gaps(meeting) == []


def test_the_audit_opens_where_the_mentor_was_else_at_the_first_unrated(audit_script, clock):
    meeting = new_meeting(audit_script, clock)
    assert landing_statement(meeting, "audit") == "1.1"
    meeting.rate("audit", "1.1", "emerging")
    meeting.rate("audit", "1.2", "emerging")
    assert landing_statement(meeting, "audit") == "1.3"
    meeting.set_cursor("audit", code="7.2", field="reason")
    assert landing_statement(meeting, "audit") == "7.2"
    again = Meeting.from_doc(meeting.to_doc(), audit_script, clock)
    assert again.cursor("audit") == {"code": "7.2", "field": "reason"}
    assert landing_statement(again, "audit") == "7.2"
    meeting.set_cursor("audit", code="no-such-code")
    assert landing_statement(meeting, "audit") == "1.3"


def test_jump_targets_wrap_round_in_script_order(audit_script, clock):
    meeting = new_meeting(audit_script, clock)
    section = audit_script.section("audit")
    meeting.rate("audit", "1.2", "emerging")
    meeting.set_mentor_view("audit", "1.2", "too-harsh")
    meeting.rate("audit", "1.5", "secure")
    assert needs_agreement(meeting, "audit") == ["1.2"]
    assert next_after(section, ["1.2"], "1.5") == "1.2"  # wraps round
    assert next_after(section, ["1.2", "1.6"], "1.2") == "1.6"
    assert next_after(section, [], "1.2") is None

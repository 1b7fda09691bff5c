"""Three bugs the tests once let through (issue 17): search must look in rating reasons and
need every word; carry-forward must bring the focus areas. Built through the real Meeting."""

from __future__ import annotations

from ect_tui.meeting.carry import carried_forward
from ect_tui.meeting.clock import FakeClock
from ect_tui.meeting.search import row_matches, searchable_text, text_matches
from ect_tui.meeting.transcript import Meeting


def _recorded(audit_script) -> dict:
    meeting = Meeting(audit_script, ect="Sam Jones", mentor="Alex Smith", clock=FakeClock())
    meeting.set_note("review", "where-when", "Tuesdays in B12")
    meeting.rate("audit", "1a", "emerging")
    meeting.set_reason("audit", "1a", "Seating plan not yet consistent")
    meeting.set_focus("next-steps", "1a", True)
    meeting.set_field("next-steps", "further-reading", "Routines chapter")
    return meeting.to_doc()


def test_search_looks_in_rating_reasons(audit_script):
    blob = searchable_text(_recorded(audit_script))
    assert "seating plan" in blob
    assert text_matches(blob, ["seating", "consistent"])


def test_search_needs_every_word_in_notes_and_in_the_index(audit_script):
    blob = searchable_text(_recorded(audit_script))
    assert text_matches(blob, ["tuesdays", "b12"])
    assert not text_matches(blob, ["tuesdays", "wednesdays"])  # one word missing: no match
    row = {"started": "2026-11-17T15:30:00", "ect": "Sam Jones", "mentor": "Alex Smith", "status": "complete"}
    assert row_matches(row, ["sam", "alex"])
    assert not row_matches(row, ["sam", "robin"])


def test_carry_forward_brings_the_focus_areas(audit_script):
    lines = carried_forward(_recorded(audit_script), audit_script)
    statement = next(s for s in audit_script.sections[1].statements if s.code == "1a")
    assert lines[0] == f"Focus 1a: {statement.text}"
    assert "Further reading: Routines chapter" in lines
    assert carried_forward(_recorded(audit_script), None)[0] == "Focus 1a"  # script gone: the code alone

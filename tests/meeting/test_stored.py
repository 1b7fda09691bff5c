"""Every reader of stored meetings takes the sections through meeting.stored, so a damaged or
foreign document (a section that is not an object, sections that are not a list) reads as
less, never as a crash (the quality bar: every file we did not just write is untrusted)."""

from __future__ import annotations

import pytest

from ect_tui.coaching import is_coaching_doc
from ect_tui.coaching.report import doc_facts
from ect_tui.export.email import email_text
from ect_tui.export.markdown import meeting_markdown
from ect_tui.meeting.carry import carried_forward
from ect_tui.meeting.progress import audit_ratings
from ect_tui.meeting.search import searchable_text
from ect_tui.meeting.stored import stored_part, stored_sections

GOOD = {"id": "review", "kind": "discussion", "notes": {"where-when": "Tuesdays"}, "fields": {"x": "y"}}
AUDIT = {"id": "audit", "kind": "audit", "ratings": {"1a": {"level": "secure", "reason": "calm room"}}}


def _doc(sections):
    return {
        "id": "a" * 32,
        "ect": "Sam Jones",
        "mentor": "Alex",
        "started": "2026-11-17T15:30:00",
        "sections": sections,
    }


def test_sections_that_are_not_objects_are_skipped_and_kinds_picked():
    assert stored_sections(_doc(["oops", 3, None, GOOD, AUDIT])) == [GOOD, AUDIT]
    assert stored_sections(_doc([GOOD, AUDIT]), "audit") == [AUDIT]
    assert stored_sections(_doc("not a list")) == []
    assert stored_sections("not a doc") == []
    assert stored_part({"notes": ["not", "a", "mapping"]}, "notes") == {}


@pytest.mark.parametrize(
    "read",
    [searchable_text, audit_ratings, is_coaching_doc, doc_facts, lambda d: carried_forward(d, None)],
    ids=["search", "progress", "coaching", "report", "carry"],
)
def test_readers_of_stored_meetings_survive_a_damaged_section(read):
    read(_doc(["a string where a section should be", GOOD, {**AUDIT, "ratings": "not a mapping"}]))


def test_the_email_of_a_damaged_meeting_still_holds_what_can_be_read():
    doc = _doc(["a string", GOOD])
    assert email_text(doc, None).as_text().startswith("Subject: Our meeting on")  # the letter still writes
    assert "Tuesdays" in meeting_markdown(doc, None)  # and the record beside it keeps the notes

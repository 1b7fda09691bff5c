"""Undo and redo on the meeting core: every key-made change to the record can be taken back."""

from __future__ import annotations

import pytest

from ect_tui.meeting.checks import ViewRefused
from ect_tui.meeting.transcript import Meeting
from ect_tui.meeting.undo import Marks, history_of


def new_meeting(script, clock) -> Meeting:
    return Meeting(script, ect="Sam Jones", mentor="Alex Smith", clock=clock, meeting_id="m1")


def marks(meeting: Meeting, code: str) -> Marks:
    rating = meeting.record("audit").rating(code)
    return Marks(rating.level, rating.mentor_view, rating.agreed)


def test_a_wrong_rating_is_undone_and_redone_with_a_one_line_description(audit_script, clock):
    meeting = new_meeting(audit_script, clock)
    history = history_of(meeting)
    history.rate("audit", "1.3", "secure")
    history.set_view("audit", "1.3", "agree")
    meeting.set_reason("audit", "1.3", "Tried it in Year 8")
    change = history.rate("audit", "1.3", "developing")
    assert change is not None and change.description == "1.3: Secure -> Developing"
    before = meeting.revision

    undone = history.undo()
    assert undone is change
    assert marks(meeting, "1.3") == Marks("secure", "agree", None)
    assert meeting.record("audit").rating("1.3").reason == "Tried it in Year 8"  # typed text stays
    assert meeting.revision > before  # saved like any other change

    assert history.redo() is change
    assert marks(meeting, "1.3") == Marks("developing", "agree", None)


def test_undo_repeats_back_to_the_start_and_redo_forward_again(audit_script, clock):
    meeting = new_meeting(audit_script, clock)
    history = history_of(meeting)
    history.rate("audit", "1.1", "emerging")
    history.set_view("audit", "1.1", "too-harsh")
    history.settle("audit", "1.1", "developing")
    history.rate("audit", "1.2", "secure")
    history.set_focus("next-steps", "1.1", True)
    history.set_focus("next-steps", "1.2", True)
    history.finish()
    end = (marks(meeting, "1.1"), marks(meeting, "1.2"), list(meeting.record("next-steps").focus))
    assert meeting.finished

    undone = []
    while (change := history.undo()) is not None:
        undone.append(change.description)
    assert undone == [
        "meeting finished",
        "focus area 1.2 chosen",
        "focus area 1.1 chosen",
        "1.2: not rated -> Secure",
        "1.1: agreed none -> Developing",
        "1.1: your view no view -> maybe too harsh",
        "1.1: not rated -> Emerging",
    ]
    assert not meeting.finished
    assert marks(meeting, "1.1") == Marks(None, None, None)
    assert meeting.record("next-steps").focus == []
    assert history.undo() is None

    while history.redo() is not None:
        pass
    assert (marks(meeting, "1.1"), marks(meeting, "1.2"), meeting.record("next-steps").focus) == end
    assert meeting.finished


def test_undoing_a_dropped_focus_area_puts_it_back_in_its_place(audit_script, clock):
    meeting = new_meeting(audit_script, clock)
    history = history_of(meeting)
    for code in ("7.1", "1.4", "7.3"):
        history.set_focus("next-steps", code, True)
    history.set_focus("next-steps", "1.4", False)
    history.undo()
    assert meeting.record("next-steps").focus == ["7.1", "1.4", "7.3"]


def test_clearing_a_rating_takes_its_view_and_agreement_and_undo_brings_all_back(audit_script, clock):
    meeting = new_meeting(audit_script, clock)
    history = history_of(meeting)
    history.rate("audit", "1.1", "emerging")
    history.set_view("audit", "1.1", "too-harsh")
    history.settle("audit", "1.1", "developing")
    change = history.rate("audit", "1.1", None)
    assert change is not None
    assert change.description == (
        "1.1: Emerging -> not rated, your view maybe too harsh -> no view, agreed Developing -> none"
    )
    history.undo()
    assert marks(meeting, "1.1") == Marks("emerging", "too-harsh", "developing")


def test_a_new_change_ends_the_redo_trail_and_no_change_records_nothing(audit_script, clock):
    meeting = new_meeting(audit_script, clock)
    history = history_of(meeting)
    history.rate("audit", "1.1", "emerging")
    assert history.rate("audit", "1.1", "emerging") is None  # the same key again: nothing changed
    history.undo()
    assert history.can_redo
    history.rate("audit", "1.2", "secure")
    assert not history.can_redo
    assert [c.description for c in history.done] == ["1.2: not rated -> Secure"]


def test_a_refused_view_changes_nothing_and_is_not_recorded(audit_script, clock):
    meeting = new_meeting(audit_script, clock)
    history = history_of(meeting)
    history.rate("audit", "1.1", "secure")
    before = meeting.revision
    with pytest.raises(ViewRefused, match="Secure is the top level"):
        history.set_view("audit", "1.1", "too-harsh")
    assert marks(meeting, "1.1") == Marks("secure", None, None)
    assert meeting.revision == before
    assert len(history.done) == 1


def test_each_meeting_has_its_own_history(audit_script, clock):
    first, second = new_meeting(audit_script, clock), new_meeting(audit_script, clock)
    history_of(first).rate("audit", "1.1", "emerging")
    assert history_of(first) is history_of(first)
    assert history_of(second).undo() is None
    assert marks(first, "1.1").level == "emerging"


def test_the_undo_list_survives_a_resume_and_rides_in_the_same_save_as_its_change(audit_script, clock):
    from ect_tui.store.validate import meeting_problem

    meeting = new_meeting(audit_script, clock)
    saved: list[dict] = []
    meeting.on_change = lambda: saved.append(meeting.to_doc())  # what the app's save would write
    history = history_of(meeting)
    history.rate("audit", "1.1", "secure")
    history.set_focus("next-steps", "1.1", True)
    history.rate("audit", "1.1", "emerging")  # the wrong key
    history.undo()
    assert len(saved) == 4  # one save per change, never one without its undo entry
    doc = saved[-1]  # the laptop dies here: this is what is on disk
    assert meeting_problem(doc) is None  # the declared schema accepts it
    assert [c["description"] for c in doc["undo"]["done"]] == [
        "1.1: not rated -> Secure",
        "focus area 1.1 chosen",
    ]
    assert [c["description"] for c in doc["undo"]["undone"]] == ["1.1: Secure -> Emerging"]

    resumed = Meeting.from_doc(doc, audit_script, clock)
    again = history_of(resumed)
    assert again.redo().description == "1.1: Secure -> Emerging"
    assert marks(resumed, "1.1") == Marks("emerging", None, None)
    assert [again.undo().description for _ in range(3)] == [
        "1.1: Secure -> Emerging",
        "focus area 1.1 chosen",
        "1.1: not rated -> Secure",
    ]
    assert marks(resumed, "1.1") == Marks(None, None, None) and resumed.record("next-steps").focus == []


def test_stored_undo_entries_that_make_no_sense_are_left_out(audit_script, clock):
    meeting = new_meeting(audit_script, clock)
    good = {
        "kind": "rating",
        "description": "1.1: not rated -> Secure",
        "section_id": "audit",
        "code": "1.1",
        "before": {"level": None, "view": None, "agreed": None},
        "after": {"level": "secure", "view": None, "agreed": None},
    }
    bad = [
        {**good, "section_id": "no-such-section"},
        {**good, "code": "9z"},
        {**good, "after": {"level": "brilliant", "view": None, "agreed": None}},
        {**good, "kind": "delete-everything"},
        {**good, "before": "secure"},
        {"kind": "status", "description": "finished", "before": "no", "after": True},
        "not even a dict",
    ]
    doc = meeting.to_doc()
    doc["undo"] = {"done": [*bad, good], "undone": "nonsense"}
    resumed = Meeting.from_doc(doc, audit_script, clock)
    history = history_of(resumed)
    assert [c.description for c in history.done] == ["1.1: not rated -> Secure"] and history.undone == []

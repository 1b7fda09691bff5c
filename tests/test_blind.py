"""Blind ratings in the meeting record: priors, differences, agreed ratings."""

from __future__ import annotations

import pytest

from ect_tui.meeting.blind import probe_for
from ect_tui.meeting.transcript import Meeting


def test_differences_are_found_and_settled(audit_script, clock):
    meeting = Meeting(audit_script, ect="Sam", mentor="Alex", clock=clock)
    meeting.apply_priors(
        "audit",
        {
            "1.1": {"level": "developing", "evidence": "Strong routines seen on 3 Nov"},
            "1.2": {"level": "emerging", "evidence": ""},
            "nope": {"level": "secure"},  # a code this script does not have is ignored
        },
    )
    meeting.rate("audit", "1.1", "emerging")
    meeting.rate("audit", "1.2", "emerging")
    assert meeting.unsettled("audit") == ["1.1"]
    assert meeting.unsettled("audit", group="s7-that") == []
    meeting.settle("audit", "1.1", "developing")
    meeting.set_agreed_reason("audit", "1.1", "The routines are there")
    assert meeting.unsettled("audit") == []
    rating = meeting.record("audit").rating("1.1")
    assert (rating.level, rating.prior, rating.agreed, rating.counted) == (
        "emerging",
        "developing",
        "developing",
        "developing",
    )
    assert rating.to_doc() == {
        "level": "emerging",
        "reason": "",
        "mentor_view": None,
        "prior": "developing",
        "prior_evidence": "Strong routines seen on 3 Nov",
        "agreed": "developing",
        "agreed_reason": "The routines are there",
    }
    assert meeting.rating_counts("audit") == {"developing": 1, "emerging": 1}


def test_a_probe_suits_the_direction_of_the_gap(audit_script):
    prompts = audit_script.section("audit").prompts
    assert probe_for("emerging", "secure", prompts) == prompts[4]  # too harsh: strengths
    assert probe_for("secure", "emerging", prompts) == prompts[0]  # too kind: examples
    assert probe_for("secure", "emerging", ()) == "What makes you see it that way?"


def test_a_live_doubt_can_be_settled_and_the_agreed_rating_counts(audit_script, clock):
    from ect_tui.meeting.progress import build_progress

    meeting = Meeting(audit_script, ect="Sam", mentor="Alex", clock=clock)
    meeting.set_mentor_view("audit", "1.1", "too-harsh")
    assert not meeting.can_settle("audit", "1.1")  # the ECT has not rated yet
    meeting.rate("audit", "1.1", "developing")
    meeting.rate("audit", "1.2", "developing")
    assert meeting.can_settle("audit", "1.1")
    assert not meeting.can_settle("audit", "1.2")  # no prepared view, no live doubt: nothing to agree
    pytest.raises(ValueError, meeting.settle, "audit", "1.2", "secure")
    meeting.set_mentor_view("audit", "1.2", "agree")
    pytest.raises(ValueError, meeting.settle, "audit", "1.2", "secure")

    meeting.settle("audit", "1.1", "secure")
    meeting.set_agreed_reason("audit", "1.1", "Strong evidence from the drop-in")
    rating = meeting.record("audit").rating("1.1")
    assert (rating.level, rating.mentor_view, rating.agreed, rating.counted) == (
        "developing",
        "too-harsh",
        "secure",
        "secure",
    )
    assert meeting.unsettled("audit") == []  # the blind-rating prompts are for prepared views only
    assert meeting.rating_counts("audit") == {"secure": 1, "developing": 1}

    # Stored and read back, it counts in the progress grid; calibration is the blind views only.
    doc = meeting.to_doc()
    assert doc["sections"][1]["ratings"]["1.1"]["agreed"] == "secure"
    doc["started"] = "2026-09-01T10:00:00"
    progress = build_progress("Sam", [doc], {audit_script.id: audit_script})
    row = next(r for r in progress.rows if r.code == "1.1")
    assert (row.cells[0].level, row.cells[0].self_level) == ("secure", "developing")
    assert progress.calibrations[0].compared == 0


def test_a_prepared_difference_can_be_settled_only_once_revealed(audit_script, clock):
    meeting = Meeting(audit_script, ect="Sam", mentor="Alex", clock=clock)
    meeting.set_reveal("heading")
    meeting.apply_priors("audit", {"1.2": {"level": "secure"}})
    meeting.rate("audit", "1.2", "emerging")
    assert not meeting.prior_revealed("audit", "1.2")  # 1.1 and 1.3-1.6 still to rate
    pytest.raises(ValueError, meeting.settle, "audit", "1.2", "developing")
    for code in ("1.1", "1.3", "1.4", "1.5", "1.6"):
        meeting.rate("audit", code, "developing")
    assert meeting.prior_revealed("audit", "1.2") and meeting.can_settle("audit", "1.2")
    meeting.settle("audit", "1.2", "developing")
    meeting.settle("audit", "1.2", None)  # taking an agreed rating back is always allowed
    assert meeting.unsettled("audit") == ["1.2"]


def test_clearing_the_ects_rating_clears_the_rating_agreed_on_it(audit_script, clock):
    """Nothing is left to count or to question for a statement the ECT no longer rates; the words typed stay."""
    meeting = Meeting(audit_script, ect="Sam", mentor="Alex", clock=clock)
    meeting.set_mentor_view("audit", "1.2", "too-kind")
    meeting.rate("audit", "1.2", "secure")
    meeting.settle("audit", "1.2", "developing")
    meeting.set_agreed_reason("audit", "1.2", "One lesson so far")
    meeting.rate("audit", "1.2", None)
    rating = meeting.record("audit").rating("1.2")
    assert (rating.level, rating.agreed, rating.counted, rating.mentor_view) == (None, None, None, None)
    assert rating.agreed_reason == "One lesson so far"
    assert meeting.rating_counts("audit") == {}


def test_prepared_views_join_only_statements_still_blind(audit_script, clock):
    """Carrying a meeting on: a statement already rated, or holding a view, keeps what it has."""
    meeting = Meeting(audit_script, ect="Sam", mentor="Alex", clock=clock)
    assert meeting.apply_priors("audit", {"1.1": {"level": "secure", "evidence": "first"}}) == {"1.1"}
    meeting.rate("audit", "1.2", "emerging")
    applied = meeting.apply_priors(
        "audit",
        {
            "1.1": {"level": "emerging", "evidence": "second"},  # already holds a view
            "1.2": {"level": "secure", "evidence": ""},  # already rated by the ECT
            "1.3": {"level": "", "evidence": "seen on 3 Nov"},  # evidence without a view
            "1.4": {"level": "developing", "evidence": ""},
        },
    )
    assert applied == {"1.4"}
    rating = meeting.record("audit").rating
    assert (rating("1.1").prior, rating("1.1").prior_evidence) == ("secure", "first")
    assert rating("1.2").prior is None and rating("1.3").prior is None

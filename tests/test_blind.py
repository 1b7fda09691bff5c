"""Blind ratings in the meeting record: priors, differences, agreed ratings."""

from __future__ import annotations

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
    assert (rating.level, rating.prior, rating.agreed, rating.counted) == ("emerging", "developing", "developing", "developing")
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

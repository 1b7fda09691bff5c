"""The coordinator's report: rows, flags, windows, and nothing but engagement."""

from __future__ import annotations

import json
from datetime import date, datetime

import pytest

from ect_tui.coaching.report import SUPPORT_NOTE, build_report, doc_facts, report_from_store
from ect_tui.coaching.report_out import report_json, report_text
from ect_tui.coaching.study import StudyEntry
from ect_tui.coaching.terms import Calendar
from ect_tui.script.catalog import load_catalog
from ect_tui.store import Store
from tests.coaching.builders import TODAY, coaching_meeting, group_of, overview_fixture

SECRETS = ("SECRET", "Count down", "Greet every", "waited for silence", "went fine", "Routines", "reason ")


@pytest.fixture
def overview(tmp_path, audit_script):
    with Store.open(tmp_path / "db.json") as store:
        overview_fixture(store, audit_script)
        yield report_from_store(store, TODAY.date(), scripts=load_catalog([]).scripts)


def by_name(report):
    return {row.ect: row for row in report.rows}


def test_three_ects(overview):
    rows = by_name(overview)
    assert list(rows) == ["Lee Brown", "Priya Shah", "Sam Jones"]  # those to follow up first
    sam, priya, lee = rows["Sam Jones"], rows["Priya Shah"], rows["Lee Brown"]

    assert sam.status == "on track" and sam.flags == ()
    assert sam.gap.last == date(2026, 11, 23) and sam.gap.weeks_without == 0
    assert sam.coaching_meetings == 3 and sam.praise == 5
    assert sam.steps_set == 2 and sam.steps_met == 1
    assert sam.open_step.set_on == date(2026, 11, 17) and sam.open_step.days_open == 7
    assert sam.study.weeks == (
        (date(2026, 10, 19), 40),
        (date(2026, 11, 2), 35),
        (date(2026, 11, 9), 45),
        (date(2026, 11, 16), 50),
    )
    assert sam.study.this_week == 20 and sam.study.average == 42
    assert sam.audits == 2 and sam.movement.up > 0
    assert sam.mentors == ("Alex Smith",)

    assert priya.flags == ("2 school weeks without coaching (expected weekly)",)
    assert priya.gap.last == date(2026, 11, 5) and priya.mentors == ("Jo Khan",)
    assert priya.open_step.days_open == 19 and priya.open_step.school_weeks_open == 3

    assert lee.rhythm.label == "fortnightly" and lee.year == 2
    assert lee.flags == ("action step open for 4 school weeks",)
    assert lee.open_step.set_on == date(2026, 10, 20) and lee.open_step.days_open == 35
    assert lee.audits == 1 and not lee.study.logged and lee.study.average is None


def test_json_and_text_hold_engagement_only(overview):
    data = report_json(overview)
    dumped = json.dumps(data)
    text = report_text(overview)
    for secret in SECRETS:
        assert secret not in dumped, secret
        assert secret not in text, secret
    assert "private" not in dumped
    assert data["note"] == SUPPORT_NOTE and SUPPORT_NOTE in " ".join(
        text.splitlines()[1:4]
    )  # wrapped for 80 columns
    assert max(len(line) for line in text.splitlines()) <= 100
    assert SUPPORT_NOTE.startswith("Support, not assessment:")
    sam = next(r for r in data["ects"] if r["ect"] == "Sam Jones")
    assert sam["open_step"] == {"set_on": "2026-11-17", "days_open": 7, "school_weeks_open": 1}
    assert sam["status"] == "on track" and sam["weeks_without_coaching"] == 0
    assert sam["study"]["weeks"][-1] == {"week": "2026-11-16", "minutes": 50, "guide": "within"}
    assert set(sam) == {
        "ect",
        "mentors",
        "year",
        "rhythm",
        "every_weeks",
        "last_coaching",
        "weeks_without_coaching",
        "coaching_meetings",
        "open_step",
        "steps_set",
        "steps_met",
        "praise",
        "study",
        "audit",
        "recent_weeks",
        "flags",
        "status",
    }
    priya = next(r for r in data["ects"] if r["ect"] == "Priya Shah")
    assert [w["coaching"] for w in priya["recent_weeks"][-4:]] == ["coached", "gap", "gap", "pending"]
    assert priya["recent_weeks"][-1]["week"] == "2026-11-23"
    rows_only = json.dumps(data["ects"]).lower()
    for word in ("grade", "score", "level", "emerging", "secure"):
        assert word not in rows_only
    lines = text.splitlines()
    assert group_of(lines, "Priya Shah") == "FOLLOW UP"
    assert "    ! 2 school weeks without coaching (expected weekly)" in lines
    assert group_of(lines, "Sam Jones") == "On track"


def test_since_limits_the_counts_not_the_gap(tmp_path, audit_script):
    with Store.open(tmp_path / "db.json") as store:
        overview_fixture(store, audit_script)
        report = report_from_store(store, TODAY.date(), since=date(2026, 11, 16))
    sam = by_name(report)["Sam Jones"]
    assert sam.coaching_meetings == 2 and sam.praise == 3 and sam.steps_set == 1
    assert sam.study.minutes_since == 70
    assert sam.gap.weeks_without == 0
    assert "counts since 16 Nov 2026" in report_text(report)


def test_as_of_an_earlier_day_ignores_what_came_after(tmp_path, audit_script):
    with Store.open(tmp_path / "db.json") as store:
        overview_fixture(store, audit_script)
        report = report_from_store(store, date(2026, 11, 12))
    sam = by_name(report)["Sam Jones"]
    assert sam.gap.last == date(2026, 11, 10) and sam.coaching_meetings == 1
    assert sam.open_step.set_on == date(2026, 11, 10)


def test_nobody_coached_and_study_only():
    facts = []
    entries = [StudyEntry("Kim Lee", date(2026, 11, 20), 40, "x")]
    report = build_report(facts, entries, {"ana": {"ect": "Ana", "year": 1}}, Calendar(), TODAY.date())
    rows = by_name(report)
    assert rows["Kim Lee"].flags == ("no coaching recorded",) and rows["Ana"].flags == (
        "no coaching recorded",
    )
    assert rows["Kim Lee"].gap.weeks_without is None
    text = report_text(report)
    assert "Kim Lee" in text and "never" in text and "no coaching recorded" in text


def test_three_week_gap_flagged_and_weekly_on_track():
    recent = coaching_meeting(ect="Sam Jones", when=datetime(2026, 11, 19, 15))
    gap = coaching_meeting(ect="Ola Ade", when=datetime(2026, 11, 2, 15))
    report = build_report([doc_facts(recent), doc_facts(gap)], [], {}, Calendar(), TODAY.date())
    rows = by_name(report)
    assert rows["Sam Jones"].status == "on track"
    assert rows["Ola Ade"].status == "follow up"
    assert rows["Ola Ade"].flags == ("2 school weeks without coaching (expected weekly)",)


def test_empty_unfinished_meetings_do_not_count_as_coaching():
    empty = coaching_meeting(ect="Sam Jones", when=datetime(2026, 11, 19, 15), finish=False)
    # What the builder writes is content; strip it to an abandoned start.
    for section in empty["sections"]:
        section["notes"], section["data"] = {}, {}
    assert not doc_facts(empty).counted
    started = coaching_meeting(ect="Sam Jones", when=datetime(2026, 11, 19, 15), finish=False)
    assert doc_facts(started).counted


def test_study_stopped_is_flagged():
    entries = [StudyEntry("Sam Jones", date(2026, 11, 3), 40, "x")]
    recent = coaching_meeting(ect="Sam Jones", when=datetime(2026, 11, 23, 15))
    report = build_report([doc_facts(recent)], entries, {}, Calendar(), TODAY.date())
    assert report.rows[0].flags == ("no self-study logged for 2 school weeks",)


def test_names_are_joined_and_made_safe():
    a = coaching_meeting(ect="Sam Jones", when=datetime(2026, 11, 19, 15))
    b = coaching_meeting(ect="sam  jones", when=datetime(2026, 11, 12, 15), mentor="Jo\x1b[31m Khan")
    report = build_report([doc_facts(a), doc_facts(b)], [], {}, Calendar(), TODAY.date())
    [row] = report.rows
    assert row.ect == "Sam Jones" and row.coaching_meetings == 2
    assert "Jo?[31m Khan" in row.mentors
    assert "\x1b" not in report_text(report)


def test_no_ects():
    report = build_report([], [], {}, Calendar(), TODAY.date())
    assert "No ECTs yet" in report_text(report)
    assert report_json(report)["ects"] == []


def test_study_in_an_ects_first_week_shows_as_so_far():
    from ect_tui.coaching.report_out import study_text

    entries = [StudyEntry("Kim Lee", TODAY.date(), 40, "routines reading")]
    rows = by_name(build_report([], entries, {}, Calendar(), TODAY.date()))
    assert rows["Kim Lee"].study.average is None  # no complete week yet
    assert study_text(rows["Kim Lee"]) == "40 so far"
    nobody = by_name(build_report([], [], {"ana": {"ect": "Ana", "year": 1}}, Calendar(), TODAY.date()))
    assert study_text(nobody["Ana"]) == "-"

"""Agreed dates read the same afterwards as when typed, and lengths round by one rule everywhere."""

from __future__ import annotations

import json
from datetime import date, datetime

import pytest

from ect_tui.coaching.days import parse_past_day
from ect_tui.coaching.outline import coaching_lines
from ect_tui.export.markdown import meeting_markdown
from ect_tui.export.outline import meeting_outline
from ect_tui.meeting.carry import carried_forward
from ect_tui.meeting.clock import FakeClock
from ect_tui.meeting.countdown import format_minutes, whole_minutes
from ect_tui.meeting.transcript import Meeting
from ect_tui.meeting.when import When, far_note, parse_when, shown_date, stored_when

MON_30_NOV = datetime(2026, 11, 30, 10, 0)


# ----- dates -----------------------------------------------------------------------------------------------


@pytest.mark.parametrize("text", ["32/13", "31/02", "next blursday"])
def test_impossible_next_dates_are_refused_with_a_sentence(text):
    with pytest.raises(ValueError, match=r"not a real date \(dates are day first|Could not read"):
        parse_when(text, MON_30_NOV)


def test_a_short_date_that_rolls_into_next_year_is_spelled_out():
    when = parse_when("20/11", MON_30_NOV)
    assert when.day == date(2027, 11, 20)
    assert far_note("20/11", when, MON_30_NOV.date()) == (
        "→ Sat 20 Nov 2027, 12 months away: '20/11' has passed this year. Type the year to be sure."
    )


def test_near_dates_and_dates_with_a_year_need_no_note():
    today = MON_30_NOV.date()
    assert far_note("tue", parse_when("tue", MON_30_NOV), today) is None
    assert far_note("20/11/27", parse_when("20/11/27", MON_30_NOV), today) is None
    assert far_note("2027-11-20", parse_when("2027-11-20", MON_30_NOV), today) is None


def test_a_past_day_that_rolls_into_last_year_is_spelled_out():
    day = parse_past_day("4/12", MON_30_NOV)
    assert day == date(2025, 12, 4)
    assert far_note("4/12", When(day), MON_30_NOV.date()) == (
        "→ Thu 4 Dec 2025, 12 months ago: '4/12' is still to come this year. Type the year to be sure."
    )
    # Far back in the same year: spelled out, with no talk of years.
    assert far_note("1/9", When(parse_past_day("1/9", MON_30_NOV)), MON_30_NOV.date()) == (
        "→ Tue 1 Sep 2026, 3 months ago."
    )


def test_a_named_weekday_keeps_a_past_day_in_its_year():
    # Friday 4 December 2026 is still to come; last year's 4 December was a Thursday.
    with pytest.raises(ValueError, match="Fri 4 Dec 2026 is in the future"):
        parse_past_day("fri 4 dec", MON_30_NOV, what="the drop-in")
    assert parse_past_day("thu 26 nov", MON_30_NOV) == date(2026, 11, 26)
    assert parse_past_day("thu 4 dec", MON_30_NOV) == date(2025, 12, 4)
    with pytest.raises(ValueError, match="26 November 2026 is a Thursday, not a Friday"):
        parse_past_day("fri 26 nov", MON_30_NOV)


def test_shown_date_uses_the_stored_reading_and_marks_text_that_was_no_date():
    assert shown_date("tue 4pm", "2026-12-08T16:00") == "Tue 8 Dec 2026, 16:00"
    assert shown_date("8/12", "2026-12-08") == "Tue 8 Dec 2026"
    assert shown_date("32/13", None) == "32/13 (not read as a date)"
    assert shown_date("  next   blursday ", "garbage") == "next blursday (not read as a date)"
    assert shown_date("", None) == ""
    assert stored_when("2026-12-08T16:00:00+00:00") == When(date(2026, 12, 8), datetime(1, 1, 1, 16).time())


def _next_doc(fields: dict, dates: dict) -> dict:
    return {"sections": [{"id": "next", "kind": "next", "fields": fields, "dates": dates, "focus": []}]}


def test_carried_forward_shows_the_day_agreed_not_the_words(audit_script):
    doc = {
        "sections": [
            {
                "id": "next-steps",
                "kind": "next-steps",
                "focus": [],
                "fields": {"next-meeting": "tue 15:30", "further-reading": "Behaviour chapter"},
                "dates": {"next-meeting": "2026-12-01T15:30"},
            }
        ]
    }
    assert carried_forward(doc, audit_script) == [
        "Next meeting: Tue 1 Dec 2026, 15:30",
        "Further reading: Behaviour chapter",
    ]
    doc["sections"][0]["fields"]["next-meeting"] = "32/13"
    doc["sections"][0]["dates"] = {}
    assert carried_forward(doc, audit_script)[0] == "Next meeting: 32/13 (not read as a date)"
    # Without the script, an item with a stored date still reads as that date.
    assert carried_forward(
        _next_doc({"next-coaching": "tue 4pm"}, {"next-coaching": "2026-12-01T16:00"}), None
    ) == [
        "Next coaching: Tue 1 Dec 2026, 16:00",
    ]


def test_a_drop_in_typed_as_no_day_is_kept_and_marked():
    assert coaching_lines("drop-in", {"date_text": "blursday", "date": None}) == [
        "Drop-in: blursday (not read as a date)"
    ]
    assert coaching_lines("drop-in", {"date_text": "mon", "date": "2026-11-23"}) == [
        "Drop-in: Mon 23 Nov 2026"
    ]


# ----- durations -------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "seconds, minutes, shown",
    [
        (0, 0, "0 min"),
        (10, 0, "under 1 min"),
        (29.9, 0, "under 1 min"),
        (30, 1, "1 min"),
        (149, 2, "2 min"),
        (150, 3, "3 min"),
        (154, 3, "3 min"),
        (3725, 62, "62 min"),
        (-5, 0, "0 min"),
    ],
)
def test_one_rounding_rule(seconds, minutes, shown):
    assert whole_minutes(seconds) == minutes
    assert format_minutes(seconds) == shown


def test_the_summary_table_counts_added_minutes_and_rounds_by_the_rule(audit_script):
    clock = FakeClock()
    meeting = Meeting(audit_script, ect="Sam", mentor="Alex", clock=clock)
    meeting.set_rebalance(False)
    meeting.step(1)  # review, 15 min planned
    meeting.extend(1)
    clock.advance(15 * 60 + 34)
    meeting.step(1)
    clock.advance(150)
    meeting.step(1)
    table = meeting_outline(meeting).splitlines()[:5]
    assert table[0] == "Time per section (planned, with minutes added / actual / difference)"
    assert table[1].split()[-6:] == ["16", "min", "16", "min", "on", "time"]  # 15:34 of a 16-minute budget
    assert table[2].endswith(" 40 min       3 min  -37 min")  # 2:30 rounds up, as everywhere
    assert table[4].startswith("  Whole meeting") and table[4].split()[-6:] == [
        "61",
        "min",
        "18",
        "min",
        "-43",
        "min",
    ]


def _timed_meeting(audit_script) -> Meeting:
    """1:30 in the briefing, review +1 min run 15:34, the audit 2:30, next date typed as no date."""
    clock = FakeClock()
    meeting = Meeting(audit_script, ect="Sam", mentor="Alex", clock=clock, meeting_id="d0d0d0d0")
    meeting.set_rebalance(False)
    clock.advance(90)  # between sections: not part of the meeting's time anywhere
    meeting.step(1)  # review, 15 min planned
    meeting.extend(1)
    clock.advance(15 * 60 + 34)
    meeting.step(1)  # the audit, 40 min planned
    clock.advance(150)
    meeting.step(1)  # next steps, 5 min planned
    meeting.set_field("next-steps", "next-meeting", "32/13")
    meeting.finish()
    return meeting


@pytest.mark.parametrize(
    "render", [lambda d, s: meeting_markdown(d, s)]
)  # the record; the letter has no timings
def test_exports_count_and_round_as_the_summary_does(audit_script, render):
    meeting = _timed_meeting(audit_script)
    whole = meeting_outline(meeting).splitlines()[4]
    assert whole.split()[-6:-2] == ["61", "min", "18", "min"]
    text = render(meeting.to_doc(), audit_script)
    assert "(took 18 min, planned 61 min)" in text  # not 20 (the briefing) nor planned 60 (the +1 min)
    assert "Review: how we will work together (16 min)" in text
    assert "Plan and Theory to Practice: module audit (3 min)" in text  # 2:30 rounds up, not to 2
    assert "32/13 (not read as a date)" in text
    # A next date that was read shows as the day it was read as.
    doc = meeting.to_doc()
    doc["sections"][2]["fields"]["next-meeting"] = "tue 15:30"
    doc["sections"][2]["dates"]["next-meeting"] = "2026-12-01T15:30"
    assert "Tue 1 Dec 2026, 15:30" in render(doc, audit_script) and "tue 15:30" not in render(
        doc, audit_script
    )


def test_a_few_seconds_in_a_section_read_as_under_a_minute(audit_script):
    doc = _timed_meeting(audit_script).to_doc()
    doc["sections"][1]["elapsed_seconds"] = 12.0
    text = meeting_markdown(doc, audit_script)
    assert "Plan and Theory to Practice: module audit (under 1 min)" in text
    assert "(took 16 min, planned 61 min)" in text


def test_history_command_rounds_by_the_rule_and_keeps_its_json(audit_script, tmp_path, capsys):
    from ect_tui.cli import main
    from ect_tui.store import Store

    db = tmp_path / "ect.json"
    with Store.open(db) as store:
        store.put_meeting(_timed_meeting(audit_script).to_doc())
    assert main(["history", "--db", str(db)]) == 0
    line = capsys.readouterr().out.splitlines()[0]
    assert line.endswith(" 18 min") and "d0d0d0d0" in line
    assert main(["history", "--json", "--db", str(db)]) == 0
    (row,) = json.loads(capsys.readouterr().out)
    assert (
        set(row) >= {"id", "date", "ect", "script_id", "status"}
        and row["duration_seconds"] == 15 * 60 + 34 + 150
    )


def test_history_command_says_a_half_minute_rounds_up(audit_script, tmp_path, capsys):
    from ect_tui.cli import main
    from ect_tui.store import Store

    doc = _timed_meeting(audit_script).to_doc()
    for section, seconds in zip(doc["sections"], (150, 0, 0), strict=False):
        section["elapsed_seconds"] = seconds
    db = tmp_path / "ect.json"
    with Store.open(db) as store:
        store.put_meeting(doc)
    assert main(["history", "--db", str(db)]) == 0
    assert capsys.readouterr().out.splitlines()[0].endswith("   3 min")  # round() said 2


def test_the_meeting_bar_says_its_pace_in_whole_minutes_by_the_rule(audit_script):
    from ect_tui.tui.widgets.meeting_bar import schedule_text

    clock = FakeClock()
    meeting = Meeting(audit_script, ect="Sam", mentor="Alex", clock=clock)
    meeting.set_rebalance(False)
    meeting.step(1)
    clock.advance(59)
    assert schedule_text(meeting).endswith("· on time")
    clock.advance(15 * 60 + 150 - 59)
    assert schedule_text(meeting) == "Meeting 17:30 of 60:00 · 3 min behind"  # 2:30 behind; was "2m behind"

    clock = FakeClock()
    meeting = Meeting(audit_script, ect="Sam", mentor="Alex", clock=clock)
    meeting.set_rebalance(False)
    meeting.step(1)
    clock.advance(15 * 60 - 150)  # the review done 2:30 early
    meeting.step(1)
    assert schedule_text(meeting) == "Meeting 12:30 of 60:00 · 3 min ahead"


def test_a_length_past_is_said_in_words_never_as_a_clock_time():
    from ect_tui.meeting.countdown import format_duration

    assert format_duration(750) == "12 min 30 s"
    assert format_duration(60) == "1 min"
    assert format_duration(45) == "45 s"
    assert format_duration(0) == "0 s"
    assert format_duration(3725.4) == "62 min 5 s"

"""Self-study: minutes validated, weekly totals against the 30-50 minute guide, the study table."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from ect_tui.coaching.days import parse_past_day
from ect_tui.coaching.records import (
    add_study,
    calendar,
    ect_settings,
    known_ects,
    match_ect,
    set_ect_setting,
    set_terms,
    study_entries,
)
from ect_tui.coaching.study import (
    StudyEntry,
    against_guide,
    check_topic,
    first_day,
    from_first_entry,
    guide_phrase,
    parse_minutes,
    week_total,
    weekly_minutes,
)
from ect_tui.coaching.terms import DEFAULT_TERMS, Term
from ect_tui.store import Store

NOW = datetime(2026, 11, 24, 15, 30)  # a Tuesday


@pytest.mark.parametrize("value, minutes", [("40", 40), (" 1 ", 1), (300, 300)])
def test_minutes(value, minutes):
    assert parse_minutes(value) == minutes


@pytest.mark.parametrize(
    "value, message",
    [
        ("-5", "more than 0 minutes, not -5"),
        ("0", "more than 0 minutes"),
        ("301", "301 minutes is more than one sitting can be"),
        ("4000", "at most 300"),
        ("forty", "whole number of minutes, e.g. 40, not 'forty'"),
        ("40.5", "whole number"),
        ("", "whole number"),
    ],
)
def test_bad_minutes(value, message):
    with pytest.raises(ValueError, match=message):
        parse_minutes(value)


def test_topic():
    assert check_topic("  Module 1:\n routines ") == "Module 1: routines"
    with pytest.raises(ValueError, match="Say what was studied"):
        check_topic("   ")
    with pytest.raises(ValueError, match="at most 200"):
        check_topic("x" * 201)


def test_weekly_totals_against_the_guide():
    entries = [
        StudyEntry("Sam", date(2026, 11, 16), 20, "a"),
        StudyEntry("Sam", date(2026, 11, 22), 25, "b"),  # Sunday: same week
        StudyEntry("Sam", date(2026, 11, 23), 60, "c"),
    ]
    assert weekly_minutes(entries, [date(2026, 11, 9), date(2026, 11, 18), date(2026, 11, 23)]) == [
        (date(2026, 11, 9), 0),
        (date(2026, 11, 16), 45),
        (date(2026, 11, 23), 60),
    ]
    assert week_total(entries, date(2026, 11, 26)) == 60
    assert [against_guide(m) for m in (0, 29, 30, 50, 51)] == ["below", "below", "within", "within", "above"]
    assert guide_phrase(45) == "45 min, within the 30-50 minute guide"


def test_entry_rows_round_trip_and_damage():
    entry = StudyEntry("Sam Jones", date(2026, 11, 24), 40, "Routines")
    assert StudyEntry.from_row(entry.to_row()) == entry
    assert StudyEntry.from_row({"ect": "Sam", "date": "soon", "minutes": 4}) is None
    assert StudyEntry.from_row({"ect": "", "date": "2026-11-24", "minutes": 4}) is None
    assert StudyEntry.from_row({"ect": "Sam", "date": "2026-11-24", "minutes": True}) is None


@pytest.mark.parametrize(
    "typed, day",
    [
        ("", date(2026, 11, 24)),
        ("today", date(2026, 11, 24)),
        ("yesterday", date(2026, 11, 23)),
        ("mon", date(2026, 11, 23)),
        ("tue", date(2026, 11, 24)),
        ("last thursday", date(2026, 11, 19)),
        ("20/11", date(2026, 11, 20)),
        ("1/12", date(2025, 12, 1)),  # no year: the last 1 December that has been
        ("2026-11-02", date(2026, 11, 2)),
        ("3 nov", date(2026, 11, 3)),
    ],
)
def test_past_days(typed, day):
    assert parse_past_day(typed, NOW.astimezone()) == day


@pytest.mark.parametrize("typed", ["2026-11-30", "1/12/2026", "25 nov 2026", "tomorrow"])
def test_future_days_are_refused(typed):
    with pytest.raises(ValueError, match="is in the future: the drop-in has already happened"):
        parse_past_day(typed, NOW.astimezone(), what="the drop-in")


def test_unreadable_day():
    with pytest.raises(ValueError, match="Could not read 'someday' as a day"):
        parse_past_day("someday", NOW.astimezone())


def test_tables(tmp_path):
    with Store.open(tmp_path / "db.json") as store:
        add_study(store, StudyEntry("Sam Jones", date(2026, 11, 20), 40, "Routines"))
        add_study(store, StudyEntry("sam  jones", date(2026, 11, 18), 10, "Names"))
        add_study(store, StudyEntry("Priya Shah", date(2026, 11, 18), 30, "Praise"))
        store.table("study").insert({"ect": "broken"})
        assert [e.minutes for e in study_entries(store, "SAM JONES")] == [10, 40]
        assert len(study_entries(store)) == 3
        assert known_ects(store) == ["Priya Shah", "Sam Jones"]
        assert match_ect(store, "priya shah") == "Priya Shah" and match_ect(store, "Nobody") is None

        set_ect_setting(store, "Sam Jones", year=2)
        row = set_ect_setting(store, "sam jones", every_weeks=3)
        assert row == {"ect": "Sam Jones", "year": 2, "every_weeks": 3}
        assert ect_settings(store)["sam jones"]["every_weeks"] == 3
        set_ect_setting(store, "Lee New", year=1)
        assert "Lee New" in known_ects(store)

        assert calendar(store).terms == DEFAULT_TERMS
        own = (Term("Autumn", date(2026, 9, 7), date(2026, 12, 18)),)
        set_terms(store, own)
        assert calendar(store).terms == own
        with pytest.raises(ValueError):  # the schema refuses it (ect_tui/store/schema.py)
            store.set_setting("coaching_terms", [{"name": "bad", "start": "x", "end": "y"}])
        assert calendar(store).terms == own
        set_terms(store, None)
        assert calendar(store).terms == DEFAULT_TERMS


def test_weeks_from_the_first_entry_on():
    weeks = [(date(2026, 11, 2), 0), (date(2026, 11, 9), 40), (date(2026, 11, 16), 0)]
    entries = [StudyEntry("Sam", date(2026, 11, 12), 40, "x"), StudyEntry("Sam", date(2026, 11, 11), 5, "y")]
    assert first_day(entries) == date(2026, 11, 11) and first_day([]) is None
    # The week of the first entry counts from its Monday; a quiet week after it still shows as 0.
    assert from_first_entry(weeks, first_day(entries)) == [(date(2026, 11, 9), 40), (date(2026, 11, 16), 0)]
    assert from_first_entry(weeks, None) == []
    assert from_first_entry(weeks, date(2026, 11, 24)) == []


def test_the_guide_follows_the_induction_year():
    from ect_tui.coaching.study import guide_for, guide_phrase, guide_words

    assert guide_for(1) == guide_for(None) == (30, 50)
    assert guide_for(2) is None
    assert guide_phrase(20, guide_for(1)) == "20 min, below the 30-50 minute guide"
    assert guide_phrase(20, guide_for(2)) == "20 min"
    assert guide_words(None) == "year 2: no set weekly amount, agreed with the mentor"

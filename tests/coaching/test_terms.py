"""Cadence rules across term dates: holidays never count as missed weeks."""

from __future__ import annotations

from datetime import date

import pytest

from ect_tui.coaching.terms import (
    DEFAULT_TERMS,
    Calendar,
    Term,
    coaching_gap,
    rhythm_for,
    school_weeks_open,
    terms_from_rows,
    terms_to_rows,
    week_start,
)

CAL = Calendar(DEFAULT_TERMS)
WEEKLY = rhythm_for(1)
FORTNIGHTLY = rhythm_for(2)


def gap(last: date | None, today: date, rhythm=WEEKLY):
    return coaching_gap([last] if last else [], today, rhythm, CAL)


def test_week_start_is_monday():
    assert week_start(date(2026, 11, 26)) == date(2026, 11, 23)
    assert week_start(date(2026, 11, 23)) == date(2026, 11, 23)
    assert week_start(date(2026, 11, 29)) == date(2026, 11, 23)


def test_rhythm_by_year_and_override():
    assert rhythm_for(None).every_weeks == 1 and rhythm_for(None).label == "weekly"
    assert rhythm_for(1).label == "weekly"
    assert rhythm_for(2).label == "fortnightly"
    assert rhythm_for(1, 3).label == "every 3 school weeks"
    assert rhythm_for(2, 1).label == "weekly"


def test_school_weeks_skip_half_term_and_christmas():
    assert CAL.is_school_week(date(2026, 10, 19))
    assert not CAL.is_school_week(date(2026, 10, 26))  # autumn half-term
    assert CAL.is_school_week(date(2026, 11, 2))
    assert CAL.is_school_week(date(2026, 12, 14))
    assert not CAL.is_school_week(date(2026, 12, 21))  # Christmas
    assert not CAL.is_school_week(date(2026, 12, 28))
    assert CAL.is_school_week(date(2027, 1, 4))
    assert not CAL.is_school_week(date(2026, 8, 10))  # summer holiday between known years
    assert CAL.is_school_week(date(2028, 3, 6))  # beyond the known terms: every week counts


def test_same_or_last_week_is_on_track():
    g = gap(date(2026, 11, 24), date(2026, 11, 24))
    assert g.weeks_without == 0 and not g.flagged and g.reason == ""
    g = gap(date(2026, 11, 19), date(2026, 11, 24))  # last Thursday
    assert g.weeks_without == 0 and not g.flagged


def test_the_current_week_is_not_yet_missed():
    # Last coached Monday two weeks ago; it is now Friday: only last week counts as missed.
    g = gap(date(2026, 11, 9), date(2026, 11, 27))
    assert g.weeks_without == 1 and g.flagged
    assert g.reason == "1 school week without coaching (expected weekly)"


def test_three_week_gap_flagged():
    g = gap(date(2026, 11, 2), date(2026, 11, 24))
    assert g.weeks_without == 2 and g.flagged
    g = gap(date(2026, 10, 12), date(2026, 11, 10))  # over half-term
    assert g.weeks_without == 2  # 19 Oct and 2 Nov; half-term week not counted
    assert g.reason == "2 school weeks without coaching (expected weekly)"


def test_half_term_is_not_a_gap():
    # Last coaching in the final week before half-term; first week back.
    g = gap(date(2026, 10, 22), date(2026, 11, 3))
    assert g.weeks_without == 0 and not g.flagged


def test_christmas_is_not_a_gap():
    g = gap(date(2025, 12, 18), date(2026, 1, 6))
    assert g.weeks_without == 0 and not g.flagged
    # Missed the last week of autumn term, then Christmas: one week missed, not three.
    g = gap(date(2025, 12, 10), date(2026, 1, 8))
    assert g.weeks_without == 1 and g.flagged


def test_summer_holiday_is_not_a_gap():
    # Term ends Tue 21 Jul and starts Wed 2 Sep: two days is not a school week, three is.
    assert not CAL.is_school_week(date(2026, 7, 20))
    assert CAL.is_school_week(date(2026, 8, 31))
    assert gap(date(2026, 7, 16), date(2026, 9, 3)).weeks_without == 0
    assert gap(date(2026, 7, 16), date(2026, 9, 8)).weeks_without == 1


def test_fortnightly_rhythm():
    assert not gap(date(2026, 11, 10), date(2026, 11, 24), FORTNIGHTLY).flagged  # week of 16 Nov missed only
    g = gap(date(2026, 11, 3), date(2026, 11, 24), FORTNIGHTLY)
    assert g.weeks_without == 2 and g.flagged
    assert g.reason == "2 school weeks without coaching (expected fortnightly)"
    # Fortnightly across Christmas: last coached 10 Dec, back 5 Jan: one school week only.
    assert not gap(date(2026, 12, 10), date(2027, 1, 5), FORTNIGHTLY).flagged


def test_no_coaching_is_flagged():
    g = coaching_gap([], date(2026, 11, 24), WEEKLY, CAL)
    assert g.last is None and g.weeks_without is None and g.flagged
    assert g.reason == "no coaching recorded"


def test_future_dates_are_ignored():
    g = coaching_gap([date(2026, 11, 2), date(2026, 12, 1)], date(2026, 11, 24), WEEKLY, CAL)
    assert g.last == date(2026, 11, 2)


def test_step_open_weeks_skip_holidays():
    assert school_weeks_open(date(2026, 11, 24), date(2026, 11, 26), CAL) == 0
    assert school_weeks_open(date(2026, 11, 17), date(2026, 11, 24), CAL) == 1
    # Set 20 Oct, a month later: half-term does not count, so four school weeks.
    assert school_weeks_open(date(2026, 10, 20), date(2026, 11, 24), CAL) == 4
    assert school_weeks_open(date(2026, 12, 17), date(2027, 1, 5), CAL) == 1


def test_recent_school_weeks_skip_holidays():
    assert CAL.recent_school_weeks(date(2026, 11, 5), 3) == [
        date(2026, 10, 5),
        date(2026, 10, 12),
        date(2026, 10, 19),
    ]


def test_terms_round_trip_and_checks():
    rows = terms_to_rows(DEFAULT_TERMS)
    assert terms_from_rows(rows) == DEFAULT_TERMS
    with pytest.raises(ValueError, match="overlap"):
        terms_from_rows(
            [
                {"name": "A", "start": "2026-09-01", "end": "2026-10-23"},
                {"name": "B", "start": "2026-10-20", "end": "2026-12-18"},
            ]
        )
    with pytest.raises(ValueError, match="before it starts"):
        Calendar([Term("A", date(2026, 9, 5), date(2026, 9, 1))])
    with pytest.raises(ValueError, match="B: start and end should be dates"):
        terms_from_rows([{"name": "B", "start": "soon", "end": "2026-12-18"}])
    with pytest.raises(ValueError):
        terms_from_rows([])


def test_a_schools_own_terms():
    own = Calendar(
        [
            Term("Autumn", date(2026, 9, 7), date(2026, 10, 16)),
            Term("Autumn 2", date(2026, 11, 2), date(2026, 12, 18)),
        ]
    )
    # A two-week half-term: neither week counts.
    assert coaching_gap([date(2026, 10, 15)], date(2026, 11, 3), WEEKLY, own).weeks_without == 0

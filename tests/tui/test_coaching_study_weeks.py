"""The study screen and the coordinator's detail line: no weeks before the ECT's first entry."""

from __future__ import annotations

from datetime import date

from ect_tui.coaching.records import add_study
from ect_tui.coaching.report import report_from_store
from ect_tui.coaching.study import StudyEntry
from ect_tui.meeting.clock import FakeClock
from ect_tui.tui.screens.overview import detail_text
from ect_tui.tui.screens.study import StudyScreen


def log(store, *days_minutes):
    for day, minutes in days_minutes:
        add_study(store, StudyEntry("Sam Jones", date.fromisoformat(day), minutes, "Routines"))


async def study_weeks(app) -> str:
    """What Sam Jones's study screen says of the weeks."""
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        app.push_screen(StudyScreen("Sam Jones"))
        await pilot.pause()
        return str(app.screen.query_one("#study-weeks").content)


async def test_study_screen_shows_weeks_from_the_first_entry_only(make_app, store):
    log(store, ("2026-11-10", 40), ("2026-11-17", 20))
    weeks = await study_weeks(make_app(FakeClock()))  # Tue 24 Nov 2026
    assert "Earlier school weeks (min): w/c 16 Nov: 20 · w/c 9 Nov: 40" in weeks
    assert "2 Nov" not in weeks and "19 Oct" not in weeks


async def test_study_screen_in_the_first_week_shows_this_week_only(make_app, store):
    log(store, ("2026-11-23", 30))
    weeks = await study_weeks(make_app(FakeClock()))
    assert weeks == "Sam Jones, this week: 30 min, within the 30-50 minute guide"


def test_overview_detail_leaves_out_weeks_before_the_first_entry(store):
    log(store, ("2026-11-10", 40), ("2026-11-17", 20))
    report = report_from_store(store, date(2026, 11, 24))
    [row] = report.rows
    [study] = [line for line in detail_text(row, report).splitlines() if line.startswith("Self-study")]
    assert study.endswith("this week 0 · w/c 9 Nov 40 · w/c 16 Nov 20"), study


async def test_a_year_2_ect_is_shown_totals_without_the_year_1_guide(make_app, store):
    from ect_tui.coaching.records import set_ect_setting

    log(store, ("2026-11-23", 20))
    set_ect_setting(store, "Sam Jones", year=2)
    weeks = await study_weeks(make_app(FakeClock()))
    assert weeks == "Sam Jones, this week: 20 min (year 2: no set weekly amount, agreed with the mentor)"

"""After a meeting, 'n' offers the plan that usually follows, and a second audit is asked about."""

from __future__ import annotations

from datetime import datetime

from textual.widgets import OptionList

from ect_tui.meeting.transcript import SUMMARY
from ect_tui.tui.screens.confirm import ConfirmScreen
from ect_tui.tui.screens.start import StartScreen
from tests.factories import audit_meeting
from tests.tui.test_resume_question import press_start


async def _finish_and_press_n(app, pilot, script_id: str) -> None:
    app.start_meeting(script_id, ect="Sam Jones", mentor="Alex Smith")
    await pilot.pause()
    app.go_to(SUMMARY)
    await pilot.pause()
    await pilot.press("f")  # finish (anything missing is asked about once: finish anyway)
    await pilot.pause()
    if not app.meeting.finished:
        await pilot.press("f")
        await pilot.pause()
    assert app.meeting.finished
    app.mark_sent("left")  # the notes went another way: no question on leaving
    await pilot.press("n")
    await pilot.pause()
    await pilot.pause()


async def test_after_coaching_n_offers_the_same_plan(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await _finish_and_press_n(app, pilot, "year2-coaching")
        assert isinstance(app.screen, StartScreen)
        assert app.screen.query_one("#scripts", OptionList).highlighted_option.id == "year2-coaching"


async def test_after_an_audit_n_offers_the_coaching_plan_last_used_not_the_audit(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await _finish_and_press_n(app, pilot, "year2-coaching")  # Sam is in year 2
        await _finish_and_press_n(app, pilot, "m1w1-module-audit")
        highlighted = app.screen.query_one("#scripts", OptionList).highlighted_option.id
        assert highlighted == "year2-coaching"  # not the list's first plan (weekly-coaching)


async def test_a_second_audit_of_the_same_plan_is_asked_about(make_app, store, audit_script):
    store.put_meeting(audit_meeting(audit_script, ect="Sam Jones", when=datetime(2026, 11, 17, 15)))
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await press_start(pilot, app, "sam jones")
        assert isinstance(app.screen, ConfirmScreen)
        assert "Sam Jones already finished the Module audit on 2026-11-17 15:00" in app.screen.question
        await pilot.press("enter")  # Enter alone keeps what is there: nothing started
        await pilot.pause()
        assert app.meeting is None and isinstance(app.screen, StartScreen)
        await pilot.click("#start-meeting")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        assert app.meeting is not None and app.meeting.script.id == audit_script.id


async def test_another_ect_starts_the_audit_without_a_question(make_app, store, audit_script):
    store.put_meeting(audit_meeting(audit_script, ect="Robin Lee", when=datetime(2026, 11, 17, 15)))
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await press_start(pilot, app, "Sam Jones")
        assert app.meeting is not None and app.meeting.script.id == audit_script.id

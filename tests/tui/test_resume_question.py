"""Starting a meeting that repeats one left unfinished asks first: carry that one on, or a new one?"""

from __future__ import annotations

from datetime import datetime

import pytest
from textual.widgets import Input

from ect_tui.tui.screens.resume_question import ResumeQuestion
from ect_tui.tui.screens.start import StartScreen
from tests.factories import audit_meeting


@pytest.fixture
def waiting(store, audit_script):
    """An audit with Sam Jones, left unfinished a week ago."""
    meeting = audit_meeting(audit_script, ect="Sam Jones", when=datetime(2026, 11, 17, 15), finish=False)
    store.put_meeting(meeting)
    return meeting


async def press_start(pilot, app, ect: str) -> None:
    app.screen.query_one("#ect", Input).value = ect
    app.screen.query_one("#mentor", Input).value = "Alex Smith"
    plans = app.screen.query_one("#scripts")
    plans.highlighted = plans.get_option_index("m1w1-module-audit")
    await pilot.pause()
    await pilot.click("#start-meeting")
    await pilot.pause()


async def test_carry_it_on_resumes_the_unfinished_meeting(make_app, store, waiting):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await press_start(pilot, app, "sam jones")  # any case
        assert isinstance(app.screen, ResumeQuestion)
        assert "Sam Jones already has an unfinished Module audit, started 2026-11-17 15:00" in str(
            app.screen.query_one(".heading").content
        )
        await pilot.press("enter")  # Enter carries on
        await pilot.pause()
        assert app.meeting is not None and app.meeting.id == waiting["id"]
        assert len(store.unfinished()) == 1


async def test_start_a_new_one_leaves_the_other_unfinished(make_app, store, waiting):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await press_start(pilot, app, "Sam Jones")
        await pilot.press("s")
        await pilot.pause()
        assert app.meeting is not None and app.meeting.id != waiting["id"]
        app.save_now(wait=True)
        assert len(store.unfinished()) == 2


async def test_escape_starts_nothing(make_app, store, waiting):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await press_start(pilot, app, "Sam Jones")
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, StartScreen)
        assert app.meeting is None


async def test_another_ect_or_plan_is_not_asked_about(make_app, store, waiting):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await press_start(pilot, app, "Priya Shah")
        assert not isinstance(app.screen, ResumeQuestion)
        assert app.meeting is not None and app.meeting.ect == "Priya Shah"

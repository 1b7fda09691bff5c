"""The start screen's two buttons (ect_tui/tui/widgets/press.py): keys and clicks."""

from __future__ import annotations

from textual.widgets import Input

from ect_tui.tui.screens.briefing import BriefingScreen
from ect_tui.tui.screens.prepare import PrepareScreen
from ect_tui.tui.widgets.press import PressButton


async def type_names(pilot, app) -> None:
    app.screen.query_one("#ect", Input).value = "Sam Jones"
    app.screen.query_one("#mentor", Input).value = "Alex Smith"
    await pilot.pause()


async def test_enter_on_start_meeting_starts_the_highlighted_plan(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await type_names(pilot, app)
        app.screen.query_one("#start-meeting", PressButton).focus()
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, BriefingScreen)
        assert app.meeting is not None and app.meeting.ect == "Sam Jones"
        assert app.meeting.script.id == next(iter(app.catalog)).id  # the first plan is highlighted


async def test_space_presses_a_focused_button_too(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await type_names(pilot, app)
        app.screen.query_one("#start-meeting", PressButton).focus()
        await pilot.press("space")
        await pilot.pause()
        assert isinstance(app.screen, BriefingScreen)


async def test_clicking_prepare_opens_the_blind_ratings(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await type_names(pilot, app)
        assert await pilot.click("#prepare")
        await pilot.pause()
        assert isinstance(app.screen, PrepareScreen)
        assert app.meeting is None  # preparing starts no meeting


async def test_a_button_says_what_is_missing_instead_of_starting(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert await pilot.click("#start-meeting")
        await pilot.pause()
        assert app.meeting is None
        assert "ECT's name" in str(app.screen.query_one("#start-error").content)
        assert app.screen.focused is app.screen.query_one("#ect", Input)


async def test_the_missing_name_message_goes_once_the_name_is_typed(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert await pilot.click("#start-meeting")
        await pilot.pause()
        assert str(app.screen.query_one("#start-error").content)
        await pilot.press(*"Sam")
        assert str(app.screen.query_one("#start-error").content) == ""

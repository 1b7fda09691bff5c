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


async def test_letters_typed_on_a_focused_button_start_a_new_name_and_space_starts_nothing(make_app, store):
    """Names remembered: focus waits on Start meeting; typing someone else's name replaces the ECT's."""
    store.set_setting("last_ect", "Sam Lee")
    store.set_setting("last_mentor", "Alex Morgan")
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert app.screen.focused is app.screen.query_one("#start-meeting", PressButton)
        await pilot.press(*"Jo Bright")
        await pilot.pause()
        assert app.screen.query_one("#ect", Input).value == "Jo Bright"
        assert app.meeting is None  # the space went into the name, not to the button
        await pilot.press("enter")
        await pilot.pause()
        assert app.meeting is not None and app.meeting.ect == "Jo Bright"


async def test_letters_typed_on_the_unfinished_list_start_a_new_name_but_x_still_discards(
    make_app, store, audit_script
):
    from datetime import datetime

    from ect_tui.tui.screens.confirm import ConfirmScreen
    from tests.factories import audit_meeting

    store.set_setting("last_ect", "Sam Lee")
    store.put_meeting(
        audit_meeting(audit_script, ect="Sam Lee", when=datetime(2026, 11, 24, 15), finish=False)
    )
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert app.screen.focused is app.screen.query_one("#unfinished")  # offered first: from today
        await pilot.press("x")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press(*"Jo")
        assert app.screen.query_one("#ect", Input).value == "Jo"


async def test_clicking_prepare_opens_the_blind_ratings(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await type_names(pilot, app)
        plans = app.screen.query_one("#scripts")
        plans.highlighted = plans.get_option_index(
            "ittecf-s1-audit"
        )  # an audit: coaching has no view to prepare
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

"""Tab then typing straight away, as a terminal delivers it: the text lands in the field Tab moved to.

A terminal hands the app several keys in one read ("Wait\\tok"). The app forwards each
key to whatever has focus at that moment, so if Tab only moves focus once the old field
has got round to handling it, the letters after it are already queued for the old field.
``burst`` sends keys that way (no waiting between them); ``pilot.press`` waits for the app
to go idle after every key and so never shows the race.
"""

from __future__ import annotations

from textual import events

from ect_tui.meeting.clock import FakeClock
from ect_tui.tui.screens.coaching import ActionStepScreen, DropInScreen
from ect_tui.tui.screens.next_steps import NextStepsScreen

NAMES = {" ": "space", "/": "slash", ".": "full_stop", ":": "colon"}


async def burst(pilot, *keys: str) -> None:
    """Post keys the way one terminal read does: all at once, then let the app catch up."""
    driver = pilot.app._driver
    for key in keys:
        key = NAMES.get(key, key)
        char = key if len(key) == 1 else {"space": " ", "slash": "/", "full_stop": ".", "colon": ":"}.get(key)
        if key == "tab":
            char = "\t"
        event = events.Key(key, char)
        event.set_sender(pilot.app)
        driver.send_message(event)
    await pilot.pause()
    await pilot.pause()


async def open_section(pilot, section_id: str):
    app = pilot.app
    await pilot.pause()
    app.start_meeting("weekly-coaching", ect="Sam Jones", mentor="Alex Smith")
    await pilot.pause()
    app.go_to(section_id)
    await pilot.pause()
    return app.screen


async def test_action_step_tab_then_type_in_one_burst(make_app):
    app = make_app(FakeClock())
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_section(pilot, "action-step")
        assert isinstance(screen, ActionStepScreen)
        await pilot.press("tab")  # from the feedback notes to the step
        await pilot.press(*"Wait")
        await burst(pilot, "tab", *"ok", "tab", *"7h")
        values = {name: screen.query_one(f"#step-{name}").value for name in ("text", "success", "code")}
        assert values == {"text": "Wait", "success": "ok", "code": "7h"}
        step = app.meeting.record("action-step").data["step"]
        assert (step["text"], step["success"], step["code"]) == ("Wait", "ok", "7h")


async def test_action_step_tab_then_type_with_pilot_press(make_app):
    app = make_app(FakeClock())
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_section(pilot, "action-step")
        await pilot.press("tab")
        await pilot.press(*"Wait")
        await pilot.press("tab")
        await pilot.press(*"ok")
        assert screen.query_one("#step-text").value == "Wait"
        assert screen.query_one("#step-success").value == "ok"


async def test_drop_in_day_then_tab_into_the_notes(make_app):
    app = make_app(FakeClock())
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_section(pilot, "drop-in")
        assert isinstance(screen, DropInScreen)
        await burst(pilot, *"mon", "tab", *"seen")
        assert screen.query_one("#drop-in-day").value == "mon"
        assert app.meeting.record("drop-in").notes.get("seen") == "seen"


async def test_next_dates_tab_then_type_in_one_burst(make_app):
    app = make_app(FakeClock())
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_section(pilot, "next")
        assert isinstance(screen, NextStepsScreen)
        await burst(pilot, *"fri", "tab", *"tue")
        assert screen.query_one("#when-next-drop-in").value == "fri"
        assert screen.query_one("#when-next-coaching").value == "tue"


async def test_start_screen_names_typed_in_one_burst_land_in_their_own_boxes(make_app):
    from textual.widgets import Input

    app = make_app(FakeClock())
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        app.screen.query_one("#ect", Input).focus()
        await burst(pilot, *"Ann", "tab", *"Bob")
        assert app.screen.query_one("#ect", Input).value == "Ann"
        assert app.screen.query_one("#mentor", Input).value == "Bob"


async def test_going_back_to_a_filled_box_adds_to_it_rather_than_replacing_it(make_app):
    from textual.widgets import Input

    app = make_app(FakeClock())
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_section(pilot, "action-step")
        box = screen.query_one("#step-text", Input)
        box.focus()
        await burst(pilot, *"Count down")
        await burst(pilot, "tab")
        await burst(pilot, "shift+tab")
        await burst(pilot, *" from 3")
        assert box.value == "Count down from 3"

"""Praise typed but never submitted with Enter is kept: saved as typed, added on moving on."""

from __future__ import annotations

from ect_tui.meeting.clock import FakeClock
from ect_tui.tui.screens.coaching import PraiseScreen
from ect_tui.tui.screens.summary import SummaryScreen

PRAISE = "Your [bold]countdown[/] got *every* pupil silent by 0"


async def open_praise(pilot):
    app = pilot.app
    await pilot.pause()
    app.start_meeting("weekly-coaching", ect="Sam Jones", mentor="Alex Smith")
    await pilot.pause()
    app.go_to("praise")
    await pilot.pause()
    assert isinstance(app.screen, PraiseScreen)
    return app.screen


async def test_praise_typed_without_enter_is_saved_as_typed_and_added_on_ctrl_n(make_app, store):
    app = make_app(FakeClock())
    async with app.run_test(size=(100, 30)) as pilot:
        await open_praise(pilot)
        await pilot.press(*[{" ": "space"}.get(ch, ch) for ch in PRAISE])
        await pilot.pause()
        # Saved with the meeting as it is typed, before any Enter or ctrl+n.
        assert app.save_now(wait=True)
        saved = {s["id"]: s["data"] for s in store.load_meeting(app.meeting.id)["sections"]}
        assert saved["praise"]["draft"] == PRAISE

        await pilot.press("ctrl+n")
        await pilot.pause()
        await pilot.pause()
        assert app.meeting.record("praise").data["praise"] == [PRAISE]
        assert app.meeting.record("praise").data["draft"] == ""
        assert [n.message for n in app._notifications] == [f"Added the praise you typed: {PRAISE}"]

        app.go_to("summary")
        await pilot.pause()
        assert isinstance(app.screen, SummaryScreen)
        assert f"Praise: {PRAISE}" in str(app.screen.query_one("#summary-text").content)
        await pilot.press("enter")  # finish
        await pilot.pause()

    app.saver.flush()
    [row] = store.list_meetings()
    doc = store.load_meeting(row["id"])
    data = {s["id"]: s["data"] for s in doc["sections"]}
    assert data["praise"]["praise"] == [PRAISE]


async def test_coming_back_shows_the_kept_point_in_the_list_and_an_empty_box(make_app):
    app = make_app(FakeClock())
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_praise(pilot)
        await pilot.press(*"Calm")
        await pilot.press("ctrl+o")
        await pilot.pause()
        app.go_to("praise")
        await pilot.pause()
        assert app.screen is screen
        assert screen.query_one("#praise-input").value == ""
        assert screen.praise == ["Calm"]
        assert "Praise given: 1" in str(screen.query_one("#praise-count").content)


async def test_enter_then_moving_on_adds_nothing_twice(make_app):
    app = make_app(FakeClock())
    async with app.run_test(size=(100, 30)) as pilot:
        await open_praise(pilot)
        await pilot.press(*"Calm", "enter", "ctrl+n")
        await pilot.pause()
        assert app.meeting.record("praise").data["praise"] == ["Calm"]
        assert not app._notifications


async def test_a_draft_left_after_a_crash_is_saved_and_in_the_summary(make_app, store):
    app = make_app(FakeClock())
    async with app.run_test(size=(100, 30)) as pilot:
        await open_praise(pilot)
        await pilot.press(*"Calm")
        await pilot.pause()
        assert app.save_now(wait=True)  # as the laptop dies, before any Enter or ctrl+n
        doc = store.load_meeting(app.meeting.id)
    praise = next(s for s in doc["sections"] if s["id"] == "praise")
    assert praise["data"] == {"draft": "Calm"}

    from ect_tui.coaching.outline import coaching_lines

    assert coaching_lines("praise", praise["data"]) == ["Praise: Calm"]

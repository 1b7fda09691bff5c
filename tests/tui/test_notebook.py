"""The mentor's private notebook: from the palette, saved as typed, never offered to an ECT."""

from __future__ import annotations

from ect_tui.store.notebook import load_notebook
from ect_tui.tui.screens.notebook import NotebookScreen


def commands(app) -> dict:
    return {c.title: c for c in app.get_system_commands(app.screen)}


async def test_notebook_opens_mid_meeting_saves_as_typed_and_escape_returns(make_app, store):
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        app.start_meeting("m1w1-module-audit", ect="Sam Jones", mentor="Alex Smith")
        app.go_to("review")
        await pilot.pause()
        meeting_screen = app.screen
        commands(app)["Private notebook: Sam Jones"].callback()
        await pilot.pause()
        assert isinstance(app.screen, NotebookScreen)
        shown = " ".join(str(s.content) for s in app.screen.query("Static"))
        assert "never exported" in shown
        await pilot.press(*"[bold]tired[/] after parents' evening")
        await pilot.press("escape")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.screen is meeting_screen
        assert load_notebook(store, "Sam Jones") == "[bold]tired[/] after parents' evening"
        commands(app)["Private notebook: Sam Jones"].callback()
        await pilot.pause()
        assert app.screen.query_one("#notebook-text").text == "[bold]tired[/] after parents' evening"


async def test_an_ect_reviewing_never_sees_the_notebook(make_app, store):
    store.set_setting("last_ect", "Sam Jones")
    mentor = make_app()
    async with mentor.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert "Private notebook: Sam Jones" in commands(mentor)
    ect = make_app()
    ect.review_ect = "Sam Jones"
    async with ect.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert not any("notebook" in title.lower() for title in commands(ect))

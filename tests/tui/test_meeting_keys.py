"""Keys that move through a meeting: shown where they do something, and back out of a wrong plan."""

from __future__ import annotations

from ect_tui.tui.screens.start import StartScreen
from tests.tui.steps import bar_text, open_audit_meeting


async def test_back_from_the_briefing_returns_to_the_first_screen_and_the_meeting_waits(make_app, store):
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await open_audit_meeting(app, pilot)
        assert "^o Back" in bar_text(app)
        await pilot.press("ctrl+o")
        await pilot.pause()
        assert isinstance(app.screen, StartScreen)
        assert app.meeting is None
        assert [row["ect"] for row in store.unfinished()] == ["Sam Jones"]
        assert app.screen.query_one("#unfinished").option_count == 1


async def test_the_summary_offers_no_next_stop(make_app):
    app = make_app()
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.pause()
        await open_audit_meeting(app, pilot)
        assert "^n Next" in bar_text(app)
        app.go_to("summary")
        await pilot.pause()
        assert "^n Next" not in bar_text(app)
        assert "^o Back" in bar_text(app)


async def test_the_palette_offers_leaving_a_meeting_for_now(make_app):
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await open_audit_meeting(app, pilot)
        commands = {command.title: command for command in app.get_system_commands(app.screen)}
        commands["Leave this meeting for now"].callback()
        await pilot.pause()
        assert isinstance(app.screen, StartScreen)
        assert app.meeting is None


async def test_escape_back_to_the_statements_is_shown_in_the_reason_box_only(make_app):
    app = make_app()
    async with app.run_test(size=(200, 30)) as pilot:
        await pilot.pause()
        await open_audit_meeting(app, pilot, at="audit")
        assert "esc To list" not in bar_text(app)
        await pilot.press("e", "enter")
        await pilot.pause()
        assert "esc To list" in bar_text(app)
        await pilot.press("escape")
        await pilot.pause()
        assert "esc To list" not in bar_text(app)

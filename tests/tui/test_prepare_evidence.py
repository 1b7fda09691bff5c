"""The prepare screen's evidence box at 80x24: saved evidence reads from its start, and editing goes to its end."""

from __future__ import annotations

from textual.widgets import Input


async def test_coming_back_to_long_evidence_shows_its_beginning_then_enter_edits_its_end(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        app.open_prepare("Sam Jones", "m1w1-module-audit")
        await pilot.pause()
        await pilot.press("2", "enter", *"drop-in 3 Nov: settled quickly and calmly", "enter")
        box = app.screen.query_one("#evidence", Input)
        assert box.scroll_x > 0  # longer than the box: it scrolled while typing
        await pilot.press("down", "up")
        await pilot.pause()
        assert (box.value, box.scroll_x) == ("drop-in 3 Nov: settled quickly and calmly", 0)
        await pilot.press("enter", "!")
        assert box.value == "drop-in 3 Nov: settled quickly and calmly!"

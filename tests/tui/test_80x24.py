"""At 80x24 what the mentor is typing, and what a field says about it, stay on screen.

Checked by the widgets' regions on screen, not by searching the drawn text."""

from __future__ import annotations

from textual.widgets import Input, Static

from ect_tui.tui.widgets.keybar import KeyBar
from ect_tui.tui.widgets.notes import NotesArea
from tests.tui.steps import open_audit_meeting

SIZE = (80, 24)


def above_the_key_bar(app, y_top: int, y_bottom: int) -> bool:
    """Rows y_top..y_bottom (inclusive, screen rows) lie inside the screen and above the key bar."""
    bar = app.screen.query_one(KeyBar).region
    return 0 <= y_top <= y_bottom < bar.y and bar.y == SIZE[1] - 1


async def type_lines(pilot, count: int) -> None:
    for number in range(1, count + 1):
        await pilot.press(*f"line {number}")
        if number < count:
            await pilot.press("enter")


async def test_ten_lines_in_a_note_keep_the_cursor_above_the_key_bar(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await open_audit_meeting(app, pilot, at="review")
        notes = list(app.screen.query("#body NotesArea").results(NotesArea))
        last = notes[-1]  # the last question's box starts near the foot of the screen
        last.focus()
        await pilot.pause()
        await type_lines(pilot, 10)
        await pilot.pause()
        assert last.text.endswith("line 10")
        y = last.cursor_screen_offset.y
        assert above_the_key_bar(app, y, y)
        assert last.region.y <= y < last.region.bottom  # the cursor is in the box, and the box is shown


async def test_ten_lines_of_a_reason_on_the_audit_keep_the_cursor_in_view(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await open_audit_meeting(app, pilot, at="audit")
        await pilot.press("2", "enter")
        await type_lines(pilot, 10)
        await pilot.pause()
        reason = app.screen.query_one("#reason", NotesArea)
        y = reason.cursor_screen_offset.y
        assert reason.has_focus and above_the_key_bar(app, y, y)
        assert reason.region.y <= y < reason.region.bottom


async def test_a_bad_date_shows_its_message_under_the_box_above_the_key_bar(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await open_audit_meeting(app, pilot, at="next-steps")
        box = app.screen.query_one("#when-next-meeting", Input)
        box.focus()
        await pilot.pause()
        await pilot.press(*"31/2 9am")
        await pilot.pause()
        feedback = app.screen.query_one("#when-next-meeting-feedback", Static)
        assert "not a real date" in str(feedback.content)
        region = feedback.region
        assert region.height >= 2  # the whole message, both lines
        assert above_the_key_bar(app, region.y, region.bottom - 1)
        assert region.y == box.region.bottom  # right under the box the mentor is typing in
        y = box.cursor_screen_offset.y
        assert above_the_key_bar(app, y, y)


async def test_the_audit_shows_the_levels_and_a_probing_prompt_while_rating(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await open_audit_meeting(app, pilot, at="audit")
        legend = app.screen.query_one("#audit-legend", Static)
        assert str(legend.content).startswith("1 Emerging  2 Developing  3 Secure")
        aside = app.screen.query_one("#aside")
        ask = str(app.screen.query_one("#aside-text", Static).content)
        assert ask.startswith("Ask: What examples from your teaching")
        for widget in (legend, aside):
            assert above_the_key_bar(app, widget.region.y, widget.region.y)
        await pilot.press("f2")  # the next prompt
        after = str(app.screen.query_one("#aside-text", Static).content)
        assert after.startswith("Ask: ") and after != ask

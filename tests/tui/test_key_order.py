"""Keys read together act in the order typed (tui/key_order.py, widgets/choices.py).

Found in tmux at 80x24: on next steps, ``space ↓ space tab`` typed quickly chose nothing. The
tab (a key that acts at once) moved focus before the list had looked up its keys, and the
list toggled whatever was highlighted by then, so the second space undid the first."""

from __future__ import annotations

from textual import events

from ect_tui.meeting.transcript import SUMMARY
from ect_tui.tui.widgets.notes import NotesArea
from tests.tui.steps import open_audit_meeting


def burst(app, *keys: tuple[str, str | None]) -> None:
    """Keys as one terminal read brings them: all queued before the first is handled."""
    for key, character in keys:
        app.post_message(events.Key(key, character))


async def test_choices_typed_quickly_then_tab_are_all_made_and_the_next_box_gets_the_text(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_audit_meeting(app, pilot, at="audit")
        await pilot.press("1", "down", "1")  # 1.1 and 1.2 Emerging: listed first
        app.go_to("next-steps")
        await pilot.pause()
        burst(app, ("space", " "), ("down", None), ("space", " "), ("tab", "\t"), ("R", "R"), ("e", "e"))
        await pilot.pause(0.2)
        await pilot.pause()
        assert app.meeting.record("next-steps").focus == ["1.1", "1.2"]
        notes = app.screen.focused
        assert isinstance(notes, NotesArea) and notes.text == "Re"


async def test_a_key_held_for_a_widget_that_closes_is_let_go(make_app):
    """A marker that never comes back (its screen went) frees the held keys after half a second."""
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_audit_meeting(app, pilot, at="audit")
        app.key_order.in_flight = 1  # as if a marker were lost with a closed screen
        burst(app, ("tab", "\t"))
        await pilot.pause(0.1)
        assert app.key_order.held  # waiting its turn
        await pilot.pause(0.6)
        assert not app.key_order.held and app.key_order.in_flight == 0
        app.go_to(SUMMARY)
        await pilot.pause()

"""One change path: the meeting announces its own changes and the app saves on that.

Before, screens compared the meeting's revision before and after each change and told the
app; a change made anywhere else (two palette commands) was never saved.
"""

from __future__ import annotations

from ect_tui.meeting.clock import FakeClock
from ect_tui.meeting.transcript import Meeting


async def _settle_saves(app, pilot) -> None:
    """Let the autosave timer fire (it is set short here), then wait for the saver."""
    for _ in range(10):
        await pilot.pause(0.05)
    app.saver.flush()


async def test_palette_settings_are_saved_with_nothing_else_changing(make_app, store):
    app = make_app(FakeClock())
    app.autosave_seconds = 0.05
    async with app.run_test(size=(100, 30)) as pilot:
        app.start_meeting("m1w1-module-audit", ect="Sam Jones", mentor="Alex Smith")
        await pilot.press("ctrl+n")  # the first section
        await pilot.press("ctrl+t")  # its timer paused, so no tick saves the meeting meanwhile
        app.save_now(wait=True)
        section = app.meeting.current.id
        commands = {c.title: c for c in app.get_system_commands(app.screen)}
        commands["Keep the meeting to the hour: turn off"].callback()
        commands["Pin this section's minutes"].callback()
        await _settle_saves(app, pilot)
        doc = store.load_meeting(app.meeting.id)
    assert doc["rebalance"] is False
    assert next(s for s in doc["sections"] if s["id"] == section)["pinned"] is True


def test_the_meeting_announces_each_change_once_and_nothing_else(audit_script):
    meeting = Meeting(audit_script, ect="Sam Jones", mentor="Alex Smith", clock=FakeClock())
    heard: list[int] = []
    meeting.on_change = lambda: heard.append(meeting.revision)
    meeting.set_rebalance(False)
    meeting.set_note("review", "where-when", "Tuesdays")
    meeting.set_note("review", "where-when", "Tuesdays")  # the same text: no change to announce
    meeting.toggle_pin("review")
    assert heard == [1, 2, 3]
    assert meeting.revision == 3


async def test_a_meeting_left_behind_no_longer_reaches_the_app(make_app):
    app = make_app(FakeClock())
    async with app.run_test(size=(100, 30)) as pilot:
        app.start_meeting("m1w1-module-audit", ect="Sam Jones", mentor="Alex Smith")
        await pilot.pause()
        old = app.meeting
        app.new_meeting()
        await pilot.pause()
        assert app.meeting is None
        assert old.on_change is None

"""Resuming a meeting killed mid-audit puts the mentor back on the statement and field they left."""

from __future__ import annotations

from ect_tui.tui.screens.audit import AuditScreen
from ect_tui.tui.widgets.notes import NotesArea
from tests.tui.steps import open_audit_meeting


async def test_resuming_a_meeting_killed_mid_audit_highlights_the_statement_it_was_on(make_app):
    first = make_app()
    async with first.run_test(size=(80, 24)) as pilot:
        await open_audit_meeting(first, pilot, at="audit")
        await pilot.press("2", "down", "1", "down", "3", "down", "down")  # 1.1-1.3 rated, on to 1.5
        await pilot.press(*"she tried")  # typing the reason, straight from the list
        first.save_now(wait=True)  # what the autosave had on disk when the laptop died
        meeting_id = first.meeting.id
    # No quit, no clean exit: the next app opens the same file and carries the meeting on.
    again = make_app()
    async with again.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        again.resume_meeting(meeting_id)
        await pilot.pause()
        screen = again.screen
        assert isinstance(screen, AuditScreen)
        assert screen.current_code == "1.5"
        reason = screen.query_one("#reason", NotesArea)
        assert reason.has_focus and reason.text == "she tried"
        await pilot.press("escape", "ctrl+z")  # the last key before the crash: 1.3 rated Secure
        await pilot.pause()
        assert again.meeting.record("audit").rating("1.3").level is None
        assert "Undone 1.3: not rated -> Secure" in str(screen.query_one("#last-change").content)


async def test_keys_typed_as_the_resumed_audit_opens_carry_the_reason_on_at_its_end(make_app):
    first = make_app()
    async with first.run_test(size=(80, 24)) as pilot:
        await open_audit_meeting(first, pilot, at="audit")
        await pilot.press(*"she tried")
        first.save_now(wait=True)
        meeting_id = first.meeting.id
    again = make_app()
    async with again.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        again.resume_meeting(meeting_id)
        await pilot.press(*" it twice")  # no pause: typed while the screen opens
        await pilot.pause()
        assert again.screen.query_one("#reason", NotesArea).text == "she tried it twice"


async def test_an_audit_never_left_opens_at_the_first_unrated_statement(make_app, store, audit_script):
    from datetime import datetime

    from tests.factories import audit_meeting

    doc = audit_meeting(audit_script, ect="Sam Jones", when=datetime(2026, 11, 17, 15, 30), finish=False)
    doc["position"] = "audit"
    ratings = doc["sections"][1]["ratings"]
    for code in ("1.4", "1a"):
        del ratings[code]
    store.put_meeting(doc)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        app.resume_meeting(doc["id"])
        await pilot.pause()
        assert app.screen.current_code == "1.4"
        await pilot.press("greater_than_sign")
        assert app.screen.current_code == "1a"

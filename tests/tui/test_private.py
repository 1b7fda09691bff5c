"""The mentor's private box: typed on any meeting screen, kept apart from the shared record."""

from __future__ import annotations

from ect_tui.tui.screens.audit import AuditScreen


async def test_private_notes_are_kept_apart_from_shared_notes(make_app, store):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        app.start_meeting("m1w1-module-audit", ect="Sam Jones", mentor="Alex Smith")
        await pilot.press("ctrl+f", *"tired")  # on the briefing: the meeting's own private note
        await pilot.press("ctrl+n")
        await pilot.pause()
        panel = app.screen.query_one("#private")
        assert not panel.display  # empty private boxes stay out of the way
        await pilot.press(*"shared")
        await pilot.press("ctrl+f", *"worried")
        await pilot.press("ctrl+f")  # back to the notes
        await pilot.press(*"!")
        await pilot.press("ctrl+n")
        await pilot.pause()
        assert isinstance(app.screen, AuditScreen)
        await pilot.press("ctrl+f", *"x", "escape")
        app.save_now(wait=True)
        doc = store.load_meeting(app.meeting.id)
    review, audit, _ = doc["sections"]
    assert doc["private"] == "tired"
    assert review["private"] == "worried" and review["notes"] == {"where-when": "shared!"}
    assert audit["private"] == "x" and audit["ratings"] == {}

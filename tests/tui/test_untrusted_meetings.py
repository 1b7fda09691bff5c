"""Meetings the app did not write itself: a newer schema opens read-only; a bad file is skipped."""

from __future__ import annotations

import json
from datetime import datetime

from ect_tui.tui.screens.transcript import TranscriptScreen
from tests.factories import audit_meeting


async def test_a_meeting_from_a_newer_version_opens_read_only_and_is_never_rewritten(
    make_app, store, audit_script
) -> None:
    doc = audit_meeting(audit_script, ect="Sam Jones", when=datetime(2026, 11, 17, 15, 30), finish=False)
    doc["schema"] = 99
    doc["from_the_future"] = {"kept": True}
    path = store.meeting_path(doc["id"])
    path.write_text(json.dumps(doc), encoding="utf-8")
    store.reindex()
    before = path.read_bytes()
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        app.resume_meeting(doc["id"])
        await pilot.pause()
        assert isinstance(app.screen, TranscriptScreen)
        assert app.meeting is None or app.meeting.id != doc["id"]
        assert any("newer ect-tui" in str(n.message) for n in app._notifications)
        app.save_now(wait=True)
    assert path.read_bytes() == before


async def test_the_start_screen_opens_over_a_stored_setting_of_the_wrong_type(make_app, store) -> None:
    data = json.loads(store.path.read_text())
    data["settings"] = {"1": {"key": "last_ect", "value": ["Sam"]}, "2": {"key": "last_mentor", "value": 5}}
    store.path.write_text(json.dumps(data))
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert app.screen.__class__.__name__ == "StartScreen"

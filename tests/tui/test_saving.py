"""Nothing lost: resume after the app goes away, and saving that fails then recovers."""

from __future__ import annotations

import errno

from ect_tui.meeting.clock import FakeClock
from ect_tui.script.catalog import load_catalog
from ect_tui.store import SaveFailedError, Store
from ect_tui.tui.app import EctApp
from ect_tui.tui.screens.discussion import DiscussionScreen
from ect_tui.tui.screens.save_as import SaveAsScreen


async def test_an_unfinished_meeting_comes_back_exactly(tmp_path):
    path = tmp_path / "ect-tui.json"
    clock = FakeClock()
    store = Store.open(path)
    app = EctApp(store=store, catalog=load_catalog([]), clock=clock)
    async with app.run_test(size=(100, 30)) as pilot:
        app.start_meeting("m1w1-module-audit", ect="Sam Jones", mentor="Alex Smith")
        await pilot.press("ctrl+n")
        await pilot.press(*"Tuesdays")
        clock.advance(90)
        await pilot.press("ctrl+g")  # one more minute for this section
        app.save_now(wait=True)
    store.close()  # as if the terminal had closed: the meeting was never finished

    store = Store.open(path)
    clock.advance(3600)  # the time away is not counted
    app = EctApp(store=store, catalog=load_catalog([]), clock=clock)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        unfinished = app.screen.query_one("#unfinished")
        assert unfinished.option_count == 1
        unfinished.focus()
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, DiscussionScreen)
        meeting = app.meeting
        assert meeting.record("review").notes["where-when"] == "Tuesdays"
        countdown = meeting.record("review").countdown
        assert countdown.elapsed == 90 and countdown.budget_seconds == 16 * 60 and countdown.running
        assert app.screen.query("NotesArea").first().text == "Tuesdays"
    store.close()


async def test_saving_failure_is_shown_retried_and_recovers(make_app, store, monkeypatch):
    app = make_app()
    app.retry_seconds = 0.05
    real_save = store.save_meeting
    disk = {"full": True}

    def flaky_save(doc):
        if disk["full"]:
            raise SaveFailedError(store.meetings_dir, OSError(errno.ENOSPC, "No space left on device"))
        real_save(doc)

    monkeypatch.setattr(store, "save_meeting", flaky_save)
    notices: list[str] = []
    monkeypatch.setattr(app, "notify", lambda message, **kw: notices.append(f"{kw.get('title')}: {message}"))
    async with app.run_test(size=(100, 30)) as pilot:
        app.start_meeting("m1w1-module-audit", ect="Sam Jones", mentor="Alex Smith")
        await pilot.press("ctrl+n", *"Kept in memory")
        app.save_now(wait=True)
        await pilot.pause()
        assert app.save_error is not None
        assert app.screen.query_one("#bar-unsaved").display
        assert any(n.startswith("Saving failed: Could not save") and "disk is full" in n for n in notices)
        disk["full"] = False  # space freed: the next retry must get everything on disk
        for _ in range(50):  # the retry timer fires every 0.05 s until a save succeeds
            await pilot.pause(0.05)
            if app.save_error is None:
                break
        assert app.save_error is None
        assert not app.screen.query_one("#bar-unsaved").display
    doc = store.load_meeting(app.meeting.id)
    assert doc["sections"][0]["notes"]["where-when"] == "Kept in memory"


async def test_save_a_copy_elsewhere(make_app, tmp_path):
    import json

    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        app.start_meeting("m1w1-module-audit", ect="Sam Jones", mentor="Alex Smith")
        await pilot.press("ctrl+n", *"On the USB stick")
        app.action_save_copy()
        await pilot.pause()
        assert isinstance(app.screen, SaveAsScreen)
        target = tmp_path / "copy.json"
        box = app.screen.query_one("#save-path")
        box.value = str(target)
        await pilot.press("enter")
        await pilot.pause()
        saved = json.loads(target.read_text())
        assert saved["sections"][0]["notes"]["where-when"] == "On the USB stick"


async def test_time_passing_without_typing_is_saved_within_seconds(tmp_path):
    """A crash after ten minutes of talk, with nothing typed, keeps those ten minutes."""
    path = tmp_path / "ect-tui.json"
    clock = FakeClock()
    store = Store.open(path)
    app = EctApp(store=store, catalog=load_catalog([]), clock=clock)
    app.autosave_seconds = 0.01
    async with app.run_test(size=(100, 30)) as pilot:
        app.start_meeting("m1w1-module-audit", ect="Sam Jones", mentor="Alex Smith")
        await pilot.press("ctrl+n")  # the review's countdown starts
        app.save_now(wait=True)
        clock.advance(600)  # ten minutes of talk; no key pressed
        app._tick()  # what the app's one-second interval does
        await pilot.pause(0.05)
        assert app.saver.flush()
        saved = store.load_meeting(app.meeting.id)
        review = next(s for s in saved["sections"] if s["id"] == "review")
        assert review["elapsed_seconds"] >= 600
    store.close()

"""Quitting while saves fail asks: try again, save a copy elsewhere, or quit and lose the text."""

from __future__ import annotations

import errno
import json

import pytest

from ect_tui.store import SaveFailedError
from ect_tui.tui.screens.quit_unsaved import QuitUnsavedScreen
from ect_tui.tui.screens.save_as import SaveAsScreen


@pytest.fixture
def full_disk(store, monkeypatch):
    real_save = store.save_meeting
    disk = {"full": True}

    def flaky_save(doc):
        if disk["full"]:
            raise SaveFailedError(store.meetings_dir, OSError(errno.ENOSPC, "No space left on device"))
        real_save(doc)

    monkeypatch.setattr(store, "save_meeting", flaky_save)
    return disk


async def _typed_then_quit(app, pilot, text: str) -> None:
    app.start_meeting("m1w1-module-audit", ect="Sam Jones", mentor="Alex Smith")
    await pilot.press("ctrl+n", *text)
    await pilot.press("ctrl+q")
    await pilot.pause()


async def test_quit_while_the_disk_is_full_asks_instead_of_exiting(make_app, full_disk) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await _typed_then_quit(app, pilot, "Only in memory")
        assert isinstance(app.screen, QuitUnsavedScreen)
        assert "disk is full" in str(app.screen.query_one(".hint").render())
        await pilot.press("escape")  # stay: nothing lost
        await pilot.pause()
        assert not isinstance(app.screen, QuitUnsavedScreen) and app.is_running


async def test_try_again_saves_and_quits_once_space_is_freed(make_app, store, full_disk) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await _typed_then_quit(app, pilot, "Kept after all")
        full_disk["full"] = False
        await pilot.press("r")
        await pilot.pause()
    assert app.return_code in (0, None)
    doc = store.load_meeting(app.meeting.id)
    assert doc["sections"][0]["notes"]["where-when"] == "Kept after all"


async def test_save_a_copy_elsewhere_then_quit(make_app, full_disk, tmp_path) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await _typed_then_quit(app, pilot, "On the USB stick")
        await pilot.press("c")
        await pilot.pause()
        assert isinstance(app.screen, SaveAsScreen)
        target = tmp_path / "rescued.json"
        app.screen.query_one("#save-path").value = str(target)
        await pilot.press("enter")
        await pilot.pause()
    saved = json.loads(target.read_text())
    assert saved["sections"][0]["notes"]["where-when"] == "On the USB stick"


async def test_quit_and_lose_it_is_a_choice_the_mentor_makes(make_app, full_disk) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await _typed_then_quit(app, pilot, "Let it go")
        await pilot.press("enter")  # Enter alone is "try again": still failing, so it asks again
        await pilot.pause()
        assert isinstance(app.screen, QuitUnsavedScreen)
        await pilot.press("q")
        await pilot.pause()
    assert not app.is_running

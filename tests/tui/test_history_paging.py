"""The history screen adds meetings a page at a time, yet every meeting stays reachable."""

from __future__ import annotations

import copy
from datetime import datetime, timedelta

import pytest

from ect_tui.meeting.clock import FakeClock
from ect_tui.script.catalog import load_catalog
from ect_tui.store import Store
from ect_tui.tui.app import EctApp
from ect_tui.tui.screens.history import PAGE_ROWS, HistoryScreen
from tests.factories import audit_meeting

MEETINGS = 2 * PAGE_ROWS + 30


@pytest.fixture
def many_db(tmp_path, audit_script):
    """MEETINGS weekly meetings with Sam; the oldest one is with Priya."""
    path = tmp_path / "ect-tui.json"
    first = datetime(2020, 1, 6, 15)
    template = audit_meeting(audit_script, ect="Sam Jones", when=first)
    with Store.open(path) as store:
        for week in range(MEETINGS):
            doc = copy.deepcopy(template)
            doc["id"] = f"meeting-{week:04d}"
            doc["started"] = (first + timedelta(weeks=week)).astimezone().isoformat()
            if week == 0:
                doc["ect"] = "Priya Shah"
            store.put_meeting(doc)
    return path


async def open_history(pilot, app: EctApp) -> HistoryScreen:
    await pilot.pause()
    app.open_history()
    await pilot.pause()
    await app.workers.wait_for_complete()
    await pilot.pause()
    screen = app.screen
    assert isinstance(screen, HistoryScreen)
    return screen


def app_on(path) -> EctApp:
    return EctApp(store=Store.open(path), catalog=load_catalog([]), clock=FakeClock())


def status_of(screen) -> str:
    return str(screen.query_one("#history-status").content)


async def test_first_page_then_the_rest_as_the_cursor_moves_down(many_db):
    app = app_on(many_db)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_history(pilot, app)
        table = screen.query_one("#meetings")
        assert table.row_count == PAGE_ROWS
        newest = len(screen.rows)
        assert PAGE_ROWS <= newest < MEETINGS  # the newest months only, so far
        assert f"The newest {newest} of {MEETINGS} meetings" in status_of(screen)
        for _ in range(newest):  # to the last of the newest months: the older ones are read
            await pilot.press("down")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert f"{MEETINGS} of {MEETINGS} meetings" in status_of(screen)
        for _ in range(MEETINGS - newest):
            await pilot.press("down")
        await pilot.pause()
        assert table.row_count == MEETINGS
        assert table.cursor_row == MEETINGS - 1
        assert screen.selected_id() == "meeting-0000"  # the oldest, last


async def test_ctrl_end_reaches_the_oldest_meeting(many_db):
    app = app_on(many_db)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_history(pilot, app)
        await pilot.press("ctrl+end")  # before the older months are read: it goes there once they are
        await app.workers.wait_for_complete()
        await pilot.pause()
        table = screen.query_one("#meetings")
        assert table.row_count == MEETINGS
        assert screen.selected_id() == "meeting-0000"


async def test_page_down_keeps_loading(many_db):
    app = app_on(many_db)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_history(pilot, app)
        table = screen.query_one("#meetings")
        for _ in range(MEETINGS // 10):
            await pilot.press("pagedown")
            await app.workers.wait_for_complete()
        await pilot.pause()
        assert table.row_count == MEETINGS
        assert screen.selected_id() == "meeting-0000"


async def test_filter_finds_meetings_not_yet_in_the_table(many_db):
    app = app_on(many_db)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_history(pilot, app)
        await pilot.press("slash", *"priya")
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        table = screen.query_one("#meetings")
        assert table.row_count == 1
        await pilot.press("enter", "enter")  # back to the table, then open the meeting
        await pilot.pause()
        assert type(app.screen).__name__ == "TranscriptScreen"
        assert app.screen.doc["id"] == "meeting-0000"


def slow_notes(app) -> list[str]:
    """Make every meeting file slow to read (a hub's 50,000 take half a minute to search);
    the ids read so far, in order."""
    import time

    opened: list[str] = []
    real_load = app.store.load_meeting

    def slow_load(meeting_id):
        opened.append(meeting_id)
        time.sleep(0.05)
        return real_load(meeting_id)

    app.store.load_meeting = slow_load
    return opened


async def searching_stops_after(pilot, opened: list[str], *keys: str) -> None:
    """Start a notes search ("xyz"), press ``keys``, then check no file is read any more."""
    import asyncio

    await pilot.press("slash", "x", "y", "z")
    await asyncio.sleep(0.2)
    await pilot.press(*keys)
    await asyncio.sleep(0.2)
    stopped_at = len(opened)
    await asyncio.sleep(0.3)
    assert len(opened) == stopped_at < MEETINGS


async def test_a_notes_search_stops_when_the_screen_is_left(many_db):
    app = app_on(many_db)
    opened = slow_notes(app)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_history(pilot, app)
        await searching_stops_after(pilot, opened, "escape", "escape")  # out of the filter, off the screen


async def test_clearing_the_filter_stops_a_notes_search(many_db):
    app = app_on(many_db)
    opened = slow_notes(app)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_history(pilot, app)
        await searching_stops_after(pilot, opened, "backspace", "backspace")  # "x": too short to search


async def test_the_older_months_are_read_only_when_the_mentor_goes_past_the_newest(many_db):
    """At a hub reading every month takes a third of a second and 40 MB: the first page does not
    wait for it, and a mentor who only looks at this term's meetings never pays it."""
    app = app_on(many_db)
    asked: list[int | None] = []
    real_rows = app.store.meeting_rows

    def rows(*, ect=None, at_least=None):
        asked.append(at_least)
        return real_rows(ect=ect, at_least=at_least)

    app.store.meeting_rows = rows
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_history(pilot, app)
        assert asked == [PAGE_ROWS]
        await pilot.press("down", "down", "down")
        await app.workers.wait_for_complete()
        assert asked == [PAGE_ROWS]  # nothing more read for three rows down
        await pilot.press("slash", *"pri")  # a filter looks through every meeting
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert asked == [PAGE_ROWS, None]
        assert screen.query_one("#meetings").row_count == 1  # Priya's, the oldest
        assert status_of(screen).startswith("1 of 130 meetings")


async def test_the_cursor_stays_put_when_the_older_months_arrive(many_db):
    app = app_on(many_db)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_history(pilot, app)
        for _ in range(3):
            await pilot.press("down")
        await app.workers.wait_for_complete()
        assert not screen.complete
        chosen = screen.selected_id()
        doc = app.store.load_meeting("meeting-0002")
        doc["id"], doc["started"] = "meeting-new", "2030-01-06T15:00:00+00:00"
        app.store.put_meeting(doc)  # a meeting saved meanwhile, at the top: the cursor stays on the same one
        screen.read_all()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert f"{MEETINGS + 1} of {MEETINGS + 1}" in status_of(screen)
        assert screen.selected_id() == chosen
        assert screen.query_one("#meetings").cursor_row == 4  # one row lower: the new meeting is above


async def test_every_column_fits_80_columns(tmp_path, audit_script):
    path = tmp_path / "ect-tui.json"
    doc = audit_meeting(audit_script, ect="Alexandra Montgomery-Smythe", when=datetime(2025, 9, 8, 15))
    doc["script"]["title"] = "Weekly instructional coaching for the second year"
    with Store.open(path) as store:
        store.put_meeting(doc)
    app = app_on(path)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_history(pilot, app)
        table = screen.query_one("#meetings")
        assert table.virtual_size.width <= table.scrollable_content_region.width  # the length too
        assert [str(cell) for cell in table.get_row_at(0)[1:3]] == [
            "Alexandra Montg…",
            "Weekly instructiona…",
        ]

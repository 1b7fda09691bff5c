"""Snapshots of the coordinator's overview and a coaching screen on a frozen clock. Review SVGs by eye."""

from __future__ import annotations

from datetime import datetime

from ect_tui.meeting.clock import FakeClock
from tests.coaching.builders import STEP_C, TODAY, coaching_meeting, overview_fixture


def test_overview_three_ects(snap_compare, make_app, store, audit_script):
    """On track (Sam), missed two weeks (Priya), a step open for a month (Lee); frozen on Tue 24 Nov 2026."""
    overview_fixture(store, audit_script)
    app = make_app(FakeClock(TODAY.astimezone()))

    async def run_before(pilot) -> None:
        await pilot.pause()
        app.open_overview()
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press("down")  # Priya: the detail shows why she is flagged
        await pilot.pause()

    assert snap_compare(app, terminal_size=(100, 30), run_before=run_before)


def test_last_step_at_80x24(snap_compare, make_app, store):
    store.put_meeting(coaching_meeting(ect="Sam Jones", when=datetime(2026, 11, 17, 15), step=STEP_C))
    app = make_app(FakeClock(TODAY.astimezone()))

    async def run_before(pilot) -> None:
        await pilot.pause()
        app.start_meeting("weekly-coaching", ect="Sam Jones", mentor="Alex Smith")
        await pilot.pause()
        app.go_to("last-step")
        await pilot.pause()
        await pilot.press("p")
        await pilot.pause()

    assert snap_compare(app, terminal_size=(80, 24), run_before=run_before)


def test_practice_at_80x24(snap_compare, make_app, store):
    """Deliberate practice: its own round keys first in the key bar, then help and quit."""
    store.put_meeting(coaching_meeting(ect="Sam Jones", when=datetime(2026, 11, 17, 15), step=STEP_C))
    app = make_app(FakeClock(TODAY.astimezone()))

    async def run_before(pilot) -> None:
        await pilot.pause()
        app.start_meeting("weekly-coaching", ect="Sam Jones", mentor="Alex Smith")
        await pilot.pause()
        app.go_to("practice")
        await pilot.pause()

    assert snap_compare(app, terminal_size=(80, 24), run_before=run_before)

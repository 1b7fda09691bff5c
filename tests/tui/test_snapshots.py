"""Snapshots of the key screens on a frozen clock. Review new SVGs by eye before committing."""

from __future__ import annotations

import pytest

from ect_tui.meeting.clock import FakeClock

SIZE = (100, 30)


def started_app(make_app, clock: FakeClock, position: str):
    """An app with a meeting already open at ``position`` (no typing needed to get there)."""
    app = make_app(clock)

    async def open_meeting(pilot) -> None:
        await pilot.pause()
        app.start_meeting("m1w1-module-audit", ect="Sam Jones", mentor="Alex Smith")
        await pilot.pause()
        app.go_to(position)
        await pilot.pause()

    return app, open_meeting


@pytest.mark.parametrize(
    "minutes, state",
    [(3, "normal"), (13.5, "warning"), (16.25, "overtime")],
)
def test_countdown_states(snap_compare, make_app, minutes, state):
    clock = FakeClock()
    app, open_meeting = started_app(make_app, clock, "review")

    async def run_before(pilot) -> None:
        await open_meeting(pilot)
        clock.advance(minutes * 60)
        app.screen.refresh_clock()
        await pilot.pause()
        countdown = app.screen.query_one("#bar-countdown")
        assert countdown.has_class(f"-{state}")

    assert snap_compare(app, terminal_size=SIZE, run_before=run_before)


def test_audit_screen(snap_compare, make_app):
    clock = FakeClock()
    app, open_meeting = started_app(make_app, clock, "audit")

    async def run_before(pilot) -> None:
        await open_meeting(pilot)
        await pilot.press("1", "down", "2", "down", "3", "down", "1")  # 1.1-1.4; the cursor stays on 1.4
        await pilot.press(*"Not yet [bold]tried[/]", "escape", "plus")  # typed on the list: the reason
        clock.advance(12 * 60)
        app.screen.refresh_clock()
        await pilot.pause()

    assert snap_compare(app, terminal_size=SIZE, run_before=run_before)


def test_audit_screen_at_80x24(snap_compare, make_app):
    clock = FakeClock()
    app, open_meeting = started_app(make_app, clock, "audit")
    assert snap_compare(app, terminal_size=(80, 24), run_before=open_meeting)


def test_audit_screen_at_80x24_while_rating(snap_compare, make_app):
    """A rating, a reason typed straight on the list, a view, and the line saying what changed."""
    clock = FakeClock()
    app, open_meeting = started_app(make_app, clock, "audit")

    async def run_before(pilot) -> None:
        await open_meeting(pilot)
        await pilot.press("2", "down", "3")
        await pilot.press(*"she said she had tried it in Year 8", "escape", "minus")
        await pilot.pause()

    assert snap_compare(app, terminal_size=(80, 24), run_before=run_before)


def test_next_steps_at_80x24_with_a_bad_date(snap_compare, make_app):
    clock = FakeClock()
    app, open_meeting = started_app(make_app, clock, "next-steps")

    async def run_before(pilot) -> None:
        await open_meeting(pilot)
        app.screen.query_one("#when-next-meeting").focus()
        await pilot.pause()
        await pilot.press(*"31/2 9am")
        await pilot.pause()

    assert snap_compare(app, terminal_size=(80, 24), run_before=run_before)


def test_help_at_80x24(snap_compare, make_app):
    clock = FakeClock()
    app, open_meeting = started_app(make_app, clock, "audit")

    async def run_before(pilot) -> None:
        await open_meeting(pilot)
        await pilot.press("f1")
        await pilot.pause()

    assert snap_compare(app, terminal_size=(80, 24), run_before=run_before)


def test_start_screen_at_80x24(snap_compare, make_app, store, audit_script):
    """The first screen a mentor sees: remembered names, an unfinished meeting, the plans, the keys."""
    from datetime import datetime

    from tests.factories import audit_meeting

    store.set_setting("last_ect", "Sam Jones")
    store.set_setting("last_mentor", "Alex Smith")
    store.put_meeting(
        audit_meeting(audit_script, ect="Sam Jones", when=datetime(2026, 11, 17, 15, 30), finish=False)
    )
    assert snap_compare(make_app(FakeClock()), terminal_size=(80, 24))

"""Countdown arithmetic on a fake clock: no sleeping."""

from __future__ import annotations

from ect_tui.meeting.countdown import Countdown, TimerState, format_clock


def test_counts_down_only_while_running(clock):
    countdown = Countdown(900, clock)
    clock.advance(30)
    assert countdown.elapsed == 0 and countdown.remaining == 900
    countdown.start()
    clock.advance(60)
    assert countdown.remaining == 840
    countdown.pause()
    clock.advance(300)
    assert countdown.remaining == 840
    countdown.resume()
    clock.advance(40)
    assert countdown.elapsed == 100


def test_starting_twice_does_not_reset(clock):
    countdown = Countdown(60, clock)
    countdown.start()
    clock.advance(10)
    countdown.start()
    clock.advance(10)
    assert countdown.elapsed == 20


def test_warning_in_last_two_minutes_then_overtime_counts_up(clock):
    countdown = Countdown(300, clock)
    countdown.start()
    clock.advance(179)
    assert countdown.state is TimerState.NORMAL
    clock.advance(1)
    assert countdown.state is TimerState.WARNING
    clock.advance(120)
    assert countdown.state is TimerState.WARNING and countdown.remaining == 0
    clock.advance(75)
    assert countdown.state is TimerState.OVERTIME
    assert countdown.overtime == 75
    assert format_clock(countdown.remaining) == "+01:15"


def test_extend_and_shorten_by_a_minute(clock):
    countdown = Countdown(300, clock)
    countdown.extend(1)
    assert countdown.remaining == 360
    countdown.extend(-1)
    countdown.extend(-1)
    assert countdown.remaining == 240
    for _ in range(10):
        countdown.extend(-1)
    assert countdown.budget_seconds == 60  # never over before it starts
    short = Countdown(30, clock)
    short.extend(-1)
    assert short.budget_seconds == 30  # a plan shorter than a minute keeps its own length


def test_toggle(clock):
    countdown = Countdown(60, clock)
    countdown.toggle()
    assert countdown.running
    countdown.toggle()
    assert not countdown.running


def test_format_clock_rounds_towards_the_plan():
    assert format_clock(900) == "15:00"
    assert format_clock(899.2) == "15:00"
    assert format_clock(59.0) == "00:59"
    assert format_clock(0) == "00:00"
    assert format_clock(-0.5) == "+00:00"
    assert format_clock(-61.9) == "+01:01"
    assert format_clock(3725) == "62:05"


def test_the_meetings_plan_grows_with_added_minutes_but_not_shrunk_by_rebalancing():
    from ect_tui.meeting.countdown import meeting_plan_seconds

    script = [900, 2400, 300]
    assert meeting_plan_seconds(script, [900, 2340, 300]) == 3600  # an overrun shrank what came after
    assert meeting_plan_seconds(script, [960, 2400, 300]) == 3660  # the mentor added a minute

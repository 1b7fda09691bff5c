"""Next dates in a coaching meeting: a typed date that is no date is kept and marked; far ones are spelled out."""

from __future__ import annotations

from ect_tui.meeting.clock import FakeClock
from ect_tui.tui.screens.coaching import DropInScreen
from ect_tui.tui.screens.next_steps import NextStepsScreen
from ect_tui.tui.screens.summary import SummaryScreen


def shown(screen, selector: str) -> str:
    return str(screen.query_one(selector).content)


async def test_next_dates_inline_and_in_the_summary(make_app):
    app = make_app(FakeClock())  # Tue 24 Nov 2026, 15:30
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        app.start_meeting("weekly-coaching", ect="Sam Jones", mentor="Alex Smith")
        await pilot.pause()
        app.go_to("next")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, NextStepsScreen)
        await pilot.press(*"32/13")
        assert "'32/13' is not a real date" in shown(screen, "#when-next-drop-in-feedback")
        assert "Kept as typed, not as a date." in shown(screen, "#when-next-drop-in-feedback")
        assert screen.query_one("#when-next-drop-in-feedback").has_class("-error")
        await pilot.press("tab")
        await pilot.press(*"20/11")
        # Still marked once focus has moved on, and nothing lost.
        box = screen.query_one("#when-next-drop-in")
        assert box.value == "32/13" and box.has_class("-invalid")
        record = app.meeting.record("next")
        assert record.fields["next-drop-in"] == "32/13" and "next-drop-in" not in record.dates
        assert shown(screen, "#when-next-coaching-feedback").startswith(
            "→ Sat 20 Nov 2027, 12 months away: '20/11' has passed this year."
        )
        assert not screen.query_one("#when-next-coaching").has_class("-invalid")
        app.go_to("summary")
        await pilot.pause()
        assert isinstance(app.screen, SummaryScreen)
        text = shown(app.screen, "#summary-text")
        assert "  32/13 (not read as a date)" in text
        assert "  Sat 20 Nov 2027" in text


async def test_drop_in_far_back_is_spelled_out_and_a_future_one_refused(make_app):
    app = make_app(FakeClock())  # Tue 24 Nov 2026
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        app.start_meeting("weekly-coaching", ect="Sam Jones", mentor="Alex Smith")
        await pilot.pause()
        app.go_to("drop-in")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, DropInScreen)
        await pilot.press(*"4/12")
        assert shown(screen, "#drop-in-day-feedback").startswith("→ Thu 4 Dec 2025, 12 months ago")
        await pilot.press("ctrl+u", "f", "r", "i", "space", "4", "space", "d", "e", "c")
        assert "Fri 4 Dec 2026 is in the future" in shown(screen, "#drop-in-day-feedback")
        assert screen.query_one("#drop-in-day").has_class("-invalid")
        assert app.meeting.record("drop-in").data["date"] is None

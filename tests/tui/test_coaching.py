"""A whole coaching meeting driven by keys on a fake clock, starting from last week's open step."""

from __future__ import annotations

from datetime import datetime

from ect_tui.coaching.report import report_from_store
from ect_tui.coaching.steps import MET, OPEN, step_history
from ect_tui.meeting.clock import FakeClock
from ect_tui.tui.screens.briefing import BriefingScreen
from ect_tui.tui.screens.coaching import (
    ActionStepScreen,
    DropInScreen,
    LastStepScreen,
    PracticeScreen,
    PraiseScreen,
)
from ect_tui.tui.screens.next_steps import NextStepsScreen
from ect_tui.tui.screens.overview import OverviewScreen
from ect_tui.tui.screens.study import StudyScreen
from ect_tui.tui.screens.summary import SummaryScreen
from tests.coaching.builders import STEP_A, coaching_meeting


async def type_text(pilot, text: str) -> None:
    await pilot.press(*[{" ": "space"}.get(ch, ch) for ch in text])


def shown(screen, selector: str) -> str:
    return str(screen.query_one(selector).content)


async def test_a_coaching_meeting_from_last_weeks_step(make_app, store):
    last_week = coaching_meeting(ect="Sam Jones", when=datetime(2026, 11, 17, 15), step=STEP_A)
    store.put_meeting(last_week)
    old_id = last_week["sections"][3]["data"]["step"]["id"]
    clock = FakeClock()  # Tue 24 Nov 2026, 15:30
    app = make_app(clock)
    async with app.run_test(size=(100, 30)) as pilot:
        await type_text(pilot, "Sam Jones")
        await pilot.press("tab")
        await type_text(pilot, "Alex")
        await pilot.press("tab", "enter")  # the first plan: weekly coaching
        await pilot.pause()
        assert isinstance(app.screen, BriefingScreen)
        await pilot.press("ctrl+n")
        await pilot.pause()

        # Last week's step, with its wording; first only partly met.
        screen = app.screen
        assert isinstance(screen, LastStepScreen)
        assert shown(screen, "#open-step-text") == STEP_A[0]
        await pilot.press("p")
        assert "stays open" in shown(screen, "#status-feedback")
        clock.advance(2 * 60)
        await pilot.press("ctrl+n")
        await pilot.pause()

        # The drop-in: a future day is refused inline, then the visit is timed.
        screen = app.screen
        assert isinstance(screen, DropInScreen)
        await type_text(pilot, "30/11/26")
        assert "is in the future: the drop-in has already happened" in shown(screen, "#drop-in-day-feedback")
        assert screen.query_one("#drop-in-day-feedback").has_class("-error")
        await pilot.press("ctrl+u")
        await type_text(pilot, "mon")
        assert shown(screen, "#drop-in-day-feedback") == "✓ Mon 23 Nov 2026"
        await pilot.press("ctrl+s")
        clock.advance(12 * 60)
        screen.refresh_clock()
        assert "Visit 12:00 (within 10-15 min)" in shown(screen, "#visit-clock")
        await pilot.press("ctrl+s")
        await pilot.press("tab")
        await type_text(pilot, "ok")
        await pilot.press("ctrl+n")
        await pilot.pause()

        screen = app.screen
        assert isinstance(screen, PraiseScreen)
        await pilot.press("enter")
        assert "Type the praise first" in shown(screen, "#praise-feedback")
        await type_text(pilot, "Calm start")
        await pilot.press("enter")
        await pilot.press("ctrl+n")
        await pilot.pause()

        # A second step while last week's is open: refused inline, nothing recorded.
        screen = app.screen
        assert isinstance(screen, ActionStepScreen)
        assert "still open" in shown(screen, "#step-state")
        await pilot.press("tab")
        await type_text(pilot, "Wait")
        assert "Last week's step is still open (marked partly)" in shown(screen, "#step-feedback")
        assert app.meeting.record("action-step").data.get("step") is None
        await pilot.press("tab")
        await type_text(pilot, "ok")
        await pilot.press("tab")
        await type_text(pilot, "7h")
        assert "S7 learn-how 7h" in shown(screen, "#step-code-feedback")

        # Back to mark last week's step met: the new one is recorded on return.
        app.go_to("last-step")  # as from the command palette
        await pilot.pause()
        assert isinstance(app.screen, LastStepScreen)
        app.screen.query_one("#step-status").focus()
        await pilot.press("m", "tab")
        await type_text(pilot, "seen")
        app.go_to("action-step")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ActionStepScreen)
        assert "met: set the next one" in shown(screen, "#step-state")
        assert app.meeting.record("action-step").data["step"]["text"] == "Wait"
        assert shown(screen, "#step-feedback").startswith("✓ One step")
        await pilot.press("ctrl+n")
        await pilot.pause()

        # Deliberate practice: model, rehearse (lapped straight into feedback), feedback.
        screen = app.screen
        assert isinstance(screen, PracticeScreen)
        await pilot.press("ctrl+s")
        clock.advance(45)
        await pilot.press("ctrl+s", "ctrl+s")
        clock.advance(60)
        await pilot.press("f2")
        clock.advance(20)
        screen.refresh_clock()
        assert "Round 3 · Feedback · 00:20" in shown(screen, "#round-clock")
        await pilot.press("ctrl+s")
        assert shown(screen, "#round-tally") == "3 rounds · 1 rehearsal · 2 min practised"
        await pilot.press("ctrl+n")
        await pilot.pause()

        assert isinstance(app.screen, NextStepsScreen)
        await type_text(pilot, "fri 9am")
        await pilot.press("tab")
        await type_text(pilot, "tue 4pm")
        await pilot.press("ctrl+n")
        await pilot.pause()
        assert isinstance(app.screen, SummaryScreen)
        await pilot.press("enter")
        await pilot.pause()

    app.saver.flush()
    [row] = [r for r in store.list_meetings() if r["id"] != last_week["id"]]
    doc = store.load_meeting(row["id"])
    assert row["status"] == "complete"
    data = {s["id"]: s["data"] for s in doc["sections"]}
    assert data["last-step"]["step_id"] == old_id
    assert data["last-step"]["status"] == "met" and data["last-step"]["evidence"] == "seen"
    assert data["last-step"]["step"]["text"] == STEP_A[0]
    assert data["drop-in"]["date"] == "2026-11-23" and data["drop-in"]["visit_seconds"] == 720
    assert data["praise"]["praise"] == ["Calm start"]
    step = data["action-step"]["step"]
    assert (step["text"], step["success"], step["code"], step["reference"]) == (
        "Wait",
        "ok",
        "7h",
        "S7 learn-how 7h",
    )
    assert data["practice"]["rounds"] == [
        {"number": 1, "phase": "model", "seconds": 45},
        {"number": 2, "phase": "rehearse", "seconds": 60},
        {"number": 3, "phase": "feedback", "seconds": 20},
    ]
    nxt = next(s for s in doc["sections"] if s["id"] == "next")
    assert nxt["dates"] == {"next-drop-in": "2026-11-27T09:00", "next-coaching": "2026-12-01T16:00"}

    old, new = step_history([last_week, doc])
    assert old.outcome == MET and new.outcome == OPEN and new.text == "Wait"
    report = report_from_store(store, clock.now().date())
    [sam] = report.rows
    assert sam.status == "on track" and sam.gap.weeks_without == 0 and sam.praise == 1


async def test_replacing_an_open_step(make_app, store):
    last_week = coaching_meeting(ect="Sam Jones", when=datetime(2026, 11, 17, 15), step=STEP_A)
    store.put_meeting(last_week)
    app = make_app(FakeClock())
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        app.start_meeting("weekly-coaching", ect="sam jones", mentor="Alex Smith")
        await pilot.pause()
        app.go_to("action-step")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ActionStepScreen)
        screen.query_one("#step-text").focus()
        await type_text(pilot, "Wait")
        assert app.meeting.record("action-step").data.get("step") is None
        await pilot.press("f2")
        assert "Replacing last week's step" in shown(screen, "#step-state")
        assert app.meeting.record("action-step").data["step"]["text"] == "Wait"
        assert (
            app.meeting.record("action-step").data["replaces"]
            == last_week["sections"][3]["data"]["step"]["id"]
        )
        await pilot.press("f2")  # changed their mind: keep last week's step
        assert app.meeting.record("action-step").data.get("step") is None


async def open_overview(pilot, app):
    """F2 from the start screen, then wait for the report to be on it."""
    await pilot.pause()
    await pilot.press("f2")
    await pilot.pause()
    await app.workers.wait_for_complete()
    await pilot.pause()
    return app.screen


async def test_overview_and_study_log_screens(make_app, store):
    store.put_meeting(coaching_meeting(ect="Sam Jones", when=datetime(2026, 11, 23, 15), step=STEP_A))
    store.put_meeting(coaching_meeting(ect="Priya Shah", when=datetime(2026, 11, 2, 15)))
    app = make_app(FakeClock())
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_overview(pilot, app)
        assert isinstance(screen, OverviewScreen)
        assert [r.ect for r in screen.report.rows] == ["Priya Shah", "Sam Jones"]
        detail = shown(screen, "#overview-detail")
        assert "Follow up: 2 school weeks without coaching (expected weekly)." in detail
        assert STEP_A[0] not in detail
        await pilot.press("down", "s")
        await pilot.pause()
        study = app.screen
        assert isinstance(study, StudyScreen)
        assert study.query_one("#study-ect").value == "Sam Jones"
        await type_text(pilot, "-5")
        await pilot.press("enter")
        assert "more than 0 minutes, not -5" in shown(study, "#study-feedback")
        await pilot.press("ctrl+u")
        await type_text(pilot, "40")
        await pilot.press("tab", "tab")
        await type_text(pilot, "Routines")
        await pilot.press("enter")
        assert shown(study, "#study-feedback") == "Logged 40 min for Sam Jones on Tue 24 Nov 2026."
        assert "this week: 40 min, within the 30-50 minute guide" in shown(study, "#study-weeks")
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, OverviewScreen)


async def test_the_overview_table_fits_80_columns(make_app, store):
    store.put_meeting(coaching_meeting(ect="Priya Shah-Featherstone", when=datetime(2026, 11, 2, 15)))
    app = make_app(FakeClock())
    async with app.run_test(size=(80, 24)) as pilot:
        table = (await open_overview(pilot, app)).query_one("#overview")
        assert (
            table.virtual_size.width <= table.scrollable_content_region.width
        )  # status and all, no scrolling
        assert "follow up" in str(table.get_row_at(0)[-1])

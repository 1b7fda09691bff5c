"""A whole meeting driven as a mentor would: keys only, then the stored document is checked."""

from __future__ import annotations

from ect_tui.meeting.clock import FakeClock
from ect_tui.tui.screens.audit import AuditScreen
from ect_tui.tui.screens.briefing import BriefingScreen
from ect_tui.tui.screens.discussion import DiscussionScreen
from ect_tui.tui.screens.next_steps import NextStepsScreen
from ect_tui.tui.screens.summary import SummaryScreen

HOSTILE = "[bold]x[/] [@click=app.quit]"
LEVEL_KEYS = "12323"  # a repeating pattern of ratings: 1 Emerging, 2 Developing, 3 Secure
VIEW_KEYS = ("equals_sign", "plus", "minus")  # agree, maybe too harsh, maybe too kind


async def type_text(pilot, text: str) -> None:
    await pilot.press(*[{" ": "space"}.get(ch, ch) for ch in text])


async def test_a_whole_meeting_is_recorded(make_app, store, audit_script):
    clock = FakeClock()
    app = make_app(clock)
    async with app.run_test(size=(100, 30)) as pilot:
        await type_text(pilot, "Sam Jones")
        await pilot.press("tab")
        await type_text(pilot, "Alex Smith")
        plans = app.screen.query_one("#scripts")
        plans.highlighted = plans.get_option_index(
            "m1w1-module-audit"
        )  # the ECF audit, below the ITTECF ones
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, BriefingScreen)
        await pilot.press("space")  # ticks the transition paperwork
        await pilot.press("ctrl+n")
        await pilot.pause()

        assert isinstance(app.screen, DiscussionScreen)
        for index, _question in enumerate(audit_script.sections[0].questions):
            await type_text(pilot, HOSTILE if index == 0 else f"n{index}")
            await pilot.press("tab")
        clock.advance(16 * 60)
        await pilot.press("ctrl+n")
        await pilot.pause()

        assert isinstance(app.screen, AuditScreen)
        statements = audit_script.sections[1].statements
        for index, statement in enumerate(statements):  # rate, say why, the mentor's view, then down
            await pilot.press(LEVEL_KEYS[index % len(LEVEL_KEYS)])
            if index % 2:
                await pilot.press("enter")  # the reason the right way: Enter first
            await type_text(pilot, f"r{statement.code}")  # or just typing on the list
            await pilot.press("escape")
            await pilot.press(VIEW_KEYS[index % 3])
            await pilot.press("down")
        await pilot.pause()
        assert "Rated 36 of 36" in str(app.screen.query_one("#audit-counts").content)
        clock.advance(38 * 60)
        await pilot.press("ctrl+n")
        await pilot.pause()

        assert isinstance(app.screen, NextStepsScreen)
        await pilot.press("space", "down", "space")  # the first two Emerging statements
        await pilot.press("tab")
        await type_text(pilot, "Ch. 3")
        await pilot.press("tab")
        await type_text(pilot, "Week 4")
        await pilot.press("tab")
        await type_text(pilot, "Mon 4pm")
        await pilot.press("tab")
        await type_text(pilot, "tue 15:30")
        clock.advance(4 * 60)
        await pilot.press("ctrl+n")
        await pilot.pause()

        assert isinstance(app.screen, SummaryScreen)
        await pilot.press("enter")  # Finish meeting (nothing missing: no question asked)
        await pilot.pause()

    app.saver.flush()
    [row] = store.list_meetings()
    assert row["status"] == "complete" and row["ect"] == "Sam Jones" and row["mentor"] == "Alex Smith"
    doc = store.load_meeting(row["id"])
    review, audit, next_steps = doc["sections"]
    assert doc["brought"] == [audit_script.preparation[0]]
    questions = audit_script.sections[0].questions
    assert review["notes"] == {q.id: HOSTILE if i == 0 else f"n{i}" for i, q in enumerate(questions)}
    assert review["elapsed_seconds"] == 16 * 60
    assert audit["elapsed_seconds"] == 38 * 60
    assert next_steps["elapsed_seconds"] == 4 * 60
    expected_levels = {"1": "emerging", "2": "developing", "3": "secure"}
    views = ["agree", "too-harsh", "too-kind"]
    refused = {("secure", "too-harsh"), ("emerging", "too-kind")}  # refused with a one-line reason
    expected = {}
    for i, s in enumerate(statements):
        level, view = expected_levels[LEVEL_KEYS[i % len(LEVEL_KEYS)]], views[i % 3]
        expected[s.code] = {
            "level": level,
            "reason": f"r{s.code}",
            "mentor_view": None if (level, view) in refused else view,
        }
    assert audit["ratings"] == expected
    emerging = [s.code for i, s in enumerate(statements) if LEVEL_KEYS[i % len(LEVEL_KEYS)] == "1"]
    assert next_steps["focus"] == emerging[:2]
    assert next_steps["fields"] == {
        "further-reading": "Ch. 3",
        "return-to-audit": "Week 4",
        "self-study": "Mon 4pm",
        "next-meeting": "tue 15:30",
    }
    assert next_steps["dates"] == {"next-meeting": "2026-12-01T15:30"}
    assert doc["ended"] is not None

"""Finishing with something missing asks once, at 80x24, with every key in view; it never blocks."""

from __future__ import annotations

from textual.widgets import Button

from ect_tui.meeting.transcript import SUMMARY
from ect_tui.tui.screens.audit import AuditScreen
from ect_tui.tui.screens.finish_check import FinishCheckScreen
from tests.tui.steps import open_audit_meeting


async def test_go_there_then_finish_anyway(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_audit_meeting(app, pilot, at="audit")
        await pilot.press("2", "down", "3")  # 1.1 and 1.2 rated; 1.3 onwards not
        app.go_to(SUMMARY)
        await pilot.pause()
        await pilot.press("f")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, FinishCheckScreen)
        hint = str(dialog.query_one(".hint").content)
        assert f"or go to {dialog.where} and fill it in" in hint
        for button in dialog.query(Button):  # the whole label, key included, is on screen
            assert str(button.label).endswith(")") and button.region.right <= 80
            assert button.content_region.width >= len(str(button.label))
        await pilot.press("g")
        await pilot.pause()
        assert isinstance(app.screen, AuditScreen) and app.screen.current_code == "1.3"
        app.go_to(SUMMARY)
        await pilot.pause()
        await pilot.press("f")  # asked once already: this time it finishes
        await pilot.pause()
        assert app.meeting.finished and not isinstance(app.screen, FinishCheckScreen)

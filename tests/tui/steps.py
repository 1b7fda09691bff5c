"""Pilot steps the screen tests share."""

from __future__ import annotations

from ect_tui.tui.widgets.keybar import KeyBar


async def open_audit_meeting(app, pilot, at: str | None = None) -> None:
    """Start the Module 1 audit with Sam Jones and Alex Smith; with ``at``, go straight to that stop."""
    app.start_meeting("m1w1-module-audit", ect="Sam Jones", mentor="Alex Smith")
    await pilot.pause()
    if at is not None:
        app.go_to(at)
        await pilot.pause()


def bar_text(app) -> str:
    """The key bar of the screen on show, as drawn."""
    return app.screen.query_one(KeyBar).render().plain

"""The key bar at the foot of every screen (ect_tui/tui/widgets/keybar.py), as a mentor meets it."""

from __future__ import annotations

from ect_tui.tui.screens.history import HistoryScreen
from ect_tui.tui.screens.start import StartScreen
from ect_tui.tui.widgets.keybar import KeyBar
from tests.tui.steps import bar_text, open_audit_meeting


async def test_the_start_screen_lists_its_keys_with_the_palette_on_the_right(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        text = bar_text(app)
        assert text.startswith("^l Past meetings f2 Overview ")
        assert text.endswith(" f1 Help ^q Quit▏^p palette")  # help and quit always, on the right
        assert len(text) == 80 - 1  # the last column left blank, as Textual's Footer does


async def test_clicking_a_key_presses_it(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert await pilot.click(KeyBar, offset=(bar_text(app).index("Past meetings"), 0))
        await pilot.pause()
        assert isinstance(app.screen, HistoryScreen)


async def test_clicking_between_keys_does_nothing(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert await pilot.click(KeyBar, offset=(50, 0))  # the gap before the palette key
        await pilot.pause()
        assert isinstance(app.screen, StartScreen)


async def test_hovering_a_key_shows_its_tooltip(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        bar = app.screen.query_one(KeyBar)
        await pilot.hover(KeyBar, offset=(bar_text(app).index("Overview"), 0))
        assert "induction tutor's overview" in str(bar.tooltip)
        await pilot.hover(KeyBar, offset=(50, 0))
        assert bar.tooltip is None


async def test_keys_that_do_not_fit_are_left_off_whole_after_an_ellipsis(make_app, monkeypatch):
    """At 80x24 the audit's own keys come first, the meeting's next; help and quit always show."""
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await open_audit_meeting(app, pilot, at="audit")
        text = bar_text(app)
        assert len(text) == 80 - 1
        assert text.startswith("⏎ Reason > Next unrated ^z Undo ^n Next ^o Back …")  # Pause/go did not fit
        assert text.endswith(" f1 Help ^q Quit▏^p palette")
        pressed: list[str] = []
        monkeypatch.setattr(app, "simulate_key", pressed.append)
        assert await pilot.click(KeyBar, offset=(text.index("…"), 0))  # the ellipsis is not a key
        assert await pilot.click(KeyBar, offset=(text.index("…") - 1, 0))  # nor the gap before it
        assert pressed == []
        assert await pilot.click(KeyBar, offset=(text.index("Back") + 3, 0))  # its last letter
        assert await pilot.click(KeyBar, offset=(text.index("Help"), 0))
        assert pressed == ["ctrl+o", "f1"]


async def test_below_80x24_one_line_asks_for_a_bigger_window(make_app):
    app = make_app()
    async with app.run_test(size=(79, 24)) as pilot:
        await pilot.pause()
        await open_audit_meeting(app, pilot, at="audit")
        assert bar_text(app) == "Please make this window at least 80x24 (it is 79x24)."
        shown = [w for w in app.screen.children if w.display]
        assert shown == [app.screen.query_one(KeyBar)]
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        assert bar_text(app).endswith("▏^p palette")
        assert app.screen.query_one("#statements").display


async def test_the_bar_follows_focus_on_the_same_screen_one_key_per_action(make_app, store, audit_script):
    """The unfinished list's discard key (delete or x) appears while the list has focus, once."""
    from datetime import datetime

    from tests.factories import audit_meeting

    store.put_meeting(
        audit_meeting(audit_script, ect="Sam Jones", when=datetime(2026, 11, 17, 15), finish=False)
    )
    app = make_app()
    async with app.run_test(size=(100, 24)) as pilot:
        await pilot.pause()
        app.screen.query_one("#ect").focus()
        await pilot.pause()
        assert "Discard" not in bar_text(app)
        app.screen.query_one("#unfinished").focus()
        await pilot.pause()
        assert bar_text(app).startswith("del Discard meeting ^l Past meetings")
        assert bar_text(app).count("Discard") == 1


async def test_the_bar_follows_keys_that_come_and_go(make_app):
    """The timer keys are hidden on the briefing (no clock runs there) and shown once a section starts."""
    app = make_app()
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.pause()
        await open_audit_meeting(app, pilot)
        assert "Pause/go" not in bar_text(app)
        await pilot.press("ctrl+n")
        await pilot.pause()
        assert "Pause/go" in bar_text(app)

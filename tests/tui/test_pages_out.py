"""The web pages from the palette, the overview's sparkline of recent weeks, and the progress
screen's movement since the last audit (the same figures as the Learning Log page)."""

from __future__ import annotations

from datetime import datetime

from textual.widgets import Sparkline

from ect_tui.export.files import notes_dir
from ect_tui.meeting.clock import FakeClock
from ect_tui.script.catalog import load_catalog
from ect_tui.tui.app import EctApp
from ect_tui.tui.palette import palette_commands
from ect_tui.tui.screens.overview import (
    OverviewScreen,
    first_of_week,
    sparkline_data,
    week_heights,
    week_letters,
)
from ect_tui.tui.screens.progress import ProgressScreen
from tests.export.html.dom import grid_cells, parse
from tests.export.html.fixtures import MARKER, OLA, SAM, fill_store

DAY = datetime(2026, 3, 17, 15, 30)  # the fixtures' day: Ola has gone three school weeks without coaching


def app_on(store) -> EctApp:
    scripts = load_catalog([])
    fill_store(store, scripts.scripts["m1w1-module-audit"])
    return EctApp(store=store, catalog=scripts, clock=FakeClock(start=DAY.astimezone()))


async def settle(app, pilot) -> None:
    await pilot.pause()
    await app.workers.wait_for_complete()
    await pilot.pause()


async def run_command(app, pilot, title: str) -> None:
    [command] = [c for c in palette_commands(app, app.screen) if c.title == title]
    command.callback()
    await settle(app, pilot)


async def test_the_palette_writes_both_pages_beside_the_notes(store):
    app = app_on(store)
    notices: list[str] = []
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        app.notify = lambda message, **kw: notices.append(message)  # type: ignore[method-assign]
        titles = [c.title for c in palette_commands(app, app.screen)]
        assert "Coordinator overview page" in titles and not any("Learning Log" in t for t in titles)
        app.store.set_setting("last_ect", SAM)  # as starting a meeting with Sam does
        assert f"Learning Log page: {SAM}" in [c.title for c in palette_commands(app, app.screen)]
        app.open_progress(OLA)
        await settle(app, pilot)
        assert f"Learning Log page: {OLA}" in [c.title for c in palette_commands(app, app.screen)]
        await run_command(app, pilot, f"Learning Log page: {OLA}")
        await run_command(app, pilot, "Coordinator overview page")
    folder = notes_dir(store.path)
    log = folder / "learning-log-ola-ade.html"
    overview = folder / "coaching-overview-2026-03-17.html"
    assert notices[0].startswith(f"Learning Log page for {OLA} saved in\n") and log.name in notices[0]
    assert notices[1].startswith("Coordinator overview page saved in\n") and overview.name in notices[1]
    page = log.read_text(encoding="utf-8")
    assert len(grid_cells(parse(page))) == 36 and MARKER not in page  # Ola: one audit
    assert "3 school weeks without coaching" in overview.read_text(encoding="utf-8")
    assert oct(log.stat().st_mode & 0o777) == "0o600"


async def test_the_overview_shows_the_highlighted_ects_recent_weeks_as_a_sparkline(store):
    app = app_on(store)
    async with app.run_test(size=(80, 24)) as pilot:
        app.open_overview()
        await settle(app, pilot)
        screen = app.screen
        assert isinstance(screen, OverviewScreen)
        ola, sam = screen.report.rows
        assert ola.ect == OLA
        spark = screen.query_one("#weeks-spark", Sparkline)
        assert list(spark.data) == sparkline_data(week_heights(ola.strip))
        assert week_heights(ola.strip) == [1.0, 1.0, 0.45, 0.0, 0.0, 0.0, 0.45]
        letters = str(screen.query_one("#weeks-letters").content)
        assert letters == week_letters(ola.strip) == "CCHGGG."  # from the first coached week
        assert spark.styles.width.value == len(letters) == len(spark.data) // 3
        await pilot.press("down")
        await pilot.pause()
        assert list(spark.data) == sparkline_data([1.0, 1.0, 1.0, 0.45])
        assert str(screen.query_one("#weeks-letters").content) == "CCC."


async def test_progress_says_what_moved_since_the_last_audit(store):
    app = app_on(store)
    async with app.run_test(size=(80, 24)) as pilot:
        app.open_progress(SAM)
        await settle(app, pilot)
        screen = app.screen
        assert isinstance(screen, ProgressScreen)
        text = str(screen.query_one("#movement").content)
        assert "Since the audit of 2026-01-12 (latest 2026-03-09): 17 up, 19 level, 0 down" in text
        assert "Moved up: 1.1, 1.4" in text


def bars(data, summary=max) -> str:
    from rich.console import Console
    from textual.color import Color
    from textual.renderables.sparkline import Sparkline as Bars

    console = Console(width=3)
    red, green = Color.parse("red"), Color.parse("green")
    rendered = Bars(
        data, width=3, min_color=red.rich_color, max_color=green.rich_color, summary_function=summary
    )
    return "".join(segment.text for segment in console.render(rendered, console.options))


def test_weeks_all_coached_stand_tall_on_a_fixed_scale():
    assert bars([1.0, 1.0, 1.0]).strip() == "▁▁▁"  # Textual scales to the data: all the same is all low
    assert bars(sparkline_data([1.0, 1.0, 1.0]), first_of_week).strip() == "███"
    assert bars(sparkline_data([0.0, 0.45, 1.0]), first_of_week).strip() == "▁▄█"

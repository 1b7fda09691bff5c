"""Looking back: history, a transcript, the progress grid, ECT mode and carry-forward."""

from __future__ import annotations

from datetime import datetime

import pytest

from ect_tui.cli import main
from ect_tui.meeting.clock import FakeClock
from ect_tui.script.catalog import load_catalog
from ect_tui.store import Store
from ect_tui.tui.app import EctApp
from ect_tui.tui.screens.briefing import BriefingScreen
from ect_tui.tui.screens.history import HistoryScreen
from ect_tui.tui.screens.progress import ProgressScreen
from ect_tui.tui.screens.transcript import TranscriptScreen
from tests.factories import audit_meeting

HOSTILE = "Said [bold]no[/] \x1b[31m loudly"


@pytest.fixture
def history_db(tmp_path, audit_script):
    """Sam: three audits months apart; Priya: one."""
    path = tmp_path / "ect-tui.json"
    with Store.open(path) as store:
        for step, when in enumerate(
            [datetime(2026, 1, 12, 15), datetime(2026, 4, 20, 15), datetime(2026, 9, 7, 15)]
        ):
            doc = audit_meeting(audit_script, ect="Sam Jones", when=when, step=step)
            if step == 2:
                doc["sections"][0]["notes"]["where-when"] = f"{HOSTILE} about the zebrafish project"
            store.put_meeting(doc)
        store.put_meeting(audit_meeting(audit_script, ect="Priya Shah", when=datetime(2026, 6, 1, 15)))
    return path


def app_on(path, **kwargs) -> EctApp:
    store = Store.open(path, read_only=kwargs.pop("read_only", False))
    return EctApp(store=store, catalog=load_catalog([]), clock=FakeClock(), **kwargs)


async def settle(app, pilot) -> None:
    await pilot.pause()
    await app.workers.wait_for_complete()
    await pilot.pause()


async def test_history_filters_searches_and_opens(history_db):
    app = app_on(history_db)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("ctrl+l")
        await settle(app, pilot)
        screen = app.screen
        assert isinstance(screen, HistoryScreen)
        assert [r["started"][:10] for r in screen.rows] == [
            "2026-09-07",
            "2026-06-01",
            "2026-04-20",
            "2026-01-12",
        ]
        await pilot.press("slash", *"priya")
        await settle(app, pilot)
        assert screen.query_one("#meetings").row_count == 1
        await pilot.press("ctrl+a", "ctrl+k", *"zebrafish")  # only in one meeting's notes
        await settle(app, pilot)
        assert screen.query_one("#meetings").row_count == 1
        await pilot.press("enter", "enter")  # to the table, then open
        await pilot.pause()
        assert isinstance(app.screen, TranscriptScreen)
        text = str(app.screen.query_one("#transcript-text").content)
        assert "Said [bold]no[/] ␛[31m loudly" in text
        await pilot.press("escape")
        assert app.screen is screen


async def test_progress_grid_shows_movement_and_filters(history_db):
    app = app_on(history_db)
    async with app.run_test(size=(100, 30)) as pilot:
        app.open_progress("Sam Jones")
        await settle(app, pilot)
        screen = app.screen
        assert isinstance(screen, ProgressScreen)
        assert [c.date for c in screen.progress.columns] == ["2026-01-12", "2026-04-20", "2026-09-07"]
        summary = str(screen.query_one("#movement").content)
        moved = screen.progress.movement()
        assert f"{moved.up} moved up" in summary and moved.up > 0 and moved.down == 0
        await pilot.press("f")
        assert screen.standard == 1
        assert "Standard 1" in str(screen.query_one("#movement").content)


async def test_one_audit_is_a_baseline(history_db):
    app = app_on(history_db)
    async with app.run_test(size=(100, 30)) as pilot:
        app.open_progress("Priya Shah")
        await settle(app, pilot)
        assert "one audit so far" in str(app.screen.query_one("#movement").content)


async def test_ect_mode_is_read_only(history_db):
    before = {p.name: p.read_bytes() for p in history_db.parent.rglob("*.json")}
    app = app_on(history_db, read_only=True, review_ect="Sam Jones")
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(app, pilot)
        assert isinstance(app.screen, HistoryScreen)
        assert {r["ect"] for r in app.screen.rows} == {"Sam Jones"}
        await pilot.press("escape")  # nowhere to go back to
        assert isinstance(app.screen, HistoryScreen)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, TranscriptScreen)
    assert {p.name: p.read_bytes() for p in history_db.parent.rglob("*.json")} == before


async def test_empty_history_invites_a_first_meeting(tmp_path):
    app = app_on(tmp_path / "new.json")
    async with app.run_test(size=(100, 30)) as pilot:
        app.open_history()
        await settle(app, pilot)
        assert "No meetings yet" in str(app.screen.query_one("#history-status").content)


async def test_new_meeting_shows_what_was_agreed_last_time(history_db):
    app = app_on(history_db)
    async with app.run_test(size=(100, 30)) as pilot:
        app.start_meeting("m1w1-module-audit", ect="Sam Jones", mentor="Alex Smith")
        await pilot.pause()
        assert isinstance(app.screen, BriefingScreen)
        assert app.carried is not None and app.carried[0] == "2026-09-07"
        shown = " ".join(str(s.content) for s in app.screen.query(".item"))
        assert (
            "Further reading: Behaviour chapter" in shown and "Next meeting: Tue 1 Dec 2026, 15:30" in shown
        )  # the day it was read as, not "tue"


def test_review_of_an_unknown_ect_lists_the_known_ones(history_db, capsys):
    assert main(["review", "--ect", "Nobody", "--db", str(history_db)]) == 1
    assert "known: Priya Shah, Sam Jones" in capsys.readouterr().err


def test_history_json_for_one_ect(history_db, capsys):
    import json

    assert main(["history", "--ect", "sam jones", "--json", "--db", str(history_db)]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert [r["date"] for r in rows] == ["2026-09-07", "2026-04-20", "2026-01-12"]
    assert set(rows[0]) >= {"id", "date", "ect", "script_id", "status"}


def test_snapshot_progress_grid(snap_compare, history_db):
    app = app_on(history_db)

    async def run_before(pilot):
        app.open_progress("Sam Jones")
        await settle(app, pilot)

    assert snap_compare(app, terminal_size=(100, 30), run_before=run_before)


def test_snapshot_transcript(snap_compare, history_db):
    app = app_on(history_db)

    async def run_before(pilot):
        app.open_transcript(app.store.list_meetings(ect="Sam Jones")[0]["id"])
        await pilot.pause()

    assert snap_compare(app, terminal_size=(100, 30), run_before=run_before)


async def test_progress_leaves_out_an_audit_left_unfinished_unless_it_is_open_now(history_db, audit_script):
    """A mistaken start would add a column and movement that never happened; the meeting open now is
    shown beside the last ones."""
    with Store.open(history_db) as store:
        left = audit_meeting(
            audit_script, ect="Sam Jones", when=datetime(2026, 10, 5, 15), step=0, finish=False
        )
        store.put_meeting(left)
    app = app_on(history_db)
    async with app.run_test(size=(100, 30)) as pilot:
        app.open_progress("Sam Jones")
        await settle(app, pilot)
        assert [c.date for c in app.screen.progress.columns] == ["2026-01-12", "2026-04-20", "2026-09-07"]
        await pilot.press("escape")
        app.resume_meeting(left["id"])
        await pilot.pause()
        app.open_progress("Sam Jones")
        await settle(app, pilot)
        assert [c.date for c in app.screen.progress.columns][-1] == "2026-10-05"

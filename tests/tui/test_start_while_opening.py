"""At start-up the first screen is drawn while the store opens (ect_tui/tui/launch.py)."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime

from textual.widgets import Input, OptionList

from ect_tui.meeting.clock import FakeClock
from ect_tui.script.catalog import load_catalog
from ect_tui.store import Store
from ect_tui.tui import launch
from ect_tui.tui.app import EctApp
from ect_tui.tui.screens.start import StartScreen
from tests.factories import audit_meeting


def gated_open(monkeypatch) -> threading.Event:
    """Make launch's store thread wait for the returned event before opening."""
    gate = threading.Event()

    def gated(path, *, read_only=False):
        gate.wait(10)
        return Store.open(path, read_only=read_only)

    monkeypatch.setattr(launch, "_open_store", gated)
    return gate


@contextmanager
def opening_app(path, monkeypatch) -> Iterator[tuple[EctApp, threading.Event, launch._OpenStore]]:
    """The writer's app over a store still opening until the returned gate is set (then closed)."""
    gate = gated_open(monkeypatch)
    opening = launch._OpenStore(path, read_only=False)
    try:
        yield (
            EctApp(store=launch._PendingStore(opening), catalog=load_catalog([]), clock=FakeClock()),
            gate,
            opening,
        )
    finally:
        gate.set()
        opening.result().close()


async def test_names_and_unfinished_meetings_arrive_when_the_store_opens(tmp_path, audit_script, monkeypatch):
    path = tmp_path / "ect-tui.json"
    with Store.open(path) as store:
        store.set_setting("last_ect", "Sam Jones")
        store.set_setting("last_mentor", "Alex Smith")
        store.put_meeting(
            audit_meeting(audit_script, ect="Sam Jones", when=datetime(2026, 9, 7, 15), finish=False)
        )
    with opening_app(path, monkeypatch) as (app, gate, opening):
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.pause()
            screen = app.screen
            assert isinstance(screen, StartScreen)
            assert screen.query_one("#ect", Input).value == ""  # drawn before the store opened
            assert screen.query_one("#scripts", OptionList).option_count  # the plans are there already
            gate.set()
            await app.workers.wait_for_complete()
            await pilot.pause()
            assert screen.query_one("#ect", Input).value == "Sam Jones"
            assert screen.query_one("#mentor", Input).value == "Alex Smith"
            assert screen.query_one("#unfinished", OptionList).option_count == 1


async def test_a_store_that_cannot_open_closes_the_app(tmp_path, monkeypatch):
    path = tmp_path / "ect-tui.json"
    with Store.open(path):  # another copy holds the writer's lock
        gate = gated_open(monkeypatch)
        opening = launch._OpenStore(path, read_only=False)
        app = EctApp(store=launch._PendingStore(opening), catalog=load_catalog([]), clock=FakeClock())
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.pause()
            gate.set()
            opening.join(10)
            for _ in range(5):  # the worker hears of it, then asks the app to exit
                if app.return_code is not None:
                    break
                await pilot.pause(0.05)
        assert app.return_code == 1


async def test_plans_arrive_after_the_first_frame_and_no_meeting_starts_before(store, monkeypatch):
    """launch's stand-in catalog: the plan list fills in once loaded; until then Start says to wait."""
    from textual.widgets import Static

    from ect_tui.script import catalog as catalog_module
    from ect_tui.tui.screens.start import PLANS_LOADING

    gate = threading.Event()
    real_load = catalog_module.load_catalog

    def gated_load(folders):
        gate.wait(10)
        return real_load(folders)

    monkeypatch.setattr(catalog_module, "load_catalog", gated_load)
    pending = launch._PendingCatalog([])
    app = EctApp(store=store, catalog=pending, clock=FakeClock())
    started: list[str] = []
    monkeypatch.setattr(app, "start_meeting", lambda script_id, **kw: started.append(script_id))
    try:
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.pause()
            screen = app.screen
            assert isinstance(screen, StartScreen)
            assert not pending.is_loaded
            assert screen.query_one("#scripts", OptionList).option_count == 0
            screen.query_one("#ect", Input).value = "Sam Jones"
            screen.query_one("#mentor", Input).value = "Alex Smith"
            screen._start()
            assert started == []
            assert str(screen.query_one("#start-error", Static).content) == PLANS_LOADING
            gate.set()
            await app.workers.wait_for_complete()
            await pilot.pause()
            assert screen.query_one("#scripts", OptionList).option_count == len(real_load([]))
            assert str(screen.query_one("#start-error", Static).content) == ""
            screen._start()
            assert started == [next(iter(real_load([]))).id]
    finally:
        gate.set()


async def test_keys_typed_on_the_first_frame_land_in_the_ect_name(tmp_path, monkeypatch):
    """Before the store opens, focus is on the ECT's name, not on the hidden unfinished list."""
    path = tmp_path / "ect-tui.json"
    with Store.open(path) as store:
        store.set_setting("last_ect", "Ann Lee")
    with opening_app(path, monkeypatch) as (app, gate, opening):
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            assert not opening.opened
            await pilot.press(*"Sam")
            assert app.screen.query_one("#ect", Input).value == "Sam"
            gate.set()
            await app.workers.wait_for_complete()
            await pilot.pause()
            assert (
                app.screen.query_one("#ect", Input).value == "Sam"
            )  # not overwritten by the remembered name


async def test_typing_before_the_store_opens_keeps_focus_off_the_unfinished_list(
    tmp_path, audit_script, monkeypatch
):
    """A recent unfinished meeting is offered first, unless the mentor has already begun typing."""
    path = tmp_path / "ect-tui.json"
    with Store.open(path) as store:
        store.put_meeting(
            audit_meeting(audit_script, ect="Sam Jones", when=datetime(2026, 11, 24, 15), finish=False)
        )
    with opening_app(path, monkeypatch) as (app, gate, opening):
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            await pilot.press(*"Jo")
            gate.set()
            await app.workers.wait_for_complete()
            await pilot.pause()
            await pilot.press(*"y")
            ect = app.screen.query_one("#ect", Input)
            assert ect.value == "Joy"
            assert app.screen.focused is ect
            assert app.screen.query_one("#unfinished", OptionList).option_count == 1  # still offered


async def test_what_opening_read_is_frozen_once_the_store_is_open(tmp_path, monkeypatch):
    """AutosaveMixin.store_opened: gc.freeze once the store has opened (a hub's index months are
    then never walked by a full collection), and only once."""
    import gc

    frozen: list[int] = []
    monkeypatch.setattr(gc, "freeze", lambda: frozen.append(1))
    with opening_app(tmp_path / "ect-tui.json", monkeypatch) as (app, gate, opening):
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.pause()
            assert frozen == []  # not while the store is still opening
            gate.set()
            await app.workers.wait_for_complete()
            await pilot.pause()
            assert frozen == [1]
            app.store_opened()  # e.g. the start screen shown again
            assert frozen == [1]

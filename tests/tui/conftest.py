"""Pilot fixtures: a real store in a temp folder, the bundled scripts, a fake clock."""

from __future__ import annotations

import pytest

from ect_tui.meeting.clock import FakeClock
from ect_tui.script.catalog import load_catalog
from ect_tui.store import Store
from ect_tui.tui.app import EctApp


@pytest.fixture
def store(tmp_path):
    opened = Store.open(tmp_path / "ect-tui.json")
    yield opened
    opened.close()


@pytest.fixture
def make_app(store):
    """Build the app on the shared store with a clock the test moves."""

    def build(clock: FakeClock | None = None) -> EctApp:
        return EctApp(store=store, catalog=load_catalog([]), clock=clock or FakeClock())

    return build

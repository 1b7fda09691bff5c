"""Shared fixtures: the bundled script and a clock that only moves when a test says so."""

from __future__ import annotations

import pytest

from ect_tui.meeting.clock import FakeClock
from ect_tui.script.catalog import bundled_scripts
from ect_tui.script.model import Script


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture(scope="session")
def audit_script() -> Script:
    return next(s for s in bundled_scripts() if s.id == "m1w1-module-audit")

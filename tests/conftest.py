"""Shared fixtures: the bundled script, a clock that only moves when a test says so, and
user folders of the test's own (so no test reads or writes the real config, data or log)."""

from __future__ import annotations

import pytest

from ect_tui.meeting.clock import FakeClock
from ect_tui.script.catalog import bundled_scripts
from ect_tui.script.model import Script


@pytest.fixture(autouse=True)
def own_user_folders(tmp_path_factory, monkeypatch):
    """Point the platform's user folders (and ours) into a fresh temp folder for each test.

    Subprocesses started by a test inherit them. A test that wants a config or a log
    writes it under these; nothing reaches the user's own ~/.config or ~/.local.
    """
    home = tmp_path_factory.mktemp("user")
    for name in ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME"):
        monkeypatch.setenv(name, str(home / name.lower()))
    for name in ("ECT_TUI_CONFIG", "ECT_TUI_DB", "TEXTUAL_THEME"):
        monkeypatch.delenv(name, raising=False)
    return home


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture(scope="session")
def audit_script() -> Script:
    return next(s for s in bundled_scripts() if s.id == "m1w1-module-audit")

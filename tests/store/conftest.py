from __future__ import annotations

from pathlib import Path

import pytest

from ect_tui.store import Store


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    """A database path whose folder does not exist yet (like a first run)."""
    return tmp_path / "data" / "ect-tui.json"


@pytest.fixture
def store(db_path: Path):
    with Store.open(db_path) as opened:
        yield opened

"""A database whose every text field holds terminal escape codes, built through the real model."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest

from ect_tui.store import Store
from tests.factories import audit_meeting

# Window title (OSC), clear screen (CSI), the 8-bit CSI, a bell, a bare ESC.
EVIL = "\x1b]0;PWNED\x07\x1b[2J\x9b31m\x07\x1b"
# Fields the schema gives a fixed form (ids, times, levels): poisoned elsewhere.
FIXED = {"id", "schema", "started", "ended", "updated", "status", "kind", "position", "reveal", "level"}


def poison(value: Any, key: str = "") -> Any:
    """The value with EVIL added to every free-text string, keys of notes and fields included."""
    if isinstance(value, dict):
        return {(k + EVIL if key in ("notes", "fields") else k): poison(v, k) for k, v in value.items()}
    if isinstance(value, list):
        return [poison(v, key) for v in value]
    if isinstance(value, str) and key not in FIXED:
        return value + EVIL
    return value


TOML_EVIL = json.dumps(EVIL)[1:-1]  # \u001b...: a TOML basic string reads JSON's escapes


def evil_script_toml() -> str:
    """A user's session script with escapes in its title and texts."""
    return f"""
id = "evil-script"
version = 1
title = "Evil {TOML_EVIL}"
learning_intentions = ["Learn {TOML_EVIL}"]

[[sections]]
id = "talk"
kind = "discussion"
title = "Talk {TOML_EVIL}"
minutes = 5

[[sections.questions]]
id = "q"
text = "Why {TOML_EVIL}?"
"""


@pytest.fixture
def evil_db(tmp_path: Path, audit_script) -> tuple[Path, str]:
    """(db path, meeting id): one finished audit whose every text holds EVIL, plus study rows."""
    db = tmp_path / "data" / "ect-tui.json"
    doc = audit_meeting(audit_script, ect="Sam Jones", when=datetime(2026, 11, 17, 15, 30))
    doc["sections"][0]["private"] = "private"
    doc = poison(doc)
    with Store.open(db) as store:
        store.put_meeting(doc)
        store.set_setting("last_ect", doc["ect"])
        store.table("study").insert(
            {"ect": doc["ect"], "date": "2026-11-16", "minutes": 30, "topic": "Behaviour " + EVIL}
        )
        store.table("ect_settings").insert({"ect": doc["ect"], "year": 1, "every_weeks": None})
    return db, doc["id"]


# Fuzz tests: a few examples in every run; `HYPOTHESIS_PROFILE=fuzz` for the long run by hand
# (tests/boundary/test_fuzz.py says how).
from hypothesis import HealthCheck, settings  # noqa: E402

settings.register_profile("ci", max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.register_profile(
    "fuzz", max_examples=2000, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)

"""The schema-upgrade mechanism, exercised with a fake step (there are no real ones yet)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ect_tui.store import Store, StoreError, check_database, migrations

from .helpers import make_doc, snapshot


@pytest.fixture
def v1_db(db_path: Path) -> Path:
    with Store.open(db_path) as store:
        store.put_meeting(make_doc(id="a1", ect="alex"))
        store.set_setting("mentor", "Sam")
    return db_path


def add_ect_initials(data: dict) -> dict:
    for row in data["meetings"].values():
        row["ect_initials"] = row["ect"][:1].upper()
    data["v2_table"] = {"1": {"created_by": "step 1"}}
    return data


def test_old_schema_is_upgraded_once_with_a_backup(v1_db: Path, monkeypatch) -> None:
    original = v1_db.read_bytes()
    monkeypatch.setattr(migrations, "CURRENT", 2)
    monkeypatch.setattr(migrations, "STEPS", {1: add_ect_initials})
    ok, message = check_database(v1_db)
    assert ok and "upgraded" in message
    with Store.open(v1_db) as store:
        assert store.list_meetings()[0]["ect_initials"] == "A"
        assert store.table("v2_table").all() == [{"created_by": "step 1"}]
        assert store.get_setting("mentor") == "Sam"
    data = json.loads(v1_db.read_text())
    assert data["_meta"]["1"] == {"schema": 2, "app": "ect-tui"}
    assert (v1_db.parent / "ect-tui.json.schema1.bak").read_bytes() == original
    # Opening again runs nothing more: the file is already at schema 2.
    before = snapshot(v1_db)
    monkeypatch.setattr(migrations, "STEPS", {})
    Store.open(v1_db).close()
    assert snapshot(v1_db) == before


def test_failing_step_leaves_the_file_untouched(v1_db: Path, monkeypatch) -> None:
    before = snapshot(v1_db)

    def broken(data: dict) -> dict:
        data["meetings"].clear()  # mutates its input, then fails
        raise RuntimeError("bug in migration")

    monkeypatch.setattr(migrations, "CURRENT", 2)
    monkeypatch.setattr(migrations, "STEPS", {1: broken})
    with pytest.raises(RuntimeError):
        Store.open(v1_db)
    assert snapshot(v1_db) == before
    monkeypatch.setattr(migrations, "CURRENT", 1)
    with Store.open(v1_db) as store:
        assert store.meeting_count() == 1


def test_missing_step_is_a_clear_error(v1_db: Path, monkeypatch) -> None:
    before = snapshot(v1_db)
    monkeypatch.setattr(migrations, "CURRENT", 3)
    monkeypatch.setattr(migrations, "STEPS", {1: add_ect_initials})
    with pytest.raises(StoreError, match="cannot upgrade a schema 2"):
        Store.open(v1_db)
    assert snapshot(v1_db) == before


def test_read_only_refuses_an_old_schema(v1_db: Path, monkeypatch) -> None:
    before = snapshot(v1_db)
    monkeypatch.setattr(migrations, "CURRENT", 2)
    monkeypatch.setattr(migrations, "STEPS", {1: add_ect_initials})
    with pytest.raises(StoreError, match="without --read-only"):
        Store.open(v1_db, read_only=True)
    assert snapshot(v1_db) == before


def test_steps_run_in_order() -> None:
    seen = []
    steps = {1: lambda d: seen.append(1) or d, 2: lambda d: seen.append(2) or d}
    migrations.migrate({}, 1, current=3, steps=steps)
    assert seen == [1, 2]

"""Schema upgrades: the real step (schema 1 kept the index in the file) and the mechanism, with a fake later step."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from ect_tui.store import Store, StoreError, check_database, migrations
from ect_tui.store.index import index_row

from .helpers import make_doc, snapshot

SCHEMA_1_META = {"1": {"schema": 1, "app": "ect-tui"}}


def as_schema_1(db_path: Path) -> None:
    """Turn a closed database into what ect-tui wrote before schema 2: the index rows in the file."""
    index_dir = db_path.with_name(db_path.name + ".index")
    rows = [
        row
        for month in sorted(index_dir.glob("*-*.json"))
        for row in json.loads(month.read_text())["rows"].values()
    ]
    data = json.loads(db_path.read_text())
    data["_meta"] = SCHEMA_1_META
    data["meetings"] = {str(number): row for number, row in enumerate(rows, start=1)}
    db_path.write_text(json.dumps(data))
    shutil.rmtree(index_dir)


@pytest.fixture
def v1_db(db_path: Path) -> Path:
    with Store.open(db_path) as store:
        store.put_meeting(make_doc(id="a1", ect="alex"))
        store.put_meeting(make_doc(id="b2", ect="sam", started="2025-10-06T15:30:00+01:00"))
        store.set_setting("last_mentor", "Sam")
    as_schema_1(db_path)
    return db_path


def test_schema_1_moves_its_index_into_month_files_once_with_a_backup(v1_db: Path, monkeypatch) -> None:
    original = v1_db.read_bytes()
    ok, message = check_database(v1_db)
    assert ok and "schema 1 will be upgraded to 2" in message
    # The rows move as they are: no meeting file is read again (their stamps still match).
    monkeypatch.setattr(Store, "load_meeting", lambda self, meeting_id: pytest.fail(f"read {meeting_id}"))
    with Store.open(v1_db) as store:
        assert [row["id"] for row in store.list_meetings()] == ["b2", "a1"]
        assert store.ects() == ["alex", "sam"]
        assert store.get_setting("last_mentor") == "Sam"
    monkeypatch.undo()
    data = json.loads(v1_db.read_text())
    assert data["_meta"]["1"] == {"schema": 2, "app": "ect-tui"}
    assert "meetings" not in data
    index_dir = v1_db.with_name("ect-tui.json.index")
    assert sorted(path.name for path in index_dir.glob("*-*.json")) == ["2025-09.json", "2025-10.json"]
    assert (v1_db.parent / "ect-tui.json.schema1.bak").read_bytes() == original
    before = snapshot(v1_db)
    Store.open(v1_db).close()  # opening again runs nothing more
    assert snapshot(v1_db) == before


def test_a_crash_between_the_month_files_and_the_upgrade_moves_them_again(v1_db: Path, monkeypatch) -> None:
    def crash(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("ect_tui.store.database.upgrade_schema", crash)
    with pytest.raises(OSError):
        Store.open(v1_db)
    monkeypatch.undo()
    assert json.loads(v1_db.read_text())["_meta"] == SCHEMA_1_META  # the file is untouched
    with Store.open(v1_db) as store:
        assert [row["id"] for row in store.list_meetings()] == ["b2", "a1"]
        assert store.list_meetings()[1] == index_row(make_doc(id="a1", ect="alex"))


def add_table(data: dict) -> dict:
    data["v3_table"] = {"1": {"created_by": "step 2"}}
    return data


def test_a_later_step_runs_once_with_a_backup(db_path: Path, monkeypatch) -> None:
    with Store.open(db_path) as store:
        store.put_meeting(make_doc(id="a1"))
    original = db_path.read_bytes()
    monkeypatch.setattr(migrations, "CURRENT", 3)
    monkeypatch.setattr(migrations, "STEPS", {**migrations.STEPS, 2: add_table})
    with Store.open(db_path) as store:
        assert store.table("v3_table").all() == [{"created_by": "step 2"}]
        assert store.meeting_count() == 1
    assert json.loads(db_path.read_text())["_meta"]["1"] == {"schema": 3, "app": "ect-tui"}
    assert (db_path.parent / "ect-tui.json.schema2.bak").read_bytes() == original


def test_failing_step_leaves_the_file_untouched(db_path: Path, monkeypatch) -> None:
    Store.open(db_path).close()
    before = snapshot(db_path)

    def broken(data: dict) -> dict:
        data["settings"].clear()  # mutates its input, then fails
        raise RuntimeError("bug in migration")

    monkeypatch.setattr(migrations, "CURRENT", 3)
    monkeypatch.setattr(migrations, "STEPS", {**migrations.STEPS, 2: broken})
    with pytest.raises(RuntimeError):
        Store.open(db_path)
    assert snapshot(db_path) == before


def test_missing_step_is_a_clear_error(db_path: Path, monkeypatch) -> None:
    Store.open(db_path).close()
    before = snapshot(db_path)
    monkeypatch.setattr(migrations, "CURRENT", 4)
    monkeypatch.setattr(migrations, "STEPS", {**migrations.STEPS, 2: add_table})
    with pytest.raises(StoreError, match="cannot upgrade a schema 3"):
        Store.open(db_path)
    assert snapshot(db_path) == before


def test_read_only_refuses_an_old_schema(v1_db: Path) -> None:
    before = snapshot(v1_db)
    with pytest.raises(StoreError, match="without --read-only"):
        Store.open(v1_db, read_only=True)
    assert snapshot(v1_db) == before


def test_steps_run_in_order() -> None:
    seen = []
    steps = {1: lambda d: seen.append(1) or d, 2: lambda d: seen.append(2) or d}
    migrations.migrate({}, 1, current=3, steps=steps)
    assert seen == [1, 2]

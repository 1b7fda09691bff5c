"""check_database: read-only health check for `ect-tui check-db`."""

from __future__ import annotations

import json
from pathlib import Path

from ect_tui.store import Store, check_database

from .helpers import make_doc, snapshot


def test_ok_counts_meetings(db_path: Path) -> None:
    with Store.open(db_path) as store:
        for _ in range(3):
            store.put_meeting(make_doc())
    assert check_database(db_path) == (True, "ok: 3 meetings")


def test_ok_on_a_new_database(db_path: Path) -> None:
    Store.open(db_path).close()
    assert check_database(db_path) == (True, "ok: 0 meetings")


def test_works_while_the_database_is_open_and_changes_nothing(db_path: Path) -> None:
    with Store.open(db_path) as store:
        store.put_meeting(make_doc(id="a1"))
        leftover = store.meetings_dir / ".a1.json.0123456789abcdef.tmp"
        leftover.write_text("half")
        before = snapshot(db_path), snapshot(store.meeting_path("a1"))
        ok, message = check_database(db_path)
        assert ok and message.startswith("ok: 1 meetings")
        assert "leftover temp file" in message
        assert (snapshot(db_path), snapshot(store.meeting_path("a1"))) == before
        assert leftover.exists()


def test_missing_database(db_path: Path) -> None:
    ok, message = check_database(db_path)
    assert not ok
    assert str(db_path) in message and "--db" in message
    assert not db_path.parent.exists()


def test_damaged_meeting_files_are_each_named(db_path: Path) -> None:
    with Store.open(db_path) as store:
        store.put_meeting(make_doc(id="good"))
        store.put_meeting(make_doc(id="trunc"))
        store.put_meeting(make_doc(id="wrongid"))
        store.meeting_path("trunc").write_text('{"id": "trunc", "sec')
        store.meeting_path("wrongid").write_text(json.dumps(make_doc(id="other")))
        folder = store.meetings_dir
    ok, message = check_database(db_path)
    assert not ok
    assert message.startswith("2 records are damaged")
    assert str(folder / "trunc.json") in message and "not valid JSON" in message
    assert str(folder / "wrongid.json") in message and "holds meeting 'other'" in message
    assert "good.json" not in message
    assert "backup" in message


def test_out_of_date_index_is_reported_but_ok(db_path: Path) -> None:
    with Store.open(db_path) as store:
        store.put_meeting(make_doc(id="a1"))
        store.save_meeting(make_doc(id="b2"))  # not indexed yet
    ok, message = check_database(db_path)
    assert ok
    assert message.startswith("ok: 2 meetings") and "index is out of date" in message
    Store.open(db_path).close()  # reconciles
    assert check_database(db_path) == (True, "ok: 2 meetings")

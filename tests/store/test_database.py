"""Store: layout, queries, settings, tables, read-only mode and index reconciliation."""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

import pytest

from ect_tui.store import (
    CorruptDatabaseError,
    DatabaseLockedError,
    MeetingNotFoundError,
    ReadOnlyError,
    SaveFailedError,
    Store,
    StoreError,
)
from ect_tui.store.index import index_row
from ect_tui.store.storage import json_copy

from .helpers import make_doc, snapshot, temp_files


def mode_of(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


# -- layout --------------------------------------------------------------------------


def test_open_creates_layout_with_private_modes(db_path: Path) -> None:
    with Store.open(db_path) as store:
        assert store.path == db_path and not store.read_only
        assert store.meetings_dir == db_path.parent / "ect-tui.json.meetings"
        store.put_meeting(make_doc(id="abc123"))
    assert mode_of(db_path.parent) == 0o700
    assert mode_of(db_path.parent / "ect-tui.json.meetings") == 0o700
    assert mode_of(db_path) == 0o600
    assert mode_of(db_path.parent / "ect-tui.json.lock") == 0o600
    assert mode_of(db_path.parent / "ect-tui.json.meetings" / "abc123.json") == 0o600
    index_dir = db_path.parent / "ect-tui.json.index"
    assert mode_of(index_dir) == 0o700
    month = json.loads((index_dir / "2025-09.json").read_text())
    assert list(month["rows"]) == ["abc123"] and mode_of(index_dir / "2025-09.json") == 0o600
    data = json.loads(db_path.read_text())
    assert data["_meta"] == {"1": {"schema": 2, "app": "ect-tui"}}
    assert set(data) >= {"_meta", "settings"} and "meetings" not in data


def test_existing_folder_keeps_its_mode(tmp_path: Path) -> None:
    folder = tmp_path / "Documents"
    folder.mkdir(mode=0o755)
    os.chmod(folder, 0o755)
    Store.open(folder / "notes.json").close()
    assert mode_of(folder) == 0o755


def test_read_only_open_of_missing_file_creates_nothing(db_path: Path) -> None:
    with pytest.raises(StoreError, match="no database at"):
        Store.open(db_path, read_only=True)
    assert not db_path.parent.exists()


def test_reopen_keeps_data(db_path: Path) -> None:
    doc = make_doc()
    with Store.open(db_path) as store:
        store.put_meeting(doc)
        store.set_setting("mentor", "Sam Patel")
    with Store.open(db_path) as store:
        assert store.load_meeting(doc["id"]) == doc
        assert store.get_setting("mentor") == "Sam Patel"


def test_close_releases_lock_and_blocks_writes(db_path: Path) -> None:
    store = Store.open(db_path)
    with pytest.raises(DatabaseLockedError):
        Store.open(db_path)
    store.close()
    with pytest.raises(StoreError, match="closed"):
        store.save_meeting(make_doc())
    Store.open(db_path).close()


# -- meetings ------------------------------------------------------------------------


def test_save_meeting_writes_only_the_meeting_file(store: Store) -> None:
    doc = make_doc()
    before = snapshot(store.path)
    store.save_meeting(doc)
    assert snapshot(store.path) == before  # the index is not rewritten by an autosave
    assert store.load_meeting(doc["id"]) == doc
    store.index_meeting(doc)
    assert [row["id"] for row in store.list_meetings()] == [doc["id"]]


def test_index_row_is_derived_from_the_doc(store: Store) -> None:
    doc = make_doc(id="feed01", status="complete", ended="2025-09-08T16:30:00+01:00")
    store.put_meeting(doc)
    assert store.list_meetings() == [
        {
            "id": "feed01",
            "kind": "meeting",
            "ect": "Alex Brown",
            "mentor": "Sam Patel",
            "script_id": "m1-w1-audit",
            "script_title": "Module audit",
            "status": "complete",
            "started": "2025-09-08T15:30:00+01:00",
            "ended": "2025-09-08T16:30:00+01:00",
            "updated": "2025-09-08T15:41:12+01:00",
            "duration_seconds": 1801,
        }
    ]


def test_index_row_tolerates_odd_sections() -> None:
    doc = make_doc(
        sections=[
            {"id": "a"},
            {"id": "b", "elapsed_seconds": float("nan")},
            {"id": "c", "elapsed_seconds": "12"},
            "junk",
            {"id": "d", "elapsed_seconds": 2.5},
        ]
    )
    assert index_row(doc)["duration_seconds"] == 2
    assert index_row(make_doc(sections=None, script=None))["script_id"] is None


def test_put_meeting_updates_not_duplicates(store: Store) -> None:
    doc = make_doc()
    store.put_meeting(doc)
    store.put_meeting({**doc, "status": "complete"})
    assert store.meeting_count() == 1
    assert store.list_meetings()[0]["status"] == "complete"


def test_queries(store: Store) -> None:
    a = make_doc(id="a1", ect="alex", started="2025-09-01T10:00:00", status="complete")
    b = make_doc(id="b2", ect="Bea", started="2025-09-15T10:00:00", status="in-progress")
    c = make_doc(
        id="c3",
        ect="Alex",
        started="2025-09-08T10:00:00",
        status="in-progress",
        kind="coaching",
        script={"id": "coach-1", "title": "Coaching"},
    )
    d = make_doc(id="d4", ect="alex", started="2025-09-22T10:00:00", status="complete")
    for doc in (a, b, c, d):
        store.put_meeting(doc)
    ids = lambda rows: [row["id"] for row in rows]  # noqa: E731
    assert ids(store.list_meetings()) == ["d4", "b2", "c3", "a1"]
    assert ids(store.list_meetings(ect="alex")) == ["d4", "a1"]
    assert ids(store.list_meetings(status="complete")) == ["d4", "a1"]
    assert ids(store.list_meetings(kind="coaching")) == ["c3"]
    assert ids(store.list_meetings(script_id="m1-w1-audit", status="in-progress")) == ["b2"]
    assert ids(store.unfinished()) == ["b2", "c3"]
    assert store.ects() == ["Alex", "alex", "Bea"]
    assert store.meeting_count() == 4
    assert [doc["id"] for doc in store.iter_meetings()] == ["d4", "b2", "c3", "a1"]
    assert [doc["id"] for doc in store.iter_meetings(ect="Bea")] == ["b2"]


def test_ects_sorted_case_insensitively(store: Store) -> None:
    for name in ["zoe", "Adam", "bea", "Zack"]:
        store.put_meeting(make_doc(ect=name))
    assert store.ects() == ["Adam", "bea", "Zack", "zoe"]


@pytest.mark.parametrize("name", ["", None, ["Sam"]])
def test_a_meeting_without_an_ect_name_is_refused_before_writing(store: Store, name) -> None:
    doc = make_doc(ect=name)
    with pytest.raises(ValueError, match="ect"):
        store.put_meeting(doc)
    assert not store.meeting_path(doc["id"]).exists()
    assert store.ects() == []


def test_rows_are_plain_copies(store: Store) -> None:
    store.put_meeting(make_doc(id="a1"))
    rows = store.list_meetings()
    rows[0]["status"] = "changed"
    assert store.list_meetings()[0]["status"] == "in-progress"
    assert type(rows[0]) is dict


def test_load_missing_meeting(store: Store) -> None:
    with pytest.raises(MeetingNotFoundError) as caught:
        store.load_meeting("0123abcd")
    assert "0123abcd" in str(caught.value)
    with pytest.raises(MeetingNotFoundError):
        store.load_meeting("../../etc/passwd")


def test_save_rejects_unsafe_ids(store: Store) -> None:
    for bad in ["../x", "a/b", "", ".hidden", None, 5]:
        with pytest.raises(ValueError):
            store.save_meeting(make_doc(id=bad))
    assert list(store.meetings_dir.iterdir()) == []


def test_corrupt_meeting_file_names_the_file(store: Store) -> None:
    doc = make_doc(id="abc")
    store.put_meeting(doc)
    file = store.meeting_path("abc")
    file.write_text('{"id": "abc", "sections": [')
    with pytest.raises(CorruptDatabaseError) as caught:
        store.load_meeting("abc")
    assert str(file) in str(caught.value)
    file.write_text(json.dumps({**doc, "id": "other"}))
    with pytest.raises(CorruptDatabaseError, match="holds meeting 'other'"):
        store.load_meeting("abc")
    file.write_text("[]")
    with pytest.raises(CorruptDatabaseError, match="not hold a JSON object"):
        store.load_meeting("abc")


def test_unserialisable_doc_raises_type_error_and_writes_nothing(store: Store) -> None:
    doc = make_doc()
    store.put_meeting(doc)
    with pytest.raises((TypeError, ValueError)):  # the schema check refuses it before json would
        store.put_meeting({**doc, "when": object()})
    assert store.load_meeting(doc["id"]) == doc
    assert temp_files(store.meetings_dir) == []


def test_save_recreates_a_deleted_meetings_folder(store: Store) -> None:
    store.meetings_dir.rmdir()
    doc = make_doc()
    store.put_meeting(doc)
    assert store.load_meeting(doc["id"]) == doc


# -- settings and tables -------------------------------------------------------------


def test_settings(store: Store) -> None:
    assert store.get_setting("names") is None
    assert store.get_setting("names", []) == []
    store.set_setting("names", ["Alex", "Bea"])
    store.set_setting("mentor", "Sam")
    store.set_setting("names", ["Alex"])
    assert store.get_setting("names") == ["Alex"]
    assert store.get_setting("mentor") == "Sam"


def test_settings_value_is_copied(store: Store) -> None:
    value = {"a": [1]}
    store.set_setting("k", value)
    value["a"].append(2)
    assert store.get_setting("k") == {"a": [1]}


def test_generic_table(store: Store, db_path: Path) -> None:
    log = store.table("study_log")
    log.insert({"ect": "Alex", "minutes": 40})
    log.insert({"ect": "Bea", "minutes": 30})
    assert sorted(doc["minutes"] for doc in log.all()) == [30, 40]
    assert json.loads(db_path.read_text())["study_log"]["1"] == {"ect": "Alex", "minutes": 40}
    for reserved in ("_meta", "meetings", "settings"):
        with pytest.raises(ValueError):
            store.table(reserved)


def test_a_table_read_and_changed_leaves_the_others_as_stored(store: Store, db_path: Path) -> None:
    # TinyDB gets a copy of the one table it takes (storage._CopiedOnTake), not of every table.
    log, notes = store.table("study_log"), store.table("notes")
    log.insert({"ect": "Alex", "topics": ["behaviour"], "extra": {"a": [1]}})
    notes.insert({"n": 1})
    for doc in log.all():
        doc["topics"].append("changed in memory only")
        doc["extra"]["a"].append(2)
    assert log.all() == [{"ect": "Alex", "topics": ["behaviour"], "extra": {"a": [1]}}]
    log.update({"minutes": 30})
    notes.insert({"n": 2})
    on_disk = json.loads(db_path.read_text())
    assert on_disk["study_log"] == {
        "1": {"ect": "Alex", "topics": ["behaviour"], "extra": {"a": [1]}, "minutes": 30}
    }
    assert on_disk["notes"] == {"1": {"n": 1}, "2": {"n": 2}}
    assert store.list_meetings() == [] and store.get_setting("k") is None


@pytest.mark.parametrize(
    "value",
    [{}, [], {"a": [1, {"b": None, "c": [True, 2.5, "x"]}]}, [[[]], {"k": {}}], "text", 3],
)
def test_json_copy_is_a_deep_copy(value) -> None:
    import copy

    copied = json_copy(value)
    assert copied == copy.deepcopy(value)
    if isinstance(value, (dict, list)) and value:
        assert copied is not value
        first = next(iter(value.values())) if isinstance(value, dict) else value[0]
        twin = next(iter(copied.values())) if isinstance(copied, dict) else copied[0]
        assert twin is not first


def test_table_writes_are_atomic(store: Store, monkeypatch) -> None:
    log = store.table("study_log")
    log.insert({"n": 1})
    before = snapshot(store.path)

    def full(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", full)
    with pytest.raises(SaveFailedError, match="disk is full"):
        log.insert({"n": 2})
    monkeypatch.undo()
    assert snapshot(store.path) == before
    assert temp_files(store.path.parent) == []


# -- read-only -------------------------------------------------------------------------


def test_read_only_reads_but_never_writes(db_path: Path) -> None:
    doc = make_doc()
    with Store.open(db_path) as store:
        store.put_meeting(doc)
        store.set_setting("k", 1)
    before = snapshot(db_path)
    with Store.open(db_path, read_only=True) as viewer:
        assert viewer.read_only
        assert viewer.load_meeting(doc["id"]) == doc
        assert [row["id"] for row in viewer.list_meetings()] == [doc["id"]]
        assert viewer.get_setting("k") == 1
        for attempt in (
            lambda: viewer.save_meeting(doc),
            lambda: viewer.index_meeting(doc),
            lambda: viewer.put_meeting(doc),
            lambda: viewer.set_setting("k", 2),
            lambda: viewer.table("study_log").insert({"a": 1}),
            viewer.reindex,
        ):
            with pytest.raises(ReadOnlyError) as caught:
                attempt()
            assert str(db_path) in str(caught.value)
    assert snapshot(db_path) == before


def test_read_only_sees_writes_made_after_it_opened(db_path: Path) -> None:
    with Store.open(db_path) as store, Store.open(db_path, read_only=True) as viewer:
        assert viewer.list_meetings() == []
        store.put_meeting(make_doc(id="late"))
        assert [row["id"] for row in viewer.list_meetings()] == ["late"]
        assert viewer.table("log").all() == []
        store.table("log").insert({"a": 1})
        assert viewer.table("log").all() == [{"a": 1}]


# -- reconciling the index with the meeting files ------------------------------------


def test_meeting_file_without_index_row_gets_one(db_path: Path) -> None:
    indexed, orphan = make_doc(id="a1"), make_doc(id="b2", ect="Bea", status="complete")
    with Store.open(db_path) as store:
        store.put_meeting(indexed)
        store.save_meeting(orphan)  # "crash" before index_meeting
        assert store.meeting_count() == 1
    with Store.open(db_path) as store:
        assert store.meeting_count() == 2
        assert {row["id"]: row for row in store.list_meetings()}["b2"] == index_row(orphan)


def test_index_row_without_file_is_dropped(db_path: Path) -> None:
    with Store.open(db_path) as store:
        store.put_meeting(make_doc(id="a1"))
        store.put_meeting(make_doc(id="b2"))
        store.meeting_path("b2").unlink()
    with Store.open(db_path) as store:
        assert [row["id"] for row in store.list_meetings()] == ["a1"]


def test_file_saved_after_its_row_refreshes_the_row(db_path: Path) -> None:
    doc = make_doc(id="a1")
    with Store.open(db_path) as store:
        store.put_meeting(doc)
        finished = {
            **doc,
            "status": "complete",
            "ended": "2025-09-08T16:31:00+01:00",
            "sections": [{"id": "review", "elapsed_seconds": 3599.6}],
        }
        store.save_meeting(finished)  # "crash" before index_meeting
        store.set_setting("unrelated", True)  # the index file is now newer than the meeting file
    with Store.open(db_path) as store:
        assert store.list_meetings() == [index_row(finished)]


def test_unchanged_files_do_not_rewrite_the_index(db_path: Path) -> None:
    with Store.open(db_path) as store:
        store.put_meeting(make_doc())
    before = snapshot(db_path)
    Store.open(db_path).close()
    assert snapshot(db_path) == before


def test_damaged_meeting_file_does_not_block_opening(db_path: Path) -> None:
    with Store.open(db_path) as store:
        store.put_meeting(make_doc(id="good"))
        (store.meetings_dir / "bad.json").write_text("{not json")
    with Store.open(db_path) as store:
        assert [row["id"] for row in store.list_meetings()] == ["good"]
        with pytest.raises(CorruptDatabaseError):
            store.load_meeting("bad")


def month_file(db_path: Path, month: str) -> Path:
    return db_path.with_name(db_path.name + ".index") / f"{month}.json"


def test_duplicate_rows_and_foreign_files_are_cleaned(db_path: Path) -> None:
    doc = make_doc(id="a1")
    with Store.open(db_path) as store:
        store.put_meeting(doc)
        (store.meetings_dir / "README.txt").write_text("not a meeting")
    rows = json.loads(month_file(db_path, "2025-09").read_text())["rows"]
    month_file(db_path, "2025-11").write_text(json.dumps({"format": 1, "rows": rows}))  # filed twice
    with Store.open(db_path) as store:
        assert store.list_meetings() == [index_row(doc)]
        assert store.meeting_count() == 1
        assert (store.meetings_dir / "README.txt").exists()
    assert not month_file(db_path, "2025-11").exists()


def test_a_row_named_twice_in_its_own_month_and_another_is_kept_once(db_path: Path) -> None:
    doc = make_doc(id="a1")
    with Store.open(db_path) as store:
        store.put_meeting(doc)
    data = json.loads(month_file(db_path, "2025-09").read_text())
    copy = {**data["rows"]["a1"], "started": "2025-11-03T15:30:00+00:00"}  # a hand edit: same stamp
    month_file(db_path, "2025-11").write_text(json.dumps({"format": 1, "rows": {"a1": copy}}))
    with Store.open(db_path) as store:
        assert [row["id"] for row in store.list_meetings()] == ["a1"]


def test_reindex_rebuilds_every_row(db_path: Path) -> None:
    doc = make_doc(id="a1")
    with Store.open(db_path) as store:
        store.put_meeting(doc)
    data = json.loads(month_file(db_path, "2025-09").read_text())  # closing folded the journal in
    data["rows"]["a1"]["ect"] = "Wrong Name"
    month_file(db_path, "2025-09").write_text(json.dumps(data))
    with Store.open(db_path) as store:
        assert store.list_meetings()[0]["ect"] == "Wrong Name"  # the file is unchanged, so opening trusts it
        store.reindex()
        assert store.list_meetings() == [index_row(doc)]


def test_an_unreadable_month_file_is_kept_aside_and_rebuilt(db_path: Path) -> None:
    doc = make_doc(id="a1")
    with Store.open(db_path) as store:
        store.put_meeting(doc)
    month_file(db_path, "2025-09").write_text('{"format": 1, "rows": {"a1": ')
    with Store.open(db_path, read_only=True) as viewer:
        assert viewer.list_meetings() == []  # a viewer changes nothing
    with Store.open(db_path) as store:
        assert store.list_meetings() == [index_row(doc)]
    kept = list(db_path.with_name("ect-tui.json.index").glob("2025-09.json.*.damaged"))
    assert [path.read_text() for path in kept] == ['{"format": 1, "rows": {"a1": ']


def test_open_removes_leftover_temp_files(db_path: Path) -> None:
    Store.open(db_path).close()
    folder = db_path.parent
    leftovers = [
        folder / ".ect-tui.json.0123456789abcdef.tmp",
        folder / "ect-tui.json.meetings" / ".a1.json.fedcba9876543210.tmp",
    ]
    foreign = [folder / ".other.json.0123456789abcdef.tmp", folder / "keep.tmp"]
    for path in leftovers + foreign:
        path.write_text("half a file")
    Store.open(db_path, read_only=True).close()
    assert all(path.exists() for path in leftovers)  # read-only changes nothing
    Store.open(db_path).close()
    assert not any(path.exists() for path in leftovers)
    assert all(path.exists() for path in foreign)


def test_a_deleted_index_is_rebuilt_from_the_meeting_files(db_path: Path) -> None:
    docs = [make_doc(id=f"m{i}", started=f"2025-09-0{i}T10:00:00") for i in range(1, 4)]
    with Store.open(db_path) as store:
        for doc in docs:
            store.put_meeting(doc)
    db_path.unlink()
    with Store.open(db_path) as store:
        assert store.list_meetings() == [index_row(doc) for doc in reversed(docs)]


def test_writes_from_several_threads_are_not_lost(store: Store) -> None:
    # The saver thread indexes meetings while the UI writes settings and tables:
    # each is a read-modify-write of the same index file.
    import threading

    barrier = threading.Barrier(3)
    log = store.table("study_log")

    def meetings() -> None:
        barrier.wait()
        for n in range(15):
            store.put_meeting(make_doc(id=f"m{n}"))

    def settings() -> None:
        barrier.wait()
        for n in range(15):
            store.set_setting(f"k{n}", n)

    def study_log() -> None:
        barrier.wait()
        for n in range(15):
            log.insert({"n": n})

    threads = [threading.Thread(target=work) for work in (meetings, settings, study_log)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert store.meeting_count() == 15
    assert [store.get_setting(f"k{n}") for n in range(15)] == list(range(15))
    assert sorted(doc["n"] for doc in log.all()) == list(range(15))


def test_discarded_meeting_leaves_the_app_but_its_file_is_kept(db_path: Path) -> None:
    keep, mistake = make_doc(id="keep1"), make_doc(id="oops2", ect="Wrong Name")
    with Store.open(db_path) as store:
        store.put_meeting(keep)
        store.put_meeting(mistake)
        binned = store.discard_meeting("oops2")
        assert [row["id"] for row in store.list_meetings()] == ["keep1"]
        assert store.ects() == [keep["ect"]]
        with pytest.raises(MeetingNotFoundError):
            store.load_meeting("oops2")
        with pytest.raises(MeetingNotFoundError):
            store.discard_meeting("oops2")
    assert json.loads(binned.read_text())["id"] == "oops2"  # recoverable by hand
    assert mode_of(binned.parent) == 0o700
    with Store.open(db_path) as store:  # reopening does not bring it back
        assert [row["id"] for row in store.list_meetings()] == ["keep1"]

"""The index by month (store/segments.py): the summary the start screen reads stays true, and a
meeting is filed once, under the month it started, whatever changed it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ect_tui.store import Store
from ect_tui.store.index import index_row
from tests.store.helpers import make_doc


def index_dir(db_path: Path) -> Path:
    return db_path.with_name(db_path.name + ".index")


def months_on_disk(db_path: Path) -> dict[str, list[str]]:
    return {
        path.stem: sorted(json.loads(path.read_text())["rows"])
        for path in sorted(index_dir(db_path).glob("*-*.json"))
    }


def facts(store: Store) -> tuple[int, list[str], list[str]]:
    return store.meeting_count(), store.ects(), [row["id"] for row in store.unfinished()]


def test_the_summary_follows_every_change_and_survives_reopening(db_path: Path) -> None:
    with Store.open(db_path) as store:
        store.put_meeting(make_doc(id="a1", ect="Alex", status="in-progress"))
        store.put_meeting(
            make_doc(id="b2", ect="Bea", status="complete", started="2025-10-06T15:30:00+01:00")
        )
        assert facts(store) == (2, ["Alex", "Bea"], ["a1"])
        store.put_meeting(make_doc(id="a1", ect="Alex", status="complete"))
        assert facts(store) == (2, ["Alex", "Bea"], [])
        store.discard_meeting("b2")
        assert facts(store) == (1, ["Alex"], [])
    with Store.open(db_path, read_only=True) as viewer:
        assert facts(viewer) == (1, ["Alex"], [])
    assert months_on_disk(db_path) == {"2025-09": ["a1"]}


def test_a_month_file_changed_by_hand_is_summarised_again(db_path: Path) -> None:
    with Store.open(db_path) as store:
        store.put_meeting(make_doc(id="a1", ect="Alex"))
    month = index_dir(db_path) / "2025-09.json"
    data = json.loads(month.read_text())
    data["rows"]["a1"]["ect"] = "Someone Else"  # the summary still says Alex
    month.write_text(json.dumps(data))
    with Store.open(db_path, read_only=True) as viewer:
        assert viewer.ects() == ["Someone Else"]  # worked out from the file, not the stale summary


def test_an_import_that_moves_a_meeting_to_another_month_files_it_once(db_path: Path) -> None:
    with Store.open(db_path) as store:
        store.put_meeting(make_doc(id="a1"))
        store.put_meeting(make_doc(id="b2", started="2025-09-15T15:30:00+01:00"))
    moved = make_doc(id="a1", started="2025-11-03T15:30:00+00:00")
    with Store.open(db_path) as store:
        store.put_meetings([moved])  # as an import replacing a1
        assert [row["id"] for row in store.list_meetings()] == ["a1", "b2"]
        assert store.meeting_count() == 2
    assert months_on_disk(db_path) == {"2025-09": ["b2"], "2025-11": ["a1"]}
    with Store.open(db_path) as store:
        assert store.list_meetings()[0] == index_row(moved)


def test_a_meeting_moved_while_the_app_runs_is_refiled_by_the_next_open(db_path: Path) -> None:
    """The app's own saves look for the row in its month only; opening checks every row."""
    with Store.open(db_path) as store:
        store.put_meeting(make_doc(id="a1"))
    with Store.open(db_path) as store:
        store.put_meeting(make_doc(id="a1", started="2025-11-03T15:30:00+00:00"))
    with Store.open(db_path) as store:
        assert [row["started"][:7] for row in store.list_meetings()] == ["2025-11"]
        assert store.meeting_count() == 1
    assert months_on_disk(db_path) == {"2025-11": ["a1"]}


def test_one_ects_list_reads_each_month_without_keeping_them(db_path: Path) -> None:
    with Store.open(db_path) as store:
        for month in range(1, 7):
            store.put_meeting(
                make_doc(
                    id=f"m{month}",
                    ect="Alex" if month % 2 else "Bea",
                    started=f"2025-0{month}-08T15:30:00+01:00",
                )
            )
    with Store.open(db_path, read_only=True) as viewer:
        assert [row["id"] for row in viewer.list_meetings(ect="Alex")] == ["m5", "m3", "m1"]
        assert viewer._index._files == {}  # nothing kept: a hub's 24 months would be 70 MB
        assert [row["id"] for row in viewer.meeting_rows(at_least=2)] == ["m6", "m5"]
        assert len(viewer._index._files) == 2  # the newest months, kept for the whole list next


def test_a_query_does_not_wait_while_another_thread_reads_the_months(db_path: Path, monkeypatch) -> None:
    """The history reading every month in a worker (a third of a second at a hub) must not hold
    up the start screen asking for the unfinished meetings on the event loop."""
    import threading

    from ect_tui.store import segments

    with Store.open(db_path) as store:
        store.put_meeting(make_doc(id="a1", status="in-progress"))
        store.put_meeting(make_doc(id="b2", started="2025-10-06T15:30:00+01:00"))
    reading, release = threading.Event(), threading.Event()
    real_read = segments.read_segment

    def slow_read(path, **kwargs):
        reading.set()
        release.wait(10)
        return real_read(path, **kwargs)

    with Store.open(db_path, read_only=True) as viewer:
        monkeypatch.setattr(segments, "read_segment", slow_read)
        worker = threading.Thread(target=viewer.meeting_rows)
        worker.start()
        assert reading.wait(10)
        answered = threading.Event()
        asker = threading.Thread(target=lambda: (viewer.unfinished(), answered.set()))
        asker.start()
        assert answered.wait(5), "unfinished() waited for the months being read"
        release.set()
        worker.join(10)
        asker.join(10)
        assert [row["id"] for row in viewer.meeting_rows()] == ["b2", "a1"]


def test_opening_reads_the_newest_months_so_the_first_page_and_save_need_no_parse(
    db_path: Path, monkeypatch
) -> None:
    from ect_tui.store import database, segments

    with Store.open(db_path) as store:
        for month in range(1, 10):
            store.put_meeting(make_doc(id=f"m{month}", started=f"2025-0{month}-08T15:30:00+01:00"))
    monkeypatch.setattr(database, "NEWEST_KEPT", 1)  # one meeting a month here: the newest month holds it
    with Store.open(db_path) as store:
        monkeypatch.setattr(segments, "read_segment", lambda *a, **k: pytest.fail("a month file was parsed"))
        store.put_meeting(make_doc(id="m9", status="complete", started="2025-09-08T15:30:00+01:00"))
        assert len(store.meeting_rows(at_least=1)) == 1
        assert list(store._index._files) == ["2025-09"]  # the newest month only, not the whole history


def test_a_lost_index_is_rebuilt_from_the_meeting_files(db_path: Path) -> None:
    """What the README promises a mentor restoring a backup of the database and meetings folder."""
    import shutil

    with Store.open(db_path) as store:
        store.put_meeting(make_doc(id="a1", ect="Alex", status="in-progress"))
        store.put_meeting(
            make_doc(id="b2", ect="Bea", status="complete", started="2025-10-06T15:30:00+01:00")
        )
        before = store.list_meetings()
    shutil.rmtree(index_dir(db_path))
    with Store.open(db_path) as store:
        assert store.list_meetings() == before
        assert facts(store) == (2, ["Alex", "Bea"], ["a1"])


def test_the_first_match_reads_only_the_months_up_to_it(db_path: Path, monkeypatch) -> None:
    """How a meeting finds the ECT's last one (coaching/opening.py) without reading two years."""
    from ect_tui.store import database, segments

    with Store.open(db_path) as store:
        for month in range(1, 10):
            ect = "Alex" if month in (7, 2) else "Bea"
            store.put_meeting(make_doc(id=f"m{month}", ect=ect, started=f"2025-0{month}-08T15:30:00+01:00"))
    monkeypatch.setattr(database, "NEWEST_KEPT", 1)
    with Store.open(db_path) as store:
        read: list[str] = []
        real_read = segments.read_segment
        monkeypatch.setattr(
            segments, "read_segment", lambda path, **k: read.append(path.stem) or real_read(path, **k)
        )
        assert next(store.iter_rows(ect="Alex"))["id"] == "m7"
        assert read == ["2025-08", "2025-07"]  # September was kept at opening
        assert [row["id"] for row in store.iter_rows(ect="Alex")] == ["m7", "m2"]


def test_a_month_file_holds_its_rows_newest_first(db_path: Path) -> None:
    """Readers sort a month in one quick pass when it is written in order (write_segment)."""
    with Store.open(db_path) as store:
        for number, started in enumerate(
            ["2025-09-03T15:30:00+01:00", "2025-09-01T15:30:00+01:00", "2025-09-09T15:30:00+01:00"]
        ):
            store.put_meeting(make_doc(id=f"m{number}", started=started))
        store.put_meeting(make_doc(id="m3", started="2025-09-03T15:30:00+01:00"))  # the same minute as m0
    assert list(json.loads((index_dir(db_path) / "2025-09.json").read_text())["rows"]) == [
        "m2",
        "m3",
        "m0",
        "m1",
    ]


def test_a_batch_looks_each_row_up_without_laying_the_journal_over_its_month(
    db_path: Path, monkeypatch
) -> None:
    """put_meetings of an import's 5,000 rows built the month with the journal on top for each
    row (two seconds at a hub); a row not in the journal is the file's, looked up directly."""
    from ect_tui.store.segments import SegmentedIndex

    with Store.open(db_path) as store:
        store.put_meetings([make_doc(id=f"a{number}") for number in range(20)])
        calls = []
        real_rows = SegmentedIndex.rows
        monkeypatch.setattr(
            SegmentedIndex, "rows", lambda self, *a, **k: calls.append(1) or real_rows(self, *a, **k)
        )
        store.put_meetings([make_doc(id=f"b{number}") for number in range(20)])
        assert len(calls) <= 1  # at most a fold, never once per row
        assert {row["id"] for row in store.list_meetings()} >= {f"b{number}" for number in range(20)}

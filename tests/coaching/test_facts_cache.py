"""The report's cache of ECT summaries (coaching/facts_cache.py): the same report, without
reopening unchanged meeting files; a changed, damaged or missing cache is never trusted."""

from __future__ import annotations

import json
import os
from datetime import date

import pytest

from ect_tui.coaching.facts_cache import CACHE_VERSION, cache_path_for, ect_summaries
from ect_tui.coaching.report import report_from_store
from ect_tui.coaching.report_out import report_json
from ect_tui.script.catalog import load_catalog
from ect_tui.store import Store
from ect_tui.store.errors import StoreError
from tests.coaching.builders import TODAY, overview_fixture


def report_text(store, cache):
    report = report_from_store(store, TODAY.date(), scripts=load_catalog([]).scripts, cache=cache)
    return json.dumps(report_json(report), sort_keys=True)


def test_a_warm_cache_gives_the_same_report_without_opening_a_meeting(tmp_path, audit_script, monkeypatch):
    cache = tmp_path / "cache" / "facts.json"
    with Store.open(tmp_path / "db.json") as store:
        overview_fixture(store, audit_script)
        uncached = report_text(store, None)
        assert report_text(store, cache) == uncached  # cold: read every file, cache written
        assert cache.stat().st_mode & 0o777 == 0o600  # action steps are in it: the user's only

        def refuse(meeting_id):
            raise AssertionError(f"opened {meeting_id}")

        monkeypatch.setattr(store, "load_meeting", refuse)
        assert report_text(store, cache) == uncached  # warm: not one meeting file opened


def test_a_meeting_changed_on_disk_is_read_again(tmp_path, audit_script, monkeypatch):
    cache = tmp_path / "facts.json"
    scripts = load_catalog([]).scripts
    with Store.open(tmp_path / "db.json") as store:
        overview_fixture(store, audit_script)
        before = ect_summaries(store, TODAY.date(), scripts, cache)
        row = next(r for r in store.list_meetings() if r["ect"] == "Sam Jones")
        doc = store.load_meeting(row["id"])
        doc["ect"] = "Sam Jones-Smith"  # written behind the index's back: only the file changes
        path = store.meeting_path(row["id"])
        path.write_text(json.dumps(doc), encoding="utf-8")
        os.utime(path, ns=(path.stat().st_atime_ns, path.stat().st_mtime_ns + 1_000_000))
        opened = []
        load = store.load_meeting
        monkeypatch.setattr(store, "load_meeting", lambda i: opened.append(i) or load(i))
        after = ect_summaries(store, TODAY.date(), scripts, cache)
        assert "sam jones-smith" not in before and after["sam jones-smith"].name == "Sam Jones-Smith"
        assert len(after["sam jones"].marks) == len(before["sam jones"].marks) - 1
        # Only the changed file and the other meetings of the ECT it left are read again.
        sams = {r["id"] for r in store.list_meetings(ect="Sam Jones")} | {row["id"]}
        assert opened and set(opened) <= sams
        assert report_text(store, cache) == report_text(store, None)


def test_a_report_as_of_an_earlier_day_leaves_out_later_meetings(tmp_path, audit_script):
    cache = tmp_path / "facts.json"
    scripts = load_catalog([]).scripts
    with Store.open(tmp_path / "db.json") as store:
        overview_fixture(store, audit_script)
        ect_summaries(store, TODAY.date(), scripts, cache)  # kept up to today
        days = sorted({date.fromisoformat(r["started"][:10]) for r in store.list_meetings()})
        earlier = days[len(days) // 2]
        cached = ect_summaries(store, earlier, scripts, cache)
        fresh = ect_summaries(store, earlier, scripts, None)
        assert cached == fresh
        assert all(m.day <= earlier for s in cached.values() for m in s.marks)


def test_a_damaged_or_foreign_cache_is_rebuilt(tmp_path, audit_script):
    cache = tmp_path / "facts.json"
    with Store.open(tmp_path / "db.json") as store:
        overview_fixture(store, audit_script)
        expected = report_text(store, None)
        for junk in (
            b"not json",
            b'{"version": 99, "meetings": {}}',
            b'{"version": 3, "scripts": [], "stamps": {"x": 3}, "owners": [], "ects": []}',
            b'{"version": 3, "scripts": [], "stamps": [], "owners": {"x": 3}, "ects": {"sam jones": 3}}',
        ):
            cache.write_bytes(junk)
            assert report_text(store, cache) == expected
            assert json.loads(cache.read_text())["version"] == CACHE_VERSION
        kept = json.loads(cache.read_text())
        forged = {**kept, "owners": {meeting_id: 3 for meeting_id in kept["owners"]}}
        cache.write_text(json.dumps(forged))  # the files unchanged, but whose meetings they are forged
        assert report_text(store, cache) == expected
        for damage in ({"up": "x"}, {"up": -1}):  # entries that are not ours
            damaged = json.loads(json.dumps(kept))
            for key in damaged["ects"]:
                damaged["ects"][key]["movement"].update(damage)
            cache.write_text(json.dumps(damaged))
            assert report_text(store, cache) == expected
        damaged = json.loads(json.dumps(kept))
        next(iter(damaged["ects"].values()))["marks"][0][3] = -2  # a praise count below nought
        cache.write_text(json.dumps(damaged))
        assert report_text(store, cache) == expected
        kept["scripts"] = [["another", "ITTECF"]]  # kept under other scripts: worked out again
        cache.write_text(json.dumps(kept))
        assert report_text(store, cache) == expected


def test_a_damaged_meeting_is_left_out_as_without_a_cache(tmp_path, audit_script):
    cache = tmp_path / "facts.json"
    with Store.open(tmp_path / "db.json") as store:
        overview_fixture(store, audit_script)
        row = store.list_meetings()[0]
        store.meeting_path(row["id"]).write_text("{ damaged", encoding="utf-8")
        with pytest.raises(StoreError):
            store.load_meeting(row["id"])
        assert report_text(store, cache) == report_text(store, None)


def test_each_database_has_its_own_cache_file(tmp_path):
    assert cache_path_for(tmp_path / "a.json") != cache_path_for(tmp_path / "b.json")
    assert cache_path_for(tmp_path / "a.json") == cache_path_for(tmp_path / "." / "a.json")


def test_a_report_stopped_part_way_keeps_nothing_half_done(tmp_path, audit_script):
    from ect_tui.coaching.facts_cache import ReportStopped

    cache = tmp_path / "facts.json"
    scripts = load_catalog([]).scripts
    with Store.open(tmp_path / "db.json") as store:
        overview_fixture(store, audit_script)
        asked = []

        def stop():
            asked.append(1)
            return len(asked) > 2  # the screen closed after two meetings were read

        with pytest.raises(ReportStopped):
            ect_summaries(store, TODAY.date(), scripts, cache, stop)
        assert not cache.exists()  # a half-read report is never kept
        assert report_text(store, cache) == report_text(store, None)


def test_a_meeting_that_could_not_be_read_once_is_read_again_next_time(tmp_path, audit_script, monkeypatch):
    cache = tmp_path / "facts.json"
    with Store.open(tmp_path / "db.json") as store:
        overview_fixture(store, audit_script)
        expected = report_text(store, None)
        for fail_when in ("cold", "warm"):  # unreadable on the first read, or while its ECT is redone
            cache.unlink(missing_ok=True)
            if fail_when == "warm":
                report_text(store, cache)
                row = store.list_meetings()[0]
                other = next(r for r in store.list_meetings() if r["ect"] == row["ect"] and r is not row)
                path = store.meeting_path(other["id"])  # a sibling changes: the ECT is worked out again
                os.utime(path, ns=(path.stat().st_atime_ns, path.stat().st_mtime_ns + 1_000_000))
                os.utime(store.meetings_dir)  # as a save's rename moves the folder's stamp
            else:
                _settle(store.meetings_dir)  # the next report is not told by the folder to read it
                row = store.list_meetings()[0]
            real_load, calls = store.load_meeting, []

            def flaky(meeting_id, row=row, real_load=real_load, calls=calls):
                if meeting_id == row["id"] and not calls:
                    calls.append(meeting_id)
                    raise StoreError("a passing I/O error")
                return real_load(meeting_id)

            monkeypatch.setattr(store, "load_meeting", flaky)
            assert report_text(store, cache) != expected  # left out this once, as without a cache
            assert calls
            assert report_text(store, cache) == expected, fail_when  # and counted again next time
            monkeypatch.setattr(store, "load_meeting", real_load)


def test_a_meetings_folder_that_cannot_be_listed_is_said_not_reported_empty(
    tmp_path, audit_script, monkeypatch
):
    import ect_tui.store.database as database

    cache = tmp_path / "facts.json"
    with Store.open(tmp_path / "db.json") as store:
        overview_fixture(store, audit_script)
        report_text(store, cache)
        kept = cache.read_bytes()
        monkeypatch.setattr(database, "scan_files", lambda folder: None)  # e.g. permission denied
        with pytest.raises(StoreError, match="Could not list the meetings folder"):
            report_text(store, cache)
        assert cache.read_bytes() == kept  # the cache is not emptied


def _settle(folder):
    """As if the meetings folder was last changed a minute ago (its stamp is then trusted)."""
    past = folder.stat().st_mtime_ns - 60_000_000_000
    os.utime(folder, ns=(past, past))


def _kept_under_a_settled_folder(store, audit_script, cache) -> str:
    """The fixture's report, worked out without a cache, then kept in ``cache`` (every file
    stat'ed once, the still folder's stamp kept beside them)."""
    overview_fixture(store, audit_script)
    expected = report_text(store, None)
    _settle(store.meetings_dir)
    assert report_text(store, cache) == expected
    return expected


def test_a_settled_folder_vouches_for_every_file_without_a_stat_each(tmp_path, audit_script, monkeypatch):
    import ect_tui.store.database as database

    cache = tmp_path / "facts.json"
    with Store.open(tmp_path / "db.json") as store:
        expected = _kept_under_a_settled_folder(store, audit_script, cache)
        real_scan = database.scan_files

        def refuse(folder):
            raise AssertionError("a stat per meeting file")

        monkeypatch.setattr(database, "scan_files", refuse)
        assert report_text(store, cache) == expected  # warm: one stat of the folder

        # A meeting saved (a rename into the folder) moves the folder's stamp: the files are looked at.
        row = next(r for r in store.list_meetings() if r["ect"] == "Sam Jones")
        doc = store.load_meeting(row["id"])
        doc["ect"] = "Sam Jones-Smith"
        monkeypatch.setattr(database, "scan_files", real_scan)
        store.save_meeting(doc)
        _settle(store.meetings_dir)
        after = report_text(store, cache)
        assert "Sam Jones-Smith" in after and after == report_text(store, None)


def test_a_file_rewritten_in_place_shows_once_the_store_reconciles(tmp_path, audit_script):
    """The one change the folder's stamp misses (a hand edit in place) shows after the app opens."""
    cache = tmp_path / "facts.json"
    db = tmp_path / "db.json"
    with Store.open(db) as store:
        overview_fixture(store, audit_script)
        row = next(r for r in store.list_meetings() if r["ect"] == "Sam Jones")
        doc = store.load_meeting(row["id"])
    _settle(store.meetings_dir)
    with Store.open(db, read_only=True) as viewer:
        report_text(viewer, cache)
    doc["ect"] = "Sam Jones-Smith"
    path = store.meeting_path(row["id"])
    path.write_text(json.dumps(doc), encoding="utf-8")  # in place: the folder's mtime stays
    os.utime(path, ns=(path.stat().st_atime_ns, path.stat().st_mtime_ns + 1_000_000))
    with Store.open(db, read_only=True) as viewer:
        assert "Sam Jones-Smith" not in report_text(viewer, cache)  # the trade-off, stated
    Store.open(db).close()  # reconciling re-derives the row: the index's files change
    with Store.open(db, read_only=True) as viewer:
        after = report_text(viewer, cache)
        assert "Sam Jones-Smith" in after and after == report_text(viewer, None)


def test_the_folder_stamp_is_not_trusted_while_fresh(tmp_path):
    from ect_tui.store.index import FINE_SETTLED_NS
    from ect_tui.store.reconcile import folder_stamp

    meetings, index = tmp_path / "meetings", tmp_path / "index"
    meetings.mkdir()
    index.mkdir()
    changed = 1_700_000_000_123_456_789  # a fine-grained filesystem's mtime
    os.utime(meetings, ns=(changed, changed))
    assert folder_stamp(meetings, index, now_ns=changed + FINE_SETTLED_NS // 2) is None
    settled = folder_stamp(meetings, index, now_ns=changed + FINE_SETTLED_NS)
    assert settled is not None
    (index / "2026-11.json").write_text("{}")  # the index changed (a reconcile, a fold)
    assert folder_stamp(meetings, index, now_ns=changed + FINE_SETTLED_NS) != settled
    assert folder_stamp(tmp_path / "gone", index) is None


@pytest.mark.parametrize(
    ("mtime_ns", "age_ns", "trusted"),
    [
        (1_700_000_000_123_456_789, 49_999_999, False),
        (1_700_000_000_123_456_789, 50_000_000, True),
        (1_700_000_000_000_000_000, 2_000_000_000, False),  # whole seconds: FAT, HFS+, a share
        (1_700_000_000_000_000_000, 3_000_000_000, True),
    ],
)
def test_a_stamp_is_trusted_once_older_than_its_filesystems_tick(mtime_ns, age_ns, trusted):
    from ect_tui.store.index import settled

    assert settled(mtime_ns, mtime_ns + age_ns) is trusted


def test_the_tables_are_kept_under_the_database_files_stamp(tmp_path, audit_script, monkeypatch):
    """Study log, rhythms and term dates come from the cache while the database file is unchanged,
    and from the file as soon as anything is logged; topics are never kept."""
    from ect_tui.coaching.records import add_study, set_ect_setting
    from ect_tui.coaching.study import StudyEntry

    cache = tmp_path / "facts.json"
    db = tmp_path / "db.json"
    with Store.open(db) as store:
        overview_fixture(store, audit_script)
        add_study(store, StudyEntry("Sam Jones", TODAY.date(), 40, "SECRET-TOPIC"))
    _settle_file(db)
    with Store.open(db, read_only=True, tables_when_asked=True) as viewer:
        expected = report_text(viewer, None)
        assert report_text(viewer, cache) == expected
        assert "SECRET-TOPIC" not in cache.read_text()

        def refuse(name):
            raise AssertionError(f"read the {name} table")

        monkeypatch.setattr(viewer, "table_rows", refuse)
        monkeypatch.setattr(viewer, "table", refuse)
        assert report_text(viewer, cache) == expected  # warm: not one table read
    monkeypatch.undo()
    with Store.open(db) as store:
        add_study(store, StudyEntry("Sam Jones", TODAY.date(), 25, "More"))
        set_ect_setting(store, "Sam Jones", every_weeks=3)
    _settle_file(db)
    with Store.open(db, read_only=True, tables_when_asked=True) as viewer:
        after = report_text(viewer, cache)
        assert after != expected and after == report_text(viewer, None)


def _settle_file(db):
    """As if the database file and its journal were last written a minute ago."""
    from ect_tui.store.storage import journal_path_for

    for path in (db, journal_path_for(db)):
        if path.exists():
            past = path.stat().st_mtime_ns - 60_000_000_000
            os.utime(path, ns=(past, past))


def test_a_cache_nested_too_deeply_to_read_is_rebuilt(tmp_path, audit_script):
    cache = tmp_path / "facts.json"
    with Store.open(tmp_path / "db.json") as store:
        overview_fixture(store, audit_script)
        expected = report_text(store, None)
        cache.write_bytes(b'{"version": 4, "scripts": [], "terms": ' + b"[" * 5000 + b"]" * 5000 + b"}")
        assert report_text(store, cache) == expected


def test_a_warm_report_under_a_settled_folder_reads_only_the_summaries(tmp_path, audit_script, monkeypatch):
    """Whose each meeting is (50,000 entries at a hub) is read only when something changed."""
    import ect_tui.coaching.facts_cache as facts_cache

    cache = tmp_path / "facts.json"
    with Store.open(tmp_path / "db.json") as store:
        expected = _kept_under_a_settled_folder(store, audit_script, cache)

        def refuse(kept):
            raise AssertionError("read whose each meeting is")

        monkeypatch.setattr(facts_cache, "_owners", refuse)
        assert report_text(store, cache) == expected
        earlier = min(date.fromisoformat(r["started"][:10]) for r in store.list_meetings())
        with pytest.raises(AssertionError, match="whose each meeting"):  # as of an earlier day: needed
            ect_summaries(store, earlier, load_catalog([]).scripts, cache)


def test_a_report_as_of_an_earlier_day_is_kept_for_that_day(tmp_path, audit_script, monkeypatch):
    """report --as-of an earlier day: asked again, the ECTs who met since are not read again;
    once one of their meetings changes, they are."""
    cache = tmp_path / "facts.json"
    scripts = load_catalog([]).scripts
    with Store.open(tmp_path / "db.json") as store:
        overview_fixture(store, audit_script)
        days = sorted({date.fromisoformat(r["started"][:10]) for r in store.list_meetings()})
        earlier = days[len(days) // 2]
        fresh = ect_summaries(store, earlier, scripts, None)
        _settle(store.meetings_dir)
        assert ect_summaries(store, earlier, scripts, cache) == fresh
        real_load = store.load_meeting

        def refuse(meeting_id):
            raise AssertionError(f"opened {meeting_id}")

        monkeypatch.setattr(store, "load_meeting", refuse)
        assert ect_summaries(store, earlier, scripts, cache) == fresh  # not one meeting opened
        monkeypatch.setattr(store, "load_meeting", real_load)

        later = {r["ect"] for r in store.list_meetings() if date.fromisoformat(r["started"][:10]) > earlier}
        row = next(
            r
            for r in store.list_meetings()
            if date.fromisoformat(r["started"][:10]) <= earlier and r["ect"] in later
        )
        doc = store.load_meeting(row["id"])
        doc["ect"] = "Someone Else"  # before the day asked about: that ECT's summary changes
        store.save_meeting(doc)
        _settle(store.meetings_dir)
        assert ect_summaries(store, earlier, scripts, cache) == ect_summaries(store, earlier, scripts, None)

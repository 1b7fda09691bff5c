"""The report's facts cache (coaching/facts_cache.py): the same report, without reopening
unchanged meeting files; a changed, damaged or missing cache is never trusted."""

from __future__ import annotations

import json
import os

import pytest

from ect_tui.coaching.facts_cache import cache_path_for, meeting_facts
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


def test_a_meeting_changed_on_disk_is_read_again(tmp_path, audit_script):
    cache = tmp_path / "facts.json"
    with Store.open(tmp_path / "db.json") as store:
        overview_fixture(store, audit_script)
        rows = store.list_meetings()
        before = {f.slim["id"]: f for f in meeting_facts(store, rows, cache)}
        row = next(r for r in rows if r["ect"] == "Sam Jones")
        doc = store.load_meeting(row["id"])
        doc["ect"] = "Sam Jones-Smith"  # written behind the index's back: only the file changes
        path = store.meeting_path(row["id"])
        path.write_text(json.dumps(doc), encoding="utf-8")
        os.utime(path, ns=(path.stat().st_atime_ns, path.stat().st_mtime_ns + 1_000_000))
        after = {f.slim["id"]: f for f in meeting_facts(store, rows, cache)}
        assert before[row["id"]].ect == "Sam Jones" and after[row["id"]].ect == "Sam Jones-Smith"


def test_a_damaged_or_foreign_cache_is_rebuilt(tmp_path, audit_script):
    cache = tmp_path / "facts.json"
    with Store.open(tmp_path / "db.json") as store:
        overview_fixture(store, audit_script)
        expected = report_text(store, None)
        for junk in (
            b"not json",
            b'{"version": 99, "meetings": {}}',
            b'{"version": 1, "meetings": {"x": 3}}',
        ):
            cache.write_bytes(junk)
            assert report_text(store, cache) == expected
            assert json.loads(cache.read_text())["version"] == 1
        entries = json.loads(cache.read_text())
        some_id = next(iter(entries["meetings"]))
        entries["meetings"][some_id]["facts"] = {"ect": "forged"}  # an entry that is not ours
        cache.write_text(json.dumps(entries))
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

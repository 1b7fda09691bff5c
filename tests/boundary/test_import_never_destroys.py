"""Import never destroys: a claimed time decides nothing alone, a replaced meeting keeps its
previous version, and --dry-run changes nothing."""

from __future__ import annotations

import copy
import json
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest

from ect_tui.cli import main
from ect_tui.store import Store
from tests.factories import audit_meeting


@pytest.fixture
def stored(tmp_path: Path, audit_script) -> tuple[Path, dict[str, Any]]:
    db = tmp_path / "ect-tui.json"
    doc = audit_meeting(audit_script, ect="Sam Jones", when=datetime(2026, 11, 17, 15, 30))
    with Store.open(db) as store:
        store.put_meeting(doc)
    return db, doc


def _bundle(tmp_path: Path, *docs: dict[str, Any]) -> Path:
    path = tmp_path / "in.json"
    path.write_text(
        json.dumps(
            {"format": "ect-tui-bundle", "schema": 1, "private_included": True, "meetings": list(docs)}
        )
    )
    return path


def _files(db: Path) -> dict[str, bytes]:
    folder = db.parent
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_a_far_future_updated_stamp_does_not_replace_a_stored_meeting(
    stored, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db, doc = stored
    forged = copy.deepcopy(doc)
    forged["ect"] = "Someone Else"
    forged["sections"][0]["notes"]["where-when"] = "overwritten"
    forged["updated"] = "9999-12-31T23:59:59+00:00"
    assert main(["--db", str(db), "import", str(_bundle(tmp_path, forged))]) == 0
    out = capsys.readouterr().out
    assert "0 updated" in out and "conflict" in out
    with Store.open(db, read_only=True) as store:
        assert store.load_meeting(doc["id"]) == doc


def test_an_older_copy_with_a_newer_stamp_does_not_replace_the_stored_one(
    stored, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db, doc = stored
    older = copy.deepcopy(doc)
    for section in older["sections"]:
        section["elapsed_seconds"] = 0.0  # its clocks had not run yet
    older["status"] = "in-progress"
    older["ended"] = None
    older["updated"] = "2026-11-18T09:00:00+00:00"  # but it claims to be later
    assert main(["--db", str(db), "import", str(_bundle(tmp_path, older))]) == 0
    with Store.open(db, read_only=True) as store:
        assert store.load_meeting(doc["id"]) == doc


def test_a_genuinely_later_copy_replaces_it_and_the_previous_version_is_kept(
    stored, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db, doc = stored
    before = (db.with_name(db.name + ".meetings") / f"{doc['id']}.json").read_bytes()
    later = copy.deepcopy(doc)
    later["sections"][0]["notes"]["where-when"] = "Tuesdays, then Thursdays"
    later["sections"][0]["elapsed_seconds"] += 60
    later["updated"] = "2026-11-18T09:00:00+00:00"
    assert main(["--db", str(db), "import", str(_bundle(tmp_path, later))]) == 0
    out = capsys.readouterr().out
    assert "1 updated" in out and "previous version" in out and "replaced" in out
    kept = list((db.with_name(db.name + ".meetings") / "replaced").iterdir())
    assert [p.read_bytes() for p in kept] == [before]
    with Store.open(db, read_only=True) as store:
        assert store.load_meeting(doc["id"]) == later
        assert len(store.list_meetings()) == 1  # the kept copy is not listed as a meeting


def test_import_dry_run_says_what_would_change_and_changes_nothing(
    stored, tmp_path: Path, audit_script, capsys: pytest.CaptureFixture[str]
) -> None:
    db, doc = stored
    later = copy.deepcopy(doc)
    later["sections"][0]["elapsed_seconds"] += 60
    later["updated"] = "2026-11-18T09:00:00+00:00"
    new = audit_meeting(audit_script, ect="Bea Li", when=datetime(2026, 11, 19, 15, 30))
    bundle = _bundle(tmp_path, later, new)
    files = _files(db)
    assert main(["--db", str(db), "import", "--dry-run", str(bundle)]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Dry run, nothing changed:")
    assert "would add 1, update 1" in out and "add: Meeting" in out and "update: Meeting" in out
    assert _files(db) == files

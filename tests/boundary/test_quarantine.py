"""A bad record is quarantined, never fatal: each finding of issue 15, reproduced.

Every file ect-tui did not just write is untrusted. A damaged or odd meeting file is
named by check-db (exit 1, file and field) and left out of every list; everything
else keeps working.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest

from ect_tui.cli import main
from ect_tui.store import Store
from ect_tui.store.segment_files import segment_of
from tests.factories import audit_meeting
from tests.store.helpers import child_env


def _doc(audit_script, ect: str = "Sam Jones", day: int = 17) -> dict[str, Any]:
    return audit_meeting(audit_script, ect=ect, when=datetime(2026, 11, day, 15, 30))


@pytest.fixture
def db(tmp_path: Path, audit_script) -> Path:
    """A database holding one good meeting (Sam Jones, 17 Nov)."""
    path = tmp_path / "ect-tui.json"
    with Store.open(path) as store:
        store.put_meeting(_doc(audit_script))
    return path


def drop(db: Path, doc: Any, name: str | None = None) -> Path:
    """A meeting file put into the folder by hand (or by an older import)."""
    target = db.with_name(db.name + ".meetings") / f"{name or doc['id']}.json"
    target.write_text(json.dumps(doc), encoding="utf-8")
    return target


def run(db: Path, *argv: str, capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(["--db", str(db), *argv])
    out, err = capsys.readouterr()
    return code, out, err


def _every_reader_still_works(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """history, report, study, rhythm, the Learning Log and a backup all run on the good meeting."""
    for argv in (
        ["history"],
        ["history", "--json"],
        ["report"],
        ["report", "--json"],
        ["rhythm"],
        ["export", "--ect", "Sam Jones"],
    ):
        code, out, err = run(db, *argv, capsys=capsys)
        assert code == 0, (argv, err)
        assert "Traceback" not in out + err
    code, out, err = run(db, "study", "--ect", "Sam Jones", "--minutes", "30", "--topic", "x", capsys=capsys)
    assert code == 0, err


ODD_SHAPES = {
    "elapsed_seconds 1e308": lambda d: d["sections"][0].update(elapsed_seconds=1e308),
    "status null": lambda d: d.update(status=None),
    "status a list": lambda d: d.update(status=["complete"]),
    "script title a number": lambda d: d["script"].update(title=7),
    "rating level a number": lambda d: d["sections"][1]["ratings"].update({"1.1": {"level": 5}}),
    "brought a number": lambda d: d.update(brought=1),
    "ratings a string": lambda d: d["sections"][1].update(ratings="all secure"),
    "nested 700 deep": lambda d: d.update(extra=_deep(700)),
    "ect a list": lambda d: d.update(ect=["Sam"]),
}


def _deep(levels: int) -> dict[str, Any]:
    value: dict[str, Any] = {}
    for _ in range(levels):
        value = {"a": value}
    return value


@pytest.mark.parametrize("change", ODD_SHAPES.values(), ids=ODD_SHAPES.keys())
def test_an_odd_meeting_file_is_named_by_check_db_and_skipped_by_every_command(
    db: Path, audit_script, capsys: pytest.CaptureFixture[str], change
) -> None:
    bad = _doc(audit_script, ect="Sam Jones", day=18)
    change(bad)
    path = drop(db, bad)
    before = path.read_bytes()
    code, out, err = run(db, "check-db", capsys=capsys)
    assert code == 1
    assert str(path) in err and "field" in err
    _every_reader_still_works(db, capsys)
    code, out, _ = run(db, "history", capsys=capsys)
    assert out.count("Sam Jones") == 1  # only the good meeting
    assert path.read_bytes() == before  # quarantined, never changed


def test_an_import_with_elapsed_seconds_1e308_is_refused_and_changes_nothing(
    db: Path, audit_script, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    doc = _doc(audit_script, day=19)
    doc["sections"][0]["elapsed_seconds"] = 1e308
    bundle = tmp_path / "b.json"
    bundle.write_text(
        json.dumps({"format": "ect-tui-bundle", "schema": 1, "private_included": True, "meetings": [doc]})
    )
    code, _out, err = run(db, "import", str(bundle), capsys=capsys)
    assert code == 1
    assert "elapsed_seconds" in err and "nothing was imported" in err
    assert not (db.with_name(db.name + ".meetings") / f"{doc['id']}.json").exists()
    _every_reader_still_works(db, capsys)


def test_a_bundle_whose_last_ect_setting_is_a_list_is_refused(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bundle = tmp_path / "b.json"
    bundle.write_text(
        json.dumps(
            {
                "format": "ect-tui-bundle",
                "schema": 1,
                "private_included": True,
                "meetings": [],
                "tables": {"settings": [{"key": "last_ect", "value": ["Sam"]}]},
            }
        )
    )
    code, _out, err = run(db, "import", str(bundle), capsys=capsys)
    assert code == 1 and "last_ect" in err
    with Store.open(db, read_only=True) as store:
        assert store.get_setting("last_ect", "") == ""


def test_a_stored_setting_of_the_wrong_type_reads_as_unset_and_check_db_names_it(
    db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = json.loads(db.read_text())
    data["settings"] = {"1": {"key": "last_ect", "value": ["Sam", {"x": 1}]}}
    db.write_text(json.dumps(data))
    with Store.open(db) as store:
        assert store.get_setting("last_ect", "") == ""
        with pytest.raises(ValueError):
            store.set_setting("last_ect", ["again"])
    code, _out, err = run(db, "check-db", capsys=capsys)
    assert code == 1 and "last_ect" in err


def test_a_meeting_file_indexed_before_it_went_bad_leaves_every_list(
    db: Path, audit_script, capsys: pytest.CaptureFixture[str]
) -> None:
    doc = _doc(audit_script, ect="Bea Li", day=20)
    with Store.open(db) as store:
        store.put_meeting(doc)
    doc["status"] = None
    drop(db, doc)  # changed by hand after indexing
    code, _out, err = run(db, "export", doc["id"], capsys=capsys)  # read-only: the row is still there
    assert code == 1 and "status" in err and "Traceback" not in err
    with Store.open(db) as store:  # the next writable open quarantines it
        assert [row["ect"] for row in store.list_meetings()] == ["Sam Jones"]
    code, out, _ = run(db, "history", capsys=capsys)
    assert code == 0 and "Bea Li" not in out


def test_rows_indexed_before_the_schema_existed_are_checked_once(db: Path, audit_script) -> None:
    doc = _doc(audit_script, ect="Bea Li", day=20)
    doc["sections"][0]["elapsed_seconds"] = 1e308
    drop(db, doc)
    month = db.with_name(db.name + ".index") / f"{segment_of(doc)}.json"
    data = json.loads(month.read_text()) if month.exists() else {"format": 1, "rows": {}}
    st = os.stat(db.with_name(db.name + ".meetings") / f"{doc['id']}.json")
    data["rows"][doc["id"]] = {  # as an older ect-tui indexed it: an unprefixed stamp
        "id": doc["id"],
        "ect": "Bea Li",
        "status": "complete",
        "started": doc["started"],
        "duration_seconds": 10**308,
        "file_stamp": f"{st.st_mtime_ns}:{st.st_size}:{st.st_ino}",
    }
    month.write_text(json.dumps(data))
    with Store.open(db) as store:
        assert [row["ect"] for row in store.list_meetings()] == ["Sam Jones"]


def _run_child(code: str, db: Path, timeout: float = 60) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", code, str(db)],
        env=child_env(),
        capture_output=True,
        text=True,
        timeout=timeout,
    )


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_a_fifo_named_like_a_meeting_never_hangs_check_db_study_or_opening(db: Path) -> None:
    fifo = db.with_name(db.name + ".meetings") / "0f0f0f0f.json"
    os.mkfifo(fifo)
    code = (
        "import sys\n"
        "from ect_tui.cli import main\n"
        "from ect_tui.store import Store\n"
        "db = sys.argv[1]\n"
        "with Store.open(db) as s: print('rows', len(s.list_meetings()))\n"
        "print('check', main(['--db', db, 'check-db']))\n"
        "print('study', main(['--db', db, 'study', '--ect', 'Sam Jones']))\n"
    )
    result = _run_child(code, db)  # a hang fails by timeout
    assert "rows 1" in result.stdout and "check 1" in result.stdout and "study" in result.stdout
    assert "named pipe" in result.stderr and "Traceback" not in result.stderr


def test_a_link_to_dev_zero_named_like_a_meeting_is_skipped_and_named(
    db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    link = db.with_name(db.name + ".meetings") / "0e0e0e0e.json"
    link.symlink_to("/dev/zero")
    with Store.open(db) as store:
        assert len(store.list_meetings()) == 1
    code, _out, err = run(db, "check-db", capsys=capsys)
    assert code == 1 and str(link) in err and "device" in err


def test_a_link_to_a_file_outside_the_data_folder_is_not_read(
    db: Path, audit_script, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    outside = tmp_path / "elsewhere.json"
    doc = _doc(audit_script, ect="Outsider", day=21)
    outside.write_text(json.dumps(doc))
    (db.with_name(db.name + ".meetings") / f"{doc['id']}.json").symlink_to(outside)
    code, out, _ = run(db, "history", capsys=capsys)
    assert code == 0 and "Outsider" not in out
    code, _out, err = run(db, "check-db", capsys=capsys)
    assert code == 1 and "outside" in err


def test_an_unreadable_meetings_folder_keeps_the_index_and_says_so(
    db: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    real_scandir = os.scandir
    folder = str(db.with_name(db.name + ".meetings"))

    def refuse(path: Any = ".") -> Any:
        if str(path) == folder:
            raise PermissionError(13, "Permission denied", folder)
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", refuse)
    with Store.open(db) as store:
        assert len(store.list_meetings()) == 1  # not emptied
    code, out, err = run(db, "study", "--ect", "Sam Jones", capsys=capsys)
    assert "Traceback" not in out + err


def test_a_deeply_nested_bundle_is_refused_in_one_sentence(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bundle = tmp_path / "deep.json"
    bundle.write_text(
        json.dumps(
            {
                "format": "ect-tui-bundle",
                "schema": 1,
                "private_included": True,
                "meetings": [],
                "tables": {"study": [_deep(700)]},
            }
        )
    )
    code, _out, err = run(db, "import", str(bundle), capsys=capsys)
    assert code == 1 and err.count("\n") == 1 and "nested" in err


def test_a_script_of_nested_arrays_is_named_and_the_bundled_scripts_still_load(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from ect_tui.script.catalog import load_catalog

    bad = tmp_path / "deep.toml"
    bad.write_text("a = " + "[" * 4000)
    assert main(["scripts", "check", str(bad)]) == 1
    err = capsys.readouterr().err
    assert str(bad) in err and "Traceback" not in err
    catalog = load_catalog([tmp_path])
    assert "m1w1-module-audit" in {s.id for s in catalog}
    assert any(str(bad) in problem for problem in catalog.problems)

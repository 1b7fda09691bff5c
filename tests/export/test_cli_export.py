"""`ect-tui export` and `ect-tui import` from the shell: outputs, the move to a new laptop, and bad input."""

from __future__ import annotations

import json
import os
import stat
from datetime import datetime
from pathlib import Path

import pytest

from ect_tui.cli import main
from ect_tui.export.email import email_text
from ect_tui.export.markdown import meeting_markdown
from ect_tui.meeting.clock import FakeClock
from ect_tui.store import Store
from ect_tui.transfer.read import read_bundle

from .conftest import record_meeting

ID = "3f2a1b4c5d6e7f8091a2b3c4d5e6f708"


@pytest.fixture
def env(tmp_path, audit_script):
    """A database with three meetings (two ECTs), and the argv tail that points at it."""
    db = tmp_path / "old" / "ect-tui.json"
    with Store.open(db) as store:
        store.put_meeting(record_meeting(audit_script, FakeClock(), meeting_id=ID, private="p1").to_doc())
        later = FakeClock(datetime(2027, 1, 12, 15, 30).astimezone())
        store.put_meeting(record_meeting(audit_script, later, meeting_id="3f2a9999", private="p2").to_doc())
        store.put_meeting(
            record_meeting(audit_script, FakeClock(), ect="Ana Ruiz", meeting_id="aa11").to_doc()
        )
        store.set_setting("mentor", "Alex Smith")
    sessions = tmp_path / "sessions"
    sessions.mkdir()
    return {"db": db, "args": ["--db", str(db), "--sessions", str(sessions)], "tmp": tmp_path}


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def one_sentence_error(code, out, err):
    assert code == 1 and out == ""
    assert err.startswith("ect-tui: ") and err.count("\n") == 1 and "Traceback" not in err


def test_email_to_stdout(env, capsys, audit_script):
    code, out, err = run(capsys, "export", ID, "--format", "email", *env["args"])
    assert code == 0 and err == ""
    with Store.open(env["db"], read_only=True) as store:
        assert out == email_text(store.load_meeting(ID), audit_script).as_text()


def test_markdown_to_a_file_by_id_prefix(env, capsys, audit_script):
    target = env["tmp"] / "notes.md"
    code, out, _ = run(capsys, "export", "3f2a1b", "--format", "markdown", "-o", str(target), *env["args"])
    assert code == 0 and out == f"Saved the Markdown for meeting 3f2a1b4c to {target} (no private notes).\n"
    with Store.open(env["db"], read_only=True) as store:
        assert target.read_text(encoding="utf-8") == meeting_markdown(store.load_meeting(ID), audit_script)
    assert stat.S_IMODE(target.stat().st_mode) == 0o600


def test_an_email_to_a_file_has_the_full_record_beside_it(env, capsys, audit_script):
    target = env["tmp"] / "letter.txt"
    code, out, _ = run(capsys, "export", ID, "--format", "email", "-o", str(target), *env["args"])
    record = env["tmp"] / "letter.md"
    assert code == 0 and "and the full record beside it, letter.md" in out
    with Store.open(env["db"], read_only=True) as store:
        doc = store.load_meeting(ID)
        assert record.read_text(encoding="utf-8") == meeting_markdown(doc, audit_script)
        assert target.read_text(encoding="utf-8") == email_text(doc, audit_script, "letter.md").as_text()
    assert "letter.md, beside this email" in target.read_text(encoding="utf-8")
    assert stat.S_IMODE(record.stat().st_mode) == 0o600


def test_json_for_one_meeting_is_a_shared_bundle(env, capsys):
    code, out, _ = run(capsys, "export", ID, "--format", "json", *env["args"])
    bundle = json.loads(out)
    assert code == 0 and bundle["private_included"] is False and [m["id"] for m in bundle["meetings"]] == [ID]
    assert "p1" not in out


def test_learning_log(env, capsys):
    code, out, _ = run(capsys, "export", "--ect", "sam jones", "--format", "markdown", *env["args"])
    assert code == 0 and out.startswith(
        "# Learning Log: Sam Jones\n\n2 meetings, Tue 24 Nov 2026 to Tue 12 Jan 2027."
    )
    assert "Ana Ruiz" not in out and "## Audit progress" in out


def test_export_works_while_the_app_holds_the_database(env, capsys):
    with Store.open(env["db"]):
        code, out, _ = run(capsys, "export", ID, *env["args"])
    assert code == 0 and out.startswith("Subject: Our meeting on ")


def test_a_mentors_history_moves_to_a_fresh_database(env, capsys):
    code, before, _ = run(capsys, "history", "--json", *env["args"])
    assert code == 0 and len(json.loads(before)) == 3
    backup = env["tmp"] / "backup.json"
    code, out, _ = run(capsys, "export", "--all", "-o", str(backup), *env["args"])
    assert code == 0 and "INCLUDES your private notes" in out and str(backup) in out
    assert stat.S_IMODE(backup.stat().st_mode) == 0o600

    fresh = env["tmp"] / "new laptop" / "ect-tui.json"
    code, out, _ = run(capsys, "import", str(backup), "--db", str(fresh))
    assert code == 0
    assert out.splitlines()[0] == f"Imported {backup}: 3 added, 0 updated, 0 unchanged, 1 other record added."
    code, after, _ = run(capsys, "history", "--json", "--db", str(fresh))
    assert after == before
    with Store.open(env["db"], read_only=True) as old, Store.open(fresh, read_only=True) as new:
        for row in old.list_meetings():
            assert new.load_meeting(row["id"]) == old.load_meeting(row["id"])
        assert new.get_setting("mentor") == "Alex Smith"

    code, out, _ = run(capsys, "import", str(backup), "--db", str(fresh))
    assert code == 0 and out.splitlines()[0] == f"Imported {backup}: 0 added, 0 updated, 3 unchanged."


def test_a_shared_bundle_for_the_coordinator(env, capsys):
    shared = env["tmp"] / "shared.json"
    code, out, _ = run(capsys, "export", "--all", "--shared", "-o", str(shared), *env["args"])
    assert code == 0 and "no private notes" in out
    bundle = read_bundle(shared)
    assert bundle["private_included"] is False and bundle["tables"] == {} and len(bundle["meetings"]) == 3


def test_conflicting_private_notes_are_kept_and_reported(env, capsys):
    backup = env["tmp"] / "backup.json"
    run(capsys, "export", "--all", "-o", str(backup), *env["args"])
    with Store.open(env["db"]) as store:
        doc = store.load_meeting(ID)
        doc["private"] = "changed here"
        store.put_meeting(doc)
    code, out, _ = run(capsys, "import", str(backup), *env["args"])
    assert code == 0 and "1 updated" in out and "  conflict: Meeting 3f2a1b4c (Sam Jones" in out
    with Store.open(env["db"], read_only=True) as store:
        private = store.load_meeting(ID)["private"]
    assert private.startswith("changed here\n\n----- private notes") and private.endswith("top p1")


# ----- bad input: one sentence, exit 1, nothing written ---------------------------------


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.mark.parametrize(
    ("argv", "says"),
    [
        (["export", "nope"], "there is no meeting with the id 'nope'"),
        (["export", "3f2a"], "'3f2a' is the start of 2 meeting ids"),
        (["export"], "say what to export"),
        (["export", ID, "--ect", "Sam"], "give only one of MEETING_ID and --ect"),
        (
            ["export", "--ect", "Nobody"],
            "no meetings with an ECT called 'Nobody' (known: Ana Ruiz, Sam Jones)",
        ),
        (["export", "--ect", "Sam Jones", "--format", "email"], "the email format is for one meeting"),
        (["export", "--all"], "--all needs -o FILE"),
        (["export", "--all", "--format", "markdown", "-o", "x"], "--all writes a JSON bundle"),
        (["export", ID, "--shared"], "--shared goes with --all"),
    ],
)
def test_bad_export_requests(env, capsys, argv, says):
    before = _snapshot(env["tmp"])
    code, out, err = run(capsys, *argv, *env["args"])
    one_sentence_error(code, out, err)
    assert says in err
    assert _snapshot(env["tmp"]) == before


def test_unwritable_output_paths(env, capsys):
    before = _snapshot(env["tmp"])
    missing = env["tmp"] / "no such folder" / "x.md"
    code, out, err = run(capsys, "export", ID, "-o", str(missing), *env["args"])
    one_sentence_error(code, out, err)
    assert f"Cannot write {missing}: the folder {missing.parent} does not exist." in err
    code, out, err = run(capsys, "export", ID, "-o", str(env["tmp"]), *env["args"])
    one_sentence_error(code, out, err)
    assert "it is a folder" in err
    locked = env["tmp"] / "locked"
    locked.mkdir(mode=0o500)
    try:
        if not os.access(locked, os.W_OK):
            code, out, err = run(capsys, "export", "--all", "-o", str(locked / "b.json"), *env["args"])
            one_sentence_error(code, out, err)
            assert "permission denied" in err and list(locked.iterdir()) == []
    finally:
        locked.chmod(0o700)
    locked.rmdir()
    assert _snapshot(env["tmp"]) == before


def test_export_with_no_database(tmp_path, capsys):
    code, out, err = run(capsys, "export", ID, "--db", str(tmp_path / "none.json"))
    one_sentence_error(code, out, err)
    assert "there is no database at" in err and not (tmp_path / "none.json").exists()


def _newer(path: Path) -> None:
    bundle = read_bundle(path)
    bundle["schema"] = 2
    path.write_text(json.dumps(bundle))


@pytest.mark.parametrize(
    ("make", "says"),
    [
        (lambda p: p.write_text("{not json"), "it is not valid JSON"),
        (lambda p: p.write_text('{"format": "something else"}'), "it is not an ect-tui bundle"),
        (_newer, "it was written by a newer ect-tui (bundle schema 2"),
        (lambda p: None, "there is no such file"),
    ],
)
def test_bad_import_files_change_nothing(env, capsys, make, says):
    bad = env["tmp"] / "bad.json"
    if make is _newer:
        run(capsys, "export", "--all", "-o", str(bad), *env["args"])
    make(bad)
    before = _snapshot(env["tmp"])
    code, out, err = run(capsys, "import", str(bad), *env["args"])
    one_sentence_error(code, out, err)
    assert says in err and "nothing was imported" in err
    assert _snapshot(env["tmp"]) == before
    fresh = env["tmp"] / "fresh" / "db.json"
    code, out, err = run(capsys, "import", str(bad), "--db", str(fresh))
    assert code == 1 and not fresh.parent.exists()


def test_import_while_the_app_is_open(env, capsys):
    backup = env["tmp"] / "backup.json"
    run(capsys, "export", "--all", "-o", str(backup), *env["args"])
    with Store.open(env["db"]):
        code, out, err = run(capsys, "import", str(backup), *env["args"])
    one_sentence_error(code, out, err)
    assert "is open in ect-tui" in err and "close the app" in err

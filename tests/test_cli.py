"""The command line: exit codes and one-sentence errors, never a traceback."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from ect_tui.cli import main

BUNDLED = Path(__file__).resolve().parent.parent / "sessions" / "m1w1-module-audit.toml"


def test_scripts_lists_the_bundled_script(capsys, tmp_path):
    assert main(["scripts", "--sessions", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert "m1w1-module-audit" in out and "Module 1 Week 1: Module audit" in out and "60 min" in out


def test_scripts_check_ok_and_broken(capsys, tmp_path):
    broken = tmp_path / "my.toml"
    broken.write_text(BUNDLED.read_text().replace('"1.5", ', '"1.5x", '), encoding="utf-8")
    assert main(["scripts", "check", str(BUNDLED)]) == 0
    assert "ok (m1w1-module-audit, 3 sections, 60 min)" in capsys.readouterr().out
    assert main(["scripts", "check", str(BUNDLED), str(broken)]) == 1
    err = capsys.readouterr().err.splitlines()
    assert f"{broken}: sections[1].codes[4]: '1.5x' is not a statement code of ECF (ecf-2019)" in err


def test_scripts_show_json(capsys):
    assert main(["scripts", "show", "m1w1-module-audit", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert [(s["kind"], s["title"][:6], s["minutes"]) for s in data["sections"]] == [
        ("discussion", "Review", 15),
        ("audit", "Plan a", 40),
        ("next-steps", "Next s", 5),
    ]
    statements = data["sections"][1]["statements"]
    assert len(statements) == 36 and set(statements[0]) >= {"code", "text"}


def test_unknown_script_id_is_one_sentence(capsys):
    assert main(["scripts", "show", "nope", "--json"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("ect-tui: unknown script id 'nope'") and "Traceback" not in err


def test_missing_sessions_folder(capsys, tmp_path):
    assert main(["scripts", "--sessions", str(tmp_path / "missing")]) == 1
    assert "no such folder" in capsys.readouterr().err


def test_check_db_on_a_fresh_and_a_corrupt_file(capsys, tmp_path):
    db = tmp_path / "ect.json"
    assert main(["check-db", "--db", str(db)]) == 1  # nothing there yet
    from ect_tui.store import Store

    Store.open(db).close()
    assert main(["check-db", "--db", str(db)]) == 0
    assert capsys.readouterr().out.strip() == "ok: 0 meetings"
    db.write_text('{"_meta": ', encoding="utf-8")
    assert main(["check-db", "--db", str(db)]) == 1
    assert str(db) in capsys.readouterr().err


@pytest.mark.parametrize("args", [["scripts", "show", "nope"], ["scripts", "check", "/no/such.toml"]])
def test_real_process_has_no_traceback(args):
    result = subprocess.run([sys.executable, "-m", "ect_tui", *args], capture_output=True, text=True)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr and result.stderr.strip()


def test_unwritable_db_path_is_one_sentence(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    result = subprocess.run(
        [sys.executable, "-m", "ect_tui", "--db", str(blocker / "sub" / "db.json")],
        capture_output=True,
        text=True,
        stdin=subprocess.DEVNULL,
        timeout=30,
    )
    assert result.returncode == 1
    assert "Traceback" not in result.stderr and str(blocker) in result.stderr

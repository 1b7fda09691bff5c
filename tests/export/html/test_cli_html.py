"""`ect-tui export --ect NAME --format html` and `ect-tui report --format html`, end to end."""

from __future__ import annotations

import pytest

from ect_tui.cli import main
from ect_tui.script.catalog import bundled_scripts
from ect_tui.store import Store

from .dom import grid_cells, parse
from .fixtures import HOSTILE, MARKER, OLA, SAM, fill_store


@pytest.fixture
def db(tmp_path):
    path = tmp_path / "ect-tui.json"
    script = next(s for s in bundled_scripts() if s.id == "m1w1-module-audit")
    with Store.open(path) as store:
        fill_store(store, script)
    return path


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out = capsys.readouterr()
    return code, out.out, out.err


def test_the_learning_log_page_is_written_where_asked(db, tmp_path, capsys):
    target = tmp_path / "sam.html"
    code, out, err = run(
        capsys, "export", "--db", str(db), "--ect", "sam jones", "--format", "html", "-o", str(target)
    )
    assert (code, err) == (0, "")
    assert out == f"Saved the Learning Log page for {SAM} (6 meetings) to {target} (no private notes).\n"
    page = target.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") and len(grid_cells(parse(page))) == 36 * 3
    assert HOSTILE in parse(page).all_text() and MARKER not in page
    assert target.stat().st_mode & 0o777 == 0o600


def test_without_o_the_page_is_printed(db, capsys):
    code, out, _ = run(capsys, "export", "--db", str(db), "--ect", OLA, "--format", "html")
    assert code == 0 and out.startswith("<!DOCTYPE html>") and f"Learning Log: {OLA}" in out


def test_html_is_for_a_learning_log_not_one_meeting_or_a_backup(db, capsys):
    code, _, err = run(capsys, "export", "--db", str(db), "abc", "--format", "html")
    assert code == 1 and "use --ect NAME --format html" in err
    code, _, err = run(capsys, "export", "--db", str(db), "--all", "--format", "html", "-o", "x.html")
    assert code == 1 and "--all writes a JSON bundle" in err


def test_the_overview_page_flags_the_gap(db, tmp_path, capsys):
    target = tmp_path / "overview.html"
    code, out, err = run(
        capsys, "report", "--db", str(db), "--as-of", "2026-03-17", "--format", "html", "-o", str(target)
    )
    assert (code, err) == (0, "")
    assert out == f"Saved the coaching overview page (2 ECTs, 1 to follow up) to {target}.\n"
    page = target.read_text(encoding="utf-8")
    assert "3 school weeks without coaching (expected weekly)" in page
    assert "Routines" not in page and "topic &lt;" not in page and MARKER not in page


def test_report_formats_and_the_old_json_flag(db, capsys):
    code, as_json, _ = run(capsys, "report", "--db", str(db), "--as-of", "2026-03-17", "--json")
    code2, as_format, _ = run(capsys, "report", "--db", str(db), "--as-of", "2026-03-17", "--format", "json")
    assert code == code2 == 0 and as_json == as_format and as_json.startswith("{")
    code, _, err = run(capsys, "report", "--db", str(db), "--json", "--format", "html")
    assert code == 1 and "disagree" in err


def test_private_text_is_in_neither_page_from_the_command_line(db, capsys):
    _, log, _ = run(capsys, "export", "--db", str(db), "--ect", SAM, "--format", "html")
    _, overview, _ = run(capsys, "report", "--db", str(db), "--format", "html")
    assert "<html" in log and "<html" in overview
    assert MARKER not in log and MARKER not in overview

"""The habits of the shell: locate, completion, --json on every listing, --version, exit codes in --help."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from datetime import datetime

import pytest

from ect_tui.cli import COMMAND_MODULES, EXIT_CODES, build_parser, main
from ect_tui.store import Store


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


# ----- locate ----------------------------------------------------------------------------------------


def test_locate_follows_db_option_and_env_var(capsys, tmp_path, monkeypatch, own_user_folders):
    code, out, _ = run(capsys, "locate", "--json", "--db", str(tmp_path / "a" / "mine.json"))
    found = json.loads(out)
    assert code == 0
    assert found["database"] == str(tmp_path / "a" / "mine.json")
    assert found["meetings"] == str(tmp_path / "a" / "mine.json.meetings")
    assert found["notes"] == str(tmp_path / "a" / "ect-tui-notes")
    assert found["config"] == str(own_user_folders / "xdg_config_home" / "ect-tui" / "config.toml")
    assert found["sessions"] == str(own_user_folders / "xdg_config_home" / "ect-tui" / "sessions")
    assert found["term-dates"] == str(own_user_folders / "xdg_config_home" / "ect-tui" / "term-dates.toml")
    assert found["log"].startswith(str(own_user_folders / "xdg_state_home" / "ect-tui"))
    assert found["log"].endswith("ect-tui.log")

    monkeypatch.setenv("ECT_TUI_DB", str(tmp_path / "b" / "env.json"))
    code, out, _ = run(capsys, "locate", "database")
    assert (code, out) == (0, f"{tmp_path / 'b' / 'env.json'}\n")
    code, out, _ = run(capsys, "locate", "--db", str(tmp_path / "c.json"), "database")
    assert out == f"{tmp_path / 'c.json'}\n"  # --db beats the environment


def test_locate_reads_config_places_and_says_what_is_not_there_yet(capsys, tmp_path, monkeypatch):
    config = tmp_path / "conf" / "config.toml"
    config.parent.mkdir()
    config.write_text('notes_folder = "notes-here"\n', encoding="utf-8")
    monkeypatch.setenv("ECT_TUI_CONFIG", str(config))
    db = tmp_path / "ect.json"
    Store.open(db).close()
    code, out, _ = run(capsys, "locate", "--db", str(db))
    lines = dict(line.split(None, 1) for line in out.splitlines())
    assert code == 0
    assert lines["database"] == str(db)  # it exists: no remark
    assert lines["notes"] == f"{tmp_path / 'conf' / 'notes-here'}  (not created yet)"
    assert lines["config"] == str(config)


def test_locate_with_a_broken_config_still_answers(capsys, tmp_path, monkeypatch):
    config = tmp_path / "config.toml"
    config.write_text("theme = [\n", encoding="utf-8")
    monkeypatch.setenv("ECT_TUI_CONFIG", str(config))
    code, out, err = run(capsys, "locate", "config")
    assert (code, out) == (0, f"{config}\n")
    assert err.startswith(f"ect-tui: note: {config}: not valid TOML")


# ----- completion ------------------------------------------------------------------------------------


@pytest.mark.parametrize("shell", ["bash", "zsh", "fish"])
def test_completion_script_for_each_shell(capsys, shell, tmp_path):
    code, out, _ = run(capsys, "completion", shell)
    assert code == 0
    for word in ("locate", "check-db", "history", "completion", "rhythm"):
        assert word in out, f"{shell} completion lacks {word}"
    options = ("-l json", "-l db", "-l debug") if shell == "fish" else ("--json", "--db", "--debug")
    for option in options:
        assert option in out, f"{shell} completion lacks {option}"
    checker = shutil.which(shell)
    if checker:  # the shell itself, where installed, reads the script without a syntax error
        script = tmp_path / f"ect-tui.{shell}"
        script.write_text(out, encoding="utf-8")
        result = subprocess.run([checker, "-n", str(script)], capture_output=True, text=True)
        assert result.returncode == 0, result.stderr


def test_completion_for_an_unknown_shell_is_a_usage_error(capsys):
    with pytest.raises(SystemExit) as exit_:
        main(["completion", "tcsh"])
    assert exit_.value.code == 2
    assert "invalid choice: 'tcsh'" in capsys.readouterr().err


# ----- --json on every listing -----------------------------------------------------------------------


@pytest.fixture
def db_with_records(tmp_path, monkeypatch, capsys):
    monkeypatch.setattr("ect_tui.commands.coaching._now", lambda: datetime(2026, 11, 24, 16, 0).astimezone())
    db = str(tmp_path / "ect.json")
    assert main(["study", "--db", db, "--ect", "Sam Jones", "--minutes", "40", "--topic", "Routines"]) == 0
    assert (
        main(
            [
                "study",
                "--db",
                db,
                "--ect",
                "Sam Jones",
                "--minutes",
                "30",
                "--topic",
                "Praise",
                "--date",
                "2026-11-17",
            ]
        )
        == 0
    )
    assert main(["rhythm", "--db", db, "--ect", "Sam Jones", "--every", "2"]) == 0
    capsys.readouterr()
    return db


def test_scripts_json(capsys, tmp_path):
    code, out, _ = run(capsys, "scripts", "--json", "--sessions", str(tmp_path))
    rows = json.loads(out)
    audit = next(r for r in rows if r["id"] == "m1w1-module-audit")
    assert code == 0 and audit["minutes"] == 60 and audit["sections"] == 3 and audit["module"] == 1


def test_check_db_json(capsys, tmp_path):
    db = tmp_path / "ect.json"
    code, out, _ = run(capsys, "check-db", "--json", "--db", str(db))
    assert code == 1
    found = json.loads(out)
    assert found["ok"] is False and found["problem"].startswith("There is no database at")
    Store.open(db).close()
    code, out, _ = run(capsys, "check-db", "--json", "--db", str(db))
    assert code == 0
    assert json.loads(out) == {
        "database": str(db),
        "ok": True,
        "meetings": 0,
        "problem": None,
        "damaged": [],
        "notes": [],
    }


def test_study_json(capsys, db_with_records):
    code, out, _ = run(capsys, "study", "--json", "--db", db_with_records, "--ect", "sam jones")
    found = json.loads(out)
    assert code == 0 and found["ect"] == "Sam Jones" and found["this_week_minutes"] == 40
    assert found["entries"] == [
        {"date": "2026-11-17", "minutes": 30, "topic": "Praise"},
        {"date": "2026-11-24", "minutes": 40, "topic": "Routines"},
    ]
    assert found["weeks"] == [{"week_of": "2026-11-16", "minutes": 30}]  # weeks before this one


def test_rhythm_json(capsys, db_with_records):
    code, out, _ = run(capsys, "rhythm", "--json", "--db", db_with_records)
    found = json.loads(out)
    assert code == 0
    assert found["ects"] == [
        {"ect": "Sam Jones", "year": None, "every_weeks": 2, "label": "fortnightly", "set_for_this_ect": True}
    ]
    assert (
        found["term_dates"]["source"].startswith("built-in approximate dates for England")
        and found["term_dates"]["terms"]
    )


def test_history_and_report_json_still_parse(capsys, db_with_records):
    assert json.loads(run(capsys, "history", "--json", "--db", db_with_records)[1]) == []
    assert json.loads(run(capsys, "report", "--json", "--db", db_with_records)[1])["ects"]


def test_json_with_a_change_is_refused(capsys, db_with_records):
    code, _, err = run(
        capsys, "rhythm", "--json", "--db", db_with_records, "--ect", "Sam Jones", "--year", "1"
    )
    assert code == 1 and "--json prints the rhythms" in err


def _listing_parsers():
    """Every subcommand (and sub-subcommand) that is documented as listing something."""
    parser = build_parser()
    return {
        name: parser._subparsers._group_actions[0].choices[name]  # type: ignore[union-attr]
        for name in ("scripts", "check-db", "study", "rhythm", "history", "report", "locate", "keys")
    }


def test_every_listing_command_offers_json():
    for name, parser in _listing_parsers().items():
        assert any("--json" in a.option_strings for a in parser._actions), f"{name} has no --json"


def test_keys_json_lists_every_binding_id_with_the_users_keys(capsys, tmp_path, monkeypatch):
    config = tmp_path / "config.toml"
    config.write_text('[keymap]\n"meeting.next" = "ctrl+j"\n', encoding="utf-8")
    monkeypatch.setenv("ECT_TUI_CONFIG", str(config))
    code, out, err = run(capsys, "keys", "--json")
    found = json.loads(out)
    rows = {row["id"]: row for row in found["bindings"]}
    assert (code, err, found["problems"]) == (0, "", [])
    assert rows["meeting.next"] == {
        "id": "meeting.next",
        "keys": "ctrl+j",
        "default": "ctrl+n",
        "does": "Next",
        "where": "MeetingScreen",
    }
    assert rows["app.quit"]["keys"] == "ctrl+q" and len(rows) > 50


def test_keys_names_a_mistake_in_the_keymap(capsys, tmp_path, monkeypatch):
    config = tmp_path / "config.toml"
    config.write_text('[keymap]\n"meeting.nxt" = "ctrl+j"\n', encoding="utf-8")
    monkeypatch.setenv("ECT_TUI_CONFIG", str(config))
    code, _, err = run(capsys, "keys")
    assert code == 1
    assert err == f"ect-tui: {config}: keymap.meeting.nxt: no such binding id (did you mean meeting.next?)\n"


# ----- --version and --help ---------------------------------------------------------------------------


def test_version_names_textual_python_and_os():
    result = subprocess.run([sys.executable, "-m", "ect_tui", "--version"], capture_output=True, text=True)
    from importlib.metadata import version

    lines = result.stdout.splitlines()
    assert result.returncode == 0
    assert lines[0] == f"ect-tui {version('ect-tui')}"
    assert lines[1] == f"Textual {version('textual')}"
    assert lines[2].startswith("Python 3.") and lines[3].startswith("OS ")


def test_the_version_is_written_once():
    import tomllib
    from pathlib import Path

    import ect_tui

    root = Path(__file__).resolve().parent.parent
    declared = tomllib.loads((root / "pyproject.toml").read_text())["project"]["version"]
    assert ect_tui.__version__ == declared
    assert declared not in (root / "ect_tui" / "__init__.py").read_text()


@pytest.mark.parametrize("argv", [["--help"], ["locate", "--help"], ["scripts", "check", "--help"]])
def test_help_ends_with_the_exit_codes(capsys, argv):
    with pytest.raises(SystemExit):
        main(argv)
    assert capsys.readouterr().out.rstrip().endswith(EXIT_CODES.rstrip())


def test_every_help_fits_an_80_column_terminal(capsys, monkeypatch):
    monkeypatch.setenv("COLUMNS", "80")
    parser = build_parser()
    names = sorted(parser._subparsers._group_actions[0].choices)  # type: ignore[union-attr]
    for argv in [["--help"], *([name, "--help"] for name in names)]:
        with pytest.raises(SystemExit):
            main(argv)
        lines = capsys.readouterr().out.splitlines()
        assert max(len(line) for line in lines) <= 80, argv


def test_the_scripts_list_fits_an_80_column_terminal(capsys):
    assert main(["scripts"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) > 10 and max(len(line) for line in lines) <= 78


def test_every_command_module_is_registered():
    parser = build_parser()
    names = set(parser._subparsers._group_actions[0].choices)  # type: ignore[union-attr]
    assert {"locate", "completion"} <= names and len(COMMAND_MODULES) >= 9

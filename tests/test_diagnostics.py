"""The log file: warnings by default, everything with --debug, a crash's traceback; never a note's text."""

from __future__ import annotations

import logging
import subprocess
import sys
from pathlib import Path

import pytest

from ect_tui.cli import main
from ect_tui.diagnostics import crash_sentence, current_log_path, setup_logging


@pytest.fixture(autouse=True)
def own_log(tmp_path):
    """Each test logs to its own file; the handler is taken off again afterwards."""
    yield
    setup_logging(path=tmp_path / "after.log")  # detach this test's handler from the root logger


def _boom(args):
    raise RuntimeError("a bug of ours")


def test_a_crash_in_a_command_is_one_sentence_and_a_logged_traceback(capsys, monkeypatch, own_user_folders):
    monkeypatch.setattr("ect_tui.commands.locate.run_locate", _boom)
    assert main(["locate"]) == 1
    err = capsys.readouterr().err
    log = current_log_path()
    assert log is not None and log.is_relative_to(own_user_folders)
    assert err == crash_sentence(log) + "\n" and "Traceback" not in err
    text = log.read_text(encoding="utf-8")
    assert "CRITICAL ect_tui: ect-tui locate stopped on an unexpected error" in text
    assert "Traceback (most recent call last)" in text and "RuntimeError: a bug of ours" in text


def test_quiet_run_leaves_no_log_file(capsys, tmp_path):
    assert main(["locate", "--db", str(tmp_path / "x.json")]) == 0
    log = current_log_path()
    assert log is not None and not log.exists() and not log.parent.exists()


def test_warnings_by_default_everything_with_debug(tmp_path):
    path = tmp_path / "logs" / "ect-tui.log"
    setup_logging(path=path)
    logging.getLogger("ect_tui.test").info("an info line")
    logging.getLogger("ect_tui.test").warning("a warning line")
    setup_logging(debug=True, path=path)
    logging.getLogger("ect_tui.test").debug("a debug line")
    text = path.read_text(encoding="utf-8")
    assert "a warning line" in text and "a debug line" in text and "an info line" not in text
    assert path.stat().st_mode & 0o777 == 0o600  # private, as the database is


def test_crash_in_a_real_process_names_the_log(tmp_path, own_user_folders):
    """In a process of its own, as a user runs it: the sentence names the file that holds the traceback."""
    code = (
        "import sys, ect_tui.commands.locate as l\n"
        "def boom(args): raise ValueError('x')\n"
        "l.run_locate = boom\n"
        "from ect_tui.cli import main\n"
        "sys.exit(main(['locate']))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert result.stderr.startswith("ect-tui stopped on an unexpected error; the details are in ")
    log = result.stderr.strip().rsplit(" ", 1)[1]
    assert log.startswith(str(own_user_folders))
    assert "ValueError: x" in Path(log).read_text(encoding="utf-8")

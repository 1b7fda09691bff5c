"""The copy chain: pyperclip (confirmed by reading back), else the terminal, and always a 0600 file."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
import threading
from pathlib import Path

import pyperclip
import pytest

from ect_tui.export import clipboard
from ect_tui.export.clipboard import copy_meeting_notes, copy_text, notes_file_name, pyperclip_copy

TEXT = "Subject: notes\n\n[bold]as typed[/] 🎉\n"


class Terminal:
    def __init__(self, fail: bool = False):
        self.sent: list[str] = []
        self.fail = fail

    def __call__(self, text: str) -> None:
        if self.fail:
            raise RuntimeError("no driver")
        self.sent.append(text)


@pytest.fixture
def clip(monkeypatch):
    """pyperclip with a fake clipboard behind it; tests set .copy_error or .paste_back."""

    class Fake:
        copy_error: Exception | None = None
        paste_back: str | None = None
        held = ""

    fake = Fake()

    def copy(text):
        if fake.copy_error:
            raise fake.copy_error
        fake.held = text

    monkeypatch.setattr(pyperclip, "copy", copy)
    monkeypatch.setattr(pyperclip, "paste", lambda: fake.held if fake.paste_back is None else fake.paste_back)
    return fake


def _file_ok(result, folder: Path) -> None:
    assert result.path == folder / "n.txt"
    assert result.path.read_text(encoding="utf-8") == TEXT
    assert stat.S_IMODE(result.path.stat().st_mode) == 0o600
    # A short first line, then the folder and the file name each on a line of their own.
    first, where, name, *rest = result.message.split("\n")
    assert len(first) <= 36 and where == f"{folder}/" and name == "n.txt" and len(rest) <= 1


def test_pyperclip_confirmed_by_reading_back(clip, tmp_path):
    terminal = Terminal()
    result = copy_text(TEXT, save_dir=tmp_path, name="n.txt", terminal_copy=terminal)
    assert result.ways == ["file", "clipboard"] and terminal.sent == []
    assert result.message == f"Copied to the clipboard; saved in\n{tmp_path}/\nn.txt"
    _file_ok(result, tmp_path)


def test_pyperclip_raising_falls_back_to_the_terminal(clip, tmp_path):
    clip.copy_error = pyperclip.PyperclipException("Pyperclip could not find a copy/paste mechanism")
    terminal = Terminal()
    result = copy_text(TEXT, save_dir=tmp_path, name="n.txt", terminal_copy=terminal)
    assert result.ways == ["file", "terminal"] and terminal.sent == [TEXT]
    assert result.message == (
        f"Notes saved in\n{tmp_path}/\nn.txt\n"
        "and offered to the terminal's clipboard: try pasting (some terminals refuse)"
    )
    assert "could not find a copy/paste mechanism" in result.problems[0]
    _file_ok(result, tmp_path)


def test_a_silent_failure_is_caught_by_reading_back(clip, tmp_path):
    clip.paste_back = ""  # xclip with an unreachable display "succeeds" and holds nothing
    terminal = Terminal()
    result = copy_text(TEXT, save_dir=tmp_path, name="n.txt", terminal_copy=terminal)
    assert result.ways == ["file", "terminal"]
    assert result.problems == ["the clipboard did not hold the notes when read back"]


def test_no_terminal_either(clip, tmp_path):
    clip.copy_error = RuntimeError("boom")
    result = copy_text(TEXT, save_dir=tmp_path, name="n.txt", terminal_copy=None)
    assert result.ways == ["file"]
    assert result.message == f"No clipboard here; notes saved in\n{tmp_path}/\nn.txt"
    _file_ok(result, tmp_path)


def test_the_terminal_raising(clip, tmp_path):
    clip.paste_back = "something else"
    result = copy_text(TEXT, save_dir=tmp_path, name="n.txt", terminal_copy=Terminal(fail=True))
    assert result.ways == ["file"] and result.message.startswith("No clipboard here; notes saved in\n")
    assert any("terminal could not" in p for p in result.problems)


def test_line_ending_changes_by_the_clipboard_still_count(clip, tmp_path):
    clip.paste_back = TEXT.replace("\n", "\r\n").rstrip("\r\n")
    assert copy_text(TEXT, save_dir=tmp_path, name="n.txt").ways == ["file", "clipboard"]


def test_a_folder_that_cannot_be_made_is_said_plainly(clip, tmp_path):
    folder = tmp_path / "a file, not a folder"
    folder.write_text("")
    result = copy_text(TEXT, save_dir=folder, name="n.txt")
    assert result.ways == ["clipboard"] and not result.saved
    assert result.message.startswith("Notes copied to the clipboard, but NOT saved: could not save to ")
    clip.copy_error = RuntimeError("x")
    result = copy_text(TEXT, save_dir=folder, name="n.txt")
    assert result.ways == [] and result.message.startswith("Notes NOT copied and NOT saved")
    assert "\n" not in result.message


def test_the_save_folder_is_created_private(clip, tmp_path):
    folder = tmp_path / "a" / "exports"
    copy_text(TEXT, save_dir=folder, name="n.txt")
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700


def test_default_folder_is_beside_the_database(monkeypatch, tmp_path):
    monkeypatch.delenv("ECT_TUI_DB", raising=False)
    monkeypatch.setattr("ect_tui.paths.user_data_dir", lambda: tmp_path)
    assert clipboard.default_save_dir() == tmp_path / "ect-tui-notes"
    monkeypatch.setenv("ECT_TUI_DB", str(tmp_path / "elsewhere" / "mine.json"))
    assert clipboard.default_save_dir() == tmp_path / "elsewhere" / "ect-tui-notes"
    assert clipboard.default_save_dir(Path("/srv/mentoring/db.json")) == Path("/srv/mentoring/ect-tui-notes")


def test_copy_meeting_notes_go_beside_the_database_given(meeting, audit_script, clip, tmp_path):
    result = copy_meeting_notes(meeting.to_doc(), audit_script, db_path=tmp_path / "school" / "x.json")
    assert result.path == tmp_path / "school" / "ect-tui-notes" / "2026-11-24-sam-jones-3f2a1b4c.txt"
    assert result.saved and result.path.read_text(encoding="utf-8") == clip.held
    assert stat.S_IMODE(result.path.parent.stat().st_mode) == 0o700


def test_the_message_shows_home_as_a_tilde(clip, tmp_path, monkeypatch):
    monkeypatch.setenv("HOME", str(tmp_path))
    result = copy_text(TEXT, save_dir=tmp_path / "data" / "ect-tui-notes", name="n.txt")
    assert result.message == "Copied to the clipboard; saved in\n~/data/ect-tui-notes/\nn.txt"


def test_a_stuck_clipboard_tool_times_out(monkeypatch):
    release = threading.Event()
    monkeypatch.setattr(pyperclip, "copy", lambda text: release.wait(10))
    monkeypatch.setattr(pyperclip, "paste", lambda: "x")
    try:
        with pytest.raises(TimeoutError, match="did not answer"):
            pyperclip_copy("x", timeout=0.05)
        with pytest.raises(TimeoutError, match="still not finished"):
            pyperclip_copy("x", timeout=0.05)
    finally:
        release.set()
    for _ in range(200):  # the stuck worker finishes once released
        if not clipboard._busy.locked():
            break
        threading.Event().wait(0.01)
    assert pyperclip_copy("x", timeout=5) == "x"


def test_copy_meeting_notes(meeting, audit_script, clip, tmp_path):
    doc = meeting.to_doc()
    result = copy_meeting_notes(doc, audit_script, save_dir=tmp_path)
    assert result.path.name == notes_file_name(doc) == "2026-11-24-sam-jones-3f2a1b4c.txt"
    assert result.path.read_text(encoding="utf-8") == clip.held
    assert clip.held.startswith("Subject: Our meeting on Tue 24 Nov 2026: Module 1 Week 1")
    # The full record sits beside the email, and the email names it.
    record = tmp_path / "2026-11-24-sam-jones-3f2a1b4c.md"
    assert record.read_text(encoding="utf-8").startswith("# Module 1 Week 1: Module audit")
    assert "2026-11-24-sam-jones-3f2a1b4c.md, beside this email" in clip.held


# ----- real subprocesses: a clipboard tool must never write on the terminal -------------

CHILD = """
import json, sys
from pathlib import Path
from ect_tui.export.clipboard import copy_text
result = copy_text(sys.argv[2], save_dir=Path(sys.argv[1]), name="n.txt")
print(json.dumps({"ways": result.ways, "message": result.message}))
"""

NOISY_XCLIP = """#!/bin/sh
echo "Error: Can't open display: XCLIP-NOISE" >&2
exit 1
"""

WORKING_XCLIP = """#!/bin/sh
echo "XCLIP-CHATTER" >&2
case "$*" in
  *-o*) cat "$CLIP_FILE" ;;
  *) cat > "$CLIP_FILE" ;;
esac
"""


def _run_child(tmp_path: Path, xclip: str) -> tuple[dict, str]:
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    tool = bin_dir / "xclip"
    tool.write_text(xclip)
    tool.chmod(0o755)
    env = {k: v for k, v in os.environ.items() if k not in ("WAYLAND_DISPLAY",)}
    env.update(PATH=f"{bin_dir}:/usr/bin:/bin", DISPLAY=":99", CLIP_FILE=str(tmp_path / "clip"))
    done = subprocess.run(
        [sys.executable, "-c", CHILD, str(tmp_path / "out"), "the notes"],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout), done.stderr


@pytest.mark.skipif(sys.platform != "linux", reason="pyperclip picks xclip only on Linux")
def test_a_failing_xclip_says_nothing_on_stderr(tmp_path):
    result, stderr = _run_child(tmp_path, NOISY_XCLIP)
    assert "XCLIP-NOISE" not in stderr
    assert result["ways"] == ["file"]
    assert result["message"].startswith("No clipboard here; notes saved in\n")


@pytest.mark.skipif(sys.platform != "linux", reason="pyperclip picks xclip only on Linux")
def test_a_working_xclip_is_confirmed_and_kept_quiet(tmp_path):
    result, stderr = _run_child(tmp_path, WORKING_XCLIP)
    assert "XCLIP-CHATTER" not in stderr
    assert result["ways"] == ["file", "clipboard"]
    assert (tmp_path / "clip").read_text() == "the notes"

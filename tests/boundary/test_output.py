"""No control byte from data reaches the terminal: every command prints through one sanitiser."""

from __future__ import annotations

import contextlib
import json
from pathlib import Path

import pytest

from ect_tui.cli import main
from ect_tui.safe_text import escape_json_controls, json_text, printable, visible
from tests.boundary.conftest import EVIL, TOML_EVIL, evil_script_toml

RAW = ("\x1b", "\x9b", "\x07")


def test_visible_shows_every_c0_c1_and_del_but_keeps_newlines_and_tabs() -> None:
    text = "a\x1b[2J\x9b31m\x07\x7f\x00\r\tb\nc\ud800"
    shown = visible(text)
    assert shown == "a\u241b[2J\ufffd31m\u2407\u2421\u2400\u240d\tb\nc\ufffd"
    assert not any(0 <= ord(c) < 0x20 and c not in "\t\n" or 0x7F <= ord(c) <= 0x9F for c in shown)


def test_printable_writes_controls_as_ascii_the_terminal_cannot_act_on() -> None:
    shown = printable("a\x1b[2J\x9b31m\x07\x7f\tb\nc\ud800")
    assert shown == "a^[[2J<U+009B>31m^G^?\tb\nc\ufffd"
    assert b"\x9b" not in shown.encode() and b"\x1b" not in shown.encode()


@pytest.mark.parametrize("code", [*range(0x00, 0x09), *range(0x0B, 0x20), 0x7F])
def test_printable_catches_a_control_in_otherwise_plain_ascii(code: int) -> None:
    # ASCII text takes a quicker check than the regex; it must miss nothing the regex catches.
    text = "plain words " + chr(code) + " more"
    assert printable(text) != text
    assert printable("plain words\tand lines\n") == "plain words\tand lines\n"


def test_json_escapes_del_in_otherwise_plain_ascii() -> None:
    assert "\x7f" not in json_text({"a": "x\x7fy"})
    assert "\x7f" not in escape_json_controls('{"a": "x\x7fy"}')


def test_json_text_escapes_c1_so_the_data_stays_exact() -> None:
    value = {"ect": "Sam\x9b31m\x1b]0;x\x07\u2028"}
    text = json_text(value)
    assert "\x9b" not in text and "\x1b" not in text and "\u2028" not in text
    assert json.loads(text) == value


def _commands(db: Path, meeting_id: str, sessions: Path, bundle: Path, out: Path) -> list[list[str]]:
    ect = "Sam Jones" + EVIL
    base = ["--db", str(db), "--sessions", str(sessions)]
    return [
        [*base, "scripts"],
        [*base, "scripts", "show", "evil-script"],
        [*base, "scripts", "show", EVIL],
        [*base, "scripts", "check", str(sessions / "evil.toml")],
        [*base, "scripts", "check", str(sessions / "broken.toml")],
        [*base, "check-db"],
        [*base, "history"],
        [*base, "history", "--json"],
        [*base, "history", "--ect", ect],
        [*base, "history", "--ect", "Nobody" + EVIL],
        [*base, "review", "--ect", "Nobody" + EVIL],
        [*base, "export", meeting_id],
        [*base, "export", meeting_id, "--format", "markdown"],
        [*base, "export", meeting_id, "--format", "json"],
        [*base, "export", "--ect", ect],
        [*base, "export", "--ect", "Nobody" + EVIL],
        [*base, "export", "--all", "-o", str(out)],
        [*base, "export", EVIL],
        [*base, "import", str(bundle)],
        [*base, "import", str(sessions / "evil.toml")],
        [*base, "prepare", "--ect", ect, "--script", EVIL],
        [*base, "study", "--ect", ect, "--minutes", "20", "--topic", "Reading " + EVIL],
        [*base, "study", "--ect", ect],
        [*base, "study", "--ect", "Nobody" + EVIL],
        [*base, "report"],
        [*base, "report", "--json"],
        [*base, "report", "--format", "html"],
        [*base, "export", "--ect", ect, "--format", "html"],
        [*base, "report", "--ect", "Nobody" + EVIL],
        [*base, "rhythm"],
        [*base, "rhythm", "--ect", ect, "--year", "2"],
        [*base, "rhythm", "--terms", str(sessions / "evil.toml")],
        [*base, "scripts", "--json"],
        [*base, "check-db", "--json"],
        [*base, "study", "--ect", ect, "--json"],
        [*base, "rhythm", "--json"],
        [*base, "locate"],
        [*base, "locate", "--json"],
        [*base, "keys"],
        [*base, "history", "--bogus" + EVIL],
        ["--db", str(db) + EVIL, "check-db"],
    ]


def test_no_command_lets_an_escape_code_reach_stdout_or_stderr(
    evil_db: tuple[Path, str], tmp_path: Path, capsysbinary: pytest.CaptureFixture[bytes]
) -> None:
    db, meeting_id = evil_db
    sessions = tmp_path / "sessions"
    sessions.mkdir()
    (sessions / "evil.toml").write_text(evil_script_toml(), encoding="utf-8")
    (sessions / "broken.toml").write_text(f'id = "{TOML_EVIL}"\ntitle = 3\n')
    bundle = tmp_path / "conflict.json"
    main(["--db", str(db), "export", "--all", "-o", str(bundle)])
    data = json.loads(bundle.read_text(encoding="utf-8"))
    data["meetings"][0]["sections"][0]["private"] = "other " + EVIL  # a conflict to report
    data["meetings"][0]["ect"] = "Other" + EVIL
    data["meetings"][0]["updated"] = "2027-01-01T00:00:00+00:00"
    bundle.write_text(json.dumps(data), encoding="utf-8")
    capsysbinary.readouterr()
    for argv in _commands(db, meeting_id, sessions, bundle, tmp_path / "backup.json"):
        with contextlib.suppress(SystemExit):  # argparse's own errors
            main(argv)
        out, err = capsysbinary.readouterr()
        for stream, name in ((out, "stdout"), (err, "stderr")):
            text = stream.decode("utf-8", "replace")
            leaked = [c for c in RAW if c in text] + (["0x1b"] if b"\x1b" in stream else [])
            leaked += ["0x9b"] if b"\x9b" in stream else []
            assert not leaked, f"{argv[4:] or argv}: {name} holds {leaked!r}: {text[:300]!r}"
        assert out or err, f"{argv}: said nothing"


def test_history_json_keeps_the_name_exact_but_escaped(
    evil_db: tuple[Path, str], capsys: pytest.CaptureFixture[str]
) -> None:
    db, _meeting_id = evil_db
    assert main(["--db", str(db), "history", "--json"]) == 0
    out = capsys.readouterr().out
    assert "\x9b" not in out and "\x1b" not in out and "<U+009B>" not in out
    assert json.loads(out)[0]["ect"] == "Sam Jones" + EVIL


def test_the_validation_library_is_not_imported_before_the_first_frame() -> None:
    """msgspec is loaded when a document is first checked, never by opening the app's modules."""
    import subprocess
    import sys

    code = (
        "import sys\n"
        "import ect_tui.cli, ect_tui.tui.launch, ect_tui.tui.app, ect_tui.store\n"
        "from ect_tui.tui.screens.start import StartScreen\n"
        "print('msgspec' in sys.modules)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "False"


def test_a_paste_keeps_words_and_line_ends_and_drops_every_code():
    from ect_tui.safe_text import pasted

    assert pasted("AAA \x1b[2J BBB") == "AAA  BBB"  # no "[2J" left behind, order kept
    assert pasted("a\x07b\x00c\x7fd\x9be") == "abcd"  # 8-bit CSI eats its final byte like ESC [
    assert pasted("\x1b]0;new title\x07kept") == "kept"
    assert pasted("\x1b]8;;http://x\x1b\\link\x1b]8;;\x1b\\") == "link"
    assert pasted("one\r\ntwo\rthree\n\tfour") == "one\ntwo\nthree\n\tfour"
    assert pasted("Ésa 🙂 naïve") == "Ésa 🙂 naïve"
    assert pasted("trailing\x1b") == "trailing"


@pytest.mark.parametrize(
    "data",
    [b'plain [\n  {"ect": "Sam"}\n]\n', "Zo\u00eb \x1b[2J \x9b31m \x07\x7f".encode(), b"bad utf-8 \xff\x1b"],
)
def test_bytes_written_whole_are_as_clean_as_text(data: bytes) -> None:
    """SafeStream.write_bytes (history --json at a hub): plain ASCII goes as it is, else as text."""
    import io

    from ect_tui.safe_text import SafeStream

    raw = io.BytesIO()
    stream = io.TextIOWrapper(raw, encoding="utf-8")
    SafeStream(stream).write_bytes(data)
    stream.flush()
    out = raw.getvalue()
    assert not any(byte < 0x20 and byte not in b"\n\t" or byte == 0x7F for byte in out)
    assert b"\xc2\x9b" not in out  # C1 in UTF-8
    if data.isascii() and b"\x1b" not in data and b"\x7f" not in data:
        assert out == data

"""The one sanitiser for terminal output: control characters are shown, never sent.

A name imported from a bundle, a note, a script title or a path can hold an escape
sequence (``ESC ] 0 ; title BEL``, ``ESC [ 2 J``, the 8-bit CSI U+009B). Printed raw
it would retitle the window, clear the screen or worse. Here every C0 control (bar
newline and tab), DEL and every C1 control is shown, never sent: as a control picture
on screens (``visible``), as ASCII in command output (``printable``), so the reader
sees that something odd is there and the terminal is never driven by data.

``SafeStream`` wraps stdout and stderr for every subcommand (cli.py), so no command
can forget; JSON goes out through ``json_text``, which escapes the same characters
as ``\\uXXXX`` so the data stays exact and the stream has nothing left to replace.
"""

from __future__ import annotations

import json
import re
from typing import Any, TextIO

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff]")
_JSON_RAW = re.compile(r"[\x7f-\x9f\u2028\u2029]")
# What a terminal shows as itself: printable ASCII, newline and tab.
_PLAIN_ASCII = bytes(range(0x20, 0x7F)) + b"\n\t"


def _plain_ascii(text: str) -> bool:
    """True when ``text`` holds only printable ASCII, newlines and tabs: the usual case, checked
    in C in a fraction of a regex scan's time (`history --json` prints megabytes at a hub)."""
    return text.isascii() and not text.encode("ascii").translate(None, _PLAIN_ASCII)


def _json_plain(text: str) -> bool:
    """True when JSON text has nothing for ``_JSON_RAW`` (ASCII bar DEL), without a regex scan."""
    return text.isascii() and "\x7f" not in text


def _picture(match: re.Match[str]) -> str:
    code = ord(match.group())
    if code < 0x20:
        return chr(0x2400 + code)  # the Unicode "control picture": ␛ for ESC, ␍ for CR
    if code == 0x7F:
        return "\u2421"  # ␡
    return "\ufffd"  # C1 controls (U+0080-U+009F) and lone surrogates: �


# Whole escape sequences, so none of their printable tail ("[2J") is left in the text: CSI
# (7- and 8-bit), OSC and DCS-style strings up to BEL or ST, and any other ESC + one character.
_SEQUENCE = re.compile(
    r"(?:\x1b\[|\x9b)[0-?]*[ -/]*[@-~]"
    r"|(?:\x1b[\]PX^_]|[\x90\x9d\x98\x9e\x9f]).*?(?:\x07|\x1b\\|\x9c|$)"
    r"|\x1b[ -~]?",
    re.DOTALL,
)
# An ESC inside a bracketed paste, hidden from Textual's parser (tui/paste_guard.py): a
# private-use character no keyboard sends, turned back into ESC before the paste is cleaned.
PASTED_ESC = "\ue01b"
_PASTE_DROPPED = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def pasted(text: str) -> str:
    """A paste as words only: escape sequences and control characters dropped, line ends made
    ``\n``. Text copied from a web page or another terminal can carry colour codes, a bell or
    a screen-clearing sequence; in a note they would only be noise, and never keys."""
    text = _SEQUENCE.sub("", text.replace(PASTED_ESC, "\x1b")).replace("\r\n", "\n").replace("\r", "\n")
    return _PASTE_DROPPED.sub("", text)


def visible(text: str) -> str:
    """``text`` with every control character (bar newline and tab) replaced by a visible symbol
    (for screens: Textual draws the symbol)."""
    return _CONTROL.sub(_picture, text)


def _caret(match: re.Match[str]) -> str:
    code = ord(match.group())
    if code < 0x20:
        return "^" + chr(code + 0x40)  # ^[ for ESC, ^G for BEL, as `cat -v` shows them
    if code == 0x7F:
        return "^?"
    if code <= 0x9F:
        return f"<U+{code:04X}>"
    return "\ufffd"


def printable(text: str) -> str:
    """``text`` for a terminal stream: every control character (bar newline and tab) written
    as plain ASCII (``^[`` for ESC, ``<U+009B>`` for the 8-bit CSI), so not even a byte
    of the replacement can be read as a control by a terminal in any mode."""
    if _plain_ascii(text):
        return text
    return _CONTROL.sub(_caret, text)


def json_text(value: Any, *, indent: int | None = 2, ensure_ascii: bool = False, fast: bool = False) -> str:
    """``value`` as JSON a terminal can print safely: C0 controls are escaped by json itself,
    DEL, C1 and the line separators here, so the text holds no raw control character.
    (A drop-in for ``json.dumps`` in every command that prints JSON.)

    ``fast``: through orjson, for thousands of rows (with ``indent`` json falls back to its
    pure-Python encoder, which took most of `history --json` and `report --json` at a hub's
    50,000 meetings; orjson's import, ~15 ms, is not worth it for a few). The same text, except
    that a float may be spelled another way for the same number (1e16 for 1e+16); what orjson
    refuses (a lone surrogate, a number too large, a key that is not a string) goes through json."""
    text = _orjson_indented(value) if fast and indent == 2 and not ensure_ascii else None
    if text is None:
        text = json.dumps(value, indent=indent, ensure_ascii=ensure_ascii)
    if _json_plain(text):
        return text
    text = _JSON_RAW.sub(lambda m: f"\\u{ord(m.group()):04x}", text)
    # A lone surrogate cannot be printed as UTF-8; json escapes it the same way.
    return re.sub(r"[\ud800-\udfff]", lambda m: f"\\u{ord(m.group()):04x}", text)


def _orjson_indented(value: Any) -> str | None:
    try:
        import orjson
    except ImportError:  # pragma: no cover - a dependency
        return None
    try:
        return orjson.dumps(value, option=orjson.OPT_INDENT_2).decode("utf-8")
    except (orjson.JSONEncodeError, TypeError):
        return None


def escape_json_controls(text: str) -> str:
    """JSON text from another encoder (orjson writes DEL and C1 raw) with them escaped as
    ``\\uXXXX``: the same JSON value, nothing a terminal could act on."""
    if _json_plain(text):
        return text
    return _JSON_RAW.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def escape_json_control_bytes(data: bytes) -> bytes:
    """``escape_json_controls`` for UTF-8 JSON (msgspec's, for `history --json`): plain ASCII
    without DEL, the usual case, is checked in C and returned as it is."""
    if data.isascii() and b"\x7f" not in data:
        return data
    return escape_json_controls(data.decode("utf-8")).encode("utf-8")


class SafeStream:
    """A text stream that passes everything written through ``visible``.

    It has no ``buffer``: code that would write bytes straight to the terminal falls
    back to writing text, which is then cleaned too.
    """

    def __init__(self, stream: TextIO) -> None:
        self._stream = stream

    def write(self, text: str) -> int:
        self._stream.write(printable(text))
        return len(text)

    def write_bytes(self, data: bytes) -> None:
        """UTF-8 ``data`` (megabytes of JSON at a hub): written as it is when it is plain printable
        ASCII, checked in C as ``printable`` checks text, else decoded and cleaned as text."""
        buffer = getattr(self._stream, "buffer", None)
        if buffer is not None and data.isascii() and not data.translate(None, _PLAIN_ASCII):
            self._stream.flush()
            buffer.write(data)
            buffer.flush()
        else:
            self.write(data.decode("utf-8", "replace"))

    def writelines(self, lines: Any) -> None:
        for line in lines:
            self.write(line)

    def flush(self) -> None:
        self._stream.flush()

    def isatty(self) -> bool:
        return self._stream.isatty()

    def fileno(self) -> int:
        return self._stream.fileno()

    def close(self) -> None:
        self._stream.close()

    @property
    def closed(self) -> bool:
        return bool(getattr(self._stream, "closed", False))

    @property
    def encoding(self) -> str:
        return getattr(self._stream, "encoding", None) or "utf-8"

    @property
    def errors(self) -> str | None:
        return getattr(self._stream, "errors", None)

    @property
    def wrapped(self) -> TextIO:
        return self._stream

"""A bracketed paste reaches the app as one Paste, never as keys.

Textual's terminal parser (8.x) collects a bracketed paste, but an ESC inside the paste
(text copied from another terminal carries colour codes, ``ESC [ 2 J`` …) starts its
escape-sequence search, which gives up by re-issuing what it read as key presses: the
tail of the paste was typed as keys (a pasted BEL became ctrl+g, a minute added to the
timer) and arrived before the paste itself, out of order.

`PasteSafeParser` hides every ESC between the paste's start and end markers behind
`PASTED_ESC` before the parser sees it, so the parser keeps the whole paste as text;
`safe_text.pasted` then drops the sequences. `install` puts it in the Linux/macOS driver.
"""

from __future__ import annotations

from collections.abc import Iterable

from textual._xterm_parser import XTermParser  # no public hook yet: see install()
from textual.message import Message

from ect_tui.safe_text import PASTED_ESC

ESC = "\x1b"
PASTE_START = "\x1b[200~"
PASTE_END = "\x1b[201~"


class PasteSafeParser(XTermParser):
    """XTermParser with the ESCs inside a bracketed paste hidden (see the module's docstring)."""

    def __init__(self, debug: bool = False) -> None:
        super().__init__(debug)
        self._in_paste = False
        self._recent = ""  # the last characters outside a paste, to see the start marker
        self._held = ""  # inside a paste: an ESC and what follows it, while it may be the end marker

    def feed(self, data: str) -> Iterable[Message]:
        guarded = self.guard(data)
        if data and not guarded:  # all held back: an empty feed would mean end of input
            return ()
        return super().feed(guarded)

    def guard(self, data: str) -> str:
        """``data`` with every ESC inside a paste (but the end marker's) replaced by PASTED_ESC."""
        out: list[str] = []
        for character in data:
            if not self._in_paste:
                out.append(character)
                self._recent = (self._recent + character)[-len(PASTE_START) :]
                if self._recent == PASTE_START:
                    self._in_paste, self._recent = True, ""
                continue
            if self._held or character == ESC:
                self._held += character
                if self._held == PASTE_END:
                    out.append(PASTE_END)
                    self._held, self._in_paste = "", False
                elif not PASTE_END.startswith(self._held):
                    out.append(self._release())
                continue
            out.append(character)
        if not data and self._held:  # the input closed mid-paste: nothing more will come
            out.append(self._release())
        return "".join(out)

    def _release(self) -> str:
        """What was held was not the end marker after all: text, its ESCs hidden."""
        held, self._held = self._held, ""
        if held.endswith(ESC) and len(held) > 1:  # a new ESC that may start the end marker
            self._held = ESC
            held = held[:-1]
        return held.replace(ESC, PASTED_ESC)


def install() -> None:
    """Use PasteSafeParser in Textual's Linux/macOS driver (it builds its parser by this name).

    Textual has no hook for the parser, so the driver module's name is replaced; a test
    feeds the real driver's parser class (tests/tui/test_paste.py) so an upgrade that moves
    it fails there, not in a meeting."""
    try:
        from textual.drivers import linux_driver
    except ImportError:  # Windows: its own input path
        return
    linux_driver.XTermParser = PasteSafeParser  # type: ignore[misc]

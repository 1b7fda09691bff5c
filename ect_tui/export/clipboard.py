"""Copy the notes somewhere the mentor can paste them from, and say exactly where they went.

On a school laptop the system clipboard may not exist (no xclip, SSH, tmux):
pyperclip then raises, or "succeeds" while the display is unreachable. So:

1. the notes are always written to a 0600 file first (atomically), so they are safe
   whatever happens next;
2. pyperclip copies them, and only counts if reading the clipboard back gives the
   same text (it is run in a thread with a time limit, so a stuck tool cannot
   freeze the app);
3. if that did not work, the terminal's own clipboard (OSC 52, Textual's
   ``App.copy_to_clipboard``) is tried; it cannot confirm delivery, and we say so;
4. the message names every way the notes went, in a short line, then the file's
   folder and name on lines of their own (home shown as ``~``) so a narrow
   notification never breaks them mid-word.

The file goes in ``ect-tui-notes/`` beside the database in use (``files.notes_dir``),
the same folder the app's export prompts suggest.

pyperclip runs xclip/xsel/wl-copy with our stderr, which is the terminal Textual
draws on (Textual writes its frames to stderr): one "Error: Can't open display"
would scribble over the screen. Redirecting fd 2 would also swallow Textual's
own output, so instead pyperclip's subprocesses get /dev/null for any stream it
does not pipe itself (``_QuietSubprocess``).
"""

from __future__ import annotations

import subprocess
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ect_tui.export.email import email_text
from ect_tui.export.files import (
    describe_os_error,
    display_path,
    make_private_folder,
    notes_dir,
    path_lines,
    suggested_name,
)
from ect_tui.script.model import Script
from ect_tui.store.atomic import atomic_write_bytes

PASTE_TIMEOUT = 5.0  # seconds for pyperclip's copy and read-back together

CLIPBOARD = "clipboard"
TERMINAL = "terminal"
FILE = "file"


@dataclass(frozen=True)
class CopyResult:
    """Which ways the text went (``clipboard``, ``terminal``, ``file``), where the file is, and what to tell the user."""

    ways: list[str]
    path: Path
    message: str
    problems: list[str] = field(default_factory=list)  # why a way did not work, for a log or a tooltip

    @property
    def saved(self) -> bool:
        return FILE in self.ways


def default_save_dir(db_path: Path | None = None) -> Path:
    """Where copied notes are kept: ``ect-tui-notes/`` beside the database (``db_path``, else the default one)."""
    return notes_dir(db_path)


def notes_file_name(doc: dict[str, Any]) -> str:
    """E.g. ``2026-11-24-sam-jones-3f2a1b4c.txt``: sortable, and safe on every filesystem."""
    return suggested_name(doc, "email")


def copy_meeting_notes(
    doc: dict[str, Any],
    script: Script | None,
    *,
    terminal_copy: Callable[[str], None] | None = None,
    save_dir: Path | None = None,
    db_path: Path | None = None,
) -> CopyResult:
    """The summary screen's copy key: the meeting's email text, by the chain in this module's docstring.

    The file goes in ``save_dir``, else ``ect-tui-notes/`` beside ``db_path`` (the database in use);
    the full record goes beside it as Markdown, which the email names.
    """
    from ect_tui.export.markdown import meeting_markdown

    folder = save_dir or default_save_dir(db_path)
    record = suggested_name(doc, "markdown")
    problems: list[str] = []
    try:
        make_private_folder(folder)
        atomic_write_bytes(folder / record, meeting_markdown(doc, script).encode("utf-8", "replace"))
    except OSError as error:
        problems.append(
            f"could not save the full record to {display_path(folder / record)}: {describe_os_error(error)}"
        )
        record = ""
    result = copy_text(
        email_text(doc, script, record).as_text(),
        save_dir=folder,
        name=notes_file_name(doc),
        terminal_copy=terminal_copy,
    )
    if record:
        result = CopyResult(
            result.ways, result.path, f"{result.message}\nFull record beside it: {record}", result.problems
        )
    if problems:
        result = CopyResult(result.ways, result.path, result.message, problems + result.problems)
    return result


def copy_text(
    text: str,
    *,
    save_dir: Path | None = None,
    name: str = "notes.txt",
    terminal_copy: Callable[[str], None] | None = None,
    system_copy: Callable[[str], str] | None = None,
) -> CopyResult:
    """Save ``text`` to ``save_dir/name`` (0600), then copy it by the chain above.

    ``terminal_copy`` is the app's ``copy_to_clipboard`` (None outside the app).
    ``system_copy`` copies and returns what reading the clipboard back gives; the
    default uses pyperclip. Blocking (file sync, subprocesses): in the app, call
    it from a worker thread and pass a ``terminal_copy`` that hops back to the
    app's thread (``app.call_from_thread``).
    """
    folder = save_dir or default_save_dir()
    path = folder / name
    ways: list[str] = []
    problems: list[str] = []

    try:
        make_private_folder(folder)
        atomic_write_bytes(path, text.encode("utf-8", "replace"))
        ways.append(FILE)
    except OSError as error:
        problems.append(f"could not save to {display_path(path)}: {describe_os_error(error)}")

    try:
        pasted = (system_copy or pyperclip_copy)(text)
        if _same(pasted, text):
            ways.append(CLIPBOARD)
        else:
            problems.append("the clipboard did not hold the notes when read back")
    except Exception as error:  # any failure of any clipboard tool means "not copied"
        problems.append(f"the clipboard is not available: {_first_line(error)}")

    if CLIPBOARD not in ways and terminal_copy is not None:
        try:
            terminal_copy(text)
            ways.append(TERMINAL)
        except Exception as error:
            problems.append(f"the terminal could not be asked to copy: {_first_line(error)}")

    return CopyResult(ways, path, _message(ways, path, problems), problems)


def _message(ways: list[str], path: Path, problems: list[str]) -> str:
    saved = FILE in ways
    where = path_lines(path)
    if CLIPBOARD in ways:
        if saved:
            return f"Copied to the clipboard; saved in\n{where}"
        return f"Notes copied to the clipboard, but NOT saved: {problems[0]}"
    if TERMINAL in ways:
        if saved:
            # No clipboard tool worked; the terminal was asked instead, and only it knows if it did.
            return f"Notes saved in\n{where}\nand offered to the terminal's clipboard: try pasting (some terminals refuse)"
        return (
            "Notes sent to the terminal's clipboard (if your terminal allows it) but NOT saved: "
            f"{problems[0]}; copy them from the screen"
        )
    if saved:
        return f"No clipboard here; notes saved in\n{where}"
    return f"Notes NOT copied and NOT saved ({problems[0]}); they are still in the meeting, so export them another way"


def _same(pasted: object, text: str) -> bool:
    # Some tools change line endings or add/drop a final newline; the words must match exactly.
    if not isinstance(pasted, str):
        return False

    def norm(value: str) -> str:
        return value.replace("\r\n", "\n").rstrip("\n")

    return norm(pasted) == norm(text)


def _first_line(error: BaseException) -> str:
    text = str(error).strip().splitlines()
    return text[0] if text else type(error).__name__


# ----- pyperclip, quietly and with a time limit ------------------------------------


class _QuietSubprocess:
    """Stands in for the ``subprocess`` module inside pyperclip: any stream it does not
    pipe goes to /dev/null, so a clipboard tool can neither draw on the terminal nor
    read the keys typed into the app."""

    def __getattr__(self, name: str) -> Any:
        return getattr(subprocess, name)

    @staticmethod
    def Popen(args: Any, **kwargs: Any) -> subprocess.Popen[Any]:  # noqa: N802 - mirrors subprocess
        for stream in ("stdin", "stdout", "stderr"):
            if kwargs.get(stream) is None:
                kwargs[stream] = subprocess.DEVNULL
        return subprocess.Popen(args, **kwargs)

    def call(self, args: Any, *, timeout: float | None = None, **kwargs: Any) -> int:
        with self.Popen(args, **kwargs) as process:
            try:
                return process.wait(timeout=timeout)
            except BaseException:
                process.kill()
                raise

    def check_call(self, args: Any, **kwargs: Any) -> int:
        code = self.call(args, **kwargs)
        if code:
            raise subprocess.CalledProcessError(code, args)
        return 0

    def run(self, args: Any, **kwargs: Any) -> subprocess.CompletedProcess[Any]:
        if "input" not in kwargs and kwargs.get("stdin") is None:
            kwargs["stdin"] = subprocess.DEVNULL
        if not kwargs.get("capture_output"):
            for stream in ("stdout", "stderr"):
                if kwargs.get(stream) is None:
                    kwargs[stream] = subprocess.DEVNULL
        return subprocess.run(args, **kwargs)


_QUIET = _QuietSubprocess()
_busy = threading.Lock()


def quiet_pyperclip() -> Any:
    """pyperclip, with its subprocesses kept off the terminal (idempotent)."""
    import pyperclip

    if getattr(pyperclip, "subprocess", None) is not _QUIET:
        pyperclip.subprocess = _QUIET
    return pyperclip


def pyperclip_copy(text: str, timeout: float = PASTE_TIMEOUT) -> str:
    """Copy with pyperclip and return what reading the clipboard back gives.

    Raises whatever pyperclip raises, or TimeoutError if the tool did not finish in time.
    """
    pyperclip = quiet_pyperclip()
    if not _busy.acquire(blocking=False):
        raise TimeoutError("the clipboard tool has still not finished the last copy")
    outcome: dict[str, Any] = {}

    def work() -> None:
        try:
            pyperclip.copy(text)
            outcome["pasted"] = pyperclip.paste()
        except BaseException as error:  # handed to the caller's thread below
            outcome["error"] = error
        finally:
            _busy.release()

    worker = threading.Thread(target=work, name="ect-tui-clipboard", daemon=True)
    worker.start()
    worker.join(timeout)
    if worker.is_alive():
        raise TimeoutError(f"the clipboard tool did not answer within {timeout:g} seconds")
    if "error" in outcome:
        raise outcome["error"]
    return str(outcome["pasted"])

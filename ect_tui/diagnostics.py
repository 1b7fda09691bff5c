"""The log file, and what the user is told when something breaks that we did not foresee.

- Warnings (and crashes) go to a rotating file in the platform's user log folder
  (``ect-tui locate`` prints it); ``--debug`` logs everything. The file is created only
  when something is written to it, so a quiet run leaves nothing behind.
- A crash writes its traceback there and the user reads one sentence naming the file
  (``crash_sentence``): never a traceback on the terminal.
- No note text ever goes to the log: records carry paths, ids, counts and timings; a
  crash's traceback is the plain one (file, line, code), never the local variables a
  rich traceback would show (a note in a local would land in the file). A test plants a
  marker in a note and looks for it in the log (tests/test_diagnostics.py).
"""

from __future__ import annotations

import logging
import logging.handlers
import os
import traceback
from contextlib import suppress
from pathlib import Path

LOG_BYTES = 1_000_000  # about a year of warnings; with three old files kept, at most 4 MB
LOG_BACKUPS = 3
FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"

log = logging.getLogger("ect_tui")

_handler: logging.Handler | None = None


class _LogFile(logging.handlers.RotatingFileHandler):
    """A rotating log file whose folder is made with the file, when the first record is written."""

    def _open(self):  # logging's own hook for opening the file (delay=True defers it to here)
        path = Path(self.baseFilename)
        path.parent.mkdir(parents=True, exist_ok=True)
        stream = super()._open()
        # Private to the user, as the database is (README.md): a path or an ECT's name may appear.
        with suppress(OSError):
            os.chmod(path, 0o600)
        return stream

    def handleError(self, record: logging.LogRecord) -> None:
        pass  # a log that cannot be written (full disk, no folder) must never disturb the meeting


def setup_logging(*, debug: bool = False, path: Path | None = None) -> Path:
    """Send log records to the rotating log file (made, mode 0600, when the first one is written); returns its path.

    Called once per run by the command line (a second call replaces the first handler).
    """
    global _handler
    if path is None:
        from ect_tui.paths import log_path

        path = log_path()
    root = logging.getLogger()
    if _handler is not None:
        root.removeHandler(_handler)
        _handler.close()
        _handler = None
    handler = _LogFile(path, maxBytes=LOG_BYTES, backupCount=LOG_BACKUPS, encoding="utf-8", delay=True)
    handler.setFormatter(logging.Formatter(FORMAT))
    level = logging.DEBUG if debug else logging.WARNING
    handler.setLevel(level)
    root.addHandler(handler)
    root.setLevel(level)
    _handler = handler
    return path


def current_log_path() -> Path | None:
    """The file this run logs to, if logging was set up."""
    if isinstance(_handler, logging.FileHandler):
        return Path(_handler.baseFilename)
    return None


def log_crash(error: BaseException, where: str = "ect-tui") -> None:
    """Write ``error``'s traceback to the log: frames and the exception, never local variables."""
    text = "".join(traceback.format_exception(type(error), error, error.__traceback__))
    log.critical("%s stopped on an unexpected error:\n%s", where, text.rstrip())


def crash_sentence(path: Path | None, *, in_app: bool = False) -> str:
    """What the user reads after a crash: one sentence and the file, never the traceback.

    ``in_app``: the meeting was saved as it was typed (within a second), so say so.
    """
    saved = " (your notes were saved as you typed)" if in_app else ""
    if path is None:
        return f"ect-tui stopped on an unexpected error{saved}; no log file could be written."
    return f"ect-tui stopped on an unexpected error{saved}; the details are in {path}"

"""Export formats and writing them to disk: shared by the command line and the app's palette.

Every file is written atomically (temp file, fsync, rename: see store/atomic.py)
with mode 0600, so a failed export never leaves half a file, and notes are not
readable by other users of a shared school machine.
"""

from __future__ import annotations

import errno
import re
from pathlib import Path
from typing import Any

from ect_tui.export.bundle import bundle_bytes, make_bundle
from ect_tui.export.email import email_text
from ect_tui.export.markdown import meeting_markdown
from ect_tui.script.model import Script
from ect_tui.store.atomic import atomic_write_bytes, make_private_dirs

FORMATS = ("email", "markdown", "json")
SUFFIXES = {"email": ".txt", "markdown": ".md", "json": ".json"}
NOTES_FOLDER = "ect-tui-notes"  # beside the database: where copied notes go and exports are offered


def notes_dir(db_path: Path | str | None = None) -> Path:
    """``ect-tui-notes/`` in the folder of the database in use (``--db``, ``$ECT_TUI_DB`` or the default).

    Copied notes are saved here and the app's export prompts suggest it, so a mentor
    who keeps their database somewhere of their own finds their notes beside it.
    """
    if db_path is None:
        from ect_tui.paths import default_db_path

        db_path = default_db_path()
    return Path(db_path).expanduser().absolute().parent / NOTES_FOLDER


def make_private_folder(folder: Path) -> None:
    """Create ``folder`` (and its parents) readable only by this user, unless it exists; OSError if it cannot."""
    make_private_dirs(folder)  # 0700 at every level it creates, whatever the umask


def display_path(path: Path | str) -> str:
    """``path`` as a mentor reads it: the home folder shown as ``~``."""
    text = str(path)
    home = str(Path.home())
    if home not in ("", "/") and (text == home or text.startswith(home.rstrip("/") + "/")):
        return "~" + text[len(home.rstrip("/")) :]
    return text


def path_lines(path: Path | str) -> str:
    """The folder on one line and the file name on the next, so a narrow notice never breaks a name."""
    path = Path(path)
    folder = display_path(path.parent)
    return f"{folder.rstrip('/')}/\n{path.name}"


class ExportError(Exception):
    """An export that could not be written; str() is one sentence naming the file."""


def render_meeting(doc: dict[str, Any], script: Script | None, fmt: str, record_name: str = "") -> bytes:
    """One meeting in ``fmt`` (email, markdown or json), never with private text.

    JSON is a shared bundle holding just this meeting, so `ect-tui import` takes it. The email
    names ``record_name``, the Markdown file of the full record written beside it.
    """
    if fmt == "email":
        return email_text(doc, script, record_name).as_text().encode("utf-8")
    if fmt == "markdown":
        return meeting_markdown(doc, script).encode("utf-8")
    if fmt == "json":
        return bundle_bytes(make_bundle([doc], private=False))
    raise ValueError(f"unknown export format {fmt!r} (use one of {', '.join(FORMATS)})")


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.casefold()).strip("-")[:40]


def suggested_name(doc: dict[str, Any], fmt: str) -> str:
    """A file name to offer in a save prompt, e.g. ``2026-11-24-sam-jones-3f2a1b4c.md``."""
    day = str(doc.get("started") or "")[:10]
    day = day if re.fullmatch(r"\d{4}-\d{2}-\d{2}", day) else "undated"
    meeting = re.sub(r"[^0-9A-Za-z]", "", str(doc.get("id") or ""))[:8] or "meeting"
    return f"{day}-{_slug(str(doc.get('ect') or '')) or 'ect'}-{meeting}{SUFFIXES[fmt]}"


def learning_log_name(ect: str) -> str:
    """E.g. ``learning-log-sam-jones.md``."""
    return f"learning-log-{_slug(ect) or 'ect'}.md"


def write_export(path: Path | str, data: bytes, *, make_folder: Path | None = None) -> Path:
    """Write ``data`` to ``path`` atomically (0600); ExportError in one sentence if it cannot.

    ``make_folder`` is a folder that may be created (0700) if ``path`` is in it and it
    does not exist yet: the notes folder the app suggests. Any other folder must exist.
    """
    path = Path(path).expanduser()
    if path.is_dir():
        raise ExportError(f"Cannot write {path}: it is a folder, so give a file name inside it.")
    if make_folder is not None and path.parent == Path(make_folder).expanduser():
        try:
            make_private_folder(path.parent)
        except OSError as error:
            raise ExportError(
                f"Cannot make the folder {path.parent}: {describe_os_error(error)}; nothing was written."
            ) from None
    if not path.parent.is_dir():
        raise ExportError(f"Cannot write {path}: the folder {path.parent} does not exist.")
    try:
        atomic_write_bytes(path, data)
    except OSError as error:
        raise ExportError(f"Cannot write {path}: {describe_os_error(error)}; nothing was written.") from None
    return path


def describe_os_error(error: OSError) -> str:
    """A short reason a mentor can act on, e.g. ``permission denied``."""
    code = error.errno
    if code in (errno.EACCES, errno.EPERM):
        return "permission denied (is the folder read-only?)"
    if code in (errno.ENOSPC, getattr(errno, "EDQUOT", -1)):
        return "the disk is full"
    if code == errno.EROFS:
        return "the disk is read-only"
    if code == errno.ENOENT:
        return "the folder does not exist"
    return error.strerror or str(error) or type(error).__name__

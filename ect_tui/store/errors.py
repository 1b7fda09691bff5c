"""Errors the store raises: each one's str() is a sentence a mentor can act on.

The TUI and CLI show these messages as they are, so every message names the file
involved and says what to do next. Nothing here imports the rest of the store.
"""

from __future__ import annotations

import errno
from pathlib import Path


class StoreError(Exception):
    """Base class: something about the database needs the user's attention."""

    def __init__(self, message: str, *, path: Path | str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.path = Path(path) if path is not None else None

    def __str__(self) -> str:
        return self.message


class CorruptDatabaseError(StoreError):
    """A file exists but is not a database (or meeting) ect-tui can read; it is left untouched."""

    def __init__(self, path: Path | str, detail: str, *, meeting: bool = False) -> None:
        path = Path(path)
        self.detail = detail
        if meeting:
            message = (
                f"The meeting file {path} is damaged ({detail}). ect-tui has not changed it: "
                f"restore it from a backup, or move it out of {path.parent} to hide that meeting."
            )
        else:
            message = (
                f"The database {path} is damaged or is not an ect-tui database ({detail}). "
                "ect-tui has not changed it: restore it from a backup, or move it aside "
                "(or use --db) to start a new database. Meetings are kept one file each in "
                f"{path.name}.meetings/ beside it; once the damaged file is moved aside, ect-tui lists "
                "them again from there (names, study log and notebooks come back only from a backup)."
            )
        super().__init__(message, path=path)


class NewerSchemaError(StoreError):
    """The file was written by a newer ect-tui; reading or writing it here could lose data."""

    def __init__(self, path: Path | str, found: int, supported: int) -> None:
        self.found = found
        self.supported = supported
        super().__init__(
            f"The database {path} was written by a newer version of ect-tui (schema {found}; "
            f"this version understands up to {supported}). It has not been changed: "
            "update ect-tui (pip install -U ect-tui) to open it.",
            path=path,
        )


class DatabaseLockedError(StoreError):
    """Another running copy of ect-tui has the database open for writing."""

    def __init__(self, path: Path | str, pid: int | None = None) -> None:
        self.pid = pid
        who = f" (pid {pid})" if pid else ""
        super().__init__(
            f"The database {path} is open in another copy of ect-tui{who}. "
            "Close that copy first, or open this one read-only with --read-only.",
            path=path,
        )

    def for_change(self, what: str) -> str:
        """The message for ``what`` (e.g. "`ect-tui study`"), which must write and so has no
        --read-only to offer."""
        who = f" (pid {self.pid})" if self.pid else ""
        return (
            f"The database {self.path} is open in another copy of ect-tui{who}, and {what} changes it: "
            "close that copy first, then try again."
        )


class ReadOnlyError(StoreError):
    """A write was attempted on a store opened read-only."""

    def __init__(self, path: Path | str) -> None:
        super().__init__(
            f"The database {path} is open read-only, so nothing can be saved. "
            "Close the other copy of ect-tui and reopen without --read-only to make changes.",
            path=path,
        )


def _reason(error: OSError) -> str:
    code = error.errno
    if code in (errno.ENOSPC, getattr(errno, "EDQUOT", -1)):
        return "the disk is full"
    if code == errno.EFBIG:
        return "the file is larger than this system allows"
    if code == errno.EROFS:
        return "the disk is read-only"
    if code in (errno.EACCES, errno.EPERM):
        return "permission denied (is the folder read-only?)"
    return error.strerror or str(error) or type(error).__name__


class SaveFailedError(StoreError):
    """Writing a file failed (disk full, read-only folder, ...); the previous version is intact."""

    def __init__(self, path: Path | str, error: OSError) -> None:
        self.error = error
        self.reason = _reason(error)  # e.g. "the disk is full", for a short message
        super().__init__(
            f"Could not save {path}: {_reason(error)}. The previous copy on disk is unchanged "
            "and your notes are still in memory: fix the problem (e.g. free some disk space) "
            "and save again.",
            path=path,
        )


class MeetingNotFoundError(StoreError):
    """No meeting with that id is stored."""

    def __init__(self, meeting_id: str, folder: Path | str) -> None:
        self.meeting_id = meeting_id
        super().__init__(
            f"There is no meeting {meeting_id!r} in {folder}. "
            "Check the id against the list of stored meetings (the history screen shows them all).",
            path=folder,
        )

"""One writer at a time: an exclusive, non-blocking lock on ``<database>.lock``.

Two copies of ect-tui writing the same database would silently undo each other's
saves. The lock is an OS file lock (flock / LockFileEx via the filelock package),
so the OS releases it when the process dies, even on kill -9: no stale lock to
clear by hand. The holder writes its pid into the file so the other copy's error
message can say which process has it.
"""

from __future__ import annotations

import os
from contextlib import suppress
from pathlib import Path

from filelock import FileLock, Timeout

from .atomic import FILE_MODE
from .errors import DatabaseLockedError, StoreError


def lock_path_for(db_path: Path) -> Path:
    """``ect-tui.json`` -> ``ect-tui.json.lock``."""
    return db_path.with_name(db_path.name + ".lock")


class DatabaseLock:
    """The write lock for one database file; ``acquire`` raises DatabaseLockedError if held."""

    def __init__(self, db_path: Path) -> None:
        self.db_path = db_path
        self.path = lock_path_for(db_path)
        # thread_local=False: the app may release from a different thread than it acquired.
        self._lock = FileLock(str(self.path), mode=FILE_MODE, thread_local=False)

    @property
    def held(self) -> bool:
        return self._lock.is_locked

    def acquire(self) -> None:
        try:
            self._lock.acquire(blocking=False)
        except Timeout:
            raise DatabaseLockedError(self.db_path, read_lock_pid(self.path)) from None
        except OSError as error:
            raise StoreError(
                f"Could not create the lock file {self.path}: {error.strerror or error}. "
                "Check that its folder is writable, or open the database with --read-only.",
                path=self.path,
            ) from None
        self._write_pid()

    def release(self) -> None:
        if self._lock.is_locked:
            self._lock.release(force=True)

    def _write_pid(self) -> None:
        # A second descriptor is fine: the flock belongs to filelock's descriptor,
        # and the pid is only a hint for the message, so failures are ignored.
        with suppress(OSError):
            fd = os.open(self.path, os.O_WRONLY)
            try:
                os.ftruncate(fd, 0)
                os.write(fd, f"{os.getpid()}\n".encode())
            finally:
                os.close(fd)


def read_lock_pid(path: Path) -> int | None:
    """The pid written by the lock's holder, if it can be read."""
    try:
        text = path.read_text(encoding="ascii", errors="replace").strip()
    except OSError:
        return None
    return int(text) if text.isdigit() else None

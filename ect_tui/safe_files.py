"""Read a file we did not write, safely: only a regular file, never more than a cap,
never a read that can block.

A FIFO named like a meeting file would block ``open()`` for ever; ``/dev/zero`` would
fill memory; a folder or a socket raises odd errors; a symbolic link can point out of
the data folder at any file the user can read. So: ``stat`` first (a FIFO or device
is refused before it is opened), then open with O_NONBLOCK (a FIFO swapped in since
still cannot block), check the open file with ``fstat`` (what we read is what we
checked), and read at most ``limit`` bytes.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path


class UnreadableFileError(Exception):
    """The file is not one we will read; ``reason`` completes "<path> ..." as a phrase."""

    def __init__(self, path: Path, reason: str) -> None:
        super().__init__(f"{path} {reason}")
        self.path = path
        self.reason = reason


def _kind(mode: int) -> str | None:
    """Why a file of this mode is not read (None for a regular file)."""
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISDIR(mode):
        return "is a folder, not a file"
    if stat.S_ISFIFO(mode):
        return "is a named pipe (FIFO), not a file, so it was not opened"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "is a device, not a file, so it was not opened"
    if stat.S_ISSOCK(mode):
        return "is a socket, not a file, so it was not opened"
    return "is not a regular file, so it was not opened"


def outside(path: Path, folder: Path) -> bool:
    """True if ``path`` (following links) resolves outside ``folder``."""
    real = os.path.realpath(path)
    root = os.path.realpath(folder)
    return os.path.commonpath([real, root]) != root


def read_regular(path: Path | str, limit: int, *, within: Path | None = None) -> bytes | None:
    """The bytes of the regular file at ``path``; None if it does not exist.

    UnreadableFileError for a folder, FIFO, device or socket, a file over ``limit``
    bytes, or (with ``within``) a link leading out of that folder; other OSErrors
    (permissions, I/O) are raised as they are.
    """
    path = Path(path)
    try:
        before = os.lstat(path)
    except FileNotFoundError:
        return None
    link = stat.S_ISLNK(before.st_mode)
    if link:
        try:
            before = os.stat(path)
        except FileNotFoundError:
            return None  # a link to nothing
    reason = _kind(before.st_mode)
    if reason:
        raise UnreadableFileError(path, reason)
    # A file (not a link) named directly in ``within`` is inside it, whatever the folder's own
    # path resolves to: resolving both (a dozen lstat calls) is needed only for a link or a
    # deeper path. Opening with O_NOFOLLOW then refuses a link swapped in meanwhile.
    if within is not None and (link or path.parent != within) and outside(path, within):
        raise UnreadableFileError(path, f"is a link to a file outside {within}, so it was not read")
    if before.st_size > limit:
        raise UnreadableFileError(path, f"is larger than {limit // (1024 * 1024)} MB, so it was not read")
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    if not link:
        flags |= getattr(os, "O_NOFOLLOW", 0)
    try:
        fd = os.open(path, flags)
    except FileNotFoundError:
        return None  # removed between the stat and the open
    except OSError as error:
        if error.errno not in (errno.ELOOP, errno.EMLINK):  # EMLINK: FreeBSD's answer to O_NOFOLLOW
            raise
        raise UnreadableFileError(
            path, "was replaced by a link while it was read, so it was not read"
        ) from None
    try:
        st = os.fstat(fd)
        reason = _kind(st.st_mode)
        if reason:
            raise UnreadableFileError(path, reason)
        chunks: list[bytes] = []
        total = 0
        while True:
            chunk = os.read(fd, min(1 << 20, limit + 1 - total))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
            if total > limit:
                raise UnreadableFileError(
                    path, f"is larger than {limit // (1024 * 1024)} MB, so it was not read"
                )
        return b"".join(chunks)
    finally:
        os.close(fd)

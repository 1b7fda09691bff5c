"""Crash-safe file writes: a reader sees the old file or the new one, never a mix.

TinyDB's own JSONStorage rewrites its file in place, so a kill, a full disk or a
second writer can leave half a file. Here every write goes to a temp file in the
same folder, is fsynced, then renamed over the target with os.replace (atomic on
POSIX and Windows), and the folder is fsynced so the rename itself survives a
power cut. If anything fails the temp file is removed and the old file is intact.
"""

from __future__ import annotations

import errno
import json
import os
import re
import secrets
from contextlib import suppress
from pathlib import Path
from typing import Any

_NOT_PARSED = object()
# orjson parses a hub's 22 MB index in about half json's time, but importing it costs 30-100 ms
# (bench/README.md, the hub), more than json spends on a mentor's whole index: so only files
# this large go through it, and a small database never imports it.
FAST_FROM_BYTES = 4 * 1024 * 1024
FILE_MODE = 0o600
DIR_MODE = 0o700

# `.<target name>.<16 hex>.tmp`: hidden, and specific enough that clean_temp_files
# never touches a file another program left in a folder the user chose.
_TEMP_RE = re.compile(r"^\.(?P<target>.+)\.[0-9a-f]{16}\.tmp$")


def temp_name_for(target: Path) -> Path:
    """A fresh temp path beside ``target`` (used by atomic_write_bytes)."""
    return target.with_name(f".{target.name}.{secrets.token_hex(8)}.tmp")


def is_temp_file(name: str, target_name: str | None = None) -> bool:
    """True if ``name`` looks like one of our temp files (for ``target_name`` if given)."""
    match = _TEMP_RE.match(name)
    if match is None:
        return False
    return target_name is None or match.group("target") == target_name


def make_private_dirs(folder: Path | str) -> None:
    """Create ``folder`` and every missing folder above it, each 0700 whatever the umask.

    ``Path.mkdir(parents=True)`` gives the parents it creates the umask's mode (0777
    under ``umask 000``), so each level is made here; folders that already exist keep
    their mode. FileExistsError only if something not a folder is in the way.
    """
    folder = Path(folder)
    missing: list[Path] = []
    probe = folder
    while not probe.is_dir():
        missing.append(probe)
        if probe.parent == probe:
            break
        probe = probe.parent
    for level in reversed(missing):
        try:
            os.mkdir(level, DIR_MODE)
        except FileExistsError:
            if not level.is_dir():
                raise
            continue  # made meanwhile by someone else: theirs, leave its mode
        os.chmod(level, DIR_MODE)  # mkdir's mode is filtered by the umask


def fsync_dir(folder: Path) -> None:
    """Flush a folder's entries (the rename) to disk; a no-op where folders can't be opened."""
    if os.name == "nt":  # pragma: no cover - Windows cannot open a directory for fsync
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    except OSError as error:
        # Some filesystems (e.g. certain network mounts) refuse fsync on a folder:
        # the data file itself was already fsynced, which is the best we can do.
        if error.errno not in (errno.EINVAL, errno.EBADF, errno.ENOTSUP):
            raise
    finally:
        os.close(fd)


def atomic_write_bytes(path: Path | str, data: bytes, mode: int = FILE_MODE) -> None:
    """Replace ``path`` with ``data`` atomically; on failure the old file is untouched.

    Raises the OSError (disk full, read-only folder, ...) after removing the temp file.
    """
    # Follow a symlinked database to its real file, so the link survives the rename.
    target = Path(os.path.realpath(path))
    temp = temp_name_for(target)
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
    fd = os.open(temp, flags, mode)
    try:
        try:
            if hasattr(os, "fchmod"):
                os.fchmod(fd, mode)  # exact mode whatever the umask
            view = memoryview(data)
            while view:
                written = os.write(fd, view)
                view = view[written:]
            os.fsync(fd)
        finally:
            os.close(fd)
        os.replace(temp, target)
    except BaseException:
        with suppress(OSError):
            os.unlink(temp)
        raise
    fsync_dir(target.parent)


def dumps(obj: Any) -> bytes:
    """Serialise for disk so that every str comes back exactly, see ``loads``.

    Plain UTF-8 JSON, except that a lone surrogate (e.g. from a broken paste) is
    written as its 3-byte "surrogatepass" form. ensure_ascii=True is not exact: it
    writes the two code points "\\ud800\\udfff" and the one character U+103FF the
    same way, and json.loads reads both back as U+103FF.
    """
    return json.dumps(obj, ensure_ascii=False, separators=(",", ":")).encode("utf-8", "surrogatepass")


def fast_loads(raw: bytes, *, from_bytes: int = FAST_FROM_BYTES) -> Any:
    """orjson's parse of ``raw`` (about twice as fast as json's, and no decoded copy of the file in
    memory), or ``_NOT_PARSED`` where it declines: fewer than ``from_bytes`` bytes, no orjson, or
    anything orjson refuses that json may accept (a lone surrogate written by ``dumps``, NaN, a
    number too large). Where orjson accepts, it reads what json would."""
    if len(raw) < from_bytes:
        return _NOT_PARSED
    try:
        import orjson
    except ImportError:  # pragma: no cover - a dependency, but json alone still works
        return _NOT_PARSED
    try:
        return orjson.loads(raw)
    except orjson.JSONDecodeError:
        return _NOT_PARSED


def loads(raw: bytes) -> Any:
    """Inverse of ``dumps``; UnicodeDecodeError / JSONDecodeError on a damaged file."""
    parsed = fast_loads(raw)
    if parsed is not _NOT_PARSED:
        return parsed
    # Decoding ourselves also stops json.loads(bytes) guessing UTF-16/32 from the first bytes.
    return json.loads(raw.decode("utf-8", "surrogatepass"))


def atomic_write_json(path: Path | str, obj: Any, mode: int = FILE_MODE) -> None:
    """Serialise ``obj`` first (so a TypeError writes nothing), then write it atomically."""
    atomic_write_bytes(path, dumps(obj), mode)


def clean_temp_files(folder: Path | str, target_name: str | None = None) -> list[Path]:
    """Remove temp files left by a crash; only ours, only for ``target_name`` if given.

    Call it only while holding the database lock, so no write is in flight.
    """
    removed: list[Path] = []
    try:
        # Names first, streamed: a hub's meetings folder holds 50,000, none starting with a dot,
        # and a list of them all cost 10 MB at start-up.
        with os.scandir(folder) as entries:
            found = [
                entry.path
                for entry in entries
                if entry.name[:1] == "."
                and is_temp_file(entry.name, target_name)
                and entry.is_file(follow_symlinks=False)
            ]
    except FileNotFoundError:
        return removed
    for path in found:
        with suppress(FileNotFoundError):
            os.unlink(path)
            removed.append(Path(path))
    return removed

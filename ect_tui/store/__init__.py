"""Persistence for meetings: atomic files, a small TinyDB index, one writer at a time.

Plain Python (never imports textual). The app uses ``Store`` and ``BackgroundSaver``;
the CLI's ``check-db`` uses ``check_database``.
"""

from typing import TYPE_CHECKING

# Loaded on first use (PEP 562): the app imports the saver and the errors before its first
# frame, and the rest (json, hashing, the index) in the thread that opens the store after it.
_HOMES = {
    "check_database": "check",
    "Store": "database",
    "BackgroundSaver": "saver",
    "CorruptDatabaseError": "errors",
    "DatabaseLockedError": "errors",
    "MeetingNotFoundError": "errors",
    "NewerSchemaError": "errors",
    "ReadOnlyError": "errors",
    "SaveFailedError": "errors",
    "StoreError": "errors",
}

if TYPE_CHECKING:
    from .check import check_database
    from .database import Store
    from .errors import (
        CorruptDatabaseError,
        DatabaseLockedError,
        MeetingNotFoundError,
        NewerSchemaError,
        ReadOnlyError,
        SaveFailedError,
        StoreError,
    )
    from .saver import BackgroundSaver


def __getattr__(name: str) -> object:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    from importlib import import_module

    value = getattr(import_module(f".{home}", __name__), name)
    globals()[name] = value
    return value


__all__ = [
    "BackgroundSaver",
    "CorruptDatabaseError",
    "DatabaseLockedError",
    "MeetingNotFoundError",
    "NewerSchemaError",
    "ReadOnlyError",
    "SaveFailedError",
    "Store",
    "StoreError",
    "check_database",
]

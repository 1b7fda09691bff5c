"""Persistence for meetings: atomic files, a small TinyDB index, one writer at a time.

Plain Python (never imports textual). The app uses ``Store`` and ``BackgroundSaver``;
the CLI's ``check-db`` uses ``check_database``.
"""

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

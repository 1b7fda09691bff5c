"""Schema upgrades for the database file, one step per version.

``STEPS[n]`` turns the raw TinyDB data of schema ``n`` into schema ``n + 1``
(a pure function of the dict, so a failing step writes nothing). The Store runs
them on open, keeps a backup of the old file, and then writes the result once.

Schema 2 moved the meetings index out of the file into one file per month beside it
(segment_files.py); the Store writes those before it runs the step that drops the table.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from .errors import StoreError

CURRENT = 2

Data = dict[str, dict[str, Any]]


def _index_out_of_the_file(data: Data) -> Data:
    """1 -> 2: the meetings index now lives in ``DB.index/`` (written first by Store.open)."""
    data.pop("meetings", None)
    return data


STEPS: dict[int, Callable[[Data], Data]] = {1: _index_out_of_the_file}


def migrate(
    data: Data,
    from_version: int,
    *,
    current: int | None = None,
    steps: dict[int, Callable[[Data], Data]] | None = None,
) -> Data:
    """Apply every step from ``from_version`` up to ``current``; the caller sets the new version."""
    current = CURRENT if current is None else current
    steps = STEPS if steps is None else steps
    for version in range(from_version, current):
        step = steps.get(version)
        if step is None:
            raise StoreError(
                f"This ect-tui cannot upgrade a schema {version} database (no migration step). "
                "Install the ect-tui version that wrote it, or report this as a bug."
            )
        data = step(data)
    return data

"""Which document id holds a row: the Store's tables keyed by a field, found without a scan.

The Store changes its own tables (the meetings index, the settings) a whole row at a
time, by a field of the row ("id" of a meeting, "key" of a setting). Scanning 50,000
index rows for that field on every status change cost more than the change itself
(bench/README.md, the hub), so each table's field -> document id map is built once
per version of the tables in memory and kept up to date by the Store's own changes.
"""

from __future__ import annotations

from typing import Any

from .journal import Entry


class RowKeys:
    """``row[field]`` -> document id for one shared table, and the next free document id."""

    def __init__(self, table_name: str, field: str) -> None:
        self.table_name = table_name
        self.field = field
        self._table: dict[str, Any] | None = None
        self._generation = -1
        self._keys: dict[Any, str] = {}
        self._next = 1

    def prime(self, table: dict[str, Any], generation: int) -> None:
        """Build the map now (opening does, off the event loop), not at the first change."""
        if table is self._table and generation == self._generation:
            return
        field = self.field
        keys: dict[Any, str] = {}
        top = 0
        # A Python loop, not one C call such as max(map(int, table)): the saver thread may run
        # this, and a loop lets the event loop's thread in every few milliseconds.
        for doc_id, row in list(table.items()):
            keys.setdefault(row.get(field), doc_id)  # the first, as a scan would find it
            number = int(doc_id)
            if number > top:
                top = number
        self._keys = keys
        self._next = top + 1
        self._table, self._generation = table, generation

    def forget(self) -> None:
        """Look everything up again next time (after a change that may not have happened)."""
        self._table = None

    def put(self, table: dict[str, Any], generation: int, row: dict[str, Any]) -> Entry | None:
        """The journal entry that stores ``row`` (None if the stored row is already equal)."""
        self.prime(table, generation)
        value = row[self.field]
        key = self._keys.get(value)
        if key is not None and table.get(key) == row:
            return None
        if key is None:
            key = str(self._next)
            self._next += 1
            self._keys[value] = key
        return (self.table_name, key, row)

    def remove(self, table: dict[str, Any], generation: int, value: Any) -> Entry | None:
        """The journal entry that removes the row whose field is ``value`` (None if there is none)."""
        self.prime(table, generation)
        key = self._keys.pop(value, None)
        if key is None or key not in table:
            return None
        return (self.table_name, key, None)

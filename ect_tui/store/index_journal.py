"""The index's journals: changes to index rows, one fsynced line each (journal.py), kept in
``ect-tui.json.index/journal.<16 hex>`` until they are folded into the month files.

Every journal gets a fresh random name (the first change after a fold starts a new one). That is
how a reader in another process tells the writer's new journal from the one it was reading:
an inode number alone is reused at once by some filesystems, and the reader would carry on
from its old offset in somebody else's file. A journal a reader had read that is gone has been
folded into the months, so the reader drops what it applied and reads whatever journals are left.
"""

from __future__ import annotations

from pathlib import Path

from .journal import JournalState, append_journal, read_with, remove_journal
from .segment_files import FileKey, Row, encode_index_entries, index_entry, new_journal_name

Change = tuple[str, Row | None, str | None]  # (meeting id, row or None, month it left)


class IndexJournals:
    """What has been read of each journal in the index folder, and the one the writer appends to."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.states: dict[str, JournalState] = {}
        self.current: str | None = None  # the writer appends here; None: a new name at the next change

    @property
    def damaged(self) -> bool:
        """A line that is not a change stops every reader: the writer must fold before appending."""
        return any(state.damaged for state in self.states.values())

    def catch_up(self, on_disk: dict[str, FileKey]) -> tuple[bool, list[Change]]:
        """(start again, changes): the changes appended since the last look, in every journal on
        disk, oldest journal first. ``start again``: a journal read before is gone (folded) or was
        cut short, so the caller drops every change it applied and applies these, which are then
        read from the start of each journal."""
        again = any(name not in on_disk for name in self.states)
        for _ in range(2):
            if again:
                self.states = {}
            changes: list[Change] = []
            for name in sorted(on_disk, key=lambda n: (on_disk[n][2], n)):
                state = self.states.get(name, JournalState())
                try:
                    caught = read_with(self.folder / name, state, index_entry)
                except OSError:
                    continue  # unreadable now (permissions): read next time, from where we were
                if caught is None:  # cut short or replaced under the same name
                    again = True
                    break
                entries, self.states[name] = caught
                changes.extend(entries)
            else:
                break
        if self.current not in self.states:
            self.current = None
        return again, changes

    def append(self, changes: list[Change]) -> tuple[str, JournalState]:
        """Append ``changes`` to the writer's journal and fsync: (its name, its state after), for
        ``adopt`` (OSError if the disk refuses). Changes nothing in memory, so the caller can append
        without holding the lock readers take."""
        name = self.current or new_journal_name()
        state = self.states.get(name, JournalState())
        return name, append_journal(self.folder / name, encode_index_entries(changes), state)

    def adopt(self, name: str, state: JournalState) -> None:
        self.states[name] = state
        self.current = name

    def size(self) -> int:
        return sum(state.offset for state in self.states.values())

    def remove_files(self, names: list[str]) -> None:
        """Remove journals whose changes the month files now hold (fsyncing the folder)."""
        for name in names:
            remove_journal(self.folder / name)

    def forget(self, names: list[str]) -> None:
        for name in names:
            self.states.pop(name, None)
        if self.current not in self.states:
            self.current = None

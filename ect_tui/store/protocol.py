"""What the rest of the app may ask of a store: the public face of ``Store`` as a Protocol.

Core functions take ``store: MeetingStore`` rather than ``Store``, so a stand-in type-checks
too (the store still opening at start-up, see tui/launch.py; a test's fake) and so callers
need the store module only for type checking, never at run time (ARCHITECTURE.md).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol, TypeVar

if TYPE_CHECKING:
    import msgspec
    from tinydb.table import Table

RowT = TypeVar("RowT", bound="msgspec.Struct")


class MeetingStore(Protocol):
    """Meetings (one document each, listed through a small index), settings, and small tables."""

    path: Path
    meetings_dir: Path
    read_only: bool

    def meeting_path(self, meeting_id: str) -> Path: ...

    def save_meeting(self, doc: dict[str, Any]) -> None: ...

    def index_meeting(self, doc: dict[str, Any]) -> None: ...

    def put_meeting(self, doc: dict[str, Any]) -> None: ...

    def put_meetings(self, docs: list[dict[str, Any]]) -> None: ...

    def discard_meeting(self, meeting_id: str) -> Path: ...

    def keep_previous(self, meeting_id: str) -> Path | None: ...

    def load_meeting(self, meeting_id: str) -> dict[str, Any]: ...

    def list_meetings(
        self,
        *,
        ect: str | None = None,
        script_id: str | None = None,
        status: str | None = None,
        kind: str | None = None,
    ) -> list[dict[str, Any]]: ...

    def meeting_rows(
        self, *, ect: str | None = None, at_least: int | None = None
    ) -> Sequence[Mapping[str, Any]]: ...

    def meeting_rows_as(self, row_type: type[RowT]) -> list[RowT]: ...

    def iter_rows(self, **filters: str | None) -> Iterator[Mapping[str, Any]]: ...

    def unfinished(self) -> list[dict[str, Any]]: ...

    def ects(self) -> list[str]: ...

    def iter_meetings(self, *, strict: bool = False, **filters: str | None) -> Iterator[dict[str, Any]]: ...

    def meeting_stamps(self) -> dict[str, str]: ...

    def meetings_folder_stamp(self) -> str | None: ...

    def tables_stamp(self) -> str | None: ...

    def meeting_count(self) -> int: ...

    def get_setting(self, key: str, default: Any = None) -> Any: ...

    def set_setting(self, key: str, value: Any) -> None: ...

    def table(self, name: str) -> Table: ...

    def table_rows(self, name: str) -> list[Mapping[str, Any]]: ...

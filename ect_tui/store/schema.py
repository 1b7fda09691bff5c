"""The one declared schema of what ect-tui stores and imports (msgspec Structs).

Checked wherever data enters (a meeting file, the index, settings, an import) and
before every write; see validate.py for how. The documents themselves stay plain
dicts: a document is *checked* against these shapes, never rebuilt from them, so a
field a newer ect-tui added is never dropped.

Each field names the type and range the app relies on; defaults mark the fields
older versions did not always write. Any other key is allowed and kept.
"""

from __future__ import annotations

from typing import Annotated, Any

from msgspec import Meta, Struct, field

from .limits import (
    KNOWN_SETTINGS,
    MAX_ADJUST_SECONDS,
    MAX_ID,
    MAX_NAME,
    MAX_SECONDS,
    MAX_STAMP,
    MAX_TEXT,
    MAX_TITLE,
    NAME_SETTINGS,
)

# Accepted by datetime.fromisoformat and sortable as text: what the app writes.
STAMP_PATTERN = (
    r"^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?)?(Z|[+-]\d{2}:?\d{2}(:\d{2}(\.\d{1,6})?)?)?$"
)
MEETING_ID_PATTERN = r"^[0-9A-Za-z][0-9A-Za-z_-]{0,127}$"  # as store/index.py: ids become file names

Id = Annotated[str, Meta(min_length=1, max_length=MAX_ID)]
MeetingId = Annotated[str, Meta(pattern=MEETING_ID_PATTERN)]
Name = Annotated[str, Meta(min_length=1, max_length=MAX_NAME)]
Title = Annotated[str, Meta(max_length=MAX_TITLE)]
Text = Annotated[str, Meta(max_length=MAX_TEXT)]
Stamp = Annotated[str, Meta(max_length=MAX_STAMP, pattern=STAMP_PATTERN)]
Seconds = Annotated[float, Meta(ge=0, le=MAX_SECONDS)]
Adjust = Annotated[float, Meta(ge=-MAX_ADJUST_SECONDS, le=MAX_ADJUST_SECONDS)]
Small = Annotated[int, Meta(ge=0, le=1_000_000)]
SchemaVersion = Annotated[int, Meta(ge=1, le=1_000_000)]


class Rating(Struct):
    """One statement's ratings in an audit section."""

    level: Title | None = None
    reason: Text = ""
    mentor_view: Title | None = None
    prior: Title | None = None
    prior_evidence: Text = ""
    agreed: Title | None = None
    agreed_reason: Text = ""


class Section(Struct):
    """One section of a meeting as stored (``data`` is the section kind's own record)."""

    id: Id
    kind: Title = "discussion"
    title: Title = ""
    planned_seconds: Seconds = 0
    adjust_seconds: Adjust = 0
    elapsed_seconds: Seconds = 0.0
    running: bool = False
    visited: bool = False
    pinned: bool = False
    notes: dict[Title, Text] = {}
    ratings: dict[Title, Rating] = {}
    focus: list[Title] = []
    fields: dict[Title, Text] = {}
    dates: dict[Title, Title | None] = {}
    private: Text = ""
    data: dict[Title, Any] = {}


class UndoChange(Struct):
    """One change a key made, kept so ctrl+z still takes it back after a resume (meeting/undo.py)."""

    kind: Annotated[str, Meta(pattern=r"^(rating|focus|status)$")]
    description: Title
    section_id: Title | None = None
    code: Title | None = None
    before: Any = None
    after: Any = None


class UndoLog(Struct):
    """The changes made with keys (``done``, newest last) and those undone, for redo."""

    done: Annotated[list[UndoChange], Meta(max_length=1_000)] = []
    undone: Annotated[list[UndoChange], Meta(max_length=1_000)] = []


class ScriptRef(Struct):
    """Which session script the meeting followed."""

    id: Id
    version: Small = 1
    title: Title = ""
    label: Title = ""
    module: Small | None = None
    week: Small | None = None


class MeetingDoc(Struct):
    """A meeting document: one file ``<db>.meetings/<id>.json``, or one entry of a bundle."""

    schema: SchemaVersion
    id: MeetingId
    script: ScriptRef
    ect: Name
    mentor: Name
    started: Stamp
    kind: Title = "meeting"
    status: Title = "in-progress"
    ended: Stamp | None = None
    updated: Stamp | None = None
    position: Title = "briefing"
    rebalance: bool = True
    reveal: Title = "each"
    untimed_seconds: Seconds = 0.0
    brought: list[Title] = []
    sent: Title | None = None
    private: Text = ""
    sections: list[Section] = []
    undo: UndoLog | None = None


class NewerMeetingDoc(Struct):
    """The least a meeting from a newer ect-tui must have to be listed (read-only)."""

    schema: SchemaVersion
    id: MeetingId
    ect: Name
    started: Stamp
    mentor: Title | None = None
    status: Title | None = None


class IndexRow(Struct):
    """One row of the ``meetings`` index (store/index.py derives it from a MeetingDoc)."""

    id: MeetingId
    kind: Title | None = "meeting"
    ect: Title | None = None
    mentor: Title | None = None
    script_id: Title | None = None
    script_title: Title | None = None
    status: Title | None = None
    started: Stamp | None = None
    ended: Stamp | None = None
    updated: Stamp | None = None
    duration_seconds: Annotated[int, Meta(ge=0, le=int(MAX_SECONDS) * 1000)] = 0


class MetaOnly(Struct):
    """A database file read for its ``_meta`` table alone (layout.peek_meta): every other table
    is passed over unparsed. What the table holds is checked by layout.schema_version."""

    meta: dict[str, dict[str, Any]] = field(name="_meta", default_factory=dict)


class TermRow(Struct):
    """One school term in the ``coaching_terms`` setting (coaching/terms.py)."""

    start: Stamp
    end: Stamp
    name: Title = ""


class SettingRow(Struct):
    """A row of the ``settings`` table; ``value`` is checked by its key in SETTING_VALUES."""

    key: Annotated[str, Meta(min_length=1, max_length=MAX_TITLE)]
    value: Any = None


# The type each known setting must hold; other keys may hold any JSON value (a newer
# version's settings are kept, never dropped).
SETTING_VALUES: dict[str, Any] = {
    **{key: Annotated[str, Meta(max_length=MAX_NAME)] for key in NAME_SETTINGS},
    "coaching_terms": list[TermRow] | None,
}
assert tuple(SETTING_VALUES) == KNOWN_SETTINGS  # limits.py lists them for checks without msgspec

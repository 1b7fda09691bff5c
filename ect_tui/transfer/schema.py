"""The declared shape of a bundle file (msgspec), checked before anything is imported.

The bundle's own fields are declared here; each meeting it carries is checked one by
one against the stored meeting schema (ect_tui/store/schema.py), and each setting
against the settings it may hold, so an import can never write what the store would
refuse to read.
"""

from __future__ import annotations

from typing import Annotated, Any

from msgspec import Meta, Struct

from ect_tui.store.limits import MAX_TITLE
from ect_tui.store.schema import SchemaVersion, Title
from ect_tui.store.validate import Problem, convert_problem, shape_problem

MAX_BUNDLE_BYTES = 1024 * 1024 * 1024  # a backup of 5,000 meetings is about 60 MB

TableName = Annotated[str, Meta(min_length=1, max_length=MAX_TITLE)]


class Bundle(Struct):
    """A bundle file (export/bundle.py writes them)."""

    format: str
    schema: SchemaVersion
    private_included: bool
    meetings: list[Any]  # each checked as a meeting document, one by one
    exported: Title | None = None
    tables: dict[TableName, list[dict[Title, Any]]] = {}


def bundle_problem(data: Any) -> Problem | None:
    """Why a decoded bundle is not one this version can import (meetings aside), or None."""
    if not isinstance(data, dict):
        return Problem("", "it is not a JSON object")
    # Meetings are walked one by one by meeting_problem (a backup holds millions of values).
    problem = shape_problem({key: value for key, value in data.items() if key != "meetings"})
    return problem or convert_problem(data, Bundle)

"""Check a value against the declared schema (schema.py): one sentence naming the field.

Two passes. ``shape_problem`` walks any JSON value without recursion and bounds what
no type can: nesting depth, the number of values, string lengths, numbers that are
not finite or absurdly large. Only then does msgspec check the declared types and
ranges (it cannot be driven into a RecursionError by a value that passed the walk).
msgspec is imported here, on first use: reading the index at start-up never needs it.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from datetime import datetime
from functools import cache
from typing import Any

from .limits import KNOWN_SETTINGS, MAX_DEPTH, MAX_NAME, MAX_NODES, MAX_NUMBER, MAX_TEXT, NAME_SETTINGS

# The meeting schema this version writes (ect_tui/meeting/transcript.py SCHEMA_VERSION;
# tests/boundary checks they agree).
MEETING_SCHEMA = 1


@dataclass(frozen=True)
class Problem:
    """What is wrong and where: ``field`` is a path such as ``sections[1].elapsed_seconds``."""

    field: str
    detail: str

    def __str__(self) -> str:
        return f"{self.field}: {self.detail}" if self.field else self.detail


def _path(parts: list[str | int]) -> str:
    text = ""
    for part in parts:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else part)
    return text


def shape_problem(
    value: Any, *, max_depth: int = MAX_DEPTH, max_nodes: int = MAX_NODES, max_text: int = MAX_TEXT
) -> Problem | None:
    """The first value breaking the limits every document shares, or None."""
    if _shape_ok(value, max_depth, max_nodes, max_text):
        return None
    return _shape_problem_at(value, max_depth, max_nodes, max_text)


def _scalar_ok(item: Any, kind: type, max_text: int) -> bool:
    """The one rule for a value that holds no others (both walks below ask it)."""
    if kind is str:
        return len(item) <= max_text
    if kind is int:
        return bool(abs(item) <= MAX_NUMBER)
    if kind is float:
        return math.isfinite(item) and bool(abs(item) <= MAX_NUMBER)
    return item is None or kind is bool


def _shape_ok(value: Any, max_depth: int, max_nodes: int, max_text: int) -> bool:
    """The same limits as ``_shape_problem_at``, checked without keeping a path to every value:
    the usual answer (all is well) in a third of the time (an import checks thousands of meetings).
    """
    kind = type(value)
    if kind is not dict and kind is not list:
        return _scalar_ok(value, kind, max_text)
    stack: list[tuple[Any, int]] = [(value, 0)]
    nodes = 0
    while stack:
        item, depth = stack.pop()
        nodes += 1
        if depth >= max_depth:
            return False
        children = item.values() if type(item) is dict else item
        if type(item) is dict:
            for key in item:
                if type(key) is not str or len(key) > max_text:
                    return False
        for child in children:
            kind = type(child)
            if kind is dict or kind is list:
                stack.append((child, depth + 1))
            else:
                nodes += 1
                if not _scalar_ok(child, kind, max_text):
                    return False
        if nodes > max_nodes:
            return False
    return nodes <= max_nodes


def _shape_problem_at(value: Any, max_depth: int, max_nodes: int, max_text: int) -> Problem | None:
    """The first value breaking the limits, named by its path (only walked when there is one)."""
    stack: list[tuple[Any, int, list[str | int]]] = [(value, 0, [])]
    nodes = 0
    while stack:
        item, depth, parts = stack.pop()
        nodes += 1
        if nodes > max_nodes:
            return Problem("", f"it holds more than {max_nodes:,} values")
        kind = type(item)
        if kind is dict or kind is list:
            if depth >= max_depth:
                return Problem(_path(parts), f"nested more than {max_depth} levels deep")
            if kind is dict:
                for key, child in item.items():
                    if type(key) is not str:
                        return Problem(_path(parts), "has a key that is not text")
                    if len(key) > max_text:
                        return Problem(_path(parts), "has a key that is too long")
                    stack.append((child, depth + 1, [*parts, key]))
            else:
                for index, child in enumerate(item):
                    stack.append((child, depth + 1, [*parts, index]))
        elif not _scalar_ok(item, kind, max_text):
            return Problem(_path(parts), _scalar_detail(item, kind, max_text))
    return None


def _scalar_detail(item: Any, kind: type, max_text: int) -> str:
    """Why ``_scalar_ok`` refused ``item``, in words."""
    if kind is str:
        return f"text longer than {max_text:,} characters"
    if kind is float:
        return f"the number {item!r} is out of range"
    if kind is int:
        return "a number is out of range"
    return f"a {kind.__name__} is not a JSON value"


def _problem_from(error: Exception) -> Problem:
    """msgspec's "Expected `str`, got `int` - at `$.ect`" as Problem("ect", "expected text, got a number")."""
    message = str(error)
    detail, _, where = message.partition(" - at `$")
    field = where.rstrip("`").lstrip(".")
    if "matching regex" in detail:
        if field == "id" or field.endswith(".id"):
            detail = "expected an id of letters, digits, '-' and '_'"
        else:
            detail = "expected a date and time such as 2026-11-17T15:30:00+00:00"
    detail = (
        detail.replace("`str`", "text")
        .replace("`int`", "a whole number")
        .replace("`float`", "a number")
        .replace("`bool`", "true or false")
        .replace("`null`", "null")
        .replace("`array`", "a list")
        .replace("`object`", "an object")
    )
    return Problem(field, detail[:1].lower() + detail[1:])


@cache
def _types() -> Any:
    import msgspec

    from . import schema

    return msgspec, schema


def convert_problem(value: Any, kind: Any) -> Problem | None:
    """The first field of ``value`` that does not fit the declared type ``kind`` (a Struct or
    an annotated type from schema.py), or None."""
    msgspec, _schema = _types()
    try:
        msgspec.convert(value, kind, strict=True)
    except msgspec.ValidationError as error:
        return _problem_from(error)
    except UnicodeEncodeError:
        # A lone surrogate (a broken paste) is kept exactly by the store (store/atomic.py);
        # msgspec cannot check text holding one, so check a copy with it replaced.
        return convert_problem(_without_surrogates(value), kind)
    return None


def _without_surrogates(value: Any) -> Any:
    text = json.dumps(value, ensure_ascii=False).encode("utf-8", "surrogatepass").decode("utf-8", "replace")
    return json.loads(text)


def _stamp_problem(doc: dict[str, Any], keys: tuple[str, ...]) -> Problem | None:
    for key in keys:
        value = doc.get(key)
        if value is None:
            continue
        try:
            datetime.fromisoformat(value)
        except ValueError:
            return Problem(key, f"{value!r} is not a date and time")
    return None


def is_newer_meeting(doc: Any) -> bool:
    """A meeting document written by a newer ect-tui (it opens read-only)."""
    schema = doc.get("schema") if isinstance(doc, dict) else None
    return type(schema) is int and schema > MEETING_SCHEMA


def meeting_problem(doc: Any) -> Problem | None:
    """Why ``doc`` is not a meeting document this version can store and read, or None.

    A document from a newer ect-tui is checked only for what listing it needs.
    """
    problem = shape_problem(doc)
    if problem:
        return problem
    if not isinstance(doc, dict):
        return Problem("", "it is not a JSON object")
    _msgspec, schema = _types()
    kind = schema.NewerMeetingDoc if is_newer_meeting(doc) else schema.MeetingDoc
    problem = convert_problem(doc, kind) or _stamp_problem(doc, ("started", "ended", "updated"))
    if problem:
        return problem
    ids = [s["id"] for s in doc.get("sections", []) if isinstance(s, dict) and "id" in s]
    if len(ids) != len(set(ids)):
        return Problem("sections", "two sections have the same id")
    return None


def index_row_problem(row: Any) -> Problem | None:
    """Why an index row cannot be trusted (it is then rebuilt from its meeting file)."""
    if not isinstance(row, dict):
        return Problem("", "it is not a JSON object")
    _msgspec, schema = _types()
    return shape_problem(row, max_depth=2) or convert_problem(row, schema.IndexRow)


def setting_problem(key: Any, value: Any) -> Problem | None:
    """Why a setting cannot be used (it is then treated as unset, and left on disk)."""
    if not isinstance(key, str) or not key:
        return Problem("key", "a setting has no name")
    problem = shape_problem(value)
    if problem:
        return Problem(_join(key, problem.field), problem.detail)
    if key not in KNOWN_SETTINGS:
        return None  # a newer version's setting: kept as it is
    if key in NAME_SETTINGS and type(value) is str and len(value) <= MAX_NAME:
        return None  # exactly what the schema's type for a name accepts, known without msgspec
    _msgspec, schema = _types()
    kind = schema.SETTING_VALUES[key]
    problem = convert_problem(value, kind)
    return Problem(_join(key, problem.field), problem.detail) if problem else None


def _join(key: str, field: str) -> str:
    return key + ("." + field if field and not field.startswith("[") else field)

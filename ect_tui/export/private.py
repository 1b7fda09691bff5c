"""What counts as mentor-only text, in one place, so no export can forget it.

Rule (issue 10): any key named ``private``, at any depth of a meeting document
or a table row, holds text only the mentor may see. It goes into the mentor's
own full backup and nowhere else: not email, clipboard, Markdown, the Learning
Log or a bundle for the induction coordinator.
"""

from __future__ import annotations

from typing import Any

PRIVATE_KEY = "private"

# A path to one private value: dict keys, and for list items either the item's
# "id" (so sections match between two copies of a meeting) or its position.
Path = tuple[Any, ...]


def strip_private(value: Any) -> Any:
    """A copy of ``value`` with every ``private`` key removed, at any depth."""
    if isinstance(value, dict):
        return {key: strip_private(item) for key, item in value.items() if key != PRIVATE_KEY}
    if isinstance(value, list):
        return [strip_private(item) for item in value]
    return value


def private_values(value: Any, path: Path = ()) -> dict[Path, Any]:
    """Every private value in ``value`` by its path (see ``Path``)."""
    found: dict[Path, Any] = {}
    if isinstance(value, dict):
        for key, item in value.items():
            if key == PRIVATE_KEY:
                found[(*path, key)] = item
            else:
                found.update(private_values(item, (*path, key)))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            found.update(private_values(item, (*path, _step(item, index))))
    return found


def has_path(value: Any, path: Path) -> bool:
    """True if ``path`` leads to a place in ``value`` (its last key may be missing)."""
    container = _parent(value, path)
    return isinstance(container, dict)


def set_value(value: Any, path: Path, new: Any) -> None:
    """Set the value at ``path`` (which must satisfy ``has_path``)."""
    container = _parent(value, path)
    assert isinstance(container, dict)
    container[path[-1]] = new


def _step(item: Any, index: int) -> Any:
    if isinstance(item, dict) and isinstance(item.get("id"), str):
        return ("id", item["id"])
    return index


def _parent(value: Any, path: Path) -> Any:
    current = value
    for step in path[:-1]:
        if isinstance(current, dict):
            if step not in current:
                return None
            current = current[step]
        elif isinstance(current, list):
            current = _find(current, step)
        else:
            return None
    return current


def _find(items: list[Any], step: Any) -> Any:
    if isinstance(step, tuple):
        return next((i for i in items if isinstance(i, dict) and i.get("id") == step[1]), None)
    if isinstance(step, int) and 0 <= step < len(items):
        return items[step]
    return None

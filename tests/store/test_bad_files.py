"""Every damaged or foreign database file gives a clear error and is never written to."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from ect_tui.store import (
    CorruptDatabaseError,
    NewerSchemaError,
    Store,
    StoreError,
    check_database,
)

from .helpers import snapshot, temp_files

GOOD = {"_meta": {"1": {"schema": 1, "app": "ect-tui"}}, "meetings": {}, "settings": {}}
GOOD_TEXT = json.dumps(GOOD)

BAD_FILES = {
    "empty": (b"", CorruptDatabaseError, "empty"),
    "whitespace": (b"  \n", CorruptDatabaseError, "empty"),
    "truncated": (GOOD_TEXT[: len(GOOD_TEXT) // 2].encode(), CorruptDatabaseError, "not valid JSON"),
    "not json": (b"Meeting notes\nAlex: ...", CorruptDatabaseError, "not valid JSON"),
    "not utf-8": (b"\xff\xfe\x00garbage", CorruptDatabaseError, "UTF-8"),
    "json list": (b"[1, 2, 3]", CorruptDatabaseError, "array"),
    "json string": (b'"hello"', CorruptDatabaseError, "string"),
    "table not a dict": (
        b'{"_meta": {"1": {"schema": 1, "app": "ect-tui"}}, "meetings": [1]}',
        CorruptDatabaseError,
        "'meetings'",
    ),
    "doc not a dict": (
        b'{"_meta": {"1": {"schema": 1, "app": "ect-tui"}}, "meetings": {"1": 7}}',
        CorruptDatabaseError,
        "not an object",
    ),
    "non-numeric doc id": (b'{"_meta": {"x": {"schema": 1, "app": "ect-tui"}}}', CorruptDatabaseError, "'x'"),
    "missing _meta": (b'{"meetings": {"1": {"id": "abc"}}}', CorruptDatabaseError, "_meta"),
    "empty object": (b"{}", CorruptDatabaseError, "_meta"),
    "another app": (b'{"_meta": {"1": {"schema": 1, "app": "notes"}}}', CorruptDatabaseError, "'notes'"),
    "schema not a number": (
        b'{"_meta": {"1": {"schema": "1", "app": "ect-tui"}}}',
        CorruptDatabaseError,
        "schema",
    ),
    "plain tinydb file": (b'{"_default": {"1": {"a": 1}}}', CorruptDatabaseError, "_meta"),
    "newer schema": (
        b'{"_meta": {"1": {"schema": 99, "app": "ect-tui"}}, "meetings": {}}',
        NewerSchemaError,
        "newer version",
    ),
}


@pytest.fixture(params=sorted(BAD_FILES), ids=sorted(BAD_FILES))
def bad_db(request, tmp_path: Path):
    content, error, fragment = BAD_FILES[request.param]
    path = tmp_path / "ect-tui.json"
    path.write_bytes(content)
    os.utime(path, ns=(1_600_000_000_123_456_789, 1_600_000_000_123_456_789))
    return path, error, fragment


@pytest.mark.parametrize("read_only", [False, True], ids=["read-write", "read-only"])
def test_bad_file_raises_named_error_and_is_untouched(bad_db, read_only: bool) -> None:
    path, error, fragment = bad_db
    before = snapshot(path)
    with pytest.raises(error) as caught:
        Store.open(path, read_only=read_only)
    message = str(caught.value)
    assert str(path) in message
    assert fragment in message
    assert caught.value.path == path
    assert snapshot(path) == before
    assert temp_files(path.parent) == []
    assert not (path.parent / "ect-tui.json.meetings").exists()


def test_bad_file_does_not_keep_the_lock(bad_db) -> None:
    path, error, _ = bad_db
    for _ in range(2):  # a second attempt would raise DatabaseLockedError if the lock leaked
        with pytest.raises(error):
            Store.open(path)


def test_check_database_reports_bad_file(bad_db) -> None:
    path, _, fragment = bad_db
    before = snapshot(path)
    ok, message = check_database(path)
    assert not ok
    assert str(path) in message and fragment in message
    assert snapshot(path) == before


def test_messages_say_what_to_do(bad_db) -> None:
    path, error, _ = bad_db
    with pytest.raises(error) as caught:
        Store.open(path)
    message = str(caught.value)
    assert "has not changed it" in message or "has not been changed" in message
    assert message.endswith(".")


def test_folder_instead_of_file(tmp_path: Path) -> None:
    path = tmp_path / "ect-tui.json"
    path.mkdir()
    with pytest.raises(StoreError, match="is a folder"):
        Store.open(path)
    with pytest.raises(StoreError, match="is a folder"):
        Store.open(path, read_only=True)


def test_a_damaged_index_says_the_meetings_are_safe_and_how_to_get_them_back(tmp_path: Path) -> None:
    path = tmp_path / "ect-tui.json"
    Store.open(path).close()
    path.write_text('{"_meta": {"1": {"sche')  # cut off mid-write by something other than ect-tui
    with pytest.raises(CorruptDatabaseError) as caught:
        Store.open(path)
    message = str(caught.value)
    assert "at line 1, column" in message and "at at" not in message
    assert "ect-tui.json.meetings/" in message and "moved aside" in message

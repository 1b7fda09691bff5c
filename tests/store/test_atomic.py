"""atomic_write_*: the old file survives any failing write, and no temp file is left."""

from __future__ import annotations

import errno
import json
import os
import stat
from pathlib import Path

import pytest

from ect_tui.store import atomic
from ect_tui.store.atomic import atomic_write_bytes, atomic_write_json, clean_temp_files, is_temp_file

from .helpers import temp_files


def mode_of(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_write_creates_file_with_mode_0600(tmp_path: Path) -> None:
    target = tmp_path / "a.json"
    atomic_write_json(target, {"a": 1})
    assert json.loads(target.read_text()) == {"a": 1}
    assert mode_of(target) == 0o600
    assert temp_files(tmp_path) == []


def test_replace_keeps_0600_even_if_old_file_was_wider(tmp_path: Path) -> None:
    target = tmp_path / "a.json"
    target.write_text("old")
    os.chmod(target, 0o644)
    atomic_write_bytes(target, b"new")
    assert target.read_bytes() == b"new"
    assert mode_of(target) == 0o600


@pytest.mark.parametrize("failing", ["replace", "fsync", "write"])
def test_failed_write_keeps_old_file_and_leaves_no_temp(tmp_path: Path, monkeypatch, failing: str) -> None:
    target = tmp_path / "a.json"
    atomic_write_bytes(target, b"old contents")

    def boom(*args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, failing, boom)
    with pytest.raises(OSError) as caught:
        atomic_write_bytes(target, b"new contents that never land")
    monkeypatch.undo()
    assert caught.value.errno == errno.ENOSPC
    assert target.read_bytes() == b"old contents"
    assert temp_files(tmp_path) == []


def test_keyboard_interrupt_mid_write_also_cleans_up(tmp_path: Path, monkeypatch) -> None:
    target = tmp_path / "a.json"
    atomic_write_bytes(target, b"old")

    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "fsync", interrupted)
    with pytest.raises(KeyboardInterrupt):
        atomic_write_bytes(target, b"new")
    monkeypatch.undo()
    assert target.read_bytes() == b"old"
    assert temp_files(tmp_path) == []


def test_unserialisable_json_writes_nothing(tmp_path: Path) -> None:
    target = tmp_path / "a.json"
    atomic_write_json(target, {"ok": True})
    with pytest.raises(TypeError):
        atomic_write_json(target, {"when": object()})
    assert json.loads(target.read_text()) == {"ok": True}
    assert temp_files(tmp_path) == []


def test_json_is_utf8_and_round_trips_every_str(tmp_path: Path) -> None:
    target = tmp_path / "a.json"
    plain = {"note": "emoji 😀, RTL שלום, NUL \x00, ANSI \x1b[31m, astral \U000103ff"}
    atomic_write_json(target, plain)
    assert json.loads(target.read_bytes().decode("utf-8")) == plain  # any JSON tool can read it
    odd = {"note": "lone \ud800, pair of lone ones \ud800\udfff, low \udc80"}
    atomic_write_json(target, odd)
    assert atomic.loads(target.read_bytes()) == odd
    assert (
        atomic.loads(target.read_bytes())["note"] != "lone \ud800, pair of lone ones \U000103ff, low \udc80"
    )


def test_write_through_symlink_keeps_the_link(tmp_path: Path) -> None:
    real = tmp_path / "real.json"
    real.write_text("old")
    link = tmp_path / "link.json"
    link.symlink_to(real)
    atomic_write_bytes(link, b"new")
    assert link.is_symlink()
    assert real.read_bytes() == b"new"


def test_clean_temp_files_removes_only_our_leftovers(tmp_path: Path) -> None:
    ours = tmp_path / ".ect-tui.json.0123456789abcdef.tmp"
    other_target = tmp_path / ".notes.txt.0123456789abcdef.tmp"
    not_ours = [tmp_path / ".something.tmp", tmp_path / "notes.tmp", tmp_path / "ect-tui.json"]
    for path in [ours, other_target, *not_ours]:
        path.write_text("x")
    removed = clean_temp_files(tmp_path, "ect-tui.json")
    assert removed == [ours]
    assert other_target.exists() and all(p.exists() for p in not_ours)
    # Without a target name (our own meetings folder) every temp of ours goes.
    assert clean_temp_files(tmp_path) == [other_target]


def test_temp_names_are_recognised(tmp_path: Path) -> None:
    name = atomic.temp_name_for(tmp_path / "x.json").name
    assert name.startswith(".x.json.") and name.endswith(".tmp")
    assert is_temp_file(name, "x.json") and not is_temp_file(name, "y.json")


def test_the_fast_parser_reads_what_json_reads_and_leaves_the_rest_to_json() -> None:
    from ect_tui.store.atomic import _NOT_PARSED, dumps, fast_loads, loads

    raw = dumps({"rows": ["x", 1, None, 2.5, "é", {"deep": [True, False]}]})
    assert fast_loads(raw, from_bytes=0) == json.loads(raw)
    assert fast_loads(dumps({"note": "\ud800"}), from_bytes=0) is _NOT_PARSED  # a lone surrogate
    assert fast_loads(b'{"n": NaN}', from_bytes=0) is _NOT_PARSED
    assert fast_loads(raw) is _NOT_PARSED  # a small file: json, without importing orjson
    assert loads(dumps({"note": "\ud800"})) == {"note": "\ud800"}

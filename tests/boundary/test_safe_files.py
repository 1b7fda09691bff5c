"""read_regular (ect_tui/safe_files.py): a file we did not write is read only if it is what it seems."""

from __future__ import annotations

import os

import pytest

from ect_tui.safe_files import UnreadableFileError, read_regular


def test_a_plain_file_in_the_folder_is_read_and_a_missing_one_is_none(tmp_path) -> None:
    (tmp_path / "a.json").write_bytes(b"{}")
    assert read_regular(tmp_path / "a.json", 100, within=tmp_path) == b"{}"
    assert read_regular(tmp_path / "gone.json", 100, within=tmp_path) is None


def test_a_link_is_followed_only_inside_the_folder(tmp_path) -> None:
    folder, elsewhere = tmp_path / "data", tmp_path / "elsewhere"
    folder.mkdir()
    elsewhere.mkdir()
    (folder / "real.json").write_bytes(b"inside")
    (elsewhere / "secret").write_bytes(b"outside")
    (folder / "in.json").symlink_to(folder / "real.json")
    (folder / "out.json").symlink_to(elsewhere / "secret")
    (folder / "dangling.json").symlink_to(folder / "nothing")
    assert read_regular(folder / "in.json", 100, within=folder) == b"inside"
    with pytest.raises(UnreadableFileError, match="outside"):
        read_regular(folder / "out.json", 100, within=folder)
    assert read_regular(folder / "dangling.json", 100, within=folder) is None


def test_a_link_swapped_in_after_the_check_is_not_followed(tmp_path, monkeypatch) -> None:
    # The check saw a plain file; by the time it is opened a link out of the folder stands there.
    folder = tmp_path / "data"
    folder.mkdir()
    (tmp_path / "secret").write_bytes(b"outside")
    (folder / "m.json").symlink_to(tmp_path / "secret")
    plain = os.stat(tmp_path / "secret")
    real_lstat = os.lstat
    monkeypatch.setattr(os, "lstat", lambda p, *a, **k: plain if str(p).endswith("m.json") else real_lstat(p))
    with pytest.raises(UnreadableFileError, match="replaced by a link"):
        read_regular(folder / "m.json", 100, within=folder)

"""The smaller findings of issue 15: folder modes under any umask, the lock message."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from ect_tui.cli import main
from ect_tui.store import Store
from tests.store.helpers import child_env, make_doc


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_every_folder_created_for_the_database_is_private_even_under_umask_000(tmp_path: Path) -> None:
    db = tmp_path / "a" / "b" / "c" / "ect-tui.json"
    old = os.umask(0)
    try:
        with Store.open(db):
            pass
    finally:
        os.umask(old)
    for level in (tmp_path / "a", tmp_path / "a" / "b", db.parent, db.with_name(db.name + ".meetings")):
        assert _mode(level) == 0o700, level


def test_a_folder_that_already_existed_keeps_its_mode(tmp_path: Path) -> None:
    shared = tmp_path / "shared"
    shared.mkdir()
    os.chmod(shared, 0o755)
    with Store.open(shared / "new" / "ect-tui.json"):
        pass
    assert _mode(shared) == 0o755 and _mode(shared / "new") == 0o700


def test_the_notes_folder_is_private_at_every_level_it_creates(tmp_path: Path) -> None:
    from ect_tui.export.files import make_private_folder

    old = os.umask(0)
    try:
        make_private_folder(tmp_path / "x" / "notes")
    finally:
        os.umask(old)
    assert _mode(tmp_path / "x") == 0o700 and _mode(tmp_path / "x" / "notes") == 0o700


HOLDER = """
import sys
from ect_tui.cli import main
from ect_tui.store import Store
from tests.store.helpers import child_env, make_doc
store = Store.open(sys.argv[1])
print("ready", flush=True)
sys.stdin.readline()
store.close()
"""


@pytest.fixture
def locked_db(tmp_path: Path):
    """A database held open for writing by another process (the app, say)."""
    db = tmp_path / "ect-tui.json"
    with Store.open(db) as store:
        store.put_meeting(make_doc(ect="Sam"))
    proc = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(db)],
        env=child_env(),
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert proc.stdout.readline().strip() == "ready"
        yield db
    finally:
        proc.communicate("\n", timeout=30)


@pytest.mark.parametrize(
    "argv",
    [
        ["study", "--ect", "Sam", "--minutes", "20", "--topic", "x"],
        ["rhythm", "--ect", "Sam", "--year", "1"],
        ["prepare", "--ect", "Sam", "--script", "m1w1-module-audit"],
    ],
)
def test_the_lock_message_never_offers_read_only_to_a_command_that_rejects_it(
    locked_db: Path, argv: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--db", str(locked_db), *argv]) == 1
    err = capsys.readouterr().err
    assert "open in another copy of ect-tui" in err and "close that copy first" in err
    assert "--read-only" not in err

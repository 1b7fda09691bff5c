"""Fuzz `import` and hand-dropped meeting files: never a traceback, nothing outside the data
folder, the store still opens, and every meeting that was there is unchanged or kept.

Every run tries a few examples (the "ci" profile). The long run, by hand:

    HYPOTHESIS_PROFILE=fuzz python -m pytest tests/boundary/test_fuzz.py -p no:cacheprovider

(2,000 examples each; the figures of the last run are in the closing note of issue 15.)
"""

from __future__ import annotations

import contextlib
import copy
import io
import json
import os
import shutil
import tempfile
from datetime import datetime
from pathlib import Path
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from ect_tui.cli import main
from ect_tui.script.catalog import bundled_scripts
from ect_tui.store import Store
from tests.factories import audit_meeting

PROFILE = os.environ.get("HYPOTHESIS_PROFILE", "ci")
SCRIPT = next(s for s in bundled_scripts() if s.id == "m1w1-module-audit")
BASE = audit_meeting(SCRIPT, ect="Sam Jones", when=datetime(2026, 11, 17, 15, 30))
BASE["private"] = "my own note"
PRIOR = [
    BASE,
    audit_meeting(SCRIPT, ect="Bea Li", when=datetime(2026, 11, 18, 15, 30)),
]

NASTY_TEXT = st.sampled_from(
    ["", " ", "\x1b]0;PWNED\x07", "\x9b31m", "\x00", "\ud800", "../../etc/passwd", "a/b", "..", "x" * 5000]
) | st.text(max_size=12)
NUMBERS = st.sampled_from([1e308, -1e308, 5e-324, 10**30, -(10**30), 0, -1, float("nan"), float("inf")]) | (
    st.integers() | st.floats()
)
IDS = st.sampled_from(
    [BASE["id"], PRIOR[1]["id"], "../../escape", "/tmp/abs", "a/b", "..", ".", "CON", "x" * 300, "ok-id-1"]
)


def _deep(levels: int) -> Any:
    value: Any = "bottom"
    for _ in range(levels):
        value = {"a": value} if levels % 2 else [value]
    return value


LEAVES = st.none() | st.booleans() | NUMBERS | NASTY_TEXT | st.integers(1, 900).map(_deep)
JSONISH = st.recursive(
    LEAVES,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(NASTY_TEXT, inner, max_size=3),
    max_leaves=8,
)


def _paths(value: Any, prefix: tuple = ()) -> list[tuple]:
    """Every path into a JSON value (for replacing one node)."""
    found = [prefix]
    if isinstance(value, dict):
        for key, child in value.items():
            found += _paths(child, (*prefix, key))
    elif isinstance(value, list):
        for index, child in enumerate(value):
            found += _paths(child, (*prefix, index))
    return found


def _replace(doc: Any, path: tuple, value: Any) -> Any:
    if not path:
        return value
    node = doc
    for step in path[:-1]:
        node = node[step]
    node[path[-1]] = value
    return doc


@st.composite
def meetings(draw: st.DrawFn) -> Any:
    """A real meeting with a few of its values (anywhere) replaced by something odd."""
    doc = copy.deepcopy(draw(st.sampled_from(PRIOR)))
    for _ in range(draw(st.integers(0, 4))):
        paths = _paths(doc)
        path = draw(st.sampled_from(paths[: min(len(paths), 400)]))
        doc = _replace(doc, path, draw(JSONISH))
        if not isinstance(doc, dict):
            return doc
    if draw(st.booleans()):
        doc["id"] = draw(IDS)
    if draw(st.booleans()):
        doc["private"] = draw(NASTY_TEXT)  # conflicting private notes
        doc["updated"] = draw(
            st.sampled_from(["9999-12-31T23:59:59+00:00", "2026-11-20T10:00:00+00:00", "x"])
        )
    return doc


@st.composite
def bundles(draw: st.DrawFn) -> Any:
    bundle: dict[str, Any] = {
        "format": "ect-tui-bundle",
        "schema": 1,
        "exported": "2026-12-01T10:00:00+00:00",
        "private_included": True,
        "meetings": draw(st.lists(meetings(), max_size=4)),
        "tables": {
            "settings": [{"key": draw(NASTY_TEXT | st.just("last_ect")), "value": draw(JSONISH)}],
            "study": draw(st.lists(st.dictionaries(NASTY_TEXT, JSONISH, max_size=3), max_size=2)),
        },
    }
    for _ in range(draw(st.integers(0, 2))):
        key = draw(
            st.sampled_from(["format", "schema", "private_included", "meetings", "tables", "exported"])
        )
        bundle[key] = draw(JSONISH)
    return bundle


def _template() -> Path:
    folder = Path(tempfile.mkdtemp(prefix="ect-fuzz-template-"))
    with Store.open(folder / "data" / "ect-tui.json") as store:
        for doc in PRIOR:
            store.put_meeting(doc)
    return folder


TEMPLATE = _template()


def _run(*argv: str) -> int:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = main(list(argv))
        except SystemExit as exit_:  # argparse only
            code = exit_.code
    assert "Traceback" not in out.getvalue() + err.getvalue()
    return code


def _outside(root: Path) -> set[str]:
    return {str(p.relative_to(root)) for p in root.rglob("*") if "data" not in p.relative_to(root).parts[:1]}


def _prior_kept(db: Path) -> None:
    """The store opens, and every earlier meeting is as it was or kept as its previous version."""
    replaced = db.with_name(db.name + ".meetings") / "replaced"
    with Store.open(db) as store:
        for doc in PRIOR:
            now = store.load_meeting(doc["id"])
            if now == doc:
                continue
            kept = [json.loads(p.read_bytes()) for p in replaced.glob(f"{doc['id']}.*.json")]
            assert doc in kept, f"{doc['id']} changed and its previous version was not kept"
        store.list_meetings()


@settings(settings.get_profile(PROFILE))
@given(bundle=bundles(), raw=st.booleans())
def test_fuzzed_bundles_never_crash_escape_or_lose_a_meeting(bundle: Any, raw: bool) -> None:
    with tempfile.TemporaryDirectory(prefix="ect-fuzz-") as temp:
        root = Path(temp)
        shutil.copytree(TEMPLATE / "data", root / "data")
        source = root / "in.json"
        text = json.dumps(bundle, ensure_ascii=False, allow_nan=True)
        source.write_bytes(text.encode("utf-8", "surrogatepass"))
        before = _outside(root)
        db = root / "data" / "ect-tui.json"
        assert _run("--db", str(db), "import", "--dry-run", str(source)) in (0, 1)
        assert _run("--db", str(db), "import", str(source)) in (0, 1)
        assert _outside(root) == before, "something was written outside the data folder"
        _prior_kept(db)
        for argv in (
            ["history"],
            ["history", "--json"],
            ["report"],
            ["check-db"],
            ["export", "--ect", "Sam Jones"],
        ):
            assert _run("--db", str(db), *argv) in (0, 1)


@settings(settings.get_profile(PROFILE))
@given(doc=meetings(), name=IDS)
def test_fuzzed_meeting_files_dropped_in_the_folder_are_skipped_not_fatal(doc: Any, name: str) -> None:
    with tempfile.TemporaryDirectory(prefix="ect-fuzz-") as temp:
        root = Path(temp)
        shutil.copytree(TEMPLATE / "data", root / "data")
        db = root / "data" / "ect-tui.json"
        folder = db.with_name(db.name + ".meetings")
        target = folder / f"{name}.json"
        text = json.dumps(doc, ensure_ascii=False, allow_nan=True)
        # A hand-dropped file lands in the folder (a name no file system takes is not one).
        if target.resolve().parent == folder.resolve():
            with contextlib.suppress(OSError):
                target.write_bytes(text.encode("utf-8", "surrogatepass"))
        before = _outside(root)
        for argv in (
            ["history"],
            ["history", "--json"],
            ["report"],
            ["check-db"],
            ["export", "--ect", "Sam Jones"],
            ["study", "--ect", "Sam Jones"],
            ["rhythm"],
        ):
            assert _run("--db", str(db), *argv) in (0, 1)
        with Store.open(db) as store:
            store.list_meetings()
            for prior in PRIOR:
                if prior["id"] != name:
                    assert store.load_meeting(prior["id"]) == prior
        assert _outside(root) == before

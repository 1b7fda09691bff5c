"""All scripts a mentor can pick: the bundled ones plus any in the user's own folder."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path

from ect_tui.script.loader import ScriptError, load_script, load_script_text
from ect_tui.script.model import Script


@dataclass
class Catalog:
    """Scripts by id, in a stable order, with any files that failed to load."""

    scripts: dict[str, Script] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)  # e.g. a user's file standing in for a bundled script

    def get(self, script_id: str) -> Script:
        try:
            return self.scripts[script_id]
        except KeyError:
            known = ", ".join(self.scripts) or "none"
            raise ScriptError([f"unknown script id {script_id!r} (known: {known})"]) from None

    def __iter__(self) -> Iterator[Script]:
        return iter(self.scripts.values())

    def __len__(self) -> int:
        return len(self.scripts)


def _bundled_folder() -> Traversable:
    """The installed `ect_tui.sessions` package, or the checkout's top-level `sessions/` folder.

    Running from a source checkout (`python -m pytest` puts it first on `sys.path`) imports `ect_tui`
    from the tree, where the scripts live beside the package rather than inside it.
    """
    try:
        return resources.files("ect_tui.sessions")
    except ModuleNotFoundError:
        return Path(__file__).resolve().parents[2] / "sessions"


def bundled_scripts() -> list[Script]:
    """The scripts shipped with the app, sorted by file name."""
    folder = _bundled_folder()
    scripts = []
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if entry.name.endswith(".toml"):
            scripts.append(load_script_text(entry.read_text(encoding="utf-8"), f"sessions/{entry.name}"))
    return scripts


def load_catalog(user_dirs: Sequence[Path] = ()) -> Catalog:
    """Bundled scripts first, then each user folder; a user script replaces a bundled one of the same id."""
    catalog = Catalog()
    for script in bundled_scripts():
        catalog.scripts[script.id] = script
    for folder in user_dirs:
        if not folder.is_dir():
            continue
        for path in sorted(folder.glob("*.toml")):
            try:
                script = load_script(path)
            except ScriptError as exc:
                catalog.problems.extend(exc.problems)
                continue
            replaced = catalog.scripts.get(script.id)
            if replaced is not None:
                catalog.notices.append(
                    f"{path}: uses the id {script.id!r} of {replaced.source or 'another script'}, "
                    f"so it replaces that one; give it its own id to keep both"
                )
            catalog.scripts[script.id] = script
    return catalog

"""All scripts a mentor can pick: the bundled ones plus any in the user's own folder."""

from __future__ import annotations

import tomllib
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path

from ect_tui.script.bank import BANK_FOLDER, Bank, banks_in, load_bank_text
from ect_tui.script.loader import ScriptError, load_script, load_script_text
from ect_tui.script.model import Script


@dataclass
class Catalog:
    """Scripts by id, in a stable order, with any files that failed to load."""

    scripts: dict[str, Script] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)  # e.g. a user's file standing in for a bundled script
    banks: dict[str, Bank] = field(default_factory=dict)  # statement banks by framework id

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


@cache
def _bundled_banks() -> tuple[Bank, ...]:
    folder = _bundled_folder() / BANK_FOLDER
    return tuple(
        load_bank_text(entry.read_text(encoding="utf-8"), f"sessions/{BANK_FOLDER}/{entry.name}")
        for entry in sorted(folder.iterdir(), key=lambda e: e.name)
        if entry.name.endswith(".toml")
    )


def bundled_banks() -> dict[str, Bank]:
    """The statement banks shipped with the app (ECF 2019, ITTECF 2024), by framework id."""
    return {bank.id: bank for bank in _bundled_banks()}


# The framework most ECTs are on (in force from September 2025): its audits come before older ones.
CURRENT_FRAMEWORK = "ittecf-2024"


_COACHING = {"last-step", "drop-in", "praise", "action-step", "practice"}


def _plan_order(script: Script) -> tuple[int, int, str]:
    """Coaching first (run most often), then other plans (the termly review), then the current
    framework's audits, then older frameworks' audits; by file name within each."""
    if any(section.kind in _COACHING for section in script.sections):
        kind = 0
    else:
        kind = 2 if script.audit_sections() else 1
    older = 0 if script.framework in ("", CURRENT_FRAMEWORK) else 1
    return (kind, older, script.source)


def bundled_scripts() -> list[Script]:
    """The scripts shipped with the app: coaching, then ITTECF audits by standard, then the ECF audit."""
    folder = _bundled_folder()
    banks = bundled_banks()
    scripts = []
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if entry.name.endswith(".toml"):
            scripts.append(
                load_script_text(entry.read_text(encoding="utf-8"), f"sessions/{entry.name}", banks)
            )
    return sorted(scripts, key=_plan_order)


def bundled_script_text(script_id: str) -> str | None:
    """The TOML text of the bundled script with this id (to copy as a starting point), if any."""
    folder = _bundled_folder()
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if entry.name.endswith(".toml"):
            text = entry.read_text(encoding="utf-8")
            if tomllib.loads(text).get("id") == script_id:
                return text
    return None


def banks_for(user_dirs: Sequence[Path] = ()) -> tuple[dict[str, Bank], list[str]]:
    """Bundled banks, then each folder's own `frameworks/` banks (a provider's pack may replace one)."""
    banks: dict[str, Bank] = dict(bundled_banks())
    problems: list[str] = []
    for folder in user_dirs:
        found, failed = banks_in(folder)
        banks.update(found)
        problems.extend(failed)
    return banks, problems


def load_catalog(user_dirs: Sequence[Path] = ()) -> Catalog:
    """Bundled scripts first, then each user folder; a user script replaces a bundled one of the same id."""
    catalog = Catalog()
    for script in bundled_scripts():
        catalog.scripts[script.id] = script
    banks, bank_problems = banks_for(list(user_dirs))
    catalog.banks = banks
    catalog.problems.extend(bank_problems)
    for folder in user_dirs:
        if not folder.is_dir():
            continue
        for path in sorted(folder.glob("*.toml")):
            try:
                script = load_script(path, banks)
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

"""The user's ``config.toml``: every key optional, each one declared here and documented in README.md.

A config file is the user's own and so untrusted: a mistake in it is one sentence naming
the file and the key (``load_config`` returns it in ``Config.problems``), never a
traceback, and everything else in the file still applies; the app starts with the
defaults for what could not be read. No Textual here: whether a theme or a binding id
exists is checked by the app, which knows them (``ect_tui/tui/keymap.py``).

Writing back (``remember_theme``) changes one key and keeps the user's comments, order
and other keys (tomlkit edits the document in place), after copying the old file to
``config.toml.bak``.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any


@dataclass(frozen=True)
class Key:
    """One key of config.toml: its name, what it holds (for messages) and what it is for (README.md)."""

    name: str
    holds: str
    doc: str
    check: Callable[[Any], Any]


@dataclass(frozen=True)
class Config:
    """What config.toml asked for; ``None`` (or empty) means the built-in default."""

    path: Path | None = None
    theme: str | None = None
    keymap: Mapping[str, str] = field(default_factory=dict)
    notes_folder: Path | None = None
    term_dates: Path | None = None
    coaching_rhythm: Mapping[int, int] = field(default_factory=dict)  # induction year -> school weeks
    problems: tuple[str, ...] = ()

    @property
    def folder(self) -> Path | None:
        return self.path.parent if self.path is not None else None


# ----- checks: each returns the value to use or raises ValueError with what is wrong ------------------


def _text(value: Any) -> str:
    if not isinstance(value, str) or not value.strip():
        raise ValueError("should be a non-empty string")
    return value.strip()


def _keys(value: Any) -> str:
    """One or more keys for a binding, comma-separated as Textual writes them: "ctrl+j" or "ctrl+j,f5"."""
    text = _text(value)
    parts = [part.strip() for part in text.split(",")]
    if any(not part or " " in part for part in parts):
        raise ValueError(f"{value!r} is not a key like 'ctrl+j' (several: 'ctrl+j,f5')")
    return ",".join(parts)


def _rhythm(value: dict, where: str, problems: list[str]) -> dict[int, int]:
    """``{year1 = 1, year2 = 2}``: school weeks between coaching, by induction year; a bad entry
    is named and the other year still applies."""
    rhythm: dict[int, int] = {}
    for name, weeks in value.items():
        if name not in ("year1", "year2"):
            problems.append(f"{where}: coaching_rhythm.{name}: unknown (known: year1, year2)")
        elif not isinstance(weeks, int) or isinstance(weeks, bool) or not 1 <= weeks <= 6:
            problems.append(
                f"{where}: coaching_rhythm.{name}: should be a whole number of school weeks "
                f"from 1 to 6, not {weeks!r}"
            )
        else:
            rhythm[int(name[-1])] = weeks
    return rhythm


KEYS: tuple[Key, ...] = (
    Key(
        "theme",
        "a theme name",
        "the colour theme, e.g. `textual-light`; also saved here when you choose one in the palette "
        "(`ctrl+p`, *Theme*). `TEXTUAL_THEME` in the environment overrides it for one run.",
        _text,
    ),
    Key(
        "keymap",
        "a table of binding id = keys",
        'your own keys: `[keymap]` then lines such as `"meeting.next" = "ctrl+j"` '
        '(several keys: `"ctrl+j,f5"`). The ids are listed in README.md under *Keys you can change*.',
        dict,  # checked entry by entry in _keymap
    ),
    Key(
        "notes_folder",
        "a folder path",
        "where copied notes are saved and exports are offered (default: `ect-tui-notes/` beside the "
        "database).",
        _text,
    ),
    Key(
        "term_dates",
        "a file path",
        "the school's own term dates (default: `term-dates.toml` beside this file; the format is in "
        "`ect-tui rhythm --help`). `ect-tui rhythm` says which dates are in force.",
        _text,
    ),
    Key(
        "coaching_rhythm",
        "a table of year1 / year2 = school weeks",
        "how often coaching is expected unless set for one ECT (`ect-tui rhythm --ect NAME --every N`): "
        "`[coaching_rhythm]` then `year1 = 1` and `year2 = 2` (the defaults: weekly in year 1, "
        "fortnightly in year 2). Holidays never count.",
        dict,  # checked entry by entry in _rhythm
    ),
)
KEY_NAMES = tuple(key.name for key in KEYS)


def _place(text: str, folder: Path) -> Path:
    """A path from config.toml: ``~`` expanded, relative to the config folder."""
    path = Path(text).expanduser()
    return path if path.is_absolute() else folder / path


def _keymap(value: dict, where: str, problems: list[str]) -> dict[str, str]:
    keymap: dict[str, str] = {}
    for binding_id, keys in value.items():
        try:
            keymap[str(binding_id)] = _keys(keys)
        except ValueError as exc:
            problems.append(f"{where}: keymap.{binding_id}: {exc}")
    return keymap


def parse_config(data: Mapping[str, Any], path: Path) -> Config:
    """The Config for parsed TOML ``data`` read from ``path``; a bad key is a problem, the rest still applies."""
    problems: list[str] = []
    values: dict[str, Any] = {}
    checks = {key.name: key for key in KEYS}
    for name, value in data.items():
        key = checks.get(name)
        if key is None:
            problems.append(f"{path}: {name}: unknown key (known: {', '.join(KEY_NAMES)})")
            continue
        if key.name == "keymap":
            if not isinstance(value, dict):
                problems.append(f'{path}: keymap: should be a table: [keymap] then "binding.id" = "keys"')
                continue
            values["keymap"] = _keymap(value, str(path), problems)
            continue
        if key.name == "coaching_rhythm":
            if not isinstance(value, dict):
                problems.append(
                    f"{path}: coaching_rhythm: should be a table: [coaching_rhythm] then year2 = 2"
                )
                continue
            values["coaching_rhythm"] = _rhythm(value, str(path), problems)
            continue
        try:
            values[name] = key.check(value)
        except ValueError as exc:
            problems.append(f"{path}: {name}: {exc}")
    for name in ("notes_folder", "term_dates"):
        if name in values:
            values[name] = _place(values[name], path.parent)
    if "term_dates" in values and not values["term_dates"].is_file():
        problems.append(
            f"{path}: term_dates: {values['term_dates']} is not a file; the built-in dates are used"
        )
    return Config(path=path, problems=tuple(problems), **values)


def term_dates_path(config: Config) -> Path:
    """The school's term-dates file: config.toml's ``term_dates``, else ``term-dates.toml``
    in the user config folder."""
    from ect_tui.paths import user_term_dates_file

    return config.term_dates or user_term_dates_file()


def load_config(path: Path | None = None) -> Config:
    """Read config.toml (``$ECT_TUI_CONFIG``, else the user config folder); a missing file is all defaults.

    Start-up is on the mentor's clock: without a file, nothing is imported (not even tomllib).
    """
    if path is None:
        from ect_tui.paths import config_path

        path = config_path()
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return Config(path=path)
    except OSError as exc:
        return Config(path=path, problems=(f"{path}: cannot read it ({exc.strerror}); using the defaults",))
    import tomllib

    try:
        data = tomllib.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        return Config(path=path, problems=(f"{path}: not UTF-8 text; using the defaults",))
    except tomllib.TOMLDecodeError as exc:
        return Config(path=path, problems=(f"{path}: not valid TOML ({exc}); using the defaults",))
    return parse_config(data, path)


def remember_theme(path: Path, theme: str) -> str | None:
    """Set ``theme`` in config.toml, keeping the user's comments and other keys; None, or why not.

    The old file is copied to ``config.toml.bak`` first. A file that is not valid TOML is
    left alone (it is the user's, half-edited perhaps): the theme is not saved and we say so.
    """
    import tomlkit
    from tomlkit.exceptions import TOMLKitError

    from ect_tui.store.atomic import atomic_write_bytes

    try:
        old = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        old = None
    except (OSError, UnicodeDecodeError) as exc:
        return f"{path}: cannot read it to save the theme ({exc})"
    try:
        document = tomlkit.parse(old) if old is not None else tomlkit.document()
    except TOMLKitError as exc:
        return f"{path}: not valid TOML ({exc}); the theme was not saved, fix the file first"
    if document.get("theme") == theme:
        return None
    if old is None and not document:
        document.add(tomlkit.comment("ect-tui settings: every key is optional (see README.md)."))
    document["theme"] = theme
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        if old is not None:
            atomic_write_bytes(path.with_name(path.name + ".bak"), old.encode("utf-8"), mode=_mode(path))
        atomic_write_bytes(path, tomlkit.dumps(document).encode("utf-8"), mode=_mode(path))
    except OSError as exc:
        return f"{path}: cannot save the theme ({exc.strerror})"
    return None


def _mode(path: Path) -> int:
    """Keep the file's own permissions; a new config file is the user's only (0600)."""
    try:
        return os.stat(path).st_mode & 0o777
    except OSError:
        return 0o600

"""Where ect-tui keeps things on this machine: one place so every layer agrees."""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path

APP_NAME = "ect-tui"
DB_ENV = "ECT_TUI_DB"
DB_FILENAME = "ect-tui.json"


def user_data_dir() -> Path:
    from platformdirs import user_data_path

    return user_data_path(APP_NAME, appauthor=False)


def user_sessions_dir() -> Path:
    """The folder where a mentor or provider drops their own session scripts."""
    from platformdirs import user_config_path

    return user_config_path(APP_NAME, appauthor=False) / "sessions"


def default_db_path(env: Mapping[str, str] = os.environ) -> Path:
    """The database file: ``$ECT_TUI_DB`` if set, else the platform's user data dir."""
    override = env.get(DB_ENV, "").strip()
    if override:
        return Path(override).expanduser()
    return user_data_dir() / DB_FILENAME


def resolve_db_path(cli_value: str | None, env: Mapping[str, str] = os.environ) -> Path:
    """`--db` beats the environment variable, which beats the default."""
    if cli_value:
        return Path(cli_value).expanduser()
    return default_db_path(env)

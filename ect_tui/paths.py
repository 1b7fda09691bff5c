"""Where ect-tui keeps things on this machine: one place so every layer agrees."""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path

APP_NAME = "ect-tui"
DB_ENV = "ECT_TUI_DB"
DB_FILENAME = "ect-tui.json"
CONFIG_ENV = "ECT_TUI_CONFIG"
CONFIG_FILENAME = "config.toml"
LOG_FILENAME = "ect-tui.log"


def user_data_dir() -> Path:
    from platformdirs import user_data_path

    return user_data_path(APP_NAME, appauthor=False)


def user_config_dir() -> Path:
    """The platform's user config folder (``~/.config/ect-tui`` on Linux): config.toml and sessions/."""
    from platformdirs import user_config_path

    return user_config_path(APP_NAME, appauthor=False)


def user_sessions_dir() -> Path:
    """The folder where a mentor or provider drops their own session scripts."""
    return user_config_dir() / "sessions"


def config_path(env: Mapping[str, str] = os.environ) -> Path:
    """The user's config file: ``$ECT_TUI_CONFIG`` if set, else ``config.toml`` in the user config folder."""
    override = env.get(CONFIG_ENV, "").strip()
    if override:
        return Path(override).expanduser()
    return user_config_dir() / CONFIG_FILENAME


def log_path() -> Path:
    """The log file (warnings, crashes; everything with ``--debug``) in the platform's user log folder."""
    from platformdirs import user_log_path

    return user_log_path(APP_NAME, appauthor=False) / LOG_FILENAME


def user_term_dates_file() -> Path:
    """The school's own term dates by default: ``term-dates.toml`` in the user's config folder
    (config.toml's ``term_dates`` may name another: ``config.term_dates_path``)."""
    return user_config_dir() / "term-dates.toml"


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

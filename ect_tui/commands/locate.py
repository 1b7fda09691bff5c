"""`ect-tui locate`: where this machine keeps the database, notes, config, scripts and log."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path

from ect_tui.commands import db_path
from ect_tui.safe_text import json_text

WHAT = ("database", "meetings", "notes", "config", "term-dates", "sessions", "log")


def register(commands: argparse._SubParsersAction, common: Callable[[argparse.ArgumentParser], None]) -> None:
    locate = commands.add_parser(
        "locate",
        help="print where the database, notes, config file, scripts and log are",
        description="Print where ect-tui keeps things on this machine, as the app would find them "
        "(--db and $ECT_TUI_DB, --sessions, $ECT_TUI_CONFIG and config.toml are taken into account). "
        "Give one of " + ", ".join(repr(w) for w in WHAT) + " to print just that path.",
    )
    locate.add_argument("what", nargs="?", choices=WHAT, metavar="WHAT", help="just this one path")
    locate.add_argument("--json", action="store_true", help="print as JSON")
    common(locate)
    locate.set_defaults(func=run_locate)


def places(args: argparse.Namespace) -> dict[str, Path]:
    """Each place by name, resolved the way the app resolves it."""
    from ect_tui.config import load_config
    from ect_tui.diagnostics import current_log_path
    from ect_tui.export.files import notes_dir
    from ect_tui.paths import config_path, log_path, user_config_dir, user_sessions_dir
    from ect_tui.store.database import meetings_dir_for

    config = load_config()  # for notes_folder
    for problem in config.problems:
        print(f"ect-tui: note: {problem}", file=sys.stderr)
    db = db_path(args).absolute()
    sessions = Path(args.sessions).expanduser() if args.sessions else user_sessions_dir()
    return {
        "database": db,
        "meetings": meetings_dir_for(db),
        "notes": config.notes_folder or notes_dir(db),
        "config": config.path or config_path(),
        "term-dates": config.term_dates or user_config_dir() / "term-dates.toml",
        "sessions": sessions.absolute(),
        "log": current_log_path() or log_path(),
    }


def run_locate(args: argparse.Namespace) -> int:
    found = places(args)
    if args.what:
        print(found[args.what])
        return 0
    if args.json:
        print(json_text({name: str(path) for name, path in found.items()}, indent=2))
        return 0
    for name, path in found.items():
        state = "" if path.exists() else "  (not created yet)"
        print(f"{name:<11} {path}{state}")
    return 0

"""One module per `ect-tui` subcommand group.

Each module has ``register(commands, common)`` to add its parsers (setting
``func`` with ``set_defaults``) and keeps its imports inside the functions, so
the command line starts without loading Textual or the store it does not use.
"""

from __future__ import annotations

import argparse
from pathlib import Path

# A command that reads a hub's whole history runs for a second or less and frees almost
# everything by reference counting, while the cycle collector, at its default of every 700 new
# objects, walked the 50,000 rows or meeting marks it holds again and again (a tenth of
# `report --json`, bench --hub). Not for the commands that open the app (review, prepare).
COMMAND_GC_THRESHOLD = 10_000


def collect_garbage_less_often() -> None:
    import gc

    gc.set_threshold(COMMAND_GC_THRESHOLD, *gc.get_threshold()[1:])


class CommandError(Exception):
    """A problem to report to the user in one sentence, exiting 1."""


def db_path(args: argparse.Namespace) -> Path:
    from ect_tui.paths import resolve_db_path

    return resolve_db_path(args.db)


def open_store(args: argparse.Namespace, *, read_only: bool = False, tables_when_asked: bool = False):
    """Open the database named by --db / $ECT_TUI_DB, turning store errors into CommandError.
    ``tables_when_asked``: for a command that reads the meetings alone (Store.open)."""
    from ect_tui.store import DatabaseLockedError, Store, StoreError

    try:
        return Store.open(db_path(args), read_only=read_only, tables_when_asked=tables_when_asked)
    except DatabaseLockedError as exc:
        # Only the app takes --read-only: a command that writes has no such option to offer.
        raise CommandError(
            exc.for_change(f"`ect-tui {getattr(args, 'command', None) or 'this command'}`")
        ) from None
    except StoreError as exc:
        raise CommandError(str(exc)) from None


def catalog(args: argparse.Namespace):
    """The bundled scripts plus --sessions DIR (or the user's own folder)."""
    from ect_tui.paths import user_sessions_dir
    from ect_tui.script.catalog import load_catalog

    folder = Path(args.sessions).expanduser() if args.sessions else user_sessions_dir()
    if args.sessions and not folder.is_dir():
        raise CommandError(f"--sessions {args.sessions}: no such folder")
    return load_catalog([folder])

"""The `ect-tui` command: open the app, or work with scripts and the database from the shell.

Subcommands live in ``ect_tui.commands``; each keeps its imports inside its
functions, so `ect-tui scripts ...` never pays for Textual.
"""

from __future__ import annotations

import argparse
import sys

from ect_tui.commands import CommandError, coaching, database, export, history, prepare, review, scripts

# Each module adds its own subcommands; add a new group here.
COMMAND_MODULES = [scripts, database, history, review, export, prepare, coaching]


def _common_options(parser: argparse.ArgumentParser, *, suppress: bool = True) -> None:
    """--db and --sessions, accepted before or after the subcommand."""
    default = argparse.SUPPRESS if suppress else None
    parser.add_argument(
        "--db",
        metavar="PATH",
        default=default,
        help="database file (default: $ECT_TUI_DB, else the user data folder)",
    )
    parser.add_argument(
        "--sessions",
        metavar="DIR",
        default=default,
        help="folder of your own session scripts (default: the user config folder)",
    )


def _version() -> str:
    from ect_tui import __version__

    return f"ect-tui {__version__}"


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="ect-tui",
        description="Run the weekly mentor meeting with an Early Career Teacher.",
    )
    _common_options(parser, suppress=False)
    parser.add_argument("--version", action="version", version=_version())
    parser.add_argument(
        "--read-only",
        action="store_true",
        help="look through past meetings without changing anything (works while another copy is open)",
    )
    parser.set_defaults(func=run_app)
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    for module in COMMAND_MODULES:
        module.register(commands, _common_options)
    return parser


def run_app(args: argparse.Namespace) -> int:
    from ect_tui.tui.launch import run_app as launch

    return launch(db=args.db, sessions=args.sessions, read_only=args.read_only)


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    for name in ("db", "sessions"):
        if not hasattr(args, name):
            setattr(args, name, None)
    try:
        return args.func(args)
    except CommandError as exc:
        print(f"ect-tui: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # e.g. `ect-tui report --json | head`: the reader left; say nothing more.
        sys.stderr.close()
        return 0

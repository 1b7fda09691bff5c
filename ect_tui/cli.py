"""The `ect-tui` command: open the app, or work with scripts and the database from the shell.

Imports stay inside the command functions so `ect-tui scripts ...` never pays for
Textual, and the app itself starts as fast as it can.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Callable

EXIT_OK = 0
EXIT_ERROR = 1


class CommandError(Exception):
    """A problem to report to the user in one sentence, exiting 1."""


def _common_options(parser: argparse.ArgumentParser, *, suppress: bool) -> None:
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


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="ect-tui",
        description="Run the weekly mentor meeting with an Early Career Teacher.",
    )
    _common_options(parser, suppress=False)
    parser.add_argument("--version", action="version", version=_version())
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    def sub(name: str, help_text: str) -> argparse.ArgumentParser:
        child = commands.add_parser(name, help=help_text, description=help_text)
        _common_options(child, suppress=True)
        return child

    scripts = sub("scripts", "list the session scripts you can run")
    script_commands = scripts.add_subparsers(dest="scripts_command", metavar="ACTION")
    check = script_commands.add_parser("check", help="check script files for mistakes")
    check.add_argument("files", nargs="+", metavar="FILE")
    show = script_commands.add_parser("show", help="print one script")
    show.add_argument("script_id", metavar="ID")
    show.add_argument("--json", action="store_true", help="print as JSON")
    _common_options(show, suppress=True)

    sub("check-db", "check the database file and every meeting in it")
    return parser


def _version() -> str:
    from ect_tui import __version__

    return f"ect-tui {__version__}"


def _catalog(args: argparse.Namespace):
    from ect_tui.paths import user_sessions_dir
    from ect_tui.script.catalog import load_catalog

    folders = [Path(args.sessions).expanduser()] if args.sessions else [user_sessions_dir()]
    if args.sessions and not folders[0].is_dir():
        raise CommandError(f"--sessions {args.sessions}: no such folder")
    return load_catalog(folders)


def cmd_scripts(args: argparse.Namespace) -> int:
    from ect_tui.script.loader import ScriptError, load_script

    if args.scripts_command == "check":
        failed = False
        for name in args.files:
            try:
                script = load_script(Path(name))
            except ScriptError as exc:
                failed = True
                for problem in exc.problems:
                    print(problem, file=sys.stderr)
            else:
                print(f"{name}: ok ({script.id}, {len(script.sections)} sections, {script.planned_seconds // 60} min)")
        return EXIT_ERROR if failed else EXIT_OK

    catalog = _catalog(args)
    if args.scripts_command == "show":
        from ect_tui.script.serialize import script_outline, script_to_dict

        try:
            script = catalog.get(args.script_id)
        except ScriptError as exc:
            raise CommandError(str(exc)) from None
        if args.json:
            print(json.dumps(script_to_dict(script), indent=2, ensure_ascii=False))
        else:
            print(script_outline(script))
        return EXIT_OK

    for script in catalog:
        minutes = script.planned_seconds // 60
        print(f"{script.id:<28} {script.label}  ({minutes} min, {len(script.sections)} sections)")
    for problem in catalog.problems:
        print(f"skipped: {problem}", file=sys.stderr)
    return EXIT_OK


def cmd_check_db(args: argparse.Namespace) -> int:
    from ect_tui.paths import resolve_db_path
    from ect_tui.store.check import check_database

    ok, message = check_database(resolve_db_path(args.db))
    print(message, file=sys.stdout if ok else sys.stderr)
    return EXIT_OK if ok else EXIT_ERROR


def cmd_run(args: argparse.Namespace) -> int:
    from ect_tui.tui.launch import run_app

    return run_app(db=args.db, sessions=args.sessions)


COMMANDS: dict[str | None, Callable[[argparse.Namespace], int]] = {
    None: cmd_run,
    "scripts": cmd_scripts,
    "check-db": cmd_check_db,
}


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    for name in ("db", "sessions"):
        if not hasattr(args, name):
            setattr(args, name, None)
    try:
        return COMMANDS[args.command](args)
    except CommandError as exc:
        print(f"ect-tui: {exc}", file=sys.stderr)
        return EXIT_ERROR
    except KeyboardInterrupt:
        return 130

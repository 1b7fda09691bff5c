"""The `ect-tui` command: open the app, or work with scripts and the database from the shell.

Subcommands live in ``ect_tui.commands``; each keeps its imports inside its
functions, so `ect-tui scripts ...` never pays for Textual.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterator
from contextlib import contextmanager

from ect_tui.commands import CommandError

# Each module of ect_tui.commands adds its own subcommands; add a new group here.
# They are imported only when the command line names a subcommand (or asks for help):
# plain `ect-tui` opens the app, and its start-up is on the mentor's clock.
COMMAND_MODULES = (
    "scripts",
    "database",
    "history",
    "review",
    "export",
    "prepare",
    "coaching",
    "locate",
    "keys",
    "completion",
)

EXIT_CODES = """exit codes:
  0    done
  1    a problem, told in one sentence on stderr (a file, an id, the database)
  2    the command line itself is wrong (a usage message on stderr)
  130  interrupted (ctrl+c)"""


def _common_options(parser: argparse.ArgumentParser, *, suppress: bool = True) -> None:
    """--db, --sessions and --debug, accepted before or after the subcommand."""
    default = argparse.SUPPRESS if suppress else None
    parser.add_argument(
        "--debug",
        action="store_true",
        default=argparse.SUPPRESS if suppress else False,
        help="log everything to the log file (`ect-tui locate` names it), not only warnings",
    )
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


class _VersionAction(argparse.Action):
    """--version, worked out only when asked (reading package metadata is not free at start-up)."""

    def __init__(self, option_strings: list[str], dest: str = argparse.SUPPRESS, **kwargs) -> None:
        super().__init__(option_strings, dest, nargs=0, default=argparse.SUPPRESS, **kwargs)

    def __call__(self, parser, namespace, values, option_string=None) -> None:
        from ect_tui.version import version_text

        print(version_text())
        parser.exit()


class _LinesKeptFormatter(argparse.HelpFormatter):
    """Descriptions and epilogs wrapped to the terminal's width (argparse's own is 2 less than
    it), each line on its own: the exit codes keep their list, and no line of help runs past
    an 80-column terminal."""

    def _fill_text(self, text: str, width: int, indent: str) -> str:
        import re
        import textwrap

        def fill(line: str) -> str:
            # A wrapped line of a list ("  130  interrupted ...") carries on under its text.
            hanging = re.match(r"\s*\S+\s{2,}", line) or re.match(r"\s*", line)
            hang = indent + " " * (hanging.end() if hanging else 0)
            return textwrap.fill(line, width, initial_indent=indent, subsequent_indent=hang)

        return "\n".join(fill(line) if line.strip() else "" for line in text.splitlines())


def _with_exit_codes(parser: argparse.ArgumentParser) -> None:
    """Every --help ends with the exit codes (README.md lists them too)."""
    parser.formatter_class = _LinesKeptFormatter
    parser.epilog = f"{parser.epilog}\n\n{EXIT_CODES}" if parser.epilog else EXIT_CODES
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for child in dict.fromkeys(action.choices.values()):
                _with_exit_codes(child)


def build_parser(*, commands: bool = True) -> argparse.ArgumentParser:
    """The whole command line; ``commands=False`` leaves out the subcommands (the app's own options only)."""
    parser = argparse.ArgumentParser(
        prog="ect-tui",
        description="Run the weekly mentor meeting with an Early Career Teacher.",
    )
    _common_options(parser, suppress=False)
    parser.add_argument(
        "--version", action=_VersionAction, help="the version, with Textual's, Python's and the OS's"
    )
    parser.add_argument(
        "--read-only",
        action="store_true",
        help="look through past meetings without changing anything (works while another copy is open)",
    )
    parser.set_defaults(func=run_app)
    if not commands:
        return parser
    import importlib

    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMAND_MODULES:
        importlib.import_module(f"ect_tui.commands.{name}").register(subparsers, _common_options)
    _with_exit_codes(parser)
    return parser


def _names_a_command(argv: list[str]) -> bool:
    """Does the command line name a subcommand or ask for help? (Else it just opens the app.)"""
    value_next = False
    for arg in argv:
        if value_next:
            value_next = False
        elif arg in ("--db", "--sessions"):
            value_next = True
        elif arg in ("-h", "--help", "--") or not arg.startswith("-"):
            return True
    return False


def run_app(args: argparse.Namespace) -> int:
    from ect_tui.tui.launch import run_app as launch

    return launch(db=args.db, sessions=args.sessions, read_only=args.read_only)


def main(argv: list[str] | None = None) -> int:
    if argv is None:
        argv = sys.argv[1:]
    commands = _names_a_command(argv)
    with safe_output():
        args = build_parser(commands=commands).parse_args(argv)  # its errors echo what was typed
        if commands:
            return _run(args)
    return _run(args)  # the app draws the terminal itself; its own messages are cleaned where printed


@contextmanager
def safe_output() -> Iterator[None]:
    """Every subcommand prints through the one sanitiser (ect_tui/safe_text.py), so no
    escape code from a name, a note, a script or a path can reach the terminal."""
    from ect_tui.safe_text import SafeStream

    saved = sys.stdout, sys.stderr
    sys.stdout, sys.stderr = SafeStream(sys.stdout), SafeStream(sys.stderr)
    try:
        yield
    finally:
        sys.stdout, sys.stderr = saved


def _run(args: argparse.Namespace) -> int:
    for name in ("db", "sessions"):
        if not hasattr(args, name):
            setattr(args, name, None)
    from ect_tui.diagnostics import crash_sentence, current_log_path, log_crash, setup_logging

    setup_logging(debug=getattr(args, "debug", False))
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
    except Exception as exc:  # a bug of ours: the traceback goes to the log, the user reads one sentence
        log_crash(exc, where=f"ect-tui {getattr(args, 'command', None) or ''}".strip())
        print(crash_sentence(current_log_path()), file=sys.stderr)
        return 1

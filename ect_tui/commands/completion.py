"""`ect-tui completion bash|zsh|fish`: a tab-completion script for the shell, made from the parser itself.

shtab writes the script from the argparse parser, so it never falls behind a new
command or option, and the script runs without starting Python at each tab (unlike
argcomplete), so completing is instant however slow the machine.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable

SHELLS = ("bash", "zsh", "fish")

# Options that take a path complete as paths (dest -> file or folder).
FILE_OPTIONS = {"db": "file", "files": "file", "output": "file", "terms": "file", "file": "file"}
FOLDER_OPTIONS = {"sessions"}

HOW_TO_INSTALL = {
    "bash": "ect-tui completion bash > ~/.local/share/bash-completion/completions/ect-tui",
    "zsh": "ect-tui completion zsh > ~/.zfunc/_ect-tui  (with fpath+=~/.zfunc before compinit in ~/.zshrc)",
    "fish": "ect-tui completion fish > ~/.config/fish/completions/ect-tui.fish",
}


def register(commands: argparse._SubParsersAction, common: Callable[[argparse.ArgumentParser], None]) -> None:
    completion = commands.add_parser(
        "completion",
        help="print a tab-completion script for bash, zsh or fish",
        description="Print the completion script for SHELL on stdout. To install it:\n  "
        + "\n  ".join(HOW_TO_INSTALL.values()),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    completion.add_argument("shell", choices=SHELLS, metavar="SHELL", help="bash, zsh or fish")
    completion.set_defaults(func=run_completion)


def _mark_paths(parser: argparse.ArgumentParser) -> None:
    """Tell shtab which arguments are files or folders, in this parser and every subcommand's."""
    import shtab

    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for child in dict.fromkeys(action.choices.values()):
                _mark_paths(child)
        elif action.dest in FOLDER_OPTIONS:
            action.complete = shtab.DIRECTORY  # type: ignore[attr-defined]
        elif action.dest in FILE_OPTIONS:
            action.complete = shtab.FILE  # type: ignore[attr-defined]


def completion_script(shell: str) -> str:
    """The completion script for ``shell`` (one of SHELLS)."""
    import shtab

    from ect_tui.cli import build_parser

    parser = build_parser()
    _mark_paths(parser)
    return shtab.complete(parser, shell=shell)


def run_completion(args: argparse.Namespace) -> int:
    print(completion_script(args.shell))
    return 0

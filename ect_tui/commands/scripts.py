"""`ect-tui scripts`: list, check and show session scripts."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path

from ect_tui.commands import CommandError, catalog
from ect_tui.safe_text import json_text


def register(commands: argparse._SubParsersAction, common: Callable[[argparse.ArgumentParser], None]) -> None:
    scripts = commands.add_parser("scripts", help="list the session scripts you can run")
    scripts.add_argument("--json", action="store_true", help="print the list as JSON")
    common(scripts)
    scripts.set_defaults(func=run_list)
    actions = scripts.add_subparsers(dest="scripts_command", metavar="ACTION")
    check = actions.add_parser("check", help="check script files for mistakes")
    check.add_argument("files", nargs="+", metavar="FILE")
    check.set_defaults(func=run_check)
    show = actions.add_parser("show", help="print one script")
    show.add_argument("script_id", metavar="ID")
    show.add_argument("--json", action="store_true", help="print as JSON")
    common(show)
    show.set_defaults(func=run_show)


def run_check(args: argparse.Namespace) -> int:
    from ect_tui.script.loader import ScriptError, load_script

    failed = False
    for name in args.files:
        try:
            script = load_script(Path(name))
        except ScriptError as exc:
            failed = True
            for problem in exc.problems:
                print(problem, file=sys.stderr)
        else:
            minutes = script.planned_seconds // 60
            print(f"{name}: ok ({script.id}, {len(script.sections)} sections, {minutes} min)")
    return 1 if failed else 0


def run_show(args: argparse.Namespace) -> int:
    from ect_tui.script.loader import ScriptError
    from ect_tui.script.serialize import script_outline, script_to_dict

    try:
        script = catalog(args).get(args.script_id)
    except ScriptError as exc:
        raise CommandError(str(exc)) from None
    if args.json:
        print(json_text(script_to_dict(script)))
    else:
        print(script_outline(script))
    return 0


def run_list(args: argparse.Namespace) -> int:
    scripts = catalog(args)
    if getattr(args, "json", False):
        rows = [
            {
                "id": script.id,
                "title": script.label,
                "module": script.module,
                "week": script.week,
                "minutes": script.planned_seconds // 60,
                "sections": len(script.sections),
                "source": script.source,
            }
            for script in scripts
        ]
        print(json_text(rows, indent=2, ensure_ascii=False))
    else:
        for script in scripts:
            minutes = script.planned_seconds // 60
            print(f"{script.id:<28} {script.label}  ({minutes} min, {len(script.sections)} sections)")
    for problem in scripts.problems:
        print(f"skipped: {problem}", file=sys.stderr)
    for notice in scripts.notices:
        print(f"note: {notice}", file=sys.stderr)
    return 0

"""`ect-tui scripts`: list, check and show session scripts."""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Callable
from pathlib import Path

from ect_tui.commands import CommandError, catalog
from ect_tui.meeting.columns import fit_column
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
    new = actions.add_parser("new", help="copy a bundled script into your sessions folder to edit")
    new.add_argument("script_id", metavar="ID", help="the id of your new script")
    new.add_argument("--from", dest="from_id", required=True, metavar="BUNDLED_ID", help="the script to copy")
    common(new)
    new.set_defaults(func=run_new)
    show = actions.add_parser("show", help="print one script")
    show.add_argument("script_id", metavar="ID")
    show.add_argument("--json", action="store_true", help="print as JSON")
    common(show)
    show.set_defaults(func=run_show)


def _sessions_folder(args: argparse.Namespace) -> Path:
    from ect_tui.paths import user_sessions_dir

    sessions = getattr(args, "sessions", None)
    return Path(sessions).expanduser() if sessions else user_sessions_dir()


def run_check(args: argparse.Namespace) -> int:
    from ect_tui.script.catalog import banks_for
    from ect_tui.script.loader import ScriptError, load_script

    failed = False
    for name in args.files:
        # A provider's pack keeps its bank in frameworks/ beside its scripts.
        banks, bank_problems = banks_for([Path(name).parent, _sessions_folder(args)])
        for problem in bank_problems:
            failed = True
            print(problem, file=sys.stderr)
        try:
            script = load_script(Path(name), banks)
        except ScriptError as exc:
            failed = True
            for problem in exc.problems:
                print(problem, file=sys.stderr)
        else:
            minutes = script.planned_seconds // 60
            print(f"{name}: ok ({script.id}, {len(script.sections)} sections, {minutes} min)")
    return 1 if failed else 0


_ID = re.compile(r"[a-z0-9][a-z0-9-]{0,63}")


def run_new(args: argparse.Namespace) -> int:
    """Copy a bundled script's file under a new id, so a provider starts from a working plan."""
    from ect_tui.script.catalog import bundled_script_text, load_catalog

    if not _ID.fullmatch(args.script_id):
        raise CommandError(f"{args.script_id!r}: an id is lower-case letters, digits and dashes")
    folder = _sessions_folder(args)
    scripts = load_catalog([folder])  # a folder that does not exist yet is made below
    if args.script_id in scripts.scripts:
        raise CommandError(
            f"{args.script_id!r} is already a script id ({scripts.scripts[args.script_id].source})"
        )
    text = bundled_script_text(args.from_id)
    if text is None:
        known = ", ".join(s.id for s in scripts if s.source.startswith("sessions/"))
        raise CommandError(f"no bundled script {args.from_id!r} (bundled: {known})")
    target = folder / f"{args.script_id}.toml"
    if target.exists():
        raise CommandError(f"{target}: already exists; choose another id")
    text = re.sub(r'^id = ".*"$', f'id = "{args.script_id}"', text, count=1, flags=re.MULTILINE)
    text = re.sub(r"^version = \d+$", "version = 1", text, count=1, flags=re.MULTILINE)
    header = f"# Copied from the bundled script {args.from_id!r}; edit freely, then run: ect-tui scripts check {target}\n"
    try:
        folder.mkdir(parents=True, exist_ok=True)
        target.write_text(header + text, encoding="utf-8")
    except OSError as exc:
        raise CommandError(f"{target}: cannot write ({exc.strerror or exc})") from None
    print(f"{target}: copied from {args.from_id}; check it with: ect-tui scripts check {target}")
    return 0


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
        id_width = max((len(script.id) for script in scripts), default=0)
        for script in scripts:
            minutes = f"({script.planned_seconds // 60} min)"
            # 78 columns at most: the plan's name is cut with "…" rather than wrap (--json has it all).
            label = fit_column(script.label, max(20, 78 - id_width - len(minutes) - 2)).rstrip()
            print(f"{script.id:<{id_width}} {label} {minutes}")
    for problem in scripts.problems:
        print(f"skipped: {problem}", file=sys.stderr)
    for notice in scripts.notices:
        print(f"note: {notice}", file=sys.stderr)
    return 0

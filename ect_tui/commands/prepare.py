"""`ect-tui prepare --ect NAME --script ID`: the mentor's blind views before an audit."""

from __future__ import annotations

import argparse
from collections.abc import Callable

from ect_tui.commands import CommandError, catalog, db_path, open_store


def register(commands: argparse._SubParsersAction, common: Callable[[argparse.ArgumentParser], None]) -> None:
    prepare = commands.add_parser(
        "prepare",
        help="record your own view of audit statements before the meeting (hidden until the ECT rates)",
    )
    prepare.add_argument("--ect", metavar="NAME", required=True, help="the ECT you will audit with")
    prepare.add_argument("--script", metavar="ID", required=True, help="the session script with the audit")
    common(prepare)
    prepare.set_defaults(func=run_prepare)


def run_prepare(args: argparse.Namespace) -> int:
    from ect_tui.commands.history import known_ect
    from ect_tui.script.loader import ScriptError

    try:
        script = catalog(args).get(args.script)
    except ScriptError as exc:
        raise CommandError(str(exc)) from None
    if not script.audit_sections():
        raise CommandError(f"script {script.id!r} has no audit section to prepare for")
    if not db_path(args).exists():
        raise CommandError(
            f"no meetings with an ECT called {args.ect!r} (known: none yet); "
            "for a new ECT, type their name on the app's first screen and choose 'Prepare my view first'"
        )
    with open_store(args, read_only=True) as store:
        ect = known_ect(store, args.ect)
    from ect_tui.tui.launch import run_app

    return run_app(db=args.db, sessions=args.sessions, prepare=(ect, script.id))

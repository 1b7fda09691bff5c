"""`ect-tui review --ect NAME`: the ECT reads their meetings and progress; nothing can change."""

from __future__ import annotations

import argparse
from collections.abc import Callable

from ect_tui.commands import CommandError, db_path, open_store


def register(commands: argparse._SubParsersAction, common: Callable[[argparse.ArgumentParser], None]) -> None:
    review = commands.add_parser("review", help="read one ECT's meetings and audit progress (read-only)")
    review.add_argument("--ect", metavar="NAME", required=True, help="the ECT whose record to open")
    common(review)
    review.set_defaults(func=run_review)


def run_review(args: argparse.Namespace) -> int:
    from ect_tui.commands.history import known_ect

    if not db_path(args).exists():
        raise CommandError(f"no meetings with an ECT called {args.ect!r} (known: none yet)")
    with open_store(args, read_only=True) as store:
        ect = known_ect(store, args.ect)
    from ect_tui.tui.launch import run_app

    return run_app(db=args.db, sessions=args.sessions, review_ect=ect)

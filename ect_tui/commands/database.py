"""`ect-tui check-db`: is the database file sound?"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable

from ect_tui.commands import db_path


def register(commands: argparse._SubParsersAction, common: Callable[[argparse.ArgumentParser], None]) -> None:
    check = commands.add_parser("check-db", help="check the database file and every meeting in it")
    common(check)
    check.set_defaults(func=run_check_db)


def run_check_db(args: argparse.Namespace) -> int:
    from ect_tui.store.check import check_database

    ok, message = check_database(db_path(args))
    print(message, file=sys.stdout if ok else sys.stderr)
    return 0 if ok else 1

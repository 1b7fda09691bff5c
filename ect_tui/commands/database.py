"""`ect-tui check-db`: is the database file sound?"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable

from ect_tui.commands import db_path
from ect_tui.safe_text import json_text


def register(commands: argparse._SubParsersAction, common: Callable[[argparse.ArgumentParser], None]) -> None:
    check = commands.add_parser("check-db", help="check the database file and every meeting in it")
    check.add_argument("--json", action="store_true", help="print as JSON (on stdout, whatever is found)")
    common(check)
    check.set_defaults(func=run_check_db)


def run_check_db(args: argparse.Namespace) -> int:
    from ect_tui.store.check import inspect_database

    result = inspect_database(db_path(args))
    if args.json:
        print(json_text(result.as_json(), indent=2, ensure_ascii=False))
    else:
        print(result.message, file=sys.stdout if result.ok else sys.stderr)
    return 0 if result.ok else 1

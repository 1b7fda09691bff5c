"""`ect-tui keys`: every binding id you can remap in config.toml's [keymap], with its keys now."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable

from ect_tui.safe_text import json_text


def register(commands: argparse._SubParsersAction, common: Callable[[argparse.ArgumentParser], None]) -> None:
    keys = commands.add_parser(
        "keys",
        help="list the binding ids you can give your own keys in config.toml",
        description="List every binding id with its keys (yours from config.toml's [keymap], else the "
        "default) and what it does; then any problem with your keymap.",
    )
    keys.add_argument("--json", action="store_true", help="print as JSON")
    common(keys)
    keys.set_defaults(func=run_keys)


def run_keys(args: argparse.Namespace) -> int:
    from ect_tui.config import load_config
    from ect_tui.tui.app import EctApp
    from ect_tui.tui.keymap import check_keymap, known_bindings

    config = load_config()
    keymap = dict(config.keymap)
    where = str(config.path)
    problems = [*config.problems, *check_keymap(keymap, EctApp, where)] if keymap else list(config.problems)
    rows = [
        {
            "id": known.id,
            "keys": keymap.get(known.id, known.keys),
            "default": known.keys,
            "does": known.description,
            "where": known.where,
        }
        for known in known_bindings().values()
    ]
    if args.json:
        print(json_text({"bindings": rows, "problems": problems}, indent=2, ensure_ascii=False))
    else:
        for row in rows:
            mine = "" if row["keys"] == row["default"] else f"  (default {row['default']})"
            print(f"{row['id']:<24} {row['keys']:<18} {row['does']}{mine}")
    for problem in problems:
        print(f"ect-tui: {problem}", file=sys.stderr)
    return 1 if problems else 0

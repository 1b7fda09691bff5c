"""Crash bench: kill -9 a saving ect-tui store many times and count the damage.

    python bench/crash.py --rounds 500 [--app-rounds 50] [--seed N] [--max-delay SECONDS] [--dir DIR]

Prints ``rounds: N, corrupt: C, lost acknowledged saves: L`` and exits 1 if C or L
(or any other check) fails. The rounds are the ones tests/store/test_crash.py runs;
see tests/store/crash_harness.py for what each round checks. Then ``--app-rounds``
rounds kill the real app while a pilot types into a meeting (its autosave path, not
just the store; see bench/app_crash.py).
"""

from __future__ import annotations

import argparse
import importlib.util
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
HARNESS = REPO / "tests" / "store" / "crash_harness.py"


def load_harness():
    sys.path.insert(0, str(REPO))  # so the harness can import ect_tui from this checkout
    spec = importlib.util.spec_from_file_location("ect_tui_crash_harness", HARNESS)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look the module up while building
    spec.loader.exec_module(module)
    return module


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=500)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument(
        "--max-delay",
        type=float,
        default=0.05,
        help="longest random wait (s) between the child being ready and the kill",
    )
    parser.add_argument("--dir", type=Path, help="where to put the database (default: a temp folder)")
    parser.add_argument(
        "--app-rounds",
        type=int,
        default=50,
        help="rounds killing the real app while it types and autosaves (0 to skip)",
    )
    args = parser.parse_args(argv)
    harness = load_harness()

    def progress(number: int, report) -> None:
        if number % 50 == 0:
            print(f"  ... {number} rounds, {report.acked} acknowledged saves", file=sys.stderr, flush=True)

    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="ect-tui-crash-") as temp:
        folder = args.dir or Path(temp)
        folder.mkdir(parents=True, exist_ok=True)
        report = harness.run_rounds(
            folder, args.rounds, seed=args.seed, max_delay=args.max_delay, progress=progress
        )
        elapsed = time.perf_counter() - started
        print(report.summary())
        print(
            f"acknowledged saves: {report.acked}, kills during start-up: {report.early_kills}, "
            f"time: {elapsed:.1f} s"
        )
        for problem in report.problems:
            print(problem)
        ok = report.ok
        if args.app_rounds:
            sys.path.insert(0, str(Path(__file__).resolve().parent))
            from app_crash import run_app_rounds

            def app_progress(number: int, app_report) -> None:
                if number % 10 == 0:
                    print(
                        f"  ... {number} app rounds, {app_report.acked} acknowledged saves", file=sys.stderr
                    )

            started = time.perf_counter()
            app_report = run_app_rounds(folder, args.app_rounds, seed=args.seed, progress=app_progress)
            print(app_report.summary() + f", time: {time.perf_counter() - started:.1f} s")
            for problem in app_report.problems:
                print(problem)
            ok = ok and app_report.ok
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())

"""Run the ect-tui bench: speed and memory against a minimal Textual app, with targets.

    python -m bench [--sizes 10,1000,5000] [--runs 5] [--json PATH] [--dir DIR] [--quick]
    python -m bench --hub [--runs 3] [--hub-meetings 50000]   # a hub's 50,000 meetings (bench/hub.py)

Generates meeting histories of each size (cached under --dir), measures start-up,
typing, the history screen, saving and memory several times each, prints one table
(target and PASS/FAIL per row) and writes every figure as JSON (default
bench/results/latest.json). Figures are ratios against a baseline measured in the
same run, because absolute times vary between machines. Exits 0 even when a target
fails: it is a report. See bench/README.md.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

if __package__ in (None, ""):  # `python bench/run.py`: make `bench` importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench import histories, measure  # noqa: E402

DEFAULT_JSON = Path(__file__).resolve().parent / "results" / "latest.json"
DEFAULT_DIR = Path(tempfile.gettempdir()) / "ect-tui-bench"
PARTS = ("startup", "typing", "history", "store")
HUB_ONLY_PARTS = ("commands", "import")  # parts only the hub bench has (bench/hub.py)
FULL = {"sizes": [10, 1000, 5000], "runs": 5, "chars": 200, "interval": 0.03, "save_reps": 100, "warmup": 1}
QUICK = {"sizes": [3, 5], "runs": 1, "chars": 20, "interval": 0.01, "save_reps": 10, "warmup": 0}

# (row id, what it compares, target, unit): the figure passes when it is <= target.
TARGETS = [
    ("startup", "start -> first frame at {N} / minimal app first frame", 1.3, "x"),
    ("typing", "longest event-loop block typing {chars} chars at {N}", 16.0, "ms"),
    ("save", "save cost at {N} / save cost at {S}", 2.0, "x"),
    ("history", "history screen shown after its key at {N} / minimal first frame", 0.5, "x"),
    ("memory", "peak RSS at {N} / minimal app", 1.5, "x"),
]
SKIPPED = "n/a: not measured in this run (--only)"


# ----- small numeric helpers ---------------------------------------------------------


def numbers(values: Sequence[Any]) -> list[float]:
    return [v for v in values if isinstance(v, (int, float)) and not isinstance(v, bool)]


def median(values: Sequence[Any]) -> float | None:
    clean = numbers(values)
    return statistics.median(clean) if clean else None


def ratio(numerator: float | None, denominator: float | None) -> float | None:
    if numerator is None or not denominator:
        return None
    return numerator / denominator


def paired(values: Sequence[Any], baseline: Sequence[Any]) -> list[float]:
    """Run-by-run ratios (runs were interleaved, so each pair shares the machine's state)."""
    return [v / b for v, b in zip(values, baseline, strict=False) if numbers([v, b]) == [v, b] and b]


def spread_of(values: Sequence[Any]) -> list[float] | None:
    """[low, high]: min-max for a few runs, the middle half for many samples."""
    ordered = sorted(numbers(values))
    if not ordered:
        return None
    if len(ordered) < 10:
        return [ordered[0], ordered[-1]]
    return [ordered[len(ordered) // 4], ordered[(3 * len(ordered)) // 4]]


# ----- running -------------------------------------------------------------------------


class Log:
    """Progress lines on stderr, with the time since the bench started."""

    def __init__(self, quiet: bool) -> None:
        self.quiet = quiet
        self.start = time.monotonic()

    def __call__(self, message: str) -> None:
        if not self.quiet:
            print(f"[{time.monotonic() - self.start:6.1f}s] {message}", file=sys.stderr, flush=True)


def run_bench(
    *,
    sizes: list[int],
    runs: int,
    root: Path,
    chars: int = 200,
    interval: float = 0.03,
    save_reps: int = 100,
    warmup: int = 1,
    only: frozenset[str] = frozenset(PARTS),
    log: Callable[[str], None] = print,
) -> dict[str, Any]:
    """Generate, measure, and return the report: rows, every raw figure, and any errors.

    ``only`` skips whole parts (their rows read n/a), e.g. while working on one figure.
    A run that fails is recorded in ``errors`` and left out of the medians.
    """
    small, large = sizes[0], sizes[-1]
    root.mkdir(parents=True, exist_ok=True)
    env = measure.child_env(root)
    load_before = os.getloadavg()
    errors: list[str] = []

    def attempt(what: str, call: Callable[[], dict[str, Any]]) -> dict[str, Any]:
        try:
            return call()
        except measure.ChildFailed as error:
            errors.append(f"{what}: {error}")
            log(f"{what} FAILED: {str(error).splitlines()[-1] if str(error) else error}")
            return {"error": str(error)}

    log(f"histories: {', '.join(map(str, sizes))} meetings (cached in {root})")
    pristine = {}
    for size in sizes:
        started = time.monotonic()
        pristine[size] = histories.cached_history(root, size)
        log(
            f"  {size}: {histories.history_bytes(pristine[size]) / 1e6:.1f} MB ({time.monotonic() - started:.1f}s)"
        )
    # Measurements that write get their own copy, so the cached histories stay as generated.
    work = {}
    if only & {"typing", "history", "store"}:
        for size in (small, large):
            work[size] = histories.copy_history(pristine[size], root / "work" / str(size))

    # 1. Cold starts, interleaved (minimal, each size, minimal, ...) to share the noise.
    kinds: list[tuple[str, Path | None]] = [("minimal", None), *((str(s), pristine[s]) for s in sizes)]
    starts: dict[str, list[dict[str, Any]]] = {label: [] for label, _ in kinds}
    for number in range(warmup + runs if "startup" in only else 0):
        order = kinds if number % 2 == 0 else kinds[::-1]
        this_round = {}
        for label, db in order:
            this_round[label] = attempt(
                f"start-up of {label}",
                lambda db=db: measure.first_frame("minimal" if db is None else "ect", env, db),
            )
            if number >= warmup:
                starts[label].append(this_round[label])
        name = "warm-up" if number < warmup else f"run {number - warmup + 1}/{runs}"
        log(
            f"first frame {name}: "
            + ", ".join(f"{label} {_seconds(this_round[label].get('first_frame_s'))}" for label, _ in kinds)
        )

    # 2. Typing into a note, with the real autosave running.
    typed: dict[int, list[dict[str, Any]]] = {small: [], large: []}
    for number in range(runs if "typing" in only else 0):
        for size in (small, large):
            typed[size].append(
                attempt(
                    f"typing at {size}",
                    lambda size=size: measure.typing(work[size], env, chars=chars, interval=interval),
                )
            )
            if typed[size][-1].get("typed_ok") is False:
                errors.append(f"typing at {size}: the notes box did not end up holding the typed text")
        log(
            f"typing run {number + 1}/{runs}: "
            + ", ".join(f"{size}: {_ms(typed[size][-1].get('max_block_ms'))}" for size in (small, large))
        )

    # 3. The history screen.
    shown: dict[int, list[dict[str, Any]]] = {small: [], large: []}
    for number in range(runs if "history" in only else 0):
        for size in (small, large):
            shown[size].append(
                attempt(f"history at {size}", lambda size=size: measure.history(work[size], env))
            )
        log(
            f"history run {number + 1}/{runs}: "
            + ", ".join(f"{size}: {_history_text(shown[size][-1])}" for size in (small, large))
        )

    # 4. Saving, indexing and opening, in-process.
    costs: dict[int, dict[str, list[float]]] = {
        size: {"save": [], "index": [], "open": []} for size in (small, large)
    }
    if "store" in only:
        costs = measure.store_costs({small: work[small], large: work[large]}, repetitions=save_reps)
        log(
            f"save: {small}: {_ms(1000 * median(costs[small]['save']))}, "
            f"{large}: {_ms(1000 * median(costs[large]['save']))}"
        )

    raw = {
        "first_frame_s": {
            label: [r.get("first_frame_s") for r in results] for label, results in starts.items()
        },
        "settled_s": {label: [r.get("settled_s") for r in results] for label, results in starts.items()},
        "first_screen": {
            label: sorted({r["screen"] for r in results if "screen" in r})
            for label, results in starts.items()
        },
        "peak_rss_mb": {label: [r.get("peak_rss_mb") for r in results] for label, results in starts.items()},
        "typing": {str(size): results for size, results in typed.items()},
        "history": {str(size): results for size, results in shown.items()},
        "store_ms": {
            str(size): {what: [v * 1000 for v in values] for what, values in per.items()}
            for size, per in costs.items()
        },
    }
    return {
        "meta": {
            "sizes": sizes,
            "runs": runs,
            "warmup": warmup,
            "chars": chars,
            "interval_s": interval,
            "save_repetitions": save_reps,
            "parts": sorted(only),
            "dir": str(root),
            "history_mb": {str(s): histories.history_bytes(pristine[s]) / 1e6 for s in sizes},
            "python": platform.python_version(),
            "textual": _version("textual"),
            "platform": platform.platform(),
            "cpus": os.cpu_count(),
            "loadavg_before": load_before,
            "loadavg_after": os.getloadavg(),
            "when": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
        },
        "rows": build_rows(raw, sizes=sizes, chars=chars, only=only),
        "errors": errors,
        "raw": raw,
    }


def _seconds(value: float | None) -> str:
    return f"{value:.3f}s" if value is not None else "failed"


def _ms(value: float | None) -> str:
    return f"{value:.1f} ms" if value is not None else "failed"


def _history_text(result: dict[str, Any]) -> str:
    if "error" in result:
        return "failed"
    return f"{result['loaded_s']:.3f}s" if result.get("available") else "n/a"


def _version(package: str) -> str | None:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version(package)
    except PackageNotFoundError:
        return None


# ----- the table -------------------------------------------------------------------------


def build_rows(
    raw: dict[str, Any], *, sizes: list[int], chars: int, only: frozenset[str] = frozenset(PARTS)
) -> list[dict[str, Any]]:
    """The five target rows, then informational rows (target None, status "info")."""
    small, large = str(sizes[0]), str(sizes[-1])
    first, rss, store = raw["first_frame_s"], raw["peak_rss_mb"], raw["store_ms"]
    base_first = median(first["minimal"])
    names = {"N": f"{int(large):,}", "S": f"{int(small):,}", "chars": chars}

    history_large = [r for r in raw["history"][large] if r.get("available")]
    history_reason = next((r["reason"] for r in raw["history"][large] if r.get("reason")), None)
    typing_large = [r.get("max_block_ms") for r in raw["typing"][large]]
    figures = {
        "startup": (
            ratio(median(first[large]), base_first),
            spread_of(paired(first[large], first["minimal"])),
        ),
        "typing": (median(typing_large), spread_of(typing_large)),
        "save": (
            ratio(median(store[large]["save"]), median(store[small]["save"])),
            spread_of(paired(store[large]["save"], store[small]["save"])),
        ),
        "history": (
            ratio(median([r["loaded_s"] for r in history_large]), base_first),
            spread_of([r["loaded_s"] / base_first for r in history_large]) if base_first else None,
        ),
        "memory": (
            ratio(median(rss[large]), median(rss["minimal"])),
            spread_of(paired(rss[large], rss["minimal"])),
        ),
    }
    part_of = {
        "startup": "startup",
        "typing": "typing",
        "save": "store",
        "history": "history",
        "memory": "startup",
    }
    rows: list[dict[str, Any]] = []
    for row_id, text, target, unit in TARGETS:
        value, spread = figures[row_id]
        note = None
        if value is None:
            status = "n/a"
            if part_of[row_id] not in only:
                note = SKIPPED
            elif row_id == "history" and history_reason:
                note = history_reason
            else:
                note = "n/a: every run failed (see errors)"
        else:
            status = "PASS" if value <= target else "FAIL"
        rows.append(
            {
                "id": row_id,
                "figure": text.format(**names),
                "value": value,
                "unit": unit,
                "target": target,
                "spread": spread,
                "status": status,
                "note": note,
            }
        )

    def info(row_id: str, text: str, values: Sequence[Any], unit: str) -> None:
        rows.append(
            {
                "id": row_id,
                "figure": text,
                "value": median(values),
                "unit": unit,
                "target": None,
                "spread": spread_of(values),
                "status": "info",
                "note": None,
            }
        )

    info("minimal_first_frame", "minimal Textual app: start -> first frame", first["minimal"], "s")
    for size in map(str, sizes):
        info(f"first_frame_{size}", f"ect-tui at {int(size):,}: start -> first frame", first[size], "s")
    for size in map(str, sizes):
        info(
            f"settled_{size}",
            f"ect-tui at {int(size):,}: start -> start-up settled",
            raw["settled_s"][size],
            "s",
        )
    info("minimal_rss", "minimal Textual app: peak RSS", rss["minimal"], "MB")
    for size in map(str, sizes):
        info(f"rss_{size}", f"ect-tui at {int(size):,}: peak RSS", rss[size], "MB")
    for size in (small, large):
        results = raw["typing"][size]
        info(
            f"typing_{size}",
            f"longest block typing at {int(size):,}",
            [r.get("max_block_ms") for r in results],
            "ms",
        )
        info(
            f"typing_p99_{size}",
            f"99th-percentile block typing at {int(size):,}",
            [r.get("p99_block_ms") for r in results],
            "ms",
        )
        info(
            f"typing_saves_{size}",
            f"autosaves while typing at {int(size):,}",
            [r.get("saves") for r in results],
            "",
        )
    for what, label in (
        ("save", "save_meeting (the autosave, off the loop)"),
        ("index", "index_meeting (status or position change)"),
        ("open", "Store.open"),
    ):
        for size in (small, large):
            info(f"{what}_{size}", f"{label} at {int(size):,}", store[size][what], "ms")
    for size in (small, large):
        available = [r for r in raw["history"][size] if r.get("available")]
        info(
            f"history_first_{size}",
            f"history key -> its first frame at {int(size):,}",
            [r["first_frame_s"] for r in available],
            "s",
        )
        info(
            f"history_drawn_{size}",
            f"history key -> meetings first drawn at {int(size):,}",
            [r["drawn_s"] for r in available],
            "s",
        )
        info(
            f"history_loaded_{size}",
            f"history key -> meetings shown, app responsive at {int(size):,}",
            [r["loaded_s"] for r in available],
            "s",
        )
        info(
            f"history_settled_{size}",
            f"history key -> screen settled at {int(size):,}",
            [r["settled_s"] for r in available],
            "s",
        )
    return rows


def format_value(value: float | None, unit: str) -> str:
    if value is None:
        return "n/a"
    if unit == "x":
        return f"{value:.2f}x"
    if unit == "s":
        return f"{value:.3f} s"
    if unit == "ms":
        return f"{value:.1f} ms" if value >= 1 else f"{value:.2f} ms"
    if unit == "MB":
        return f"{value:.1f} MB"
    return f"{value:g}"


def format_table(report: dict[str, Any]) -> str:
    header = ("figure", "median", "spread", "target", "result")
    lines = []
    for row in report["rows"]:
        spread = row["spread"]
        spread_text = (
            f"{format_value(spread[0], row['unit'])} - {format_value(spread[1], row['unit'])}"
            if spread
            else ""
        )
        target = f"<= {format_value(row['target'], row['unit'])}" if row["target"] is not None else ""
        result = "" if row["status"] == "info" else row["note"] if row["status"] == "n/a" else row["status"]
        lines.append(
            (row["figure"], format_value(row["value"], row["unit"]), spread_text, target, result or "")
        )
    widths = [max(len(line[i]) for line in [header, *lines]) for i in range(4)]
    targets = sum(1 for row in report["rows"] if row["status"] != "info")
    out = []
    for number, line in enumerate([header, *lines]):
        out.append("  ".join([*(cell.ljust(widths[i]) for i, cell in enumerate(line[:4])), line[4]]).rstrip())
        if number in (0, targets):
            out.append("  ".join("-" * w for w in widths) + "  ------")
    meta = report["meta"]
    out.append("")
    if "sizes" in meta:
        out.append(
            f"runs: {meta['runs']} each (after {meta['warmup']} warm-up start), sizes: {meta['sizes']}, "
            f"history on disk: {', '.join(f'{k}: {v:.1f} MB' for k, v in meta['history_mb'].items())}"
        )
    hub = meta.get("hub")
    if hub:
        out.append(
            f"hub: {hub['meetings']:,} meetings for {hub['ects']} ECTs ({hub['hub_mb']:.0f} MB on disk), "
            f"index updates against a {hub['small']}-meeting store, import of {hub['bundle']:,}; "
            f"runs: {hub['runs']} each; "
            f"load average before/after: {hub['loadavg_before'][0]:.2f}/{hub['loadavg_after'][0]:.2f}"
        )
    if "loadavg_before" in meta:
        out.append(
            f"load average before/after: {meta['loadavg_before'][0]:.2f}/{meta['loadavg_after'][0]:.2f} "
            f"on {meta['cpus']} CPUs; spread is min-max over runs (middle half for per-call figures)"
        )
    for error in report["errors"]:
        out.append(f"error: {error.splitlines()[0]}")
    return "\n".join(out)


def parse_sizes(text: str) -> list[int]:
    try:
        sizes = sorted({int(part.replace("_", "")) for part in text.split(",") if part.strip()})
    except ValueError:
        raise argparse.ArgumentTypeError("sizes are whole numbers, e.g. 10,1000,5000") from None
    if len(sizes) < 2 or sizes[0] < 1:
        raise argparse.ArgumentTypeError("give at least two sizes, e.g. 10,1000,5000")
    return sizes


def parse_parts(text: str) -> frozenset[str]:
    parts = frozenset(part.strip() for part in text.split(",") if part.strip())
    if not parts or parts - set(PARTS) - set(HUB_ONLY_PARTS):
        raise argparse.ArgumentTypeError(f"choose from {', '.join(PARTS + HUB_ONLY_PARTS)}")
    return parts


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__.splitlines()[0])
    parser.add_argument(
        "--sizes",
        type=parse_sizes,
        default=None,
        help="meeting counts; the smallest is the baseline for saves (default 10,1000,5000)",
    )
    parser.add_argument("--runs", type=int, default=None, help="runs of each measurement (default 5)")
    parser.add_argument(
        "--chars", type=int, default=None, help="characters typed into the note (default 200)"
    )
    parser.add_argument(
        "--json", type=Path, default=DEFAULT_JSON, help=f"where to write the figures (default {DEFAULT_JSON})"
    )
    parser.add_argument(
        "--dir", type=Path, default=DEFAULT_DIR, help=f"cache and scratch folder (default {DEFAULT_DIR})"
    )
    parser.add_argument(
        "--only",
        type=parse_parts,
        default=frozenset(PARTS + HUB_ONLY_PARTS),
        help=f"measure only these parts, comma-separated ({','.join(PARTS + HUB_ONLY_PARTS)})",
    )
    parser.add_argument(
        "--quick", action="store_true", help="tiny sizes, one run: checks the bench works, not the app"
    )
    parser.add_argument(
        "--hub",
        action="store_true",
        help="a teaching school hub: 500 ECTs, 50,000 meetings, and the tutor's commands (bench/hub.py)",
    )
    parser.add_argument(
        "--hub-meetings",
        type=int,
        default=None,
        help="meetings in the hub (default 50000; ECTs: one per 100)",
    )
    parser.add_argument("--quiet", action="store_true", help="no progress lines on stderr")
    args = parser.parse_args(argv)
    settings: dict[str, Any] = dict(QUICK if args.quick else FULL)
    if args.sizes is not None:
        settings["sizes"] = args.sizes
    if args.runs is not None:
        settings["runs"] = max(1, args.runs)
    if args.chars is not None:
        settings["chars"] = max(1, args.chars)
    log = Log(args.quiet)
    if args.hub:
        report = hub_report(args, log, quick=args.quick)
    else:
        report = run_bench(root=args.dir, log=log, only=args.only & set(PARTS), **settings)
        if args.quick:  # the hub's rows too, at a tiny size, so the test keeps them working
            joined = hub_report(args, log, quick=True)
            report["rows"] = [r for r in report["rows"] + joined["rows"] if r["status"] != "info"] + [
                r for r in report["rows"] + joined["rows"] if r["status"] == "info"
            ]
            report["errors"] += joined["errors"]
            report["raw"]["hub"] = joined["raw"]
            report["meta"]["hub"] = joined["meta"]["hub"]
    print(format_table(report))
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    print(f"\nfigures written to {args.json}")
    missed = [row["id"] for row in report["rows"] if row["status"] == "FAIL"]
    if missed:
        print(f"targets missed: {', '.join(missed)}")
    return 0


def hub_report(args: argparse.Namespace, log: Callable[[str], None], *, quick: bool) -> dict[str, Any]:
    from bench import hub

    settings: dict[str, Any] = dict(hub.HUB_QUICK if quick else hub.HUB)
    if args.hub_meetings is not None:
        settings["meetings"] = max(10, args.hub_meetings)
        settings["ects"] = max(1, settings["meetings"] // 100)
    if args.runs is not None:
        settings["runs"] = max(1, args.runs)
    if quick:
        settings.update(chars=QUICK["chars"], interval=QUICK["interval"], warmup=0)
    if args.chars is not None:
        settings["chars"] = max(1, args.chars)
    found = hub.run_hub(root=args.dir, log=log, only=args.only, **settings)
    found["meta"] = {"hub": found["meta"]}
    return found


if __name__ == "__main__":
    sys.exit(main())

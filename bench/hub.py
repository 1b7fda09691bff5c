"""``python -m bench --hub``: a teaching school hub's history (500 ECTs, 50,000 meetings) on one laptop.

Eight target rows, each measured side by side with its baseline in the same run:
the app (start-up, typing, index updates, the history screen, memory) at the hub's
size against a minimal Textual app or a 10-meeting database, and the tutor's
commands (``report --json``, ``history --json``, ``import``) against the least any
program would pay for the same data (floor_child.py). See bench/README.md.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from bench import hub_histories, measure
from bench.run import median, paired, ratio, spread_of

FLOOR_CHILD = measure.BENCH_DIR / "floor_child.py"
REPO = measure.BENCH_DIR.parent
AS_OF = "2026-11-25"  # the day after the newest generated meeting: the report is the same every run

HUB = {"meetings": 50_000, "ects": 500, "small": 10, "bundle": 5_000, "runs": 3, "index_reps": 40}
HUB_QUICK = {"meetings": 40, "ects": 4, "small": 10, "bundle": 8, "runs": 1, "index_reps": 5}
HUB_PARTS = ("startup", "typing", "history", "store", "commands", "import")

# (row id, what it compares, target, unit, part): the figure passes when it is <= target.
HUB_TARGETS = [
    ("hub_startup", "hub: start -> first frame at {N} / minimal app first frame", 1.3, "x", "startup"),
    ("hub_typing", "hub: longest event-loop block typing {chars} chars at {N}", 16.0, "ms", "typing"),
    ("hub_index", "hub: index update (status, position, finish) at {N} / at {S}", 2.0, "x", "store"),
    (
        "hub_history",
        "hub: history screen shown after its key at {N} / minimal first frame",
        0.5,
        "x",
        "history",
    ),
    ("hub_memory", "hub: peak RSS at {N} / minimal app", 2.0, "x", "startup"),
    ("hub_report", "hub: `report --json` at {N} / reading and parsing the index", 2.0, "x", "commands"),
    (
        "hub_history_json",
        "hub: `history --json` at {N} / reading and parsing the index",
        2.0,
        "x",
        "commands",
    ),
    ("hub_import", "hub: `import` of {B} into {R} / writing those {B} files atomically", 2.0, "x", "import"),
]


def timed_command(args: list[str], env: dict[str, str]) -> tuple[float, str]:
    """Run ``python ARGS`` to completion: (seconds from spawn to exit, its stdout's last line)."""
    start = time.monotonic()
    process = subprocess.run(
        [sys.executable, *args],
        env=env,
        cwd=REPO,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        timeout=measure.CHILD_TIMEOUT,
        check=False,
    )
    elapsed = time.monotonic() - start
    if process.returncode != 0:
        raise measure.ChildFailed(
            f"{' '.join(args[:3])} exited {process.returncode}: {process.stderr.decode()[-2000:]}"
        )
    lines = process.stdout.decode(errors="replace").strip().splitlines()
    return elapsed, (lines[-1] if lines else "")


def index_files(db: Path) -> list[Path]:
    """The index as the store keeps it: its month files and their summary (store/segment_files.py;
    closing the store folds the journal in). Before schema 2 it was the database file itself."""
    return sorted(db.with_name(db.name + ".index").glob("*.json"))


def floor_parse(db: Path, env: dict[str, str]) -> float:
    seconds, _ = timed_command([str(FLOOR_CHILD), "parse", os.devnull, *map(str, index_files(db))], env)
    return seconds


def floor_write(bundle: Path, folder: Path, env: dict[str, str]) -> float:
    if folder.exists():
        shutil.rmtree(folder)
    result, _ = measure.run_child([str(FLOOR_CHILD), "write", str(bundle), str(folder)], env)
    shutil.rmtree(folder)
    return result["write_s"]


def command(db: Path, env: dict[str, str], *args: str) -> float:
    seconds, _ = timed_command(["-m", "ect_tui", *args, "--db", str(db)], env)
    return seconds


def import_once(base: Path, bundle: Path, work: Path, env: dict[str, str], expected: int) -> float:
    """``ect-tui import`` of the bundle into a fresh copy of the base; checks every meeting was added."""
    db = hub_histories.link_copy(base, work)
    seconds, summary = timed_command(["-m", "ect_tui", "import", str(bundle), "--db", str(db)], env)
    if f": {expected} added" not in summary:
        raise measure.ChildFailed(f"import did not add {expected} meetings: {summary}")
    shutil.rmtree(work)
    return seconds


# ----- the store, in-process ------------------------------------------------------------


def index_costs(dbs: dict[int, Path], *, repetitions: int) -> dict[int, dict[str, list[float]]]:
    """Per size: seconds per index update (a position change, a reopen, a finish), per save, per open.

    Each update changes the document as the app does (``updated`` always moves), and
    the sizes are interleaved inside every repetition so they share the machine's noise.
    """
    from ect_tui.store import Store

    stores = {size: Store.open(db) for size, db in dbs.items()}
    times: dict[int, dict[str, list[float]]] = {size: {"index": [], "save": [], "open": []} for size in dbs}
    try:
        docs = {size: store.load_meeting(store.list_meetings()[-1]["id"]) for size, store in stores.items()}
        for number in range(repetitions):
            for size, store in stores.items():
                doc = docs[size]
                for change in ("position", "reopen", "finish"):
                    stamp = f"2026-11-24T17:{number // 60 % 60:02d}:{number % 60:02d}+00:00"
                    doc["updated"] = stamp
                    if change == "position":
                        doc["position"] = doc["sections"][number % len(doc["sections"])]["id"]
                    elif change == "reopen":
                        doc["status"], doc["ended"] = "in-progress", None
                    else:
                        doc["status"], doc["ended"], doc["position"] = "complete", stamp, "summary"
                    started = time.perf_counter()
                    store.index_meeting(doc)
                    times[size]["index"].append(time.perf_counter() - started)
                started = time.perf_counter()
                store.save_meeting(doc)
                times[size]["save"].append(time.perf_counter() - started)
    finally:
        for store in stores.values():
            store.close()
    for _ in range(3):
        for size, db in dbs.items():
            started = time.perf_counter()
            Store.open(db).close()
            times[size]["open"].append(time.perf_counter() - started)
    return times


# ----- running ----------------------------------------------------------------------------


def run_hub(
    *,
    meetings: int,
    ects: int,
    small: int,
    bundle: int,
    runs: int,
    index_reps: int,
    root: Path,
    chars: int = 200,
    interval: float = 0.03,
    warmup: int = 1,
    only: frozenset[str] = frozenset(HUB_PARTS),
    log: Callable[[str], None] = print,
) -> dict[str, Any]:
    """Generate (once, cached under ``root``), measure, and return rows, raw figures and errors."""
    root.mkdir(parents=True, exist_ok=True)
    env = measure.child_env(root)
    errors: list[str] = []
    load_before = os.getloadavg()

    def attempt(what: str, call: Callable[[], Any]) -> Any:
        try:
            return call()
        except (measure.ChildFailed, subprocess.TimeoutExpired) as error:
            errors.append(f"{what}: {error}")
            log(f"{what} FAILED: {str(error).splitlines()[-1] if str(error) else error}")
            return None

    started = time.monotonic()
    hub, summary = hub_histories.cached_hub(root, meetings, ects)
    tiny, _ = hub_histories.cached_hub(root, small, max(1, small // 5))
    log(
        f"hub: {summary['meetings']:,} meetings for {summary['ects']} ECTs ({time.monotonic() - started:.1f}s)"
    )
    scratch = root / "hub-work"
    scratch.mkdir(exist_ok=True)
    work = hub_histories.link_copy(hub, scratch / "hub")
    work_small = hub_histories.link_copy(tiny, scratch / "small")
    raw: dict[str, Any] = {k: {} for k in ("first_frame_s", "peak_rss_mb")}
    raw.update(
        typing=[], history=[], floor_s=[], report_s=[], history_json_s=[], import_s=[], write_floor_s=[]
    )

    # 1. Cold starts: minimal, hub, hub, minimal ... (interleaved, after a warm-up).
    starts: dict[str, list[dict[str, Any]]] = {"minimal": [], "hub": []}
    for number in range(warmup + runs if "startup" in only else 0):
        order = [("minimal", None), ("hub", work)]
        for label, db in order if number % 2 == 0 else order[::-1]:
            result = attempt(
                f"hub start-up of {label}",
                lambda db=db: measure.first_frame("minimal" if db is None else "ect", env, db),
            )
            if number >= warmup:
                starts[label].append(result or {})
        if number >= warmup:
            log(
                f"hub first frame run {number - warmup + 1}/{runs}: "
                + ", ".join(
                    f"{k} {_num(v[-1].get('first_frame_s'), 's')} {_num(v[-1].get('peak_rss_mb'), 'MB')}"
                    for k, v in starts.items()
                )
            )
    raw["first_frame_s"] = {k: [r.get("first_frame_s") for r in v] for k, v in starts.items()}
    raw["peak_rss_mb"] = {k: [r.get("peak_rss_mb") for r in v] for k, v in starts.items()}

    # 2. Typing and 3. the history screen, at the hub's size.
    for number in range(runs if "typing" in only else 0):
        result = (
            attempt("hub typing", lambda: measure.typing(work, env, chars=chars, interval=interval)) or {}
        )
        if result.get("typed_ok") is False:
            errors.append("hub typing: the notes box did not end up holding the typed text")
        raw["typing"].append(result)
        log(f"hub typing run {number + 1}/{runs}: {_num(result.get('max_block_ms'), 'ms')}")
    for number in range(runs if "history" in only else 0):
        result = attempt("hub history", lambda: measure.history(work, env)) or {}
        raw["history"].append(result)
        log(f"hub history run {number + 1}/{runs}: {_num(result.get('loaded_s'), 's')}")

    # 4. Index updates, saves and opens, in-process.
    if "store" in only:
        costs = index_costs({small: work_small, meetings: work}, repetitions=index_reps)
        raw["store_ms"] = {
            str(size): {k: [v * 1000 for v in vs] for k, vs in per.items()} for size, per in costs.items()
        }
        log(
            f"hub index update: {small}: {_num(median(raw['store_ms'][str(small)]['index']), 'ms')}, "
            f"{meetings}: {_num(median(raw['store_ms'][str(meetings)]['index']), 'ms')}"
        )
    else:
        raw["store_ms"] = {str(size): {"index": [], "save": [], "open": []} for size in (small, meetings)}

    # 5. The tutor's commands against the floor, interleaved.
    for number in range(runs if "commands" in only else 0):
        raw["floor_s"].append(attempt("hub floor", lambda: floor_parse(work, env)))
        raw["report_s"].append(
            attempt("hub report", lambda: command(work, env, "report", "--json", "--as-of", AS_OF))
        )
        raw["history_json_s"].append(
            attempt("hub history --json", lambda: command(work, env, "history", "--json"))
        )
        log(
            f"hub commands run {number + 1}/{runs}: floor {_num(raw['floor_s'][-1], 's')}, "
            f"report {_num(raw['report_s'][-1], 's')}, history --json {_num(raw['history_json_s'][-1], 's')}"
        )

    # 6. Import of a bundle of the newest meetings into the rest.
    imported = min(bundle, max(1, meetings // 10))
    if "import" in only and runs:
        newest = summary["ids"][-imported:]
        base = hub_histories.cached_base(root, hub, meetings, ects, set(newest))
        bundle_path = hub_histories.cached_bundle(root, hub, meetings, ects, newest)
        for number in range(runs):
            raw["write_floor_s"].append(
                attempt("hub write floor", lambda: floor_write(bundle_path, scratch / "floor", env))
            )
            raw["import_s"].append(
                attempt(
                    "hub import", lambda: import_once(base, bundle_path, scratch / "import", env, imported)
                )
            )
            log(
                f"hub import run {number + 1}/{runs}: floor {_num(raw['write_floor_s'][-1], 's')}, "
                f"import {_num(raw['import_s'][-1], 's')}"
            )

    names = {
        "N": f"{meetings:,}",
        "S": f"{small:,}",
        "B": f"{imported:,}",
        "R": f"{meetings - imported:,}",
        "chars": chars,
    }
    return {
        "meta": {
            "meetings": meetings,
            "ects": summary["ects"],
            "small": small,
            "bundle": imported,
            "runs": runs,
            "parts": sorted(only),
            "hub_mb": hub_bytes(hub) / 1e6,
            "loadavg_before": load_before,
            "loadavg_after": os.getloadavg(),
        },
        "rows": hub_rows(raw, names=names, small=str(small), large=str(meetings), only=only),
        "errors": errors,
        "raw": raw,
    }


def hub_bytes(db: Path) -> int:
    from bench.histories import history_bytes

    return history_bytes(db)


def _num(value: float | None, unit: str) -> str:
    if value is None:
        return "failed"
    return f"{value:.1f} {unit}" if unit in ("ms", "MB") else f"{value:.3f}{unit}"


def hub_rows(
    raw: dict[str, Any], *, names: dict[str, Any], small: str, large: str, only: frozenset[str]
) -> list[dict[str, Any]]:
    """The eight target rows, then informational rows."""
    first, rss, store = raw["first_frame_s"], raw["peak_rss_mb"], raw["store_ms"]
    base_first = median(first.get("minimal", []))
    loaded = [r.get("loaded_s") for r in raw["history"] if r.get("available")]
    blocks = [r.get("max_block_ms") for r in raw["typing"]]
    figures = {
        "hub_startup": (
            ratio(median(first.get("hub", [])), base_first),
            spread_of(paired(first.get("hub", []), first.get("minimal", []))),
        ),
        "hub_typing": (median(blocks), spread_of(blocks)),
        "hub_index": (
            ratio(median(store[large]["index"]), median(store[small]["index"])),
            spread_of(paired(store[large]["index"], store[small]["index"])),
        ),
        "hub_history": (
            ratio(median(loaded), base_first),
            spread_of([v / base_first for v in loaded if v is not None]) if base_first else None,
        ),
        "hub_memory": (
            ratio(median(rss.get("hub", [])), median(rss.get("minimal", []))),
            spread_of(paired(rss.get("hub", []), rss.get("minimal", []))),
        ),
        "hub_report": (
            ratio(median(raw["report_s"]), median(raw["floor_s"])),
            spread_of(paired(raw["report_s"], raw["floor_s"])),
        ),
        "hub_history_json": (
            ratio(median(raw["history_json_s"]), median(raw["floor_s"])),
            spread_of(paired(raw["history_json_s"], raw["floor_s"])),
        ),
        "hub_import": (
            ratio(median(raw["import_s"]), median(raw["write_floor_s"])),
            spread_of(paired(raw["import_s"], raw["write_floor_s"])),
        ),
    }
    rows: list[dict[str, Any]] = []
    for row_id, text, target, unit, part in HUB_TARGETS:
        value, spread = figures[row_id]
        if value is None:
            status = "n/a"
            note = (
                "n/a: not measured in this run (--only)"
                if part not in only
                else "n/a: every run failed (see errors)"
            )
        else:
            status, note = ("PASS" if value <= target else "FAIL"), None
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

    def info(row_id: str, text: str, values: list[Any], unit: str) -> None:
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

    n = names["N"]
    info("hub_first_frame", f"hub: ect-tui at {n}: start -> first frame", first.get("hub", []), "s")
    info("hub_rss", f"hub: ect-tui at {n}: peak RSS", rss.get("hub", []), "MB")
    info("hub_minimal_rss", "hub: minimal Textual app: peak RSS", rss.get("minimal", []), "MB")
    for size in (small, large):
        label = f"{int(size):,}"
        info(f"hub_index_{size}", f"hub: index update at {label}", store[size]["index"], "ms")
        info(f"hub_save_{size}", f"hub: save_meeting at {label}", store[size]["save"], "ms")
        info(f"hub_open_{size}", f"hub: Store.open at {label}", store[size]["open"], "ms")
    info(
        "hub_typing_p99",
        f"hub: 99th-percentile block typing at {n}",
        [r.get("p99_block_ms") for r in raw["typing"]],
        "ms",
    )
    info("hub_floor", f"hub: reading and parsing the index at {n}", raw["floor_s"], "s")
    info("hub_report_s", f"hub: `report --json` at {n}", raw["report_s"], "s")
    info("hub_history_json_s", f"hub: `history --json` at {n}", raw["history_json_s"], "s")
    info("hub_write_floor", f"hub: writing {names['B']} meeting files atomically", raw["write_floor_s"], "s")
    info("hub_import_s", f"hub: `import` of {names['B']} into {names['R']}", raw["import_s"], "s")
    return rows

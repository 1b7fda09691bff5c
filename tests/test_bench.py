"""The bench keeps working: a tiny run produces every row, with numbers.

No timing is asserted here (the figures depend on the machine and its load);
``python -m bench`` is where the targets are judged.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
TARGET_ROWS = {"startup", "typing", "save", "history", "memory"}
# `--quick` runs the hub's rows too (bench/hub.py), at 40 meetings.
HUB_ROWS = {
    "hub_startup",
    "hub_typing",
    "hub_index",
    "hub_history",
    "hub_memory",
    "hub_report",
    "hub_history_json",
    "hub_import",
}


def test_quick_bench_writes_every_row(tmp_path: Path) -> None:
    out = tmp_path / "bench.json"
    # Its own folder: two test runs at once on one machine must not share (and lock) one.
    cache = tmp_path / "bench-cache"
    result = subprocess.run(
        [sys.executable, "-m", "bench", "--quick", "--quiet", "--dir", str(cache), "--json", str(out)],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    report = json.loads(out.read_text())
    assert report["errors"] == []

    rows = {row["id"]: row for row in report["rows"]}
    assert set(rows) >= TARGET_ROWS | HUB_ROWS
    for row_id in TARGET_ROWS | HUB_ROWS:
        row = rows[row_id]
        assert isinstance(row["target"], (int, float)), row
        if row_id in ("history", "hub_history") and row["status"] == "n/a":
            assert row["note"].startswith("n/a"), row  # the history screen may not exist yet
            continue
        assert isinstance(row["value"], (int, float)), row
        assert row["status"] in {"PASS", "FAIL"}, row
        assert row["figure"] in result.stdout

    for row in report["rows"]:
        if row["status"] == "info" and "history" not in row["id"]:
            assert isinstance(row["value"], (int, float)), row
    assert report["meta"]["sizes"] == [3, 5]
    assert report["meta"]["hub"]["meetings"] == 40
    assert "PASS" in result.stdout or "FAIL" in result.stdout

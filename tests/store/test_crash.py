"""Kill -9 during saves: the database always opens and no acknowledged save is lost.

30 rounds here; ``python bench/crash.py --rounds 500`` runs the same rounds at length.
"""

from __future__ import annotations

from pathlib import Path

from .crash_harness import run_rounds


def test_sigkill_during_saves_never_corrupts_or_loses_acknowledged_saves(tmp_path: Path) -> None:
    report = run_rounds(tmp_path, rounds=30, seed=20250908)
    assert report.problems == []
    assert (report.rounds, report.corrupt, report.lost) == (30, 0, 0)
    assert report.acked > 0  # the kills really landed while saves were happening

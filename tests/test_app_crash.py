"""The app's autosave path survives kill -9 (a few rounds; `python bench/crash.py` runs hundreds)."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

BENCH = Path(__file__).resolve().parents[1] / "bench"


def test_killing_the_typing_app_loses_no_acknowledged_save(tmp_path: Path) -> None:
    spec = importlib.util.spec_from_file_location("ect_tui_app_crash", BENCH / "app_crash.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look the module up while building
    spec.loader.exec_module(module)
    report = module.run_app_rounds(tmp_path, 2, seed=7)
    assert report.ok, report.problems
    assert report.rounds == 2 and report.acked > 0

"""A coordinator's bundle carries the study log and rhythm settings, never mentor-only tables."""

from __future__ import annotations

from datetime import date

from ect_tui.coaching.records import add_study, set_ect_setting, study_entries
from ect_tui.coaching.study import StudyEntry
from ect_tui.export.bundle import store_bundle
from ect_tui.store import Store
from ect_tui.store.priors import save_priors
from ect_tui.transfer.importer import import_bundle
from tests.export.conftest import put


def test_shared_bundle_keeps_engagement_tables_only(db, meeting, tmp_path):
    put(db, meeting.to_doc())
    add_study(db, StudyEntry("Sam Jones", date(2026, 11, 16), 40, "Routines"))
    set_ect_setting(db, "Sam Jones", year=1)
    save_priors(db, "Sam Jones", "m1w1-module-audit", {"1.1": {"level": "secure", "evidence": "seen"}})
    db.set_setting("last_mentor", "Alex Smith")

    shared = store_bundle(db, shared=True)
    assert set(shared["tables"]) == {"study", "ect_settings"}
    full = store_bundle(db, shared=False)
    assert {"study", "ect_settings", "priors"} <= set(full["tables"])

    with Store.open(tmp_path / "coordinator" / "ect-tui.json") as coordinator:
        import_bundle(coordinator, shared)
        assert [e.minutes for e in study_entries(coordinator, "Sam Jones")] == [40]
        assert coordinator.table("priors").all() == []
        assert coordinator.get_setting("last_mentor") is None

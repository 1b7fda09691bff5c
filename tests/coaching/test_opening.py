"""What a meeting opens with, from the store, without a pilot (coaching/opening.py): last
time's agreed points, the last audit, prepared views joining a resumed meeting."""

from __future__ import annotations

from ect_tui.coaching.opening import (
    carried_forward_from_last,
    earlier_meetings,
    join_prepared_views,
    last_audit_of,
)
from ect_tui.meeting.clock import FakeClock
from ect_tui.meeting.transcript import Meeting
from ect_tui.store import Store
from ect_tui.store.priors import save_priors

DAY = 7 * 24 * 3600


def _meeting(script, clock, ect="Sam Jones") -> Meeting:
    return Meeting(script, ect=ect, mentor="Alex Smith", clock=clock)


def test_last_time_is_the_newest_finished_meeting_before_this_one(tmp_path, audit_script):
    clock = FakeClock()
    with Store.open(tmp_path / "db.json") as store:
        older = _meeting(audit_script, clock)
        older.set_focus("next-steps", "1a", True)
        older.rate("audit", "1a", "emerging")
        older.finish()
        store.put_meeting(older.to_doc())
        clock.advance(DAY)
        newer = _meeting(audit_script, clock)
        newer.set_field("next-steps", "further-reading", "Routines chapter")
        newer.rate("audit", "1a", "developing")
        newer.finish()
        store.put_meeting(newer.to_doc())
        clock.advance(DAY)
        unfinished = _meeting(audit_script, clock)  # left open: not "last time"
        unfinished.set_field("next-steps", "further-reading", "Not this one")
        store.put_meeting(unfinished.to_doc())
        store.put_meeting(_meeting(audit_script, clock, ect="Robin Lee").to_doc())  # someone else
        clock.advance(DAY)
        today = _meeting(audit_script, clock)

        assert [d["id"] for d in earlier_meetings(store, today)] == [newer.id, older.id]
        date, lines = carried_forward_from_last(store, {audit_script.id: audit_script}, today)
        assert date == newer.started.date().isoformat()
        assert lines == ["Further reading: Routines chapter"]
        when, levels = last_audit_of(store, today)
        assert when.startswith(newer.started.date().isoformat())
        assert levels["1a"] == "developing"


def test_a_first_meeting_opens_with_nothing_carried(tmp_path, audit_script):
    with Store.open(tmp_path / "db.json") as store:
        meeting = _meeting(audit_script, FakeClock())
        assert carried_forward_from_last(store, {audit_script.id: audit_script}, meeting) is None
        assert last_audit_of(store, meeting) is None


def test_views_prepared_meanwhile_join_where_still_blind(tmp_path, audit_script):
    with Store.open(tmp_path / "db.json") as store:
        meeting = _meeting(audit_script, FakeClock())
        meeting.rate("audit", "1a", "secure")  # rated already: a view now would not be blind
        views = {"1a": {"level": "emerging"}, "1b": {"level": "developing", "evidence": "seen"}}
        save_priors(store, meeting.ect, audit_script.id, views)
        left = join_prepared_views(store, meeting)
        assert meeting.record("audit").rating("1b").prior == "developing"
        assert meeting.record("audit").rating("1a").prior is None
        assert left == {"1a": {"level": "emerging"}}
        assert join_prepared_views(store, _meeting(audit_script, FakeClock(), ect="Robin Lee")) is None


def _finished(script, clock, ect="Sam Jones") -> dict:
    meeting = _meeting(script, clock, ect=ect)
    meeting.finish()
    clock.advance(DAY)
    return meeting.to_doc()


def test_after_coaching_the_same_plan_and_after_an_audit_the_coaching_plan_last_used(tmp_path, audit_script):
    from ect_tui.coaching.opening import plan_after
    from ect_tui.script.catalog import load_catalog

    scripts = list(load_catalog([]))
    by_id = {script.id: script for script in scripts}
    clock = FakeClock()
    with Store.open(tmp_path / "db.json") as store:
        year2 = by_id["year2-coaching"]
        assert plan_after(store, scripts, year2, "Sam Jones") == "year2-coaching"  # the weekly rhythm
        # No coaching with Sam yet: after an audit, the first plan that is not an audit.
        first_plain = next(s.id for s in scripts if not s.audit_sections())
        assert plan_after(store, scripts, audit_script, "Sam Jones") == first_plain
        store.put_meeting(_finished(year2, clock))
        store.put_meeting(_finished(audit_script, clock))
        store.put_meeting(_finished(by_id["weekly-coaching"], clock, ect="Robin Lee"))  # someone else
        assert plan_after(store, scripts, audit_script, "sam jones") == "year2-coaching"


def test_finished_like_finds_a_finished_audit_of_the_same_plan_only(tmp_path, audit_script):
    from ect_tui.coaching.opening import finished_like, unfinished_like

    clock = FakeClock()
    with Store.open(tmp_path / "db.json") as store:
        assert finished_like(store, "Sam Jones", audit_script.id) is None
        left = _meeting(audit_script, clock)
        store.put_meeting(left.to_doc())  # unfinished: not "already done"
        assert finished_like(store, "Sam Jones", audit_script.id) is None
        assert unfinished_like(store, "SAM JONES", audit_script.id)["id"] == left.id
        done = _finished(audit_script, clock)
        store.put_meeting(done)
        assert finished_like(store, " sam jones", audit_script.id)["id"] == done["id"]
        assert finished_like(store, "Robin Lee", audit_script.id) is None
        assert finished_like(store, "Sam Jones", "weekly-coaching") is None

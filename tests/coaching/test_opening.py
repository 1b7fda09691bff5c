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

"""Coaching meetings built through the real model, for the coaching tests and the overview snapshot."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime

from ect_tui.coaching.practice import PracticeRun
from ect_tui.coaching.steps import seed_meeting, set_replacing, set_review, update_new_step
from ect_tui.meeting.clock import FakeClock
from ect_tui.meeting.transcript import Meeting
from ect_tui.script.catalog import bundled_scripts
from ect_tui.script.model import Script


def coaching_script() -> Script:
    return next(s for s in bundled_scripts() if s.id == "weekly-coaching")


def coaching_meeting(
    *,
    ect: str,
    when: datetime,
    before: Iterable[dict] = (),
    review: str | None = None,
    evidence: str = "",
    step: tuple[str, str, str] | None = None,
    replace: bool = False,
    praise: Iterable[str] = (),
    rounds: int = 0,
    mentor: str = "Alex Smith",
    finish: bool = True,
    script: Script | None = None,
) -> dict:
    """A coaching meeting on ``when`` that starts from the open step in ``before`` (earlier docs)."""
    script = script or coaching_script()
    clock = FakeClock(start=when.astimezone())
    meeting = Meeting(script, ect=ect, mentor=mentor, clock=clock)
    seed_meeting(meeting, list(before))
    meeting.step(1)
    if review is not None:
        set_review(meeting, review)
        meeting.set_data("last-step", "evidence", evidence)
    meeting.set_note("last-step", "how-it-went", f"went fine for {ect}")
    clock.advance(3 * 60)
    meeting.step(1)
    meeting.set_note("drop-in", "seen", "SECRET drop-in wording")
    meeting.step(1)
    meeting.set_data("praise", "praise", list(praise))
    meeting.step(1)
    if replace:
        set_replacing(meeting, True)
    if step is not None:
        update_new_step(meeting, *step)
    meeting.step(1)
    run = PracticeRun(meeting, "practice")
    for _ in range(rounds):
        run.toggle()
        clock.advance(40)
        run.toggle()
    meeting.step(1)
    clock.advance(60)
    if finish:
        meeting.finish()
    return meeting.to_doc()


TODAY = datetime(2026, 11, 24, 15, 30)  # a Tuesday in the autumn term, after half-term
STEP_A = ("Count down from 3 before every transition", "Silent by 0 SECRET-SUCCESS", "7h")
STEP_B = ("Say each pupil's name before the question SECRET-STEP", "Every pupil answers once", "1c")
STEP_C = ("Greet every pupil at the door", "Calm, quick entry", "7c")


def chain(ect: str, meetings: list[dict], **common) -> list[dict]:
    """Coaching meetings in order, each starting from the ones before it."""
    docs: list[dict] = []
    for spec in meetings:
        docs.append(coaching_meeting(ect=ect, before=list(docs), **{**common, **spec}))
    return docs


def overview_fixture(store, audit_script) -> None:
    """Three ECTs for the coordinator: on track, missed two weeks, a step open for a month."""
    from ect_tui.coaching.records import add_study, set_ect_setting
    from ect_tui.coaching.study import StudyEntry
    from tests.factories import audit_meeting

    praise = ["SECRET-PRAISE waited for silence", "clear model"]
    on_track = chain(
        "Sam Jones",
        [
            {"when": datetime(2026, 11, 10, 15), "step": STEP_A, "praise": praise},
            {
                "when": datetime(2026, 11, 17, 15),
                "review": "met",
                "evidence": "SECRET-EVIDENCE",
                "step": STEP_B,
                "praise": praise,
                "rounds": 4,
            },
            {"when": datetime(2026, 11, 23, 15), "review": "partly", "praise": praise[:1], "rounds": 3},
        ],
    )
    missed = chain(
        "Priya Shah",
        [
            {"when": datetime(2026, 10, 15, 15), "step": STEP_A, "praise": praise, "mentor": "Jo Khan"},
            {
                "when": datetime(2026, 11, 5, 15),
                "review": "met",
                "step": STEP_C,
                "praise": praise,
                "mentor": "Jo Khan",
            },
        ],
    )
    month = chain(
        "Lee Brown",
        [
            {"when": datetime(2026, 10, 20, 15), "step": STEP_C},
            {"when": datetime(2026, 11, 3, 15), "review": "not-yet"},
            {"when": datetime(2026, 11, 10, 15), "review": "partly", "praise": praise[:1]},
            {"when": datetime(2026, 11, 17, 15), "review": "partly"},
        ],
    )
    for doc in on_track + missed + month:
        store.put_meeting(doc)
    store.put_meeting(audit_meeting(audit_script, ect="Sam Jones", when=datetime(2026, 9, 14, 15)))
    store.put_meeting(audit_meeting(audit_script, ect="Sam Jones", when=datetime(2026, 11, 16, 15), step=1))
    store.put_meeting(audit_meeting(audit_script, ect="Lee Brown", when=datetime(2026, 9, 15, 15)))
    for day, minutes in [
        ("2026-10-19", 40),
        ("2026-11-02", 35),
        ("2026-11-09", 45),
        ("2026-11-16", 50),
        ("2026-11-23", 20),
    ]:
        add_study(store, StudyEntry("Sam Jones", date.fromisoformat(day), minutes, "SECRET-TOPIC"))
    for day in ("2026-11-02", "2026-11-10", "2026-11-18"):
        add_study(store, StudyEntry("Priya Shah", date.fromisoformat(day), 15, "Routines"))
    set_ect_setting(store, "Lee Brown", year=2)


def group_of(lines: list[str], name: str) -> str:
    """Which group of the report's text ("FOLLOW UP" or "On track") lists ``name``."""
    group = ""
    for line in lines:
        if line.startswith(("FOLLOW UP:", "On track:")):
            group = line.split(":")[0]
        elif line.startswith(name):
            return group
    return ""

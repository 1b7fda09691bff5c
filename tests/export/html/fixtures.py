"""Records for the page tests, built through the real meeting model.

Sam Jones: three audits months apart (Sep 2025, Jan and Mar 2026), three coaching meetings with praise,
action steps and practice, a hostile note, self-study; a private marker planted in every
private field. Ola Ade: one audit, coaching on 3 and 10 Feb, then half-term and three school weeks without (a gap).
"""

from __future__ import annotations

from datetime import date, datetime

from ect_tui.coaching.records import add_study
from ect_tui.coaching.study import StudyEntry
from ect_tui.script.model import Script
from tests.coaching.builders import STEP_A, STEP_B, STEP_C, chain
from tests.factories import audit_meeting

MARKER = "PRIVATE-MARKER-html-5c1d"
HOSTILE_SCRIPT = "<script>document.title='PWNED'</script>"
HOSTILE_CELL = "</td></tr><tr><td>broken"
HOSTILE_IMG = '<img src="https://example.org/x.png" onerror="document.title=\'PWNED\'">'
HOSTILE = f"{HOSTILE_SCRIPT} {HOSTILE_CELL} {HOSTILE_IMG} & \"quotes\" 'apostrophes'"
TODAY = date(2026, 3, 17)  # a Tuesday in the spring term
SAM, OLA = "Sam Jones", "Ola Ade"


def plant_private(doc: dict) -> dict:
    doc["private"] = f"top {MARKER}"
    for section in doc.get("sections", []):
        section["private"] = f"{section.get('id')} {MARKER}"
        for rating in (section.get("ratings") or {}).values():
            rating["private"] = f"rating {MARKER}"
    return doc


def blind_audit(script: Script, when: datetime) -> dict:
    """An audit where the mentor prepared views first: one agreed rating, one prepared view that differed."""
    doc = audit_meeting(script, ect=SAM, when=when, step=2)
    ratings = next(s for s in doc["sections"] if s["kind"] == "audit")["ratings"]
    ratings["1.1"].update({"level": "developing", "prior": "emerging", "agreed": "secure"})
    ratings["1.2"].update({"prior": "emerging"})
    return doc


def sam_docs(script: Script) -> list[dict]:
    audits = [
        audit_meeting(script, ect=SAM, when=datetime(2025, 9, 15, 15), step=0),
        audit_meeting(script, ect=SAM, when=datetime(2026, 1, 12, 15), step=1),
        blind_audit(script, datetime(2026, 3, 9, 15)),
    ]
    review = next(s for s in audits[1]["sections"] if s["kind"] == "discussion")
    first_question = next(iter(review["notes"]))
    review["notes"][first_question] = HOSTILE
    coaching = chain(
        SAM,
        [
            {"when": datetime(2026, 2, 24, 15), "step": STEP_A, "praise": ["Clear model", "Calm start"]},
            {
                "when": datetime(2026, 3, 3, 15),
                "review": "met",
                "evidence": "Silent by 0 in all three transitions",
                "step": STEP_B,
                "praise": ["Waited for silence"],
                "rounds": 3,
            },
            {"when": datetime(2026, 3, 10, 15), "review": "partly", "praise": [HOSTILE], "rounds": 2},
        ],
    )
    return [plant_private(d) for d in audits + coaching]


def ola_docs(script: Script) -> list[dict]:
    audit = audit_meeting(script, ect=OLA, when=datetime(2026, 1, 13, 15))
    coaching = chain(
        OLA,
        [
            {"when": datetime(2026, 2, 3, 15), "step": STEP_C, "praise": ["Good"]},
            {"when": datetime(2026, 2, 10, 15), "review": "not-yet"},
        ],
    )
    return [plant_private(d) for d in [audit, *coaching]]


def fill_store(store, script: Script) -> None:
    for doc in sam_docs(script) + ola_docs(script):
        store.put_meeting(doc)
    for day, minutes in [("2026-02-23", 40), ("2026-03-02", 25), ("2026-03-04", 20), ("2026-03-09", 55)]:
        add_study(store, StudyEntry(SAM, date.fromisoformat(day), minutes, f"topic {HOSTILE}"))
    add_study(store, StudyEntry(OLA, date(2026, 2, 11), 30, "Routines"))
    store.table("notebook").insert({"ect": SAM, "private": f"notebook {MARKER}"})

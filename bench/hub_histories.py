"""A teaching school hub's history for ``python -m bench --hub``: many ECTs, tens of thousands of meetings.

Running 50,000 meetings through the real model would take minutes (about 3 ms each),
so a few dozen *templates* are (the weekly coaching script and the Module 1 audit,
through ``Meeting`` and the coaching helpers, as histories.py does), and every
stored meeting is assembled from them: each section is taken from a random template
of the same script, so notes, ratings and praise differ from meeting to meeting; the
id, ECT, mentor and dates are the meeting's own; each coaching meeting sets a new
action step and reviews the ECT's previous one (met, partly, not yet), so the
coordinator's report follows real step chains. About 85% are weekly coaching
meetings, the rest half-termly audits; every ECT has a mentor and a self-study log.

A hub is generated once per size into its own folder under the bench folder
(``hub-<size>-v<HUB_VERSION>/``); ``link_copy`` makes a private copy for a run that
writes by hard-linking the meeting files (the store replaces a file by renaming a
new one over it, never by writing into it, so a link is never changed underneath).
"""

from __future__ import annotations

import json
import os
import random
import shutil
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

from bench import histories

HUB_VERSION = 3  # 2: the index in month files (schema 2); 3: each month file written newest first
DB_NAME = histories.DB_NAME
COACHING_ID = "weekly-coaching"
AUDIT_ID = histories.SCRIPT_ID
TEMPLATES = {COACHING_ID: 24, AUDIT_ID: 8}
AUDIT_EVERY = 7  # roughly one audit per half term among weekly coaching meetings
UNFINISHED = 3
MENTORS_PER_ECT = 2  # one mentor for every two ECTs
STUDY_EVERY = 2  # a self-study entry every other week
STEP_TEXTS = [
    "Use a countdown and a still signal to gather the class before giving instructions",
    "Cold call three pupils in every explanation, after thinking time",
    "Narrate the positive at each transition instead of naming who is off task",
    "Check for understanding with mini whiteboards before independent practice",
    "Model the first two worked examples, then fade the steps",
    "Meet pupils at the door and set the do-now task within a minute",
]
SUCCESS_TEXTS = [
    "Every pupil is silent and facing the front within ten seconds",
    "At least a third of the class answers aloud in each explanation",
    "Fewer than two reminders needed in the first ten minutes",
    "Every board checked before pupils start working alone",
]
CODES = ["7h", "7.2", "4d", "5.3", "2b", "6i", "1c", "8.4"]
STUDY_TOPICS = ["Module 1: routines", "Module 2: how pupils learn", "Module 3: subject knowledge"]


def _template(script: Any, rng: random.Random, started: datetime) -> dict[str, Any]:
    """One meeting through the real model (coaching helpers for coaching sections)."""
    if script.id == AUDIT_ID:
        return histories.make_meeting(script, rng, ect="ECT", mentor="Mentor", started=started)
    from ect_tui.coaching import praise, steps
    from ect_tui.meeting.clock import FakeClock
    from ect_tui.meeting.transcript import Meeting

    clock = FakeClock(start=started)
    meeting = Meeting(
        script, ect="ECT", mentor="Mentor", clock=clock, meeting_id=f"{rng.getrandbits(128):032x}"
    )
    for section in script.sections:
        meeting.go_to(section.id)
        for question in section.questions:
            meeting.set_note(section.id, question.id, histories.paragraph(rng, 1, 3))
        if section.kind == "drop-in":
            meeting.set_data(section.id, "evidence", histories.paragraph(rng, 2, 4))
        elif section.kind == "praise":
            for _ in range(rng.randint(1, 4)):
                praise.add_praise(meeting, section.id, histories.sentence(rng))
        elif section.kind == "action-step":
            steps.update_new_step(
                meeting, rng.choice(STEP_TEXTS), rng.choice(SUCCESS_TEXTS), rng.choice(CODES)
            )
        for item in section.items:
            if item.kind == "datetime":
                when = started + timedelta(days=7)
                meeting.set_field(
                    section.id, item.id, when.strftime("%a %d %b %H:%M"), when.isoformat(timespec="minutes")
                )
            else:
                meeting.set_field(section.id, item.id, histories.paragraph(rng, 1, 2))
        clock.advance(section.planned_seconds * rng.uniform(0.8, 1.3))
    meeting.set_private(histories.paragraph(rng, 1, 2))
    meeting.finish()
    return meeting.to_doc()


def _templates(rng: random.Random) -> dict[str, list[dict[str, Any]]]:
    from ect_tui.script.catalog import bundled_scripts

    scripts = {s.id: s for s in bundled_scripts()}
    start = datetime(2026, 1, 5, 15, 30, tzinfo=UTC)
    return {
        sid: [_template(scripts[sid], rng, start) for _ in range(count)] for sid, count in TEMPLATES.items()
    }


def _shifted(value: Any, delta: timedelta) -> Any:
    if not isinstance(value, str):
        return value
    try:
        return (datetime.fromisoformat(value) + delta).isoformat()
    except ValueError:
        return value


def _assemble(
    pool: list[dict[str, Any]],
    rng: random.Random,
    *,
    meeting_id: str,
    ect: str,
    mentor: str,
    started: datetime,
    previous_step: str | None,
    finished: bool,
) -> tuple[dict[str, Any], str | None]:
    """A meeting made of random templates' sections; returns it and the step it sets (if any)."""
    base = rng.choice(pool)
    delta = started - datetime.fromisoformat(base["started"])
    doc = dict(base)
    doc.update(
        id=meeting_id,
        ect=ect,
        mentor=mentor,
        started=started.isoformat(),
        ended=_shifted(base["ended"], delta) if finished else None,
        updated=_shifted(base["updated"], delta),
        private=rng.choice(pool)["private"],
    )
    if not finished:
        doc.update(status="in-progress", position=base["sections"][1]["id"])
    sections = []
    step_id = None
    for number in range(len(base["sections"])):
        section = rng.choice(pool)["sections"][number]
        kind = section.get("kind")
        if kind == "last-step":
            data = {"step": None, "step_id": previous_step, "status": None}
            if previous_step:
                data["status"] = rng.choice(["met", "partly", "partly", "not-yet"])
            section = {**section, "data": data}
        elif kind == "action-step" and isinstance(section.get("data", {}).get("step"), dict):
            step_id = f"{rng.getrandbits(48):012x}"
            section = {
                **section,
                "data": {**section["data"], "step": {**section["data"]["step"], "id": step_id}},
            }
        sections.append(section)
    doc["sections"] = sections
    return doc, step_id


def hub_ects(rng: random.Random, count: int) -> list[str]:
    """``count`` distinct names: first and last names, with a middle initial once those run out."""
    names = [f"{first} {last}" for first in histories.FIRST_NAMES for last in histories.LAST_NAMES]
    rng.shuffle(names)
    letters = "ABCDEFGHJKLMNPRSTW"
    while len(names) < count:
        first, last = rng.choice(histories.FIRST_NAMES), rng.choice(histories.LAST_NAMES)
        name = f"{first} {rng.choice(letters)}. {last}"
        if name not in names:
            names.append(name)
    return names[:count]


def generate(folder: Path, meetings: int, ects: int, *, seed: int = 20) -> dict[str, Any]:
    """Write a hub of ``meetings`` meetings for ``ects`` ECTs into ``folder``; returns a summary.

    Meetings are written as files (plain writes: generation is not measured) and
    indexed by ``Store.open``, through the store's own code.
    """
    from ect_tui.store import Store
    from ect_tui.store.atomic import FILE_MODE, dumps
    from ect_tui.store.database import meetings_dir_for

    rng = random.Random(seed * 1_000_003 + meetings)
    templates = _templates(rng)
    folder.mkdir(parents=True, exist_ok=True)
    db_path = folder / DB_NAME
    meetings_dir = meetings_dir_for(db_path)
    meetings_dir.mkdir(mode=0o700, exist_ok=True)
    names = hub_ects(rng, ects)
    mentors = hub_ects(random.Random(seed), max(1, ects // MENTORS_PER_ECT) + len(names))[len(names) :]
    per_ect = max(1, meetings // ects)
    end = datetime(2026, 11, 24, 15, 30, tzinfo=UTC)
    order: list[tuple[datetime, str]] = []  # (started, meeting id) of every meeting, for the bundle split
    study_rows: list[dict[str, Any]] = []
    written = 0
    for number, ect in enumerate(names):
        count = per_ect + (1 if number < meetings - per_ect * ects else 0)
        mentor = mentors[number // MENTORS_PER_ECT % len(mentors)]
        previous: str | None = None
        first = end - timedelta(weeks=count) + timedelta(days=rng.randint(-3, 3))
        for week in range(count):
            started = (first + timedelta(weeks=week, minutes=rng.randint(-90, 90))).replace(microsecond=0)
            script = AUDIT_ID if week % AUDIT_EVERY == 0 else COACHING_ID
            meeting_id = f"{rng.getrandbits(128):032x}"
            finished = written >= UNFINISHED
            doc, step = _assemble(
                templates[script],
                rng,
                meeting_id=meeting_id,
                ect=ect,
                mentor=mentor,
                started=started,
                previous_step=previous,
                finished=finished,
            )
            if script == COACHING_ID:
                previous = step
            fd = os.open(
                meetings_dir / f"{meeting_id}.json", os.O_WRONLY | os.O_CREAT | os.O_TRUNC, FILE_MODE
            )
            with os.fdopen(fd, "wb") as handle:
                handle.write(dumps(doc))
            order.append((started, meeting_id))
            written += 1
            if week % STUDY_EVERY == 0:
                day: date = started.date() + timedelta(days=rng.randint(0, 4))
                study_rows.append(
                    {
                        "ect": ect,
                        "date": day.isoformat(),
                        "minutes": rng.choice([20, 30, 40, 45, 50, 60]),
                        "topic": rng.choice(STUDY_TOPICS),
                    }
                )
    with Store.open(db_path) as store:
        store.set_setting("last_ect", names[0])
        store.set_setting("last_mentor", mentors[0])
        store.table("study").insert_multiple(study_rows)
        store.table("ect_settings").insert_multiple(
            {"ect": ect, "year": 1 + number % 2, "every_weeks": None} for number, ect in enumerate(names)
        )
        assert store.meeting_count() == written, (store.meeting_count(), written)
    order.sort()
    return {"meetings": written, "ects": len(names), "ids": [meeting_id for _, meeting_id in order]}


def cached_hub(root: Path, meetings: int, ects: int) -> tuple[Path, dict[str, Any]]:
    """(database path, summary) of a generated hub, generating it once."""
    folder = root / f"hub-{meetings}-{ects}-v{HUB_VERSION}"
    marker = folder / "complete.json"
    if marker.is_file():
        return folder / DB_NAME, json.loads(marker.read_text())
    if folder.exists():
        shutil.rmtree(folder)
    summary = generate(folder, meetings, ects)
    marker.write_text(json.dumps(summary))
    return folder / DB_NAME, summary


def link_copy(
    db_path: Path, target_folder: Path, *, leave_out: set[str] | frozenset[str] = frozenset()
) -> Path:
    """A private copy of a hub (meeting files hard-linked) without the meetings in ``leave_out``.

    The index is copied too, and the store's next open drops the rows of the meetings
    left out (opening reconciles the index with the files). The meetings folder keeps the
    source's times, as ``cp -a`` would: a hub's folder last changed at its last save, not a
    second ago (the report trusts a folder's stamp only once it has settled, reconcile.py).
    """
    from ect_tui.store import Store
    from ect_tui.store.database import meetings_dir_for
    from ect_tui.store.segment_files import index_dir_for

    if target_folder.exists():
        shutil.rmtree(target_folder)
    target_folder.mkdir(parents=True)
    target = target_folder / DB_NAME
    shutil.copy2(db_path, target)
    shutil.copytree(index_dir_for(db_path), index_dir_for(target))
    source, dest = meetings_dir_for(db_path), meetings_dir_for(target)
    dest.mkdir(mode=0o700)
    with os.scandir(source) as entries:
        for entry in entries:
            if entry.is_file() and entry.name[:-5] not in leave_out:
                os.link(entry.path, dest / entry.name)
    shutil.copystat(source, dest)
    if leave_out:
        Store.open(target).close()
    return target


def bundle_of(db_path: Path, ids: list[str], out: Path) -> Path:
    """A shared bundle (as ``export --all --shared`` writes) of the meetings ``ids``, with study rows."""
    from ect_tui.export.bundle import bundle_bytes, make_bundle, store_tables
    from ect_tui.store import Store

    with Store.open(db_path, read_only=True) as store:
        docs = [store.load_meeting(meeting_id) for meeting_id in ids]
        tables = store_tables(store)
    study = {row["ect"] for row in tables.get("study", [])}
    wanted = {doc["ect"] for doc in docs}
    tables = {
        "study": [row for row in tables.get("study", []) if row["ect"] in wanted and row["ect"] in study]
    }
    out.write_bytes(bundle_bytes(make_bundle(docs, private=False, tables=tables)))
    return out


def cached_base(root: Path, hub: Path, meetings: int, ects: int, leave_out: set[str]) -> Path:
    """The hub without the meetings of the import bundle (generated once): what the import goes into."""
    folder = root / f"hub-{meetings}-{ects}-v{HUB_VERSION}-base-{len(leave_out)}"
    marker = folder / "complete.json"
    if not marker.is_file():
        link_copy(hub, folder, leave_out=leave_out)
        marker.write_text(json.dumps({"left_out": len(leave_out)}))
    return folder / DB_NAME


def cached_bundle(root: Path, hub: Path, meetings: int, ects: int, ids: list[str]) -> Path:
    """A shared bundle of the meetings ``ids`` (generated once), as a mentor would send it."""
    path = root / f"hub-{meetings}-{ects}-v{HUB_VERSION}-bundle-{len(ids)}.json"
    if not path.is_file():
        temp = path.with_name(path.name + ".part")
        bundle_of(hub, ids, temp)
        os.replace(temp, path)
    return path

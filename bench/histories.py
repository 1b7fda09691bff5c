"""Realistic meeting histories for the bench, built with the real meeting model.

Each meeting runs the bundled Module 1 audit script: notes under every discussion
question, all 36 statements rated with a reason and a mentor view, focus areas,
every next-steps answer and a private note, dated over several years for several
ECTs. A history is generated once per size and cached under the bench folder
(``history-<size>-v<GEN_VERSION>/``); the measurements copy it when they write.
"""

from __future__ import annotations

import json
import os
import random
import shutil
from contextlib import suppress
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

# Bump when the generated documents change shape, so old caches are not reused.
GEN_VERSION = 6  # 3: index stamps say the files were checked against the schema (store/index.py); 4: meetings keep their undo history and resume position; 5: the index in month files (schema 2); 6: each month file written newest first
DB_NAME = "ect-tui.json"
SCRIPT_ID = "m1w1-module-audit"
UNFINISHED = 3  # in-progress meetings, so the start screen has its resume list

FIRST_NAMES = [
    "Sam",
    "Priya",
    "Tom",
    "Aisha",
    "Ben",
    "Chloe",
    "Dan",
    "Emma",
    "Farah",
    "George",
    "Hannah",
    "Imran",
    "Jess",
    "Kofi",
    "Laura",
    "Mo",
    "Nadia",
    "Owen",
    "Pippa",
    "Raj",
]
LAST_NAMES = ["Jones", "Patel", "Okafor", "Smith", "Nowak", "Evans", "Khan", "Murphy", "Reid", "Walsh"]
MENTORS = ["Alex Smith", "Jo Turner", "Chris Hall"]

OPENERS = [
    "We agreed that",
    "The ECT said",
    "In the Year 8 lesson",
    "Looking at the ITT paperwork,",
    "From the drop-in on Tuesday,",
    "Talking it through,",
    "The ECT pointed out that",
    "I suggested that",
    "We noticed that",
    "After the last observation,",
]
MIDDLES = [
    "the routines at the start of the lesson are now consistent",
    "low-level disruption is handled early with a look or a quiet word",
    "instructions are shorter and checked with a quick question",
    "praise is specific and linked to effort rather than ability",
    "the seating plan helps the quieter pupils take part",
    "expectations for homework are not yet clear to every class",
    "transitions between tasks still lose a few minutes",
    "the reward system is used fairly but not always explained",
    "parents of two pupils have been contacted with good news",
    "pupils with SEND benefit from the visual timetable",
    "challenge tasks are there but not every pupil reaches them",
    "the behaviour policy is applied but sanctions escalate too quickly",
    "questioning now reaches more of the class through cold calling",
    "mistakes are treated as part of learning in most lessons",
    "relationships with the Year 10 group are improving",
]
ENDINGS = [
    "so we will come back to it next week.",
    "which is a real strength to build on.",
    "and the next step is to rehearse it in deliberate practice.",
    "as evidence for the audit.",
    "though it is still early days.",
    "and we will look for it in the next drop-in.",
    "so this stays a focus for now.",
    "which the head of department also noticed.",
]


def sentence(rng: random.Random) -> str:
    return f"{rng.choice(OPENERS)} {rng.choice(MIDDLES)}, {rng.choice(ENDINGS)}"


def paragraph(rng: random.Random, low: int, high: int) -> str:
    return " ".join(sentence(rng) for _ in range(rng.randint(low, high)))


def ect_names(rng: random.Random, count: int) -> list[str]:
    names: list[str] = []
    while len(names) < count:
        name = f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}"
        if name not in names:
            names.append(name)
    return names


def make_meeting(
    script: Any, rng: random.Random, *, ect: str, mentor: str, started: datetime, finished: bool = True
) -> dict[str, Any]:
    """One whole meeting, run through the real model, as its stored document."""
    from ect_tui.meeting.checks import view_refusal
    from ect_tui.meeting.clock import FakeClock
    from ect_tui.meeting.transcript import Meeting

    clock = FakeClock(start=started)
    meeting = Meeting(script, ect=ect, mentor=mentor, clock=clock, meeting_id=f"{rng.getrandbits(128):032x}")
    for item in script.preparation:
        if rng.random() < 0.7:
            meeting.set_brought(item, True)
    for section in script.sections:
        meeting.go_to(section.id)
        for question in section.questions:
            meeting.set_note(section.id, question.id, paragraph(rng, 2, 4))
        levels = [level.key for level in section.levels]
        for statement in section.statements:
            meeting.rate(section.id, statement.code, rng.choice(levels))
            meeting.set_reason(section.id, statement.code, paragraph(rng, 1, 2 if rng.random() < 0.25 else 1))
            view = rng.choice(["agree", "agree", "too-harsh", "too-kind"])
            if view_refusal(section.levels, meeting.record(section.id).rating(statement.code).level, view):
                view = "agree"  # the app refuses maybe too harsh on the top level, too kind on the first
            meeting.set_mentor_view(section.id, statement.code, view)
        for item in section.items:
            if item.kind == "focus":
                for code, _text, _level in meeting.focus_candidates()[: rng.randint(2, 4)]:
                    meeting.set_focus(section.id, code, True)
            elif item.kind == "datetime":
                when = started + timedelta(days=7)
                meeting.set_field(
                    section.id, item.id, when.strftime("%a %d %b %H:%M"), when.isoformat(timespec="minutes")
                )
            else:
                meeting.set_field(section.id, item.id, paragraph(rng, 1, 2))
        clock.advance(section.planned_seconds * rng.uniform(0.8, 1.3))
    meeting.set_private(paragraph(rng, 1, 3))
    if finished:
        meeting.finish()
    return meeting.to_doc()


def generate(folder: Path, size: int, *, seed: int = 8) -> Path:
    """Write ``size`` meetings into a new database in ``folder``; returns the database path."""
    from ect_tui.script.catalog import bundled_scripts
    from ect_tui.store import Store
    from ect_tui.store.atomic import FILE_MODE, dumps
    from ect_tui.store.database import meetings_dir_for

    script = next(s for s in bundled_scripts() if s.id == SCRIPT_ID)
    rng = random.Random(seed * 1_000_003 + size)
    folder.mkdir(parents=True, exist_ok=True)
    db_path = folder / DB_NAME
    meetings = meetings_dir_for(db_path)
    meetings.mkdir(mode=0o700, exist_ok=True)
    ects = ect_names(rng, max(1, min(40, size // 100 + 3)))
    # Weekly-ish meetings for several ECTs at once, the newest about now, going back years.
    end = datetime(2026, 11, 24, 15, 30, tzinfo=UTC)
    span = timedelta(days=max(30, min(10 * 365, size * 2)))
    for number in range(size):
        started = end - span * (number / max(1, size)) - timedelta(minutes=rng.randint(0, 600))
        doc = make_meeting(
            script,
            rng,
            ect=rng.choice(ects),
            mentor=rng.choice(MENTORS),
            started=started.replace(microsecond=0),
            finished=number >= UNFINISHED,
        )
        # Plain writes (no fsync): generation speed is not measured, and Store.open
        # below builds the index from these files through the store's own code.
        path = meetings / f"{doc['id']}.json"
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, FILE_MODE)
        with os.fdopen(fd, "wb") as handle:
            handle.write(dumps(doc))
    with Store.open(db_path) as store:
        store.set_setting("last_ect", ects[0])
        store.set_setting("last_mentor", MENTORS[0])
        assert store.meeting_count() == size, (store.meeting_count(), size)
    return db_path


def cached_history(root: Path, size: int) -> Path:
    """The database path of a generated history of ``size`` meetings, generating it once."""
    folder = root / f"history-{size}-v{GEN_VERSION}"
    marker = folder / "complete.json"
    if marker.is_file():
        return folder / DB_NAME
    if folder.exists():
        shutil.rmtree(folder)
    db_path = generate(folder, size)
    marker.write_text(json.dumps({"size": size, "version": GEN_VERSION}))
    return db_path


def copy_history(db_path: Path, target_folder: Path) -> Path:
    """A private copy of a history (database, index, meeting files) for a measurement that writes."""
    from ect_tui.store.database import meetings_dir_for
    from ect_tui.store.segment_files import index_dir_for

    if target_folder.exists():
        shutil.rmtree(target_folder)
    target_folder.mkdir(parents=True)
    target = target_folder / DB_NAME
    shutil.copy2(db_path, target)
    shutil.copytree(meetings_dir_for(db_path), meetings_dir_for(target))
    index_dir = index_dir_for(db_path)
    if index_dir.is_dir():
        shutil.copytree(index_dir, index_dir_for(target))
    from ect_tui.store import Store

    Store.open(target).close()  # the copies have new inodes: let the store re-stamp them now
    return target


def history_bytes(db_path: Path) -> int:
    """Bytes on disk: the database file, the index and every meeting file."""
    from ect_tui.store.database import meetings_dir_for
    from ect_tui.store.segment_files import index_dir_for

    total = db_path.stat().st_size
    with suppress(FileNotFoundError), os.scandir(index_dir_for(db_path)) as entries:
        total += sum(entry.stat().st_size for entry in entries)
    with os.scandir(meetings_dir_for(db_path)) as entries:
        total += sum(entry.stat().st_size for entry in entries)
    return total

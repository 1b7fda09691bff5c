"""`ect-tui study`, `ect-tui report` and `ect-tui rhythm`: the weekly coaching loop from the shell.

- ``study`` logs one sitting of the ECT's self-study (or lists their log and weekly totals);
- ``report`` is the induction coordinator's read-only overview, one row per ECT;
- ``rhythm`` sets how often an ECT is expected to be coached, and the school's term dates.
"""

from __future__ import annotations

import argparse
import sys
import textwrap
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path

from ect_tui.commands import CommandError, catalog, collect_garbage_less_often, db_path, open_store
from ect_tui.safe_text import json_text


def register(commands: argparse._SubParsersAction, common: Callable[[argparse.ArgumentParser], None]) -> None:
    study = commands.add_parser(
        "study",
        help="log the ECT's self-study (minutes and topic), or list it with weekly totals",
        description="Log one sitting of self-study, e.g. `ect-tui study --ect 'Sam Jones' --minutes 40 "
        "--topic 'Module 1: routines'`. Without --minutes, list the log and weekly totals "
        "against the 30-50 minute guide.",
    )
    study.add_argument("--ect", metavar="NAME", required=True, help="the ECT who studied")
    study.add_argument("--minutes", metavar="N", help="whole minutes of this sitting (1 to 300)")
    study.add_argument("--topic", metavar="TEXT", help="what was studied")
    study.add_argument(
        "--date", metavar="DAY", help="when (default today), e.g. 'mon', '23/11', '2026-11-23'"
    )
    study.add_argument("--json", action="store_true", help="print the log and weekly totals as JSON")
    common(study)
    study.set_defaults(func=run_study)

    report = commands.add_parser(
        "report",
        help="the induction tutor's overview: one row per ECT, gaps flagged (read-only)",
        description="Support, not assessment: engagement only (dates, counts and minutes), never what was said.",
    )
    report.add_argument(
        "--since", metavar="DAY", help="count meetings, praise, steps and study from this day"
    )
    report.add_argument(
        "--as-of", metavar="DAY", dest="as_of", help="the report as it stood on this day (default today)"
    )
    report.add_argument("--ect", metavar="NAME", help="only this ECT")
    report.add_argument("--json", action="store_true", help="print as JSON (the same as --format json)")
    report.add_argument(
        "--format",
        choices=("text", "json", "html"),
        help="text (default), json, or html: the overview as one web page to open in a browser",
    )
    report.add_argument("-o", "--output", metavar="PATH", help="write to this file (default: print it)")
    common(report)
    report.set_defaults(func=run_report)

    note = commands.add_parser(
        "note",
        help="the termly note to the induction tutor: meetings, action steps, audit movement (evidence only)",
        description="A short note from the mentor to the induction tutor on one ECT's term: meetings held "
        "against the expected rhythm, the action steps worked on, how audit ratings moved, self-study, and "
        "the statutory progress review or assessment the term leads to. Never a judgement, never note text.",
    )
    note.add_argument("--ect", metavar="NAME", required=True, help="the ECT")
    note.add_argument("--as-of", metavar="DAY", dest="as_of", help="the term of this day (default today)")
    note.add_argument("-o", "--output", metavar="PATH", help="write it to a file (private, 0600)")
    common(note)
    note.set_defaults(func=run_note)

    rhythm = commands.add_parser(
        "rhythm",
        help="how often each ECT should be coached, and the school's term dates",
        description="Without options, list each ECT's expected coaching rhythm and the term dates in use. "
        "Year 1 ECTs are expected weekly and year 2 fortnightly, in school weeks: holidays never count.",
    )
    rhythm.add_argument("--ect", metavar="NAME", help="the ECT to set")
    rhythm.add_argument("--year", type=int, metavar="N", help="induction year, 1 or 2")
    rhythm.add_argument(
        "--every", type=int, metavar="N", help="expect coaching every N school weeks (overrides the year)"
    )
    rhythm.add_argument(
        "--by-year", action="store_true", help="forget --every: go back to the rhythm for the year"
    )
    rhythm.add_argument(
        "--terms", metavar="FILE", help="the school's term dates: a TOML file of [[terms]] name, start, end"
    )
    rhythm.add_argument(
        "--default-terms", action="store_true", help="go back to the built-in approximate term dates"
    )
    rhythm.add_argument("--json", action="store_true", help="print the rhythms and term dates as JSON")
    common(rhythm)
    rhythm.set_defaults(func=run_rhythm)


def _day(text: str, option: str, now: datetime, what: str, future: str | None = None) -> date:
    from ect_tui.coaching.days import parse_past_day

    try:
        return parse_past_day(text, now, what=what, future=future)
    except ValueError as exc:
        raise CommandError(f"{option} {text}: {exc}") from None


def _now() -> datetime:
    return datetime.now().astimezone()


# ----- study ---------------------------------------------------------------------------------------


def run_study(args: argparse.Namespace) -> int:
    from ect_tui.coaching.records import add_study, ect_settings, match_ect, name_key, study_entries
    from ect_tui.coaching.study import StudyEntry, check_topic, guide_for, guide_phrase, parse_minutes

    name = " ".join(args.ect.split())
    if not name:
        raise CommandError("--ect is empty: give the ECT's name.")
    if args.minutes is None and args.topic is None and args.date is None:
        return _list_study(args, name)
    if args.json:
        raise CommandError("--json prints the log: leave out --minutes, --topic and --date.")
    if args.minutes is None:
        raise CommandError("Give the study time with --minutes, e.g. --minutes 40.")
    if args.topic is None:
        raise CommandError("Give what was studied with --topic, e.g. --topic 'Module 1: routines'.")
    try:
        minutes = parse_minutes(args.minutes)
        topic = check_topic(args.topic)
    except ValueError as exc:
        raise CommandError(str(exc)) from None
    now = _now()
    day = _day(args.date, "--date", now, "the study") if args.date else now.date()
    with open_store(args) as store:
        known = match_ect(store, name)
        entry = StudyEntry(known or name, day, minutes, topic)
        add_study(store, entry)
        entries = study_entries(store, entry.ect)
        guide = guide_for(ect_settings(store).get(name_key(entry.ect), {}).get("year"))
    from ect_tui.coaching.study import week_total

    print(f"Logged {minutes} min of self-study for {entry.ect} on {day:%a} {day.day} {day:%b %Y}.")
    print(f"That week so far: {guide_phrase(week_total(entries, day), guide)}.")
    if known is None:
        print(f"(This is the first record for {entry.ect}; check the spelling if you expected to find them.)")
    return 0


def _list_study(args: argparse.Namespace, name: str) -> int:
    from ect_tui.coaching.records import calendar, ect_settings, match_ect, name_key, study_entries
    from ect_tui.coaching.study import (
        first_day,
        from_first_entry,
        guide_for,
        guide_phrase,
        guide_words,
        week_total,
        weekly_minutes,
    )

    if not db_path(args).exists():
        raise CommandError(f"no self-study logged for {name!r} yet (this database is empty).")
    with open_store(args, read_only=True) as store:
        known = match_ect(store, name)
        entries = study_entries(store, known or name)
        weeks = calendar(store, term_dates_file()).recent_school_weeks(_now().date(), 4)
        guide = guide_for(ect_settings(store).get(name_key(known or name), {}).get("year"))
    if not entries:
        raise CommandError(f"no self-study logged for {name!r} yet. Log some with --minutes and --topic.")
    today = _now().date()
    weeks_shown = from_first_entry(weekly_minutes(entries, weeks), first_day(entries))
    if args.json:
        print(
            json_text(
                {
                    "ect": known or name,
                    "guide_minutes": list(guide) if guide else None,
                    "this_week_minutes": week_total(entries, today),
                    "weeks": [{"week_of": monday.isoformat(), "minutes": m} for monday, m in weeks_shown],
                    "entries": [
                        {"date": e.day.isoformat(), "minutes": e.minutes, "topic": e.topic} for e in entries
                    ],
                },
                indent=2,
                ensure_ascii=False,
            )
        )
        return 0
    print(f"Self-study for {known or name} ({guide_words(guide)})")
    print(f"  This week: {guide_phrase(week_total(entries, today), guide)}")
    # Only weeks from the first entry on: earlier ones say nothing about the ECT.
    for monday, minutes in reversed(weeks_shown):
        print(f"  w/c {monday.day} {monday:%b}: {guide_phrase(minutes, guide)}")
    print("")
    for entry in reversed(entries[-20:]):
        print(f"  {entry.day.isoformat()}  {entry.minutes:>3} min  {entry.topic}")
    return 0


# ----- report --------------------------------------------------------------------------------------


# From this many ECTs (a few hundred lines of JSON each) orjson's import pays for itself.
ORJSON_FROM_ECTS = 50


def run_report(args: argparse.Namespace) -> int:
    from ect_tui.coaching.facts_cache import cache_path_for
    from ect_tui.coaching.records import name_key
    from ect_tui.coaching.report import build_report, report_from_store
    from ect_tui.coaching.report_out import report_json, report_text
    from ect_tui.coaching.terms import Calendar
    from ect_tui.store.errors import StoreError

    now = _now()
    today = (
        _day(args.as_of, "--as-of", now, "", "a report can only look back, so give today or earlier")
        if args.as_of
        else now.date()
    )
    since = (
        _day(args.since, "--since", now, "", "give the first day to count from, today or earlier")
        if args.since
        else None
    )
    if since is not None and since > today:
        raise CommandError(f"--since {args.since} is after the day of the report ({today.isoformat()}).")
    if db_path(args).exists():
        collect_garbage_less_often()
        scripts = catalog(args).scripts
        with open_store(args, read_only=True, tables_when_asked=True) as store:
            try:
                report = report_from_store(
                    store,
                    today,
                    since,
                    scripts,
                    term_dates_file(),
                    year_rhythms(),
                    cache_path_for(db_path(args)),
                )
            except StoreError as error:  # e.g. the meetings folder cannot be listed
                raise CommandError(str(error)) from None
    else:
        report = build_report([], [], {}, Calendar(), today, since)
    if args.ect:
        wanted = name_key(args.ect)
        rows = tuple(r for r in report.rows if r.ect.casefold() == wanted)
        if not rows:
            known = ", ".join(r.ect for r in report.rows) or "none yet"
            raise CommandError(f"no records for an ECT called {args.ect!r} (known: {known})")
        from dataclasses import replace

        report = replace(report, rows=rows)
    fmt = args.format or ("json" if args.json else "text")
    if args.json and fmt != "json":
        raise CommandError(f"--json and --format {fmt} disagree: give one of them.")
    if fmt == "json":
        text = json_text(report_json(report), fast=len(report.rows) >= ORJSON_FROM_ECTS) + "\n"
    elif fmt == "html":
        from ect_tui.export.html.pages import overview_html

        text = overview_html(report)
    else:
        text = report_text(report) + "\n"
    if not args.output:
        print(text, end="")
        return 0
    from ect_tui.export.files import ExportError, write_export

    try:
        path = write_export(args.output, text.encode("utf-8"))
    except ExportError as exc:
        raise CommandError(str(exc)) from None
    what = {"html": "page", "json": "JSON", "text": "text"}[fmt]
    print(
        f"Saved the coaching overview {what} ({len(report.rows)} ECTs, {report.flagged} to follow up) to {path}."
    )
    return 0


# ----- rhythm --------------------------------------------------------------------------------------


def run_rhythm(args: argparse.Namespace) -> int:
    from ect_tui.coaching.records import set_ect_setting, set_terms
    from ect_tui.coaching.terms import check_every_weeks, check_year, rhythm_for

    changes = args.ect or args.year is not None or args.every is not None or args.by_year
    if args.terms and args.default_terms:
        raise CommandError("Give --terms FILE or --default-terms, not both.")
    if changes and not args.ect:
        raise CommandError("Say whose rhythm to set with --ect NAME.")
    if args.ect and args.year is None and args.every is None and not args.by_year:
        raise CommandError("Give --year 1, --year 2, --every N or --by-year for that ECT.")
    try:
        if args.year is not None:
            check_year(args.year)
        if args.every is not None:
            check_every_weeks(args.every)
    except ValueError as exc:
        raise CommandError(str(exc)) from None
    terms = _read_terms(Path(args.terms)) if args.terms else None

    if not (changes or args.terms or args.default_terms):
        return _list_rhythm(args)
    if args.json:
        raise CommandError("--json prints the rhythms and term dates: give it without changes.")
    with open_store(args) as store:
        if args.ect:
            from ect_tui.coaching.records import match_ect

            name = match_ect(store, args.ect) or " ".join(args.ect.split())
            values: dict[str, int | None] = {}
            if args.year is not None:
                values["year"] = args.year
            if args.every is not None:
                values["every_weeks"] = args.every
            if args.by_year:
                values["every_weeks"] = None
            row = set_ect_setting(store, name, **values)
            rhythm = rhythm_for(row.get("year"), row.get("every_weeks"), year_rhythms())
            year = f"year {row['year']}" if row.get("year") else "year not set"
            print(f"{name}: {year}, coaching expected {rhythm.label}.")
        if terms is not None:
            set_terms(store, terms)
            print(
                f"Term dates set: {len(terms)} terms, {terms[0].start.isoformat()} to {terms[-1].end.isoformat()}."
            )
        if args.default_terms:
            set_terms(store, None)
            print("Term dates: back to the built-in approximate dates.")
    return 0


def _read_terms(path: Path):
    import tomllib

    from ect_tui.coaching.terms import terms_from_rows

    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise CommandError(f"--terms {path}: no such file") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise CommandError(f"--terms {path}: cannot read it ({exc})") from None
    except tomllib.TOMLDecodeError as exc:
        raise CommandError(f"--terms {path}: not valid TOML: {exc}") from None
    try:
        terms = terms_from_rows(data.get("terms"))
    except ValueError as exc:
        raise CommandError(f"--terms {path}: {exc}") from None
    return tuple(sorted(terms, key=lambda t: t.start))


def _list_rhythm(args: argparse.Namespace) -> int:
    from ect_tui.coaching.records import ect_settings, known_ects, name_key, term_dates
    from ect_tui.coaching.term_dates import term_dates_in_force
    from ect_tui.coaching.terms import rhythm_for
    from ect_tui.export.files import display_path

    school_file = term_dates_file()
    shown = display_path(school_file)
    if db_path(args).exists():
        with open_store(args, read_only=True) as store:
            names = known_ects(store)
            settings = ect_settings(store)
            dates, problem = term_dates(store, school_file)
    else:
        names, settings = [], {}
        dates, problem = term_dates_in_force(school_file)
    source = dates.source.replace(str(school_file), shown)
    if args.json:
        rows = []
        for name in names:
            row = settings.get(name_key(name), {})
            rhythm = rhythm_for(row.get("year"), row.get("every_weeks"), year_rhythms())
            rows.append(
                {
                    "ect": name,
                    "year": row.get("year"),
                    "every_weeks": rhythm.every_weeks,
                    "label": rhythm.label,
                    "set_for_this_ect": row.get("every_weeks") is not None,
                }
            )
        terms = [
            {"name": t.name, "start": t.start.isoformat(), "end": t.end.isoformat()} for t in dates.terms
        ]
        past = dates.past_last_term(_now().date())
        print(
            json_text(
                {
                    "ects": rows,
                    "term_dates": {
                        "source": source,
                        "terms": terms,
                        "problem": problem or None,
                        "warning": past or None,
                    },
                },
                indent=2,
                ensure_ascii=False,
            )
        )
        return 0
    print("Expected coaching rhythm (school weeks; holidays never count):")
    if not names:
        print("  No ECTs yet.")
    for name in names:
        row = settings.get(name_key(name), {})
        rhythm = rhythm_for(row.get("year"), row.get("every_weeks"), year_rhythms())
        year = f"year {row['year']}" if row.get("year") else "year not set (weekly, as year 1)"
        print(f"  {name}: {rhythm.label} ({year})")
    print(f"Term dates in force: {source}")
    for term in dates.terms:
        print(f"  {term.name:<16} {term.start.isoformat()} to {term.end.isoformat()}")
    if problem:
        print(f"warning: {problem} (so it is not used)", file=sys.stderr)
    if dates.builtin and not problem:
        print(textwrap.fill(f"Your school's own dates go in {shown} ([[terms]] name, start, end).", 78))
    warning = dates.past_last_term(_now().date())
    if warning:
        print(f"warning: {warning}", file=sys.stderr)
    return 0


def term_dates_file():
    """The school's term-dates file: config.toml's ``term_dates``, else term-dates.toml beside it."""
    from ect_tui.config import load_config, term_dates_path

    return term_dates_path(load_config())


_TOLD: set[str] = set()  # config problems this process has already printed


def year_rhythms() -> dict[int, int]:
    """config.toml's ``coaching_rhythm``: the school's default school weeks between coaching, per
    year. A mistake in config.toml is said once on stderr; the command still runs on the defaults."""
    from ect_tui.config import load_config

    config = load_config()
    for problem in config.problems:
        if problem not in _TOLD:
            _TOLD.add(problem)
            print(f"ect-tui: note: {problem}", file=sys.stderr)  # stderr is sanitised (cli.py)
    return dict(config.coaching_rhythm)


def run_note(args: argparse.Namespace) -> int:
    """`ect-tui note --ect NAME`: the termly note to the induction tutor, printed or saved."""
    from ect_tui.coaching.tutor_note import note_from_store

    now = _now()
    today = (
        _day(args.as_of, "--as-of", now, "", "give a day in the term, today or earlier")
        if args.as_of
        else now.date()
    )
    if not db_path(args).exists():
        raise CommandError(f"no meetings with {args.ect!r} yet (this database is empty).")
    scripts = catalog(args).scripts
    with open_store(args, read_only=True) as store:
        note = note_from_store(store, args.ect, today, scripts, term_dates_file(), year_rhythms())
    if note is None:
        raise CommandError(f"no ECT called {args.ect!r} in this database.")
    text = note.as_text()
    name = note.ect
    if args.output:
        from ect_tui.export.files import ExportError, write_export

        try:
            path = write_export(args.output, text.encode("utf-8"))
        except ExportError as exc:
            raise CommandError(str(exc)) from None
        print(f"Saved the termly note on {name} to {path}.")
    else:
        print(text, end="")
    return 0

"""`ect-tui study`, `report` and `rhythm`: good input, bad input, and engagement-only output."""

from __future__ import annotations

import json
from datetime import datetime, timedelta

import pytest

from ect_tui.cli import main
from ect_tui.coaching.records import ect_settings, study_entries
from ect_tui.store import Store
from tests.coaching.builders import TODAY, coaching_meeting, group_of, overview_fixture


@pytest.fixture(autouse=True)
def frozen(monkeypatch):
    """The commands' "today" is Tue 24 Nov 2026, whatever the date the tests run on."""
    monkeypatch.setattr("ect_tui.commands.coaching._now", lambda: TODAY.astimezone())


@pytest.fixture
def db(tmp_path):
    return str(tmp_path / "ect-tui.json")


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_study_logs_a_sitting(capsys, db):
    code, out, err = run(
        capsys,
        "study",
        "--db",
        db,
        "--ect",
        "Sam Jones",
        "--minutes",
        "40",
        "--topic",
        "Routines",
        "--date",
        "2026-11-23",
    )
    assert code == 0, err
    assert "Logged 40 min of self-study for Sam Jones on Mon 23 Nov 2026." in out
    assert "That week so far: 40 min, within the 30-50 minute guide." in out
    assert "first record for Sam Jones" in out
    code, out, _ = run(
        capsys,
        "study",
        "--db",
        db,
        "--ect",
        "sam jones",
        "--minutes",
        "15",
        "--topic",
        "Praise",
        "--date",
        "2026-11-24",
    )
    assert (
        "for Sam Jones" in out and "55 min, above the 30-50 minute guide" in out and "first record" not in out
    )
    with Store.open(db, read_only=True) as store:
        assert [(e.ect, e.minutes) for e in study_entries(store)] == [("Sam Jones", 40), ("Sam Jones", 15)]
    code, out, _ = run(capsys, "study", "--db", db, "--ect", "SAM JONES")
    assert code == 0
    assert "Self-study for Sam Jones (guide: 30-50 minutes a week)" in out
    assert "2026-11-23   40 min  Routines" in out


def test_study_listing_leaves_out_weeks_before_the_first_entry(capsys, db):
    for day, minutes in (("2026-11-10", "40"), ("2026-11-17", "20")):
        code, _, err = run(
            capsys,
            "study",
            "--db",
            db,
            "--ect",
            "Sam Jones",
            "--minutes",
            minutes,
            "--topic",
            "x",
            "--date",
            day,
        )
        assert code == 0, err
    code, out, err = run(capsys, "study", "--db", db, "--ect", "Sam Jones")
    assert code == 0, err
    weeks = [line.strip() for line in out.splitlines() if line.strip().startswith("w/c")]
    assert weeks == [
        "w/c 16 Nov: 20 min, below the 30-50 minute guide",
        "w/c 9 Nov: 40 min, within the 30-50 minute guide",
    ]  # not w/c 2 Nov or 19 Oct "0 min, below": Sam had not started logging then
    # The first entry this week: no earlier weeks at all, only this week.
    run(
        capsys,
        "study",
        "--db",
        db,
        "--ect",
        "Lee Brown",
        "--minutes",
        "30",
        "--topic",
        "x",
        "--date",
        "2026-11-23",
    )
    code, out, _ = run(capsys, "study", "--db", db, "--ect", "Lee Brown")
    assert "This week: 30 min, within" in out and "w/c" not in out


@pytest.mark.parametrize(
    "args, message",
    [
        (["--minutes", "-5", "--topic", "x"], "Study time should be more than 0 minutes, not -5."),
        (["--minutes", "4000", "--topic", "x"], "4000 minutes is more than one sitting can be (at most 300)"),
        (["--minutes", "forty", "--topic", "x"], "whole number of minutes"),
        (["--minutes", "40"], "Give what was studied with --topic"),
        (["--topic", "x"], "Give the study time with --minutes"),
        (["--minutes", "40", "--topic", "  "], "Say what was studied"),
        (
            ["--minutes", "40", "--topic", "x", "--date", "2099-01-01"],
            "is in the future: the study has already happened",
        ),
        (["--minutes", "40", "--topic", "x", "--date", "someday"], "Could not read 'someday' as a day"),
    ],
)
def test_study_bad_input(capsys, db, args, message):
    code, out, err = run(capsys, "study", "--db", db, "--ect", "Sam Jones", *args)
    assert code == 1 and out == ""
    assert message in err
    assert err.count("\n") == 1  # one clear sentence, no traceback


def test_study_listing_for_nobody(capsys, db):
    code, _, err = run(capsys, "study", "--db", db, "--ect", "Nobody")
    assert code == 1 and "no self-study logged for 'Nobody' yet" in err


@pytest.fixture
def fixture_db(db, audit_script):
    with Store.open(db) as store:
        overview_fixture(store, audit_script)
    return db


def test_report_text(capsys, fixture_db):
    code, out, err = run(capsys, "report", "--db", fixture_db, "--as-of", TODAY.date().isoformat())
    assert code == 0, err
    lines = out.splitlines()
    assert lines[0] == "Coaching overview, Tue 24 Nov 2026"
    assert lines[1].startswith("Support, not assessment:")
    assert "SECRET" not in out
    assert group_of(lines, "Sam Jones") == "On track"
    assert group_of(lines, "Priya Shah") == "FOLLOW UP"
    assert "FOLLOW UP: 2 of 3" in lines and "On track: 1 of 3" in lines
    assert max(len(line) for line in lines) <= 78  # an 80-column terminal, an email line
    assert all(line == line.rstrip() for line in lines)  # no trailing spaces in an email
    assert "    ! action step open for 4 school weeks" in lines
    assert "3 ECTs, 2 to follow up." in out


def test_history_text_fits_an_80_column_terminal(capsys, fixture_db):
    with Store.open(fixture_db) as store:
        doc = store.load_meeting(store.list_meetings()[0]["id"])
        doc["ect"] = "Anastasia Featherstonehaugh-Montgomery"
        store.put_meeting(doc)
    code, out, err = run(capsys, "history", "--db", fixture_db)
    assert code == 0, err
    lines = out.splitlines()
    assert lines and max(len(line) for line in lines) <= 78
    assert any("Anastasia Feat…" in line for line in lines)


def test_report_json(capsys, fixture_db):
    code, out, _ = run(
        capsys, "report", "--db", fixture_db, "--as-of", "2026-11-24", "--json", "--since", "2026-11-16"
    )
    assert code == 0
    data = json.loads(out)
    assert data["note"].startswith("Support, not assessment:")
    assert data["as_of"] == "2026-11-24" and data["since"] == "2026-11-16"
    assert [row["ect"] for row in data["ects"]] == ["Lee Brown", "Priya Shah", "Sam Jones"]
    assert "SECRET" not in out
    code, out, _ = run(
        capsys, "report", "--db", fixture_db, "--as-of", "2026-11-24", "--json", "--ect", "lee brown"
    )
    [lee] = json.loads(out)["ects"]
    assert lee["open_step"]["days_open"] == 35 and lee["rhythm"] == "fortnightly"


@pytest.mark.parametrize(
    "args, message",
    [
        (["--as-of", "2099-01-01"], "a report can only look back"),
        (["--since", "2099-01-01"], "give the first day to count from"),
        (["--as-of", "2026-11-01", "--since", "2026-11-10"], "is after the day of the report"),
        (["--ect", "Nobody"], "no records for an ECT called 'Nobody'"),
    ],
)
def test_report_bad_input(capsys, fixture_db, args, message):
    code, _, err = run(capsys, "report", "--db", fixture_db, *args)
    assert code == 1 and message in err


def test_report_on_an_empty_database(capsys, db):
    code, out, _ = run(capsys, "report", "--db", db)
    assert code == 0 and "No ECTs yet" in out
    code, out, _ = run(capsys, "report", "--db", db, "--json")
    assert json.loads(out)["ects"] == []


def test_done_when_on_track_and_three_week_gap(capsys, db):
    """Coached this week: on track. Last coached three weeks ago: flagged."""
    with Store.open(db) as store:
        store.put_meeting(coaching_meeting(ect="Sam Jones", when=TODAY - timedelta(days=1)))
        store.put_meeting(coaching_meeting(ect="Priya Shah", when=TODAY - timedelta(weeks=3)))
    code, out, _ = run(capsys, "report", "--db", db, "--json")
    rows = {r["ect"]: r for r in json.loads(out)["ects"]}
    assert rows["Sam Jones"]["status"] == "on track" and rows["Sam Jones"]["flags"] == []
    assert rows["Priya Shah"]["status"] == "follow up"
    assert rows["Priya Shah"]["flags"] == ["2 school weeks without coaching (expected weekly)"]
    code, out, _ = run(capsys, "report", "--db", db)
    assert "! 2 school weeks without coaching (expected weekly)" in out


def test_rhythm(capsys, db, tmp_path):
    code, out, _ = run(capsys, "rhythm", "--db", db, "--ect", "Sam Jones", "--year", "2")
    assert code == 0 and out.strip() == "Sam Jones: year 2, coaching expected fortnightly."
    code, out, _ = run(capsys, "rhythm", "--db", db, "--ect", "sam jones", "--every", "3")
    assert out.strip() == "Sam Jones: year 2, coaching expected every 3 school weeks."
    code, out, _ = run(capsys, "rhythm", "--db", db, "--ect", "Sam Jones", "--by-year")
    assert out.strip() == "Sam Jones: year 2, coaching expected fortnightly."
    with Store.open(db, read_only=True) as store:
        assert ect_settings(store)["sam jones"] == {"ect": "Sam Jones", "year": 2, "every_weeks": None}

    terms = tmp_path / "terms.toml"
    terms.write_text(
        '[[terms]]\nname = "Autumn"\nstart = 2026-09-07\nend = 2026-10-16\n'
        '[[terms]]\nname = "Autumn 2"\nstart = "2026-11-02"\nend = "2026-12-18"\n'
    )
    code, out, _ = run(capsys, "rhythm", "--db", db, "--terms", str(terms))
    assert code == 0 and "Term dates set: 2 terms, 2026-09-07 to 2026-12-18." in out
    code, out, _ = run(capsys, "rhythm", "--db", db)
    assert "Sam Jones: fortnightly (year 2)" in out and "Autumn 2" in out
    assert "Term dates in force: set for this school with ect-tui rhythm --terms" in out
    code, out, _ = run(capsys, "rhythm", "--db", db, "--default-terms")
    code, out, _ = run(capsys, "rhythm", "--db", db)
    assert "Term dates in force: built-in approximate dates for England, to July 2028" in out
    assert "Summer 2 2028    2028-06-05 to 2028-07-20" in out


def test_rhythm_shows_the_schools_own_file_and_warns_past_the_last_term(capsys, db, tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    school = tmp_path / "config" / "ect-tui" / "term-dates.toml"
    school.parent.mkdir(parents=True)
    school.write_text('[[terms]]\nname = "Our autumn"\nstart = 2026-09-03\nend = 2026-12-17\n')
    code, out, err = run(capsys, "rhythm", "--db", db)
    assert code == 0 and err == ""
    assert f"Term dates in force: your school's file {school}" in out and "Our autumn" in out
    monkeypatch.setattr("ect_tui.commands.coaching._now", lambda: datetime(2027, 1, 11, 9).astimezone())
    code, out, err = run(capsys, "rhythm", "--db", db)
    assert code == 0 and err.startswith(
        "warning: Today (2027-01-11) is after the last known term (Our autumn, ended 2026-12-17)"
    )
    school.write_text('[[terms]]\nname = "Broken"\nstart = "soon"\nend = 2026-12-17\n')
    code, out, err = run(capsys, "rhythm", "--db", db)
    assert "built-in approximate dates" in out
    assert f"warning: {school}: Broken: start and end should be dates" in err and "(so it is not used)" in err


@pytest.mark.parametrize(
    "args, message",
    [
        (["--ect", "Sam", "--year", "3"], "Induction year should be 1 or 2, not 3."),
        (["--ect", "Sam", "--every", "0"], "every 1 to 6 school weeks, not 0"),
        (["--year", "2"], "Say whose rhythm to set with --ect NAME."),
        (["--ect", "Sam"], "Give --year 1, --year 2, --every N or --by-year"),
        (["--terms", "/no/such/file.toml"], "no such file"),
    ],
)
def test_rhythm_bad_input(capsys, db, args, message):
    code, _, err = run(capsys, "rhythm", "--db", db, *args)
    assert code == 1 and message in err


def test_rhythm_bad_terms_file(capsys, db, tmp_path):
    terms = tmp_path / "terms.toml"
    terms.write_text(
        '[[terms]]\nname = "A"\nstart = 2026-09-07\nend = 2026-10-16\n'
        '[[terms]]\nname = "B"\nstart = 2026-10-01\nend = 2026-12-18\n'
    )
    code, _, err = run(capsys, "rhythm", "--db", db, "--terms", str(terms))
    assert code == 1 and "A and B overlap" in err


def test_note_for_the_induction_tutor(capsys, db, tmp_path, audit_script):
    with Store.open(db) as store:
        overview_fixture(store, audit_script)
    code, out, err = run(capsys, "note", "--db", db, "--ect", "sam jones")
    assert code == 0 and err == ""
    assert out.startswith("Subject: Termly note: Sam Jones, Autumn 2026\n\nDear induction tutor,")
    assert "SECRET-PRAISE" not in out and "SECRET-EVIDENCE" not in out
    target = tmp_path / "note.txt"
    code, out, _ = run(capsys, "note", "--db", db, "--ect", "Sam Jones", "-o", str(target))
    assert code == 0 and out == f"Saved the termly note on Sam Jones to {target}.\n"
    assert target.read_text(encoding="utf-8").startswith("Subject: Termly note")
    code, _, err = run(capsys, "note", "--db", db, "--ect", "Nobody")
    assert code == 1 and "no ECT called 'Nobody'" in err


def test_config_names_the_term_dates_file_and_the_rhythm_by_year(capsys, db, tmp_path, own_user_folders):
    config_dir = own_user_folders / "xdg_config_home" / "ect-tui"
    config_dir.mkdir(parents=True)
    (config_dir / "elsewhere.toml").write_text(
        '[[terms]]\nname = "Autumn 1 2026"\nstart = "2026-09-02"\nend = "2026-10-23"\n'
        '[[terms]]\nname = "Autumn 2 2026"\nstart = "2026-11-02"\nend = "2026-12-18"\n',
        encoding="utf-8",
    )
    (config_dir / "config.toml").write_text(
        'term_dates = "elsewhere.toml"\n[coaching_rhythm]\nyear2 = 3\n', encoding="utf-8"
    )
    run(capsys, "rhythm", "--db", db, "--ect", "Sam Jones", "--year", "2")
    code, out, _ = run(capsys, "rhythm", "--db", db)
    assert code == 0
    assert "Sam Jones: every 3 school weeks (year 2)" in out
    assert "elsewhere.toml" in out  # the file named in config.toml is the one in force
    code, out, _ = run(capsys, "rhythm", "--db", db, "--json")
    assert json.loads(out)["ects"][0]["every_weeks"] == 3


def test_study_for_a_year_2_ect_has_no_year_1_guide(capsys, db):
    run(capsys, "rhythm", "--db", db, "--ect", "Sam Jones", "--year", "2")
    code, out, _ = run(
        capsys, "study", "--db", db, "--ect", "Sam Jones", "--minutes", "20", "--topic", "Routines"
    )
    assert code == 0 and "That week so far: 20 min." in out
    code, out, _ = run(capsys, "study", "--db", db, "--ect", "sam jones")
    assert "Self-study for Sam Jones (year 2: no set weekly amount, agreed with the mentor)" in out
    assert "guide" not in out.split("\n", 1)[1]
    code, out, _ = run(capsys, "study", "--db", db, "--ect", "Sam Jones", "--json")
    assert json.loads(out)["guide_minutes"] is None


def test_a_meetings_folder_that_cannot_be_listed_is_one_sentence(capsys, fixture_db, monkeypatch):
    import ect_tui.store.database as database

    monkeypatch.setattr(database, "scan_files", lambda folder: None)
    code, out, err = run(capsys, "report", "--db", fixture_db)
    assert code == 1 and out == ""
    assert err.startswith("ect-tui: Could not list the meetings folder") and "Traceback" not in err

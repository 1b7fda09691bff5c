"""The two pages from fixture records: what they show, escaped, and never private text."""

from __future__ import annotations

import base64
import hashlib
from datetime import date

import pytest

from ect_tui.coaching.report import build_report, doc_facts
from ect_tui.coaching.study import StudyEntry
from ect_tui.coaching.terms import Calendar
from ect_tui.export.html.pages import learning_log_html, overview_html
from ect_tui.meeting.progress import build_progress
from ect_tui.script.catalog import bundled_scripts
from tests.coaching.builders import STEP_A, STEP_B, STEP_C

from .dom import grid_cells, parse
from .fixtures import HOSTILE, HOSTILE_CELL, MARKER, OLA, SAM, TODAY, ola_docs, sam_docs

LETTERS = {"emerging": "E", "developing": "D", "secure": "S"}


@pytest.fixture(scope="module")
def scripts():
    return {s.id: s for s in bundled_scripts()}


@pytest.fixture(scope="module")
def audit_script(scripts):
    return scripts["m1w1-module-audit"]


@pytest.fixture(scope="module")
def sam(audit_script):
    return sam_docs(audit_script)


@pytest.fixture(scope="module")
def log(sam, scripts):
    study = [StudyEntry(SAM, day, minutes, f"topic {HOSTILE}") for day, minutes in STUDY]
    return learning_log_html(SAM, sam, scripts, study, Calendar(), TODAY)


@pytest.fixture(scope="module")
def overview(sam, audit_script, scripts):
    docs = sam + ola_docs(audit_script)
    report = build_report([doc_facts(d) for d in docs], [], {}, Calendar(), TODAY, None, scripts)
    return overview_html(report)


STUDY = [(date(2026, 2, 23), 40), (date(2026, 3, 2), 25), (date(2026, 3, 4), 20), (date(2026, 3, 9), 55)]


def test_one_grid_cell_per_statement_per_audit_with_its_letter(log, sam, scripts):
    progress = build_progress(SAM, sam, scripts)
    expected = [
        (row.code, str(i + 1), LETTERS[cell.level] if cell.level else "")
        for row in progress.rows
        for i, cell in enumerate(row.cells)
    ]
    assert len(progress.columns) == 3 and len(expected) == 36 * 3
    assert grid_cells(parse(log)) == expected


def test_agreed_ratings_and_the_prepared_view_where_it_differed(log):
    root = parse(log)
    latest = {c.attrs["data-code"]: c for c in root.find_all("td", "cell") if c.attrs["data-audit"] == "3"}
    agreed = latest["1.1"]
    assert agreed.find_all("b", "letter")[0].all_text() == "S"  # the agreed rating, not the ECT's own D
    assert agreed.find_all("small")[0].all_text() == "own D · prep. E"
    assert "agreed together; the ECT's own rating was Developing" in agreed.attrs["title"]
    assert latest["1.2"].find_all("small")[0].all_text() == "prep. E"
    assert "lvl-secure" in agreed.classes()  # coloured by level as well as lettered


def test_movement_since_the_last_audit_names_the_statements(log):
    root = parse(log)
    lead = root.find_all("p", "lead")[0].all_text()
    assert lead.startswith("Between Mon 12 Jan 2026 and Mon 9 Mar 2026: ")
    up = [li.all_text() for li in root.find_all("ul", "up")[0].find_all("li")]
    assert up[0].startswith("1.1 ↑ D → S")
    assert [b.attrs["aria-label"].split(":")[0] for b in root.find_all("svg", "move")] == [
        "Standard 1",
        "Standard 7",
    ]
    moved_cells = [c for c in root.find_all("td", "cell") if c.find_all("span", "mv")]
    assert {c.attrs["data-audit"] for c in moved_cells} == {"3"} and len(moved_cells) == len(up)


def test_steps_praise_study_and_meetings_newest_first(log, sam):
    root = parse(log)
    steps = root.find_all("li", "step")
    assert [s.find_all("p", "step-text")[0].all_text() for s in steps] == [STEP_B[0], STEP_A[0]]
    assert [sorted(s.classes() - {"step"}) for s in steps] == [["open"], ["met"]]
    assert "still open (14 days so far)" in steps[0].all_text()
    praise = root.find_all("section")[2]
    assert "4 points of praise over 3 coaching meetings" in " ".join(praise.all_text().split())
    study = root.find_all("section")[3].all_text()
    assert (
        "Average 47 min a school week over 3 complete weeks (guide 30-50): 2 within the guide, 0 below, 1 above."
        in study
    )
    assert "Week of 16 Mar (this week, so far): 0 min" in study
    headings = [a.find_all("h3")[0].all_text() for a in root.find_all("article", "meeting")]
    assert len(headings) == len(sam) == 6
    assert headings[0].endswith("Tue 10 Mar 2026") and headings[-1].endswith("Mon 15 Sep 2025")


def test_user_text_shows_as_typed_and_nothing_runs(log, overview):
    root = parse(log)
    assert HOSTILE in root.all_text()  # in a note and a praise point, as typed
    for page in (log, overview):
        assert "<script" not in page.lower() and "<img" not in page.lower()
        assert HOSTILE_CELL not in page
    assert "&lt;script&gt;document.title=&#39;PWNED&#39;&lt;/script&gt;" in log


def test_the_policy_allows_only_the_pages_own_stylesheet(log, overview):
    for page in (log, overview):
        root = parse(page)
        [meta] = [m for m in root.find_all("meta") if m.attrs.get("http-equiv") == "Content-Security-Policy"]
        [style] = root.find_all("style")
        digest = base64.b64encode(hashlib.sha256(style.all_text().encode()).digest()).decode()
        policy = meta.attrs["content"]
        assert policy.startswith("default-src 'none'; ")
        assert f"style-src 'sha256-{digest}'" in policy and "unsafe" not in policy
        hrefs = [e.attrs.get("href", "") for e in root.find_all("a")]
        assert all(h.startswith("#") for h in hrefs)
        assert not [e for e in root.find_all() if e.attrs.get("src") or e.attrs.get("srcset")]


def test_no_private_text_in_either_page(log, overview):
    # Planted in every private field of every meeting and every rating (fixtures.plant_private).
    assert MARKER not in log and MARKER not in overview


def test_the_tutor_page_flags_the_three_week_gap_and_holds_no_words(overview):
    root = parse(overview)
    rows = {r.attrs["data-ect"]: r for r in root.find_all("tr") if "data-ect" in r.attrs}
    assert list(rows) == [OLA, SAM]  # those to follow up first
    ola = rows[OLA]
    assert "flagged" in ola.classes() and "ok" in rows[SAM].classes()
    assert "3 school weeks without coaching (expected weekly)" in ola.all_text()
    weeks = [g.attrs["data-week"] for g in ola.find_all("g", "wk")]
    assert weeks[-6:] == ["coached", "holiday", "gap", "gap", "gap", "pending"]
    assert [g.find_all("text")[0].all_text() for g in ola.find_all("g", "wk-gap")] == ["G", "G", "G"]
    for words in (
        STEP_A[0],
        STEP_B[0],
        STEP_C[0],
        "SECRET",
        "went fine",
        "Clear model",
        "Waited",
        "PWNED",
        "reason ",
    ):
        assert words not in overview, words


def test_a_year_2_learning_log_shows_minutes_without_the_year_1_guide(sam, scripts):
    study = [StudyEntry(SAM, day, minutes, "topic") for day, minutes in STUDY]
    page = learning_log_html(SAM, sam, scripts, study, Calendar(), TODAY, year=2)
    assert "year 2: no set weekly amount" in page
    assert "30-50" not in page and "below the guide" not in page and 'class="band"' not in page
    year_1 = learning_log_html(SAM, sam, scripts, study, Calendar(), TODAY, year=1)
    assert "the 30-50 minute guide" in year_1 and 'class="band"' in year_1


def test_the_tutor_page_does_not_judge_a_year_2_ects_study_against_the_year_1_guide(sam, scripts):
    from ect_tui.coaching.records import name_key
    from ect_tui.export.html.overview import tutor_page

    study = [StudyEntry(SAM, day, minutes, "topic") for day, minutes in STUDY]
    facts = [doc_facts(d) for d in sam]
    for year, expected in ((1, {"below", "within", "above"}), (2, {"logged"})):
        settings = {name_key(SAM): {"ect": SAM, "year": year, "every_weeks": None}}
        report = build_report(facts, study, settings, Calendar(), TODAY, None, scripts)
        [row] = [r for r in tutor_page(report).rows if r.ect == SAM]
        assert row.study_kind in expected

"""Term dates that do not run out: the school's own file, the stored dates, the bundled ones, a warning past them."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from ect_tui.coaching.term_dates import TermDatesError, read_term_dates, term_dates_in_force
from ect_tui.coaching.terms import DEFAULT_TERMS

SCHOOL = """\
[[terms]]
name = "Autumn 1 2028"
start = 2028-09-04
end = 2028-10-20

[[terms]]
name = "Autumn 2 2028"
start = 2028-10-30
end = "2028-12-20"
"""


def test_bundled_dates_run_to_july_2028_and_cover_an_ect_starting_in_september_2026() -> None:
    assert DEFAULT_TERMS[-1].end == date(2028, 7, 20)
    dates, problem = term_dates_in_force(None)
    assert problem == "" and dates.builtin
    assert dates.source == "built-in approximate dates for England, to July 2028"
    calendar = dates.calendar
    assert not calendar.is_school_week(date(2027, 8, 2))  # summer holiday before year 2
    assert not calendar.is_school_week(date(2028, 4, 10))  # Easter 2028
    assert calendar.is_school_week(date(2028, 7, 17))
    assert dates.past_last_term(date(2028, 7, 20)) == ""


def test_a_date_past_the_last_term_is_warned_about() -> None:
    dates, _ = term_dates_in_force(None)
    warning = dates.past_last_term(date(2028, 9, 4))
    assert warning.startswith(
        "Today (2028-09-04) is after the last known term (Summer 2 2028, ended 2028-07-20)"
    )
    assert "holidays will show as missed coaching" in warning and "term-dates.toml" in warning


def test_the_schools_own_file_is_in_force_and_says_so(tmp_path: Path) -> None:
    path = tmp_path / "term-dates.toml"
    path.write_text(SCHOOL, encoding="utf-8")
    stored = [{"name": "Old", "start": "2026-09-02", "end": "2026-10-23"}]
    dates, problem = term_dates_in_force(path, stored, display_path="~/.config/ect-tui/term-dates.toml")
    assert problem == ""
    assert [t.name for t in dates.terms] == ["Autumn 1 2028", "Autumn 2 2028"]
    assert dates.source == "your school's file ~/.config/ect-tui/term-dates.toml"
    assert not dates.calendar.is_school_week(date(2028, 10, 23))  # their half-term
    assert dates.past_last_term(date(2028, 12, 19)) == ""
    assert "Autumn 2 2028, ended 2028-12-20" in dates.past_last_term(date(2029, 1, 8))


def test_without_a_file_the_stored_dates_are_used(tmp_path: Path) -> None:
    stored = [{"name": "Ours", "start": "2026-09-02", "end": "2026-10-23"}]
    dates, problem = term_dates_in_force(tmp_path / "term-dates.toml", stored)
    assert problem == "" and [t.name for t in dates.terms] == ["Ours"]
    assert dates.source == "set for this school with ect-tui rhythm --terms"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("[[terms]\n", "not valid TOML"),
        ('[[terms]]\nname = "A"\nstart = "soon"\nend = 2026-10-23\n', "A: start and end should be dates"),
        (
            '[[terms]]\nname = "A"\nstart = 2026-09-02\nend = 2026-10-23\n'
            '[[terms]]\nname = "B"\nstart = 2026-10-20\nend = 2026-12-18\n',
            "A and B overlap",
        ),
        ("title = 'no terms'\n", "should be a list of terms"),
    ],
)
def test_a_broken_school_file_is_named_never_silently_ignored(
    tmp_path: Path, text: str, expected: str
) -> None:
    path = tmp_path / "term-dates.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(TermDatesError) as caught:
        read_term_dates(path)
    assert str(caught.value).startswith(f"{path}: ") and expected in str(caught.value)
    dates, problem = term_dates_in_force(path)
    assert dates.builtin and problem == str(caught.value)


def test_the_coordinators_report_warns_past_the_last_term() -> None:
    from ect_tui.coaching.report import build_report
    from ect_tui.coaching.report_out import report_text
    from ect_tui.coaching.terms import Calendar

    late = build_report([], [], {}, Calendar(), date(2028, 9, 4), None)
    assert late.past_terms.startswith("Term dates end on 2028-07-20")
    assert "Warning: Term dates end on 2028-07-20" in report_text(late)
    assert build_report([], [], {}, Calendar(), date(2028, 7, 1), None).past_terms == ""

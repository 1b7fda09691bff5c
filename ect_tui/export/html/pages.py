"""The two pages, from stored records to HTML text: what the command line and the palette call."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import TYPE_CHECKING, Any

from ect_tui.coaching.report import Report
from ect_tui.coaching.study import StudyEntry
from ect_tui.coaching.terms import Calendar
from ect_tui.export.html.log import learning_log_page
from ect_tui.export.html.overview import tutor_page
from ect_tui.script.model import Script

if TYPE_CHECKING:
    from ect_tui.store.protocol import MeetingStore


def learning_log_html(
    ect: str,
    docs: Iterable[dict[str, Any]],
    scripts: dict[str, Script],
    study: Iterable[StudyEntry] = (),
    calendar: Calendar | None = None,
    today: date | None = None,
    year: int | None = None,
) -> str:
    """The ECT's Learning Log page (shared record only: private text is stripped first)."""
    from ect_tui.export.html.render import render_page

    return render_page(
        "learning_log.html.j2", page=learning_log_page(ect, docs, scripts, study, calendar, today, year)
    )


def overview_html(report: Report) -> str:
    """The induction tutor's overview page (engagement only)."""
    from ect_tui.export.html.render import render_page

    return render_page("overview.html.j2", page=tutor_page(report))


def learning_log_from_store(
    store: MeetingStore, ect: str, scripts: dict[str, Script], today: date | None = None
) -> tuple[str, int]:
    """The page for ``ect`` from an open store, and how many meetings it holds."""
    from ect_tui.coaching.records import calendar, ect_settings, name_key, study_entries

    docs = list(store.iter_meetings(ect=ect))
    year = ect_settings(store).get(name_key(ect), {}).get("year")
    page = learning_log_html(
        ect,
        docs,
        scripts,
        study_entries(store, ect),
        calendar(store),
        today,
        year if year in (1, 2) else None,
    )
    return page, len(docs)

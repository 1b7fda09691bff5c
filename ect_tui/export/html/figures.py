"""The numbers behind the pages' pictures: bar heights, band edges, segment widths, in SVG units.

Worked out here, in plain Python, so they are tested as numbers; the templates only draw
what these say (no arithmetic in a template). Every figure also carries its words (a
``label`` or ``title``) so it reads without colour and without the picture.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from ect_tui.coaching.study import GUIDE, against_guide

CHART_WIDTH = 600
CHART_HEIGHT = 150
AXIS = 22  # room under the bars for the week labels
MAX_SLOT = 50  # a few weeks still look like weeks, not a wall


@dataclass(frozen=True)
class Bar:
    x: float
    y: float
    width: float
    height: float
    kind: str  # a CSS class: below / within / above / holiday / current
    title: str  # what a reader hovers or a screen reader says
    label: str = ""  # written under the bar, if any


@dataclass(frozen=True)
class StudyChart:
    bars: tuple[Bar, ...]
    band_y: float  # the 30-50 minute guide as a band
    band_height: float
    guide_low_y: float
    width: int = CHART_WIDTH
    height: int = CHART_HEIGHT + AXIS
    top_minutes: int = 60


def study_chart(
    weeks: Sequence[tuple[date, int, bool]],
    guide: tuple[int, int] | None = GUIDE,
    this_week: date | None = None,
) -> StudyChart:
    """Bars of minutes per week (``(monday, minutes, school_week)``, oldest first) against the guide band.

    ``this_week`` (a Monday) is not over yet: its bar says "so far" and is not judged against the guide.
    Without a guide (year 2: the amount is agreed with the mentor) there is no band and no judging.
    """
    low, high = guide or GUIDE  # the scale's floor; with no guide nothing is judged against it
    top = max([high + 10, *(m for _, m, _ in weeks)])
    top = -(-top // 10) * 10  # a round number of minutes at the top of the scale

    def y_of(minutes: float) -> float:
        return round(CHART_HEIGHT - CHART_HEIGHT * minutes / top, 1)

    slot = min(CHART_WIDTH / max(1, len(weeks)), MAX_SLOT)
    every = max(1, -(-len(weeks) // 10))  # at most ten week labels
    bars = []
    for index, (monday, minutes, school) in enumerate(weeks):
        if guide is None:
            kind, words = ("logged" if school or minutes else "holiday"), f"{minutes} min"
        else:
            kind = against_guide(minutes) if school or minutes else "holiday"
            words = f"{minutes} min, {against_guide(minutes)} the {low}-{high} minute guide"
        if not school:
            words = f"holiday; {minutes} min" if minutes else "holiday"
        when = f"Week of {monday.day} {monday:%b}"
        if monday == this_week:
            when, words, kind = f"{when} (this week, so far)", f"{minutes} min", "current"
        height = max(0.0, CHART_HEIGHT - y_of(minutes))
        bars.append(
            Bar(
                x=round(index * slot + slot * 0.15, 1),
                y=y_of(minutes),
                width=round(slot * 0.7, 1),
                height=round(height, 1),
                kind=kind,
                title=f"{when}: {words}",
                label=f"{monday.day} {monday:%b}" if index % every == 0 else "",
            )
        )
    return StudyChart(
        bars=tuple(bars),
        band_y=y_of(high),
        band_height=round(y_of(low) - y_of(high), 1),
        guide_low_y=y_of(low),
        top_minutes=top,
    )


@dataclass(frozen=True)
class Segment:
    x: float
    width: float
    kind: str  # up / level / down
    count: int


@dataclass(frozen=True)
class MovementBar:
    label: str
    segments: tuple[Segment, ...]
    words: str  # e.g. "3 up, 10 level, 1 down"


MOVEMENT_WIDTH = 300


def movement_bar(label: str, up: int, level: int, down: int, words: str) -> MovementBar:
    """One standard's statements as a 100% bar: up, level, down (empty parts left out)."""
    total = up + level + down
    segments = []
    x = 0.0
    for kind, count in (("up", up), ("level", level), ("down", down)):
        if not count or not total:
            continue
        width = round(MOVEMENT_WIDTH * count / total, 1)
        segments.append(Segment(round(x, 1), width, kind, count))
        x += width
    return MovementBar(label, tuple(segments), words)


@dataclass(frozen=True)
class TimeRow:
    """One section's planned and actual minutes, as two bars on the meeting's own scale."""

    title: str
    planned: str  # "15 min", or "" where nothing was planned
    actual: str
    planned_width: float
    actual_width: float
    over: bool  # ran past its plan


TIME_WIDTH = 160


def time_rows(
    sections: Iterable[tuple[str, float | None, float]], minutes: Callable[[float], str]
) -> tuple[TimeRow, ...]:
    """``(title, planned seconds or None, actual seconds)`` per section; ``minutes`` words a duration."""
    rows = list(sections)
    top = max([1.0, *((p or 0.0) for _, p, _ in rows), *(a for _, _, a in rows)])
    return tuple(
        TimeRow(
            title=title,
            planned=minutes(planned) if planned else "",
            actual=minutes(actual) if actual > 0 else "not timed",
            planned_width=round(TIME_WIDTH * (planned or 0.0) / top, 1),
            actual_width=round(TIME_WIDTH * actual / top, 1),
            over=bool(planned) and actual > (planned or 0.0) + 59,
        )
        for title, planned, actual in rows
    )


@dataclass(frozen=True)
class Span:
    """An action step's life on a shared day scale: from set to met (or to today, still open)."""

    x: float
    width: float


SPAN_WIDTH = 240


def step_spans(spans: Sequence[tuple[date, date]], first: date, last: date) -> tuple[Span, ...]:
    """Each ``(start, end)`` placed on one scale from ``first`` to ``last`` (a few pixels at least)."""
    days = max(1, (last - first).days)
    out = []
    for start, end in spans:
        x = SPAN_WIDTH * (start - first).days / days
        width = max(4.0, SPAN_WIDTH * (end - start).days / days)
        out.append(Span(round(min(x, SPAN_WIDTH - 4), 1), round(min(width, SPAN_WIDTH - x), 1)))
    return tuple(out)

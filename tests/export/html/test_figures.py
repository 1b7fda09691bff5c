"""The numbers behind the pages' pictures (export/html/figures.py)."""

from __future__ import annotations

from datetime import date

from ect_tui.export.html.figures import (
    CHART_HEIGHT,
    MOVEMENT_WIDTH,
    SPAN_WIDTH,
    movement_bar,
    step_spans,
    study_chart,
    time_rows,
)
from ect_tui.meeting.countdown import format_minutes


def test_study_bars_stand_against_the_guide_band():
    weeks = [
        (date(2027, 2, 8), 40, True),
        (date(2027, 2, 15), 0, False),
        (date(2027, 2, 22), 20, True),
        (date(2027, 3, 1), 70, True),
    ]
    chart = study_chart(weeks)
    assert chart.top_minutes == 70
    assert [b.kind for b in chart.bars] == ["within", "holiday", "below", "above"]
    within, holiday, below, above = chart.bars
    assert above.y == 0 and above.height == CHART_HEIGHT  # the tallest bar reaches the top
    assert below.height == round(CHART_HEIGHT * 20 / 70, 1)
    assert holiday.height == 0 and holiday.title == "Week of 15 Feb: holiday"
    assert within.title == "Week of 8 Feb: 40 min, within the 30-50 minute guide"
    # The band runs from 50 minutes (top edge) down to 30.
    assert chart.band_y == round(CHART_HEIGHT - CHART_HEIGHT * 50 / 70, 1)
    assert (
        round(chart.band_y + chart.band_height, 1)
        == chart.guide_low_y
        == round(CHART_HEIGHT - CHART_HEIGHT * 30 / 70, 1)
    )


def test_this_week_is_so_far_not_below_the_guide():
    [bar] = study_chart([(date(2027, 3, 15), 10, True)], this_week=date(2027, 3, 15)).bars
    assert bar.kind == "current" and bar.title == "Week of 15 Mar (this week, so far): 10 min"


def test_a_quiet_log_still_has_a_scale_above_the_guide():
    chart = study_chart([(date(2027, 3, 1), 10, True)])
    assert chart.top_minutes == 60 and chart.bars[0].width <= 50


def test_movement_bar_splits_the_width_by_count_and_leaves_out_empty_parts():
    bar = movement_bar("Standard 1", 3, 1, 0, "3 up, 1 level, 0 down")
    assert [(s.kind, s.count) for s in bar.segments] == [("up", 3), ("level", 1)]
    assert bar.segments[0].width == MOVEMENT_WIDTH * 3 / 4 and bar.segments[1].x == bar.segments[0].width
    assert movement_bar("Standard 7", 0, 0, 0, "").segments == ()


def test_time_rows_share_one_scale_and_mark_overtime():
    rows = time_rows(
        [("Review", 900.0, 840.0), ("Audit", 2400.0, 2520.0), ("Extra", None, 0.0)], format_minutes
    )
    review, audit, extra = rows
    assert audit.actual_width == 160 and audit.over and audit.actual == "42 min"
    assert not review.over and review.planned == "15 min" and review.actual == "14 min"
    assert extra.planned == "" and extra.actual == "not timed" and extra.planned_width == 0


def test_step_spans_on_one_day_scale():
    first, last = date(2027, 2, 1), date(2027, 3, 3)  # 30 days
    met, still_open = step_spans([(first, date(2027, 2, 16)), (date(2027, 2, 16), last)], first, last)
    assert met.x == 0 and met.width == SPAN_WIDTH / 2
    assert still_open.x == SPAN_WIDTH / 2 and still_open.width == SPAN_WIDTH / 2
    [same_day] = step_spans([(first, first)], first, first)
    assert same_day.width == 4  # still visible


def test_without_a_guide_year_2_bars_are_minutes_not_judged():
    weeks = [(date(2027, 2, 8), 20, True), (date(2027, 2, 15), 0, False), (date(2027, 2, 22), 70, True)]
    chart = study_chart(weeks, None)
    assert [b.kind for b in chart.bars] == ["logged", "holiday", "logged"]
    assert chart.bars[0].title == "Week of 8 Feb: 20 min"

"""A crowded chart draws the most important events, spread over time, and says so."""

from __future__ import annotations

from datetime import date, timedelta

import numpy as np
import pytest

from timeline.chart.figure import FigureOptions, build_figure
from timeline.model import DateValue, Event, Precision, Source
from timeline.chart.thinning import events_to_draw, thinning_note


def make(index: int, importance: int | None, actors: tuple[str, ...] = ("A",)) -> Event:
    day = date(2020, 1, 1) + timedelta(days=index)
    return Event(id=f"e{index}", title=f"Event {index}", date=DateValue(day, day, Precision.DAY),
                 date_text=day.isoformat(), category="statement", sources=(Source("X"),),
                 actors=actors, importance=importance)


def test_everything_is_drawn_when_it_fits() -> None:
    events = [make(i, 1) for i in range(10)]
    assert events_to_draw(events, [1] * 10, 10) == list(range(10))


def test_whole_tiers_first_then_an_even_share_of_the_next() -> None:
    importance = [5, 1, 4, 1, 1, 1, 1, 1, 1, 5, 1, 1]
    events = [make(i, value) for i, value in enumerate(importance)]
    drawn = events_to_draw(events, [1] * len(events), 6)
    assert {0, 2, 9} <= set(drawn) and len(drawn) == 6
    ones = [i for i in drawn if importance[i] == 1]
    assert len(ones) == 3 and max(ones) - min(ones) >= 5  # spread over the tier, not its first three
    assert drawn == sorted(drawn)


def test_an_event_without_importance_ranks_as_three() -> None:
    events = [make(0, 2), make(1, None), make(2, 4)]
    assert events_to_draw(events, [1, 1, 1], 2) == [1, 2]


def test_marks_not_events_are_counted_and_the_selected_event_stays() -> None:
    events = [make(0, 5, ("A", "B", "C")), make(1, 1), make(2, 1)]
    assert events_to_draw(events, [3, 1, 1], 4) == [0, 2]
    assert events_to_draw(events, [3, 1, 1], 4, keep_id="e1") == [0, 1, 2]


def test_the_note_says_how_many() -> None:
    assert thinning_note(10, 10) == ""
    assert thinning_note(19_850, 100_000).startswith("Points: the 19,850 most important of 100,000 events")


def test_a_crowded_figure_draws_up_to_the_limit_and_counts_every_event() -> None:
    events = [make(i, 5 if i % 100 == 0 else 2, ("A", "B")) for i in range(3_000)]
    fig = build_figure(events, FigureOptions(point_limit=1_000, selected_id="e1"))
    points = sum(len(t.x) for t in fig.data if getattr(t, "mode", None) == "markers" and t.name != "selected" and t.x[0] is not None)
    assert points <= 1_000 + 2
    assert "e1" in {row[0] for t in fig.data if t.customdata is not None for row in t.customdata}
    assert "e100" in {row[0] for t in fig.data if t.customdata is not None for row in t.customdata}
    bars = [t for t in fig.data if t.type == "bar"]
    assert len(bars) == 1 and int(np.sum(bars[0].y)) == 3_000
    notes = [a.text for a in fig.layout.annotations if a.name == "thinning"]
    assert len(notes) == 1 and "of 3,000 events" in notes[0]


@pytest.mark.parametrize("limit", [0, -1])
def test_the_limit_must_be_a_whole_number(limit: int) -> None:
    if limit < 0:
        with pytest.raises(ValueError, match="point_limit"):
            FigureOptions(point_limit=limit)
    else:
        assert FigureOptions(point_limit=limit).point_limit == 0


def test_a_figure_that_fits_has_no_note() -> None:
    fig = build_figure([make(i, 3) for i in range(50)])
    assert not [a for a in fig.layout.annotations if a.name == "thinning"]

"""The query engine (Ibis over DuckDB) selects exactly what the in-memory index selects, and
counts what the chart of a large selection draws: rows, events per row per week or month, marks."""

from __future__ import annotations

from collections import Counter
from datetime import date

import numpy as np
import pytest
from hypothesis import given, settings

from tests.test_filterindex import event_lists, states
from timeline import load_timeline
from timeline.chart.rows import chart_rows, lane_values, rows_of_keys
from timeline.chart.thinning import importance_of
from timeline.model import Event
from timeline.view.engine import EventEngine, connect
from timeline.view.eventsource import in_memory
from timeline.view.filterindex import FilterIndex
from timeline.view.filters import FilterState

BACKEND = connect()
LANES = ("actor", "group", "category", "place", "none")


def middle(event: Event) -> int:
    return (event.start.toordinal() + event.end.toordinal()) // 2


def week_of(event: Event) -> int:
    day = middle(event)
    return day - (day - 1) % 7


def month_of(event: Event) -> int:
    day = date.fromordinal(middle(event))
    return (day.year - 1970) * 12 + day.month - 1


@settings(max_examples=60, deadline=None)
@given(event_lists, states)
def test_the_engine_selects_exactly_what_the_index_selects(events: list[Event], state: FilterState) -> None:
    engine = EventEngine.from_events(events, BACKEND)
    assert engine.positions(state).tolist() == FilterIndex(events).positions(state).tolist()
    assert engine.count(state) == len(FilterIndex(events).positions(state))


@settings(max_examples=20, deadline=None)
@given(event_lists, states)
def test_rows_cells_and_bins_count_what_the_chart_of_the_events_would_hold(events: list[Event],
                                                                            state: FilterState) -> None:
    engine = EventEngine.from_events(events, BACKEND)
    chosen = FilterIndex(events).select(state)
    for lanes in LANES:
        keys = engine.lane_keys(state, lanes)
        expected: dict[str, tuple[int, int]] = {}
        for event in chosen:
            for lane in lane_values(event, lanes):
                count, weight = expected.get(lane, (0, 0))
                expected[lane] = (count + 1, max(weight, importance_of(event)))
        assert keys == expected
        names, folded = rows_of_keys(keys, lanes, limit=3)
        assert names == chart_rows(chosen, lanes, limit=3).names
        others = names[-1] if folded else None
        for weekly, bin_of in ((True, week_of), (False, month_of)):
            rows, bins, counts = engine.cells(state, lanes, names[:-1] if folded else names, others, weekly)
            expected_cells = Counter((row, bin_of(e)) for e, event_rows in zip(chosen, chart_rows(chosen, lanes, limit=3).of_event)
                                     for row in event_rows)
            assert dict(zip(zip(rows, bins.tolist()), counts.tolist())) == expected_cells
            firsts, totals = engine.bin_totals(state, weekly)
            assert dict(zip(firsts.tolist(), totals.tolist())) == Counter(bin_of(e) for e in chosen)


def test_the_marks_of_a_large_selection_are_whole_tiers_then_an_even_share() -> None:
    events = load_timeline("data/events.yaml").events
    many = [e for e in events for _ in range(1)]
    engine = EventEngine.from_events(many, BACKEND)
    tiers = Counter(importance_of(e) for e in many)
    budget = tiers[5] + tiers[4] + tiers[3] // 2
    chosen = engine.most_important(FilterState(), budget)
    picked = Counter(importance_of(many[i]) for i in chosen)
    assert len(chosen) <= budget and list(chosen) == sorted(chosen)
    assert picked[5] == tiers[5] and picked[4] == tiers[4]  # whole tiers first
    assert 0 < picked[3] < tiers[3] and picked[2] == picked[1] == 0  # then a share of the next
    assert len(engine.most_important(FilterState(), len(many))) == len(many)
    assert len(engine.most_important(FilterState(search="no such words anywhere"), 10)) == 0


def test_spans_and_the_bundled_store_agree_with_the_events() -> None:
    events = load_timeline("data/events.yaml").events
    engine = EventEngine.from_events(events, BACKEND)
    assert engine.span(FilterState()) == (min(e.start for e in events).toordinal(),
                                          max(e.end for e in events).toordinal())
    assert engine.span(FilterState(search="no such words anywhere")) is None
    for state in (FilterState(actors=("Ali Khamenei",)), FilterState(search="kataib"),
                  FilterState(start=date(2020, 9, 20), categories=("statement",))):
        assert engine.positions(state).tolist() == FilterIndex(events).positions(state).tolist()


def test_a_selection_reads_like_the_tuple_of_its_events() -> None:
    timeline = load_timeline("data/events.yaml")
    source = in_memory(timeline)
    state = FilterState(start=date(2020, 9, 1))
    selection = source.select(state)
    expected = FilterIndex(timeline.events).select(state)
    assert tuple(selection) == expected == selection.all() == selection[:]
    assert len(selection) == len(expected) and selection[0] == expected[0] and selection[-1] == expected[-1]
    assert selection[2:5] == expected[2:5]
    for index, event in enumerate(expected):
        assert selection.index_of(event.id) == index
    assert selection.index_of(timeline.events[0].id) is None  # before the window
    assert selection.index_of("no-such-id") is None
    assert not source.select(FilterState(search="no such words anywhere"))
    assert source.event(expected[0].id) == expected[0] and source.event("nope") is None


def test_the_engine_named_in_the_environment_is_the_one_used(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TIMELINE_ENGINE", "duckdb://")
    assert connect().name == "duckdb"
    monkeypatch.setenv("TIMELINE_ENGINE", "nosuchengine://here")
    with pytest.raises(Exception):
        connect()


def test_weeks_start_on_monday_and_months_count_from_1970() -> None:
    monday = date(2020, 9, 14)
    assert monday.weekday() == 0
    ids = [date(2020, 9, d) for d in (14, 15, 20)]
    from timeline.model import DateValue, Precision, Source

    events = [Event(id=f"e{i}", title="t", date=DateValue(d, d, Precision.DAY), date_text="x", category="statement",
                    sources=(Source("s"),)) for i, d in enumerate(ids)]
    engine = EventEngine.from_events(events, BACKEND)
    weeks, counts = engine.bin_totals(FilterState(), True)
    assert weeks.tolist() == [monday.toordinal()] and counts.tolist() == [3]
    months, counts = engine.bin_totals(FilterState(), False)
    assert months.tolist() == [(2020 - 1970) * 12 + 8] and np.array_equal(counts, [3])


def test_sessions_in_threads_can_query_one_engine_at_once() -> None:
    from concurrent.futures import ThreadPoolExecutor

    events = load_timeline("data/events.yaml").events
    engine = EventEngine.from_events(events)
    states = [FilterState(search=word) for word in ("kataib", "iran", "pompeo", "kadhimi")] * 10
    expected = [FilterIndex(events).positions(state).tolist() for state in states]
    with ThreadPoolExecutor(8) as pool:
        found = list(pool.map(lambda state: engine.positions(state).tolist(), states))
    assert found == expected

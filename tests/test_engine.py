"""The query engine (Ibis over DuckDB) selects exactly what the in-memory index selects, and
counts what the chart of a large selection draws: rows, events per row per week or month, marks."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, settings

from tests.enginecases import (check_marks, check_rows_cells_and_bins, check_selection, check_spans,
                               check_weeks_and_months)
from tests.test_filterindex import event_lists, states
from timeline import load_timeline
from timeline.model import Event
from timeline.view.engine import EventEngine, connect
from timeline.view.eventsource import in_memory
from timeline.view.filterindex import FilterIndex
from timeline.view.filters import FilterState

BACKEND = connect()


@settings(max_examples=60, deadline=None)
@given(event_lists, states)
def test_the_engine_selects_exactly_what_the_index_selects(events: list[Event], state: FilterState) -> None:
    check_selection(events, state, BACKEND)


@settings(max_examples=20, deadline=None)
@given(event_lists, states)
def test_rows_cells_and_bins_count_what_the_chart_of_the_events_would_hold(events: list[Event],
                                                                            state: FilterState) -> None:
    check_rows_cells_and_bins(events, state, BACKEND)


def test_the_marks_of_a_large_selection_are_whole_tiers_then_an_even_share() -> None:
    check_marks(BACKEND)


def test_spans_and_the_bundled_store_agree_with_the_events() -> None:
    check_spans(BACKEND)


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
    check_weeks_and_months(BACKEND)


def test_sessions_in_threads_can_query_one_engine_at_once() -> None:
    from concurrent.futures import ThreadPoolExecutor

    events = load_timeline("data/events.yaml").events
    engine = EventEngine.from_events(events)
    states = [FilterState(search=word) for word in ("kataib", "iran", "pompeo", "kadhimi")] * 10
    expected = [FilterIndex(events).positions(state).tolist() for state in states]
    with ThreadPoolExecutor(8) as pool:
        found = list(pool.map(lambda state: engine.positions(state).tolist(), states))
    assert found == expected

"""What the query engine must answer on any Ibis backend: the checks ``test_engine`` runs on DuckDB
and ``test_engine_backends`` runs on DataFusion, each given the backend to build its engines on."""

from __future__ import annotations

from collections import Counter
from datetime import date
from typing import Any

from timeline import load_timeline
from timeline.chart.rows import chart_rows, lane_values, rows_of_keys
from timeline.chart.thinning import importance_of
from timeline.model import DateValue, Event, Precision, Source
from timeline.view.engine import EventEngine
from timeline.view.filterindex import FilterIndex
from timeline.view.filters import FilterState

LANES = ("actor", "group", "category", "place", "none")


def middle(event: Event) -> int:
    return (event.start.toordinal() + event.end.toordinal()) // 2


def week_of(event: Event) -> int:
    day = middle(event)
    return day - (day - 1) % 7


def month_of(event: Event) -> int:
    day = date.fromordinal(middle(event))
    return (day.year - 1970) * 12 + day.month - 1


def check_selection(events: list[Event], state: FilterState, backend: Any) -> None:
    engine = EventEngine.from_events(events, backend)
    assert engine.positions(state).tolist() == FilterIndex(events).positions(state).tolist()
    assert engine.count(state) == len(FilterIndex(events).positions(state))


def check_rows_cells_and_bins(events: list[Event], state: FilterState, backend: Any) -> None:
    engine = EventEngine.from_events(events, backend)
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


def check_marks(backend: Any) -> None:
    events = load_timeline("data/events.yaml").events
    many = [e for e in events for _ in range(1)]
    engine = EventEngine.from_events(many, backend)
    tiers = Counter(importance_of(e) for e in many)
    budget = tiers[5] + tiers[4] + tiers[3] // 2
    chosen = engine.most_important(FilterState(), budget)
    picked = Counter(importance_of(many[i]) for i in chosen)
    assert len(chosen) <= budget and list(chosen) == sorted(chosen)
    assert picked[5] == tiers[5] and picked[4] == tiers[4]  # whole tiers first
    assert 0 < picked[3] < tiers[3] and picked[2] == picked[1] == 0  # then a share of the next
    assert len(engine.most_important(FilterState(), len(many))) == len(many)
    assert len(engine.most_important(FilterState(search="no such words anywhere"), 10)) == 0


def check_spans(backend: Any) -> None:
    events = load_timeline("data/events.yaml").events
    engine = EventEngine.from_events(events, backend)
    assert engine.span(FilterState()) == (min(e.start for e in events).toordinal(),
                                          max(e.end for e in events).toordinal())
    assert engine.span(FilterState(search="no such words anywhere")) is None
    for state in (FilterState(actors=("Ali Khamenei",)), FilterState(search="kataib"),
                  FilterState(start=date(2020, 9, 20), categories=("statement",))):
        assert engine.positions(state).tolist() == FilterIndex(events).positions(state).tolist()


def check_weeks_and_months(backend: Any) -> None:
    monday = date(2020, 9, 14)
    assert monday.weekday() == 0
    ids = [date(2020, 9, d) for d in (14, 15, 20)]
    events = [Event(id=f"e{i}", title="t", date=DateValue(d, d, Precision.DAY), date_text="x", category="statement",
                    sources=(Source("s"),)) for i, d in enumerate(ids)]
    engine = EventEngine.from_events(events, backend)
    weeks, counts = engine.bin_totals(FilterState(), True)
    assert weeks.tolist() == [monday.toordinal()] and counts.tolist() == [3]
    months, counts = engine.bin_totals(FilterState(), False)
    assert months.tolist() == [(2020 - 1970) * 12 + 8] and counts.tolist() == [3]

"""A large selection is drawn as counts a person can read (shaded cells per row and week or month)
with the most important events as marks on top; narrowing the filters brings back every mark."""

from __future__ import annotations

import json
import sys
from datetime import date
from pathlib import Path

import plotly.graph_objects as go
import pytest

from tests.apptest import open_app
from timeline import load_timeline
from timeline.chart.options import FigureOptions
from timeline.chart.overview import OVERVIEW_FROM, OVERVIEW_MARKS
from timeline.chart.rows import chart_rows
from timeline.chart.selectionfigure import selection_figure
from timeline.model import Timeline
from timeline.view.eventsource import in_memory
from timeline.view.filters import FilterState

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))
from generate import generate  # noqa: E402

SIZE = OVERVIEW_FROM + 1_000


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("large") / "events.yaml"
    path.write_text(generate(SIZE), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def timeline(store: Path) -> Timeline:
    return load_timeline(store)


def marks_of(figure: go.Figure) -> set[str]:
    return {row[0] for trace in figure.data if trace.customdata is not None for row in trace.customdata}


def trace_types(at: object) -> set[str]:
    (chart,) = at.get("plotly_chart")  # type: ignore[attr-defined]
    return {trace.get("type", "scatter") for trace in json.loads(chart.proto.spec)["data"]}


def heat(figure: go.Figure) -> list[go.Heatmap]:
    return [trace for trace in figure.data if isinstance(trace, go.Heatmap)]


def test_a_large_selection_is_shaded_counts_with_the_most_important_events_as_marks(timeline: Timeline) -> None:
    source = in_memory(timeline)
    state = FilterState()
    selection = source.select(state)
    figure = selection_figure(selection, source, state, FigureOptions())
    (cells,) = heat(figure)
    rows = chart_rows(timeline.events, "actor").names
    assert list(cells.y) == rows  # the same rows, in the same order, as a chart of every event
    assert sum(v for line in cells.z for v in line if v == v) >= SIZE  # each event in each of its rows
    (bars,) = [t for t in figure.data if isinstance(t, go.Bar)]
    assert sum(bars.y) == SIZE  # the strip counts every event once
    drawn = marks_of(figure)
    assert 0 < len(drawn) <= OVERVIEW_MARKS
    assert min(e.importance or 3 for e in timeline.events if e.id in drawn) >= max(
        e.importance or 3 for e in timeline.events if e.id not in drawn) - 1  # the most important first
    (note,) = [a.text for a in figure.layout.annotations if a.name == "thinning"]
    assert note == f"Shading counts all {SIZE:,} events by row and month; marks: the {len(drawn):,} most important."
    assert len(figure.to_json()) < 2_000_000  # a small payload, not every event's hover text


def test_narrowing_the_filters_brings_back_every_mark(timeline: Timeline) -> None:
    source = in_memory(timeline)
    state = FilterState(categories=("meeting",))
    selection = source.select(state)
    assert 0 < len(selection) <= OVERVIEW_FROM
    figure = selection_figure(selection, source, state, FigureOptions())
    assert not heat(figure)
    assert marks_of(figure) == {e.id for e in selection}


def test_the_open_event_is_drawn_and_ringed_even_when_not_among_the_most_important(timeline: Timeline) -> None:
    source = in_memory(timeline)
    minor = next(e for e in timeline.events if (e.importance or 3) == 1)
    figure = selection_figure(source.select(FilterState()), source, FilterState(),
                              FigureOptions(selected_id=minor.id))
    assert minor.id in marks_of(figure)
    assert any(trace.name == "selected" for trace in figure.data)


def test_a_short_window_counts_by_week(timeline: Timeline) -> None:
    source = in_memory(timeline)
    state = FilterState(start=date(2014, 1, 1), end=date(2025, 12, 31), lanes="category")
    weekly_state = FilterState(start=date(2019, 1, 1), end=date(2019, 12, 31), lanes="category")
    small = source.select(weekly_state)
    figure = selection_figure(small, source, weekly_state, FigureOptions(lanes="category"), overview_from=10)
    (note,) = [a.text for a in figure.layout.annotations if a.name == "thinning"]
    assert "by row and week" in note and f"all {len(small):,} events" in note
    assert heat(selection_figure(source.select(state), source, state, FigureOptions(lanes="category")))


def test_the_page_writes_the_count_with_the_overview_and_lists_the_first_thousand(store: Path,
                                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TIMELINE_DATA", str(store))
    at = open_app()
    assert not at.exception
    assert any(c.value.startswith(f"Showing {SIZE:,} of {SIZE:,} events") for c in at.caption)
    assert any("Shading counts all" in c.value and "Narrow the dates or filters" in c.value for c in at.caption)
    assert "heatmap" in trace_types(at)
    assert any(c.value.startswith(f"The table lists the first 1,000 of {SIZE:,} events") for c in at.caption)
    assert len(at.dataframe[0].value) == 1_000
    at.multiselect(key="f_categories").select("meeting").run()
    count = next(int(c.value.split()[1].replace(",", "")) for c in at.caption if c.value.startswith("Showing "))
    assert 0 < count <= OVERVIEW_FROM
    assert "heatmap" not in trace_types(at) and "scatter" in trace_types(at)

"""The query engine's expressions, unchanged, on a second Ibis backend: DataFusion (in this process,
from PyPI alone) selects exactly what the in-memory index selects and counts what the chart
draws, as DuckDB does (``test_engine``). Missing DataFusion fails these tests: it is a requirement."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings

from tests.enginecases import (check_marks, check_rows_cells_and_bins, check_selection, check_spans,
                               check_weeks_and_months)
from tests.test_filterindex import event_lists, states
from timeline import load_timeline
from timeline.edit.convert import convert_store
from timeline.model import Event
from timeline.store.lazystore import open_lazy_store
from timeline.store.parquetstore import read_parquet_store
from timeline.view.engine import EventEngine, connect
from timeline.view.filterindex import FilterIndex
from timeline.view.filters import FilterState

URL = "datafusion://"


@pytest.fixture(scope="module")
def datafusion() -> Any:
    # Module-scoped: Hypothesis runs every example on one backend, as the page's sessions share one.
    try:
        return connect(URL)
    except ImportError as error:
        pytest.fail(f"DataFusion is not installed ({str(error).splitlines()[0]}): pip install -r requirements.txt "
                    "(ibis-framework[datafusion], datafusion); the engine must pass on it, so this fails, not skips.",
                    pytrace=False)


@settings(max_examples=60, deadline=None)
@given(events=event_lists, state=states)
def test_datafusion_selects_exactly_what_the_index_selects(datafusion: Any, events: list[Event],
                                                           state: FilterState) -> None:
    check_selection(events, state, datafusion)


@settings(max_examples=20, deadline=None)
@given(events=event_lists, state=states)
def test_datafusion_counts_the_rows_cells_and_bins_of_the_chart(datafusion: Any, events: list[Event],
                                                                 state: FilterState) -> None:
    check_rows_cells_and_bins(events, state, datafusion)


def test_datafusion_marks_whole_tiers_then_an_even_share(datafusion: Any) -> None:
    check_marks(datafusion)


def test_datafusion_spans_and_weeks_and_months(datafusion: Any) -> None:
    check_spans(datafusion)
    check_weeks_and_months(datafusion)


def test_datafusion_refuses_temporary_tables_so_the_engine_loads_a_plain_one(datafusion: Any) -> None:
    events = load_timeline("data/events.yaml").events[:3]
    engine = EventEngine.from_events(events, datafusion)
    assert datafusion.table(engine.table.get_name()).count().to_pyarrow().as_py() == engine.count(FilterState()) == 3
    duckdb = connect("duckdb://")
    kept = EventEngine.from_events(events, duckdb)
    assert duckdb.raw_sql("SELECT temporary FROM duckdb_tables() WHERE table_name = ?",
                          parameters=[kept.table.get_name().split(".")[-1]]).fetchall() == [(True,)]  # DuckDB's stays temporary


def test_the_environment_picks_datafusion(datafusion: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TIMELINE_ENGINE", URL)
    assert connect().name == "datafusion" == datafusion.name


def test_datafusion_selects_a_columnar_store_as_its_loaded_events(datafusion: Any, tmp_path: Path) -> None:
    path = tmp_path / "events.parquet"
    convert_store("data/events.yaml", path)
    lazy, _ = open_lazy_store(path)
    assert lazy is not None
    events = read_parquet_store(path)[0].events
    engine = EventEngine.from_columns(lazy.engine_columns(), datafusion)
    for state in (FilterState(), FilterState(search="kataib"), FilterState(search="خامنه"),
                  FilterState(actors=events[0].actors[:1]), FilterState(tags=("militias", "oil"))):
        assert engine.positions(state).tolist() == FilterIndex(events).positions(state).tolist(), state


def test_sessions_in_threads_can_query_one_datafusion_engine_at_once(datafusion: Any) -> None:
    events = load_timeline("data/events.yaml").events
    engine = EventEngine.from_events(events, datafusion)
    chosen = [FilterState(search=word) for word in ("kataib", "iran", "pompeo", "kadhimi")] * 5
    expected = [FilterIndex(events).positions(state).tolist() for state in chosen]
    with ThreadPoolExecutor(8) as pool:
        assert list(pool.map(lambda state: engine.positions(state).tolist(), chosen)) == expected


def test_the_engine_keeps_one_copy_of_the_columns_not_a_view_of_its_source_beside_it() -> None:
    # The columns handed over (a million events' search texts: hundreds of MB) are freed once
    # copied: Ibis drops the view it copied from (with the sqlglot it was released with).
    duckdb = connect("duckdb://")
    EventEngine.from_events(load_timeline("data/events.yaml").events, duckdb)
    assert duckdb.raw_sql("SELECT view_name FROM duckdb_views() WHERE NOT internal").fetchall() == []

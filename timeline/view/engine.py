"""Selection as queries: the events of a store as a table in a query engine, filtered there.

Holds: ``EventEngine`` (one store's events as an Ibis table; ``positions``, ``count``, ``span``,
``lane_keys``, ``cells``, ``bin_totals`` and ``most_important`` answer a
:class:`~timeline.view.filters.FilterState` as queries: the selection, the rows of its chart, the
events per row per week or month, and which events to draw as marks), ``connect`` (the
engine's backend, named by one setting), ``ENGINE_ENV`` and ``DEFAULT_BACKEND``.
May import: ``timeline.view.filters``, ``timeline.model``; ibis (and through it DuckDB or DataFusion) only
here, and pyarrow, the columns handed to the engine.

Why Ibis: the filter is written once as an expression, and Ibis compiles it to DuckDB in this
process or, unchanged, to Spark, Trino, BigQuery, Snowflake or Postgres when a store outgrows one
machine; ``TIMELINE_ENGINE=duckdb://`` (the default) or any URL ``ibis.connect`` reads, such as
``trino://user@host/catalog/schema``, picks the backend. The same expressions run, and are tested,
on DuckDB and on DataFusion (``datafusion://``, also in this process); the others are not yet run.
The table holds only what selection needs: each event's position in the store (the answer), its
first and last day as day ordinals (every era compares as an integer; see
:mod:`timeline.dates.days`), its category, actors, actor groups, places and tags as lists, its
importance, and its search text folded by Python's own :func:`~timeline.view.filters.search_text`,
so that the engine and the in-memory :class:`~timeline.view.filterindex.FilterIndex` can never
disagree on a match (the tests check that with Hypothesis).
"""

from __future__ import annotations

import os
import threading
import uuid
from collections.abc import Sequence
from typing import Any

import ibis
import numpy as np
import numpy.typing as npt
import pyarrow as pa

from timeline.dates.days import EPOCH_ORDINAL
from timeline.model import DEFAULT_IMPORTANCE, LANE_PLACEHOLDERS, Event
from timeline.view.filters import FilterState, fold, search_text

ENGINE_ENV = "TIMELINE_ENGINE"
"""The environment variable naming the backend as a URL ``ibis.connect`` reads."""
DEFAULT_BACKEND = "duckdb://"
"""DuckDB in this process, in memory."""

_SCHEMA = ibis.schema({
    "pos": "int64", "start_day": "int64", "end_day": "int64", "week": "int64", "month": "int64", "category": "string",
    "importance": "int8", "actors": "array<string>", "groups": "array<string>", "places": "array<string>",
    "tags": "array<string>", "search": "string",
})
_LIST_FIELDS = (("actors", "actors"), ("groups", "groups"), ("places", "places"), ("tags", "tags"))
_LANE_COLUMNS = {"actor": "actors", "group": "groups", "place": "places"}
_LOCKS: dict[int, threading.Lock] = {}


def connect(url: str | None = None) -> Any:
    """Return the Ibis backend named by ``url``, else by ``TIMELINE_ENGINE``, else DuckDB in memory."""
    return ibis.connect(url or os.environ.get(ENGINE_ENV) or DEFAULT_BACKEND)


def _load(backend: Any, frame: pa.Table) -> Any:
    """Copy ``frame`` into ``backend`` once (so a query reads its columns, not Python lists again)
    as a temporary table, or as a plain one where the backend makes none: DataFusion's SQL, Trino,
    Athena and Impala refuse ``temp=True``, each with an error of its own, so any error retries."""
    # Unique beyond this process: a plain table on a shared server outlives the session.
    name = f"timeline_events_{uuid.uuid4().hex}"
    # The Arrow table itself, not an ibis.memtable of it: given the data, Ibis drops the view it
    # copies from, and the frame (a million events' search texts: hundreds of MB) is freed; a
    # memtable stays registered beside the copy for the life of the process.
    try:
        return backend.create_table(name, frame, temp=True)
    except Exception:  # noqa: BLE001 - the retry raises the backend's real error, if any
        return backend.create_table(name, frame)


def _folded(texts: Sequence[str] | pa.Array | pa.ChunkedArray, chunk: int = 65_536) -> pa.ChunkedArray:
    """The texts folded for search, a chunk at a time: a million events' texts as Python strings
    twice over (as written and folded) would take ~1 GB at once."""
    as_python = isinstance(texts, (pa.Array, pa.ChunkedArray))
    pieces = []
    for first in range(0, len(texts), chunk):
        part = texts[first:first + chunk]
        pieces.append(pa.array([fold(text) for text in (part.to_pylist() if as_python else part)], pa.string()))
    return pa.chunked_array(pieces, pa.string())


class EventEngine:
    """One store's events as a table of an Ibis backend, for selection by query.

    Build it once per loaded store (``from_events``) and keep it: it is never changed afterwards.
    ``positions(state)`` equals ``FilterIndex(events).positions(state)`` for every state.
    """

    def __init__(self, backend: Any, table: Any, size: int) -> None:
        self.backend = backend
        self.table = table
        self.size = size
        self._lock = _LOCKS.setdefault(id(backend), threading.Lock())

    def _run(self, expression: Any) -> Any:
        """Run a query, one at a time per backend: the page's sessions are threads sharing one
        connection, and a DuckDB connection is not safe to use from two threads at once."""
        with self._lock:
            return self.backend.to_pyarrow(expression)

    @classmethod
    def from_events(cls, events: Sequence[Event], backend: Any = None) -> EventEngine:
        """Load ``events`` (positions in the given order) into ``backend`` (default: ``connect()``)."""
        return cls.from_columns({
            "start_day": [e.start.toordinal() for e in events],
            "end_day": [e.end.toordinal() for e in events],
            "category": [e.category for e in events],
            "importance": [DEFAULT_IMPORTANCE if e.importance is None else e.importance for e in events],
            "actors": [list(e.actors) for e in events],
            "groups": [list(e.groups) for e in events],
            "places": [list(e.places) for e in events],
            "tags": [list(e.tags) for e in events],
            "search": [search_text(e) for e in events],
        }, backend)

    @classmethod
    def from_columns(cls, columns: dict[str, Any], backend: Any = None) -> EventEngine:
        """Load events given as columns (one value per event, in event order): ``start_day``,
        ``end_day``, ``category``, ``importance``, ``actors``, ``groups``, ``places``, ``tags``, and
        ``search`` (folded) or ``search_parts`` (the text :func:`search_text` folds)."""
        backend = backend if backend is not None else connect()
        starts = np.asarray(columns["start_day"], dtype=np.int64)
        ends = np.asarray(columns["end_day"], dtype=np.int64)
        # An event is counted in the week and month of the middle of its dates, as on the chart.
        middle = (starts + ends) // 2
        days = (middle - EPOCH_ORDINAL).astype("datetime64[D]")
        search = columns.get("search")
        if search is None:
            search = _folded(columns["search_parts"])
        data = {**{name: columns[name] for name in ("category", "importance", "actors", "groups", "places", "tags")},
                "pos": np.arange(len(starts), dtype=np.int64), "start_day": starts, "end_day": ends,
                "week": middle - (middle - 1) % 7,  # its Monday: ordinal 1 (1 January 1 CE) was a Monday
                "month": days.astype("datetime64[M]").astype(np.int64),  # months since January 1970
                "search": search}
        arrow_schema = _SCHEMA.to_pyarrow()
        frame = pa.table([data[field.name] if isinstance(data[field.name], pa.ChunkedArray)
                          else pa.array(data[field.name], type=field.type) for field in arrow_schema], schema=arrow_schema)
        return cls(backend, _load(backend, frame), len(starts))

    def __len__(self) -> int:
        return self.size

    def selection(self, state: FilterState) -> Any:
        """Return the Ibis expression of the events that match ``state`` (not yet run)."""
        table = self.table
        conditions = []
        if state.start is not None:
            conditions.append(table.end_day >= state.start.toordinal())
        if state.end is not None:
            conditions.append(table.start_day <= state.end.toordinal())
        if state.categories:
            conditions.append(table.category.isin(sorted(set(state.categories))))
        for field, name in _LIST_FIELDS:
            wanted = sorted(set(getattr(state, field)))
            if wanted:  # any of the wanted values; an empty choice means all
                # Value by value, not as a non-empty intersection with the wanted list: at 100,000
                # events DataFusion 51 takes ~12 s over that intersection, ~25 ms over this (DuckDB 14, 8).
                conditions.append(ibis.or_(*(table[name].contains(value) for value in wanted)))
        needle = fold(state.search.strip())
        if needle:
            conditions.append(table.search.contains(needle))
        return table.filter(*conditions) if conditions else table

    def positions(self, state: FilterState) -> npt.NDArray[np.intp]:
        """Return the ascending positions of the events that match ``state``."""
        if state.is_default:
            return np.arange(self.size, dtype=np.intp)
        found = self._run(self.selection(state).select("pos").order_by("pos"))
        return found.column("pos").to_numpy().astype(np.intp, copy=False)

    def count(self, state: FilterState) -> int:
        """Return how many events match ``state``."""
        return int(self._run(self.selection(state).count()).as_py())

    def span(self, state: FilterState) -> tuple[int, int] | None:
        """Return the first start day and last end day (ordinals) of the matching events."""
        chosen = self.selection(state)
        found = self._run(chosen.aggregate(first=chosen.start_day.min(), last=chosen.end_day.max()))
        first, last = found.column("first")[0].as_py(), found.column("last")[0].as_py()
        return None if first is None else (first, last)

    def lane_keys(self, state: FilterState, lanes: str) -> dict[str, tuple[int, int]]:
        """Return each row value of the matching events (actor, group, place or category, as
        ``lanes`` says) with (events in it, the highest importance among them): what the chart
        ranks its rows by. An event with no actor counts in '(no actor)', as on the chart."""
        rows = self._lane_rows(self.selection(state), lanes)
        found = self._run(rows.group_by("lane").aggregate(
            events=rows.pos.nunique(), weight=rows.importance.max()))
        return {lane: (int(events), int(weight)) for lane, events, weight in zip(
            found.column("lane").to_pylist(), found.column("events").to_pylist(), found.column("weight").to_pylist())}

    def cells(self, state: FilterState, lanes: str, kept: Sequence[str], others: str | None,
              weekly: bool) -> tuple[list[str], npt.NDArray[np.int64], npt.NDArray[np.int64]]:
        """Return (row, bin, events) of the matching events per chart row and week or month.

        A row value outside ``kept`` is counted in the row ``others``, each event once however
        many of its values were folded there (None: those values are not counted). A bin is a
        week's Monday as a day ordinal, or a month as months since January 1970."""
        rows = self._lane_rows(self.selection(state), lanes)
        kept_list = sorted(set(kept))
        row = rows.lane if others is None else ibis.ifelse(rows.lane.isin(kept_list), rows.lane, others)
        rows = rows.mutate(row=row)
        if others is None:
            rows = rows.filter(rows.lane.isin(kept_list))
        binned = rows.mutate(bin=rows.week if weekly else rows.month)
        found = self._run(binned.group_by(["row", "bin"]).aggregate(events=binned.pos.nunique())
                                        .order_by(["row", "bin"]))
        return (found.column("row").to_pylist(), found.column("bin").to_numpy().astype(np.int64),
                found.column("events").to_numpy().astype(np.int64))

    def bin_totals(self, state: FilterState, weekly: bool) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.int64]]:
        """Return (bin, events) of the matching events per week or month (bins as in ``cells``)."""
        chosen = self.selection(state)
        binned = chosen.select(bin=chosen.week if weekly else chosen.month)
        found = self._run(binned.group_by("bin").aggregate(events=ibis._.count()).order_by("bin"))
        return (found.column("bin").to_numpy().astype(np.int64), found.column("events").to_numpy().astype(np.int64))

    def most_important(self, state: FilterState, limit: int) -> npt.NDArray[np.intp]:
        """Return the ascending positions of at most ``limit`` matching events to draw as marks:
        whole importance tiers from 5 down while they fit, then an evenly spaced share (in event
        order, which is date order) of the first tier that does not, so the marks keep the shape
        of the data."""
        chosen = self.selection(state)
        tiers = self._run(chosen.group_by("importance").aggregate(events=ibis._.count()))
        sizes = sorted(zip(tiers.column("importance").to_pylist(), tiers.column("events").to_pylist()), reverse=True)
        budget, whole_from, cut, step = limit, None, None, 1
        for importance, events in sizes:
            if events <= budget:
                budget -= events
                whole_from = importance
                continue
            if budget > 0:
                cut, step = importance, -(-events // budget)  # every step-th event of the cut tier
            break
        keep = []
        if whole_from is not None:
            keep.append(chosen.importance >= whole_from)
        if cut is not None:
            chosen = chosen.mutate(rank=ibis.row_number().over(group_by="importance", order_by="pos"))
            keep.append((chosen.importance == cut) & (chosen.rank % step == step - 1))
        if not keep:
            return np.empty(0, dtype=np.intp)
        found = self._run(chosen.filter(ibis.or_(*keep)).select("pos").order_by("pos"))
        return found.column("pos").to_numpy().astype(np.intp, copy=False)

    def _lane_rows(self, chosen: Any, lanes: str) -> Any:
        """One row per (event, row value): the event's actors (groups, places) unnested, its
        category, or 'Events'; an event with none in the row '(no actor)' ('(no group)', ...)."""
        if lanes == "none":
            return chosen.select("pos", "importance", "week", "month", lane=ibis.literal("Events"))
        if lanes == "category":
            return chosen.select("pos", "importance", "week", "month", lane=chosen.category)
        column = chosen[_LANE_COLUMNS[lanes]]
        values = ibis.ifelse(column.length() > 0, column, ibis.literal([LANE_PLACEHOLDERS[lanes]], type="array<string>"))
        return chosen.select("pos", "importance", "week", "month", lane=values.unnest())

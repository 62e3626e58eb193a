"""A store's events as the page reads them: a selection by filters, events by id, counts.

Holds: ``Selection`` (the events a filter state selects, in store order, as a sequence whose
events are built only when read), ``EventSource`` (one store's events: ``select``, ``event``,
``events_at``, and its ``engine`` for counts), ``in_memory`` (a loaded timeline's events) and
``in_columns`` (a large Parquet store kept as columns, see :mod:`timeline.store.lazystore`), and
``EventsById`` (a mapping that builds the event asked for).
May import: ``timeline.view.filterindex``, ``timeline.view.engine``, ``timeline.view.filters``,
``timeline.model``, numpy.

Why a sequence and not a tuple: a store of a million events is kept as columns (a tuple of its
events would need ~4 GB), so a page asks for what it shows (the first thousand for the picker,
the six hundred marks of the chart, the neighbours of the open event) and only those are built.
A loaded YAML store answers the same questions from its tuple of events at no cost.

Why two ways to select: at 100,000 events the in-memory :class:`FilterIndex` answers a filter in
under a millisecond and the engine in about ten (measured), so a loaded store selects in memory;
the engine counts what a chart of a large selection draws as shading, and selects for a store
kept as columns, where no events are in memory to index.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator, Mapping, Sequence
from datetime import date
from typing import Any, overload

import numpy as np
import numpy.typing as npt

from timeline.model import Event, Timeline
from timeline.view.filters import FilterState, choices, fold

Positions = npt.NDArray[np.intp]
_CHUNK = 5_000


class Selection(Sequence[Event]):
    """The events a filter state selects, in store order; an event is built when it is read."""

    def __init__(self, positions: Positions, source: EventSource) -> None:
        self.positions = positions
        self._source = source

    def __len__(self) -> int:
        return len(self.positions)

    @overload
    def __getitem__(self, index: int) -> Event: ...

    @overload
    def __getitem__(self, index: slice) -> tuple[Event, ...]: ...

    def __getitem__(self, index: int | slice) -> Event | tuple[Event, ...]:
        if isinstance(index, slice):
            return self._source.events_at(self.positions[index])
        return self._source.events_at(self.positions[[index]])[0]

    def __iter__(self) -> Iterator[Event]:
        for first in range(0, len(self.positions), _CHUNK):
            yield from self._source.events_at(self.positions[first:first + _CHUNK])

    def __bool__(self) -> bool:
        return len(self.positions) > 0

    def index_of(self, event_id: str) -> int | None:
        """Return where the event ``event_id`` is in this selection (None when it is not)."""
        position = self._source.position_of(event_id)
        if position is None:
            return None
        index = int(np.searchsorted(self.positions, position))
        return index if index < len(self.positions) and self.positions[index] == position else None

    def all(self) -> tuple[Event, ...]:
        """Every event of the selection (built all at once: for exports and small selections)."""
        return self._source.events_at(self.positions)


class EventSource:
    """One store's events: what a page selects, reads by id and counts."""

    def __init__(self, size: int, span: tuple[date, date] | None, held: bool, *,
                 select: Callable[[FilterState], Positions],
                 events_at: Callable[[Sequence[int]], tuple[Event, ...]],
                 position_of: Callable[[str], int | None], engine: Callable[[], Any],
                 choices: Callable[[], dict[str, tuple[str, ...]]]) -> None:
        self.size = size
        self.span = span
        self.held = held
        """True when every event is in memory (a loaded store); False for a store kept as columns."""
        self._select = select
        self._events_at = events_at
        self._position_of = position_of
        self._make_engine = engine
        self._choices = choices
        self._engine: Any = None
        self._lock = threading.Lock()

    def select(self, state: FilterState) -> Selection:
        return Selection(self._select(state), self)

    def events_at(self, positions: Sequence[int] | Positions) -> tuple[Event, ...]:
        return self._events_at(positions)

    def position_of(self, event_id: str) -> int | None:
        return self._position_of(event_id)

    def event(self, event_id: str) -> Event | None:
        position = self._position_of(event_id)
        return None if position is None else self._events_at([position])[0]

    def choices(self) -> dict[str, tuple[str, ...]]:
        """The distinct actors, groups, categories, places and tags, sorted as the pickers list them."""
        return self._choices()

    @property
    def engine(self) -> Any:
        """The store in the query engine, loaded on first use (about a second at 100,000 events)."""
        with self._lock:  # sessions run in threads: one load, shared
            if self._engine is None:
                self._engine = self._make_engine()
            return self._engine


def in_memory(timeline: Timeline) -> EventSource:
    """The events of a loaded timeline: selected by the in-memory index, counted by the engine."""
    from timeline.view.filterindex import FilterIndex

    events = timeline.events
    index = FilterIndex(events)
    where = {event.id: position for position, event in enumerate(events)}

    def engine() -> Any:
        from timeline.view.engine import EventEngine

        return EventEngine.from_events(events)

    return EventSource(len(events), timeline.span, True, select=index.positions,
                       events_at=lambda positions: tuple(map(events.__getitem__, np.asarray(positions).tolist())),
                       position_of=where.get, engine=engine, choices=lambda: choices(events))


def in_columns(store: Any) -> EventSource:
    """The events of a store kept as columns (a ``LazyStore``): selected and counted by the engine,
    built as events only when read."""
    from timeline.view.engine import EventEngine

    columns = store.engine_columns()
    engine = EventEngine.from_columns(columns)
    return EventSource(store.size, store.span, False, select=engine.positions, events_at=store.events_at,
                       position_of=store.position_of, engine=lambda: engine, choices=lambda: store.choices(fold))



VIEW_EVENT_LIMIT = 50_000
"""Events the story, the map and the network draw at most from a store kept as columns (each is
built in memory: a million would take ~20 s and ~4.5 GB); past it they ask for narrower filters."""


class EventsById(Mapping[str, Event]):
    """Events by id, built when asked for: a store's ``by_id`` without a dict of every event."""

    def __init__(self, source: EventSource) -> None:
        self._source = source

    def __getitem__(self, event_id: str) -> Event:
        event = self._source.event(event_id) if isinstance(event_id, str) else None
        if event is None:
            raise KeyError(event_id)
        return event

    def __contains__(self, event_id: object) -> bool:
        return isinstance(event_id, str) and self._source.position_of(event_id) is not None

    def __len__(self) -> int:
        return self._source.size

    def __iter__(self) -> Iterator[str]:
        for first in range(0, self._source.size, _CHUNK):
            yield from (e.id for e in self._source.events_at(range(first, min(first + _CHUNK, self._source.size))))

"""A prepared, vectorised form of :func:`timeline.filters.filter_events` for large stores.

``filter_events`` walks every event in Python and folds every event's text again for each
search; at 100,000 events a search costs about a second on every rerun of the page. A
``FilterIndex`` is built once per loaded store and answers the same question with numpy:

- the window is two comparisons over arrays of day ordinals;
- each of actors, categories, places and tags is a posting list (value -> ascending event
  positions), so "any of these actors" costs what the chosen actors' events cost, not the store;
- the search text of every event is folded once, at build time, with the very same
  :func:`~timeline.filters.search_text`, so a search is one substring test per candidate event.

``FilterIndex(events).select(state) == filter_events(events, state)`` for every state, in the
same order; the tests check that with Hypothesis.
"""

from __future__ import annotations

import operator
from collections.abc import Iterable, Sequence
from itertools import repeat

import numpy as np
import numpy.typing as npt

from timeline.view.filters import FilterState, fold, search_text
from timeline.model import Event

Positions = npt.NDArray[np.intp]
Mask = npt.NDArray[np.bool_]


class _Postings:
    """For each distinct value of one field, the ascending positions of the events that have it.

    Stored as one array of positions grouped by value plus an offsets array (the CSR layout), so
    a store with 100,000 events and a few hundred actors costs two arrays, not a few hundred.
    """

    __slots__ = ("_codes", "_offsets", "_positions")

    def __init__(self, values_per_event: Iterable[Iterable[str]]) -> None:
        codes: dict[str, int] = {}
        owners: list[int] = []
        value_codes: list[int] = []
        for position, values in enumerate(values_per_event):
            for value in values:
                owners.append(position)
                value_codes.append(codes.setdefault(value, len(codes)))
        code_array = np.asarray(value_codes, dtype=np.intp)
        # A stable sort keeps each value's positions ascending, as the events come.
        order = np.argsort(code_array, kind="stable")
        self._codes = codes
        self._positions = _frozen(np.asarray(owners, dtype=np.intp)[order])
        counts = np.bincount(code_array, minlength=len(codes))
        self._offsets = _frozen(np.concatenate(([0], np.cumsum(counts))).astype(np.intp))

    def events_with_any(self, wanted: Iterable[str], size: int) -> Mask:
        """Return a mask over ``size`` events: True where the event has any of ``wanted``.

        A value no event has (a stale URL, a typo) matches nothing, as in ``filter_events``.
        """
        mask = np.zeros(size, dtype=np.bool_)
        for value in set(wanted):
            code = self._codes.get(value)
            if code is not None:
                mask[self._positions[self._offsets[code] : self._offsets[code + 1]]] = True
        return mask


class FilterIndex:
    """The events of one store, prepared so that :meth:`select` is fast at 100,000 events.

    Build it once per loaded store (the build folds every event's text, the costly part) and
    keep it with the store; it is never changed after ``__init__`` and pickles, so a cache can
    hold it. Its ``events`` are the events in the order given.
    """

    __slots__ = ("_actors", "_categories", "_ends", "_groups", "_places", "_starts", "_tags", "_texts", "events")

    def __init__(self, events: Sequence[Event]) -> None:
        self.events: tuple[Event, ...] = tuple(events)
        # Day ordinals make the inclusive window two integer comparisons per event.
        self._starts = _frozen(np.fromiter((e.start.toordinal() for e in self.events), np.int64,
                                           len(self.events)))
        self._ends = _frozen(np.fromiter((e.end.toordinal() for e in self.events), np.int64,
                                         len(self.events)))
        self._categories = _Postings((e.category,) for e in self.events)
        self._actors = _Postings(e.actors for e in self.events)
        self._groups = _Postings(e.groups for e in self.events)
        self._places = _Postings(e.places for e in self.events)
        self._tags = _Postings(e.tags for e in self.events)
        # Folded with filters.search_text itself so both paths can never disagree on a match.
        self._texts: tuple[str, ...] = tuple(search_text(e) for e in self.events)

    def __len__(self) -> int:
        return len(self.events)

    def positions(self, state: FilterState) -> Positions:
        """Return the ascending positions in ``events`` of the events that match ``state``."""
        size = len(self.events)
        mask = self._choice_mask(state)
        if state.start is not None:
            mask = _and(mask, self._ends >= state.start.toordinal())
        if state.end is not None:
            mask = _and(mask, self._starts <= state.end.toordinal())
        found = np.arange(size, dtype=np.intp) if mask is None else np.flatnonzero(mask)
        needle = fold(state.search.strip())
        if needle and found.size:
            # Only the events the cheap filters kept are searched: a search inside one category
            # or a short window tests a fraction of the store.
            texts = self._texts if found.size == size else map(self._texts.__getitem__,
                                                               found.tolist())
            # map + operator.contains measured faster than pandas' str.contains (object or
            # pyarrow strings), numpy.strings.find and a find over one joined string.
            hits = np.fromiter(map(operator.contains, texts, repeat(needle)), np.bool_,
                               found.size)
            found = found[hits]
        return found

    def select(self, state: FilterState) -> tuple[Event, ...]:
        """Return the events that match ``state``, in order: exactly ``filter_events``'s answer."""
        found = self.positions(state)
        if found.size == len(self.events):
            return self.events
        return tuple(map(self.events.__getitem__, found.tolist()))

    def _choice_mask(self, state: FilterState) -> Mask | None:
        """AND the any-of masks of the non-empty choices; None when no choice narrows."""
        size = len(self.events)
        mask: Mask | None = None
        for wanted, postings in ((state.categories, self._categories), (state.actors, self._actors),
                                 (state.groups, self._groups),
                                 (state.places, self._places), (state.tags, self._tags)):
            if wanted:  # an empty choice means all, so it adds no mask
                mask = _and(mask, postings.events_with_any(wanted, size))
        return mask


def _and(mask: Mask | None, more: Mask) -> Mask:
    return more if mask is None else mask & more


def _frozen(array: np.ndarray) -> np.ndarray:
    # The index is shared between Streamlit sessions: a stray in-place write must fail loudly.
    array.flags.writeable = False
    return array

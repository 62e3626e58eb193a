"""A Parquet store opened without building its events: the columns held as one table, checked
vectorised, and events built only for the rows asked for.

Holds: ``LazyStore`` (header, size, span; ``events_at``, ``position_of``, ``engine_columns`` for an engine,
``choices`` for the pickers) and ``open_lazy_store`` (a store opened so, or its problems).
May import: pyarrow and numpy, ``timeline.store`` (parquetstore, eventcolumns, registries, fieldcheck),
``timeline.dates.days``, the model and the errors.

Why: building every ``Event`` of a million-event store takes ~20 s and ~4.5 GB; the page selects in a
query engine and builds the events it shows, those ``read_parquet_store`` builds, in its order. A bad
file gets its messages (row by row up to five a column, then a count: ``lazychecks``).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from timeline.dates.days import day_from_ordinal
from timeline.errors import TimelineError
from timeline.model import DEFAULT_IMPORTANCE, Event, Timeline
from timeline.store.eventcolumns import REQUIRED, events_from_columns, other_texts_of
from timeline.store.lazychecks import absent_ids, checked_columns, duplicate_ids, ids_across_files, joined
from timeline.store.parquetstore import (metadata_across_files, read_table, store_files, table_metadata,
                                         typed_columns)
from timeline.store.registries import Vocabulary, vocabulary_of

_UNUSED = ("start_iso", "end_iso")
"""Columns no event is built from (the days are the ordinals in ``start`` and ``end``)."""
_CODED = ("precision", "calendar", "category")
"""Columns of a few distinct values, held dictionary-encoded (a tenth of the memory)."""
_FILE = "__file"
"""The held table's column of each row's file (a store of many files only)."""
_ORDER = [("start", "ascending"), ("end", "ascending"), ("id", "ascending")]
_TEXTS = pa.list_(pa.string())
_UNIT = "\x1f"
"""The separator of a list's names joined into one text, to find a column's distinct lists at C speed."""


class LazyStore:
    """A Parquet store (one file, a folder of them or a glob: same rules as read_parquet_store)
    opened without building its events. Never changed once opened."""

    def __init__(self, path: str, header: Timeline, table: pa.Table, vocabulary: Vocabulary,
                 sources: tuple[str, ...]) -> None:
        self.path = path
        self.header = header
        """The store's registries, eras, stories and sources, with ``events=()``."""
        self.size = table.num_rows
        self.vocabulary = vocabulary
        self._table, self._sources = table, sources
        self.span = (None if not self.size else
                     (day_from_ordinal(table.column("start")[0].as_py()),
                      day_from_ordinal(pc.max(table.column("end")).as_py())))
        """The first start day and the last end day of all events (None without events)."""

    def events_at(self, positions: Sequence[int]) -> tuple[Event, ...]:
        """Return the events at ``positions`` (indices in the store's event order, negative from its
        end, as a tuple's), in the order given."""
        wanted = np.asarray(positions, dtype=np.int64).reshape(-1)
        wanted = np.where(wanted < 0, wanted + self.size, wanted)
        if len(wanted) and not 0 <= wanted.min() <= wanted.max() < self.size:
            raise IndexError(f"event position out of range (the store holds {self.size} events)")
        unique, where = np.unique(wanted, return_inverse=True)
        rows = self._table.take(pa.array(unique))
        files = rows.column(_FILE).to_numpy() if _FILE in rows.column_names else np.zeros(len(unique), np.int32)
        built: dict[str, Event] = {}
        for file in np.unique(files):
            part = rows.filter(pa.array(files == file)) if len(self._sources) > 1 else rows
            columns = {name: part.column(name).to_pylist() for name in part.column_names if name != _FILE}
            # Every related id names an event of the store (open_lazy_store checked them and the stories).
            known = set(columns["id"]) | {other for related in columns.get("related", ()) for other in related or ()}
            events, problems = events_from_columns(columns, part.num_rows, self.vocabulary, (),
                                                   self._sources[file], known)
            if problems:
                raise problems[0]
            built.update((event.id, event) for event in events)
        in_order = [built[event_id] for event_id in rows.column("id").to_pylist()]
        return tuple(in_order[i] for i in where.tolist())

    def position_of(self, event_id: str) -> int | None:
        """Return the position of the event with ``event_id``, or None when the store has none."""
        found = pc.index(self._table.column("id"), event_id).as_py()
        return None if found < 0 else found

    def engine_columns(self) -> dict[str, Any]:
        """Return what a query engine selects on, one value per event in event order: ``pos``,
        ``start_day``, ``end_day`` (numpy int64), ``category``, ``importance`` (int8, 3 when
        missing), ``actors``, ``groups``, ``places``, ``tags`` (list<string>), and
        ``search_parts`` (the text ``timeline.view.filters.search_text`` folds, as Arrow strings)."""
        table, vocabulary = self._table, self.vocabulary
        lists = {name: self._lists(name) for name in ("actors", "places", "tags")}
        importance = (pc.fill_null(table.column("importance"), DEFAULT_IMPORTANCE).cast(pa.int8())
                      if "importance" in table.column_names else pa.array(np.full(self.size, DEFAULT_IMPORTANCE, np.int8)))
        actors, codes = (_distinct_lists(lists["actors"]) if vocabulary.actor_groups or vocabulary.other_names
                         else ([], None))
        groups = (pa.array([list(vocabulary.groups_of(a)) for a in actors], _TEXTS).take(codes)
                  if vocabulary.actor_groups else _empty_lists(self.size))
        parts = [table.column(name) for name in ("summary", "quote") if name in table.column_names]
        if vocabulary.other_names:
            # known_as(actors + places): the actors' other names, then the places', joined by " · ".
            places, place_codes = _distinct_lists(lists["places"])
            of_actors = pa.array([_known_as(vocabulary, a) for a in actors], pa.string()).take(codes)
            of_places = pa.array([_known_as(vocabulary, p) for p in places], pa.string()).take(place_codes)
            parts.append(pc.coalesce(pc.binary_join_element_wise(of_actors, of_places, " · "), of_actors, of_places))
        # search_text joins the title and the parts that are not empty with a space. Not by
        # null_handling="skip": pyarrow 26 drops the rows whose parts are all null from its answer.
        search = table.column("title")
        for part in parts:
            search = pc.coalesce(pc.binary_join_element_wise(search, pc.if_else(pc.equal(part, ""), None, part), " "),
                                 search)
        # Kept as Arrow text, not a million Python strings (~0.5 GB more at the engine's start).
        search, texts = _whole(search), self._column("translations")
        written = _whole(pc.is_valid(texts))
        if pc.any(written).as_py():
            rows = pc.indices_nonzero(written).to_pylist()
            search = pc.replace_with_mask(search, written, pa.array(
                [" ".join(filter(None, (search[row].as_py(), other_texts_of(texts[row].as_py())))) for row in rows],
                pa.string()))
        return {"pos": np.arange(self.size, dtype=np.int64), "start_day": table.column("start").to_numpy(),
                "end_day": table.column("end").to_numpy(),
                "category": table.column("category").cast(pa.string()).combine_chunks(),
                "importance": importance, **lists, "groups": groups, "search_parts": search}

    def choices(self, sort_key: Callable[[str], Any]) -> dict[str, tuple[str, ...]]:
        """Return the sorted distinct actors, groups, categories, places and tags (as
        ``timeline.view.filters.choices`` of every event, with its ``fold`` as ``sort_key``)."""
        found = {name: self._distinct(name) for name in ("actors", "category", "places", "tags")}
        groups = {self.vocabulary.actor_groups[a] for a in found["actors"] if a in self.vocabulary.actor_groups}
        return {name: tuple(sorted(values, key=sort_key)) for name, values in (
            ("actors", found["actors"]), ("groups", groups), ("categories", found["category"]),
            ("places", found["places"]), ("tags", found["tags"]))}

    def _column(self, name: str) -> Any:
        return self._table.column(name) if name in self._table.column_names else pa.nulls(0, pa.string())

    def _distinct(self, name: str) -> list[str]:
        column = self._column(name)
        values = pc.list_flatten(column) if pa.types.is_list(column.type) else column.cast(pa.string())
        return pc.drop_null(pc.unique(values)).to_pylist()

    def _lists(self, name: str) -> pa.Array:
        if name not in self._table.column_names:
            return _empty_lists(self.size)
        return pc.fill_null(self._table.column(name), pa.scalar([], _TEXTS)).combine_chunks()


def _whole(values: pa.Array | pa.ChunkedArray) -> pa.Array:
    """One array of a column's chunks (what ``replace_with_mask`` takes)."""
    return values.combine_chunks() if isinstance(values, pa.ChunkedArray) else values


def _empty_lists(size: int) -> pa.Array:
    return pa.ListArray.from_arrays(pa.array(np.zeros(size + 1, np.int32)), pa.array([], pa.string()))


def _distinct_lists(column: pa.Array) -> tuple[list[tuple[str, ...]], pa.Array]:
    """Return a list column's distinct lists as tuples (a million events share some thousands of
    lists of actors), and each row's index into them."""
    flat = pc.list_flatten(column)
    names = pc.unique(flat)
    if flat.null_count or pc.any(pc.match_substring(names, _UNIT)).as_py():
        # A missing name, or one holding the separator: the rows one by one.
        index: dict[tuple[str, ...], int] = {}
        codes = [index.setdefault(tuple(values), len(index)) for values in column.to_pylist()]
        return list(index), pa.array(codes, pa.int32())
    codes = pc.dictionary_encode(pc.binary_join(column, _UNIT)).indices
    _, first = np.unique(codes.to_numpy(), return_index=True)
    return [tuple(values) for values in column.take(pa.array(first)).to_pylist()], codes


def _known_as(vocabulary: Vocabulary, names: tuple[str, ...]) -> str | None:
    """The other names of ``names``, None when none has any (so that joining skips it)."""
    return vocabulary.known_as(names) if any(name in vocabulary.other_names for name in names) else None


def open_lazy_store(path: str | os.PathLike[str]) -> tuple[LazyStore | None, list[TimelineError]]:
    """Open a Parquet store without building its events: check column-wise all that
    ``read_parquet_store`` checks and read its registries, eras and stories; return it, or None
    and every problem."""
    shown = str(path)
    files, problems = store_files(path)
    if problems:
        return None, problems
    parts: list[tuple[str, pa.Table, dict[str, Any]]] = []
    for file in files:
        source = shown if len(files) == 1 else str(file)
        table, found = read_table(file, source)
        if table is None:
            problems += found
            continue
        columns, found = typed_columns(table, source)
        metadata, metadata_found = table_metadata(table, source)
        problems += found + metadata_found
        parts.append((source, pa.table({name: column for name, column in columns.items() if name not in _UNUSED
                                        and (name in REQUIRED or column.null_count < len(column))}), metadata))
        del table, columns
    if problems:
        return None, problems
    many = len(parts) > 1
    vocabulary = vocabulary_of(metadata["raw"] for _, _, metadata in parts) if many else parts[0][2]["vocabulary"]
    ids = joined([table.column("id") for _, table, _ in parts])
    twice = duplicate_ids(ids)
    absent = absent_ids(ids, parts)
    for source, table, metadata in parts:
        problems += checked_columns(table, source, vocabulary, metadata.get("stories", ()), ids, twice, absent)
    if many:
        problems += ids_across_files(parts, twice) + metadata_across_files([(s, m) for s, _, m in parts])
    if problems:
        return None, problems
    merged = {key: tuple(entry for _, _, metadata in parts for entry in metadata.get(key, ()))
              for key in ("eras", "actors", "places", "categories", "stories")}
    sources = tuple(source for source, _, _ in parts)
    table = pa.concat_tables([table.append_column(_FILE, pa.array(np.full(table.num_rows, index, np.int32)))
                              if many else table for index, (_, table, _) in enumerate(parts)],
                             promote_options="default")
    order = pc.sort_indices(table, sort_keys=_ORDER)
    unsorted = not np.array_equal(order.to_numpy(), np.arange(table.num_rows))
    columns = dict(zip(table.column_names, table.columns))
    del parts, table, ids
    for name, column in columns.items():  # a column at a time: a sort holds one column twice, not the table
        column = column.take(order) if unsorted else column
        columns[name] = pc.dictionary_encode(column) if name in _CODED else column
    # The allocator keeps freed pages (the columns as read, the unused ones) unless told: ~300 MB at 1M events.
    pa.default_memory_pool().release_unused()
    table = pa.table(columns)
    return LazyStore(shown, Timeline(events=(), sources=sources, **merged), table, vocabulary, sources), []

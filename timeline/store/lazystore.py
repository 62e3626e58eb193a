"""A Parquet store opened without building its events: the columns held as one table, checked
vectorised, and events built only for the rows asked for.

Holds: ``LazyStore`` (header, size, span; ``events_at``, ``position_of``, ``engine_columns`` for a
query engine, ``choices`` for the pickers) and ``open_lazy_store`` (a store opened so, or its problems).
May import: pyarrow and numpy, ``timeline.store.parquetstore``, ``timeline.store.eventcolumns``,
``timeline.store.registries``, ``timeline.store.fieldcheck``, ``timeline.dates.days``, the model and
the errors.

Why: building every ``Event`` of a million-event store takes ~20 s and ~4.5 GB; the page selects in
a query engine and builds the few thousand events it draws or lists. The events are those
:func:`~timeline.store.parquetstore.read_parquet_store` builds, in its order; a bad file gets its
messages (row by row up to ``_SHOWN_ROWS`` a column, then a count).
"""

from __future__ import annotations

import os
from datetime import date
from collections.abc import Callable, Sequence
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from timeline.dates.days import FIRST_YEAR, day_from_ordinal, make_day
from timeline.errors import TimelineError
from timeline.model import DEFAULT_IMPORTANCE, Calendar, Event, Precision, Story, Timeline
from timeline.store.eventcolumns import REQUIRED, events_from_columns, fields_problems
from timeline.store.fieldcheck import did_you_mean
from timeline.store.parquetstore import (metadata_across_files, read_table, store_files, table_metadata,
                                         typed_columns)
from timeline.store.registries import Vocabulary, vocabulary_of

_SHOWN_ROWS = 5
"""Problems named row by row per column; the rest are counted."""
_UNUSED = ("start_iso", "end_iso")
"""Columns no event is built from (the days are the ordinals in ``start`` and ``end``)."""
_CODED = ("precision", "calendar", "category")
"""Columns of a few distinct values, held dictionary-encoded (a tenth of the memory)."""
_FILE = "__file"
"""The held table's column of each row's file (a store of many files only)."""
_ORDER = [("start", "ascending"), ("end", "ascending"), ("id", "ascending")]
_TEXTS = pa.list_(pa.string())
_MIN_ORDINAL, _MAX_ORDINAL = make_day(FIRST_YEAR, 1, 1).toordinal(), date.max.toordinal()
_SUGGEST_FROM = 20_000  # past this many events, an unknown id is compared with ids that start as it does
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
        ``search_parts`` (the text ``timeline.view.filters.search_text`` folds, as Python str)."""
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
        return {"pos": np.arange(self.size, dtype=np.int64), "start_day": table.column("start").to_numpy(),
                "end_day": table.column("end").to_numpy(),
                "category": table.column("category").cast(pa.string()).combine_chunks(),
                "importance": importance, **lists, "groups": groups, "search_parts": search.to_pylist()}

    def choices(self, sort_key: Callable[[str], Any]) -> dict[str, tuple[str, ...]]:
        """Return the sorted distinct actors, groups, categories, places and tags (as
        ``timeline.view.filters.choices`` of every event, with its ``fold`` as ``sort_key``)."""
        found = {name: self._distinct(name) for name in ("actors", "category", "places", "tags")}
        groups = {self.vocabulary.actor_groups[a] for a in found["actors"] if a in self.vocabulary.actor_groups}
        return {name: tuple(sorted(values, key=sort_key)) for name, values in (
            ("actors", found["actors"]), ("groups", groups), ("categories", found["category"]),
            ("places", found["places"]), ("tags", found["tags"]))}

    def _distinct(self, name: str) -> list[str]:
        column = self._table.column(name) if name in self._table.column_names else pa.nulls(0, pa.string())
        values = pc.list_flatten(column) if pa.types.is_list(column.type) else column.cast(pa.string())
        return pc.drop_null(pc.unique(values)).to_pylist()

    def _lists(self, name: str) -> pa.Array:
        if name not in self._table.column_names:
            return _empty_lists(self.size)
        return pc.fill_null(self._table.column(name), pa.scalar([], _TEXTS)).combine_chunks()


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
    ids = _joined([table.column("id") for _, table, _ in parts])
    twice = _duplicate_ids(ids)
    absent = _absent_ids(ids, parts)
    for source, table, metadata in parts:
        problems += _checked(table, source, vocabulary, metadata.get("stories", ()), ids, twice, absent)
    if many:
        problems += _ids_across_files(parts, twice) + metadata_across_files([(s, m) for s, _, m in parts])
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


def _duplicate_ids(ids: pa.Array) -> pa.Array:
    """The non-empty ids given to more than one row of the store (usually none: one hash pass)."""
    if len(pc.unique(ids)) == len(ids):
        return pa.array([], pa.string())
    counts = pc.value_counts(ids)
    twice = counts.field("values").filter(pc.greater(counts.field("counts"), 1))
    return twice.filter(pc.fill_null(pc.not_equal(twice, ""), False))


def _absent_ids(ids: pa.Array, parts: list[tuple[str, pa.Table, dict[str, Any]]]) -> pa.Array:
    """The related ids and story steps, of every file, that name no event of the store."""
    named = [pc.list_flatten(table.column("related")) for _, table, _ in parts if "related" in table.column_names]
    named.append(pa.array([step.event_id for _, _, metadata in parts for story in metadata.get("stories", ())
                           for step in story.steps], pa.string()))
    unique = pc.unique(_joined(named))
    return unique.filter(pc.invert(pc.is_in(unique, value_set=ids)))


def _checked(table: pa.Table, source: str, vocabulary: Vocabulary, stories: tuple[Story, ...], ids: pa.Array,
             twice: pa.Array, absent: pa.Array) -> list[TimelineError]:
    """One file's problems, as ``events_from_columns`` words them (rows count from 1)."""
    def problem(name: str, message: str) -> TimelineError:
        return TimelineError(f"column '{name}': {message}", source=source)

    found = []
    for name in REQUIRED:
        column = table.column(name)
        rows = _rows(pc.or_(pc.is_null(column), pc.fill_null(pc.equal(column, ""), False))
                     if pa.types.is_string(column.type) else pc.is_null(column))
        if len(rows):
            found.append(problem(name, f"row {rows[0]} is empty{_more(rows)}; every event needs its {name}"))
    if found:
        return found
    for name, allowed in (("precision", tuple(p.value for p in Precision)),
                          ("calendar", tuple(c.value for c in Calendar)), ("category", vocabulary.categories)):
        wrong = sorted(v for v in pc.drop_null(pc.unique(table.column(name))).to_pylist() if v not in allowed) \
            if name in table.column_names else []
        if wrong:
            found.append(problem(name, f"{', '.join(repr(w) for w in wrong[:5])}{' ...' if len(wrong) > 5 else ''} "
                                 f"{'is' if len(wrong) == 1 else 'are'} not allowed; use one of: {', '.join(allowed)}"))
    for name in ("start", "end"):
        column = table.column(name)
        rows = _rows(pc.or_(pc.less(column, _MIN_ORDINAL), pc.greater(column, _MAX_ORDINAL)))
        if len(rows):
            found.append(problem(name, f"row {rows[0]}: {column[int(rows[0]) - 1].as_py()} is not a day from 9999 BCE "
                                 f"to 9999 CE{_more(rows)}; write proleptic Gregorian day numbers (date.toordinal(), "
                                 "1 is 1 January 1 CE)"))
    rows = _rows(pc.less(table.column("end"), table.column("start")))
    if len(rows):
        found.append(problem("end", f"row {rows[0]} ends before it starts{_more(rows)}; end must be on or after start"))
    importance = table.column("importance") if "importance" in table.column_names else pa.nulls(0, pa.int64())
    rows = _rows(pc.fill_null(pc.or_(pc.less(importance, 1), pc.greater(importance, 5)), False))
    if len(rows):
        found.append(problem("importance", f"row {rows[0]}: must be a whole number from 1 (minor) to 5 (key "
                             f"event){_more(rows)}"))
    duplicates = []
    first_row: dict[str, int] = {}
    for row, event_id in _rows_naming(table.column("id"), twice):
        earlier = first_row.setdefault(event_id, row)
        if earlier != row:
            duplicates.append(problem("id", f"row {row}: duplicate id '{event_id}', already in row {earlier}; give "
                                      "one of them another id"))
    found += duplicates[:_SHOWN_ROWS] + [problem("id", f"{len(duplicates) - _SHOWN_ROWS} more rows repeat an id; "
                                                 "give each event its own id")] * (len(duplicates) > _SHOWN_ROWS)
    if "related" in table.column_names and len(absent):
        related = table.column("related").combine_chunks()
        flat, parents = pc.list_flatten(related), pc.list_parent_indices(related)
        missing = _rows(pc.is_in(flat, value_set=absent)) - 1
        found += [problem("related", f"row {parents[i].as_py() + 1}: related id '{flat[i].as_py()}' is not an event in "
                          f"this store{_suggestion(flat[i].as_py(), ids)}; fix the id or remove it")
                  for i in missing[:_SHOWN_ROWS].tolist()]
        if len(missing) > _SHOWN_ROWS:
            found.append(problem("related", f"{len(missing) - _SHOWN_ROWS} more related ids name no event of this "
                                 "store; fix them or remove them"))
    absent_steps = set(absent.to_pylist())
    found += [problem("stories", f"story '{story.id}' names event '{step.event_id}', which is not in this store; fix "
                      "the id or remove the step") for story in stories for step in story.steps
              if step.event_id in absent_steps]
    if "fields" in table.column_names:
        found += fields_problems(table.column("fields").to_pylist(), source)
    return found


def _ids_across_files(parts: list[tuple[str, pa.Table, dict[str, Any]]], twice: pa.Array) -> list[TimelineError]:
    """An id in two files, named by its row in the later one (as ``read_parquet_store`` does)."""
    found = []
    first: dict[str, tuple[str, int]] = {}
    for source, table, _ in parts:
        for row, event_id in _rows_naming(table.column("id"), twice):
            earlier = first.setdefault(event_id, (source, row))
            if earlier[0] != source:
                found.append(TimelineError(f"column 'id': row {row}: duplicate id '{event_id}', already in "
                                           f"{earlier[0]} row {earlier[1]}; give one of them another id",
                                           source=source))
    return found


def _joined(columns: list[Any]) -> pa.Array:
    """Text columns (chunked or not) as one array."""
    return pa.chunked_array([chunk for column in columns for chunk in getattr(column, "chunks", [column])],
                            pa.string()).combine_chunks()


def _rows_naming(ids: pa.ChunkedArray, wanted: pa.Array) -> list[tuple[int, str]]:
    """(row, id) of the rows whose id is one of ``wanted`` (rows from 1)."""
    rows = _rows(pc.is_in(ids, value_set=wanted)) if len(wanted) else np.zeros(0, np.int64)
    return list(zip(rows.tolist(), ids.take(pa.array(rows - 1)).to_pylist()))


def _rows(mask: Any) -> np.ndarray:
    """The rows (from 1) where ``mask`` is true."""
    return np.flatnonzero(mask.to_numpy(zero_copy_only=False)) + 1


def _suggestion(other: str, ids: pa.Array) -> str:
    """' (did you mean ...?)' as ``events_from_columns`` says it (difflib costs ~1 µs an id)."""
    if len(ids) > _SUGGEST_FROM:
        ids = ids.filter(pc.starts_with(ids, other[:3]))[:_SUGGEST_FROM]
    return did_you_mean(other, ids.to_pylist())


def _more(rows: np.ndarray) -> str:
    return f" (and {len(rows) - 1} more rows)" if len(rows) > 1 else ""


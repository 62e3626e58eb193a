"""A Parquet store opened without building its events: the columns held as one table, checked
vectorised, and events built only for the rows asked for.

Holds: ``LazyStore`` (a store's header, size and span; ``events_at`` its events at some positions,
``position_of`` an id's position, ``engine_columns`` what a query engine selects on, ``choices``
the pickers' values) and ``open_lazy_store`` (a Parquet file, folder or glob opened so, and every
problem).
May import: pyarrow and numpy (with :mod:`timeline.store.parquetstore`, the only modules that do),
``timeline.store.parquetstore``, ``timeline.store.eventcolumns``, ``timeline.store.registries``,
``timeline.store.fieldcheck``, ``timeline.dates.days``, the model and the errors.

Why: building every ``Event`` of a million-event store takes ~20 s and ~4.5 GB; the page selects in
a query engine and builds the few thousand events it draws or lists. The events are those
:func:`~timeline.store.parquetstore.read_parquet_store` builds, in its order; a bad file gets its
messages (row by row up to ``_SHOWN_ROWS`` a column, then a count).
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
from timeline.model import Calendar, Event, Precision, Story, Timeline
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
_MIN_ORDINAL, _MAX_ORDINAL = -3_651_695 + 1, 3_652_059  # make_day(-9998, 1, 1), date.max: as eventcolumns
_SUGGEST_FROM = 20_000
"""Past this many events an unknown id is compared only with ids of its first three characters."""
_UNIT, _RECORD = "\x1f", "\x1e"
"""Separators of the lists joined into one text, to find the distinct lists of a column at C speed."""
_IMPORTANCE = 3  # what an event without an importance ranks as (the engine's DEFAULT_IMPORTANCE)


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
        wanted = [p + self.size if p < 0 else p for p in positions]
        if any(not 0 <= p < self.size for p in wanted):
            raise IndexError(f"event position out of range (the store holds {self.size} events)")
        if not wanted:
            return ()
        unique = np.unique(np.asarray(wanted, dtype=np.int64))
        rows = self._table.take(pa.array(unique))
        files = rows.column(_FILE).to_numpy() if _FILE in rows.column_names else np.zeros(len(unique), np.int32)
        built: dict[str, Event] = {}
        for file in np.unique(files):
            part = rows.filter(pa.array(files == file)) if len(self._sources) > 1 else rows
            columns = {name: part.column(name).to_pylist() for name in part.column_names if name != _FILE}
            # open_lazy_store found every related id in the store, so the rows' own ids and the ids
            # they name are the known ones; the stories were checked there too.
            known = set(columns["id"]) | {other for related in columns.get("related", ()) for other in related or ()}
            events, problems = events_from_columns(columns, part.num_rows, self.vocabulary, (),
                                                   self._sources[file], known)
            if problems:
                raise problems[0]
            built.update((event.id, event) for event in events)
        by_position = dict(zip(unique.tolist(), (built[event_id] for event_id in rows.column("id").to_pylist())))
        return tuple(by_position[p] for p in wanted)

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
        importance = (pc.fill_null(table.column("importance"), _IMPORTANCE).cast(pa.int8())
                      if "importance" in table.column_names else pa.array(np.full(self.size, _IMPORTANCE, np.int8)))
        groups = (_per_distinct([lists["actors"]], lambda actors: list(vocabulary.groups_of(actors)), _TEXTS)
                  if vocabulary.actor_groups else _empty_lists(self.size))
        parts = [table.column(name) for name in ("title", "summary", "quote") if name in table.column_names]
        if vocabulary.other_names:
            parts.append(_per_distinct([lists["actors"], lists["places"]],
                                       lambda actors, places: vocabulary.known_as(actors + places), pa.string()))
        # search_text joins the parts that are not empty with a space.
        parts = [pc.if_else(pc.not_equal(part, ""), part, pa.scalar(None, pa.string())) for part in parts]
        search = pc.binary_join_element_wise(*parts, " ", null_handling="skip")
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
        if name not in self._table.column_names:
            return []
        column = self._table.column(name)
        values = pc.list_flatten(column) if pa.types.is_list(column.type) else column.cast(pa.string())
        return pc.drop_null(pc.unique(values)).to_pylist()

    def _lists(self, name: str) -> pa.Array:
        if name not in self._table.column_names:
            return _empty_lists(self.size)
        return pc.fill_null(self._table.column(name), pa.scalar([], _TEXTS)).combine_chunks()


def _empty_lists(size: int) -> pa.Array:
    return pa.ListArray.from_arrays(pa.array(np.zeros(size + 1, np.int32)), pa.array([], pa.string()))


def _per_distinct(columns: list[pa.Array], compute: Callable[..., Any], kind: pa.DataType) -> pa.Array:
    """Return ``compute(*lists)`` of each row's lists (as tuples), computed once per distinct row:
    a million events share a few thousand lists of actors."""
    flat = [pc.list_flatten(column) for column in columns]
    if any(values.null_count or (len(values) and pc.any(pc.match_substring_regex(values, f"[{_UNIT}{_RECORD}]"))
                                 .as_py()) for values in flat):
        # A name holding a separator (or a missing name): the rows one by one, still once per distinct row.
        memo: dict[tuple[tuple[str, ...], ...], Any] = {}
        for row in zip(*(column.to_pylist() for column in columns)):
            key = tuple(tuple(values) for values in row)
            memo[key] = memo[key] if key in memo else compute(*key)
        return pa.array([memo[tuple(tuple(v) for v in row)] for row in zip(*(c.to_pylist() for c in columns))], kind)
    joined = [pc.binary_join(column, _UNIT) for column in columns]
    keys = joined[0] if len(joined) == 1 else pc.binary_join_element_wise(*joined, _RECORD)
    codes = pc.dictionary_encode(keys).indices
    _, first = np.unique(codes.to_numpy(), return_index=True)
    rows = zip(*(column.take(pa.array(first)).to_pylist() for column in columns))
    return pa.array([compute(*(tuple(values) for values in row)) for row in rows], kind).take(codes)


def open_lazy_store(path: str | os.PathLike[str]) -> tuple[LazyStore | None, list[TimelineError]]:
    """Open a Parquet store lazily: check column-wise what ``read_parquet_store`` checks (columns
    and types, empty required values, precisions, calendars, categories, days, importance, ids
    unique across the store, related ids and story steps naming its events, the ``fields`` JSON),
    read its registries, eras and stories; return it, or None and every problem."""
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
    ids = pa.chunked_array([table.column("id") for _, table, _ in parts], pa.string()).combine_chunks()
    twice = _duplicate_ids(ids)
    absent = _absent_ids(ids, parts)
    for source, table, metadata in parts:
        problems += _checked(table, source, vocabulary, metadata.get("stories", ()), ids, twice, absent)
    if many:
        problems += _ids_across_files(parts, twice) + metadata_across_files([(s, m) for s, _, m in parts])
    if problems:
        return None, problems
    table = pa.concat_tables([table.append_column(_FILE, pa.array(np.full(table.num_rows, index, np.int32)))
                              if many else table for index, (_, table, _) in enumerate(parts)],
                             promote_options="default")
    order = pc.sort_indices(table, sort_keys=_ORDER)
    if not np.array_equal(order.to_numpy(), np.arange(table.num_rows)):
        table = table.take(order)
    for name in _CODED:
        if name in table.column_names:
            table = table.set_column(table.column_names.index(name), name, pc.dictionary_encode(table.column(name)))
    merged = {key: tuple(entry for _, _, metadata in parts for entry in metadata.get(key, ()))
              for key in ("eras", "actors", "places", "categories", "stories")}
    sources = tuple(source for source, _, _ in parts)
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
    unique = pc.unique(pa.chunked_array(named, pa.string()))
    return unique.filter(pc.invert(pc.is_in(unique, value_set=ids)))


def _checked(table: pa.Table, source: str, vocabulary: Vocabulary, stories: tuple[Story, ...], ids: pa.Array,
             twice: pa.Array, absent: pa.Array) -> list[TimelineError]:
    """One file's problems, as ``events_from_columns`` words them (rows count from 1)."""
    def problem(name: str, message: str) -> TimelineError:
        return TimelineError(f"column '{name}': {message}", source=source)

    found = []
    for name in REQUIRED:
        column = table.column(name)
        empty = pc.is_null(column)
        if pa.types.is_string(column.type):
            empty = pc.or_(empty, pc.fill_null(pc.equal(column, ""), False))
        rows = _rows(empty)
        if len(rows):
            found.append(problem(name, f"row {rows[0]} is empty{_more(rows)}; every event needs its {name}"))
    if found:
        return found
    for name, allowed in (("precision", tuple(p.value for p in Precision)), ("calendar", tuple(c.value for c in Calendar)),
                          ("category", vocabulary.categories)):
        if name in table.column_names:
            wrong = sorted(v for v in pc.drop_null(pc.unique(table.column(name))).to_pylist() if v not in allowed)
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
    if "importance" in table.column_names:
        importance = table.column("importance")
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
    found += _capped(duplicates, problem("id", "{} more rows repeat an id; give each event its own id"))
    if "related" in table.column_names and len(absent):
        related = table.column("related").combine_chunks()
        flat, parents = pc.list_flatten(related), pc.list_parent_indices(related)
        missing = _rows(pc.is_in(flat, value_set=absent))
        found += _capped([problem("related", f"row {parents[int(index) - 1].as_py() + 1}: related id "
                                  f"'{flat[int(index) - 1].as_py()}' is not an event in this store"
                                  f"{_suggestion(flat[int(index) - 1].as_py(), ids)}; fix the id or remove it")
                          for index in missing[:_SHOWN_ROWS + 1]] + [None] * max(0, len(missing) - _SHOWN_ROWS - 1),
                         problem("related", "{} more related ids name no event of this store; fix them or remove them"))
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
                                           f"{earlier[0]} row {earlier[1]}; give one of them another id", source=source))
    return found


def _rows_naming(ids: pa.ChunkedArray, wanted: pa.Array) -> list[tuple[int, str]]:
    """(row, id) of the rows whose id is one of ``wanted`` (rows from 1)."""
    if not len(wanted):
        return []
    rows = _rows(pc.is_in(ids, value_set=wanted))
    return list(zip(rows.tolist(), ids.take(pa.array(rows - 1)).to_pylist()))


def _rows(mask: Any) -> np.ndarray:
    """The rows (from 1) where ``mask`` is true."""
    return np.flatnonzero(mask.to_numpy(zero_copy_only=False)) + 1


def _capped(found: list[TimelineError | None], rest: TimelineError) -> list[TimelineError]:
    """The first ``_SHOWN_ROWS`` problems, and one that counts the others (``rest``'s ``{}``)."""
    if len(found) <= _SHOWN_ROWS:
        return [f for f in found if f is not None]
    shown = [f for f in found[:_SHOWN_ROWS] if f is not None]
    return shown + [TimelineError(rest.message.format(len(found) - _SHOWN_ROWS), source=rest.source)]


def _suggestion(other: str, ids: pa.Array) -> str:
    """' (did you mean ...?)' as ``events_from_columns`` says it; a large store is searched only
    among the ids that start as ``other`` does (difflib costs ~1 µs an id)."""
    if len(ids) > _SUGGEST_FROM:
        ids = ids.filter(pc.starts_with(ids, other[:3]))[:_SUGGEST_FROM]
    return did_you_mean(other, ids.to_pylist())


def _more(rows: np.ndarray) -> str:
    return f" (and {len(rows) - 1} more rows)" if len(rows) > 1 else ""


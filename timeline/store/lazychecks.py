"""A Parquet store's columns checked as columns (vectorised), without building its events: what
:func:`~timeline.store.parquetstore.read_parquet_store` checks event by event, with the same messages.

Holds: ``duplicate_ids``, ``absent_ids``, ``checked_columns``, ``ids_across_files``, ``joined``.
May import: pyarrow and numpy, ``timeline.store.eventcolumns``, ``timeline.store.registries``,
``timeline.store.fieldcheck``, ``timeline.dates.days``, the model and the errors.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from timeline.dates.days import FIRST_YEAR, make_day
from timeline.errors import TimelineError
from timeline.model import Calendar, Precision, Story
from timeline.store.eventcolumns import REQUIRED, fields_problems
from timeline.store.fieldcheck import did_you_mean
from timeline.store.registries import Vocabulary

_SHOWN_ROWS = 5
"""Problems named row by row per column; the rest are counted."""
_MIN_ORDINAL, _MAX_ORDINAL = make_day(FIRST_YEAR, 1, 1).toordinal(), date.max.toordinal()
_SUGGEST_FROM = 20_000  # past this many events, an unknown id is compared with ids that start as it does

def duplicate_ids(ids: pa.Array) -> pa.Array:
    """The non-empty ids given to more than one row of the store (usually none: one hash pass)."""
    if len(pc.unique(ids)) == len(ids):
        return pa.array([], pa.string())
    counts = pc.value_counts(ids)
    twice = counts.field("values").filter(pc.greater(counts.field("counts"), 1))
    return twice.filter(pc.fill_null(pc.not_equal(twice, ""), False))


def absent_ids(ids: pa.Array, parts: list[tuple[str, pa.Table, dict[str, Any]]]) -> pa.Array:
    """The related ids and story steps, of every file, that name no event of the store."""
    named = [pc.list_flatten(table.column("related")) for _, table, _ in parts if "related" in table.column_names]
    named.append(pa.array([step.event_id for _, _, metadata in parts for story in metadata.get("stories", ())
                           for step in story.steps], pa.string()))
    unique = pc.unique(joined(named))
    return unique.filter(pc.invert(pc.is_in(unique, value_set=ids)))


def checked_columns(table: pa.Table, source: str, vocabulary: Vocabulary, stories: tuple[Story, ...], ids: pa.Array,
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
    if "fields" in table.column_names or "translations" in table.column_names:
        found += fields_problems(*(table.column(name).to_pylist() if name in table.column_names else []
                                   for name in ("fields", "translations")), source)
    return found


def ids_across_files(parts: list[tuple[str, pa.Table, dict[str, Any]]], twice: pa.Array) -> list[TimelineError]:
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


def joined(columns: list[Any]) -> pa.Array:
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


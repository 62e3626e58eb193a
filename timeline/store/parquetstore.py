"""A store as one Parquet file: the validated events in columns, the registries, eras and stories
in the file's key-value metadata.

Holds: ``SCHEMA`` (the file's columns and types), ``parquet_bytes`` (a timeline as the bytes of a
Parquet file) and ``read_parquet_store`` (a Parquet file as a timeline and every problem).
May import: pyarrow (this module only, and only when a Parquet store is read or written, so that
``timeline validate data/events.yaml`` never loads it), ``timeline.store.eventcolumns``, the
model and the errors.

Why no date is read again: the file holds each event's resolved days as proleptic Gregorian
ordinals, so a load builds events from the columns (about twenty times faster than reading the
YAML, see the README). What can still be wrong in a file someone else wrote is checked: the
columns and their types here, the values in :mod:`timeline.store.eventcolumns`.
"""

from __future__ import annotations

import os
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from timeline.errors import TimelineError
from timeline.model import Timeline
from timeline.store.eventcolumns import (COLUMNS, METADATA_KEY, REQUIRED, event_columns, events_from_columns,
                                         read_metadata, store_metadata)

_TEXTS = pa.list_(pa.string())
_SOURCE = pa.struct([("outlet", pa.string()), ("title", pa.string()), ("url", pa.string()),
                     ("published", pa.date32())])
_TYPES: dict[str, pa.DataType] = {
    "text": pa.string(), "day": pa.int64(), "flag": pa.bool_(), "texts": _TEXTS, "sources": pa.list_(_SOURCE),
    "count": pa.int64(), "date": pa.date32(), "json": pa.string(),
    "fatalities": pa.struct([("low", pa.int64()), ("best", pa.int64()), ("high", pa.int64())]),
    "roles": pa.list_(pa.struct([("name", pa.string()), ("side", pa.string()), ("role", pa.string())])),
    "media": pa.struct([("url", pa.string()), ("caption", pa.string()), ("credit", pa.string())]),
}
SCHEMA = pa.schema([pa.field(name, _TYPES[kind], nullable=name not in REQUIRED) for name, kind in COLUMNS.items()])
"""The columns of a Parquet store, in order."""
_SHOWN = {"text": "text (string)", "day": "whole day numbers (int64)", "flag": "true/false (bool)",
          "texts": "lists of text (list<string>)", "count": "whole numbers (int64)", "date": "dates (date32)",
          "json": "JSON text (string)"}


def parquet_bytes(timeline: Timeline) -> bytes:
    """Return a timeline as the bytes of a Parquet file (zstd-compressed)."""
    schema = SCHEMA.with_metadata({METADATA_KEY: store_metadata(timeline)})
    table = pa.Table.from_pydict(event_columns(timeline.events), schema=schema)
    sink = pa.BufferOutputStream()
    pq.write_table(table, sink, compression="zstd")
    return sink.getvalue().to_pybytes()


def read_parquet_store(path: str | os.PathLike[str]) -> tuple[Timeline, list[TimelineError]]:
    """Read a Parquet store; return its timeline and every problem (then no events)."""
    shown = str(path)
    empty = Timeline(events=(), sources=(shown,))
    try:
        # ParquetFile, not read_table: read_table goes through pyarrow.dataset, which imports pandas.
        table = pq.ParquetFile(path).read()
    except FileNotFoundError:
        return empty, [TimelineError("no such file or folder; give the path of a store, e.g. data/events.yaml or "
                                     "events.parquet", source=shown)]
    except (OSError, pa.ArrowException) as err:
        return empty, [TimelineError(f"cannot read the file as Parquet ({err}); write it with 'timeline convert "
                                     "STORE -o FILE.parquet'", source=shown)]
    problems: list[TimelineError] = []
    columns = {}
    for name, kind in COLUMNS.items():
        if name not in table.column_names:
            if name in REQUIRED:
                problems.append(TimelineError(f"column '{name}': missing; a Parquet store needs the columns "
                                              f"{', '.join(REQUIRED)}", source=shown))
            continue
        column = _typed(table.column(name), _TYPES[kind])
        if column is None:
            problems.append(TimelineError(
                f"column '{name}': must hold {_SHOWN.get(kind, str(_TYPES[kind]))}, not {table.column(name).type}",
                source=shown))
            continue
        columns[name] = column.to_pylist()
    raw_metadata = (table.schema.metadata or {}).get(METADATA_KEY.encode())
    metadata, metadata_problems = read_metadata(raw_metadata.decode("utf-8") if raw_metadata else None, shown)
    problems += metadata_problems
    if problems:
        return empty, problems
    events, problems = events_from_columns(columns, table.num_rows, metadata["vocabulary"],
                                           metadata.get("stories", ()), shown)
    if problems:
        return empty, problems
    return Timeline(events=tuple(events), eras=metadata.get("eras", ()), sources=(shown,),
                    actors=metadata.get("actors", ()), places=metadata.get("places", ()),
                    categories=metadata.get("categories", ()), stories=metadata.get("stories", ())), []


def _typed(column: Any, wanted: pa.DataType) -> Any:
    """Return the column as ``wanted``, or None if it is of another kind. Only a kind's own
    variants are cast (int32 to int64, large_string to string): a number is never taken as text."""
    if column.type.equals(wanted):
        return column
    if _kind(column.type) != _kind(wanted):
        return None
    try:
        return column.cast(wanted)
    except (pa.ArrowInvalid, pa.ArrowNotImplementedError, pa.ArrowTypeError):
        return None


def _kind(kind: pa.DataType) -> str:
    for name, test in (("text", pa.types.is_string), ("text", pa.types.is_large_string),
                       ("text", pa.types.is_string_view), ("int", pa.types.is_integer), ("bool", pa.types.is_boolean),
                       ("date", pa.types.is_date), ("struct", pa.types.is_struct)):
        if test(kind):
            return name
    if pa.types.is_list(kind) or pa.types.is_large_list(kind):
        return f"list<{_kind(kind.value_type)}>"
    return str(kind)


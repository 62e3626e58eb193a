"""A store as one Parquet file: the validated events in columns, the registries, eras and stories
in the file's key-value metadata.

Holds: ``SCHEMA`` (the file's columns and types), ``parquet_bytes`` (a timeline as the bytes of a
Parquet file) and ``read_parquet_store`` (a Parquet file, a folder of them or a glob as a timeline
and every problem); the steps it shares with :mod:`timeline.store.lazystore`: ``store_files``,
``read_table``, ``typed_columns``, ``table_metadata`` and ``metadata_across_files``;
``parquet_row_count`` (a store's events, from its files' footers: which stores the page keeps as
columns); a store on object storage (``s3://``, see :mod:`timeline.store.objectstore`):
``object_files`` (its objects) and ``object_signature`` (what changes when one is replaced).
May import: pyarrow (this module and ``lazystore`` only, and only when a Parquet store is read or
written, so that ``timeline validate data/events.yaml`` never loads it; ``pyarrow.fs``'s S3 client
only for a store on object storage), ``timeline.store.eventcolumns``, ``timeline.store.objectstore``,
``timeline.store.registries``, the model and the errors.

Why no date is read again: the file holds each event's resolved days as proleptic Gregorian
ordinals, so a load builds events from the columns (about twenty times faster than reading the
YAML, see the README). What can still be wrong in a file someone else wrote is checked: the
columns and their types here, the values in :mod:`timeline.store.eventcolumns`.
"""

from __future__ import annotations

import functools
import os
from pathlib import Path
from typing import Any, Callable

import pyarrow as pa
import pyarrow.parquet as pq

from timeline.errors import TimelineError
from timeline.model import Timeline
from timeline.store.eventcolumns import (COLUMNS, METADATA_KEY, REQUIRED, event_columns, events_from_columns,
                                         parquet_files, read_metadata, store_metadata)
from timeline.store.objectstore import (ATTEMPTS, NO_BUCKET, NO_KEY, NO_MATCH, NO_PARQUET, ObjectFile, S3Settings,
                                        is_object_url, matches, object_problem, object_url, remember_unreachable,
                                        s3_settings, unreachable_now)
from timeline.store.registries import defined_twice, vocabulary_of

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
    """Read a Parquet store (a file, a folder of them, or a glob such as ``data/*.parquet``, one
    store); return its timeline and every problem (then no events).

    Files of one store share their ids (each once in all), the related ids and story steps they
    name, and their registries, eras and stories (each defined in one file only)."""
    shown = str(path)
    empty = Timeline(events=(), sources=(shown,))
    files, problems = store_files(path)
    if problems:
        return empty, problems
    parts = []
    for file in files:
        part, found = _read_file(file, shown if len(files) == 1 else str(file))
        parts.append(part)
        problems += found
    if problems:
        return empty, problems
    many = len(parts) > 1
    vocabulary = vocabulary_of(metadata["raw"] for _, _, _, metadata in parts) if many else parts[0][3]["vocabulary"]
    known = {event_id for _, columns, _, _ in parts for event_id in columns["id"]} if many else None
    events: list[Any] = []
    for source, columns, rows, metadata in parts:
        found_events, found = events_from_columns(columns, rows, vocabulary, metadata.get("stories", ()), source,
                                                  known)
        events += found_events
        problems += found
    problems += _across_files(parts) if many else []
    if problems:
        return empty, problems
    if many:
        events.sort(key=lambda e: (e.date.start, e.date.end, e.id))
    merged = {key: tuple(entry for part in parts for entry in part[3].get(key, ()))
              for key in ("eras", "actors", "places", "categories", "stories")}
    return Timeline(events=tuple(events), sources=tuple(part[0] for part in parts), **merged), []


def store_files(path: str | os.PathLike[str]) -> tuple[list[Path | str], list[TimelineError]]:
    """Return the Parquet files of a store (a store on object storage: its objects' URLs), or the
    problem: none matches, a folder holds YAML too, or the object store says no."""
    if is_object_url(path):
        objects, problems = object_files(str(path))
        return [found.url for found in objects], problems
    shown = str(path)
    files, yaml_files = parquet_files(path)
    if yaml_files:
        return [], [TimelineError(
            f"the folder holds both YAML files ({', '.join(f.name for f in yaml_files[:3])}) and Parquet files "
            f"({', '.join(f.name for f in files[:3])}); a store is one or the other: convert the YAML with "
            f"'timeline convert {yaml_files[0]} -o {yaml_files[0].with_suffix('.parquet')}' and move the YAML "
            "files out of the folder", source=shown)]
    if not files:
        return [], [TimelineError("no file matches the pattern; give a folder of .parquet files or a pattern "
                                  "such as 'data/*.parquet' (quoted on the command line)", source=shown)]
    return files, []


def _read_file(path: Path | str, shown: str) -> tuple[tuple[str, dict[str, list[Any]], int, dict[str, Any]],
                                                list[TimelineError]]:
    """Read one Parquet file: (its name, its columns, its row count, its metadata) and its problems."""
    table, problems = read_table(path, shown)
    if table is None:
        return (shown, {}, 0, {}), problems
    columns, problems = typed_columns(table, shown)
    metadata, metadata_problems = table_metadata(table, shown)
    return ((shown, {name: column.to_pylist() for name, column in columns.items()}, table.num_rows, metadata),
            problems + metadata_problems)


def read_table(path: Path | str, shown: str) -> tuple[pa.Table | None, list[TimelineError]]:
    """Return one Parquet file (or object) as a table, or None and why it cannot be read."""
    try:
        if is_object_url(path):
            # Decoded on one thread: with pyarrow 26, a threaded decode of a downloaded object made 1
            # process in 12 abort at exit ("terminate called without an active exception"), none in 230
            # so; it costs ~0.2 s at a million events.
            return pq.ParquetFile(pa.BufferReader(_object_bytes(str(path), shown))).read(use_threads=False), []
        # ParquetFile, not read_table: read_table goes through pyarrow.dataset, which imports pandas.
        return pq.ParquetFile(path).read(), []
    except TimelineError as err:
        return None, [TimelineError(err.message, source=err.source or shown)]
    except FileNotFoundError:
        return None, [TimelineError("no such file or folder; give the path of a store, e.g. data/events.yaml or "
                                    "events.parquet", source=shown)]
    except (OSError, pa.ArrowException) as err:
        return None, [TimelineError(f"cannot read the file as Parquet ({err}); write it with 'timeline convert "
                                    "STORE -o FILE.parquet'", source=shown)]


def typed_columns(table: pa.Table, shown: str) -> tuple[dict[str, pa.ChunkedArray], list[TimelineError]]:
    """Return the table's columns of ``COLUMNS`` as ``SCHEMA``'s types, and the missing or mistyped ones."""
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
        columns[name] = column
    return columns, problems


def table_metadata(table: pa.Table, shown: str) -> tuple[dict[str, Any], list[TimelineError]]:
    """Return the registries, eras and stories a table's metadata holds (see ``read_metadata``)."""
    raw_metadata = (table.schema.metadata or {}).get(METADATA_KEY.encode())
    return read_metadata(raw_metadata.decode("utf-8") if raw_metadata else None, shown)


def _across_files(parts: list[tuple[str, dict[str, list[Any]], int, dict[str, Any]]]) -> list[TimelineError]:
    """What no single file shows: an id in two files, a registry entry, era or story in two files."""
    problems = []
    first: dict[str, tuple[str, int]] = {}
    for source, columns, _, _ in parts:
        for row, event_id in enumerate(columns["id"], start=1):
            if not event_id:
                continue  # reported by its own file
            earlier = first.setdefault(event_id, (source, row))
            if earlier[0] != source:
                problems.append(TimelineError(f"column 'id': row {row}: duplicate id '{event_id}', already in "
                                              f"{earlier[0]} row {earlier[1]}; give one of them another id",
                                              source=source))
    return problems + metadata_across_files([(source, metadata) for source, _, _, metadata in parts])


def metadata_across_files(parts: list[tuple[str, dict[str, Any]]]) -> list[TimelineError]:
    """What no single file's metadata shows: a registry entry, era or story defined in two files."""
    problems = defined_twice([(source, (list(metadata.get("actors", ())), list(metadata.get("places", ())),
                                        list(metadata.get("categories", ())))) for source, metadata in parts])
    for what, key in (("era", "eras"), ("story", "stories")):
        defined_in: dict[str, str] = {}
        for source, metadata in parts:
            for entry in metadata.get(key, ()):
                if defined_in.setdefault(entry.id, source) != source:
                    problems.append(TimelineError(f"the {what} '{entry.id}' is also defined in {defined_in[entry.id]}; "
                                                  "keep one entry", source=source, field="id"))
    return problems


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


def parquet_row_count(path: str | os.PathLike[str]) -> int:
    """Return how many events a Parquet store holds, from its files' footers (no row is read);
    0 when a file cannot be read (loading the store then reports why)."""
    if is_object_url(path):
        objects, problems = object_files(str(path))
        return 0 if problems else sum(_object_rows(found) for found in objects)
    files, problems = store_files(path)
    try:
        return 0 if problems else sum(pq.ParquetFile(file).metadata.num_rows for file in files)
    except (OSError, pa.ArrowException):
        return 0


def object_files(url: str) -> tuple[list[ObjectFile], list[TimelineError]]:
    """Return the objects of a store on object storage (one object, the .parquet objects right
    under a prefix, or those a pattern matches), in key order; or why there are none."""
    try:
        requests = _Requests(url)
        return requests.objects(), []
    except TimelineError as err:
        return [], [TimelineError(err.message, source=err.source or url)]


def object_signature(url: str) -> tuple[tuple[str, int, int], ...]:
    """Return (object URL, last written (ns), size) of each object of a store on object storage:
    it changes when an object is replaced; empty when they cannot be listed (loading says why)."""
    return tuple(tuple(found) for found in object_files(url)[0])


@functools.lru_cache(maxsize=4)
def _filesystem(settings: S3Settings) -> Any:
    """One S3 client per settings: its connections stay open between requests (the page asks every run)."""
    from pyarrow import fs  # pyarrow's S3 client, only for a store on object storage

    return fs.S3FileSystem(**settings.options(), retry_strategy=fs.AwsStandardS3RetryStrategy(max_attempts=ATTEMPTS))


class _Requests:
    """The requests made for one URL; each failure raised as one message that names the URL."""

    def __init__(self, url: str, source: str | None = None, settings: S3Settings | None = None) -> None:
        self.source = source or url
        self.where = object_url(url)
        self.settings = settings or s3_settings(os.environ)
        self.s3 = self.ask(_filesystem, self.settings)

    def ask(self, call: Callable[..., Any], *args: Any) -> Any:
        down = unreachable_now(self.settings)
        if down:
            raise TimelineError(down, source=self.source)
        try:
            return call(*args)
        except (OSError, pa.ArrowException) as err:  # OSError: a failed request; ArrowInvalid: a key S3 refuses
            message, unreachable = object_problem(err, self.settings, self.where.bucket, self.where.key)
            if unreachable:
                remember_unreachable(self.settings, message)
            raise TimelineError(message, source=self.source) from None

    def objects(self) -> list[ObjectFile]:
        """The objects the URL names (see ``object_files``); raises TimelineError when there are none."""
        from pyarrow.fs import FileSelector, FileType

        where, missing = self.where, NO_MATCH.format(bucket=self.where.bucket)
        if where.pattern:
            listed = self.ask(self.s3.get_file_info, FileSelector(where.listed, recursive=where.recursive,
                                                                   allow_not_found=True))
            found = [info for info in listed if matches(info.path, where.path)]
        else:
            info = self.ask(self.s3.get_file_info, where.path)
            if info.type == FileType.File:
                return [_object(info)]
            found = (self.ask(self.s3.get_file_info, FileSelector(where.path, allow_not_found=True))
                     if info.type == FileType.Directory else [])
            missing = (NO_PARQUET if info.type == FileType.Directory or where.prefix
                       else NO_KEY.format(bucket=where.bucket, key=where.key))
        found = [info for info in found if info.type == FileType.File and info.path.lower().endswith(".parquet")]
        if not found:
            if self.ask(self.s3.get_file_info, where.bucket).type == FileType.NotFound:
                missing = NO_BUCKET.format(bucket=where.bucket)
            raise TimelineError(missing, source=self.source)
        return sorted(_object(info) for info in found)


def _object(info: Any) -> ObjectFile:
    return ObjectFile(f"s3://{info.path}", info.mtime_ns or 0, info.size or 0)


def _object_bytes(url: str, shown: str) -> pa.Buffer:
    """The whole object in one request: every column is read anyway, and a range request per
    column chunk would cost a round trip each."""
    requests = _Requests(url, shown)
    stream = requests.ask(requests.s3.open_input_stream, requests.where.path)
    with stream:
        return requests.ask(stream.read_buffer)


def _object_rows(found: ObjectFile) -> int:
    try:
        return _rows_of(s3_settings(os.environ), found)
    except TimelineError:
        return 0


@functools.lru_cache(maxsize=256)
def _rows_of(settings: S3Settings, found: ObjectFile) -> int:
    """An object's row count from its footer, kept per version (URL, time, size): the page asks every run."""
    requests = _Requests(found.url, settings=settings)
    with requests.ask(requests.s3.open_input_file, requests.where.path) as file:
        return requests.ask(lambda: pq.ParquetFile(file).metadata.num_rows)

"""Loading an event store (one YAML file, or a folder of them) into a validated :class:`Timeline`.

A store file has three top-level keys: ``defaults`` (a ``source`` every event inherits),
``eras`` (optional bands) and ``events``. Loading reports every problem in every file at once.
"""

from __future__ import annotations

import os
from pathlib import Path as FilePath
from typing import Any, Callable

from timeline.store import loadcache
from timeline.store.collector import collector_paused
from timeline.errors import TimelineError, ValidationError
from timeline.store.fastyaml import read_fast
from timeline.model import Era, Event, Source, Timeline
from timeline.store.records import Problems, did_you_mean, read_era, read_event, read_source
from timeline.store.yamldoc import Document, decode_yaml_bytes, read_yaml, without_bom

TOP_LEVEL_KEYS = ("defaults", "eras", "events")
DEFAULT_KEYS = ("source",)
MAX_REPORTED_PROBLEMS = 100
"""A broken file can hold thousands of problems; an editor needs the first ones and a count."""


def load_timeline(path: str | os.PathLike[str], *, use_cache: bool = True,
                  prepare: Callable[[Timeline], object] | None = None) -> Timeline:
    """Load and validate a store; return its events in date order.

    A store whose files are byte for byte those of an earlier valid load is read back from the
    load cache (see :mod:`timeline.store.loadcache`); ``use_cache=False`` or ``TIMELINE_CACHE=0``
    always reads the YAML. ``prepare`` runs on a freshly read timeline before it is cached, so
    that what it keeps on the timeline (the page's DataFrame, :func:`timeline.view.table.store_frame`)
    is in the cache entry too; the store itself never imports pandas.

    Raises:
        ValidationError: with every problem found (the first hundred, and the count).
    """
    key = None
    if use_cache and loadcache.cache_enabled() and FilePath(path).exists():
        key = loadcache.cache_key(str(path), store_files(path))
        with collector_paused():
            cached = loadcache.read_cached(key) if key else None
        if cached is not None:
            return cached
    with collector_paused():
        timeline, problems = _read_checked(path)
    if problems:
        raise ValidationError(problems[:MAX_REPORTED_PROBLEMS], total=len(problems))
    if prepare is not None:
        prepare(timeline)
    if key:
        loadcache.write_cached(key, timeline)
    return timeline


def check_store(path: str | os.PathLike[str]) -> list[TimelineError]:
    """Return every problem in a store, in file order (empty when it is valid)."""
    with collector_paused():
        return _read_checked(path)[1]


def _read_checked(path: str | os.PathLike[str]) -> tuple[Timeline, list[TimelineError]]:
    """Read with the fast reader; where anything is wrong, again with the careful one, which
    alone knows the line and column of every value for the messages."""
    timeline, problems = _read_store(path, fast=True)
    if problems:
        timeline, problems = _read_store(path, fast=False)
    return timeline, problems


def store_files(path: str | os.PathLike[str]) -> list[FilePath]:
    """Return the YAML files a store is made of: the file itself, or a folder's *.yaml/*.yml."""
    store = FilePath(path)
    if store.is_dir():
        return sorted(p for p in store.iterdir() if p.suffix in (".yaml", ".yml") and p.is_file())
    return [store]


def store_signature(path: str | os.PathLike[str]) -> tuple[tuple[str, int, int], ...]:
    """Return (file, modification time, size) of each store file: it changes when a file is saved."""
    signature = []
    for file in store_files(path):
        try:
            stat = file.stat()
        except OSError:
            continue
        signature.append((str(file), stat.st_mtime_ns, stat.st_size))
    return tuple(signature)


def _read_store(path: str | os.PathLike[str], *, fast: bool) -> tuple[Timeline, list[TimelineError]]:
    store = FilePath(path)
    shown = str(path)
    if not store.exists():
        return Timeline(events=()), [TimelineError(
            "no such file or folder; give the path of an events YAML file, e.g. data/events.yaml",
            source=shown)]
    files = store_files(store)
    if not files:
        return Timeline(events=()), [TimelineError(
            "the folder holds no .yaml or .yml files; add one with an 'events:' list", source=shown)]
    events: list[Event] = []
    eras: list[Era] = []
    problems: list[TimelineError] = []
    related_at: RelatedPositions = {}
    for file in files:
        file_events, file_eras, file_problems = _read_file(file, related_at, fast=fast)
        events += file_events
        eras += file_eras
        problems += file_problems
    problems += _cross_check(events, related_at)
    file_order = {str(file): index for index, file in enumerate(files)}
    problems.sort(key=lambda p: (file_order.get(p.source or "", len(files)), p.line or 0))
    events.sort(key=lambda e: (e.date.start, e.date.end, e.id))
    return Timeline(events=tuple(events), eras=tuple(eras), sources=tuple(str(f) for f in files)), problems


RelatedPositions = dict[tuple[str, int], tuple[int, int]]
"""(event line, index in its 'related' list) -> (line, column), for messages about dangling ids."""


def _read_file(file: FilePath, related_at: RelatedPositions, *,
               fast: bool) -> tuple[list[Event], list[Era], list[TimelineError]]:
    """Read one file; ``fast`` tries :mod:`timeline.store.fastyaml` first, good for valid files only."""
    source = str(file)
    try:
        utf8 = without_bom(file.read_bytes())
        text = decode_yaml_bytes(utf8, source)
        document = (fast and read_fast(text, source, utf8=utf8)) or read_yaml(text, source)
    except TimelineError as err:
        return [], [], [err]
    except OSError as err:
        return [], [], [TimelineError(f"cannot read the file: {err.strerror}; check that it exists "
                                      "and that you may read it", source=source)]
    return _read_document(document, related_at)


def _read_document(document: Document,
                   related_at: RelatedPositions) -> tuple[list[Event], list[Era], list[TimelineError]]:
    source = document.source
    problems = Problems(document)
    root = document.data
    if root is None or (isinstance(root, dict) and not root.get("events")):
        problems.add((), "the file holds no events; add an 'events:' list of events, each with id, title, "
                     "date and category (see the README's 'Event format')")
        return [], [], problems.found
    if not isinstance(root, dict):
        problems.add((), "the file must be a mapping with 'events:' (and optional 'defaults:' and "
                     f"'eras:') at the top, not {'a list' if isinstance(root, list) else 'plain text'}")
        return [], [], problems.found
    for key in root:
        if key not in TOP_LEVEL_KEYS:
            problems.add((key,), f"unknown top-level key '{key}'; the top level holds only "
                         f"{', '.join(TOP_LEVEL_KEYS)}", key=True)
    defaults = _read_defaults(root.get("defaults"), problems)
    reference = next((s.published for s in defaults if s.published), None)
    eras = _read_list(root, "eras", problems, lambda raw, p: read_era(raw, p, problems, reference))
    events = _read_list(root, "events", problems, lambda raw, p: read_event(raw, p, problems, defaults))
    for path, position in document.positions.items():
        if len(path) == 4 and path[0] == "events" and path[2] == "related":
            related_at[(f"{source}:{document.where(path[:2])[0]}", path[3])] = position
    return events, eras, problems.found


def _read_defaults(raw: Any, problems: Problems) -> tuple[Source, ...]:
    if raw is None:
        return ()
    if not isinstance(raw, dict):
        problems.add(("defaults",), "'defaults' must be a mapping, e.g. defaults: {source: {outlet: ...}}")
        return ()
    for key in raw:
        if key not in DEFAULT_KEYS:
            problems.add(("defaults", key), f"unknown key '{key}' in defaults; defaults hold only 'source'",
                         key=True)
    if raw.get("source") is None:
        return ()
    source = read_source(raw["source"], ("defaults", "source"), problems)
    return (source,) if source else ()


def _read_list(root: dict[str, Any], key: str, problems: Problems, read: Any) -> list[Any]:
    raw = root.get(key)
    if raw is None:
        return []
    if not isinstance(raw, list):
        problems.add((key,), f"'{key}' must be a list, each item starting with '- '")
        return []
    found = (read(item, (key, index)) for index, item in enumerate(raw))
    return [item for item in found if item is not None]


def _cross_check(events: list[Event], related_at: RelatedPositions) -> list[TimelineError]:
    """Find what no single event shows: duplicate ids and related ids that do not exist."""
    problems: list[TimelineError] = []
    first_seen: dict[str, Event] = {}
    for event in events:
        earlier = first_seen.setdefault(event.id, event)
        if earlier is not event:
            problems.append(TimelineError(
                f"duplicate id '{event.id}', already used at {_place(earlier)}; "
                "give one of them another id", source=event.source_file, line=event.line, field="id"))
    for event in events:
        for index, related in enumerate(event.related):
            if related not in first_seen:
                line, column = related_at.get((_place(event), index), (event.line, None))
                problems.append(TimelineError(
                    f"related id '{related}' is not an event in this store{did_you_mean(related, first_seen)}; "
                    "fix the id or remove it", source=event.source_file, line=line, column=column, field="related"))
    return problems


def _place(event: Event) -> str:
    return f"{event.source_file}:{event.line}"


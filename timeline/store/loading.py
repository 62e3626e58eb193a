"""Loading an event store (one YAML file, or a folder of them) into a validated :class:`Timeline`.

A store file has these top-level keys: ``defaults`` (a ``source`` every event inherits), the
optional registries ``categories``, ``actors`` and ``places`` (see :mod:`timeline.store.registries`;
in a folder store they may sit in any file, even one without events), ``eras`` (optional bands)
and ``events``. Loading reports every problem in every file at once. A Parquet store (a ``.parquet``
file, a folder or a glob of them, here or on object storage: ``s3://``) is read by
:mod:`timeline.store.parquetstore`."""

from __future__ import annotations

import os
from pathlib import Path as FilePath
from typing import Any, Callable, Iterator, NamedTuple

from timeline.store import loadcache
from timeline.store.collector import collector_paused
from timeline.errors import TimelineError, ValidationError
from timeline.store.eventcolumns import is_parquet
from timeline.store.fastyaml import read_fast
# Re-exported: the page imports store_signature, and `timeline fmt` store_files, from here.
from timeline.store.storefiles import store_files, store_signature  # noqa: F401
from timeline.model import Actor, Category, Era, Event, Place, Source, Story, Timeline
from timeline.store.records import FirstProblem, Problems, did_you_mean, read_era, read_event, read_source
from timeline.store.registries import (REGISTRY_KEYS, Vocabulary, check_names_once, defined_twice, read_actor,
                                       read_category, read_place, vocabulary_of)
from timeline.store.stories import StoryRef, read_story
from timeline.store.yamldoc import Document, decode_yaml_bytes, read_yaml, without_bom

TOP_LEVEL_KEYS = ("defaults", *REGISTRY_KEYS, "eras", "stories", "events")
DEFAULT_KEYS = ("source",)
MAX_REPORTED_PROBLEMS = 100
"""A broken file can hold thousands of problems; an editor needs the first ones and a count."""
SUGGESTED_ID_COMPARISONS = 100_000
"""How many ids difflib may weigh, in all, to suggest one for related ids that are no event.

Each comparison costs 1-5 µs and each dangling id is weighed against every id in the store, so
20,000 dangling ids among 20,000 events would take about 8 minutes; past the budget (at most
about half a second) a dangling id is reported without a suggestion. A few slips in a large
store all get one."""


def load_timeline(path: str | os.PathLike[str], *, use_cache: bool = True,
                  prepare: Callable[[Timeline], object] | None = None) -> Timeline:
    """Load and validate a store; return its events in date order.

    A store whose files are byte for byte those of an earlier valid load is read back from the
    load cache (see :mod:`timeline.store.loadcache`); ``use_cache=False`` or ``TIMELINE_CACHE=0``
    always reads the YAML (a Parquet store, read about as fast as the cache, is never cached).
    ``prepare`` runs on a freshly read timeline before it is cached, so that what it keeps on the
    timeline (the page's DataFrame, :func:`timeline.view.table.store_frame`) is cached too.

    Raises:
        ValidationError: with every problem found (the first hundred, and the count).
    """
    key = None
    if use_cache and loadcache.cache_enabled() and loadcache.cacheable(path):
        key = loadcache.cache_key(str(path), store_files(path))
        with collector_paused():
            cached = loadcache.read_cached(key) if key else None
        if cached is not None:
            return cached
    with collector_paused():
        timeline, problems = _read_store(path, fast=True)
    if problems:
        raise ValidationError(problems[:MAX_REPORTED_PROBLEMS], total=len(problems))
    if prepare is not None:
        prepare(timeline)
    if key:
        loadcache.write_cached(key, timeline)
    return timeline


def check_store(path: str | os.PathLike[str]) -> list[TimelineError]:
    """Return every problem in a store, in file order (empty when it is valid)."""
    return store_report(path)[0]


def store_report(path: str | os.PathLike[str]) -> tuple[list[TimelineError], list[TimelineError]]:
    """Return every problem and every warning (``errors.StoreWarning``) in a store, in file order."""
    with collector_paused():
        timeline, problems = _read_store(path, fast=True)
    return problems, list(timeline.warnings)


def _read_store(path: str | os.PathLike[str], *, fast: bool) -> tuple[Timeline, list[TimelineError]]:
    """Read every file of a store and return its timeline and every problem, in file order.

    ``fast`` reads with :mod:`timeline.store.fastyaml` where it can, asking only whether each
    file is valid. A file so read is read again with the careful reader, which alone knows the
    line and column of every value for the messages, when it is invalid or one of its related
    ids is no event (the message points at the id). Other files are read once.
    """
    if is_parquet(path):
        from timeline.store.parquetstore import read_parquet_store  # pyarrow only for a Parquet store
        return read_parquet_store(path)
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
    parsed = [_parse_file(file, fast=fast) for file in files]
    # Every file's registries first: an event may name an actor, place or category that another
    # file of the store defines.
    vocabulary = vocabulary_of(item.data for item in parsed if not isinstance(item, _Reading))
    readings = [_read_parsed(item, vocabulary) for item in parsed]
    readings = [reading if reading.valid else _read_file(file, vocabulary, fast=False)
                for file, reading in zip(files, readings)]
    ids = {claim.id for reading in readings for claim in reading.claims}
    twice = _claimed_twice(readings)
    # A fast reading has no columns: a file whose messages need them is read again, carefully.
    readings = [reading if reading.careful or (ids.issuperset(_related_ids(reading.events))
                                               and twice.isdisjoint(c.id for c in reading.claims)
                                               and ids.issuperset(ref.event_id for ref in reading.stories[1])
                                               and not reading.warnings)
                else _read_file(file, vocabulary, fast=False) for file, reading in zip(files, readings)]
    events = [event for reading in readings for event in reading.events]
    related_at = {where: position for reading in readings for where, position in reading.related_at.items()}
    problems = [problem for reading in readings for problem in reading.problems]
    problems += _cross_check(events, [claim for reading in readings for claim in reading.claims], related_at)
    file_order = {str(file): index for index, file in enumerate(files)}
    problems.sort(key=lambda p: (file_order.get(p.source or "", len(files)), p.line or 0))
    events.sort(key=lambda e: (e.date.start, e.date.end, e.id))
    eras = tuple(era for reading in readings for era in reading.eras)
    warnings = tuple(warning for reading in readings for warning in reading.warnings)
    actors, places, categories = (tuple(entry for reading in readings for entry in reading.registries[index])
                                  for index in range(3))
    problems += defined_twice([(reading.source, reading.registries) for reading in readings])
    problems += [TimelineError(f"story '{ref.story_id}' names event '{ref.event_id}', which is not in this store"
                               f"{did_you_mean(ref.event_id, ids)}; fix the id or remove the step", source=ref.source,
                               line=ref.line, column=ref.column, field="steps")
                 for reading in readings for ref in reading.stories[1] if ref.event_id not in ids]
    return Timeline(events=tuple(events), eras=eras, sources=tuple(str(f) for f in files), warnings=warnings,
                    actors=actors, places=places, categories=categories,
                    stories=tuple(story for reading in readings for story in reading.stories[0])), problems


RelatedPositions = dict[tuple[str, int], tuple[int, int]]
"""(event line, index in its 'related' list) -> (line, column), for messages about dangling ids."""


class IdClaim(NamedTuple):
    """An event's id where it is written, whether or not the rest of the event is valid: an
    event with a bad date still owns its id, so no other event may take it and a related id
    naming it is no dangling reference (its own problem is reported once, where it is)."""

    id: str
    source: str
    line: int | None
    column: int | None


class _Reading(NamedTuple):
    """What one file holds. A fast reading (``careful`` false) of an invalid file stops at its
    first problem: ``valid`` false, and no problems listed, as the careful reader describes them."""

    events: list[Event]
    eras: list[Era]
    problems: list[TimelineError]
    related_at: RelatedPositions
    careful: bool
    valid: bool = True
    claims: tuple[IdClaim, ...] = ()
    warnings: tuple[TimelineError, ...] = ()
    registries: tuple[list[Actor], list[Place], list[Category]] = ([], [], [])
    source: str = ""
    stories: tuple[list[Story], list[StoryRef]] = ([], [])


class _Parsed(NamedTuple):
    document: Document
    careful: bool

    @property
    def data(self) -> Any:
        return self.document.data


def _read_file(file: FilePath, vocabulary: Vocabulary, *, fast: bool) -> _Reading:
    """Read one file; ``fast`` tries :mod:`timeline.store.fastyaml` first, and a file it reads is
    only judged valid or not (see :class:`_Reading`)."""
    return _read_parsed(_parse_file(file, fast=fast), vocabulary)


def _parse_file(file: FilePath, *, fast: bool) -> _Parsed | _Reading:
    """Return a file's YAML document, or the reading that says why there is none."""
    source = str(file)
    try:
        utf8 = without_bom(file.read_bytes())
        text = decode_yaml_bytes(utf8, source)
        document = read_fast(text, source, utf8=utf8) if fast else None
        if document is not None:
            return _Parsed(document, careful=False)
        return _Parsed(read_yaml(text, source), careful=True)
    except TimelineError as err:
        return _Reading([], [], [err], {}, careful=True)
    except OSError as err:
        return _Reading([], [], [TimelineError(f"cannot read the file: {err.strerror}; check that it exists "
                                               "and that you may read it", source=source)], {}, careful=True)


def _read_parsed(parsed: _Parsed | _Reading, vocabulary: Vocabulary) -> _Reading:
    if isinstance(parsed, _Reading):
        return parsed
    try:
        return _read_document(parsed.document, careful=parsed.careful, vocabulary=vocabulary)
    except FirstProblem:
        return _Reading([], [], [], {}, careful=False, valid=False)


def _read_document(document: Document, *, careful: bool, vocabulary: Vocabulary | None = None) -> _Reading:
    source = document.source
    problems = Problems(document, first_only=not careful)
    root = document.data
    vocabulary = vocabulary or vocabulary_of([root])
    registry_only = isinstance(root, dict) and any(root.get(key) for key in (*REGISTRY_KEYS, "stories")) \
        and "events" not in root
    if root is None or (isinstance(root, dict) and not root.get("events") and not registry_only):
        problems.add((), "the file holds no events; add an 'events:' list of events, each with id, title, "
                     "date and category (see the README's 'Event format')")
        return _Reading([], [], problems.found, {}, careful)
    if not isinstance(root, dict):
        problems.add((), "the file must be a mapping with 'events:' (and optional 'defaults:' and "
                     f"'eras:') at the top, not {'a list' if isinstance(root, list) else 'plain text'}")
        return _Reading([], [], problems.found, {}, careful)
    for key in root:
        if key not in TOP_LEVEL_KEYS:
            problems.add((key,), f"unknown top-level key '{key}'; the top level holds only "
                         f"{', '.join(TOP_LEVEL_KEYS)}", key=True)
    defaults = _read_defaults(root.get("defaults"), problems)
    reference = next((s.published for s in defaults if s.published), None)
    actors = _read_list(root, "actors", problems, lambda raw, p: read_actor(raw, p, problems))
    places = _read_list(root, "places", problems, lambda raw, p: read_place(raw, p, problems))
    categories = _read_list(root, "categories", problems, lambda raw, p: read_category(raw, p, problems))
    check_names_once([(a.name, a.aliases, ("actors", i)) for i, a in enumerate(actors)], "actor", problems)
    check_names_once([(p.name, p.aliases, ("places", i)) for i, p in enumerate(places)], "place", problems)
    check_names_once([(c.id, (), ("categories", i)) for i, c in enumerate(categories)], "category", problems)
    eras = _read_list(root, "eras", problems, lambda raw, p: read_era(raw, p, problems, reference))
    story_refs: list[StoryRef] = []
    stories = _read_list(root, "stories", problems, lambda raw, p: read_story(raw, p, problems, story_refs))
    events = _read_list(root, "events", problems, lambda raw, p: read_event(raw, p, problems, defaults, vocabulary))
    related_at: RelatedPositions = {}
    for path, position in document.positions.items():
        if len(path) == 4 and path[0] == "events" and path[2] == "related":
            related_at[(f"{source}:{document.where(path[:2])[0]}", path[3])] = position
    claims = tuple(IdClaim(raw["id"], source, *document.where(("events", index, "id")))
                   for index, raw in enumerate(root["events"] if isinstance(root.get("events"), list) else ())
                   if isinstance(raw, dict) and isinstance(raw.get("id"), str))
    return _Reading(events, eras, problems.found, related_at, careful, claims=claims,
                    warnings=tuple(problems.warnings), registries=(actors, places, categories), source=source,
                    stories=(stories, story_refs))


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


def _claimed_twice(readings: list[_Reading]) -> set[str]:
    seen: set[str] = set()
    twice: set[str] = set()
    for reading in readings:
        for claim in reading.claims:
            (twice if claim.id in seen else seen).add(claim.id)
    return twice


def _cross_check(events: list[Event], claims: list[IdClaim], related_at: RelatedPositions) -> Iterator[TimelineError]:
    """Find what no single event shows: duplicate ids and related ids that do not exist.

    Both look at every event's id as written (``claims``), valid event or not, so one bad
    value is reported once, where it is, and not again as a missing or unrivalled id.
    """
    first_seen: dict[str, IdClaim] = {}
    for claim in claims:
        earlier = first_seen.setdefault(claim.id, claim)
        if earlier is not claim:
            yield TimelineError(
                f"duplicate id '{claim.id}', already used at {earlier.source}:{earlier.line}"
                f"{'' if earlier.column is None else f':{earlier.column}'}; "
                "give one of them another id", source=claim.source, line=claim.line, column=claim.column,
                field="id")
    comparisons = SUGGESTED_ID_COMPARISONS
    suggestions: dict[str, str] = {}
    for event in events:
        for index, related in enumerate(event.related):
            if related in first_seen:
                continue
            if related not in suggestions and comparisons >= len(first_seen):
                comparisons -= len(first_seen)
                suggestions[related] = did_you_mean(related, first_seen)
            line, column = related_at.get((_place(event), index), (event.line, None))
            yield TimelineError(
                f"related id '{related}' is not an event in this store{suggestions.get(related, '')}; "
                "fix the id or remove it", source=event.source_file, line=line, column=column, field="related")


def _related_ids(events: list[Event]) -> Iterator[str]:
    return (related for event in events for related in event.related)


def _place(event: Event) -> str:
    return f"{event.source_file}:{event.line}"


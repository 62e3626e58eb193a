"""Turning one YAML mapping into a model value (an event, a source, an era), collecting problems.

Every check appends a located :class:`TimelineError` to a shared list instead of raising, so
an editor sees every problem in a file at once, each with its line and a way to fix it.
"""

from __future__ import annotations

import difflib
import functools
import re
import sys
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Iterable

from timeline.store.eventdates import EXAMPLE_DATES, date_field, event_date, kind_of
from timeline.errors import StoreWarning, TimelineError
from timeline.model import CATEGORIES, Calendar, Era, Event, Source
from timeline.store.yamldoc import Document, Path

EVENT_FIELDS = (
    "id", "title", "date", "end", "calendar", "category", "importance", "actors", "places",
    "tags", "summary", "quote", "related", "sources",
)
REQUIRED_EVENT_FIELDS = ("id", "title", "date", "category")
SOURCE_FIELDS = ("outlet", "title", "url", "published")
ERA_FIELDS = ("id", "label", "start", "end", "color")
ID_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
URL_PATTERN = re.compile(r"^https?://[^\s/$.?#][^\s]*$", re.IGNORECASE)


class FirstProblem(Exception):
    """Raised by ``Problems(..., first_only=True)`` at the first problem it is given."""


@dataclass
class Problems:
    """The problems found so far in one document, each located at its line and column.

    ``first_only``: raise :class:`FirstProblem` at the first problem instead of collecting it,
    for a reading that only asks whether the document is valid (describing 20,000 problems
    that nobody reads costs seconds).
    """

    document: Document
    found: list[TimelineError] = field(default_factory=list)
    first_only: bool = False
    warnings: list[TimelineError] = field(default_factory=list)
    """Readable but probably not meant; never fatal (see ``errors.StoreWarning``)."""

    def warn(self, path: Path, message: str, *, field_name: str | None = None) -> None:
        line, column = self.document.where(path)
        self.warnings.append(StoreWarning(message, source=self.document.source, line=line, column=column,
                                          field=field_name))

    def add(self, path: Path, message: str, *, field_name: str | None = None, key: bool = False) -> None:
        if self.first_only:
            raise FirstProblem(message)
        line, column = (self.document.where_key if key else self.document.where)(path)
        self.found.append(
            TimelineError(message, source=self.document.source, line=line, column=column, field=field_name)
        )

    def add_error(self, path: Path, error: TimelineError, field_name: str) -> None:
        if self.first_only:
            raise FirstProblem(error.message)
        line, column = self.document.where(path)
        self.found.append(error.located(source=self.document.source, line=line, column=column, field=field_name))


def read_source(raw: Any, path: Path, problems: Problems) -> Source | None:
    """Return the source at ``path``, or None (with problems added) when it is unusable."""
    if not isinstance(raw, dict):
        problems.add(path, "a source must be a mapping with 'outlet', 'title', 'url' and 'published'",
                     field_name="sources")
        return None
    before = len(problems.found)
    _check_unknown(raw, SOURCE_FIELDS, path, problems, what="source")
    outlet = _text(raw, "outlet", path, problems, required=True)
    title = _text(raw, "title", path, problems)
    url = _text(raw, "url", path, problems)
    if url is not None and not URL_PATTERN.match(url):
        problems.add(path + ("url",), f"'{url}' is not an http(s) address; write the full "
                     "address starting with https:// (other schemes are refused for safety)",
                     field_name="url")
    published = _plain_date(raw.get("published"), path + ("published",), problems, "published")
    if len(problems.found) > before or outlet is None:
        return None
    return Source(outlet=outlet, title=title, url=url, published=published)


def read_event(raw: Any, path: Path, problems: Problems, default_sources: tuple[Source, ...]) -> Event | None:
    """Return the event at ``path``, or None (with every problem added) when it is invalid."""
    if not isinstance(raw, dict):
        kind = "empty" if raw is None else f"a {type(raw).__name__}"
        problems.add(path, f"an event must be a mapping of fields (id, title, date, ...), not {kind}; "
                     "start each event with '- id: ...'")
        return None
    before = len(problems.found)
    _check_unknown(raw, EVENT_FIELDS, path, problems, what="event")
    for name in REQUIRED_EVENT_FIELDS if not _REQUIRED_SET <= raw.keys() else ():
        if name not in raw:
            problems.add(path, f"the event has no '{name}'; add '{name}: ...' ({_FIELD_HELP[name]})",
                         field_name=name)
    event_id = _text(raw, "id", path, problems)
    if event_id is not None and not ID_PATTERN.match(event_id):
        problems.add(path + ("id",), f"'{event_id}' is not a valid id; use lower-case letters, digits "
                     f"and hyphens, e.g. '{suggest_id(event_id)}'", field_name="id")
    title = _text(raw, "title", path, problems)
    category = _text(raw, "category", path, problems)
    category = sys.intern(category) if category else category
    if category is not None and category not in CATEGORIES:
        problems.add(path + ("category",), f"unknown category '{category}'{did_you_mean(category, _CATEGORY_NAMES)}; "
                     f"use one of: {', '.join(CATEGORIES)}", field_name="category")
    actors, places, tags, related = (_text_list(raw, name, path, problems)
                                     for name in ("actors", "places", "tags", "related"))
    summary = _text(raw, "summary", path, problems)
    quote = _text(raw, "quote", path, problems)
    importance = raw.get("importance")
    if importance is not None and (type(importance) is not int or not 1 <= importance <= 5):
        problems.add(path + ("importance",), f"importance must be a whole number from 1 (minor) to 5 "
                     f"(key event), not {importance!r}", field_name="importance")
    sources = _sources(raw, path, problems, default_sources)
    calendar = _calendar(raw, path, problems)
    date_value, date_text, end_text, reported_by = event_date(raw, path, problems, sources, calendar)
    if len(problems.found) > before or event_id is None or title is None or category is None \
            or date_value is None or date_text is None:
        return None
    line, _ = problems.document.where(path)
    return Event(
        id=event_id, title=title, date=date_value, date_text=date_text, end_text=end_text,
        calendar=calendar or Calendar.GREGORIAN, category=category, sources=sources,
        actors=actors, places=places, tags=tags, summary=summary,
        quote=quote, related=related, importance=importance,
        source_file=problems.document.source, line=line, reported_by=reported_by,
    )


def read_era(raw: Any, path: Path, problems: Problems, reference: date | None) -> Era | None:
    """Return the era at ``path`` (a band such as a government's term), or None with problems."""
    if not isinstance(raw, dict):
        problems.add(path, "an era must be a mapping with 'id', 'label', 'start' and optional 'end'")
        return None
    before = len(problems.found)
    _check_unknown(raw, ERA_FIELDS, path, problems, what="era")
    era_id = _text(raw, "id", path, problems, required=True)
    label = _text(raw, "label", path, problems, required=True)
    color = _text(raw, "color", path, problems)
    start = date_field(raw, "start", path, problems, reference, None, required=True)
    end = date_field(raw, "end", path, problems, reference, None)
    if start and end and end.end < start.start:
        problems.add(path + ("end",), f"the era ends ({end.end}) before it starts ({start.start}); "
                     "swap them or fix the end", field_name="end")
    if len(problems.found) > before or not (era_id and label and start):
        return None
    return Era(id=era_id, label=label, start=start.start, end=end.end if end else None, color=color)


def suggest_id(text: str) -> str:
    """Return a kebab-case id made from any text ('Sistani's call!' -> 'sistani-s-call')."""
    slug = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
    return slug or "event"


_FIELD_HELP = {
    "id": "unique, lower-case, e.g. 'sistani-calls-for-state-control-of-arms'",
    "title": "a short headline",
    "date": f"as written in the source, e.g. {EXAMPLE_DATES}",
    "category": f"one of: {', '.join(CATEGORIES)}",
}


def _check_unknown(raw: dict[Any, Any], known: tuple[str, ...], path: Path, problems: Problems, *, what: str) -> None:
    if raw.keys() <= _KNOWN_SETS[known]:
        return
    for key in raw:
        if key not in known:
            problems.add(path + (key,), f"unknown {what} field '{key}'{did_you_mean(str(key), known)}; "
                         f"{what} fields are: {', '.join(known)}", field_name=str(key), key=True)


_KNOWN_SETS = {names: frozenset(names) for names in (EVENT_FIELDS, SOURCE_FIELDS, ERA_FIELDS)}
_REQUIRED_SET = frozenset(REQUIRED_EVENT_FIELDS)


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """Return " (did you mean 'x'?)" with the choice closest to ``word``, or '' if none is close.

    The fixed names (fields, categories, calendars) come as tuples, and their answers are kept: a
    broken file repeats one slip thousands of times, and difflib costs ~50 µs a word.
    """
    lowered = word.lower()
    close = _closest(lowered, choices) if type(choices) is tuple else _closest_uncached(lowered, choices)
    return f" (did you mean '{close}'?)" if close else ""


def _closest_uncached(word: str, choices: Iterable[str]) -> str | None:
    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return close[0] if close else None


_closest = functools.lru_cache(maxsize=1024)(_closest_uncached)
_CATEGORY_NAMES = tuple(CATEGORIES)
_CALENDAR_NAMES = tuple(calendar.value for calendar in Calendar)


def _text(raw: dict[Any, Any], name: str, path: Path, problems: Problems, *, required: bool = False) -> str | None:
    value = raw.get(name)
    if type(value) is str:  # the common case first: read 600,000 times in a large store
        stripped = value.strip()
        if stripped:
            return stripped
    if value is None:
        if required or name in raw:
            how = "is empty" if name in raw else "is missing"
            problems.add(path + (name,) if name in raw else path, f"'{name}' {how}; write a value", field_name=name)
        return None
    if isinstance(value, (int, float)) and not isinstance(value, bool) and name in ("title", "summary", "quote"):
        value = str(value)
    if not isinstance(value, str):
        problems.add(path + (name,), f"must be text, not {kind_of(value)}; put it in quotes if it is meant as text",
                     field_name=name)
        return None
    if not value.strip():
        problems.add(path + (name,), f"'{name}' is empty; write a value or remove the line", field_name=name)
        return None
    return value.strip()


def _text_list(raw: dict[Any, Any], name: str, path: Path, problems: Problems) -> tuple[str, ...]:
    value = raw.get(name)
    if value is None:
        return ()
    if type(value) is list:  # the common case first: a large store has hundreds of thousands
        try:
            # Interned: a store repeats a few hundred names across 100,000 events; one object
            # each makes the load cache smaller and faster to read, and the page lighter.
            stripped = tuple(map(sys.intern, map(str.strip, value)))
        except TypeError:  # an item is not text: said below
            stripped = ("",)
        if all(stripped) and len(set(stripped)) == len(stripped):
            return stripped
    if not isinstance(value, list):
        problems.add(path + (name,), f"must be a list, e.g. {name}: [{value}]", field_name=name)
        return ()
    items: list[str] = []
    for index, item in enumerate(value):
        if not isinstance(item, str) or not item.strip():
            problems.add(path + (name, index), f"item {index + 1} must be non-empty text, not {kind_of(item)}",
                         field_name=name)
        elif item.strip() in items:
            problems.add(path + (name, index), f"'{item}' is listed twice; remove one", field_name=name)
        else:
            items.append(item.strip())
    return tuple(items)


def _sources(raw: dict[Any, Any], path: Path, problems: Problems, defaults: tuple[Source, ...]) -> tuple[Source, ...]:
    value = raw.get("sources")
    if value is None:
        if not defaults:
            problems.add(path, "the event has no source; add 'sources:' with an outlet, or a file-level "
                         "'defaults: source:'", field_name="sources")
        return defaults
    if not isinstance(value, list) or not value:
        problems.add(path + ("sources",), "must be a non-empty list of sources, each with 'outlet', "
                     "'title', 'url' and 'published'", field_name="sources")
        return ()
    found = (read_source(item, path + ("sources", i), problems) for i, item in enumerate(value))
    return tuple(source for source in found if source is not None)


def _calendar(raw: dict[Any, Any], path: Path, problems: Problems) -> Calendar | None:
    value = raw.get("calendar")
    if value is None:
        return None
    try:
        return Calendar(value)
    except ValueError:
        allowed = ", ".join(c.value for c in Calendar)
        problems.add(path + ("calendar",), f"unknown calendar '{value}'{did_you_mean(str(value), _CALENDAR_NAMES)}; "
                     f"use one of: {allowed}", field_name="calendar")
        return None


def _plain_date(value: Any, path: Path, problems: Problems, name: str) -> date | None:
    if value is None or isinstance(value, date):
        return value
    if isinstance(value, str):
        try:
            return date.fromisoformat(value.strip())
        except ValueError:
            pass
    problems.add(path, f"'{value}' is not a date in the form YYYY-MM-DD, e.g. 2020-09-28", field_name=name)
    return None

"""Turning one YAML mapping into a model value (an event, a source, an era), collecting problems.

Every check appends a located :class:`TimelineError` to a shared list instead of raising, so
an editor sees every problem in a file at once, each with its line and a way to fix it.
"""

from __future__ import annotations

import re
import sys
from datetime import date
from typing import Any

from timeline.model import CATEGORIES, Calendar, Era, Event, Source
from timeline.store.eventdates import EXAMPLE_DATES, date_field, event_date, kind_of
from timeline.store.facts import read_actors, read_fatalities, read_fields, read_media, resolve_places
from timeline.store.fieldcheck import (ID_PATTERN, URL_PATTERN, FirstProblem, Problems, check_unknown,
                                       did_you_mean, text_field, text_list)
from timeline.store.localtext import read_texts
from timeline.store.registries import Vocabulary
from timeline.store.yamldoc import Path

__all__ = ["ID_PATTERN", "URL_PATTERN", "FirstProblem", "Problems", "did_you_mean", "kind_of", "read_era",
           "read_event", "read_source", "suggest_id"]
"""The checks live in ``fieldcheck``; they are named here too, where their callers found them."""

EVENT_FIELDS = (
    "id", "title", "date", "end", "calendar", "category", "importance", "actors", "places",
    "tags", "fatalities", "summary", "quote", "media", "related", "sources", "fields",
)
REQUIRED_EVENT_FIELDS = ("id", "title", "date", "category")
SOURCE_FIELDS = ("outlet", "title", "url", "published")
ERA_FIELDS = ("id", "label", "start", "end", "color")


def read_source(raw: Any, path: Path, problems: Problems) -> Source | None:
    """Return the source at ``path``, or None (with problems added) when it is unusable."""
    if not isinstance(raw, dict):
        problems.add(path, "a source must be a mapping with 'outlet', 'title', 'url' and 'published'",
                     field_name="sources")
        return None
    before = len(problems.found)
    check_unknown(raw, SOURCE_FIELDS, path, problems, what="source")
    outlet = text_field(raw, "outlet", path, problems, required=True)
    title = text_field(raw, "title", path, problems)
    url = text_field(raw, "url", path, problems)
    if url is not None and not URL_PATTERN.match(url):
        problems.add(path + ("url",), f"'{url}' is not an http(s) address; write the full "
                     "address starting with https:// (other schemes are refused for safety)",
                     field_name="url")
    published = _plain_date(raw.get("published"), path + ("published",), problems, "published")
    if len(problems.found) > before or outlet is None:
        return None
    return Source(outlet=outlet, title=title, url=url, published=published)


def read_event(raw: Any, path: Path, problems: Problems, default_sources: tuple[Source, ...],
               vocabulary: Vocabulary = Vocabulary()) -> Event | None:
    """Return the event at ``path``, or None (with every problem added) when it is invalid;
    names are checked and resolved against the store's ``vocabulary`` (its registries)."""
    if not isinstance(raw, dict):
        kind = "empty" if raw is None else f"a {type(raw).__name__}"
        problems.add(path, f"an event must be a mapping of fields (id, title, date, ...), not {kind}; "
                     "start each event with '- id: ...'")
        return None
    before = len(problems.found)
    check_unknown(raw, EVENT_FIELDS, path, problems, what="event")
    for name in REQUIRED_EVENT_FIELDS if not _REQUIRED_SET <= raw.keys() else ():
        if name not in raw:
            problems.add(path, f"the event has no '{name}'; add '{name}: ...' ({_FIELD_HELP[name]})",
                         field_name=name)
    event_id = text_field(raw, "id", path, problems)
    if event_id is not None and not ID_PATTERN.match(event_id):
        problems.add(path + ("id",), f"'{event_id}' is not a valid id; use lower-case letters, digits "
                     f"and hyphens, e.g. '{suggest_id(event_id)}'", field_name="id")
    texts, translations = read_texts(raw, ("title", "summary", "quote"), path, problems)
    title, summary, quote = texts["title"], texts["summary"], texts["quote"]
    category = text_field(raw, "category", path, problems)
    category = sys.intern(category) if category else category
    if category is not None and category not in vocabulary.categories:
        problems.add(path + ("category",), f"unknown category '{category}'"
                     f"{did_you_mean(category, vocabulary.categories)}; use one of: {', '.join(vocabulary.categories)}",
                     field_name="category")
    actors, roles = read_actors(raw, path, problems, vocabulary)
    places, tags, related = (text_list(raw, name, path, problems) for name in ("places", "tags", "related"))
    places = resolve_places(places, path, problems, vocabulary)
    importance = raw.get("importance")
    if importance is not None and (type(importance) is not int or not 1 <= importance <= 5):
        problems.add(path + ("importance",), f"importance must be a whole number from 1 (minor) to 5 "
                     f"(key event), not {importance!r}", field_name="importance")
    fatalities, media, fields = (read(raw, path, problems) for read in (read_fatalities, read_media, read_fields))
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
        fatalities=fatalities, roles=roles, media=media, fields=fields,
        groups=vocabulary.groups_of(actors), known_as=vocabulary.known_as(actors + places),
        translations=translations,
    )


def read_era(raw: Any, path: Path, problems: Problems, reference: date | None) -> Era | None:
    """Return the era at ``path`` (a band such as a government's term), or None with problems."""
    if not isinstance(raw, dict):
        problems.add(path, "an era must be a mapping with 'id', 'label', 'start' and optional 'end'")
        return None
    before = len(problems.found)
    check_unknown(raw, ERA_FIELDS, path, problems, what="era")
    era_id = text_field(raw, "id", path, problems, required=True)
    label = text_field(raw, "label", path, problems, required=True)
    color = text_field(raw, "color", path, problems)
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


_REQUIRED_SET = frozenset(REQUIRED_EVENT_FIELDS)
_CALENDAR_NAMES = tuple(calendar.value for calendar in Calendar)


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

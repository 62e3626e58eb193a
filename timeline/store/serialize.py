"""Events back into the YAML form editors write: fields in the documented order, dates as written."""

from __future__ import annotations

from typing import Any, Iterable

import yaml

from timeline.model import Calendar, Era, Event, Source

EVENT_KEY_ORDER = (
    "id", "title", "date", "end", "calendar", "category", "importance", "actors", "places", "tags",
    "summary", "quote", "related", "sources",
)


def source_record(source: Source) -> dict[str, Any]:
    """Return a source as a YAML mapping, leaving out the parts that are not known."""
    record: dict[str, Any] = {"outlet": source.outlet}
    if source.title:
        record["title"] = source.title
    if source.url:
        record["url"] = source.url
    if source.published:
        record["published"] = source.published
    return record


def event_record(event: Event, *, default_sources: tuple[Source, ...] = ()) -> dict[str, Any]:
    """Return an event as the mapping an editor would write (the default source left implicit)."""
    values: dict[str, Any] = {
        "id": event.id,
        "title": event.title,
        "date": event.date_text,
        "end": event.end_text,
        "calendar": event.calendar.value if event.calendar is not Calendar.GREGORIAN else None,
        "category": event.category,
        "importance": event.importance,
        "actors": list(event.actors),
        "places": list(event.places),
        "tags": list(event.tags),
        "summary": event.summary,
        "quote": event.quote,
        "related": list(event.related),
        "sources": [source_record(s) for s in event.sources] if event.sources != default_sources else None,
    }
    return {key: values[key] for key in EVENT_KEY_ORDER if values[key] not in (None, [])}


def era_record(era: Era) -> dict[str, Any]:
    record: dict[str, Any] = {"id": era.id, "label": era.label, "start": era.start}
    if era.end:
        record["end"] = era.end
    if era.color:
        record["color"] = era.color
    return record


def store_yaml(events: Iterable[Event], *, eras: Iterable[Era] = (), default_source: Source | None = None,
               header: str = "") -> str:
    """Return a whole store file: an optional comment header, defaults, eras and events."""
    defaults = (default_source,) if default_source else ()
    document: dict[str, Any] = {}
    if default_source:
        document["defaults"] = {"source": source_record(default_source)}
    era_records = [era_record(era) for era in eras]
    if era_records:
        document["eras"] = era_records
    document["events"] = [event_record(e, default_sources=defaults) for e in events]
    body = yaml.safe_dump(document, allow_unicode=True, sort_keys=False, width=100, default_flow_style=False)
    comment = "".join(f"# {line}\n".replace("# \n", "#\n") for line in header.splitlines())
    return comment + body

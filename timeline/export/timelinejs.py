"""TimelineJS JSON (https://timeline.knightlab.com/docs/json-format.html) out.

Holds: ``to_timelinejs`` and what the import (:mod:`.timelinejsimport`) shares with it: the
``timeline_extra`` key, the ``fields:`` names that travel natively, ``date_parts`` and
``era_parts``.
May import: ``timeline.export.slidetext``, ``timeline.dates``, ``timeline.model``, ``timeline.errors``.

TimelineJS knows a date only as the parts it is given (year; year and month; year, month and
day), so an event's ``start_date``/``end_date`` carry just the parts its precision supports,
the time of day from ``fields: {time: '14:30', end_time: ...}``, and ``display_date`` the date
as written. What TimelineJS has its own place for goes there: sources as links in the text,
the quote (as the slide's media when it has none, as TimelineJS shows quotes), ``media``, and
the first place with coordinates as ``location``. What it has no place for (category, actors,
tags, importance, approximate dates, the calendar, sources as data, fatalities, roles, fields,
the registries) travels in ``timeline_extra``, a key TimelineJS ignores, so our own files come
back exactly.

An era's ``end_date`` is where TimelineJS stops drawing it, the first moment after it (the eras
of TimelineJS's own examples run 600-650 and 650-700): an era to June 2004 ends at
``{"year": 2004, "month": 7}``, the next one starts there, and neither is cut to exact days.
"""

from __future__ import annotations

import html
import re
from calendar import monthrange
from dataclasses import asdict
from datetime import date
from typing import Any, Iterable, Sequence

from timeline.dates.days import day_from_ordinal, make_day
from timeline.dates.reading import parse_date
from timeline.errors import DateError
from timeline.export.slidetext import inline_html, quote_html, read_slide_text, slide_html
from timeline.model import Actor, Category, Era, Event, Lanes, Place, Precision

EXTRA = "timeline_extra"
TIME, END_TIME, DISPLAY_DATE = "time", "end_time", "display_date"
MEDIA_HTML, MEDIA_URL, MEDIA_CAPTION, MEDIA_CREDIT = "media_html", "media_url", "media_caption", "media_credit"
"""``fields:`` that hold what TimelineJS shows and the model has no value for: an embed (a tweet,
an iframe), an address that is not http(s), the caption and credit of a media without one."""
TIME_PATTERN = re.compile(r"^(\d\d):(\d\d)(?::(\d\d)(?:\.(\d{3}))?)?$")
PARTS: dict[Precision, tuple[str, ...]] = {
    Precision.DAY: ("year", "month", "day"), Precision.WEEK: ("year", "month", "day"),
    Precision.MONTH: ("year", "month"), Precision.QUARTER: ("year", "month"),
    Precision.YEAR: ("year",), Precision.DECADE: ("year",), Precision.CENTURY: ("year",),
}


def to_timelinejs(events: Sequence[Event], eras: Sequence[Era] = (), lanes: Lanes = "actor", *,
                  title: str | None = None, places: Iterable[Place] = (), actors: Iterable[Actor] = (),
                  categories: Iterable[Category] = (), lang: str | None = None) -> dict[str, Any]:
    """Return the events and eras as a TimelineJS JSON document (a dict for ``json.dumps``),
    with the registry entries they use (``places`` gives ``location`` its coordinates). A slide's
    headline and text are in ``lang`` where the event gives it, else in the event's first language;
    ``timeline_extra`` keeps every language."""
    last_day = max((e.end for e in events), default=None)
    located = {p.name: p for p in places}
    document: dict[str, Any] = {}
    if title:
        document["title"] = {"text": {"headline": html.escape(title, quote=False), "text": ""}}
    document["events"] = [_event_slide(event, lanes, located, lang) for event in events]
    if eras:
        document["eras"] = [_era_slide(era, last_day) for era in eras]
    used_places = {name for e in events for name in e.places}
    used_actors = {name for e in events for name in e.actors}
    registries = {
        "places": [_present(asdict(p)) for p in located.values() if p.name in used_places],
        "actors": [_present(asdict(a)) for a in actors if a.name in used_actors],
        "categories": [_present(asdict(c)) for c in categories],
    }
    if any(registries.values()):
        document[EXTRA] = {key: value for key, value in registries.items() if value}
    return document


def _event_slide(event: Event, lanes: Lanes, located: dict[str, Place], lang: str | None) -> dict[str, Any]:
    fields = dict(event.fields)
    parts = PARTS[event.precision]
    start = date_parts(event.start, _parts_for(event, event.start, parts))
    end = date_parts(event.end, _parts_for(event, event.end, parts))
    slide: dict[str, Any] = {"start_date": start | _time_parts(fields.get(TIME))}
    if end != start or END_TIME in fields:
        slide["end_date"] = end | _time_parts(fields.get(END_TIME))
    slide["display_date"] = str(fields.get(DISPLAY_DATE) or event.date_as_written)
    media, quote = _media(event, fields, lang)
    title, summary = (shown.text if (shown := event.text(name, lang)) else None for name in ("title", "summary"))
    slide["text"] = {"headline": html.escape(title or event.title, quote=False),
                     "text": slide_html(summary, quote, event.sources)}
    if media:
        slide["media"] = media
    group = _group(event, lanes)
    if group:
        slide["group"] = group
    place = next((located[name] for name in event.places if name in located and located[name].lat is not None), None)
    if place:
        slide["location"] = {"name": place.name, "lat": place.lat, "lon": place.lon}
    slide["unique_id"] = event.id
    slide[EXTRA] = _event_extra(event)
    return slide


def _event_extra(event: Event) -> dict[str, Any]:
    extra: dict[str, Any] = {
        "title": event.title, "date_text": event.date_text, "end_text": event.end_text,
        "calendar": event.calendar.value, "start": event.start.isoformat(), "end": event.end.isoformat(),
        "precision": event.precision.value, "approximate": event.approximate,
        "category": event.category, "importance": event.importance, "actors": list(event.actors),
        "places": list(event.places), "tags": list(event.tags), "summary": event.summary,
        "quote": event.quote, "related": list(event.related),
        "sources": [source.to_json() for source in event.sources],
    }
    if event.fatalities:
        extra["fatalities"] = event.fatalities.to_json()
    if event.roles:
        extra["roles"] = [{"name": name, "side": role.side, "role": role.role} for name, role in event.roles]
    if event.media:
        extra["media"] = event.media.to_json()
    if event.fields:
        extra["fields"] = [[name, {"date": value.isoformat()} if isinstance(value, date) else value]
                           for name, value in event.fields]
    if event.translations:
        extra["translations"] = {name: dict(texts) for name, texts in event.translations}
    return extra


def _media(event: Event, fields: dict[str, Any], lang: str | None) -> tuple[dict[str, str] | None, str | None]:
    """Return the slide's media and the quote left for its text.

    A quote is TimelineJS's media when the event has no other (``<blockquote>`` as its url); an
    embed kept in ``media_html`` goes back as it came, and the quote it holds is not repeated.
    """
    quote = shown.text if (shown := event.text("quote", lang)) else None
    caption, credit = fields.get(MEDIA_CAPTION), fields.get(MEDIA_CREDIT)
    raw = fields.get(MEDIA_HTML) or fields.get(MEDIA_URL)
    if event.media:
        url, caption, credit = event.media.url, event.media.caption, event.media.credit
    elif raw:
        url = str(raw)
        embedded = read_slide_text(url).quote if MEDIA_HTML in fields else None
        if quote and embedded and (quote == embedded or quote.startswith(embedded + "\n\n")):
            quote = quote[len(embedded) + 2:] or None
    elif quote:
        url, quote = quote_html(quote), None
    elif caption or credit:
        url = ""  # TimelineJS shows no media without an address; the caption is kept all the same
    else:
        return None, quote
    media = {"url": url, "caption": inline_html(caption and str(caption)),
             "credit": inline_html(credit and str(credit))}
    return {key: value for key, value in media.items() if value or key == "url"}, quote


def _group(event: Event, lanes: Lanes) -> str | None:
    """The event's first lane; none (rather than '(no actor)') when it has no value for it."""
    values = {"actor": event.actors, "group": event.groups, "place": event.places,
              "category": (event.category,)}.get(lanes, ())
    return values[0] if values else None


def _time_parts(text: Any) -> dict[str, int]:
    match = TIME_PATTERN.match(text) if isinstance(text, str) else None
    if not match:
        return {}
    names = ("hour", "minute", "second", "millisecond")
    return {name: int(value) for name, value in zip(names, match.groups()) if value is not None}


def _parts_for(event: Event, day: date, parts: tuple[str, ...]) -> tuple[str, ...]:
    """Return the parts ``day`` (the event's start or end) is written with: those of its own
    text's precision ('July 1943' – '1946' starts with a month and ends with a year), or all
    three when they would not give back ``day`` (a range cut at its source's publication)."""
    is_start = day == event.start
    if event.end_text and not event.approximate:
        reference = next((s.published for s in event.sources if s.published), None)
        try:
            own = parse_date(event.date_text if is_start else event.end_text, reference=reference,
                             calendar=event.calendar)
        except DateError:
            own = None
        if own is not None and (own.start if is_start else own.end) == day:
            parts = PARTS[own.precision]
    if event.approximate or len(parts) == 3:
        return parts
    if parts == ("year",):
        first, last = make_day(day.year, 1, 1), make_day(day.year, 12, 31)
    else:
        first, last = day.replace(day=1), day.replace(day=monthrange(day.year, day.month)[1])
    return parts if day == (first if is_start else last) else PARTS[Precision.DAY]


def _era_slide(era: Era, last_day: date | None) -> dict[str, Any]:
    end = era.end or max(era.start, last_day or era.start)
    after = end if end == date.max else day_from_ordinal(end.toordinal() + 1)
    return {"start_date": date_parts(era.start, era_parts(era.start)),
            "end_date": date_parts(after, era_parts(after)),
            "text": {"headline": html.escape(era.label, quote=False)},
            EXTRA: {"id": era.id, "label": era.label, "color": era.color, "open_end": era.end is None,
                    "start": era.start.isoformat(), "end": era.end.isoformat() if era.end else None}}


def era_parts(day: date) -> tuple[str, ...]:
    """The parts a moment of an era needs: the year for 1 January, the month for a 1st."""
    if day.day != 1:
        return PARTS[Precision.DAY]
    return PARTS[Precision.YEAR] if day.month == 1 else PARTS[Precision.MONTH]


def date_parts(day: date, parts: tuple[str, ...]) -> dict[str, int]:
    """TimelineJS's parts; its year -300 is shown as '300 BCE', so a year before the common era
    is written as minus its BCE number (astronomical year 0, 1 BCE, is -1)."""
    values = {part: getattr(day, part) for part in parts}
    if values["year"] <= 0:
        values["year"] -= 1
    return values


def _present(record: dict[str, Any]) -> dict[str, Any]:
    return {key: list(value) if isinstance(value, tuple) else value for key, value in record.items()
            if value not in (None, (), [])}

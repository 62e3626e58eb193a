"""TimelineJS JSON in: a TimelineJS document (ours or anyone's) as events, eras and places.

Holds: ``ImportedTimeline``, ``read_timelinejs``, ``imported_yaml`` and ``timelinejs_yaml``.
May import: ``timeline.export.timelinejs`` (the names shared with the export),
``.timelinejsextra``, ``.slidetext``, ``.slidedates``, ``timeline.store`` (ids, ``store_yaml``),
``timeline.dates``, ``timeline.model``, ``timeline.errors``.

A slide written by our export is read from its ``timeline_extra``, exactly. Any other slide
keeps what the model can hold: dates from the parts present (the time of day as ``fields:
{time: '06:45'}``), ``display_date`` as the date's text when it reads as the same date (else as
a field), text as clean text, links as sources, quotes (a ``<blockquote>`` in the text, or a
media that is one), the media, and ``location`` as a place with coordinates. A slide that
cannot be read is reported by its number and id or headline; the others are read all the same.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Any, Iterable

from timeline.dates.days import day_from_ordinal, parse_iso_day
from timeline.dates.reading import parse_date
from timeline.errors import DateError, TimelineError, ValidationError
from timeline.export.slidetext import clean_inline, clean_line, read_slide_text, web_address
from timeline.export.timelinejs import (DISPLAY_DATE, END_TIME, EXTRA, MEDIA_CAPTION, MEDIA_CREDIT, MEDIA_HTML,
                                        MEDIA_URL, TIME)
from timeline.export.slidedates import parts_date, time_of, written
from timeline.export.timelinejsextra import extra_event, registry
from timeline.model import CATEGORIES, Actor, Category, Era, Event, FieldValue, Media, Place, Source
from timeline.store.records import ID_PATTERN, suggest_id
from timeline.store.serialize import store_yaml

DEFAULT_OUTLET = "TimelineJS import"
_PLAIN_QUOTE = re.compile(r"\s*<blockquote\s*>.*</blockquote>\s*", re.S | re.I)


@dataclass(frozen=True)
class ImportedTimeline:
    """What a TimelineJS file gave: events, eras, the source most events share, the places
    (with coordinates) and registries, and each slide that could not be read (``skipped``)."""

    events: tuple[Event, ...]
    eras: tuple[Era, ...]
    default_source: Source | None
    places: tuple[Place, ...] = ()
    actors: tuple[Actor, ...] = ()
    categories: tuple[Category, ...] = ()
    skipped: tuple[TimelineError, ...] = ()
    title: str | None = None


@dataclass
class _Reading:
    """What reading one file carries from slide to slide."""

    file_source: Source
    categories: tuple[str, ...]
    places: dict[str, Place]
    used: set[str] = field(default_factory=set)


def read_timelinejs(document: Any, *, source_outlet: str | None = None, source_name: str = "TimelineJS file",
                    skip_invalid: bool = False) -> ImportedTimeline:
    """Read a TimelineJS 3 document into events, eras and places.

    Raises:
        ValidationError: every slide and era that cannot be read, as ``FILE: slide N ('id or
            headline'): what is wrong`` (with ``skip_invalid``, they are returned in ``skipped``).
        TimelineError: the document is not a TimelineJS file.
    """
    if not isinstance(document, dict) or not isinstance(document.get("events"), list):
        raise TimelineError("not a TimelineJS file: it needs a top-level object with an 'events' list "
                            "(see https://timeline.knightlab.com/docs/json-format.html)", source=source_name)
    extra = document.get(EXTRA) if isinstance(document.get(EXTRA), dict) else {}
    categories = registry(extra, "categories", Category, "id")
    places = registry(extra, "places", Place, "name")
    reading = _Reading(Source(outlet=source_outlet or DEFAULT_OUTLET),
                       tuple(c.id for c in categories) or tuple(CATEGORIES), {p.name: p for p in places})
    problems: list[TimelineError] = []
    events: list[Event] = []
    for index, slide in enumerate(document["events"], start=1):
        try:
            event, place = _read_event(slide, reading)
        except TimelineError as err:
            problems.append(TimelineError(f"slide {index}{_label(slide)}: {err.message}", source=source_name))
            continue
        events.append(event)
        reading.used.add(event.id)
        if place:
            reading.places.setdefault(place.name, place)
    eras = []
    era_slides = document.get("eras") or []
    if not isinstance(era_slides, list):
        problems.append(TimelineError("eras must be a list of slides with start_date and end_date", source=source_name))
        era_slides = []
    for index, slide in enumerate(era_slides, start=1):
        try:
            eras.append(_read_era(slide, reading.used))
        except TimelineError as err:
            problems.append(TimelineError(f"era {index}{_label(slide)}: {err.message}", source=source_name))
    if problems and not skip_invalid:
        raise ValidationError(problems)
    title = document.get("title")
    headline = title.get("text") if isinstance(title, dict) else None
    return ImportedTimeline(tuple(events), tuple(eras), _shared_source(events), tuple(reading.places.values()),
                            registry(extra, "actors", Actor, "name"), categories, tuple(problems),
                            clean_line(str(headline.get("headline") or "")) or None
                            if isinstance(headline, dict) else None)


def imported_yaml(imported: ImportedTimeline, *, source_name: str = "TimelineJS file") -> str:
    """Return what was imported as the text of one of our store files."""
    named = f", '{imported.title}'" if imported.title else ""
    header = (f"Imported from {source_name} (TimelineJS JSON{named}) by `timeline import-timelinejs`.\n"
              "Check it with: timeline validate FILE")
    return store_yaml(imported.events, eras=imported.eras, default_source=imported.default_source, header=header,
                      places=imported.places, actors=imported.actors, categories=imported.categories)


def timelinejs_yaml(document: Any, *, source_outlet: str | None = None, source_name: str = "TimelineJS file",
                    skip_invalid: bool = False) -> str:
    """Return a TimelineJS document as the text of one of our store files."""
    imported = read_timelinejs(document, source_outlet=source_outlet, source_name=source_name,
                               skip_invalid=skip_invalid)
    return imported_yaml(imported, source_name=source_name)


def _read_event(slide: Any, reading: _Reading) -> tuple[Event, Place | None]:
    if not isinstance(slide, dict):
        raise TimelineError("must be an object with start_date and text")
    extra = _mapping(slide, EXTRA)
    text = _mapping(slide, "text")
    title = _string(extra, "title", EXTRA) or clean_line(_string(text, "headline", "text"))
    if not title:
        raise TimelineError("has no headline; give it text.headline")
    if extra.get("date_text"):
        event = extra_event(extra, title, reading.file_source, reading.categories)
        place = None
    else:
        event, place = _plain_event(slide, text, title, reading)
    return Event(id=_unique_id(slide.get("unique_id"), title, reading.used), **event), place


def _plain_event(slide: dict[str, Any], text: dict[str, Any], title: str,
                 reading: _Reading) -> tuple[dict[str, Any], Place | None]:
    value, date_text, end_text = parts_date(slide)
    found: list[tuple[str, FieldValue]] = []
    for name, key in ((TIME, "start_date"), (END_TIME, "end_date")):
        time = time_of(slide[key], key) if isinstance(slide.get(key), dict) else None
        if time:
            found.append((name, time))
    display = clean_line(_string(slide, "display_date", ""))
    if display and display != (f"{date_text} – {end_text}" if end_text else date_text):
        try:
            same = parse_date(display) == value
        except DateError:
            same = False
        if same:
            date_text, end_text = display, None
        else:
            found.append((DISPLAY_DATE, display))
    body = read_slide_text(_string(text, "text", "text"))
    media, media_quote, media_fields, media_links = _read_media(slide.get("media"))
    quote = "\n\n".join(dict.fromkeys(q for q in (media_quote, body.quote) if q)) or None
    sources = list(body.listed) if body.listed is not None else [reading.file_source]
    known = {s.url for s in sources if s.url}
    sources += [s for s in (*body.links, *media_links) if s.url not in known]
    place = _place(slide.get("location"), reading.places)
    group = slide.get("group")
    group = clean_line(str(group)) if isinstance(group, (str, int, float)) and not isinstance(group, bool) else ""
    return dict(
        title=title, date=value, date_text=date_text, end_text=end_text,
        category=group if group in reading.categories else "other", sources=tuple(sources),
        actors=(group,) if group and group not in reading.categories else (),
        places=(place.name,) if place else (), summary=body.summary, quote=quote, media=media,
        fields=tuple(found + media_fields),
    ), place


def _read_media(raw: Any) -> tuple[Media | None, str | None, list[tuple[str, FieldValue]], tuple[Source, ...]]:
    """Return (the media, the quote it is, the fields it needs, the links in it)."""
    if raw is None:
        return None, None, [], ()
    if not isinstance(raw, dict):
        raise TimelineError("media must be an object with url, caption and credit")
    url = _string(raw, "url", "media").strip()
    caption, credit = (clean_inline(_string(raw, key, "media")) for key in ("caption", "credit"))
    address = web_address(url) if not url.startswith("<") else None
    if address:
        return Media(address, caption, credit), None, [], ()
    found: list[tuple[str, FieldValue]] = []
    quote, links = None, ()
    if url.startswith("<"):
        embedded = read_slide_text(url)
        quote, links = embedded.quote, embedded.links
        if not _PLAIN_QUOTE.fullmatch(url):
            found.append((MEDIA_HTML, url))
    elif url:
        found.append((MEDIA_URL, url))
    found += [(name, value) for name, value in ((MEDIA_CAPTION, caption), (MEDIA_CREDIT, credit)) if value]
    return None, quote, found, links


def _place(location: Any, places: dict[str, Place]) -> Place | None:
    """The place of a StoryMap-style ``location`` ({name, lat, lon}); a name the file already
    gave other coordinates is told apart by its own."""
    if location is None:
        return None
    if not isinstance(location, dict):
        raise TimelineError("location must be an object with lat, lon and name")
    lat, lon = (_coordinate(location.get(key), key, limit) for key, limit in (("lat", 90), ("lon", 180)))
    name = clean_line(_string(location, "name", "location"))
    if lat is None or lon is None:
        return Place(name) if name and name not in places else (places[name] if name else None)
    name = name or f"{lat}, {lon}"
    known = places.get(name)
    if known and (known.lat, known.lon) != (lat, lon):
        name = f"{name} ({lat}, {lon})"
    return places.get(name) or Place(name, lat, lon)


def _coordinate(value: Any, key: str, limit: int) -> float | None:
    if value in (None, ""):
        return None
    try:
        number = float(value) if not isinstance(value, bool) else None
    except (TypeError, ValueError):
        number = None
    if number is None or not -limit <= number <= limit:
        raise TimelineError(f"location.{key} is {value!r}; use decimal degrees from -{limit} to {limit}")
    return number


def _read_era(slide: Any, used: set[str]) -> Era:
    if not isinstance(slide, dict) or not isinstance(slide.get("start_date"), dict):
        raise TimelineError("an era needs start_date, end_date and text.headline")
    extra = _mapping(slide, EXTRA)
    headline = clean_line(_string(_mapping(slide, "text"), "headline", "text"))
    label = _string(extra, "label", EXTRA) or headline or "Era"
    if isinstance(extra.get("start"), str):
        try:
            start = parse_iso_day(extra["start"])
            end = parse_iso_day(extra["end"]) if isinstance(extra.get("end"), str) else None
        except ValueError as err:
            raise TimelineError(f"{EXTRA} has a day that is not YYYY-MM-DD ({err}); remove it to read the era "
                                "as TimelineJS shows it") from err
    else:
        start = parse_date(written(slide["start_date"], "start_date")).start
        end = None
        if isinstance(slide.get("end_date"), dict) and not extra.get("open_end"):
            until = parse_date(written(slide["end_date"], "end_date"))
            # TimelineJS draws an era up to the moment its end_date names; files from our
            # earlier exports (an extra without 'start') wrote the last day itself.
            end = until.end if extra else day_from_ordinal(until.start.toordinal() - 1)
    era_id = _unique_id(extra.get("id"), label, used)
    used.add(era_id)
    color = extra.get("color")
    return Era(id=era_id, label=label, start=start, end=None if end is None else max(end, start),
               color=color if isinstance(color, str) else None)


def _unique_id(wanted: Any, title: str, used: set[str]) -> str:
    base = wanted if isinstance(wanted, str) and ID_PATTERN.match(wanted) else suggest_id(
        str(wanted) if wanted else title)
    candidate, number = base, 2
    while candidate in used:
        candidate, number = f"{base}-{number}", number + 1
    return candidate


def _shared_source(events: Iterable[Event]) -> Source | None:
    """Return the one source most events share, written once as the file's default."""
    counts = Counter(e.sources for e in events if len(e.sources) == 1)
    return counts.most_common(1)[0][0][0] if counts else None


def _label(slide: Any) -> str:
    if not isinstance(slide, dict):
        return ""
    wanted = slide.get("unique_id")
    text = slide.get("text")
    label = wanted if isinstance(wanted, str) and wanted.strip() else (
        clean_line(text["headline"]) if isinstance(text, dict) and isinstance(text.get("headline"), str) else "")
    return f" ({label.strip()!r})" if label.strip() else ""


def _mapping(raw: dict[str, Any], key: str) -> dict[str, Any]:
    value = raw.get(key)
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise TimelineError(f"{key} must be an object, not {type(value).__name__}")
    return value


def _string(raw: dict[str, Any], key: str, where: str) -> str:
    value = raw.get(key)
    if value is None:
        return ""
    if isinstance(value, bool) or not isinstance(value, (str, int, float)):
        raise TimelineError(f"{where + '.' if where else ''}{key} must be text, not {type(value).__name__}")
    return str(value)


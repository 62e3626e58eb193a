"""TimelineJS JSON (https://timeline.knightlab.com/docs/json-format.html), out and back in.

TimelineJS knows a date only as the parts it is given (year; year and month; year, month and
day), so an event's ``start_date``/``end_date`` carry just the parts its precision supports and
``display_date`` the date as written. What TimelineJS cannot hold (category, actors, tags,
importance, approximate dates, the calendar, sources as data) travels in ``timeline_extra``,
a key TimelineJS ignores, so our own files come back exactly; a plain TimelineJS file comes back
with the dates and text it has.
"""

from __future__ import annotations

import html
import re
from calendar import month_name, monthrange
from collections import Counter
from dataclasses import dataclass
from datetime import date
from typing import Any, Iterable, Sequence

from timeline.dates.days import make_day
from timeline.dates.reading import combine_range, parse_date
from timeline.errors import DateError, TimelineError, ValidationError
from timeline.chart.rows import lane_values
from timeline.model import CATEGORIES, Calendar, DateValue, Era, Event, Lanes, Precision, Source
from timeline.store.records import ID_PATTERN, suggest_id
from timeline.store.serialize import store_yaml

EXTRA = "timeline_extra"
_PARTS: dict[Precision, tuple[str, ...]] = {
    Precision.DAY: ("year", "month", "day"), Precision.WEEK: ("year", "month", "day"),
    Precision.MONTH: ("year", "month"), Precision.QUARTER: ("year", "month"),
    Precision.YEAR: ("year",), Precision.DECADE: ("year",), Precision.CENTURY: ("year",),
}
DEFAULT_OUTLET = "TimelineJS import"


@dataclass(frozen=True)
class ImportedTimeline:
    """Events and eras read from a TimelineJS file, and the source most events share."""

    events: tuple[Event, ...]
    eras: tuple[Era, ...]
    default_source: Source | None


def to_timelinejs(events: Sequence[Event], eras: Sequence[Era] = (), lanes: Lanes = "actor", *,
                  title: str | None = None) -> dict[str, Any]:
    """Return the events and eras as a TimelineJS JSON document (a dict for ``json.dumps``)."""
    last_day = max((e.end for e in events), default=None)
    document: dict[str, Any] = {}
    if title:
        document["title"] = {"text": {"headline": html.escape(title), "text": ""}}
    document["events"] = [_event_slide(event, lanes) for event in events]
    if eras:
        document["eras"] = [_era_slide(era, last_day) for era in eras]
    return document


def _event_slide(event: Event, lanes: Lanes) -> dict[str, Any]:
    parts = _PARTS[event.precision]
    slide: dict[str, Any] = {"start_date": _date_parts(event.start, _parts_for(event, event.start, parts))}
    end = _date_parts(event.end, _parts_for(event, event.end, parts))
    if end != slide["start_date"]:
        slide["end_date"] = end
    slide["display_date"] = event.date_as_written
    slide["text"] = {"headline": html.escape(event.title), "text": _body(event)}
    if lanes != "none":
        slide["group"] = lane_values(event, lanes)[0]
    slide["unique_id"] = event.id
    slide[EXTRA] = {
        "title": event.title, "date_text": event.date_text, "end_text": event.end_text,
        "calendar": event.calendar.value, "start": event.start.isoformat(), "end": event.end.isoformat(),
        "precision": event.precision.value, "approximate": event.approximate,
        "category": event.category, "importance": event.importance, "actors": list(event.actors),
        "places": list(event.places), "tags": list(event.tags), "summary": event.summary,
        "quote": event.quote, "related": list(event.related),
        "sources": [source.to_json() for source in event.sources],
    }
    return slide


def _parts_for(event: Event, day: date, parts: tuple[str, ...]) -> tuple[str, ...]:
    """Return the precision's parts, or all three when they would not give back ``day``.

    A range from 'January 1999' to '1 January 2000' has month precision but ends on a known day:
    '{year: 2000, month: 1}' would read back as the whole of January.
    """
    if event.approximate or len(parts) == 3:
        return parts
    first, last = _span(day, parts)
    return parts if day in ((first,) if day == event.start else (last,)) else _PARTS[Precision.DAY]


def _span(day: date, parts: tuple[str, ...]) -> tuple[date, date]:
    if parts == ("year",):
        return make_day(day.year, 1, 1), make_day(day.year, 12, 31)
    return day.replace(day=1), day.replace(day=monthrange(day.year, day.month)[1])


def _body(event: Event) -> str:
    parts = [f"<p>{html.escape(event.summary)}</p>"] if event.summary else []
    if event.quote:
        parts.append(f"<blockquote>{html.escape(event.quote)}</blockquote>")
    links = [f'<a href="{html.escape(s.url)}">{html.escape(_credit(s))}</a>' if s.url
             else html.escape(_credit(s)) for s in event.sources]
    if links:
        parts.append(f"<p>Source: {'; '.join(links)}</p>")
    return "".join(parts)


def _credit(source: Source) -> str:
    return f"{source.outlet}: {source.title}" if source.title else source.outlet


def _era_slide(era: Era, last_day: date | None) -> dict[str, Any]:
    end = era.end or max(era.start, last_day or era.start)
    return {"start_date": _date_parts(era.start, _PARTS[Precision.DAY]),
            "end_date": _date_parts(end, _PARTS[Precision.DAY]),
            "text": {"headline": html.escape(era.label)},
            EXTRA: {"id": era.id, "label": era.label, "color": era.color, "open_end": era.end is None}}


def _date_parts(day: date, parts: tuple[str, ...]) -> dict[str, int]:
    """TimelineJS's parts; its year -300 is shown as '300 BCE', so a year before the common era
    is written as minus its BCE number (astronomical year 0, 1 BCE, is -1)."""
    values = {part: getattr(day, part) for part in parts}
    if values["year"] <= 0:
        values["year"] -= 1
    return values


def read_timelinejs(document: Any, *, source_outlet: str | None = None,
                    source_name: str = "TimelineJS file") -> ImportedTimeline:
    """Read a TimelineJS document (ours or anyone's) into events and eras.

    Dates come from ``timeline_extra`` when present, else from the parts of ``start_date`` and
    ``end_date`` (year only: precision year; with the month: month; with the day: day). Ids come
    from ``unique_id`` or the headline; unknown categories become 'other'; HTML becomes text.

    Raises:
        ValidationError: every slide that cannot be read, named by its position and headline.
    """
    if not isinstance(document, dict) or not isinstance(document.get("events"), list):
        raise TimelineError("not a TimelineJS file: it needs a top-level object with an 'events' list "
                            "(see https://timeline.knightlab.com/docs/json-format.html)", source=source_name)
    default = Source(outlet=source_outlet or DEFAULT_OUTLET)
    problems: list[TimelineError] = []
    events: list[Event] = []
    used: set[str] = set()
    for index, slide in enumerate(document["events"], start=1):
        where = f"event {index}"
        try:
            if not isinstance(slide, dict):
                raise TimelineError("must be an object with start_date and text")
            where += f" ({_plain(_headline(slide))!r})" if _headline(slide) else ""
            events.append(_read_event(slide, default, used, source_outlet))
        except TimelineError as err:
            problems.append(TimelineError(f"{where}: {err.message}", source=source_name, field=err.field))
    eras = []
    for index, slide in enumerate(document.get("eras") or [], start=1):
        try:
            eras.append(_read_era(slide, used))
        except TimelineError as err:
            problems.append(TimelineError(f"era {index}: {err.message}", source=source_name, field=err.field))
    if problems:
        raise ValidationError(problems)
    return ImportedTimeline(tuple(events), tuple(eras), _shared_source(events))


def timelinejs_yaml(document: Any, *, source_outlet: str | None = None,
                    source_name: str = "TimelineJS file") -> str:
    """Return a TimelineJS document as the text of one of our store files."""
    imported = read_timelinejs(document, source_outlet=source_outlet, source_name=source_name)
    header = (f"Imported from {source_name} (TimelineJS JSON) by `python -m timeline import-timelinejs`.\n"
              "Check it with: python -m timeline validate FILE")
    return store_yaml(imported.events, eras=imported.eras, default_source=imported.default_source,
                      header=header)


def _read_event(slide: dict[str, Any], default: Source, used: set[str], outlet: str | None) -> Event:
    extra = slide.get(EXTRA) if isinstance(slide.get(EXTRA), dict) else {}
    title = extra.get("title") or _plain(_headline(slide))
    if not title:
        raise TimelineError("has no headline; give it text.headline", field="text")
    text = slide.get("text") if isinstance(slide.get("text"), dict) else {}
    sources = tuple(_source(s) for s in extra.get("sources") or ()) or (
        (Source(outlet=outlet),) if outlet else (default,))
    reference = next((s.published for s in sources if s.published), None)
    if extra.get("date_text"):
        value, date_text, end_text, calendar = _extra_date(extra, reference)
    else:
        value, date_text, end_text, calendar = _parts_date(slide)
    category = extra.get("category") or (slide.get("group") if slide.get("group") in CATEGORIES else "other")
    group = slide.get("group")
    actors = tuple(extra["actors"]) if "actors" in extra else (
        (str(group),) if group and group not in CATEGORIES else ())
    event_id = _unique_id(slide.get("unique_id"), title, used)
    return Event(
        id=event_id, title=title, date=value, date_text=date_text, end_text=end_text, calendar=calendar,
        category=category if category in CATEGORIES else "other", sources=sources, actors=actors,
        places=tuple(extra.get("places") or ()), tags=tuple(extra.get("tags") or ()),
        summary=extra["summary"] if "summary" in extra else (_plain(str(text.get("text") or "")) or None),
        quote=extra.get("quote"), related=tuple(extra.get("related") or ()),
        importance=extra.get("importance"),
    )


def _extra_date(extra: dict[str, Any], reference: date | None) -> tuple[DateValue, str, str | None, Calendar]:
    calendar = Calendar(extra.get("calendar") or "gregorian")
    date_text, end_text = str(extra["date_text"]), extra.get("end_text")
    value = parse_date(date_text, reference=reference, calendar=calendar)
    if end_text:
        value = combine_range(value, parse_date(str(end_text), reference=reference, calendar=calendar))
    return value, date_text, end_text, calendar


def _parts_date(slide: dict[str, Any]) -> tuple[DateValue, str, str | None, Calendar]:
    if not isinstance(slide.get("start_date"), dict):
        raise TimelineError("has no start_date; give it e.g. {\"year\": 2020, \"month\": 9}", field="start_date")
    date_text = _written(slide["start_date"], "start_date")
    end_text = _written(slide["end_date"], "end_date") if isinstance(slide.get("end_date"), dict) else None
    end_text = None if end_text == date_text else end_text
    try:
        value = parse_date(date_text)
        if end_text:
            value = combine_range(value, parse_date(end_text))
    except DateError as err:
        raise TimelineError(err.message, field="end_date" if end_text else "start_date") from err
    return value, date_text, end_text, Calendar.GREGORIAN


def _written(parts: dict[str, Any], name: str) -> str:
    """Return the date parts as a person writes them: '2020', 'September 2020', '13 September 2020'."""
    values = {}
    for part, low, high in (("year", -9999, 9999), ("month", 1, 12), ("day", 1, 31)):
        raw = parts.get(part)
        if raw in (None, ""):
            break
        try:
            number = int(str(raw).strip())
        except ValueError:
            number = None
        if part == "year" and number == 0:
            raise TimelineError(f"{name}.year is 0, which TimelineJS shows as no year; 1 BCE is -1 and "
                                "1 CE is 1", field=name)
        if number is None or not low <= number <= high:
            raise TimelineError(f"{name}.{part} is {raw!r}; use a whole number from {low} to {high}", field=name)
        values[part] = number
    if "year" not in values:
        raise TimelineError(f"{name} has no year; give at least {{\"year\": 2020}}", field=name)
    year = values["year"]
    if year < 0:  # TimelineJS's -300 is shown as 300 BCE; its days are proleptic Gregorian
        written = [f"{-year} BCE"] + (["(Gregorian)"] if "day" in values and "month" in values else [])
    elif "day" in values and "month" in values and (year < 100 or (year, values["month"], values["day"]) < (1582, 10, 15)):
        # TimelineJS counts in JavaScript's proleptic Gregorian days, while a day before the
        # reform written with a month's name reads as Julian: say which calendar it is.
        if year < 100:
            return f"{year:04d}-{values['month']:02d}-{values['day']:02d}"
        return f"{values['day']} {month_name[values['month']]} {year} (Gregorian)"
    else:
        written = [f"{year} CE" if year < 100 else str(year)]
    if "month" in values:
        written.insert(0, month_name[values["month"]])
    if "day" in values:
        written.insert(0, str(values["day"]))
    return " ".join(written)


def _read_era(slide: Any, used: set[str]) -> Era:
    if not isinstance(slide, dict) or not isinstance(slide.get("start_date"), dict):
        raise TimelineError("an era needs start_date, end_date and text.headline", field="start_date")
    extra = slide.get(EXTRA) if isinstance(slide.get(EXTRA), dict) else {}
    label = extra.get("label") or _plain(_headline(slide)) or "Era"
    start = parse_date(_written(slide["start_date"], "start_date")).start
    end = (parse_date(_written(slide["end_date"], "end_date")).end
           if isinstance(slide.get("end_date"), dict) and not extra.get("open_end") else None)
    return Era(id=_unique_id(extra.get("id"), label, used), label=label, start=start,
               end=end if end is None or end >= start else start, color=extra.get("color"))


def _source(raw: dict[str, Any]) -> Source:
    published = raw.get("published")
    return Source(outlet=raw["outlet"], title=raw.get("title"), url=raw.get("url"),
                  published=date.fromisoformat(published) if published else None)


def _shared_source(events: Iterable[Event]) -> Source | None:
    """Return the one source most events share, written once as the file's default."""
    counts = Counter(e.sources for e in events if len(e.sources) == 1)
    if not counts:
        return None
    sources, _ = counts.most_common(1)[0]
    return sources[0]


def _unique_id(wanted: Any, title: str, used: set[str]) -> str:
    base = str(wanted) if isinstance(wanted, str) and ID_PATTERN.match(wanted) else suggest_id(
        str(wanted) if wanted else title)
    candidate, number = base, 2
    while candidate in used:
        candidate, number = f"{base}-{number}", number + 1
    used.add(candidate)
    return candidate


def _headline(slide: dict[str, Any]) -> str:
    text = slide.get("text")
    return str(text.get("headline") or "") if isinstance(text, dict) else ""


_TAG = re.compile(r"<[^>]*>")


def _plain(fragment: str) -> str:
    """Return the text of an HTML fragment: tags dropped, entities read, spaces collapsed."""
    return " ".join(html.unescape(_TAG.sub(" ", fragment)).split())


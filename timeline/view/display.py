"""Event text made safe and readable for the page: Markdown escaping and the detail card's lines.

Editors' text is shown as text. Streamlit renders Markdown (links, emphasis, raw URLs), so every
piece of event text is escaped before it reaches ``st.markdown``; links come only from source
URLs that the store has already checked to be http(s).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from urllib.parse import quote, urlsplit

from timeline.dates.days import era_year
from timeline.dates.periods import MONTHS
from timeline.dates.reading import describe_date
from timeline.model import ActorRole, DateValue, Event, Precision, Source, Timeline

_URL_SAFE = ":/?#@!$&'()*+,;=%-._~"
"""Characters kept as they are in a link; anything else ('<', '>', quotes, spaces) is %-encoded."""
_MARKDOWN_SPECIALS = re.compile(r"([\\`*_{}\[\]()<>#+\-.!|~$:&;])")


def escape_markdown(text: str) -> str:
    """Return ``text`` with every Markdown and HTML special character escaped, on one line."""
    return _MARKDOWN_SPECIALS.sub(r"\\\1", " ".join(text.split()))


def safe_url(url: str | None) -> str | None:
    """Return ``url`` when it is an http(s) address with a host, else None."""
    if not url:
        return None
    parts = urlsplit(url.strip())
    return url.strip() if parts.scheme.lower() in ("http", "https") and parts.netloc else None


def source_markdown(source: Source) -> str:
    """Return a source as one Markdown line: a link when its URL is safe, plain text otherwise."""
    label = escape_markdown(source.outlet + (f": {source.title}" if source.title else ""))
    url = safe_url(source.url)
    published = f" ({source.published:%-d %B %Y})" if source.published else ""
    if url:
        return f"[{label}](<{quote(url, safe=_URL_SAFE)}>){published}"
    return label + published


@dataclass(frozen=True)
class DateLine:
    written: str
    resolved: str
    precision: str


def date_line(event: Event) -> DateLine:
    """Return how an event's date was written, what it resolved to, and how precise it is."""
    precision = event.precision.value + (", approximate" if event.approximate else "")
    if event.date.is_range:
        precision += ", range"
    return DateLine(written=event.date_as_written, resolved=describe_date(event.date) + reported_by_words(event),
                    precision=precision)


def reported_by_words(event: Event) -> str:
    """', reported by 28 September 2020' for a date cut at its sources' publication, else ''."""
    day = event.reported_by
    return f", reported by {day.day} {day:%B} {day.year}" if day else ""


def resolved_span(event: Event) -> str:
    """Return the ISO days an event covers: '2020-09-13' or '2020-09-01 – 2020-09-30'."""
    if event.start == event.end:
        return event.start.isoformat()
    return f"{event.start.isoformat()} – {event.end.isoformat()}"


def date_check(value: DateValue, reference: date | None) -> str:
    """Return what a date field was read as, for an editor typing it: '13 September 2020, day,
    resolved against the source of 28 September 2020'."""
    words = [describe_date(value), value.precision.value]
    if value.approximate:
        words.append("approximate")
    if value.is_range:
        words.append(f"range {value.start.isoformat()} – {value.end.isoformat()}")
    if reference:
        words.append(f"resolved against the source of {reference.day} {reference:%B %Y}")
    return ", ".join(words)


def date_glyph(value: DateValue) -> str:
    """Return the chart's mark for a date as text: ● a day, ▬ a range, ◆ a period, ○ approximate."""
    if value.approximate:
        return "○"
    if value.precision is not Precision.DAY or (not value.is_range and value.start < value.end):
        return "◆"  # a period, or "sometime between" two days
    return "▬" if value.is_range else "●"


def month_groups(events: tuple[Event, ...]) -> list[tuple[str, list[Event]]]:
    """Group events (in date order) under the month they start in: [('September 2020', [...])]."""
    groups: dict[str, list[Event]] = {}
    for event in events:
        start = event.start
        groups.setdefault(f"{MONTHS[start.month - 1]} {start.year if start.year > 0 else era_year(start.year)}",
                          []).append(event)
    return list(groups.items())


def fact_lines(event: Event, timeline: Timeline) -> list[str]:
    """Return the card's Markdown lines for who, where and what was counted: actors with their
    group and part, places with coordinates, fatalities, media and the dataset's own fields."""
    lines = []
    for label, text in plain_facts(event, timeline):
        if label == "Media" and event.media:
            url = quote(safe_url(event.media.url) or "", safe=_URL_SAFE)
            credit = f" ({escape_markdown(event.media.credit)})" if event.media.credit else ""
            lines.append(f"**Media:** [{escape_markdown(text)}](<{url}>){credit}")
        else:
            lines.append(f"**{label}:** {escape_markdown(text)}")
    return lines


def plain_facts(event: Event, timeline: Timeline) -> list[tuple[str, str]]:
    """Return the card's facts as (label, plain text): "Actors", "Places", "Fatalities", "Media"
    (its caption, only when its URL is a safe link) and "Data"; nothing escaped."""
    facts = []
    roles = dict(event.roles)
    if event.actors:
        facts.append(("Actors", "; ".join(_actor_words(name, timeline, roles.get(name)) for name in event.actors)))
    if event.places:
        facts.append(("Places", "; ".join(_place_words(name, timeline) for name in event.places)))
    if event.fatalities:
        count = event.fatalities
        around = ", ".join(f"{word} {value}" for word, value in (("low", count.low), ("high", count.high))
                           if value is not None)
        facts.append(("Fatalities", f"{count.best}" + (f" ({around})" if around else "")))
    if event.media and safe_url(event.media.url):
        facts.append(("Media", event.media.caption or "Picture or document"))
    if event.fields:
        facts.append(("Data", " · ".join(f"{name}: {_field_text(value)}" for name, value in event.fields)))
    return facts


def _actor_words(name: str, timeline: Timeline, role: ActorRole | None) -> str:
    actor = timeline.actor(name)
    notes = [actor.group] if actor and actor.group else []
    if role and role.side:
        notes.append(f"side {role.side}")
    if role and role.role:
        notes.append(role.role)
    # First-strong isolates: an Arabic or Persian name inside English text keeps its own direction
    # and leaves the brackets around it where they belong.
    native = f" (\u2068{actor.native}\u2069)" if actor and actor.native else ""
    return f"{name}{native}" + (f" [{', '.join(notes)}]" if notes else "")


def _place_words(name: str, timeline: Timeline) -> str:
    place = timeline.place(name)
    if place is None:
        return name
    where = [*place.admin, place.country] if place.country else list(place.admin)
    if place.lat is not None and place.lon is not None:
        where.insert(0, f"{abs(place.lat):.4f}° {'N' if place.lat >= 0 else 'S'}, "
                        f"{abs(place.lon):.4f}° {'E' if place.lon >= 0 else 'W'}")
    return f"{name} ({'; '.join(where)})" if where else name


def _field_text(value: object) -> str:
    return value.isoformat() if isinstance(value, date) else str(value)

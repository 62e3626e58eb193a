"""Event text made safe and readable for the page: Markdown escaping and the detail card's lines,
in the reader's language (the date as written and the store's own text are shown as written).

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
from timeline.dates.periods import MONTHS, period_of
from timeline.dates.readerdates import describe_date_in
from timeline.lang.catalogs import N_, Messages, messages
from timeline.lang.languages import RIGHT_TO_LEFT, isolate
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


def source_markdown(source: Source, *, lang: str = "en") -> str:
    """Return a source as one Markdown line: a link when its URL is safe, plain text otherwise
    (the day it was published in the reader's language ``lang``)."""
    label = escape_markdown(source.outlet + (f": {source.title}" if source.title else ""))
    url = safe_url(source.url)
    published = f" ({escape_markdown(_day(source.published, lang))})" if source.published else ""
    if url:
        return f"[{label}](<{quote(url, safe=_URL_SAFE)}>){published}"
    return label + published


PRECISION_NAMES = {Precision.DAY: N_("day"), Precision.WEEK: N_("week"), Precision.MONTH: N_("month"),
                   Precision.QUARTER: N_("quarter"), Precision.YEAR: N_("year"), Precision.DECADE: N_("decade"),
                   Precision.CENTURY: N_("century")}
"""Each precision by name, marked for the catalogs."""


def list_separator(lang: str) -> str:
    """Return what separates the items of a list in ``lang``: Arabic and Persian write the Arabic comma."""
    return "، " if lang in RIGHT_TO_LEFT else ", "


@dataclass(frozen=True)
class DateLine:
    written: str
    resolved: str
    precision: str


def date_line(event: Event, *, lang: str = "en", months: str = "standard", alongside: str | None = None) -> DateLine:
    """Return how an event's date was written (as written, in any language), what it resolved to,
    and how precise it is, those two in the reader's language ``lang`` (``months`` and
    ``alongside``: see :func:`~timeline.dates.readerdates.describe_date_in`)."""
    text = messages(lang)
    precision = text.gettext(PRECISION_NAMES[event.precision])
    if event.approximate:
        precision = text.gettext("{precision}, approximate").format(precision=precision)
    if event.date.is_range:
        precision = text.gettext("{precision}, range").format(precision=precision)
    resolved = describe_date_in(event.date, lang, months=months, alongside=alongside)
    if event.reported_by:
        resolved = text.gettext("{date}, reported by {day}").format(date=resolved, day=_day(event.reported_by, lang))
    return DateLine(written=event.date_as_written, resolved=resolved, precision=precision)


def reported_by_words(event: Event, *, lang: str = "en") -> str:
    """', reported by 28 September 2020' for a date cut at its sources' publication, else ''."""
    day = event.reported_by
    return messages(lang).gettext(", reported by {day}").format(day=_day(day, lang)) if day else ""


def _day(day: date, lang: str) -> str:
    return describe_date_in(DateValue(day, day, Precision.DAY), lang)


def resolved_span(event: Event) -> str:
    """Return the ISO days an event covers: '2020-09-13' or '2020-09-01 – 2020-09-30'."""
    if event.start == event.end:
        return event.start.isoformat()
    return f"{event.start.isoformat()} – {event.end.isoformat()}"


def date_check(value: DateValue, reference: date | None, *, lang: str = "en") -> str:
    """Return what a date field was read as, for an editor typing it: '13 September 2020, day,
    resolved against the source of 28 September 2020'."""
    text = messages(lang)
    words = [describe_date_in(value, lang), text.gettext(PRECISION_NAMES[value.precision])]
    if value.approximate:
        words.append(text.gettext("approximate"))
    if value.is_range:
        words.append(text.gettext("range {first} – {last}").format(first=isolate_in(value.start.isoformat(), lang),
                                                                      last=isolate_in(value.end.isoformat(), lang)))
    if reference:
        words.append(text.gettext("resolved against the source of {day}").format(day=_day(reference, lang)))
    return list_separator(lang).join(words)


def isolate_in(text: str, lang: str) -> str:
    """Return ``text`` (a Latin name, an ISO date) isolated inside right-to-left text, else as it is."""
    return isolate(text) if lang in RIGHT_TO_LEFT else text


def date_glyph(value: DateValue) -> str:
    """Return the chart's mark for a date as text: ● a day, ▬ a range, ◆ a period, ○ approximate."""
    if value.approximate:
        return "○"
    if value.precision is not Precision.DAY or (not value.is_range and value.start < value.end):
        return "◆"  # a period, or "sometime between" two days
    return "▬" if value.is_range else "●"


def month_groups(events: tuple[Event, ...], *, lang: str = "en") -> list[tuple[str, list[Event]]]:
    """Group events (in date order) under the month they start in: [('September 2020', [...])],
    the month named in the reader's language ``lang``."""
    groups: dict[str, list[Event]] = {}
    for event in events:
        start = event.start
        if lang == "en":
            name = f"{MONTHS[start.month - 1]} {start.year if start.year > 0 else era_year(start.year)}"
        else:
            name = describe_date_in(DateValue(*period_of(start, Precision.MONTH), Precision.MONTH), lang)
        groups.setdefault(name, []).append(event)
    return list(groups.items())


FACT_LABELS = {"actors": N_("Actors"), "places": N_("Places"), "fatalities": N_("Fatalities"), "media": N_("Media"),
               "data": N_("Data")}
"""The card's facts by key, with the label each is shown under (translated where shown)."""


def fact_lines(event: Event, timeline: Timeline, *, lang: str = "en") -> list[str]:
    """Return the card's Markdown lines for who, where and what was counted: actors with their
    group and part, places with coordinates, fatalities, media and the dataset's own fields."""
    lines = []
    text = messages(lang)
    for key, label, value in event_facts(event, timeline, lang=lang):
        if key == "media" and event.media:
            url = quote(safe_url(event.media.url) or "", safe=_URL_SAFE)
            credit = f" ({escape_markdown(event.media.credit)})" if event.media.credit else ""
            lines.append(text.gettext("**{label}:** {value}").format(
                label=label, value=f"[{escape_markdown(value)}](<{url}>){credit}"))
        else:
            lines.append(text.gettext("**{label}:** {value}").format(label=label, value=escape_markdown(value)))
    return lines


def plain_facts(event: Event, timeline: Timeline, *, lang: str = "en") -> list[tuple[str, str]]:
    """Return the card's facts as (label, plain text): "Actors", "Places", "Fatalities", "Media"
    (its caption, only when its URL is a safe link) and "Data"; nothing escaped."""
    return [(label, value) for _, label, value in event_facts(event, timeline, lang=lang)]


def event_facts(event: Event, timeline: Timeline, *, lang: str = "en") -> list[tuple[str, str, str]]:
    """Return the card's facts as (key, label in the reader's language, plain text); the keys are
    those of ``FACT_LABELS``."""
    text = messages(lang)
    comma = list_separator(lang)
    facts: list[tuple[str, str]] = []
    roles = dict(event.roles)
    if event.actors:
        facts.append(("actors", "; ".join(_actor_words(name, timeline, roles.get(name), text) for name in event.actors)))
    if event.places:
        facts.append(("places", "; ".join(_place_words(name, timeline, lang) for name in event.places)))
    if event.fatalities:
        count = event.fatalities
        around = comma.join(text.gettext(word).format(count=text.digits(str(value)))
                            for word, value in ((N_("low {count}"), count.low), (N_("high {count}"), count.high))
                            if value is not None)
        best = text.digits(f"{count.best}")
        facts.append(("fatalities", text.gettext("{best} ({around})").format(best=best, around=around)
                      if around else best))
    if event.media and safe_url(event.media.url):
        facts.append(("media", event.media.caption or text.gettext("Picture or document")))
    if event.fields:
        facts.append(("data", " · ".join(f"{isolate_in(name, lang)}: {isolate_in(_field_text(value), lang)}"
                                         for name, value in event.fields)))
    return [(key, text.gettext(FACT_LABELS[key]), value) for key, value in facts]


def _actor_words(name: str, timeline: Timeline, role: ActorRole | None, text: Messages) -> str:
    actor = timeline.actor(name)
    notes = [actor.group] if actor and actor.group else []
    if role and role.side:
        notes.append(text.gettext("side {side}").format(side=role.side))
    if role and role.role:
        notes.append(role.role)
    # First-strong isolates: an Arabic or Persian name inside English text (a Latin one inside
    # Arabic text) keeps its own direction and leaves the brackets around it where they belong.
    native = f" (\u2068{actor.native}\u2069)" if actor and actor.native else ""
    words = f"{name}{native}" + (f" [{list_separator(text.lang).join(notes)}]" if notes else "")
    return isolate_in(words, text.lang)  # whole, in its own direction, inside right-to-left text


def _place_words(name: str, timeline: Timeline, lang: str = "en") -> str:
    place = timeline.place(name)
    if place is None:
        return isolate_in(name, lang)
    where = [*place.admin, place.country] if place.country else list(place.admin)
    if place.lat is not None and place.lon is not None:
        where.insert(0, f"{abs(place.lat):.4f}° {'N' if place.lat >= 0 else 'S'}, "
                        f"{abs(place.lon):.4f}° {'E' if place.lon >= 0 else 'W'}")
    # One isolate round the whole: the gazetteer's words, the brackets and the coordinates keep
    # their order inside right-to-left text, which takes its direction from its own first letter.
    return isolate_in(f"{name} ({'; '.join(where)})" if where else name, lang)


def _field_text(value: object) -> str:
    return value.isoformat() if isinstance(value, date) else str(value)

"""The timeline's values: dates with their precision, sources, events, eras. No I/O here.

Holds: the values (here), measured facts (``facts.py``), text in several languages (``texts.py``).
May import: nothing of the package but its own modules.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from datetime import date
from enum import Enum
from typing import Literal

from timeline.model.facts import ActorRole, Fatalities, FieldValue, Media
from timeline.model.texts import LocalTexts, ShownText, Translations, WrittenPerLanguage, text_in


class Precision(str, Enum):
    """How finely a date is known: the size of the period that ``start``..``end`` covers."""

    DAY = "day"
    WEEK = "week"
    MONTH = "month"
    QUARTER = "quarter"
    YEAR = "year"
    DECADE = "decade"
    CENTURY = "century"

    def __str__(self) -> str:
        return self.value


Lanes = Literal["actor", "group", "category", "place", "none"]
"""What the chart's rows (swimlanes) are made of; "group" is each actor's side or affiliation."""
LANE_CHOICES: tuple[Lanes, ...] = ("actor", "group", "category", "place", "none")
ColourBy = Literal["category", "group"]
"""What the chart's marks are coloured by: the event's category, or its actor's group."""
COLOUR_CHOICES: tuple[ColourBy, ...] = ("category", "group")
LANE_PLACEHOLDERS: dict[str, str] = {"actor": "(no actor)", "group": "(no group)", "category": "(no category)",
                                     "place": "(no place)"}
"""The row an event with no actor (group, place) is drawn and counted in."""
DEFAULT_IMPORTANCE = 3
"""An event without an importance ranks as a middling one (marks chosen, rows ranked)."""


class Calendar(str, Enum):
    """The calendar a date is written in; everything is resolved to Gregorian days."""

    GREGORIAN = "gregorian"
    HIJRI = "hijri"
    JALALI = "jalali"

    def __str__(self) -> str:
        return self.value


@dataclass(frozen=True)
class DateValue:
    """A date as known: the inclusive days ``start``..``end`` and how precisely it is known.

    ``"Sept. 13"`` is one day; ``"September 2020"`` is the whole month with ``MONTH`` precision,
    never the 1st; ``"late September 2020"`` is the 21st..30th, ``MONTH`` precision, approximate;
    ``"Sept. 26-27, 2020"`` is a range (``is_range``) of two days with ``DAY`` precision.
    Days before 1 CE are ``timeline.dates.days.Day`` values, which behave as dates here.
    """

    start: date
    end: date
    precision: Precision
    approximate: bool = False
    is_range: bool = False

    def __post_init__(self) -> None:
        if self.end < self.start:
            raise ValueError(f"end {self.end} is before start {self.start}")

    @property
    def is_exact_day(self) -> bool:
        """True when the date is one known day, neither a span nor approximate."""
        return self.start == self.end and self.precision is Precision.DAY and not self.approximate

    def to_json(self) -> dict[str, object]:
        return {
            "start": self.start.isoformat(),
            "end": self.end.isoformat(),
            "precision": self.precision.value,
            "approximate": self.approximate,
        }


@dataclass(frozen=True)
class Source:
    """Where an event is reported: an outlet, a title, an address and a publication date."""

    outlet: str
    title: str | None = None
    url: str | None = None
    published: date | None = None

    def to_json(self) -> dict[str, object]:
        return {
            "outlet": self.outlet,
            "title": self.title,
            "url": self.url,
            "published": self.published.isoformat() if self.published else None,
        }


CATEGORIES: dict[str, str] = {
    "statement": "A public statement, speech, interview, post or tweet",
    "meeting": "Talks or a meeting between actors",
    "visit": "An official visit or delegation",
    "decision": "A government, court or party decision, order or policy step",
    "military": "Military or militia action other than an attack: deployment, exercise, integration",
    "attack": "An attack, killing, bombing or strike",
    "protest": "A protest, strike or demonstration",
    "election": "An election, vote or appointment",
    "publication": "A report, article or document published",
    "other": "Anything that fits none of the above",
}
"""The category vocabulary: each event's ``category`` is one of these keys."""


@dataclass(frozen=True)
class Actor:
    """An entry of the store's ``actors:`` registry: one canonical name and what it stands for."""

    name: str
    group: str | None = None
    """The side or affiliation ("Iran", "Government of Iraq", "Militias"): rows, colours, filters."""
    country: str | None = None
    aliases: tuple[str, ...] = ()
    native: str | None = None
    """The name in its own script (علي خامنئي)."""


@dataclass(frozen=True)
class Place:
    """An entry of the store's ``places:`` registry: a name with coordinates."""

    name: str
    lat: float | None = None
    lon: float | None = None
    country: str | None = None
    admin: tuple[str, ...] = ()
    """Administrative areas holding the place, largest first (governorate, district)."""
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class Category:
    """An entry of a store's own category vocabulary (``categories:``)."""

    id: str
    label: str
    description: str | None = None
    color: str | None = None


@dataclass(frozen=True)
class StoryStep(WrittenPerLanguage):
    """One step of a story: an event, and what the storyteller says about it there."""

    event_id: str
    narration: str | None = None
    translations: Translations = ()
    """The narration in other languages (see :data:`Translations`)."""


@dataclass(frozen=True)
class Story(WrittenPerLanguage):
    """A told sequence of a store's events (``stories:``): a title, an intro, the steps in order."""

    id: str
    title: str
    steps: tuple[StoryStep, ...]
    intro: str | None = None
    translations: Translations = ()
    """The title and intro in other languages (see :data:`Translations`)."""


@dataclass(frozen=True)
class Event(WrittenPerLanguage):
    """One thing that happened, as an editor recorded it, with its date resolved."""

    id: str
    title: str
    date: DateValue
    date_text: str
    category: str
    sources: tuple[Source, ...]
    end_text: str | None = None
    calendar: Calendar = Calendar.GREGORIAN
    actors: tuple[str, ...] = ()
    places: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    summary: str | None = None
    quote: str | None = None
    related: tuple[str, ...] = ()
    importance: int | None = None
    source_file: str | None = None
    line: int | None = None
    reported_by: date | None = None
    """The latest publication date of the event's sources, when the date as written ran past
    it and was cut there ("late September 2020" reported on the 28th ends on the 28th)."""
    fatalities: Fatalities | None = None
    roles: tuple[tuple[str, ActorRole], ...] = ()
    """(actor, role) for the actors written with a side or role: ``{name: X, side: a}``."""
    media: Media | None = None
    fields: tuple[tuple[str, FieldValue], ...] = ()
    """The free ``fields:`` mapping (a dataset's own columns), in the order written."""
    groups: tuple[str, ...] = ()
    """The ``group`` of each of its actors that the ``actors:`` registry gives one, distinct."""
    known_as: str = ""
    """Other names of its actors and places (aliases, names in their own script), for search."""
    translations: Translations = ()
    """Title, summary and quote as written per language (see :data:`Translations`); ``title``,
    ``summary`` and ``quote`` hold the first language's text."""

    @property
    def other_texts(self) -> str:
        """Every language's text but the first, for search."""
        return " ".join(text for _, texts in self.translations for _, text in texts[1:])

    @property
    def start(self) -> date:
        return self.date.start

    @property
    def end(self) -> date:
        return self.date.end

    @property
    def precision(self) -> Precision:
        return self.date.precision

    @property
    def approximate(self) -> bool:
        return self.date.approximate

    @property
    def date_as_written(self) -> str:
        """The date as the editor wrote it, with the end of a range when it has its own field."""
        return f"{self.date_text} – {self.end_text}" if self.end_text else self.date_text

    def to_json(self) -> dict[str, object]:
        """Return the normalised event as plain JSON-ready data (ISO dates, lists)."""
        return {
            "id": self.id,
            "title": self.title,
            **self.date.to_json(),
            "date_text": self.date_as_written,
            "calendar": self.calendar.value,
            "category": self.category,
            "actors": list(self.actors),
            "places": list(self.places),
            "tags": list(self.tags),
            "summary": self.summary,
            "quote": self.quote,
            "sources": [source.to_json() for source in self.sources],
            "related": list(self.related),
            "importance": self.importance,
            "reported_by": self.reported_by.isoformat() if self.reported_by else None,
            "fatalities": self.fatalities.to_json() if self.fatalities else None,
            "roles": {name: {"side": role.side, "role": role.role} for name, role in self.roles},
            "media": self.media.to_json() if self.media else None,
            "fields": {name: value.isoformat() if isinstance(value, date) else value for name, value in self.fields},
        }


@dataclass(frozen=True)
class Era:
    """A named period drawn behind the events, such as a government's term."""

    id: str
    label: str
    start: date
    end: date | None = None
    """None: still running at the end of the data."""
    color: str | None = None


@dataclass(frozen=True)
class Timeline:
    """Everything read from a store: its events in date order and its eras."""

    events: tuple[Event, ...]
    eras: tuple[Era, ...] = ()
    sources: tuple[str, ...] = field(default=())
    warnings: tuple[Exception, ...] = field(default=())
    """What the store holds that is readable but probably not meant (``errors.StoreWarning``)."""
    actors: tuple[Actor, ...] = ()
    places: tuple[Place, ...] = ()
    categories: tuple[Category, ...] = ()
    """The store's own category vocabulary; empty: ``CATEGORIES`` apply."""
    stories: tuple[Story, ...] = ()

    def actor(self, name: str) -> Actor | None:
        """Return the registry entry of an actor's canonical name, or None."""
        return self._actors_by_name.get(name)

    def place(self, name: str) -> Place | None:
        """Return the registry entry of a place's canonical name, or None."""
        return self._places_by_name.get(name)

    @functools.cached_property
    def _actors_by_name(self) -> dict[str, Actor]:
        return {actor.name: actor for actor in self.actors}

    @functools.cached_property
    def _places_by_name(self) -> dict[str, Place]:
        return {place.name: place for place in self.places}

    @property
    def category_labels(self) -> dict[str, str]:
        """Every category id the store allows, with its label (the default vocabulary's id)."""
        if self.categories:
            return {category.id: category.label for category in self.categories}
        return {name: name for name in CATEGORIES}

    @functools.cached_property
    def span(self) -> tuple[date, date] | None:
        """The first day and the last day the events cover (None without events); kept once
        computed, as the page asks on every rerun."""
        if not self.events:
            return None
        return min(e.date.start for e in self.events), max(e.date.end for e in self.events)

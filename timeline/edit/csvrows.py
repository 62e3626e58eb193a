"""One CSV row seen as the makings of one event: its cells, what they say, what is wrong with them.

Holds: ``Row`` (a CSV record with its line and case-blind column names), ``Draft`` (what a row
says about an event, before ids, dates and registries are settled), ``PlaceDraft``,
``RowProblems`` and the readers of cells: whole numbers, coordinates, lists, typed free values,
HTML as text, and ``window_text`` (a window of days written as the store reads it).
May import: ``timeline.dates``, ``timeline.model``. Never the store's writers, ``export`` or ``cli``.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from datetime import date
from typing import Iterable, Mapping

from timeline.dates.periods import describe_date, period_of
from timeline.model import ActorRole, DateValue, Fatalities, FieldValue, Media, Precision, Source

LIST_SEPARATOR = ";"
"""Between the names of one cell ("Shafaq News; Rudaw"), as ACLED and UCDP separate them."""

_FIELD_NAME = re.compile(r"[^a-z0-9]+")
_INTEGER = re.compile(r"-?(?:0|[1-9][0-9]*)")
_DECIMAL = re.compile(r"-?[0-9]+\.[0-9]+")
_TAG = re.compile(r"<[^>]*>")
_SPACED = re.compile(r" ([,.;:!?)])")


@dataclass(frozen=True)
class Row:
    """One CSV record: the line it starts on (the header is line 1) and its cells by column."""

    line: int
    cells: Mapping[str, str]
    columns: Mapping[str, str]
    """lower-cased column name -> the column as the header writes it"""
    extra: int = 0
    """How many more cells the row has than the header has columns (an unquoted comma)."""
    utf8: bool = True
    """False when a cell holds bytes that are not UTF-8 (a file saved in another encoding)."""

    def column(self, name: str) -> str | None:
        """Return the header's spelling of ``name`` (any case), or None without such a column."""
        return self.columns.get(name.lower())

    def get(self, name: str) -> str:
        """Return the cell of column ``name`` (any case), stripped; '' when empty or absent."""
        column = self.columns.get(name.lower())
        return (self.cells.get(column) or "").strip() if column else ""


@dataclass
class PlaceDraft:
    """A place a row names, with what it says of it (coordinates only for the row's location)."""

    name: str
    lat: float | None = None
    lon: float | None = None
    country: str | None = None
    admin: tuple[str, ...] = ()


@dataclass
class Draft:
    """What one row says about one event; :mod:`timeline.edit.csvimport` settles the rest.

    ``columns`` names the column each part came from, for messages ("column 'event_date': ...").
    """

    id: str | None = None
    title: str | None = None
    date: str | None = None
    """The date as the store reads it ('28 September 2020', 'c. week of 16 September 2020')."""
    end: str | None = None
    category: str | None = None
    """The category's label as the data writes it ('Protests'); its id is made from it."""
    actors: list[tuple[str, ActorRole | None]] = field(default_factory=list)
    actor_groups: dict[str, str] = field(default_factory=dict)
    places: list[PlaceDraft] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    summary: str | None = None
    quote: str | None = None
    fatalities: Fatalities | None = None
    sources: list[Source] = field(default_factory=list)
    media: Media | None = None
    fields: dict[str, FieldValue] = field(default_factory=dict)
    era: bool = False
    """The row is a TimelineJS era, a band behind the events, not an event."""
    columns: dict[str, str] = field(default_factory=dict)

    def add_actor(self, name: str, role: ActorRole | None = None) -> None:
        """Add an actor once (a name given twice keeps its first side: the store refuses twins)."""
        if name and all(name != known for known, _ in self.actors):
            self.actors.append((name, role))

    def add_place(self, place: PlaceDraft) -> None:
        """Add a place once: ACLED's location and its governorate often share a name."""
        if place.name and all(place.name != known.name for known in self.places):
            self.places.append(place)

    def add_sources(self, sources: Iterable[Source]) -> None:
        for source in sources:
            if all(source.outlet != known.outlet for known in self.sources):
                self.sources.append(source)


class RowProblems:
    """The problems of one row, each naming its column and how to fix it."""

    def __init__(self) -> None:
        self.found: list[str] = []

    def add(self, column: str | None, message: str) -> None:
        """``column 'x' is empty; ...`` or ``column 'x': '31 June 2020' is not a day; ...``."""
        if column:
            message = f"column '{column}' {message}" if message.startswith("is ") else f"column '{column}': {message}"
        self.found.append(message)


def whole_number(row: Row, name: str, problems: RowProblems, *, what: str) -> int | None:
    """Read a count (0 or more) from column ``name``; None when the cell is empty."""
    text = row.get(name)
    if not text:
        return None
    if _INTEGER.fullmatch(text) and int(text) >= 0:
        return int(text)
    problems.add(row.column(name), f"'{text}' is not a whole number (0 or more); {what}")
    return None


def coordinate(row: Row, name: str, limit: int, problems: RowProblems) -> float | None:
    """Read a latitude (``limit`` 90) or longitude (180) in decimal degrees; None when empty."""
    text = row.get(name)
    if not text:
        return None
    try:
        value = float(text)
    except ValueError:
        value = None
    if value is None or not -limit <= value <= limit:
        problems.add(row.column(name), f"'{text}' is not a coordinate; write decimal degrees from -{limit} "
                     f"to {limit}, e.g. 33.3406")
        return None
    return value


def names(text: str) -> list[str]:
    """Split a cell of several names ("Shafaq News; Rudaw") into the names, in order, once each."""
    return list(dict.fromkeys(part.strip() for part in text.split(LIST_SEPARATOR) if part.strip()))


def field_name(column: str) -> str:
    """Return a column's name as a free field's name: lower-case, '_' between words ('End Time' ->
    'end_time'), starting with a letter."""
    name = _FIELD_NAME.sub("_", column.strip().lower()).strip("_")
    return name if name[:1].isalpha() else f"column_{name}"


def field_value(text: str) -> FieldValue:
    """Return a cell as a free field keeps it: a whole number or a decimal when it is written as
    one (never with a leading zero, which an id keeps), else the text."""
    if _INTEGER.fullmatch(text):
        return int(text)
    if _DECIMAL.fullmatch(text) and not re.match(r"-?0[0-9]", text):
        return float(text)
    return text


def keep_fields(row: Row, draft: Draft, skip: Iterable[str]) -> None:
    """Put every non-empty cell of the columns not in ``skip`` into the draft's free fields."""
    skipped = {name.lower() for name in skip}
    for lowered, column in row.columns.items():
        text = row.get(column)
        if text and column and lowered not in skipped:
            draft.fields.setdefault(field_name(column), field_value(text))


def plain_text(fragment: str) -> str:
    """Return the text of an HTML fragment (TimelineJS cells hold HTML): tags dropped, entities read,
    no space left before the punctuation that followed a tag ('<a>Ada</a>: ...' is 'Ada: ...')."""
    return _SPACED.sub(r"\1", " ".join(html.unescape(_TAG.sub(" ", fragment)).split()))


def window_text(start: date, end: date) -> str:
    """Write the days ``start``..``end`` as the store reads them back as exactly those days: one
    day, a whole week, month, quarter or year by its name, else "sometime between" its days."""
    if start == end:
        return describe_date(DateValue(start, end, Precision.DAY))
    for precision in (Precision.WEEK, Precision.MONTH, Precision.QUARTER, Precision.YEAR):
        if period_of(start, precision) == (start, end):
            return describe_date(DateValue(start, end, precision))
    # UCDP's date_start/date_end are the earliest and the last possible day: a window the
    # event lies in, "sometime between", not an event that lasted from one to the other.
    return describe_date(DateValue(start, end, Precision.DAY))

"""The CSV formats ``timeline import-csv`` knows: ACLED, UCDP GED and TimelineJS's Google Sheet.

Holds: ``Preset`` and ``PRESETS``, each preset's row reader (a CSV row to a :class:`Draft`), and
what each dataset's codebook says its codes mean: ACLED's event types and actor types, UCDP's
types of violence, and how precisely each dataset knows its dates.
May import: ``timeline.edit.csvrows``, ``.csvsheet``, ``timeline.dates``, ``timeline.store`` (ids), ``timeline.model``.

Dates, as the codebooks define them (never a day the data does not give):

- ACLED ``time_precision`` (ACLED Codebook, "Time precision codes"): 1, the source gives the day;
  2, the source gives a week or a weekend and ACLED codes its middle day ("either Wednesday or
  Thursday of that week"): read as the week around that day, approximate, because ACLED's week
  may start on a Sunday or be a weekend (``c. week of 16 September 2020``); 3, the source gives
  only the month: ACLED codes its midpoint, or its first or last day when the source says the
  beginning or the end of the month: read as the month, or its early or late third
  (``September 2020``, ``early September 2020``, ``late September 2020``).
- UCDP GED ``date_start`` and ``date_end`` are the earliest and the latest day the event may have
  happened; ``date_prec`` (1 the day, 2 a span of two to six days, 3 a week, 4 a month, 5 a year)
  says why they differ. The window is kept as it is: one day, a whole week, month or year by its
  name, else the days as a range.
"""

from __future__ import annotations

import re
from calendar import monthrange
from dataclasses import dataclass
from datetime import date
from typing import Callable

from timeline.dates.periods import MONTHS, month_number
from timeline.edit.csvrows import (Draft, PlaceDraft, Row, RowProblems, coordinate, keep_fields, names, whole_number,
                                   window_text)
from timeline.edit.csvsheet import SHEET_REQUIRED, read_sheet
from timeline.model import ActorRole, Category, Fatalities, Source
from timeline.store.records import suggest_id

OKABE_ITO = ("#D55E00", "#E69F00", "#CC79A7", "#0072B2", "#56B4E9", "#009E73", "#F0E442", "#000000")
"""Okabe and Ito's colours, told apart with every common colour-vision deficiency."""


@dataclass(frozen=True)
class Preset:
    """A CSV format: the columns it needs, how a row becomes a draft event, the source events
    without their own cite, and the category vocabulary of its codebook (by label)."""

    name: str
    label: str
    read: Callable[[Row, RowProblems], Draft | None]
    required: tuple[str, ...]
    source: Source
    categories: tuple[Category, ...] = ()


# ACLED -------------------------------------------------------------------------------------------

ACLED_TYPES = (
    Category("battles", "Battles", "A violent clash between two organised armed groups at a given time and place.",
             OKABE_ITO[0]),
    Category("explosions-remote-violence", "Explosions/Remote violence", "One-sided violence by weapons whose "
             "target cannot respond: shelling, missiles, air and drone strikes, bombs, IEDs, grenades.", OKABE_ITO[1]),
    Category("violence-against-civilians", "Violence against civilians", "An organised armed group attacks, "
             "abducts or sexually assaults unarmed non-combatants.", OKABE_ITO[2]),
    Category("protests", "Protests", "A public demonstration whose participants do not use violence, even if "
             "violence is used against them.", OKABE_ITO[3]),
    Category("riots", "Riots", "Demonstrators or a mob commit violent or destructive acts.", OKABE_ITO[4]),
    Category("strategic-developments", "Strategic developments", "A non-violent development that shapes the "
             "conflict: agreements, arrests, bases, looting, transfers of territory, changes to groups.",
             OKABE_ITO[5]),
)
"""ACLED's six event types, with descriptions after the ACLED Codebook's definitions."""

ACLED_ACTOR_TYPES = {"1": "State forces", "2": "Rebel groups", "3": "Political militias", "4": "Identity militias",
                     "5": "Rioters", "6": "Protesters", "7": "Civilians", "8": "External/Other forces"}
"""ACLED's ``inter1``/``inter2`` codes (exports since 2024 write the words themselves)."""

_ACLED_USED = ("event_id_cnty", "event_date", "year", "event_type", "actor1", "assoc_actor_1", "actor2",
               "assoc_actor_2", "country", "admin1", "admin2", "admin3", "location", "latitude", "longitude",
               "notes", "fatalities", "source", "tags")
_ACLED_ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
_ACLED_WORDS = re.compile(r"(\d{1,2})([ -])([A-Za-z]+)\.?\2(\d{4})")


def read_acled(row: Row, problems: RowProblems) -> Draft:
    """Return what an ACLED row says: its date by its time precision, type, actors by side,
    places, fatalities, notes, outlets and every other column as a free field."""
    draft = Draft()
    if acled_id := row.get("event_id_cnty"):
        draft.id, draft.columns["id"] = acled_id, row.column("event_id_cnty") or "event_id_cnty"
        draft.fields["acled_id"] = acled_id
    day = _acled_day(row, problems)
    precision = row.get("time_precision")
    if precision not in ("1", "2", "3"):
        problems.add(row.column("time_precision"), f"'{precision}' is not an ACLED time precision; write 1 (the "
                     "day is known), 2 (the week around the day) or 3 (the month)")
    elif day:
        draft.date = _acled_date_text(day, int(precision))
    if day and row.get("year") and row.get("year") != str(day.year):
        problems.add(row.column("year"), f"says {row.get('year')} but 'event_date' is in {day.year}; fix one of them")
    draft.category = row.get("event_type") or None
    if not draft.category:
        problems.add(row.column("event_type"), "is empty; write ACLED's event type, e.g. 'Protests'")
    if sub_type := row.get("sub_event_type"):
        draft.tags.append(suggest_id(sub_type))
    first, second = row.get("actor1"), row.get("actor2")
    if not first:
        problems.add(row.column("actor1"), "is empty; every ACLED event has a first actor, e.g. 'Protesters (Iraq)'")
    for side, actor, associates, code in (("a", first, "assoc_actor_1", "inter1"),
                                          ("b", second, "assoc_actor_2", "inter2")):
        if actor:
            draft.add_actor(actor, ActorRole(side=side))
            group = ACLED_ACTOR_TYPES.get(row.get(code), row.get(code))
            if group and not group.isdigit():
                draft.actor_groups.setdefault(actor, group)
        for name in names(row.get(associates)):
            draft.add_actor(name, ActorRole(side=side, role="associated"))
    location = _located_place(row, ("location", "admin1", "admin2", "admin3"), "latitude", "longitude", problems)
    if location:
        draft.add_place(location)
    count = whole_number(row, "fatalities", problems, what="write the number of reported deaths, e.g. 0 or 3")
    draft.fatalities = Fatalities(best=count) if count is not None else None
    draft.summary = row.get("notes") or None
    draft.add_sources(Source(outlet=outlet) for outlet in names(row.get("source")))
    if acled_tags := row.get("tags"):
        draft.fields["acled_tags"] = acled_tags
    draft.title = _title(draft.category, first, "and", second, location.name if location else row.get("admin1"))
    keep_fields(row, draft, _ACLED_USED)
    return draft


def _acled_day(row: Row, problems: RowProblems) -> date | None:
    text = row.get("event_date")
    if not text:
        problems.add(row.column("event_date"), "is empty; every ACLED event has a date, e.g. '2020-09-28'")
        return None
    iso, words = _ACLED_ISO.fullmatch(text), _ACLED_WORDS.fullmatch(text)
    month = int(iso[2]) if iso else month_number(words[3]) if words else None
    if month is None or not (iso or words):
        problems.add(row.column("event_date"), f"cannot read '{text}' as a day; ACLED writes '2020-09-28' or "
                     "'28 September 2020'")
        return None
    year, day = (int(iso[1]), int(iso[3])) if iso else (int(words[4]), int(words[1]))  # type: ignore[index]
    if not 1 <= month <= 12 or not 1 <= day <= monthrange(year, month)[1]:
        problems.add(row.column("event_date"), f"'{text}' is not a day of the calendar; check the day and the month")
        return None
    return date(year, month, day)


def _acled_date_text(day: date, precision: int) -> str:
    written = window_text(day, day)
    if precision == 2:
        return f"c. week of {written}"
    if precision == 3:
        month = f"{MONTHS[day.month - 1]} {day.year}"
        first_or_last = {1: "early ", monthrange(day.year, day.month)[1]: "late "}
        return first_or_last.get(day.day, "") + month
    return written


# UCDP GED ----------------------------------------------------------------------------------------

UCDP_TYPES = {
    "1": Category("state-based-conflict", "State-based conflict", "Armed force between two organised parties, at "
                  "least one of them the government of a state (UCDP type of violence 1).", OKABE_ITO[0]),
    "2": Category("non-state-conflict", "Non-state conflict", "Armed force between two organised armed groups, "
                  "neither of them the government of a state (UCDP type of violence 2).", OKABE_ITO[1]),
    "3": Category("one-sided-violence", "One-sided violence", "Armed force by a government or a formally "
                  "organised group against civilians (UCDP type of violence 3).", OKABE_ITO[2]),
}
_UCDP_USED = ("id", "year", "date_start", "date_end", "side_a", "side_b", "where_coordinates", "adm_1", "adm_2",
              "country", "latitude", "longitude", "geom_wkt", "low", "best", "high", "source_article",
              "source_office", "source_date", "source_headline")
_UCDP_DAY = re.compile(r"(\d{4}-\d{2}-\d{2})(?:[ T]00:00:00(?:\.0+)?)?")
_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
_QUOTED = re.compile(r"[\"“]([^\"”]+)[\"”]")


def read_ucdp(row: Row, problems: RowProblems) -> Draft:
    """Return what a UCDP GED row says: its window of days, type of violence, the two sides,
    places, the low, best and high death estimates, the articles and every other column."""
    draft = Draft()
    if ucdp_id := row.get("id"):
        draft.id, draft.columns["id"] = f"ucdp-{ucdp_id}", row.column("id") or "id"
        draft.fields["ucdp_id"] = int(ucdp_id) if ucdp_id.isdigit() else ucdp_id
    start, end = _ucdp_day(row, "date_start", problems), _ucdp_day(row, "date_end", problems)
    if start and end and end < start:
        problems.add(row.column("date_end"), f"{end} is before 'date_start' {start}; UCDP's window runs from the "
                     "earliest to the latest possible day")
    elif start and end:
        draft.date = window_text(start, end)
    kind = UCDP_TYPES.get(row.get("type_of_violence"))
    draft.category = kind.label if kind else None
    if kind is None:
        problems.add(row.column("type_of_violence"), f"'{row.get('type_of_violence')}' is not a UCDP type of "
                     "violence; write 1 (state-based), 2 (non-state) or 3 (one-sided)")
    side_a, side_b = row.get("side_a"), row.get("side_b")
    if not side_a:
        problems.add(row.column("side_a"), "is empty; every UCDP event has a side A, e.g. 'Government of Iraq'")
    for side, actor in (("a", side_a), ("b", side_b)):
        draft.add_actor(actor, ActorRole(side=side))
    place = _located_place(row, ("where_coordinates", "adm_1", "adm_2"), "latitude", "longitude", problems)
    if place:
        draft.add_place(place)
    low, best, high = (whole_number(row, name, problems, what="write the estimated deaths, e.g. 3")
                       for name in ("low", "best", "high"))
    if best is not None and (low or 0) <= best <= (best if high is None else high):
        draft.fatalities = Fatalities(best=best, low=low, high=high)
    elif best is not None:
        problems.add(row.column("best"), f"the estimates must run low ≤ best ≤ high, not {low}, {best}, {high}")
    draft.add_sources(_ucdp_sources(row))
    joint = "against" if row.get("type_of_violence") == "3" else "vs."
    draft.title = _title(draft.category, side_a, joint, side_b, place.name if place else row.get("adm_1"))
    keep_fields(row, draft, _UCDP_USED)
    return draft


def _ucdp_day(row: Row, name: str, problems: RowProblems) -> date | None:
    text = row.get(name)
    match = _UCDP_DAY.fullmatch(text)
    if not match:
        problems.add(row.column(name) or name, f"cannot read '{text}' as a day; UCDP writes '2020-09-14' "
                     "(or '2020-09-14 00:00:00.000')")
        return None
    try:
        return date.fromisoformat(match[1])
    except ValueError:
        problems.add(row.column(name), f"'{text}' is not a day of the calendar; check the day and the month")
        return None


def _ucdp_sources(row: Row) -> list[Source]:
    """The articles: from ``source_office``/``source_date``/``source_headline`` when they line up,
    else from ``source_article`` ("Reuters (11 May 1990): "..."" or "Xinhua,2020-09-15,...")."""
    offices, days, headlines = ([part.strip() for part in row.get(name).split(";")] if row.get(name) else []
                                for name in ("source_office", "source_date", "source_headline"))
    if offices and all(len(parts) in (0, len(offices)) for parts in (days, headlines)):
        return [Source(outlet=office, title=headlines[i] or None if headlines else None,
                       published=_iso_day(days[i]) if days else None)
                for i, office in enumerate(offices) if office]
    found = []
    for entry in (part.strip() for part in row.get("source_article").split(";")):
        outlet = re.split(r"\s*[(,:]", entry, maxsplit=1)[0].strip().strip("\"“”")
        if outlet:
            quoted = _QUOTED.search(entry)
            day = _ISO_DAY.search(entry)
            found.append(Source(outlet=outlet, title=quoted[1].strip() if quoted else None,
                                published=_iso_day(day[0]) if day else None))
    return found


def _iso_day(text: str) -> date | None:
    try:
        return date.fromisoformat(text[:10]) if _ISO_DAY.match(text) else None
    except ValueError:
        return None


# Shared ------------------------------------------------------------------------------------------

def _located_place(row: Row, columns: tuple[str, ...], lat: str, lon: str, problems: RowProblems) -> PlaceDraft | None:
    """The row's place (its location, else its smallest named area) with its coordinates and the
    areas holding it, largest first: each once, and never the place itself (ACLED's location and
    its governorate or district often share a name)."""
    areas = [row.get(column) for column in columns if row.get(column)]
    latitude, longitude = coordinate(row, lat, 90, problems), coordinate(row, lon, 180, problems)
    for name, other in ((lat, lon), (lon, lat)):
        if not row.get(name) and row.get(other):
            problems.add(row.column(name) or name, "is empty while the other coordinate is given; give both or "
                         "neither")
    if not areas:
        return None
    name = row.get(columns[0]) or areas[-1]
    admin = tuple(area for area in dict.fromkeys(areas[1:] if row.get(columns[0]) else areas) if area != name)
    return PlaceDraft(name, latitude, longitude, row.get("country") or None, admin)


def _title(kind: str | None, first: str, joint: str, second: str, place: str | None) -> str | None:
    """'Protests: Protesters (Iraq) in Baghdad', 'Battles: X and Y in Z'."""
    if not (kind and first):
        return None
    who = f"{first} {joint} {second}" if second else first
    return f"{kind}: {who}" + (f" in {place}" if place else "")


PRESETS = {
    "acled": Preset("acled", "ACLED", read_acled, ("event_date", "time_precision", "event_type", "actor1"),
                    Source(outlet="ACLED", title="Armed Conflict Location & Event Data Project (ACLED)",
                           url="https://acleddata.com"), ACLED_TYPES),
    "ucdp-ged": Preset("ucdp-ged", "UCDP GED", read_ucdp, ("id", "date_start", "date_end", "type_of_violence",
                                                          "side_a"),
                       Source(outlet="UCDP", title="UCDP Georeferenced Event Dataset (GED)",
                              url="https://ucdp.uu.se"), tuple(UCDP_TYPES.values())),
    "timelinejs-sheet": Preset("timelinejs-sheet", "TimelineJS sheet", read_sheet, SHEET_REQUIRED,
                               Source(outlet="TimelineJS import")),
}
"""``--preset NAME`` -> its preset."""

"""Where events happened: the shown events gathered by place, and the places a map cannot show.

An event with several places counts at each of them. A place is on the map when the store's
``places:`` registry gives it coordinates; the others are listed with what to add, and the
offline gazetteer's coordinates when it knows the name (as ``timeline validate`` says).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Callable, Sequence

from timeline.chart.palette import NO_GROUP
from timeline.lang.catalogs import messages
from timeline.model import CATEGORIES, ColourBy, Event, Place
from timeline.store.gazetteer import suggest_place


@dataclass(frozen=True)
class MappedPlace:
    """A place with coordinates and the shown events that happened there, in date order."""

    place: Place
    events: tuple[Event, ...]
    colour_key: str
    """The category (or actor group) most of its events have: what colours its mark."""
    key_counts: tuple[tuple[str, int], ...]
    """Every category (or group) of its events and how many have it, most first."""

    @property
    def name(self) -> str:
        return self.place.name


@dataclass(frozen=True)
class UnmappedPlace:
    """A place shown events name that the map cannot draw, and how to fix that."""

    name: str
    events: tuple[Event, ...]
    in_registry: bool
    """True: the registry lists it without coordinates; False: the registry does not list it."""

    def fix(self, lang: str = "en") -> str:
        """Return what to add to the store, with the gazetteer's coordinates when it knows the name
        (in the reader's language ``lang``; the YAML keys as they are written)."""
        text = messages(lang)
        where = (text.gettext("has no coordinates in the store's 'places:' registry; add 'lat:' and 'lon:' to its entry")
                 if self.in_registry else
                 text.gettext("is not in the store's 'places:' registry; add it there with 'lat:' and 'lon:'"))
        found = suggest_place(self.name)
        if found:
            where = text.gettext("{fix} (the offline gazetteer has {name}, {country}: lat: {lat}, lon: {lon}, if that "
                                 "is the place)").format(fix=where, name=found.name, country=found.country,
                                                          lat=found.lat, lon=found.lon)
        return where


@dataclass(frozen=True)
class PlaceTally:
    mapped: tuple[MappedPlace, ...]
    """Places on the map, the busiest first (ties by name)."""
    unmapped: tuple[UnmappedPlace, ...]
    """Places the map cannot show, the busiest first."""
    unplaced: int
    """Shown events that name no place at all."""


def colour_keys(event: Event, colour_by: ColourBy) -> tuple[str, ...]:
    """Return what an event counts towards in its place's colour: its category, or each of its
    actors' groups (``(no group)`` when none has one)."""
    if colour_by == "category":
        return (event.category,)
    return event.groups or (NO_GROUP,)


def tally_places(events: Sequence[Event], registry: Sequence[Place], *, colour_by: ColourBy = "category",
                 key_order: Sequence[str] = ()) -> PlaceTally:
    """Gather ``events`` by place: those the map draws, those it cannot, and the events with none.

    ``key_order`` (the store's categories and groups, in registry order) breaks a tie between
    two equally common categories of a place, so its colour never depends on the filter.
    """
    by_name = {place.name: place for place in registry}
    at: dict[str, list[Event]] = {}
    unplaced = 0
    for event in events:
        if not event.places:
            unplaced += 1
        for name in event.places:
            at.setdefault(name, []).append(event)
    rank = key_rank(key_order)
    mapped, unmapped = [], []
    for name, here in at.items():
        place = by_name.get(name)
        if place is None or place.lat is None or place.lon is None:
            unmapped.append(UnmappedPlace(name, tuple(here), in_registry=place is not None))
            continue
        counts = Counter(key for event in here for key in colour_keys(event, colour_by))
        ordered = sorted(counts.items(), key=lambda item: (-item[1], rank(item[0])))
        mapped.append(MappedPlace(place, tuple(here), ordered[0][0], tuple(ordered)))
    mapped.sort(key=lambda m: (-len(m.events), m.name))
    unmapped.sort(key=lambda u: (-len(u.events), u.name))
    return PlaceTally(tuple(mapped), tuple(unmapped), unplaced)


def key_rank(key_order: Sequence[str] = ()) -> Callable[[str], tuple[int, str]]:
    """Return the sort key of a category or group: the store's order, then ``CATEGORIES``', then by name."""
    rank = {key: i for i, key in enumerate(dict.fromkeys((*key_order, *CATEGORIES)))}
    return lambda key: (rank.get(key, len(rank)), key)

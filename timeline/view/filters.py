"""Pure selection of events: by date window, actors, categories, places, tags and free text."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from datetime import date
from typing import Iterable

from timeline.model import ColourBy, Event, Lanes



@dataclass(frozen=True)
class FilterState:
    """What the reader asked to see. Empty choices mean 'all'; the window is inclusive."""

    start: date | None = None
    end: date | None = None
    actors: tuple[str, ...] = ()
    groups: tuple[str, ...] = ()
    """Actor groups (sides, affiliations) from the store's ``actors:`` registry."""
    categories: tuple[str, ...] = ()
    places: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    search: str = ""
    lanes: Lanes = "actor"
    every_row: bool = False
    """One row per actor (place, category) however many, instead of folding the rest into "Others"."""
    colour_by: ColourBy = "category"

    @property
    def is_default(self) -> bool:
        return self == FilterState(lanes=self.lanes, every_row=self.every_row, colour_by=self.colour_by)


def filter_events(events: Iterable[Event], state: FilterState) -> tuple[Event, ...]:
    """Return the events that match every part of ``state``, in their original order.

    An event matches the window when any day of its period falls inside it, so a month-precise
    event shows up in a window that covers only part of that month.
    """
    needle = fold(state.search.strip())
    return tuple(
        event
        for event in events
        if (state.start is None or event.end >= state.start)
        and (state.end is None or event.start <= state.end)
        and _any_of(event.actors, state.actors)
        and _any_of(event.groups, state.groups)
        and (not state.categories or event.category in state.categories)
        and _any_of(event.places, state.places)
        and _any_of(event.tags, state.tags)
        and (not needle or needle in search_text(event))
    )


def search_text(event: Event) -> str:
    """Return the folded text free-text search looks in: title, summary and quote, and the other
    names of its actors and places (aliases, names in their own script: 'خامنه' finds Khamenei)."""
    return fold(" ".join(part for part in (event.title, event.summary, event.quote, event.known_as) if part))


def fold(text: str) -> str:
    """Case- and accent-insensitive form of ``text`` ('Sistani' matches 'sīstānī')."""
    if text.isascii():  # the same result, ~30x faster: ASCII has no accents and casefold is lower
        return text.lower()
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def choices(events: Iterable[Event]) -> dict[str, tuple[str, ...]]:
    """Return the sorted distinct actors, groups, categories, places and tags, for the pickers."""
    found: dict[str, set[str]] = {"actors": set(), "groups": set(), "categories": set(), "places": set(),
                                  "tags": set()}
    for event in events:
        found["actors"].update(event.actors)
        found["groups"].update(event.groups)
        found["categories"].add(event.category)
        found["places"].update(event.places)
        found["tags"].update(event.tags)
    return {name: tuple(sorted(values, key=fold)) for name, values in found.items()}


def _any_of(values: tuple[str, ...], wanted: tuple[str, ...]) -> bool:
    return not wanted or any(value in wanted for value in values)

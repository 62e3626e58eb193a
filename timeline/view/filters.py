"""Pure selection of events: by date window, actors, categories, places, tags and free text."""

from __future__ import annotations

import functools
import re
import sys

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
    return fold(" ".join(part for part in (event.title, event.summary, event.quote, event.known_as, event.other_texts)
                         if part))


ARABIC_FOLDS = str.maketrans({
    "\u0640": None,  # tatweel, the stretching stroke: كـتائب is كتائب
    "\u200c": None, "\u200d": None,  # zero-width (non-)joiners inside Persian words: خامنه‌ای
    "\u0671": "\u0627",  # alef wasla ٱ -> alef ا (أ إ آ lose their hamza and madda as marks above)
    "\u0629": "\u0647",  # taa marbuta ة -> haa ه: "كتيبة" and "كتيبه" are both written
    "\u0649": "\u064a",  # alef maksura ى -> yaa ي (Egyptian and Persian spelling drop the dots)
    "\u06cc": "\u064a",  # Persian yeh ی -> Arabic yaa ي
    "\u06a9": "\u0643",  # Persian keheh ک -> Arabic kaf ك
    **{chr(0x0660 + n): str(n) for n in range(10)},  # Arabic-Indic digits ٠-٩
    **{chr(0x06F0 + n): str(n) for n in range(10)},  # Persian digits ۰-۹
})
"""Arabic and Persian letters searched as one: what readers type differs from what sources print."""


def fold(text: str) -> str:
    """Case- and accent-insensitive form of ``text`` ('Sistani' matches 'sīstānī'); in Arabic and
    Persian also without diacritics (harakat), tatweel and hamza or madda on alef, waw and yaa,
    with taa marbuta as haa, alef maksura and Persian yeh as yaa, keheh as kaf, and Eastern digits
    as 0-9, and without zero-width joiners ('خامنه‌ای' is found by 'خامنهاي')."""
    if text.isascii():  # the same result, ~30x faster: ASCII has no accents and casefold is lower
        return text.lower()
    # Only the runs that start with another character are folded (ASCII's fold is lower()), and in
    # one pass in C each: a million events' search texts, mostly Latin with names in Arabic
    # script, fold in ~3 s instead of ~15 s a character at a time.
    return _NOT_ASCII_RUN.sub(_fold_run, text).lower()


_NOT_ASCII_RUN = re.compile(r"[^\x00-\x7f][^\x00-\x1f\x21-\x7f]*")
"""A character outside ASCII and what follows it up to the next ASCII character but a space."""


def _fold_run(found: re.Match[str]) -> str:
    return unicodedata.normalize("NFKD", found.group().casefold()).translate(_folds())


@functools.cache
def _folds() -> dict[int, str | None]:
    """``ARABIC_FOLDS`` and every combining mark (accents, harakat, hamza above) left out, as one table."""
    marks = {code: None for code in range(0x300, sys.maxunicode + 1) if unicodedata.combining(chr(code))}
    return {**marks, **ARABIC_FOLDS}


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

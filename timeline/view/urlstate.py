"""The page's view as URL query parameters, so that a copied address shares exactly the view.

Query values are untrusted: anything unknown, malformed or absurd is dropped with a notice that
says what was ignored, and never reaches the filters.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Mapping, Sequence

from timeline.dates.days import parse_iso_day
from timeline.view.filters import FilterState
from timeline.model import COLOUR_CHOICES, LANE_CHOICES

MAX_VALUE_LENGTH = 200
MAX_VALUES = 100
QueryValue = str | Sequence[str]


VIEW_NAMES = ("timeline", "story", "map", "network")
"""The ways into the same events (``?view=``): each is a page of the app."""


@dataclass(frozen=True)
class View:
    """Everything a shared address restores: the filters, the event whose card is open, the view
    (timeline, story, map, network) and, in a story, which story and which step (1-based)."""

    filters: FilterState = FilterState()
    selected: str | None = None
    name: str = "timeline"
    story: str | None = None
    step: int | None = None


def view_to_query(view: View) -> dict[str, str | list[str]]:
    """Return the query parameters for ``view``, leaving out what is at its default."""
    state = view.filters
    query: dict[str, str | list[str]] = {}
    if state.start:
        query["from"] = state.start.isoformat()
    if state.end:
        query["to"] = state.end.isoformat()
    for key, values in (("actor", state.actors), ("group", state.groups), ("category", state.categories),
                        ("place", state.places), ("tag", state.tags)):
        if values:
            query[key] = list(values)
    if state.search:
        query["q"] = state.search
    if state.lanes != "actor":
        query["lanes"] = state.lanes
    if state.every_row:
        query["rows"] = "all"
    if state.colour_by != "category":
        query["colour"] = state.colour_by
    if view.selected:
        query["event"] = view.selected
    if view.name != "timeline":
        query["view"] = view.name
    if view.story:
        query["story"] = view.story
    if view.step is not None:
        query["step"] = str(view.step)
    return query


def view_from_query(query: Mapping[str, QueryValue], *, known: Mapping[str, Sequence[str]],
                    event_ids: Sequence[str]) -> tuple[View, list[str]]:
    """Read a view from query parameters; return it and a notice for each value ignored.

    Args:
        known: the values that exist in the data, under "actors", "groups", "categories", "places", "tags".
        event_ids: the ids of the events, for ``event``.
    """
    notices: list[str] = []
    start = _date(query, "from", notices)
    end = _date(query, "to", notices)
    if start and end and end < start:
        notices.append(f"ignored the dates in the address: 'to' ({end}) is before 'from' ({start})")
        start = end = None
    picked = {name: _known(query, key, known.get(name, ()), notices)
              for key, name in (("actor", "actors"), ("group", "groups"), ("category", "categories"),
                                ("place", "places"), ("tag", "tags"))}
    search = _single(query, "q", notices) or ""
    lanes = _single(query, "lanes", notices) or "actor"
    if lanes not in LANE_CHOICES:
        notices.append(f"ignored lanes '{_short(lanes)}' in the address; use one of: {', '.join(LANE_CHOICES)}")
        lanes = "actor"
    rows = _single(query, "rows", notices)
    if rows not in (None, "all"):
        notices.append(f"ignored rows '{_short(rows)}' in the address; use rows=all for a row per "
                       "actor, or leave it out")
    colour = _single(query, "colour", notices) or "category"
    if colour not in COLOUR_CHOICES:
        notices.append(f"ignored colour '{_short(colour)}' in the address; use colour=group, or leave it out")
        colour = "category"
    selected = _single(query, "event", notices)
    if selected is not None and selected not in event_ids:
        notices.append(f"ignored event '{_short(selected)}' in the address: no event has that id")
        selected = None
    name = _single(query, "view", notices) or "timeline"
    if name not in VIEW_NAMES:
        notices.append(f"ignored view '{_short(name)}' in the address; use one of: {', '.join(VIEW_NAMES)}")
        name = "timeline"
    step_text = _single(query, "step", notices)
    step = int(step_text) if step_text and step_text.isdigit() and 0 < int(step_text) < 100_000 else None
    if step_text and step is None:
        notices.append(f"ignored step '{_short(step_text)}' in the address: not a step number like 3")
    filters = FilterState(start=start, end=end, search=search, lanes=lanes,  # type: ignore[arg-type]
                          every_row=rows == "all", colour_by=colour,  # type: ignore[arg-type]
                          **picked)
    for key in query:
        if key not in _KEYS:
            notices.append(f"ignored '{_short(key)}' in the address: not a filter this page knows")
    return View(filters=filters, selected=selected, name=name, story=_single(query, "story", notices), step=step), notices


_KEYS = ("from", "to", "actor", "group", "category", "place", "tag", "q", "lanes", "rows", "colour", "event", "view",
         "story", "step")


def _values(query: Mapping[str, QueryValue], key: str) -> list[str]:
    raw = query.get(key)
    if raw is None:
        return []
    return [raw] if isinstance(raw, str) else list(raw)


def _single(query: Mapping[str, QueryValue], key: str, notices: list[str]) -> str | None:
    values = _values(query, key)
    if not values:
        return None
    value = values[-1]
    if len(value) > MAX_VALUE_LENGTH:
        notices.append(f"ignored '{key}' in the address: longer than {MAX_VALUE_LENGTH} characters")
        return None
    return value


def _date(query: Mapping[str, QueryValue], key: str, notices: list[str]) -> date | None:
    value = _single(query, key, notices)
    if not value:
        return None
    try:
        return parse_iso_day(value)  # type: ignore[return-value]  # a Day before the common era
    except ValueError:
        notices.append(f"ignored '{key}={_short(value)}' in the address: not a date like 2020-09-13")
        return None


def _known(query: Mapping[str, QueryValue], key: str, known: Sequence[str], notices: list[str]) -> tuple[str, ...]:
    values = _values(query, key)
    if len(values) > MAX_VALUES:
        notices.append(f"ignored '{key}' in the address: more than {MAX_VALUES} values")
        return ()
    kept: list[str] = []
    for value in values:
        if value in known:
            if value not in kept:
                kept.append(value)
        else:
            notices.append(f"ignored {key} '{_short(value)}' in the address: not in the data")
    return tuple(kept)


def _short(text: str) -> str:
    return text if len(text) <= 40 else text[:39] + "…"

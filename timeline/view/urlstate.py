"""The page's view as URL query parameters, so that a copied address shares exactly the view.

Query values are untrusted: anything unknown, malformed or absurd is dropped with a notice that
says what was ignored, and never reaches the filters.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Mapping, Sequence

from timeline.lang.catalogs import Messages, messages
from timeline.lang.languages import LANGUAGES, supported
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
    lang: str | None = None
    """The interface language chosen (``?lang=ar``); None: the reader's browser decides."""
    months: str | None = None
    """Arabic month names: ``levant`` for the Iraqi and Levantine names (أيلول); None: the standard ones."""
    alongside: str | None = None
    """A calendar whose date is written beside each Gregorian one: ``hijri`` or ``jalali``."""


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
    if view.lang:
        query["lang"] = view.lang
    if view.months:
        query["months"] = view.months
    if view.alongside:
        query["calendar"] = view.alongside
    return query


def query_language(query: Mapping[str, QueryValue]) -> str | None:
    """The interface language the address asks for (``lang=ar``), when the interface speaks it."""
    values = _values(query, "lang")
    return supported(values[-1]) if values and len(values[-1]) <= 20 else None


def view_from_query(query: Mapping[str, QueryValue], *, known: Mapping[str, Sequence[str]],
                    event_ids: Sequence[str], text: Messages | None = None) -> tuple[View, list[str]]:
    """Read a view from query parameters; return it and a notice for each value ignored.

    Args:
        known: the values that exist in the data, under "actors", "groups", "categories", "places", "tags".
        event_ids: the ids of the events, for ``event``.
        text: the language of the notices (English by default).
    """
    _ = (text or messages()).gettext
    notices: list[str] = []
    lang = query_language(query)
    if _values(query, "lang") and lang is None:
        notices.append(_("ignored lang '{value}' in the address; use one of: {choices}").format(
            value=_short(_values(query, "lang")[-1]), choices=", ".join(LANGUAGES)))
    start = _date(query, "from", notices, _)
    end = _date(query, "to", notices, _)
    if start and end and end < start:
        notices.append(_("ignored the dates in the address: 'to' ({end}) is before 'from' ({start})").format(
            end=end, start=start))
        start = end = None
    picked = {name: _known(query, key, known.get(name, ()), notices, _)
              for key, name in (("actor", "actors"), ("group", "groups"), ("category", "categories"),
                                ("place", "places"), ("tag", "tags"))}
    single = functools.partial(_single, notices=notices, _=_)
    search = single(query, "q") or ""
    lanes = single(query, "lanes") or "actor"
    if lanes not in LANE_CHOICES:
        notices.append(_("ignored lanes '{value}' in the address; use one of: {choices}").format(
            value=_short(lanes), choices=", ".join(LANE_CHOICES)))
        lanes = "actor"
    rows = single(query, "rows")
    if rows not in (None, "all"):
        notices.append(_("ignored rows '{value}' in the address; use rows=all for a row per actor, or leave it "
                         "out").format(value=_short(rows)))
    colour = single(query, "colour") or "category"
    if colour not in COLOUR_CHOICES:
        notices.append(_("ignored colour '{value}' in the address; use colour=group, or leave it out").format(
            value=_short(colour)))
        colour = "category"
    selected = single(query, "event")
    if selected is not None and selected not in event_ids:
        notices.append(_("ignored event '{value}' in the address: no event has that id").format(value=_short(selected)))
        selected = None
    name = single(query, "view") or "timeline"
    if name not in VIEW_NAMES:
        notices.append(_("ignored view '{value}' in the address; use one of: {choices}").format(
            value=_short(name), choices=", ".join(VIEW_NAMES)))
        name = "timeline"
    step_text = single(query, "step")
    step = int(step_text) if step_text and step_text.isdigit() and 0 < int(step_text) < 100_000 else None
    if step_text and step is None:
        notices.append(_("ignored step '{value}' in the address: not a step number like 3").format(
            value=_short(step_text)))
    filters = FilterState(start=start, end=end, search=search, lanes=lanes,  # type: ignore[arg-type]
                          every_row=rows == "all", colour_by=colour,  # type: ignore[arg-type]
                          **picked)
    months = single(query, "months")
    if months not in (None, "levant"):
        notices.append(_("ignored months '{value}' in the address; use months=levant for the Iraqi and Levantine "
                         "month names, or leave it out").format(value=_short(months)))
        months = None
    alongside = single(query, "calendar")
    if alongside not in (None, "hijri", "jalali"):
        notices.append(_("ignored calendar '{value}' in the address; use calendar=hijri or calendar=jalali, or leave "
                         "it out").format(value=_short(alongside)))
        alongside = None
    for key in query:
        if key not in _KEYS:
            notices.append(_("ignored '{key}' in the address: not a filter this page knows").format(key=_short(key)))
    return View(filters=filters, selected=selected, name=name, story=single(query, "story"), step=step,
                lang=lang, months=months, alongside=alongside), notices


_KEYS = ("from", "to", "actor", "group", "category", "place", "tag", "q", "lanes", "rows", "colour", "event", "view",
         "story", "step", "lang", "months", "calendar")


def _values(query: Mapping[str, QueryValue], key: str) -> list[str]:
    raw = query.get(key)
    if raw is None:
        return []
    return [raw] if isinstance(raw, str) else list(raw)


def _single(query: Mapping[str, QueryValue], key: str, notices: list[str], _: Callable[[str], str]) -> str | None:
    values = _values(query, key)
    if not values:
        return None
    value = values[-1]
    if len(value) > MAX_VALUE_LENGTH:
        notices.append(_("ignored '{key}' in the address: longer than {limit} characters").format(
            key=key, limit=MAX_VALUE_LENGTH))
        return None
    return value


def _date(query: Mapping[str, QueryValue], key: str, notices: list[str], _: Callable[[str], str]) -> date | None:
    value = _single(query, key, notices, _)
    if not value:
        return None
    try:
        return parse_iso_day(value)  # type: ignore[return-value]  # a Day before the common era
    except ValueError:
        notices.append(_("ignored '{key}={value}' in the address: not a date like 2020-09-13").format(
            key=key, value=_short(value)))
        return None


def _known(query: Mapping[str, QueryValue], key: str, known: Sequence[str], notices: list[str],
           _: Callable[[str], str]) -> tuple[str, ...]:
    values = _values(query, key)
    if len(values) > MAX_VALUES:
        notices.append(_("ignored '{key}' in the address: more than {limit} values").format(key=key, limit=MAX_VALUES))
        return ()
    kept: list[str] = []
    for value in values:
        if value in known:
            if value not in kept:
                kept.append(value)
        else:
            notices.append(_("ignored {key} '{value}' in the address: not in the data").format(
                key=key, value=_short(value)))
    return tuple(kept)


def _short(text: str) -> str:
    return text if len(text) <= 40 else text[:39] + "…"

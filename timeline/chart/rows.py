"""The chart's rows (swimlanes): which rows an event is drawn in, their order, and folding the
rows that do not fit into one "Others" row.

Why fold: with rows by actor a real crisis has dozens to hundreds of actors (36 in the bundled
data), and one row each makes a chart taller than a screen, its date axis out of sight. Keeping
the busiest rows and folding the rest into one row keeps every event on the chart, the chart
one screen tall, and the rows that carry the story on top; "every row" in the sidebar (``rows=all``
in the address, ``--all-rows`` for exports) undoes it.
"""

from __future__ import annotations

from collections.abc import Mapping

from dataclasses import dataclass
from typing import Iterable, Sequence

from timeline.chart.thinning import importance_of
from timeline.lang.catalogs import Messages, messages
from timeline.model import LANE_PLACEHOLDERS, Event, Lanes

ROW_LIMIT = 12
"""Rows drawn at most unless every row is asked for: with the key, legend and axis, 12 rows fit
a laptop's first screen under the page's title and picker."""

_PLACEHOLDERS = LANE_PLACEHOLDERS
ENGLISH = messages()


_PLACEHOLDER_NAMES = frozenset((*LANE_PLACEHOLDERS.values(), "Events"))


@dataclass(frozen=True)
class Rows:
    """The rows of one chart, top to bottom, and the rows each event is drawn in."""

    names: list[str]
    of_event: list[tuple[str, ...]]
    folded: tuple[str, ...] = ()
    """The rows gathered into the last row, the "Others" row; empty when none were."""

    @property
    def others(self) -> str | None:
        return self.names[-1] if self.folded else None


def lane_values(event: Event, lanes: Lanes) -> tuple[str, ...]:
    """Return the lanes ``event`` is drawn in, one mark in each.

    Each distinct actor (place, actor group), its category, or 'Events' for ``lanes="none"``; an
    event with no actor goes to the lane '(no actor)', with no place to '(no place)'.
    """
    if lanes == "none":
        return ("Events",)
    if lanes == "category":
        values: Iterable[str] = (event.category,)
    elif lanes == "actor":
        values = event.actors
    elif lanes == "place":
        values = event.places
    elif lanes == "group":
        values = event.groups
    else:
        raise ValueError(f"lanes is {lanes!r}; use 'actor', 'group', 'category', 'place' or 'none'")
    distinct = tuple(dict.fromkeys(v for v in values if v and v.strip()))
    return distinct or (_PLACEHOLDERS[lanes],)


def order_lanes(events: Sequence[Event], lanes: Lanes) -> list[str]:
    """Return lane names, busiest first (ties by name); placeholder lanes such as '(no actor)' last."""
    return _ranked(events, [lane_values(e, lanes) for e in events], with_importance=False)


def chart_rows(events: Sequence[Event], lanes: Lanes, *, every_row: bool = False,
               limit: int = ROW_LIMIT) -> Rows:
    """Return the rows of the chart of ``events``.

    With more rows than ``limit`` (and ``every_row`` off), the ``limit - 1`` busiest rows stay,
    ties going to the row with the more important event, and the rest become one last row named
    like "Others (26 actors)". An event is drawn once in that row however many of its rows it holds.
    """
    lane_lists = [lane_values(e, lanes) for e in events]
    names, folded = rows_of_keys(_rank_keys(events, lane_lists), lanes, every_row=every_row, limit=limit)
    if not folded:
        return Rows(names, lane_lists)
    kept_set, others = set(names[:-1]), names[-1]
    of_event = [tuple(dict.fromkeys(lane if lane in kept_set else others for lane in event_lanes))
                for event_lanes in lane_lists]
    return Rows(names, of_event, folded)


def rows_of_keys(keys: dict[str, tuple[int, int]], lanes: Lanes, *, every_row: bool = False,
                 limit: int = ROW_LIMIT) -> tuple[list[str], tuple[str, ...]]:
    """Return (the rows top to bottom, the row values folded into the last, "Others" row) from
    each row value's (events, highest importance): :func:`chart_rows` from counts alone, as a
    query engine gives them for a selection too large to hold as events."""
    by_count = _sorted_lanes(keys, with_importance=False)
    if every_row:
        return by_count, ()
    ranked = _sorted_lanes(keys, with_importance=True)
    if len(ranked) <= max(limit, 1):
        return by_count, ()
    kept_set = _whole_tiers(ranked, keys, max(limit - 1, 0))
    folded = tuple(lane for lane in ranked if lane not in kept_set)
    return [lane for lane in by_count if lane in kept_set] + [others_name(len(folded), lanes)], folded


def others_name(count: int, lanes: Lanes, text: Messages = ENGLISH) -> str:
    """Return the name of the row that gathers ``count`` folded rows: "Others (26 actors)".

    The row's value (in figures, the engine's cells and the page) is always the English name;
    the chart shows it in the reader's language (:func:`row_label`).
    """
    number = text.digits(str(count))
    if lanes == "actor":
        words = text.ngettext("Others ({count} actor)", "Others ({count} actors)", count)
    elif lanes == "group":
        words = text.ngettext("Others ({count} group)", "Others ({count} groups)", count)
    elif lanes == "category":
        words = text.ngettext("Others ({count} category)", "Others ({count} categories)", count)
    elif lanes == "place":
        words = text.ngettext("Others ({count} place)", "Others ({count} places)", count)
    else:
        words = text.ngettext("Others ({count} row)", "Others ({count} rows)", count)
    return words.format(count=number)


def row_label(lane: str, text: Messages, *, others: str | None = None, folded: int = 0, lanes: Lanes = "actor",
              native: Mapping[str, str] | None = None) -> str:
    """Return a row's name as the reader sees it: a placeholder row ('(no actor)', 'Events') and the
    "Others" row (``others``, gathering ``folded`` rows) in the reader's language; an actor, place
    or group as the store writes it (a built-in category's label translated), or, for a reader of
    Arabic or Persian, an actor's name in its own script where the registry gives it (``native``)."""
    if others is not None and lane == others:
        return others_name(folded, lanes, text)
    if lane in _PLACEHOLDER_NAMES or lanes == "category":
        return text.gettext(lane) if lane else lane
    if native and text.rtl and lanes == "actor" and lane in native:
        return native[lane]
    return lane


def _whole_tiers(ranked: list[str], key: dict[str, tuple[int, int]], room: int) -> set[str]:
    """Return the first rows of ``ranked`` that fit ``room``, taking rows of equal rank (as many
    events, as important) all or none: keeping one of five one-event actors, chosen by the
    alphabet, would tell the reader something false. A first tier too big for the room is cut."""
    kept: list[str] = []
    for lane in ranked:
        if len(kept) >= room:
            break
        kept.append(lane)
    if len(kept) < len(ranked) and kept and key[kept[-1]] == key[ranked[len(kept)]]:
        tier = key[kept[-1]]
        whole = [lane for lane in kept if key[lane] != tier]
        kept = whole or kept
    return set(kept)


def _rank_keys(events: Sequence[Event], lane_lists: Sequence[tuple[str, ...]]) -> dict[str, tuple[int, int]]:
    counts: dict[str, int] = {}
    weight: dict[str, int] = {}
    for event, event_lanes in zip(events, lane_lists):
        for lane in event_lanes:
            counts[lane] = counts.get(lane, 0) + 1
            weight[lane] = max(weight.get(lane, 0), importance_of(event))
    return {lane: (counts[lane], weight[lane]) for lane in counts}


def _ranked(events: Sequence[Event], lane_lists: Sequence[tuple[str, ...]], *, with_importance: bool) -> list[str]:
    return _sorted_lanes(_rank_keys(events, lane_lists), with_importance=with_importance)


def _sorted_lanes(keys: dict[str, tuple[int, int]], *, with_importance: bool) -> list[str]:
    placeholders = set(_PLACEHOLDERS.values())
    return sorted(keys, key=lambda lane: (lane in placeholders, -keys[lane][0],
                                          -keys[lane][1] if with_importance else 0, lane.casefold(), lane))

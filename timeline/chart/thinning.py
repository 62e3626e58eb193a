"""Which events a crowded chart draws as points: the most important, spread over time.

Measured here at 100,000 events (about 180,000 marks with their actors): Chromium draws them all
in ~2.7 s, 20,000 in ~1.5 s, so drawing is not what limits. The server is: building the marks'
hover texts, copying and serialising 78 MB of figure JSON and sending it costs seconds on every
filter change. 20,000 marks are 8.7 MB and keep a page rerun under half a second. Above
:data:`POINT_LIMIT` marks the chart draws the most important events up to the limit, the
density strip under it still counts every event, and a note on the chart says how many are
drawn (see :func:`thinning_note`).
"""

from __future__ import annotations

from typing import Sequence

from timeline.lang.catalogs import Messages, messages
from timeline.model import DEFAULT_IMPORTANCE, Event

ENGLISH = messages()

POINT_LIMIT = 20_000
"""Marks drawn at most: ~8.7 MB of figure JSON, ~1.5 s to draw in Chromium here."""



def importance_of(event: Event) -> int:
    """Return the event's importance, the default for an event that has none."""
    return DEFAULT_IMPORTANCE if event.importance is None else event.importance


def events_to_draw(events: Sequence[Event], marks_per_event: Sequence[int], limit: int,
                   keep_id: str | None = None) -> list[int]:
    """Return the indexes (in the given order) of the events to draw as points.

    All of them when their marks fit in ``limit``. Otherwise whole importance tiers from 5 down
    while they fit, then an evenly spaced share (in the events' order, which is date order) of
    the first tier that does not, so the chart keeps the shape of the data. ``keep_id`` (the
    selected event) is always drawn.
    """
    if sum(marks_per_event) <= limit:
        return list(range(len(events)))
    tiers: dict[int, list[int]] = {}
    for index, event in enumerate(events):
        tiers.setdefault(importance_of(event), []).append(index)
    chosen: list[int] = []
    budget = limit
    for importance in sorted(tiers, reverse=True):
        tier = tiers[importance]
        cost = sum(marks_per_event[i] for i in tier)
        if cost <= budget:
            chosen += tier
            budget -= cost
            continue
        share = budget / cost
        taken = 0.0
        for index in tier:  # every k-th event, k = 1 / share, without rounding drift
            taken += share
            if taken >= 1 and marks_per_event[index] <= budget:
                chosen.append(index)
                budget -= marks_per_event[index]
                taken -= 1
        break
    if keep_id is not None:
        chosen += [i for i, event in enumerate(events) if event.id == keep_id]
    return sorted(set(chosen))


def thinning_note(drawn: int, total: int, text: Messages = ENGLISH) -> str:
    """Return the chart's note when not every event is drawn ('' when all are)."""
    if drawn >= total:
        return ""
    return text.gettext("Points: the {drawn} most important of {total} events; the bars below count all of them. "
                        "Narrow the dates or filters to see every event.").format(
        drawn=text.digits(f"{drawn:,}"), total=text.digits(f"{total:,}"))

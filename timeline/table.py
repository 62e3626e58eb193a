"""The events as a pandas DataFrame: one row per event, for the table, filters and data exports."""

from __future__ import annotations

from typing import Iterable, Mapping

import pandas as pd

from timeline.model import Event

COLUMNS = (
    "id", "title", "start", "end", "precision", "approximate", "date_text", "category",
    "actors", "places", "tags", "summary", "quote", "outlets", "importance",
)


def events_frame(events: Iterable[Event]) -> pd.DataFrame:
    """Return one row per event; ``start``/``end`` are dates, list fields are tuples of text."""
    rows = [
        {
            "id": e.id,
            "title": e.title,
            "start": e.start,
            "end": e.end,
            "precision": e.precision.value,
            "approximate": e.approximate,
            "date_text": e.date_as_written,
            "category": e.category,
            "actors": e.actors,
            "places": e.places,
            "tags": e.tags,
            "summary": e.summary,
            "quote": e.quote,
            "outlets": tuple(s.outlet for s in e.sources),
            "importance": e.importance,
        }
        for e in events
    ]
    return pd.DataFrame(rows, columns=list(COLUMNS))


TABLE_COLUMNS = ("start", "end", "precision", "date_text", "title", "category", "actors", "places", "tags",
                 "outlets", "id")


def display_frame(events: Iterable[Event]) -> pd.DataFrame:
    """Return the table the page shows: one row per event, list columns joined with '; '."""
    frame = events_frame(events)
    for column in ("actors", "places", "tags", "outlets"):
        frame[column] = frame[column].map("; ".join)
    return frame[list(TABLE_COLUMNS)]


def rows_of(frame: pd.DataFrame, positions: Mapping[str, int], events: Iterable[Event]) -> pd.DataFrame:
    """Return the rows of a whole store's ``display_frame`` that show ``events``, in their order."""
    return frame.iloc[[positions[event.id] for event in events]]

"""The events as portable data: normalised JSON records and CSV, UTF-8 with every script intact."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Iterator
from typing import Any

from timeline.model import Event

CSV_COLUMNS = (
    "id", "title", "start", "end", "precision", "approximate", "date_text", "calendar", "category",
    "actors", "places", "tags", "summary", "quote", "related", "importance", "sources",
)
_CHUNK = 5_000
"""Records a chunk of text holds: a store kept as columns builds its events this many at a time."""


def events_json(events: Iterable[Event]) -> str:
    """Return the events as a JSON list of normalised records (ISO dates, precision, sources)."""
    return "".join(json_chunks(events))


def events_csv(events: Iterable[Event]) -> str:
    """Return the events as CSV: one row each, lists joined with '; ', sources as 'outlet url'."""
    return "".join(csv_chunks(events))


def json_chunks(events: Iterable[Event]) -> Iterator[str]:
    """Yield :func:`events_json`'s text a few thousand records at a time, as ``json.dumps`` of the
    whole list with ``indent=2`` writes it: ``events`` may be a selection of a store kept as
    columns, read a few thousand events at a time, and a million records held at once, or their
    text in one string, would take gigabytes."""
    chunk: list[str] = []
    written = False
    for event in events:
        # JSON text holds no raw line break (json escapes it), so indenting line by line is exact.
        record = json.dumps(event.to_json(), ensure_ascii=False, indent=2).replace("\n", "\n  ")
        chunk.append((",\n  " if written else "[\n  ") + record)
        written = True
        if len(chunk) == _CHUNK:
            yield "".join(chunk)
            chunk = []
    yield "".join(chunk) + ("\n]\n" if written else "[]\n")


def csv_chunks(events: Iterable[Event]) -> Iterator[str]:
    """Yield :func:`events_csv`'s text, the header first, then a few thousand rows at a time."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=CSV_COLUMNS, lineterminator="\n")
    writer.writeheader()
    for count, event in enumerate(events, 1):
        writer.writerow({key: _cell(key, value) for key, value in event.to_json().items() if key in CSV_COLUMNS})
        if count % _CHUNK == 0:
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue()


def _cell(key: str, value: Any) -> Any:
    if key == "sources":
        return "; ".join(" ".join(p for p in (s["outlet"], s["url"]) if p) for s in value)
    if isinstance(value, list):
        return "; ".join(value)
    return "" if value is None else value

"""The events as portable data: normalised JSON records and CSV, UTF-8 with every script intact."""

from __future__ import annotations

import csv
import io
import json
from typing import Any, Iterable

from timeline.model import Event

CSV_COLUMNS = (
    "id", "title", "start", "end", "precision", "approximate", "date_text", "calendar", "category",
    "actors", "places", "tags", "summary", "quote", "related", "importance", "sources",
)


def events_json(events: Iterable[Event]) -> str:
    """Return the events as a JSON list of normalised records (ISO dates, precision, sources)."""
    return json.dumps([event.to_json() for event in events], ensure_ascii=False, indent=2) + "\n"


def events_csv(events: Iterable[Event]) -> str:
    """Return the events as CSV: one row each, lists joined with '; ', sources as 'outlet url'."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=CSV_COLUMNS, lineterminator="\n")
    writer.writeheader()
    for event in events:
        writer.writerow({key: _cell(key, value) for key, value in event.to_json().items() if key in CSV_COLUMNS})
    return buffer.getvalue()


def _cell(key: str, value: Any) -> Any:
    if key == "sources":
        return "; ".join(" ".join(p for p in (s["outlet"], s["url"]) if p) for s in value)
    if isinstance(value, list):
        return "; ".join(value)
    return "" if value is None else value

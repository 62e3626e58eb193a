"""``--map COLUMN=FIELD``: any CSV column into any part of an event.

Holds: ``ColumnMap``, ``parse_map`` and ``apply_map`` (fill or override a draft from a row), and
``MAP_TARGETS``.
May import: ``timeline.edit.csvrows``, ``timeline.store`` (checks, patterns), ``timeline.model``.

Lists (actors, places, tags, source) are separated by ';' in their cell, as ACLED separates them.
A source that is an http(s) address becomes a source with that address, its site as the outlet.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urlsplit

from timeline.edit.csvrows import Draft, PlaceDraft, Row, RowProblems, field_value, names, whole_number
from timeline.errors import TimelineError
from timeline.model import Fatalities, Source
from timeline.store.records import URL_PATTERN, did_you_mean

MAP_TARGETS = ("id", "title", "date", "end", "category", "actors", "places", "tags", "summary", "quote",
               "fatalities", "source")
"""What ``--map COLUMN=FIELD`` may fill, besides ``fields.NAME`` (a free field)."""
_FIELD = re.compile(r"fields\.([a-z][a-z0-9_]*)")


@dataclass(frozen=True)
class ColumnMap:
    """``--map COLUMN=FIELD``: the CSV column ``column`` fills the event's ``target``."""

    column: str
    target: str


def parse_map(text: str) -> ColumnMap:
    """Read ``COLUMN=FIELD`` (the column may hold '='; the field never does)."""
    column, equals, target = text.rpartition("=")
    target = target.strip()
    if not equals or not column.strip():
        raise TimelineError(f"--map {text!r} needs the form COLUMN=FIELD, e.g. --map headline=title")
    if target not in MAP_TARGETS and not _FIELD.fullmatch(target):
        raise TimelineError(f"--map {text!r}: '{target}' is not an event field{did_you_mean(target, MAP_TARGETS)}; "
                            f"use one of {', '.join(MAP_TARGETS)}, or fields.NAME (lower-case, e.g. fields.acled_id)")
    return ColumnMap(column.strip(), target)


def apply_map(item: ColumnMap, row: Row, draft: Draft, problems: RowProblems) -> None:
    """Fill or override one part of the draft from the column ``--map`` names."""
    text, target = row.get(item.column), item.target
    column = row.column(item.column) or item.column
    draft.columns[target] = column
    if target in ("title", "date") and not text:
        problems.add(column, f"is empty; every row needs a {target}")
    if target.startswith("fields."):
        if text:
            draft.fields[target.removeprefix("fields.")] = field_value(text)
    elif target in ("id", "title", "date", "end", "category", "summary", "quote"):
        setattr(draft, target, text or None)
    elif target == "actors":
        for name in names(text):
            draft.add_actor(name)
    elif target == "places":
        for name in names(text):
            draft.add_place(PlaceDraft(name))
    elif target == "tags":
        draft.tags += [tag for tag in names(text) if tag not in draft.tags]
    elif target == "fatalities":
        count = whole_number(row, item.column, problems, what="write the number of people killed, e.g. 3")
        draft.fatalities = Fatalities(best=count) if count is not None else draft.fatalities
    elif target == "source":
        draft.add_sources(_source(name) for name in names(text))


def _source(text: str) -> Source:
    """An outlet's name, or an article's address (its site becomes the outlet)."""
    if URL_PATTERN.match(text):
        return Source(outlet=urlsplit(text).hostname or text, url=text)
    return Source(outlet=text)

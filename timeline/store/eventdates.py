"""An event's date as the store reads it: the date and end fields, resolved against the event's
sources, and bounded by them.

Why bounded: an event cannot have happened after the last of its sources reported it. "Late
September 2020" in an article of 28 September covers 21-28 September, not 21-30; a date wholly
after every source is a mistake (or a missing later source), never drawn. Only when every source
gives its ``published`` date is there a bound: a source without one may be later.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta
from typing import Any, Protocol

from timeline.dates.periods import describe_date
from timeline.dates.reading import combine_range, is_relative, parse_date
from timeline.errors import DateError
from timeline.model import Calendar, DateValue, Source

Path = tuple[Any, ...]


class Problems(Protocol):
    """What :class:`timeline.store.records.Problems` offers this module (no import circle)."""

    def add(self, path: Path, message: str, *, field_name: str | None = None, key: bool = False) -> None: ...
    def add_error(self, path: Path, error: Exception, field_name: str) -> None: ...
    def warn(self, path: Path, message: str, *, field_name: str | None = None) -> None: ...

EXAMPLE_DATES = "'13 September 2020', 'September 2020' or '2020-09-13'"
RELATIVE_WARNING_DAYS = 183
"""A relative date ("Sept. 29") resolving further than this before its source's date is probably
the wrong year ("Sept. 29" under a source of 28 September 2020 is 29 September 2019)."""


def event_date(raw: dict[Any, Any], path: Path, problems: Problems, sources: tuple[Source, ...],
               calendar: Calendar | None) -> tuple[DateValue | None, str | None, str | None, date | None]:
    """Return (the date, the date as written, the end as written, the bound it was cut at, if any)."""
    reference = next((s.published for s in sources if s.published), None)
    start = date_field(raw, "date", path, problems, reference, calendar)
    end = date_field(raw, "end", path, problems, reference, calendar)
    if start is None:
        return None, None, None, None
    date_text, end_text = as_text(raw["date"]), None
    value = start
    if end is not None:
        try:
            value, end_text = combine_range(start, end), as_text(raw["end"])
        except DateError as err:
            problems.add_error(path + ("end",), err, "end")
            return None, None, None, None
    return _bounded(value, sources, path, problems, date_text, end_text)


def latest_report(sources: tuple[Source, ...]) -> tuple[date, str] | None:
    """Return the latest publication date of ``sources`` and its outlet, when every source has one."""
    if not sources or any(s.published is None for s in sources):
        return None
    latest = max(sources, key=lambda s: s.published or date.min)
    return latest.published, latest.outlet  # type: ignore[return-value]


def _bounded(value: DateValue, sources: tuple[Source, ...], path: Path, problems: Problems, date_text: str,
             end_text: str | None) -> tuple[DateValue | None, str | None, str | None, date | None]:
    report = latest_report(sources)
    if report is None or value.end <= report[0]:
        return value, date_text, end_text, None
    bound, outlet = report
    if value.start > bound:
        problems.add(path + ("date",), f"'{describe_date(value)}' is after every source of the event was published (the "
                     f"latest, {outlet}, on {_day(bound)}): an event cannot be reported before it happens; "
                     "check the date, or add the later source that reports it", field_name="date")
        return None, None, None, None
    return replace(value, end=bound), date_text, end_text, bound


def date_field(raw: dict[Any, Any], name: str, path: Path, problems: Problems, reference: date | None,
               calendar: Calendar | None, *, required: bool = False) -> DateValue | None:
    """Read the date field ``name`` of ``raw`` (an event's date or end, an era's start or end),
    resolving relative text against ``reference`` and warning when that lands months back."""
    value = raw.get(name)
    if value is None:
        if required or name in raw:
            problems.add(path + (name,) if name in raw else path, f"'{name}' is missing or empty; write a date, "
                         f"e.g. {EXAMPLE_DATES}", field_name=name)
        return None
    if not isinstance(value, (str, date, int)) or isinstance(value, bool):
        problems.add(path + (name,), f"must be a date written as text, not {kind_of(value)}; e.g. {EXAMPLE_DATES}",
                     field_name=name)
        return None
    text = as_text(value)
    try:
        read = parse_date(text, reference=reference, calendar=calendar)
    except DateError as err:
        problems.add_error(path + (name,), err, name)
        return None
    if reference is not None and read.end < reference - timedelta(days=RELATIVE_WARNING_DAYS) \
            and is_relative(text, calendar=calendar):
        problems.warn(path + (name,), f"'{text}' is relative and resolves to {describe_date(read)}, "
                      f"{(reference - read.end).days} days before its source's date ({_day(reference)}); "
                      "if another year is meant, write the date in full", field_name=name)
    return read


def _day(day: date) -> str:
    return f"{day.day} {day:%B} {day.year}"


def as_text(value: Any) -> str:
    return value.isoformat() if isinstance(value, date) else str(value)


def kind_of(value: Any) -> str:
    """Name a YAML value's kind for a message: 'a list', 'a number', 'text'."""
    if value is None:
        return "empty"
    names: dict[type, str] = {dict: "a mapping", list: "a list", bool: "true/false", int: "a number",
                              float: "a number", str: "text"}
    return names.get(type(value), type(value).__name__)

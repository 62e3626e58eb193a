"""A TimelineJS slide's dates read as an editor writes them.

Holds: ``parts_date`` (``start_date``/``end_date`` parts as '13 September 2020' and its value),
``extra_date`` (the dates our export keeps in ``timeline_extra``), ``time_of`` and ``written``.
May import: ``timeline.dates``, ``timeline.model``, ``timeline.errors``.

TimelineJS counts days in JavaScript's proleptic Gregorian calendar and shows its year -300 as
'300 BCE'; the text written here says so where our reading would differ ('10 October 680
(Gregorian)', '44 BCE').
"""

from __future__ import annotations

from calendar import month_name
from datetime import date
from typing import Any

from timeline.dates.reading import combine_range, parse_date
from timeline.errors import DateError, TimelineError
from timeline.model import Calendar, DateValue


def parts_date(slide: dict[str, Any]) -> tuple[DateValue, str, str | None]:
    """Return the slide's date and its start and end as written (the end None when the same)."""
    start = slide.get("start_date")
    for name in ("start_date", "end_date"):
        if isinstance(slide.get(name), str):
            raise TimelineError(f"{name} is {slide[name]!r}, not date parts; write it as {{\"year\": 2012, "
                                "\"month\": 1, \"day\": 26} (in TimelineJS 2 JSON: '2012,1,26')")
    if not isinstance(start, dict):
        raise TimelineError("has no start_date; give it e.g. {\"year\": 2020, \"month\": 9}")
    date_text = written(start, "start_date")
    end_text = written(slide["end_date"], "end_date") if isinstance(slide.get("end_date"), dict) else None
    end_text = None if end_text == date_text else end_text
    try:
        value = parse_date(date_text)
        if end_text:
            value = combine_range(value, parse_date(end_text))
    except DateError as err:
        raise TimelineError(err.message) from err
    return value, date_text, end_text


def extra_date(extra: dict[str, Any], reference: date | None) -> tuple[DateValue, str, str | None, Calendar]:
    """Return the date our export wrote: its text, end text and calendar, read as the store reads them."""
    try:
        calendar = Calendar(extra.get("calendar") or "gregorian")
    except ValueError as err:
        raise TimelineError(f"unknown calendar {extra.get('calendar')!r} in timeline_extra") from err
    date_text, end_text = str(extra["date_text"]), extra.get("end_text")
    value = parse_date(date_text, reference=reference, calendar=calendar)
    if end_text:
        value = combine_range(value, parse_date(str(end_text), reference=reference, calendar=calendar))
    return value, date_text, str(end_text) if end_text else None, calendar


def time_of(parts: dict[str, Any], name: str) -> str | None:
    """Return the time of day of date parts as '06:45' ('06:45:56', '06:45:56.250'), or None."""
    values: dict[str, int] = {}
    for part, high in (("hour", 23), ("minute", 59), ("second", 59), ("millisecond", 999)):
        raw = parts.get(part)
        if raw in (None, ""):
            break
        number = _whole(raw)
        if number is None or not 0 <= number <= high:
            raise TimelineError(f"{name}.{part} is {raw!r}; use a whole number from 0 to {high}")
        values[part] = number
    if not values:
        return None
    text = f"{values['hour']:02d}:{values.get('minute', 0):02d}"
    if "second" in values:
        text += f":{values['second']:02d}"
    if "millisecond" in values:
        text += f".{values['millisecond']:03d}"
    return text


def written(parts: dict[str, Any], name: str) -> str:
    """Return the date parts as a person writes them: '2020', 'September 2020', '13 September 2020'."""
    values = {}
    for part, low, high in (("year", -9999, 9999), ("month", 1, 12), ("day", 1, 31)):
        raw = parts.get(part)
        if raw in (None, ""):
            break
        number = _whole(raw)
        if part == "year" and number == 0:
            raise TimelineError(f"{name}.year is 0, which TimelineJS shows as no year; 1 BCE is -1 and 1 CE is 1")
        if number is None or not low <= number <= high:
            raise TimelineError(f"{name}.{part} is {raw!r}; use a whole number from {low} to {high}")
        values[part] = number
    if "year" not in values:
        raise TimelineError(f"{name} has no year; give at least {{\"year\": 2020}}")
    year = values["year"]
    if year < 0:  # TimelineJS's -300 is shown as 300 BCE; its days are proleptic Gregorian
        text = [f"{-year} BCE"] + (["(Gregorian)"] if "day" in values and "month" in values else [])
    elif "day" in values and "month" in values and (
            year < 100 or (year, values["month"], values["day"]) < (1582, 10, 15)):
        # TimelineJS counts in JavaScript's proleptic Gregorian days, while a day before the
        # reform written with a month's name reads as Julian: say which calendar it is.
        if year < 100:
            return f"{year:04d}-{values['month']:02d}-{values['day']:02d}"
        return f"{values['day']} {month_name[values['month']]} {year} (Gregorian)"
    else:
        text = [f"{year} CE" if year < 100 else str(year)]
    if "month" in values:
        text.insert(0, month_name[values["month"]])
    if "day" in values:
        text.insert(0, str(values["day"]))
    return " ".join(text)


def _whole(raw: Any) -> int | None:
    if isinstance(raw, bool) or not isinstance(raw, (int, float, str)):
        return None
    if isinstance(raw, float):
        return int(raw) if raw.is_integer() else None
    try:
        return int(str(raw).strip())
    except ValueError:
        return None

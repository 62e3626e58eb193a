"""Reading a date as people write it, keeping how precisely it is known.

dateparser is the engine, but never with its defaults: they fill a missing day or month with
*today's* ("2020" becomes 24 November 2020) and resolve "last week" against the clock, so one
file would load differently tomorrow. Its settings are pinned once (:mod:`timeline.dates.engine`): the
first day and month stand in for missing ones (the span then comes from dateparser's ``period``),
and every read runs against a fixed ``RELATIVE_BASE``. Text is read against two unrelated bases; if
the answers differ, the text is relative ("Friday", "Sept. 13") and is resolved against the
caller's reference date (a source's publication date) or refused, never against today.

dateparser does not read qualifiers ("late September 2020", "c. 1979"), quarters, decades or
day ranges ("Sept. 26-27, 2020"), and misreads some of them without a word ("the 1990s" comes
back as a time yesterday), so this module takes those apart first; only plain dates reach it.
The commonest plain forms ("13 Sept. 2020", "Sept. 13") skip it: :mod:`timeline.dates.written`.
"""

from __future__ import annotations

import functools
import re
from calendar import monthrange
from dataclasses import replace
from datetime import date, timedelta
from types import MappingProxyType

from timeline.dates.periods import MONTHS, THIRDS, THIRDS_OF, describe_date, period_of, thirds_of
from timeline.dates.history import read_historical
from timeline.dates.spans import range_dash
from timeline.dates.weekdays import bare_weekday, check_weekday
from timeline.dates.written import match_written, needs_reference, written_value
from timeline.dates.engine import BASES as _BASES
from timeline.dates.engine import engine_read as _engine_read
from timeline.dates.engine import is_arabic as _is_arabic
from timeline.dates.calendars import detect_calendar, native_span, read_native, to_ascii_digits
from timeline.errors import DateError
from timeline.model import Calendar, DateValue, Precision


_EXAMPLES = "write '13 September 2020', 'September 2020' or '2020-09-13'"
_MONTH_NUMBER = MappingProxyType({name[:3].lower(): n for n, name in enumerate(MONTHS, 1)})
_PERIODS = MappingProxyType({"time": Precision.DAY, **{p.value: p for p in Precision}})
_COARSENESS = tuple(Precision)  # declared from finest to coarsest
_DAY = timedelta(days=1)
_ORDINALS = MappingProxyType({"first": 1, "second": 2, "third": 3, "fourth": 4,
                              "1st": 1, "2nd": 2, "3rd": 3, "4th": 4})  # fmt: skip

_APPROX = re.compile(r"(?:(?:around|about|approximately|roughly|circa)\s+|(?:approx|ca?)\.\s*)(.+)",
                     re.I)  # fmt: skip
_QUALIFIED = re.compile(r"(early|mid|middle|late)(?:[\s-]+to[\s-]+(mid|late))?(?:\s*-\s*|\s+)"
                        r"(?:of\s+)?(.+)", re.I)  # fmt: skip
_WEEK_OF = re.compile(r"(?:the\s+)?week\s+of\s+(.+)", re.I)
_QUARTER = re.compile(r"(?:q([1-4])|(first|second|third|fourth|1st|2nd|3rd|4th)\s+quarter)"
                      r"(?:\s+of)?,?\s*(\d{1,4})", re.I)  # fmt: skip
_ISO = re.compile(r"(\d{4})(?:([-/.])(\d{1,2})(?:\2(\d{1,2}))?)?")
# A time after a numeric date changes nothing about which number is the day.
_NUMERIC = re.compile(r"(\d{1,2})[/.](\d{1,2})[/.](\d{4})(?:[ T]\d{1,2}:\d{2}(?::\d{2})?(?:\s*[ap]m)?)?", re.I)
_DAY_SPAN = re.compile(r"(?<![\d\-–])(\d{1,2})(?:\s*[-–]\s*|\s+(to|until|till|through|and)\s+)"
                       r"(\d{1,2})(?![\d\-–])", re.I)  # fmt: skip
_JOINED = re.compile(r"(.+?)\s+(?:to|until|till|through)\s+(.+)", re.I)
_JOINED_AND = re.compile(r"(.+?)\s+and\s+(.+)", re.I)
_NAMES = frozenset(("jan feb mar apr may jun jul aug sep oct nov dec "
                    "mon tue wed thu fri sat sun").split())  # fmt: skip
_RELATIVE = frozenset("today yesterday tomorrow ago last next this previous".split())
# Words that may stand around a date without changing it; any other word is refused, because
# dateparser silently skips some ("after", "by") and would return a date the text does not mean.
_DATE_WORDS = _RELATIVE | frozenset(
    "the of on in at a an st nd rd th t am pm utc gmt day days week weeks month months year years "
    "one two three four five six seven eight nine ten eleven twelve".split()
)
_WRITTEN_DAY = re.compile(r"(?:(\d{1,2})(?:st|nd|rd|th)?\s+([a-z]+)\.?|([a-z]+)\.?\s+(\d{1,2})"
                          r"(?:st|nd|rd|th)?,?)\s+(\d{4})", re.I)  # fmt: skip

def parse_date(
    text: str, *, reference: date | None = None, calendar: Calendar | str | None = None
) -> DateValue:
    """Read a date as written ("Sept. 13", "late 2020", "25 محرم 1442") into days and a precision.

    Args:
        text: the date as an editor or a source wrote it.
        reference: the day relative text ("last week", "Sept. 13") is resolved against,
            normally the source's publication date; without it relative text is an error.
        calendar: the calendar the text is written in; ``None`` detects it from month names.

    Raises:
        DateError: the text cannot be read, names a day that does not exist, or is relative
            with no reference; the message says what to write instead.
    """
    chosen = _calendar(calendar)
    outcome = _read_cached(text, None, chosen)
    if isinstance(outcome, _NeedsReference) and reference is not None:
        outcome = _read_cached(text, reference, chosen)
    if isinstance(outcome, DateError):
        # A fresh error per call: a cached instance would grow its traceback on every raise.
        raise DateError(outcome.message) from outcome.__cause__
    return outcome


def is_relative(text: str, *, calendar: Calendar | str | None = None) -> bool:
    """Return whether ``text`` is read against a reference date ("Sept. 13", "last week")."""
    return isinstance(_read_cached(text, None, _calendar(calendar)), _NeedsReference)


def combine_range(first: DateValue, last: DateValue) -> DateValue:
    """Join a start date and an end date (each with its precision) into one range."""
    if last.end < first.start:
        raise DateError(
            f"end '{describe_date(last)}' is before start '{describe_date(first)}'; "
            "write the earlier date first"
        )
    precision = max(first.precision, last.precision, key=_COARSENESS.index)
    return DateValue(first.start, last.end, precision, first.approximate or last.approximate, True)


class _NeedsReference(DateError):
    """Relative text read without a reference date; parse_date retries it with the reference."""


@functools.lru_cache(maxsize=65536)
def _read_cached(
    text: str, reference: date | None, calendar: Calendar | None
) -> DateValue | DateError:
    try:
        return _read(" ".join(_normalise(text).split()), reference, calendar)
    except DateError as err:  # cached too: a bad date repeated across a file is read once
        return err


def _calendar(value: Calendar | str | None) -> Calendar | None:
    if value is None or isinstance(value, Calendar):
        return value
    try:
        return Calendar(value.strip().lower())
    except ValueError:
        allowed = ", ".join(c.value for c in Calendar)
        raise DateError(f"unknown calendar {value!r}; use one of: {allowed}") from None


def _normalise(text: str) -> str:
    text = to_ascii_digits(text).replace("\u060c", ",")
    return re.sub(r"\s+-\s+|[‒–—―−]", "–", text)


def _read(text: str, reference: date | None, calendar: Calendar | None) -> DateValue:
    """Take apart what dateparser cannot read (qualifiers, ranges, quarters), then read the rest."""
    if not text:
        raise DateError(f"the date is empty; {_EXAMPLES}")
    if match := _APPROX.fullmatch(text):
        return replace(_read(match[1], reference, calendar), approximate=True)
    if (match := _QUALIFIED.fullmatch(text)) and match[2]:  # "mid-to-late 2020" is no range
        return _qualify(match[1], match[2], _read(match[3], reference, calendar), text)
    if (weekday := bare_weekday(text)) is not None:
        if reference is None:
            raise _NeedsReference(_relative_message(text))
        day = reference - timedelta(days=(reference.weekday() - weekday) % 7)
        return DateValue(day, day, Precision.DAY)
    if (value := read_historical(text, lambda rest: _read(rest, reference, calendar))) is not None:
        return value
    if parts := _split_range(text):
        return _read_range(*parts, reference, calendar)
    if match := _QUALIFIED.fullmatch(text):
        return _qualify(match[1], match[1], _read(match[3], reference, calendar), text)
    if match := _WEEK_OF.fullmatch(text):
        day = _read(match[1], reference, calendar)
        if day.precision is not Precision.DAY or day.is_range:
            raise DateError(f"'week of' needs a day, e.g. 'week of 14 September 2020', not {text!r}")
        try:
            return DateValue(*period_of(day.start, Precision.WEEK), Precision.WEEK, day.approximate)
        except ValueError as err:  # the week of 31 December 9999 runs past the years kept
            raise DateError(f"{text!r}: {err}; write the day itself") from None
    if match := _QUARTER.fullmatch(text):
        quarter = int(match[1]) if match[1] else _ORDINALS[match[2].lower()]
        first = date(int(match[3]), quarter * 3 - 2, 1)
        return DateValue(*period_of(first, Precision.QUARTER), Precision.QUARTER)
    return _read_single(text, reference, calendar)


def _split_range(text: str) -> tuple[str, str] | None:
    """Split "X to Y", "between X and Y", "X – Y" or "Sept. 26-27, 2020" into its two ends."""
    between = re.match(r"between\s+", text, re.I) is not None
    body = re.sub(r"^(?:from|between)\s+", "", text, flags=re.I)
    match = None if "decade" in body.lower() else _DAY_SPAN.search(body)  # not "decade 1–9"
    if match and (between or (match[2] or "").lower() != "and"):
        outside = (body[: match.start()], body[match.end() :])
        return match[1].join(outside), match[3].join(outside)
    if match := (_JOINED_AND if between else _JOINED).fullmatch(body):
        return match[1], match[2]
    if (dash := range_dash(body)) is not None:  # not the dash of "decade 1700–1709"
        return body[:dash].strip(), body[dash + 1:].strip()
    if re.fullmatch(r"\d{4}-\d{4}", body):
        return body[:4], body[5:]
    return None


def _read_range(
    first: str, last: str, reference: date | None, calendar: Calendar | None
) -> DateValue:
    end = _read(last, reference, calendar)
    year = re.search(r"\b\d{3,4}\b", last)
    if year and not re.search(r"\d{3,4}", first):
        # "Sept. 30 – Oct. 2, 2020": the start borrows the end's year, or the year before it
        # when that would put it after the end ("30 December – 2 January 2021").
        for borrowed in (int(year.group()), int(year.group()) - 1):
            try:
                start = _read(f"{first} {borrowed}", reference, calendar)
            except DateError:
                break
            if start.start <= end.end:
                return combine_range(start, end)
    return combine_range(_read(first, reference, calendar), end)


def _qualify(first: str, last: str, value: DateValue, text: str) -> DateValue:
    """Narrow a month, year or decade to its early, middle or late third ("mid-to-late 2020")."""
    if value.is_range or value.precision not in THIRDS_OF:
        raise DateError(
            f"{text!r}: '{first.lower()}' needs a month, year or decade after it, e.g. "
            "'late September 2020', 'early 2020' or 'mid-1990s'"
        )
    thirds = thirds_of(value.start, value.end, value.precision)
    start = thirds[THIRDS.index(first.lower().replace("middle", "mid"))][0]
    end = thirds[THIRDS.index(last.lower().replace("middle", "mid"))][1]
    if end < start:
        raise DateError(f"{text!r} runs backwards; write e.g. 'mid-to-late 2020'")
    return DateValue(start, end, value.precision, approximate=True)


def _read_single(text: str, reference: date | None, calendar: Calendar | None) -> DateValue:
    """Read one plain date: ISO and numeric forms here, Hijri and Jalali, the rest by dateparser."""
    chosen = calendar or detect_calendar(text)
    if match := _ISO.fullmatch(text):
        return _read_iso(text, match, chosen)
    if chosen is not Calendar.GREGORIAN:
        return DateValue(*read_native(text, chosen))
    if match := _NUMERIC.fullmatch(text):
        return _read_numeric(text, *(int(group) for group in match.groups()))
    if written := match_written(text):  # the common English forms, without dateparser
        if needs_reference(written) and reference is None:
            raise _NeedsReference(_relative_message(text))
        if value := written_value(written, reference):
            return value
    if re.fullmatch(r"[\d\s.,/-]*", text):
        raise DateError(f"cannot read {text!r} as a date; {_EXAMPLES}")
    if not _is_arabic(text):
        _check_words(text)
    if len(re.findall(r"\d+", text)) > 1 and not re.search(r"\d{4}", text):
        raise DateError(
            f"{text!r} has no four-digit year; write the year in full, e.g. '13 September 2020'"
        )
    read = _engine_read(text, _BASES[0], None)
    if read is None:
        raise _impossible_day(text) or DateError(f"cannot read {text!r} as a date; {_EXAMPLES}")
    locale = read[2]
    if _engine_read(text, _BASES[1], locale) != _engine_read(text, _BASES[0], locale):
        if reference is None:
            raise _NeedsReference(_relative_message(text))
        read = _engine_read(text, reference, locale)
        if read is None or read[1] == "time":  # "90s" would be 90 seconds before the reference
            raise DateError(f"cannot read {text!r} as a date; {_EXAMPLES}")
    day, period, _ = read
    precision = _PERIODS.get(period)
    if precision is None:
        raise DateError(f"cannot read {text!r} as a date; {_EXAMPLES}")
    value = DateValue(*period_of(day, precision), precision)
    check_weekday(text, value)
    return value


def _relative_message(text: str) -> str:
    return (
        f"{text!r} is relative and there is no reference date to resolve it against; give "
        "the source a 'published' date or write the full date, e.g. '13 September 2020'"
    )


def _read_iso(text: str, match: re.Match[str], calendar: Calendar) -> DateValue:
    """Read "2020-09-13", "2020-09" or "2020" (also with / or .) without dateparser."""
    year = int(match[1])
    month, day = (int(group) if group else None for group in match.group(3, 4))
    if calendar is not Calendar.GREGORIAN:
        if month is None:
            raise DateError(f"{text!r}: write a {calendar} month too, e.g. '1442-01' or '1442-01-25'")
        precision = Precision.MONTH if day is None else Precision.DAY
        return DateValue(*native_span(calendar, year, month, day), precision)
    if month is not None and not 1 <= month <= 12:
        raise DateError(
            f"{text!r} has month {month}, but months run from 1 to 12; write the date as "
            f"year-month-day, e.g. '{year}-12-01' or '1 December {year}'"
        )
    if year < 1:
        raise DateError(f"{text!r} has year 0; {_EXAMPLES}")
    if month is None or day is None:
        precision = Precision.YEAR if month is None else Precision.MONTH
        return DateValue(*period_of(date(year, month or 1, 1), precision), precision)
    try:
        day_value = date.fromisoformat(f"{year:04d}-{month:02d}-{day:02d}")
    except ValueError:
        raise _not_a_day(text, year, month, day, iso=True) from None
    return DateValue(day_value, day_value, Precision.DAY)


def _read_numeric(text: str, first: int, second: int, year: int) -> DateValue:
    """Read 13/09/2020 or 09/13/2020, refusing 05/06/2020 where day and month could swap."""
    if first <= 12 and second <= 12 and first != second:
        raise DateError(
            f"{text!r} could be {first} {MONTHS[second - 1]} or {second} {MONTHS[first - 1]} "
            f"{year}; write the month as a word, e.g. '{first} {MONTHS[second - 1]} {year}', "
            f"or write '{year}-{second:02d}-{first:02d}'"
        )
    day, month = (second, first) if second > 12 else (first, second)
    if month > 12:
        raise DateError(f"cannot read {text!r} as a date: neither number is a month; {_EXAMPLES}")
    try:
        return DateValue(date(year, month, day), date(year, month, day), Precision.DAY)
    except ValueError:
        raise _not_a_day(text, year, month, day) from None


def _impossible_day(text: str) -> DateError | None:
    """Explain why dateparser refused "31 June 2020": the month has no such day."""
    match = _WRITTEN_DAY.fullmatch(text)
    if not match:
        return None
    day, name = (match[1], match[2]) if match[1] else (match[4], match[3])
    month = _MONTH_NUMBER.get(name[:3].lower())
    if month is None or not MONTHS[month - 1].lower().startswith(name.lower().replace("sept", "sep")):
        return None
    if int(day) <= monthrange(int(match[5]), month)[1]:
        return None
    return _not_a_day(text, int(match[5]), month, int(day))


def _not_a_day(text: str, year: int, month: int, day: int, *, iso: bool = False) -> DateError:
    last = monthrange(year, month)[1]
    example = f"{year:04d}-{month:02d}-{last:02d}" if iso else f"{last} {MONTHS[month - 1]} {year}"
    return DateError(
        f"{text!r} is not a real day ({MONTHS[month - 1]} {year} has {last} days); "
        f"write a day from 1 to {last}, e.g. '{example}'"
    )


def _check_words(text: str) -> None:
    """Refuse words dateparser would skip: "after 13 September 2020" is not 13 September."""
    words = re.findall(r"[a-z]+", text.lower())
    strangers = [word for word in words if word not in _DATE_WORDS and word[:3] not in _NAMES]
    if strangers:
        raise DateError(
            f"cannot read {text!r} as a date: {strangers[0]!r} is not part of a date; {_EXAMPLES}"
        )
    if not re.search(r"\d{4}", text) and not any(w in _RELATIVE or w[:3] in _NAMES for w in words):
        raise DateError(f"cannot read {text!r} as a date: it names no month or year; {_EXAMPLES}")

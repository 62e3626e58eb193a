"""Ranges written with an era ("300–250 BCE", "44 BCE – 14 CE", "January 33 CE – May 34 CE"), and
where a range's dash is.

Holds: ``BCE_MARK``, ``range_dash`` (the dash that joins a range's two ends, never the one inside "decade
1700–1709") and ``read_era_range``.
May import: ``timeline.dates.periods``, ``timeline.model``, ``timeline.errors``.

An era mark after the end of a range belongs to both ends unless the start has its own: dateparser
would otherwise read the start of "January 33 CE – May 34 CE" without its era, as 1934.
"""

from __future__ import annotations

import re
from typing import Callable

from timeline.dates.periods import month_number
from timeline.errors import DateError
from timeline.model import DateValue, Precision

BCE_MARK = r"(?<![A-Za-z])(?:BCE|BC|B\.\s?C\.(?:\s?E\.)?)(?![A-Za-z])"
"""'BCE', 'BC', 'B.C.', 'B.C.E.' as a word: the pattern every reader of BCE text shares."""
CE_MARK = r"(?<![A-Za-z])(?:AD|CE|A\.D\.|C\.E\.)(?![A-Za-z])"
_BCE, _CE = BCE_MARK, CE_MARK
_ERA = re.compile(rf"{_BCE}|{_CE}", re.I)
_ERA_AT_END = re.compile(rf"(.*?)(\d{{1,5}})\s*({_BCE}|{_CE})\.?", re.I)
_DECADE_SPAN = re.compile(r"decade\s+\d{1,4}\s*[–-]\s*\d{1,4}", re.I)
_WORD_JOIN = re.compile(r"\s(?:to|until|till|through)\s", re.I)
_BETWEEN = re.compile(r"between\s+(.+?)\s+and\s+(.+)", re.I)
_MARK = re.compile(r"\s*(?:\((?:Julian|Gregorian)\)|\bO\.S\.|\bN\.S\.)", re.I)

Reader = Callable[[str], DateValue]


def range_dash(text: str, *, hyphens: bool = False) -> int | None:
    """Return the index of the dash joining a range's ends, or ``None``.

    ``hyphens``: a hyphen between two numbers counts too ("15-17 March 44 BC"); an ISO date's
    hyphens are not looked at, as a text with an era is never ISO.
    """
    inside = [range(m.start(), m.end()) for m in _DECADE_SPAN.finditer(text)]
    for match in re.finditer(r"–" + (r"|(?<=\d)-(?=\d)" if hyphens else ""), text):
        if not any(match.start() in span for span in inside):
            return match.start()
    return None


def read_era_range(text: str, read: Reader) -> DateValue | None:
    """Return the value of a range with an era mark, or ``None`` if ``text`` is not one.

    Raises:
        DateError: an end cannot be read, or the range runs backwards.
    """
    if not _ERA.search(text):
        return None
    body = re.sub(r"^from\s+", "", text, flags=re.I)
    if between := _BETWEEN.fullmatch(body):
        first, last = between[1], between[2]
    elif (dash := range_dash(body, hyphens=True)) is not None:
        first, last = body[:dash].strip(), body[dash + 1:].strip()
    elif join := _WORD_JOIN.search(body):
        first, last = body[:join.start()].strip(), body[join.end():].strip()
    else:
        return None
    if not first or not last:
        return None
    start, end = read(_borrow_era(first, last)), read(last)
    if end.end < start.start:
        raise DateError(f"{text!r} runs backwards: before the common era years count down, so the "
                        "earlier date has the larger number; write e.g. '300–250 BCE'")
    order = tuple(Precision)
    precision = max(start.precision, end.precision, key=order.index)
    return DateValue(start.start, end.end, precision, start.approximate or end.approximate, True)


def _borrow_era(first: str, last: str) -> str:
    """Give a range's start what it shares with its end: "300–250 BCE", "15–17 March 44 BC",
    "March – May 44 BCE"; a start with its own era keeps it."""
    era = _ERA_AT_END.fullmatch(_MARK.sub("", last))
    if _ERA.search(first) or era is None:
        return first
    year, mark = era[2], era[3]
    if re.fullmatch(r"\d{1,2}", first) and (day := re.match(r"\d{1,2}(?:st|nd|rd|th)?\s+(.+)", last)):
        return f"{first} {day[1]}"  # the day borrows the month, year, era and calendar mark
    if month_number(first):
        return f"{first} {year} {mark}"
    return f"{first} {mark}"

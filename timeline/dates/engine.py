"""The one dateparser set-up: pinned settings, fixed bases, and the locales tried for a script.

dateparser's defaults fill a missing day or month with *today's* and resolve relative dates
against the clock; here the settings are fixed once and every parser gets an explicit
``RELATIVE_BASE``. dateparser itself is imported when the first parser is made: the common
written forms never reach it, and ``timeline validate`` should not pay for its import (~0.2 s).
"""

from __future__ import annotations

import functools
import re
from datetime import date, datetime
from types import MappingProxyType
from typing import TYPE_CHECKING, Mapping

if TYPE_CHECKING:
    from dateparser.date import DateDataParser

_SETTINGS: Mapping[str, object] = MappingProxyType({
    "PREFER_DAY_OF_MONTH": "first",
    "PREFER_MONTH_OF_YEAR": "first",
    "PREFER_DATES_FROM": "past",  # "Dec. 5" in a September article is last December
    "RETURN_TIME_AS_PERIOD": True,  # "the 1990s" read as a time shows up as period 'time'
})  # fmt: skip
"""dateparser's settings, fixed for every read; ``RELATIVE_BASE`` is added per parser."""

BASES = (date(2001, 2, 3), date(2013, 10, 22))
"""Two unrelated reference days (they differ in year, month, day and weekday): a text read
differently against them is relative."""
_LOCALES: Mapping[str, tuple[tuple[str, ...], ...]] = MappingProxyType({
    "latin": (("en",),),
    # One parser cannot hold both 'ar' and 'ar-IQ'; Levantine month names need 'ar-IQ'.
    "arabic": (("ar",), ("ar-IQ",), ("fa",)),
})  # fmt: skip


def is_arabic(text: str) -> bool:
    """Return True when the text has Arabic-script letters (Arabic or Persian month names)."""
    return re.search(r"[\u0600-\u06ff]", text) is not None


@functools.lru_cache(maxsize=65536)
def engine_read(
    text: str, base: date, locale: tuple[str, ...] | None
) -> tuple[date, str, tuple[str, ...]] | None:
    """Read ``text`` with dateparser against ``base``: (first day, period, locale) or None."""
    # dateparser reads "Sep." and "Sept" but not every spelling of "Sept."; one form is safer.
    text = re.sub(r"\bsept?\b\.?", "Sep", text, flags=re.I)
    group = _LOCALES["arabic" if is_arabic(text) else "latin"]
    for candidate in (locale,) if locale else group:
        data = _parser(candidate, base).get_date_data(text)
        if data.date_obj is not None:
            return data.date_obj.date(), data.period or "day", candidate
    return None


@functools.lru_cache(maxsize=256)
def _parser(locale: tuple[str, ...], base: date) -> DateDataParser:
    from dateparser.date import DateDataParser

    settings = dict(_SETTINGS, RELATIVE_BASE=datetime(base.year, base.month, base.day))
    return DateDataParser(locales=list(locale), settings=settings)

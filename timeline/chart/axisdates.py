"""Dates as Plotly's date axis takes them, in any era.

Holds: ``plotly_dates`` and its inverse ``date_ms``, the axis's cut at year 0, the tick
labels of years before the common era, and the tick labels in Arabic and Persian (``reader_ticks``).
May import: numpy, ``timeline.dates.days``, ``timeline.dates.readerdates``, ``timeline.lang``, the model.

Plotly's date axis counts proleptic Gregorian days from the year -9999 to 9999, with
astronomical years (measured: "-0043-03-15" draws, labelled "-0043"), while people write 44 BCE
for the astronomical year -43. So a day before the common era is drawn one year earlier, in the
axis year that is minus its BCE year (15 March 44 BCE at "-0044-03-15"), keeping its month and
day: round ticks fall on round BCE years and read "44 BCE" through ``labelalias``. The axis year
0 then holds nothing and is cut out (``YEAR_ZERO_BREAK``), so 1 BCE runs into 1 CE as history
counts. A 29 February that the axis year lacks is drawn at the start of 1 March. Positions are
otherwise exact: the cut gives back the year the shift took.
"""

from __future__ import annotations

import calendar
from datetime import date
from typing import Iterable

import numpy as np

from timeline.dates.days import day_from_ordinal, make_day
from timeline.dates.readerdates import describe_date_in, month_name, to_reader_digits
from timeline.lang.languages import RIGHT_TO_LEFT
from timeline.model import DateValue, Precision

MS_PER_DAY = 86_400_000
_EPOCH_ORDINAL = date(1970, 1, 1).toordinal()
YEAR_ONE_MS = (1 - _EPOCH_ORDINAL) * MS_PER_DAY
"""The first millisecond of 1 January 1 CE."""
YEAR_ZERO_BREAK = ("0000-01-01", "0001-01-01")
"""The axis year that no day is drawn in (see the module), cut out of every axis reaching BCE."""
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_YEAR_1000_MS = (date(1000, 1, 1).toordinal() - _EPOCH_ORDINAL) * MS_PER_DAY
_DAY_LABEL_YEARS = 40
"""Years before the common era whose every day gets a written tick label (366 each)."""


def plotly_dates(ms: np.ndarray) -> np.ndarray:
    """Return epoch milliseconds as Plotly date strings ('2020-09-13 12:00'), never bare numbers:
    a numeric date axis makes image exports start in 1970."""
    values = np.asarray(ms, dtype=np.int64)
    text = np.datetime_as_string(values.astype("datetime64[ms]"), unit="m")
    out = [t.replace("T", " ").removesuffix(" 00:00") for t in text.tolist()]
    if values.size and values.min() < YEAR_ONE_MS:
        for index in np.flatnonzero(values < YEAR_ONE_MS).tolist():
            out[index] = _axis_text(int(values[index]))
    return np.array(out, dtype=object)


def _axis_text(ms: int) -> str:
    days, rest = divmod(ms, MS_PER_DAY)
    day = day_from_ordinal(days + _EPOCH_ORDINAL)
    year, month, day_of_month = day.year - 1, day.month, day.day
    if (month, day_of_month) == (2, 29) and not calendar.isleap(year):
        month, day_of_month, rest = 3, 1, 0
    time = f" {rest // 3_600_000:02d}:{rest // 60_000 % 60:02d}" if rest else ""
    return f"-{-year:04d}-{month:02d}-{day_of_month:02d}{time}"


def date_ms(value: str) -> float:
    """Return a Plotly date string (from ``plotly_dates``) as epoch milliseconds."""
    text = str(value).replace("T", " ").strip()
    if text.startswith("0000"):
        return float(YEAR_ONE_MS)  # the cut-out year: where 1 CE begins
    if not text.startswith("-"):
        return float(np.datetime64(text.replace(" ", "T"), "ms").astype("int64"))
    day_text, _, time = text[1:].partition(" ")
    year, month, day = (int(part) for part in day_text.split("-"))
    if (month, day) == (2, 29) and not calendar.isleap(1 - year):
        month, day = 3, 1
    ordinal = make_day(1 - year, month, day).toordinal()
    hours, _, minutes = time.partition(":")
    rest = (int(hours or 0) * 60 + int(minutes or 0)) * 60_000
    return float((ordinal - _EPOCH_ORDINAL) * MS_PER_DAY + rest)


def era_tick_labels(window: tuple[int, int], marks_ms: Iterable[int] | np.ndarray = (),
                    lang: str = "en") -> dict[str, str]:
    """Return ``labelalias`` for an axis over ``window`` that reaches before the common era.

    Every year tick before it reads "44 BCE" instead of "-44", and a year tick up to 999 CE
    "33 CE"; month and day ticks ("Mar -44") are written out for the BCE years holding ``marks_ms``
    (the figure cannot know where a reader will zoom; elsewhere "-44" still means 44 BCE). In
    Arabic or Persian (``lang``) for any axis starting before the year 1000, its years and the
    months and days of the years holding ``marks_ms`` as ``readerdates`` writes them ("44 ق.م").
    """
    if lang in RIGHT_TO_LEFT:
        return _reader_era_labels(window, marks_ms, lang) if window[0] < _YEAR_1000_MS else {}
    if window[0] >= YEAR_ONE_MS:
        return {}
    first_bce = _bce_year(window[0])
    last_year = date_year(window[1])
    aliases = {f"-{n}": f"{n} BCE" for n in range(1, first_bce + 1)}
    aliases.update({str(n): f"{n} CE" for n in range(1, min(999, max(last_year, 0)) + 1)})
    aliases["0"] = "1 CE"  # a tick on the cut-out year stands where 1 CE begins
    years = sorted({_bce_year(ms) for ms in np.asarray(marks_ms, dtype=np.int64).tolist() if ms < YEAR_ONE_MS})
    for number in years:
        for month in range(1, 13):
            aliases[f"{_MONTHS[month - 1]} -{number}"] = f"{_MONTHS[month - 1]} {number} BCE"
    for number in years[:_DAY_LABEL_YEARS]:
        for month in range(1, 13):
            for day in range(1, calendar.monthrange(-number, month)[1] + 1):
                aliases[f"{day} {_MONTHS[month - 1]} -{number}"] = f"{day} {_MONTHS[month - 1]} {number} BCE"
    return aliases


def _reader_era_labels(window: tuple[int, int], marks_ms: Iterable[int] | np.ndarray, lang: str) -> dict[str, str]:
    """``era_tick_labels`` in Arabic or Persian: each year as ``readerdates`` writes it, set to read
    right to left (its era word after the number); months and days of the years holding marks."""
    def year_key(year: int) -> str:  # the label Plotly's "%-Y" writes for an axis year (see the module)
        return str(year) if year > 0 else f"-{1 - year}"

    def year_words(year: int) -> str:
        return describe_date_in(DateValue(make_day(year, 1, 1), make_day(year, 12, 31), Precision.YEAR), lang)

    # Every year: an axis with breaks ticks the odd years at a break's edges too ("-573", "646").
    years = range(_astronomical_year(window[0]), date_year(window[1]) + 1)
    aliases = {year_key(year): f"{_RLM}{year_words(year)}{_RLM}" for year in years if year != 0}
    aliases["0"] = aliases.get("1", f"{_RLM}{year_words(1)}{_RLM}")  # where 1 CE begins (see the module)
    months = [month_name(month, lang) for month in range(1, 13)]
    marked = sorted({_astronomical_year(ms) for ms in np.asarray(marks_ms, dtype=np.int64).tolist()})
    for index, year in enumerate(y for y in marked if y != 0):
        words, key = year_words(year), year_key(year)
        for month in range(12):
            aliases[f"{_MONTHS[month]} {key}"] = f"{_RLM}{months[month]} {words}{_RLM}"
            if index < _DAY_LABEL_YEARS:
                for day in range(1, calendar.monthrange(year if year > 0 else year - 1, month + 1)[1] + 1):
                    aliases[f"{day} {_MONTHS[month]} {key}"] = (
                        f"{_RLM}{to_reader_digits(str(day), lang)} {months[month]} {words}{_RLM}")
    return aliases


def _astronomical_year(ms: int) -> int:
    """The year a person counts for the axis position ``ms``: 1 - n for the axis year -n (n BCE)."""
    return 1 - _bce_year(ms) if ms < YEAR_ONE_MS else date_year(ms)


def _bce_year(ms: int) -> int:
    """Return the BCE year holding ``ms`` (before 1 CE): the axis year's number without its sign."""
    return int(_axis_text(ms)[1:].split("-")[0])


def date_year(ms: int) -> int:
    """Return the astronomical year holding the epoch millisecond ``ms``."""
    return day_from_ordinal(ms // MS_PER_DAY + _EPOCH_ORDINAL).year


READER_TICK_FORMATS = [dict(dtickrange=[None, MS_PER_DAY], value="%H:%M"),
                       dict(dtickrange=[MS_PER_DAY, "M1"], value="%-d %b"),
                       dict(dtickrange=["M1", "M12"], value="%b %Y"),
                       dict(dtickrange=["M12", None], value="%Y")]
"""Tick labels a reader's language can be given for: Plotly writes English month names, so its
labels are made predictable ("13 Sep", "Sep 2020", "2020") and each is aliased (``reader_ticks``)."""
_MONTH_LABEL_YEARS = 120
"""Spans up to this many years get a written label for every month ("Sep 2020"); longer ones
have year ticks only, and get their years alone."""
_YEAR_LABELS = 1_000
"""Years written one by one at most; past it only every tenth (the only years Plotly ticks then)."""
_RLM = "\u200f"


def reader_ticks(window: tuple[int, int], lang: str) -> dict:
    """Return a date axis's ``tickformatstops`` and ``labelalias`` that write its ticks in ``lang``
    (Arabic or Persian; {} for other languages and for axes reaching before the year 1000, whose
    era labels stay as ``era_tick_labels`` writes them).

    Time still runs left to right. The alias covers every label the axis can show over ``window``:
    its years, each month of it ("Sep 2020" -> "سبتمبر 2020") and every day of a year ("13 Sep"),
    each set to read right to left (a right-to-left mark at each end: Plotly's SVG is left to right).
    """
    if lang not in RIGHT_TO_LEFT or window[0] < _YEAR_1000_MS:
        return {}
    first, last = date_year(window[0]), date_year(window[1])
    digits = lambda text: to_reader_digits(text, lang)  # noqa: E731
    directed = lambda text: f"{_RLM}{text}{_RLM}"  # noqa: E731
    months = [month_name(month, lang) for month in range(1, 13)]
    years = range(first, last + 1)
    if len(years) > _YEAR_LABELS:
        years = range(first - first % 10, last + 1, 10)
    aliases = {str(year): digits(str(year)) for year in years if digits(str(year)) != str(year)}
    if last - first < _MONTH_LABEL_YEARS:
        aliases.update({f"{_MONTHS[m]} {year}": directed(f"{months[m]} {digits(str(year))}")
                        for year in range(first, last + 1) for m in range(12)})
        aliases.update({f"{day} {_MONTHS[m]}": directed(f"{digits(str(day))} {months[m]}")
                        for m in range(12) for day in range(1, calendar.monthrange(2000, m + 1)[1] + 1)})
        if digits("0") != "0":
            aliases.update({f"{hour:02d}:{minute:02d}": digits(f"{hour:02d}:{minute:02d}")
                            for hour in range(24) for minute in range(0, 60, 5)})
    return dict(tickformatstops=READER_TICK_FORMATS, labelalias=aliases)

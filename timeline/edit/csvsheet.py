"""TimelineJS's Google Sheet template as CSV: one row a slide, dates in parts, HTML in the text.

Holds: ``read_sheet`` (a row of the template to a :class:`Draft`) and the template's columns.
May import: ``timeline.edit.csvrows``, ``timeline.dates``, ``timeline.store`` (patterns), ``timeline.model``.

The template's columns: Year, Month, Day, Time, End Year, End Month, End Day, End Time, Display
Date, Headline, Text, Media, Media Credit, Media Caption, Media Thumbnail, Type, Group,
Background. Empty cells are normal. A row whose Type is ``title`` is the title slide, not an
event; ``era`` makes an era (a band behind the events). Dates are read as
``import-timelinejs`` reads TimelineJS's JSON: the parts given and no more, negative years as
TimelineJS shows them (-300 is 300 BCE), days in its proleptic Gregorian calendar.
"""

from __future__ import annotations

import re

from timeline.dates.periods import MONTHS, month_number
from timeline.edit.csvrows import Draft, Row, RowProblems, keep_fields, plain_text
from timeline.model import CATEGORIES, Media
from timeline.store.records import URL_PATTERN

SHEET_REQUIRED = ("Year", "Headline")
_CITE = re.compile(r"<cite\b.*?</cite>", re.I | re.S)
_SHEET_USED = ("Year", "Month", "Day", "End Year", "End Month", "End Day", "Headline", "Text", "Media",
               "Media Credit", "Media Caption", "Type", "Group")


def read_sheet(row: Row, problems: RowProblems) -> Draft | None:
    """Return what a row of TimelineJS's sheet template says; None for the title slide, which is
    not an event. Headlines and text are HTML there: they become plain text."""
    kind = row.get("Type").lower()
    if kind == "title":
        return None
    if kind not in ("", "era"):
        problems.add(row.column("Type"), f"'{row.get('Type')}' is not a TimelineJS slide type; leave it empty for "
                     "an event, or write 'era' or 'title'")
    draft = Draft(era=kind == "era", columns={"date": row.column("Year") or "Year", "end": row.column("End Year")
                                              or "End Year"})
    draft.date = _sheet_date(row, "", problems)
    end = _sheet_date(row, "End ", problems) if row.get("End Year") else None
    draft.end = end if end != draft.date else None
    draft.title = plain_text(row.get("Headline")) or None
    if not draft.title:
        problems.add(row.column("Headline") or "Headline", "is empty; give every slide a headline")
    draft.summary = plain_text(row.get("Text")) or None
    media = row.get("Media")
    if URL_PATTERN.match(media):
        draft.media = Media(media, plain_text(row.get("Media Caption")) or None,
                            plain_text(row.get("Media Credit")) or None)
    elif media.lower().startswith("<blockquote"):  # TimelineJS's quote slide: the quote, without its <cite>
        draft.quote = plain_text(_CITE.sub("", media)) or None
    elif media:  # an embed code or a bare name: kept, but not as a link
        draft.fields["media"] = media
    group = row.get("Group")
    draft.category = group if group in CATEGORIES else "other"
    if group and group not in CATEGORIES:
        draft.add_actor(group)
    keep_fields(row, draft, _SHEET_USED)
    return draft


def _sheet_date(row: Row, prefix: str, problems: RowProblems) -> str | None:
    """The date parts as a person writes them: '2020', 'September 2020', '13 September 2020'."""
    parts: dict[str, int] = {}
    for part, low, high in (("Year", -9999, 9999), ("Month", 1, 12), ("Day", 1, 31)):
        text = row.get(prefix + part)
        if not text:
            continue
        number = int(text) if re.fullmatch(r"-?\d+", text) else month_number(text) if part == "Month" else None
        if number is None or not low <= number <= high or (part == "Year" and number == 0):
            problems.add(row.column(prefix + part), f"'{text}' is not a {part.lower()}; write a whole number from "
                         f"{low} to {high}" + (" (TimelineJS has no year 0: 1 BCE is -1)" if part == "Year" else ""))
            return None
        parts[part] = number
    for part, needs in (("Year", "Month"), ("Month", "Day")):
        if needs in parts and part not in parts:
            problems.add(row.column(prefix + part) or prefix + part, f"is empty while '{prefix}{needs}' is given; "
                         f"give the {part.lower()}" + (", e.g. 2020" if part == "Year" else ""))
            return None
    if "Year" not in parts:
        problems.add(row.column(prefix + "Year") or prefix + "Year", "is empty; give at least the year, e.g. 2020")
        return None
    year, month, day = parts["Year"], parts.get("Month"), parts.get("Day")
    named = ([str(day)] if day else []) + ([MONTHS[month - 1]] if month else [])
    if year < 0:  # TimelineJS shows -300 as 300 BCE; its days are proleptic Gregorian
        return " ".join(named + [f"{-year} BCE"] + (["(Gregorian)"] if day else []))
    if year < 100:
        return f"{year:04d}-{month:02d}-{day:02d}" if day and month else " ".join(named + [f"{year} CE"])
    gregorian = " (Gregorian)" if day and month and (year, month, day) < (1582, 10, 15) else ""
    return " ".join(named + [str(year)]) + gregorian

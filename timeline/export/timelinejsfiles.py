"""Which kind of TimelineJS file a text is: TimelineJS 3 JSON is read, TimelineJS 2 JSON (and
the first layout of version 3, ``{"timeline": {"slides": [...]}}``) is converted to it, and the
others are refused with the command that reads them.

Holds: ``timelinejs_document`` and ``from_timelinejs2``.
May import: ``timeline.errors`` and the standard library.

TimelineJS 2 wrote ``{"timeline": {"headline", "text", "asset", "date": [...], "era": [...]}}``
with dates as ``"startDate": "2012,1,26"`` and media as ``asset: {media, caption, credit}``.
The Google Sheets template (a CSV with the columns Year, Month, Day, ..., Headline, Text, Media)
is a different table: ``timeline import-csv FILE --preset timelinejs-sheet`` reads it.
"""

from __future__ import annotations

import csv
import json
import re
from typing import Any

from timeline.errors import TimelineError

SHEET_COMMAND = "timeline import-csv {file} -o OUT.yaml --preset timelinejs-sheet"
_TL2_DATE = re.compile(r"-?\d+(?:\s*,\s*-?\d*)*")
_TL2_PARTS = ("year", "month", "day", "hour", "minute", "second")


def timelinejs_document(text: str, *, source_name: str) -> dict[str, Any]:
    """Return the TimelineJS 3 document a file's text holds (a TimelineJS 2 file converted).

    Raises:
        TimelineError: not JSON (a TimelineJS Google Sheets CSV is named, with the command that
            reads it), or JSON of another kind (StoryMapJS, a TimelineJS 2 file without dates).
    """
    stripped = text.lstrip("\ufeff \t\r\n")
    if stripped and stripped[0] not in "{[":
        header = next(csv.reader([stripped.splitlines()[0]]), [])
        columns = {column.strip().lower() for column in header}
        if "headline" in columns and columns & {"year", "start date"}:
            raise TimelineError(
                "this is a TimelineJS Google Sheets CSV (columns Year, Month, Day, ..., Headline, Text, Media), "
                "not TimelineJS JSON; read it with: " + SHEET_COMMAND.format(file=source_name), source=source_name)
    try:
        document = json.loads(stripped)
    except json.JSONDecodeError as err:
        raise TimelineError(f"not valid JSON: {err.msg}; a TimelineJS file is one JSON object with "
                            "an 'events' list", source=source_name, line=err.lineno, column=err.colno) from err
    if isinstance(document, dict) and "events" not in document:
        if isinstance(document.get("storymap"), dict):
            raise TimelineError("this is a StoryMapJS file (a top-level 'storymap'), not a TimelineJS timeline; "
                                "import-timelinejs reads TimelineJS 3 JSON ('events') and TimelineJS 2 JSON "
                                "('timeline' with a 'date' list)", source=source_name)
        older = document.get("timeline")
        if isinstance(older, dict) and isinstance(older.get("slides"), list):
            # TimelineJS 3's first layout (its own welcome timeline): version 3's slides under 'timeline'.
            return {"events": older["slides"], **{key: older[key] for key in ("title", "eras") if key in older}}
        if isinstance(older, dict):
            if not isinstance(older.get("date"), list):
                raise TimelineError("this looks like TimelineJS 2 JSON (a top-level 'timeline') but it has no "
                                    "'date' list of slides; give it one, or export the timeline again as "
                                    "TimelineJS 3 JSON (an 'events' list)", source=source_name)
            return from_timelinejs2(older)
    return document


def from_timelinejs2(timeline: dict[str, Any]) -> dict[str, Any]:
    """Return a TimelineJS 2 ``timeline`` object as a TimelineJS 3 document."""
    document: dict[str, Any] = {"events": [_slide(item) for item in timeline["date"]]}
    if timeline.get("headline") or timeline.get("text"):
        document["title"] = {"text": {"headline": timeline.get("headline"), "text": timeline.get("text")}}
    eras = timeline.get("era")
    if isinstance(eras, list):
        document["eras"] = [_slide(era) for era in eras]
    return document


def _slide(item: Any) -> Any:
    if not isinstance(item, dict):
        return item  # reported by the reader, by its number
    slide: dict[str, Any] = {"text": {"headline": item.get("headline"), "text": item.get("text")}}
    start, end = _date(item.get("startDate")), _date(item.get("endDate"))
    if start is not None:
        slide["start_date"] = start
    if end is not None and end != start:
        slide["end_date"] = end
    asset = item.get("asset")
    if isinstance(asset, dict):
        slide["media"] = {"url": asset.get("media"), "caption": asset.get("caption"), "credit": asset.get("credit")}
    tag = item.get("tag") or item.get("tags")
    if isinstance(tag, str) and tag.strip():
        slide["group"] = tag
    return slide


def _date(raw: Any) -> dict[str, str] | str | None:
    """'2012,1,26' as {year, month, day}; other text is kept as it is, for the reader to refuse."""
    if raw in (None, ""):
        return None
    text = str(raw).strip()
    if not _TL2_DATE.fullmatch(text):
        return text
    return {name: value.strip() for name, value in zip(_TL2_PARTS, text.split(",")) if value.strip()}

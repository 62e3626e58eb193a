"""timeline: political event timelines read from YAML, with dates that keep their precision."""

from timeline.dates import combine_range, describe_date, parse_date
from timeline.figure import FigureOptions, build_figure
from timeline.errors import DateError, ExportError, TimelineError, ValidationError, WriteError
from timeline.model import CATEGORIES, Calendar, DateValue, Era, Event, Precision, Source, Timeline
from timeline.store import check_store, load_timeline
from timeline.table import events_frame

__all__ = [
    "CATEGORIES",
    "Calendar",
    "DateError",
    "DateValue",
    "Era",
    "Event",
    "FigureOptions",
    "ExportError",
    "Precision",
    "Source",
    "Timeline",
    "TimelineError",
    "ValidationError",
    "WriteError",
    "build_figure",
    "check_store",
    "combine_range",
    "describe_date",
    "events_frame",
    "load_timeline",
    "parse_date",
]

"""Hover text of an event: what it is, its date as written and as read, who, where, reported by."""

from __future__ import annotations

import html
import textwrap

from timeline.dates.reading import describe_date
from timeline.model import Event, Precision

_WRAP = 64
_PRECISION_WORDS = {
    Precision.WEEK: "known to the week",
    Precision.MONTH: "known to the month",
    Precision.QUARTER: "known to the quarter",
    Precision.YEAR: "known to the year",
    Precision.DECADE: "known to the decade",
    Precision.CENTURY: "known to the century",
}


def plotly_text(text: str) -> str:
    """Escape text for Plotly's pseudo-HTML: '<' and '&' would start tags and entities there.

    Quotes stay as they are: Plotly does not decode '&quot;', so escaping them would show it.
    """
    return html.escape(text, quote=False)


def precision_words(event: Event) -> str:
    """Return how precisely the date is known, e.g. 'exact day' or 'known to the month, approximate'."""
    value = event.date
    if value.precision is not Precision.DAY:
        words = _PRECISION_WORDS[value.precision]
    elif value.is_range:
        words = "range of days"
    elif value.start < value.end:
        words = "some day in this window"
    else:
        words = "exact day"
    return f"{words}, approximate" if value.approximate else words


def hover_text(event: Event) -> str:
    """Return the hover text of ``event``: Plotly's pseudo-HTML with every user text escaped."""
    lines = [f"<b>{_wrapped(event.title)}</b>"]
    lines.append(f"Written: {_escape(event.date_as_written)}")
    cut = f", reported by {event.reported_by.day} {event.reported_by:%B} {event.reported_by.year}" \
        if event.reported_by else ""
    lines.append(f"Read as: {_escape(describe_date(event.date))}{cut} ({precision_words(event)})")
    lines.append(f"<i>{_escape(event.category)}</i>")
    for name, values in (("Actors", event.actors), ("Places", event.places),
                         ("Source", tuple(dict.fromkeys(s.outlet for s in event.sources)))):
        if values:
            lines.append(f"{name}: {_wrapped(', '.join(values))}")
    return "<br>".join(lines)


def _escape(text: str) -> str:
    return plotly_text(" ".join(str(text).split()))


def _wrapped(text: str) -> str:
    if len(text) <= _WRAP:  # textwrap is slow enough to matter at 100k events
        return _escape(text)
    return "<br>".join(_escape(line) for line in textwrap.wrap(text, _WRAP))

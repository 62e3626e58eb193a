"""Hover text of an event: what it is, its date as written and as read, who, where, reported by;
and an event's own text as a reader of some language sees it (their language, else another marked
as such), in the direction their language is read.

Holds: ``plotly_text``, ``hover_text``, ``precision_words``, ``shown_text``, ``directed``, ``ENGLISH``.
May import: ``timeline.lang``, ``timeline.dates``, ``timeline.view.display``, the model.
"""

from __future__ import annotations

import html
import textwrap
from typing import Any, Callable

from timeline.dates.readerdates import describe_date_in
from timeline.lang.catalogs import N_, Messages, messages
from timeline.lang.languages import isolate
from timeline.model import DateValue, Event, Precision
from timeline.view.display import list_separator

ENGLISH = messages()
_WRAP = 64
_PRECISION_WORDS = {
    Precision.WEEK: N_("known to the week"),
    Precision.MONTH: N_("known to the month"),
    Precision.QUARTER: N_("known to the quarter"),
    Precision.YEAR: N_("known to the year"),
    Precision.DECADE: N_("known to the decade"),
    Precision.CENTURY: N_("known to the century"),
}
_RLM = "\u200f"


def plotly_text(text: str) -> str:
    """Escape text for Plotly's pseudo-HTML: '<' and '&' would start tags and entities there.

    Quotes stay as they are: Plotly does not decode '&quot;', so escaping them would show it.
    """
    return html.escape(text, quote=False)


def directed(line: str, text: Messages) -> str:
    """Return one line of chart text set to read right to left for an Arabic or Persian reader.

    Plotly draws text in SVG with the page's left-to-right direction; a right-to-left mark at both
    ends makes the line one right-to-left run, so a label, a colon and a Latin name or a number
    after it keep the reader's order (the name itself is isolated by whoever puts it in)."""
    return f"{_RLM}{line}{_RLM}" if text.rtl else line


def shown_text(item: Any, field: str, text: Messages, *, short: bool = False,
               cut: Callable[[str], str] | None = None) -> str:
    """Return an event's (or story's, step's) ``field`` for a reader of ``text.lang``, unescaped:
    their language, else the text's own with its language named, "(in English)", or for on-chart
    labels and other short places (``short``) its code, "[EN]". ``cut`` shortens the text itself
    (the note stays whole). '' when the field is empty."""
    shown = item.text(field, text.lang)
    if shown is None:
        return ""
    words = cut(shown.text) if cut else shown.text
    if not (shown.fallback and shown.lang):
        return words
    if short:
        return f"{isolate(words)} [{shown.lang.upper()}]"
    return text.gettext("{text} (in {language})").format(
        text=isolate(words), language=text.language_name(shown.lang))


def precision_words(event: Event, text: Messages = ENGLISH) -> str:
    """Return how precisely the date is known, e.g. 'exact day' or 'known to the month, approximate'."""
    value: DateValue = event.date
    if value.precision is not Precision.DAY:
        words = text.gettext(_PRECISION_WORDS[value.precision])
    elif value.is_range:
        words = text.gettext("range of days")
    elif value.start < value.end:
        words = text.gettext("some day in this window")
    else:
        words = text.gettext("exact day")
    return text.gettext("{precision}, approximate").format(precision=words) if value.approximate else words


def hover_text(event: Event, text: Messages = ENGLISH) -> str:
    """Return the hover text of ``event`` in the reader's language: Plotly's pseudo-HTML with every
    user text escaped (the date as written is shown as written)."""
    own = (lambda value: value) if not text.rtl else isolate
    lines = [f"<b>{_title(event, text)}</b>"]
    lines.append(text.gettext("Written: {date}").format(date=_escape(own(event.date_as_written))))
    read = _escape(describe_date_in(event.date, text.lang))
    precision = _escape(precision_words(event, text))
    if event.reported_by:
        day = describe_date_in(DateValue(event.reported_by, event.reported_by, Precision.DAY), text.lang)
        lines.append(text.gettext("Read as: {date}, reported by {day} ({precision})").format(
            date=read, day=_escape(day), precision=precision))
    else:
        lines.append(text.gettext("Read as: {date} ({precision})").format(date=read, precision=precision))
    translate = text.gettext  # the category's label: ours are in the catalog, a store's own pass through
    lines.append("<i>" + _escape(translate(event.category)) + "</i>")
    comma = list_separator(text.lang)
    for line, values in ((N_("Actors: {names}"), event.actors), (N_("Places: {names}"), event.places),
                         (N_("Source: {names}"), tuple(dict.fromkeys(s.outlet for s in event.sources)))):
        if values:
            lines.append(text.gettext(line).format(names=_wrapped(comma.join(own(v) for v in values))))
    if not text.rtl:
        return "<br>".join(lines)
    return "<br>".join(directed(part, text) for part in "<br>".join(lines).split("<br>"))


def _title(event: Event, text: Messages) -> str:
    """The title wrapped, each line isolated when it is in another language than the reader's and
    the last one saying which (an isolate cannot run across Plotly's lines)."""
    shown = event.text("title", text.lang)
    if shown is None or not (shown.fallback and shown.lang):
        return _wrapped(shown.text if shown else event.title)
    lines = [isolate(line) for line in _lines(shown.text)]
    lines[-1] = text.gettext("{text} (in {language})").format(
        text=lines[-1], language=text.language_name(shown.lang))
    return "<br>".join(_escape(line) for line in lines)


def _lines(text: str) -> list[str]:
    return [text] if len(text) <= _WRAP else textwrap.wrap(text, _WRAP) or [text]


def _escape(text: str) -> str:
    return plotly_text(" ".join(str(text).split()))


def _wrapped(text: str) -> str:
    if len(text) <= _WRAP:  # textwrap is slow enough to matter at 100k events
        return _escape(text)
    return "<br>".join(_escape(line) for line in textwrap.wrap(text, _WRAP))

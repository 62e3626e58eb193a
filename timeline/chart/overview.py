"""A selection too large to draw event by event, drawn as counts a person can read.

Holds: ``Overview`` (a selection's rows, its events per row per week or month, its events per
bin, its span: what the chart needs besides the marks it draws), ``overview_of`` (the overview of
a selection, asked of a query engine), ``OVERVIEW_FROM`` and ``OVERVIEW_MARKS``, the heat strip
trace (``heat_trace``), the bars under it (``total_bars``) and the chart's note (``overview_note``).
May import: ``timeline.chart.rows``, ``timeline.chart.density``, ``timeline.chart.axisdates``,
``timeline.chart.palette``, ``timeline.view.filters`` (the state it is asked for), ``timeline.lang``,
``timeline.dates``, numpy, plotly.

Why counts: at 100,000 events 11,000 marks overlap into a solid wall and cost seconds to send;
shaded cells (events per row per week, or per month over more than two years) show where and
when the selection is busy, and the most important events stay as marks on top, clickable.
Narrowing the dates or filters below ``OVERVIEW_FROM`` brings back every mark. The counts come
from the engine (:class:`timeline.view.engine.EventEngine`, any object with its methods), so the
page never holds the whole selection as events to draw it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

import numpy as np
import plotly.graph_objects as go

from timeline.chart import palette
from timeline.chart.axisdates import plotly_dates
from timeline.chart.density import count_bars, is_weekly
from timeline.chart.rows import rows_of_keys
from timeline.dates.days import EPOCH_ORDINAL, day_from_ordinal
from timeline.dates.periods import period_of
from timeline.dates.readerdates import describe_date_in
from timeline.lang.catalogs import Messages, messages
from timeline.model import DateValue, Precision
from timeline.view.filters import FilterState

ENGLISH = messages()

OVERVIEW_FROM = 5_000
"""Selections of more events than this are drawn as counts with the most important as marks."""
OVERVIEW_MARKS = 300
"""Events drawn as marks over the counts: their labels and hover stay readable and quick."""
_MS_PER_DAY = 86_400_000
HEAT_COLOURS = [[0.0, "#F3F5F8"], [0.35, "#C9D3E0"], [0.7, "#8C9DB5"], [1.0, "#6A7C98"]]
"""One hue, light to dark (grey-blue): readable without colour vision, under marks of any colour."""


@dataclass(frozen=True)
class Overview:
    """A selection as counts: what its chart draws besides the marks."""

    total: int
    rows: list[str]
    """The chart's rows, top to bottom; the last is "Others (...)" when ``folded``."""
    folded: tuple[str, ...]
    weekly: bool
    cell_rows: list[str]
    cell_bins: np.ndarray
    cell_counts: np.ndarray
    bins: np.ndarray
    """Every bin with events (a week's Monday as a day ordinal, or months since January 1970)."""
    bin_counts: np.ndarray
    span: tuple[int, int]
    """The first start day and last end day of the selection, as day ordinals."""

    def row_of(self, lanes_of_event: tuple[str, ...]) -> tuple[str, ...]:
        """The rows an event with these row values is drawn in (folded values in "Others")."""
        if not self.folded:
            return lanes_of_event
        kept = set(self.rows[:-1])
        return tuple(dict.fromkeys(lane if lane in kept else self.rows[-1] for lane in lanes_of_event))


def overview_of(engine: Any, state: FilterState) -> Overview | None:
    """Ask ``engine`` for the overview of the events matching ``state`` (None when none match).
    Weeks or months: by the dates asked for, on the sides ``state`` gives them, else the events'."""
    span = engine.span(state)
    if span is None:
        return None
    first = span[0] if state.start is None else state.start.toordinal()
    last = span[1] if state.end is None else state.end.toordinal()
    weekly = is_weekly(((first - EPOCH_ORDINAL) * _MS_PER_DAY, (last + 1 - EPOCH_ORDINAL) * _MS_PER_DAY))
    rows, folded = rows_of_keys(engine.lane_keys(state, state.lanes), state.lanes, every_row=state.every_row)
    others = rows[-1] if folded else None
    cell_rows, cell_bins, cell_counts = engine.cells(state, state.lanes, rows[:-1] if folded else rows, others, weekly)
    bins, counts = engine.bin_totals(state, weekly)
    return Overview(int(counts.sum()), rows, folded, weekly, cell_rows, cell_bins, cell_counts, bins, counts, span)


def bin_edges_ms(bins: np.ndarray, weekly: bool) -> tuple[np.ndarray, np.ndarray]:
    """Return (left edge, width) in epoch ms of each bin."""
    if weekly:
        return (bins - EPOCH_ORDINAL) * _MS_PER_DAY, np.full(len(bins), 7 * _MS_PER_DAY, dtype=np.int64)
    months = bins.astype("datetime64[M]")
    lefts = months.astype("datetime64[ms]").astype(np.int64)
    return lefts, (months + 1).astype("datetime64[ms]").astype(np.int64) - lefts


def heat_trace(overview: Overview, rows_shown: list[str], row_labels: list[str], text: Messages = ENGLISH,
               shown_labels: list[str] | None = None) -> go.Heatmap:
    """The shaded cells: events per row per bin, every event counted, drawn under the marks
    (``row_labels`` the rows' values, ``shown_labels`` their names in the reader's language)."""
    bins = np.unique(overview.cell_bins)
    lefts, widths = bin_edges_ms(bins, overview.weekly)
    column = {int(b): i for i, b in enumerate(bins)}
    line = {row: i for i, row in enumerate(rows_shown)}
    counts = np.full((len(rows_shown), len(bins)), np.nan)
    for row, b, n in zip(overview.cell_rows, overview.cell_bins.tolist(), overview.cell_counts.tolist()):
        if row in line:
            counts[line[row], column[b]] = n
    # The darkest shade from the 95th percentile of the named rows' cells up: the "Others" row,
    # many rows in one, would otherwise take the whole scale and leave every other row pale.
    others = overview.rows[-1] if overview.folded else None
    named = overview.cell_counts[[row != others for row in overview.cell_rows]]
    top = float(np.percentile(named if len(named) else overview.cell_counts, 95)) if len(overview.cell_counts) else 1.0
    line = (text.gettext("{count} events · {row} · week of {week}") if overview.weekly
            else text.gettext("{count} events · {row} · month of {month}"))
    cells: dict = {}
    if text.lang == ENGLISH.lang:
        cells["hovertemplate"] = line.format(count="%{z:,}", row="%{y}", week="%{x}", month="%{x}") + "<extra></extra>"
    else:  # Plotly would write the bin's date and the row in English: each cell says its own
        bins_said = [_bin_words(int(b), overview.weekly, text.lang) for b in bins]
        names = shown_labels or row_labels
        cells["text"] = [[line.format(count=text.digits(f"{n:,.0f}") if n == n else "", row=names[r], week=said,
                                      month=said) for n, said in zip(counts[r], bins_said)] for r in range(len(names))]
        cells["hovertemplate"] = "%{text}<extra></extra>"
    return go.Heatmap(x=plotly_dates(lefts + widths // 2), y=row_labels, z=counts, colorscale=HEAT_COLOURS,
                      zmin=0, zmax=max(top, 1.0), showscale=False, xgap=1, ygap=6, name="events per row", **cells)


def _bin_words(bin_: int, weekly: bool, lang: str) -> str:
    """A week (its Monday, a day ordinal) or a month (months since January 1970) in ``lang``."""
    if weekly:
        day = day_from_ordinal(bin_)
        return describe_date_in(DateValue(day, day, Precision.DAY), lang)
    first = date(1970 + bin_ // 12, bin_ % 12 + 1, 1)
    return describe_date_in(DateValue(*period_of(first, Precision.MONTH), Precision.MONTH), lang)


def total_bars(overview: Overview, text: Messages = ENGLISH) -> go.Bar:
    """The strip under the chart: every event of the selection per week or month."""
    return count_bars(*bin_edges_ms(overview.bins, overview.weekly), overview.bin_counts, overview.weekly, text)


def overview_note(drawn: int, total: int, weekly: bool, text: Messages = ENGLISH) -> str:
    """The chart's note: what the shading counts and which events are marks (short enough for the
    page's chart column; the page adds how to see every mark)."""
    words = (text.gettext("Shading counts all {total} events by row and week; marks: the {drawn} most important.")
             if weekly else
             text.gettext("Shading counts all {total} events by row and month; marks: the {drawn} most important."))
    return words.format(total=text.digits(f"{total:,}"), drawn=text.digits(f"{drawn:,}"))

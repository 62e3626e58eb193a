"""The story view's compact timeline: every step of a story as a mark on one strip, the step being
told ringed, the steps before it solid and those after it faint.

``story_strip`` places the marks (shared with the exported slideshow, which draws them as SVG);
``build_story_figure`` only builds and returns the Plotly figure. The axis spends its width where
the steps are, as the timeline's does (:mod:`.focus`): a long empty stretch is cut out and marked
with a dotted line. Its words are in the reader's language (``lang``); time runs left to right in
every language.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal, Sequence

import numpy as np
import plotly.graph_objects as go

from timeline.chart import palette
from timeline.chart.axisdates import YEAR_ONE_MS, YEAR_ZERO_BREAK, plotly_dates
from timeline.chart.focus import Focus, break_text, focus_of
from timeline.chart.frame import MS_PER_DAY, ms
from timeline.chart.hover import directed, plotly_text, shown_text
from timeline.dates.days import EPOCH_ORDINAL, day_from_ordinal, era_year, make_day
from timeline.dates.periods import MONTHS
from timeline.dates.readerdates import describe_date_in, month_name, to_reader_digits
from timeline.lang.catalogs import messages
from timeline.lang.languages import isolate
from timeline.model import DateValue, Event, Precision
from timeline.view.display import date_line

StepState = Literal["before", "current", "after"]
MIN_GAP = 0.045
"""Marks nearer than this share of the strip's width go on different rows, so none hides another."""
MAX_ROWS = 4
RING_COLOR = "#D55E00"
"""The ring around the step being told: Okabe–Ito vermillion, apart from the marks' own colours."""
AFTER_OPACITY = 0.3
AFTER_TEXT_COLOR = "#8C96A3"


@dataclass(frozen=True)
class StoryMark:
    """One step on the strip: where (epoch ms of its middle, share of the width), on which row,
    and whether it is told already, now, or still to come."""

    step: int
    event: Event
    x_ms: int
    position: float
    row: int
    state: StepState


@dataclass(frozen=True)
class StoryStrip:
    marks: tuple[StoryMark, ...]
    focus: Focus
    rows: int
    breaks: tuple[tuple[float, str], ...]
    """Each cut-out stretch: its share of the width and what it leaves out ('≈ 4 months left out')."""


def story_strip(events: Sequence[Event], current: int, *, lang: str = "en") -> StoryStrip:
    """Place the marks of a story's steps (``events`` in step order; ``current`` 1-based); the
    cut-out stretches are said in the reader's language ``lang``."""
    if not events:
        return StoryStrip((), Focus((0, MS_PER_DAY)), 0, ())
    start = np.array([ms(e.start) for e in events], dtype=np.int64)
    end = np.array([ms(e.end) + MS_PER_DAY for e in events], dtype=np.int64)
    focus = focus_of(start, end)
    low, drawn = float(focus.squeeze(focus.window[0])), focus.drawn_ms or 1.0
    middle = (start + end) // 2
    positions = ((focus.squeeze(middle) - low) / drawn).tolist()
    rows = _rows(positions)
    marks = tuple(StoryMark(step=n, event=event, x_ms=int(middle[n - 1]), position=positions[n - 1],
                            row=rows[n - 1], state="current" if n == current else "before" if n < current else "after")
                  for n, event in enumerate(events, 1))
    breaks = tuple((float((focus.squeeze(a) - low) / drawn), break_text(a, b, messages(lang))) for a, b in focus.breaks)
    return StoryStrip(marks, focus, max(rows, default=0) + 1, breaks)


def _rows(positions: list[float]) -> list[int]:
    """Give each mark the lowest row where it keeps ``MIN_GAP`` from the last mark placed there."""
    rows = [0] * len(positions)
    last: list[float] = []
    for index in sorted(range(len(positions)), key=positions.__getitem__):
        x = positions[index]
        row = next((r for r, at in enumerate(last) if x - at >= MIN_GAP), None)
        if row is None:
            row = len(last) if len(last) < MAX_ROWS else min(range(len(last)), key=last.__getitem__)
            if row == len(last):
                last.append(x)
        last[row] = x
        rows[index] = row
    return rows


_YEAR_STEPS = (1, 2, 5, 10, 20, 50, 100, 200, 500, 1000)


def strip_ticks(strip: StoryStrip, most: int = 6, *, lang: str = "en") -> tuple[tuple[float, str, int], ...]:
    """Return the dates to write under the strip, as (share of the width, label, epoch ms): each week over a
    month or two ('8 Sep'), each month start over two years ('Sep'), else round years; every stretch
    between two cuts gets one (at its middle) if none falls in it; none crowds the one before. The
    first label carries the year. Month names and digits are the reader's (``lang``)."""
    low_ms, high_ms = strip.focus.window
    first, last = (day_from_ordinal(m // MS_PER_DAY + EPOCH_ORDINAL) for m in (low_ms, high_ms))
    span = (high_ms - low_ms) / MS_PER_DAY
    unit = "day" if span <= 62 else "month" if span <= 2 * 366 else "year"
    if unit == "day":
        days = [day_from_ordinal(o) for o in range(first.toordinal(), last.toordinal() + 1)]
        candidates = [d for d in days if d.day in (1, 8, 15, 22, 29)]
    elif unit == "month":
        candidates = [make_day(first.year + (first.month - 1 + k) // 12, (first.month - 1 + k) % 12 + 1, 1)
                      for k in range(1, int(span // 28) + 2)]
    else:
        step = next((n for n in _YEAR_STEPS if span / 365.25 / n <= most), 2000)
        candidates = [make_day(y, 1, 1) for y in range(first.year - first.year % step + step, last.year + 1, step)]
    edges = [low_ms, *(x for cut in strip.focus.breaks for x in cut), high_ms]
    segments = list(zip(edges[::2], edges[1::2]))
    at_ms = {ms(d): unit for d in candidates if low_ms <= ms(d) <= high_ms}
    for a, b in segments:  # a stretch with no round date gets its middle day, written as a day
        if not any(a <= x <= b for x in at_ms):
            at_ms[(a + b) // 2 // MS_PER_DAY * MS_PER_DAY] = "day" if unit == "month" else unit
    low, drawn = float(strip.focus.squeeze(low_ms)), strip.focus.drawn_ms or 1.0
    ticks: list[tuple[float, str, int]] = []
    for x, kind in sorted(at_ms.items()):
        share = float((strip.focus.squeeze(x) - low) / drawn)
        if any(a < x < b for a, b in strip.focus.breaks) or (ticks and share - ticks[-1][0] < 0.1):
            continue
        day = day_from_ordinal(x // MS_PER_DAY + EPOCH_ORDINAL)
        with_year = not ticks or (kind == "month" and day.month == 1)
        ticks.append((share, _tick_label(day, kind, with_year, lang), x))
    return tuple(ticks)


def _tick_label(day: object, unit: str, with_year: bool, lang: str = "en") -> str:
    if unit == "year":
        return _year(day.year, lang)  # type: ignore[attr-defined]
    month = day.month  # type: ignore[attr-defined]
    words = MONTHS[month - 1][:3] if lang == "en" else month_name(month, lang)
    if unit == "day":
        words = f"{to_reader_digits(str(day.day), lang)} {words}"  # type: ignore[attr-defined]
    return f"{words} {_year(day.year, lang)}" if with_year else words  # type: ignore[attr-defined]


def _year(year: int, lang: str = "en") -> str:
    if lang != "en":  # the reader's digits, and the era where a year could be read as a Hijri one
        return describe_date_in(DateValue(make_day(year, 1, 1), make_day(year, 12, 31), Precision.YEAR), lang)
    return str(year) if year >= 1000 else era_year(year)


def build_story_figure(events: Sequence[Event], current: int, *, height: int | None = None,
                       lang: str = "en") -> go.Figure:
    """Return the compact timeline of a story (``events`` in step order, ``current`` 1-based), its
    words, step numbers and dates in the reader's language ``lang``.

    Each mark's ``customdata`` is its step number, for a click that jumps to it.
    """
    text = messages(lang)
    strip = story_strip(events, current, lang=lang)
    fig = go.Figure()
    for state in ("before", "after", "current"):
        marks = [m for m in strip.marks if m.state == state]
        if not marks:
            continue
        faint = state == "after"
        fig.add_trace(go.Scatter(
            x=plotly_dates(np.array([m.x_ms for m in marks])).tolist(), y=[m.row for m in marks],
            mode="markers" if state == "current" else "markers+text", name=state, showlegend=False, cliponaxis=False,
            text=[text.digits(str(m.step)) for m in marks], textposition="top center",
            textfont=dict(size=12 if state == "current" else 11, color=AFTER_TEXT_COLOR if faint else palette.TEXT_COLOR),
            customdata=[[m.step] for m in marks],
            hovertext=[directed(plotly_text(text.gettext("Step {step}: {title} ({date})").format(
                step=text.digits(str(m.step)), title=shown_text(m.event, "title", text),
                date=_own(date_line(m.event).written, text.rtl))), text) for m in marks],
            hoverinfo="text",
            marker=dict(size=14 if state == "current" else 11, opacity=AFTER_OPACITY if faint else 1,
                        symbol=[palette.marker_symbol(m.event.date) for m in marks],
                        color=[palette.category_color(m.event.category) for m in marks],
                        line=dict(width=1.5, color=[palette.category_color(m.event.category) for m in marks]))))
    now = next((m for m in strip.marks if m.state == "current"), None)
    if now is not None:  # the ring: drawn last, over everything, not clickable
        fig.add_trace(go.Scatter(x=plotly_dates(np.array([now.x_ms])).tolist(), y=[now.row], mode="markers+text",
                                 name="ring", showlegend=False, hoverinfo="skip", cliponaxis=False,
                                 text=[text.digits(str(now.step))], textposition="top center",
                                 textfont=dict(size=13, color=palette.TEXT_COLOR),
                                 marker=dict(size=28, symbol="circle-open", color=RING_COLOR, line=dict(width=3))))
    window = strip.focus.window
    ticks = strip_ticks(strip, lang=lang)  # the slideshow's dates, so that both say the same
    axis: dict = dict(range=plotly_dates(np.array(window)).tolist(), type="date", showgrid=False, fixedrange=True,
                      showline=True, linecolor="#B8C0CC", ticks="outside", tickcolor="#B8C0CC",
                      tickvals=plotly_dates(np.array([x for _, _, x in ticks], dtype=np.int64)).tolist(),
                      ticktext=[directed(plotly_text(label), text) for _, label, _ in ticks])
    cuts = [plotly_dates(np.array(b)).tolist() for b in strip.focus.breaks]
    if window[0] < YEAR_ONE_MS < window[1]:
        cuts.append(list(YEAR_ZERO_BREAK))  # days BCE are drawn a year early: see axisdates
    if cuts:
        axis["rangebreaks"] = [dict(bounds=bounds) for bounds in cuts]
    for (start, stop), (_, words) in zip(strip.focus.breaks, strip.breaks):
        x = plotly_dates(np.array([start]))[0]
        fig.add_shape(type="line", xref="x", yref="paper", x0=x, x1=x, y0=0, y1=1, name="break",
                      line=dict(color=palette.BREAK_COLOR, width=1.2, dash="dot"))
        fig.add_annotation(x=x, xref="x", y=1, yref="paper", yanchor="bottom", showarrow=False, name="break",
                           text=directed(plotly_text(words), text), font=dict(size=10, color=palette.BREAK_COLOR))
    fig.update_layout(
        template="plotly_white", height=height or 96 + 34 * strip.rows, dragmode=False, hovermode="closest",
        margin=dict(l=16, r=16, t=26, b=32), font=dict(family=palette.font_family(lang), color=palette.TEXT_COLOR),
        hoverlabel=dict(align="right" if text.rtl else "left"),
        xaxis=axis, yaxis=dict(visible=False, range=[-0.5, strip.rows - 0.2], fixedrange=True),
        paper_bgcolor="rgba(0,0,0,0)", plot_bgcolor="rgba(0,0,0,0)")
    return fig


def _own(written: str, rtl: bool) -> str:
    """A date as written (in any language) isolated inside a right-to-left reader's text."""
    return isolate(written) if rtl else written

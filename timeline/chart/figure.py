"""Build the timeline chart: time left to right, one swimlane per actor, category or place.

``build_figure`` only builds and returns a ``go.Figure``; images and HTML are :mod:`timeline.export`'s.
A day is the interval [day, day + 1): an exact day's marker sits at its noon, a range is a bar
over all its days, a month-precise event a faint span over the whole month with a diamond at its
middle, so no date looks more precise than it is.
"""

from __future__ import annotations

from typing import Callable, Iterable, MutableMapping, Sequence

import numpy as np
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from timeline.chart.focus import Focus, focus_of
from timeline.chart.frame import (MS_PER_DAY, RULER_FROM_PX, TOP, add_breaks, add_reference, add_continuations,
                                  add_ruler, chart_layout, empty_figure, era_shape, ms)
from timeline.chart.density import density_bars
from timeline.chart.overview import Overview, heat_trace, overview_note, total_bars
from timeline.chart.hover import directed, hover_text, plotly_text, shown_text
from timeline.chart.axisdates import era_tick_labels, plotly_dates
from timeline.chart.labels import (CANDIDATES_PER_LABEL, Candidate, Geometry, Placement, break_notes,
                             label_annotation, label_text, place_labels, plot_height_px)
from timeline.dates.days import day_from_ordinal
from timeline.model import CATEGORIES, Era, Event
from timeline.chart.rows import chart_rows, lane_values, order_lanes, row_label
from timeline.chart.thinning import events_to_draw, importance_of, thinning_note
from timeline.chart import palette
from timeline.chart.options import FigureOptions
from timeline.lang.catalogs import Messages

__all__ = ["FigureOptions", "build_figure", "lane_values", "order_lanes"]
"""Rows (``lane_values``, ``order_lanes``) live in ``rows.py`` and are named here too, where
the figure's callers have always found them."""


def build_figure(events: Sequence[Event], options: FigureOptions = FigureOptions(), *,
                 eras: Sequence[Era] = (), hover_cache: MutableMapping[str, str] | None = None,
                 overview: Overview | None = None) -> go.Figure:
    """Return the timeline chart of ``events``: lanes, marks, labels, eras and the density strip.

    ``hover_cache`` (event id -> hover text) keeps hover texts between figures of one store; the
    page passes one per loaded store, so a filter change does not write 10,000 texts again.
    ``overview``: the counts of a selection too large to draw (see overview.py); ``events`` are
    then only the ones drawn as marks over its shaded cells.
    """
    events = list(events)
    if not events:
        return empty_figure(options)
    text = options.text
    start_ms = np.array([ms(e.start) for e in events], dtype=np.int64)
    end_ms = np.array([ms(e.end) + MS_PER_DAY for e in events], dtype=np.int64)
    all_mid_ms = (start_ms + end_ms) // 2  # the density strip counts every event, drawn or not
    all_start_ms, all_end_ms = start_ms, end_ms
    if overview is not None:
        lane_lists = [overview.row_of(lane_values(e, options.lanes)) for e in events]
        note = overview_note(len(events), overview.total, overview.weekly, text)
        all_start_ms = np.array([ms(day_from_ordinal(overview.span[0]))], dtype=np.int64)
        all_end_ms = np.array([ms(day_from_ordinal(overview.span[1])) + MS_PER_DAY], dtype=np.int64)
        lanes = list(overview.rows)
        others, folded = (overview.rows[-1], len(overview.folded)) if overview.folded else (None, 0)
    else:
        rows = chart_rows(events, options.lanes, every_row=options.every_row)
        lane_lists = rows.of_event
        drawn = events_to_draw(events, [len(lanes) for lanes in lane_lists], options.point_limit, options.selected_id)
        note = thinning_note(len(drawn), len(events), text)
        others, folded = rows.others, len(rows.folded)
        if note:
            events, lane_lists = [events[i] for i in drawn], [lane_lists[i] for i in drawn]
            start_ms, end_ms = start_ms[drawn], end_ms[drawn]
        drawn_lanes = {lane for event_lanes in lane_lists for lane in event_lanes}
        lanes = [name for name in rows.names if name in drawn_lanes]
    mid_ms = (start_ms + end_ms) // 2
    lane_index = {lane: i for i, lane in enumerate(lanes)}
    native = dict(options.native_names)
    labels = [row_label(lane, text, others=others, folded=folded, lanes=options.lanes, native=native) for lane in lanes]

    marks = [(i, lane) for i, lanes_of_event in enumerate(lane_lists) for lane in lanes_of_event]
    with_strip = bool(note) or options.density == "on" or (
        options.density == "auto" and len(events) > options.webgl_threshold)
    webgl = len(marks) > options.webgl_threshold
    # Plotly cannot draw WebGL traces across axis breaks: large charts keep a continuous axis.
    asked_from, asked_to = options.period
    focus = focus_of(all_start_ms, all_end_ms, allow_breaks=not webgl and overview is None,
                     reference_ms=None if options.reference_date is None else ms(options.reference_date),
                     bounds=(None if asked_from is None else ms(asked_from),
                             None if asked_to is None else ms(asked_to) + MS_PER_DAY))
    window = focus.window
    height = options.height or min(1400, max(360, 140 + 38 * len(lanes) + (110 if with_strip else 0)))
    # 76 px: a two-row legend clears the page's tool bar (top right, ~30 px tall).
    margin = dict(l=20 if text.rtl else 10, r=10 if text.rtl else 20, t=88 if options.title else 76, b=56)

    fig = make_subplots(rows=2, cols=1, shared_xaxes=True, vertical_spacing=0.05,
                        row_heights=[0.8, 0.2]) if with_strip else go.Figure()
    # A cache holds one language's texts under the event's id, another's under the id and language.
    key = (lambda e: e.id) if options.lang == "en" else (lambda e: f"{e.id}\n{options.lang}")
    hovers = [hover_text(e, text) for e in events] if hover_cache is None else [
        hover_cache.get(key(e)) or hover_cache.setdefault(key(e), hover_text(e, text)) for e in events]
    traces = _traces(events, marks, hovers, start_ms, end_ms, mid_ms, options, webgl)
    if overview is not None:  # under the marks
        traces.insert(0, heat_trace(overview, lanes, [plotly_text(lane) for lane in lanes], text,
                                    [plotly_text(label) for label in labels]))
    fig.add_traces(traces, rows=[1] * len(traces) if with_strip else None,
                   cols=[1] * len(traces) if with_strip else None)
    if with_strip:
        bars = density_bars(all_mid_ms, window, text) if overview is None else total_bars(overview, text)
        fig.add_trace(bars, row=2, col=1)
        if text.digits("0") != "0":  # the strip's counts in the reader's digits
            most = min(int(max(bars.y)), 2000)
            fig.update_layout(yaxis2_labelalias={str(n): text.digits(str(n)) for n in range(most + 1)})
    fig.update_layout(chart_layout(options, height, margin, lanes, focus, with_strip, labels))
    if options.height is None and height > RULER_FROM_PX:
        add_ruler(fig, focus, plot_height_px(height, margin["t"], margin["b"]))
    if aliases := era_tick_labels(window, all_mid_ms, options.lang):
        fig.update_xaxes(labelalias=aliases)
    for era in eras:
        fig.add_shape(era_shape(era, window, text.rtl))
    add_continuations(fig, _cut_off(events, marks, start_ms, end_ms, focus), lanes, text)
    if options.reference_date is not None:
        add_reference(fig, options, window)

    domain = tuple(fig.layout.yaxis.domain or (0.0, 1.0))
    lanes_px = plot_height_px(height, fig.layout.margin.t, margin["b"]) * (domain[1] - domain[0])
    lane_units = len(lanes) - 0.5 - TOP
    geometry = Geometry(float(window[0]), float(window[1]), lanes_px / lane_units, lanes_px, TOP, focus.breaks,
                        options.plot_width_px)
    fig.update_layout(meta={"plot_width_px": options.plot_width_px})
    marks_x = mid_ms[[i for i, _ in marks]]
    marks_lane = np.array([lane_index[lane] for _, lane in marks])
    placements = _labels(events, marks, lane_index, mid_ms, geometry, 0 if options.compact else options.label_limit,
                         text)
    note_tops, dropped = break_notes(placements, marks_x, marks_lane, geometry)
    for index, placement in enumerate(placements):
        if index not in dropped:
            fig.add_annotation(label_annotation(placement, plotly_text(lanes[placement.lane_index]),
                                                plotly_dates(np.array([placement.x_ms]))[0], palette.TEXT_COLOR,
                                                text.rtl))
    add_breaks(fig, focus, note_tops, text)
    if note:
        # In the gap between the lanes and the strip it explains, clear of any mark.
        fig.add_annotation(text=directed(plotly_text(note), text), name="thinning", x=1 if text.rtl else 0,
                           xref="paper", xanchor="right" if text.rtl else "left",
                           y=domain[0], yref="paper", yanchor="top", yshift=-4, showarrow=False,
                           font=dict(size=11, color="#5A6270"))
    return fig


def _traces(events: list[Event], marks: list[tuple[int, str]], hovers: list[str],
            start_ms: np.ndarray, end_ms: np.ndarray, mid_ms: np.ndarray,
            options: FigureOptions, webgl: bool) -> list[go.Scatter | go.Scattergl]:
    """Return O(categories × kinds) traces: None-separated spans and bars, then markers.

    One trace per (category, symbol) keeps every trace property scalar: Plotly validates
    per-point arrays element by element, which costs seconds at 100k marks.
    """
    scatter = go.Scattergl if webgl else go.Scatter
    colour_key = _colour_key(events, options)
    keyed = [colour_key(i, lane) for i, lane in marks]
    colours = dict(options.colours)
    order = list(CATEGORIES) if options.colour_by == "category" else []
    order = [k for k in (*colours, *order) if k in set(keyed)] + sorted(set(keyed) - set(colours) - set(order))
    categories = list(dict.fromkeys(order))
    symbols = [palette.marker_symbol(e.date) for e in events]
    groups: dict[tuple[str, str], list[tuple[int, str]]] = {
        (c, s): [] for c in categories for s in palette.SYMBOLS}
    for (i, lane), key in zip(marks, keyed):
        groups[key, symbols[i]].append((i, lane))

    def colour_of(key: str) -> str:
        return colours.get(key) or palette.category_color(key)

    spans, markers = [], []
    for (category, symbol), group in groups.items():
        if not group:
            continue
        color = colour_of(category)
        is_open = symbol.endswith("-open")
        if not symbol.startswith("circle"):
            opacity = palette.BAR_OPACITY if symbol.startswith("square") else palette.SPAN_OPACITY
            spans.append(_span_trace(scatter, group, start_ms, end_ms, category, color, opacity, is_open))
        index = [i for i, _ in group]
        markers.append(scatter(
            x=plotly_dates(mid_ms[index]), y=_column(plotly_text(lane) for _, lane in group),
            mode="markers", name=plotly_text(category), legendgroup=category, showlegend=False,
            customdata=np.array([(events[i].id, lane) for i, lane in group], dtype=object),
            hovertext=_column(hovers[i] for i in index), hovertemplate="%{hovertext}<extra></extra>",
            marker=dict(symbol=symbol, size=palette.MARKER_SIZE, color=color, opacity=1,
                        line=dict(width=2 if is_open else 1, color=color if is_open else "white")),
        ))
    # Plotly draws a legend item with its trace's first symbol; a key of its own keeps it a circle.
    labels = dict(options.key_labels)
    keys = [go.Scatter(x=[None], y=[None], mode="markers", name=plotly_text(palette.key_label(c, labels, options.text)),
                       legendgroup=c,
                       marker=dict(symbol="circle", size=palette.MARKER_SIZE, color=colour_of(c)))
            for c in categories]
    selected = [(i, lane) for i, lane in marks if events[i].id == options.selected_id]
    if selected:
        markers.append(scatter(
            x=plotly_dates(mid_ms[[i for i, _ in selected]]),
            y=[plotly_text(lane) for _, lane in selected],
            mode="markers", name="selected", showlegend=False, hoverinfo="skip",
            marker=dict(symbol="circle-open", size=22, color=palette.TEXT_COLOR, line=dict(width=2.5)),
        ))
    return spans + markers + keys


def _colour_key(events: list[Event], options: FigureOptions) -> Callable[[int, str], str]:
    """Return what colours the mark of event ``i`` in row ``lane``: its category, or its
    group: the row's own group, the group of the row's actor, or the event's first group."""
    if options.colour_by == "category":
        return lambda i, lane: events[i].category
    if options.lanes == "group":
        return lambda i, lane: lane
    group_of = dict(options.actor_groups)
    if options.lanes == "actor":
        return lambda i, lane: group_of.get(lane) or (events[i].groups[:1] or (palette.NO_GROUP,))[0]
    return lambda i, lane: (events[i].groups[:1] or (palette.NO_GROUP,))[0]


def _span_trace(scatter: type, chosen: list[tuple[int, str]], start_ms: np.ndarray,
                end_ms: np.ndarray, category: str, color: str, opacity: float,
                approximate: bool) -> go.Scatter | go.Scattergl:
    index = [i for i, _ in chosen]
    x = np.full(3 * len(chosen), None, dtype=object)
    x[0::3], x[1::3] = plotly_dates(start_ms[index]), plotly_dates(end_ms[index])
    y = np.full(3 * len(chosen), None, dtype=object)
    y[0::3] = y[1::3] = [plotly_text(lane) for _, lane in chosen]
    return scatter(x=x, y=y, mode="lines", legendgroup=category, showlegend=False, hoverinfo="skip",
                   name=plotly_text(category), opacity=opacity, connectgaps=False,
                   line=dict(color=color, width=palette.SPAN_WIDTH, dash="dash" if approximate else "solid"))


def _labels(events: list[Event], marks: list[tuple[int, str]], lane_index: dict[str, int],
            mid_ms: np.ndarray, geometry: Geometry, limit: int, text: Messages) -> list[Placement]:
    if limit <= 0:
        return []
    lanes_of: dict[int, list[int]] = {}
    for i, lane in marks:
        lanes_of.setdefault(i, []).append(lane_index[lane])
    ranked = sorted(range(len(events)), key=lambda i: (
        -importance_of(events[i]), events[i].start, events[i].id))
    candidates = [Candidate(events[i].id, shown_text(events[i], "title", text, short=True, cut=label_text),
                            float(mid_ms[i]),
                            tuple(sorted(lanes_of[i])))
                  for i in ranked[: limit * CANDIDATES_PER_LABEL]]
    marks_x = mid_ms[[i for i, _ in marks]]
    marks_lane = np.array([lane_index[lane] for _, lane in marks])
    return place_labels(candidates, marks_x, marks_lane, geometry, limit)


def _cut_off(events: list[Event], marks: list[tuple[int, str]], start_ms: np.ndarray, end_ms: np.ndarray,
             focus: Focus) -> list[tuple[str, bool, bool]]:
    """Return (lane, runs off the left, runs off the right) of each band wider than the window."""
    low, high = focus.window
    return [(lane, bool(start_ms[i] < low), bool(end_ms[i] > high)) for i, lane in marks
            if start_ms[i] < low or end_ms[i] > high]


def _column(values: Iterable[str]) -> np.ndarray:
    """Return text as a numpy array: Plotly checks a list item by item, an array at once."""
    return np.array(list(values), dtype=object)

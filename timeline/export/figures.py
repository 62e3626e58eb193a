"""The view that gets exported: its chart with a title, the period and a source line, and the
standalone HTML page of it, in the reader's language (``lang``; right to left for Arabic and
Persian). Nothing here needs a browser (images are :mod:`timeline.export.images`'s).
"""

from __future__ import annotations

import copy
import html
from datetime import date
from pathlib import Path
from typing import Any, Sequence

import plotly.graph_objects as go
import plotly.io as pio

from timeline.chart.hover import directed
from timeline.dates.days import day_from_ordinal, era_year
from timeline.dates.periods import period_of
from timeline.dates.readerdates import describe_date_in
from timeline.errors import ExportError
from timeline.export.images import PRESETS, ExportOptions
from timeline.chart.figure import FigureOptions
from timeline.chart.selectionfigure import selection_figure
from timeline.chart.palette import store_options
from timeline.view.eventsource import VIEW_EVENT_LIMIT, EventSource, in_memory
from timeline.view.filters import FilterState, filter_events
from timeline.lang.catalogs import N_, messages
from timeline.lang.languages import direction, isolate
from timeline.model import DateValue, Event, Precision, Timeline

TIMELINE_TITLE = N_("Timeline")
LTR_CHART_STYLE = "<style>.js-plotly-plot, .plotly {direction: ltr;}</style>"
"""A right-to-left page keeps the chart's own layout: the figure mirrors itself (see ``timeline.chart.frame``)."""


def export_html(fig: go.Figure, *, cdn: bool = False, filename: str = "timeline",
                options: ExportOptions = PRESETS["slide"], title: str = TIMELINE_TITLE, lang: str = "en") -> str:
    """Return one standalone HTML page of ``fig`` that zooms, pans and hovers, its document in the
    reader's language ``lang`` (``<html lang dir>``).

    Plotly's JavaScript is embedded (the page works offline, ~4.7 MB) unless ``cdn`` is true.
    """
    page = pio.to_html(fig, include_plotlyjs="cdn" if cdn else True, full_html=True,
                       config=modebar_config(filename, options.width, options.height, options.scale),
                       default_width="100%", default_height=f"{fig.layout.height or options.height}px")
    shown = html.escape(messages(lang).gettext(title))
    head = f"<head><title>{shown}</title>" + (LTR_CHART_STYLE if direction(lang) == "rtl" else "")
    page = page.replace("<head>", head, 1)
    return page.replace("<html>", f'<html lang="{lang}" dir="{direction(lang)}">', 1)


def modebar_config(filename: str, width: int, height: int, scale: float) -> dict[str, Any]:
    """Return a Plotly ``config`` whose camera button saves a PNG like the export buttons do."""
    return {
        "displaylogo": False,
        "toImageButtonOptions": {"format": "png", "filename": filename, "width": width,
                                 "height": height, "scale": scale},
    }


def decorate_for_export(fig: go.Figure, *, title: str, date_range_text: str, source_line: str,
                        interactive: bool = False, transparent: bool = False, lang: str = "en") -> go.Figure:
    """Return a copy of ``fig`` with a title, the date range under it and a source line (from the
    right for an Arabic or Persian reader, ``lang``).

    Unless ``interactive`` (standalone HTML), the range slider is left out: it is a control,
    and on paper it only takes room from the events. ``transparent`` leaves the page behind the
    chart see-through (the plot area keeps its tint), for a slide's own background.
    """
    figure = go.Figure(copy.deepcopy(fig.to_dict()))
    text = messages(lang)
    rtl = text.rtl
    legend_rows = 1 + len([t for t in figure.data if t.showlegend is not False and t.name]) // 8
    top = 96 + 22 * legend_rows
    margin = figure.layout.margin
    figure.update_layout(
        title=dict(text=directed(f"<b>{html.escape(title)}</b>", text), x=1 if rtl else 0, xref="paper",
                   xanchor="right" if rtl else "left", y=1, yref="container", yanchor="top", pad=dict(t=18),
                   font=dict(size=22), subtitle=dict(text=directed(html.escape(date_range_text), text),
                                                     font=dict(size=14, color="#5A6270"))),
        margin=dict(l=max(margin.l or 0, 24), r=max(margin.r or 0, 32), t=top, b=(margin.b or 56) + 34),
    )
    if not interactive:
        figure.update_xaxes(rangeslider=dict(visible=False))
    if transparent:
        figure.update_layout(paper_bgcolor="rgba(0,0,0,0)")
    figure.add_annotation(text=directed(html.escape(source_line), text), xref="paper", yref="paper", x=1 if rtl else 0,
                          y=0, xanchor="right" if rtl else "left", yanchor="top", yshift=-62, showarrow=False,
                          align="right" if rtl else "left",
                          font=dict(size=12, color="#5A6270"), name="source-line")
    return figure


DESCRIBED_AT_MOST = 50_000
"""Events of a store kept as columns read to write an export's date line and sources."""


def date_range_text(events: Sequence[Event], state: FilterState = FilterState(),
                    span: tuple[date, date] | None = None, *, lang: str = "en") -> str:
    """Return the period a view covers, e.g. '1–30 September 2020': the filter window where
    set, else the events' own first and last day (``span``, when the caller knows it), in the
    reader's language ``lang``."""
    if not events and (state.start is None or state.end is None):
        return messages(lang).gettext("no events")
    first = state.start or (span[0] if span else min(e.start for e in events))
    last = state.end or (span[1] if span else max(e.end for e in events))
    if state.start is None and state.end is None and (last - first).days > 2 * 366:
        # Centuries of events read as years ("622 – 1258"), not as the days their bands start on.
        if lang != "en":
            return " – ".join(describe_date_in(DateValue(*period_of(day, Precision.YEAR), Precision.YEAR), lang)
                              for day in (first, last))
        return f"{_year(first.year)} – {_year(last.year)}"
    return describe_date_in(DateValue(first, max(first, last), Precision.DAY, is_range=True), lang)


def _year(year: int) -> str:
    return era_year(year) if year < 100 else str(year)


def source_line(events: Sequence[Event], source: str, count: int | None = None, *, lang: str = "en") -> str:
    """Return 'Source: events.yaml, 12 events (Al-Monitor, Wikipedia)' (in the reader's language ``lang``).

    The store is named by its file (or folder) name: a printed chart must not show the path of
    the editor's own machine. ``count``: the events shown when ``events`` are only the first of them.
    """
    text = messages(lang)
    own = isolate if text.rtl else (lambda value: value)
    count = len(events) if count is None else count
    outlets = sorted({s.outlet for e in events for s in e.sources}, key=str.casefold)
    more = len(outlets) > 4 or count > len(events)
    comma = "، " if text.rtl else ", "
    credits = comma.join(own(outlet) for outlet in outlets[:4]) + (f"{comma}…" if more else "")
    name = own(Path(source).name or str(source))
    number = text.digits(f"{count:,}")
    if outlets:
        return text.ngettext("Source: {name}, {count} event ({outlets})", "Source: {name}, {count} events ({outlets})",
                             count).format(name=name, count=number, outlets=credits)
    return text.ngettext("Source: {name}, {count} event", "Source: {name}, {count} events", count).format(
        name=name, count=number)


def view_figure(timeline: Timeline, state: FilterState, *, source: str, title: str | None = None,
                options: ExportOptions = PRESETS["slide"], interactive: bool = False,
                figure_options: FigureOptions = FigureOptions(), transparent: bool = False,
                events: EventSource | None = None, lang: str = "en") -> go.Figure:
    """Return the chart of the events ``state`` selects, decorated for export at ``options``' size:
    the chart the page draws, every event as a mark or, past ``OVERVIEW_FROM``, shaded counts with
    the most important events on top. ``events``: the store's events when the caller holds them
    as a source already (the page; a store kept as columns), else the timeline's. ``lang``: the
    reader's language, of the chart's words and of the title, period and source line.

    Raises:
        ExportError: no event matches ``state`` (an empty image helps nobody).
    """
    events = events or in_memory(timeline)
    selection = events.select(state)
    if not selection:
        raise ExportError("no events match the filters; widen the dates or remove a filter "
                          f"(the store holds {events.size} events)")
    chosen = FigureOptions(**{**figure_options.__dict__, "lanes": state.lanes, "title": None,
                              "every_row": state.every_row, "colour_by": state.colour_by,
                              **store_options(timeline),
                              "height": None if interactive else options.height,
                              "period": (state.start, state.end), "lang": lang})
    fig = selection_figure(selection, events, state, chosen, eras=timeline.eras)
    # A store kept as columns is described from its first events (building a million to name
    # their outlets would cost minutes); a loaded store from all of them.
    described = selection.all() if events.held else selection[:DESCRIBED_AT_MOST]
    span = None if events.held else events.engine.span(state)
    subtitle = date_range_text(described, state, span and (day_from_ordinal(span[0]), day_from_ordinal(span[1])),
                               lang=lang)
    if title and picked_text(state, lang=lang):  # a custom title must not hide what the view leaves out
        subtitle += f" · {picked_text(state, lang=lang)}"
    return decorate_for_export(fig, title=title or default_title(state, lang=lang), interactive=interactive,
                               date_range_text=subtitle, transparent=transparent, lang=lang,
                               source_line=source_line(described, source, len(selection), lang=lang))


def selected_events(timeline: Timeline, state: FilterState, events: EventSource | None = None) -> tuple[Event, ...]:
    """Return the events ``state`` selects, from ``events`` when the store is kept as columns (at
    most ``VIEW_EVENT_LIMIT`` of them: the map and the story build each event they draw).

    Raises:
        ExportError: none match (an empty export helps nobody), or more than the limit of a store
            kept as columns.
    """
    if events is None:
        chosen: Sequence[Event] = filter_events(timeline.events, state)
    else:
        chosen = events.select(state)
        if not events.held and len(chosen) > VIEW_EVENT_LIMIT:
            raise ExportError(f"{len(chosen):,} events match the filters; the map and the story draw at most "
                              f"{VIEW_EVENT_LIMIT:,} of a store this large: narrow the dates or filters (--from, "
                              "--to, --actor, ...), or export the timeline, which draws any number")
    if not chosen:
        raise ExportError("no events match the filters; widen the dates or remove a filter "
                          f"(the store holds {events.size if events is not None else len(timeline.events)} events)")
    return tuple(chosen.all()) if events is not None else tuple(chosen)


def default_title(state: FilterState, *, lang: str = "en") -> str:
    """Return a title naming what the view picks out, e.g. 'Timeline: Ali Khamenei'."""
    text = messages(lang)
    picked = picked_text(state, lang=lang)
    return text.gettext("Timeline: {picked}").format(picked=picked) if picked else text.gettext(TIMELINE_TITLE)


def picked_text(state: FilterState, *, lang: str = "en") -> str:
    """Return what the filters (other than dates) pick out, e.g. 'Ali Khamenei, “Imam”' (a built-in
    category in the reader's language ``lang``, the store's names as written)."""
    text = messages(lang)
    own = isolate if text.rtl else (lambda value: value)
    picked = [*(own(v) for v in (*state.actors, *state.groups)), *(text.gettext(c) for c in state.categories),
              *(own(v) for v in (*state.places, *state.tags))]
    if state.search.strip():
        picked.append(text.gettext("“{search}”").format(search=state.search.strip()))
    return ("، " if text.rtl else ", ").join(picked)

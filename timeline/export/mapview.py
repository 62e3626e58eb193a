"""The exported map: its figure with a title, the period and a source line, and its standalone HTML
page, which carries the world outlines inside it (no CDN, no tile server, works offline); in the
reader's language (``lang``)."""

from __future__ import annotations

from dataclasses import replace

import plotly.graph_objects as go

from timeline.chart.mapfigure import MapOptions, build_map
from timeline.chart.palette import store_options
from timeline.export.figures import (date_range_text, decorate_for_export, export_html, picked_text,
                                     selected_events, source_line)
from timeline.export.images import PRESETS, ExportOptions
from timeline.export.outlines import geo_assets_script, require_outlines
from timeline.lang.catalogs import N_, messages
from timeline.model import Timeline

MAP_TITLE = N_("Where it happened")
from timeline.view.eventsource import EventSource
from timeline.view.filters import FilterState


def map_view_figure(timeline: Timeline, state: FilterState, *, source: str, title: str | None = None,
                    options: ExportOptions = PRESETS["slide"], interactive: bool = False,
                    label_limit: int | None = None, transparent: bool = False, lang: str = "en",
                    events_source: EventSource | None = None) -> go.Figure:
    """Return the map of the events ``state`` selects, decorated for export at ``options``' size.

    Raises:
        ExportError: no event matches ``state`` (or, of a store kept as columns, ``events_source``,
            more than the map draws), or the world outlines are missing (the message says how to fetch them).
    """
    require_outlines()
    events = selected_events(timeline, state, events_source)  # a store kept as columns: the few drawn
    look = MapOptions(colour_by=state.colour_by, **store_options(timeline), height=options.height, lang=lang,
                      width_px=options.width, **({} if label_limit is None else {"label_limit": label_limit}))
    subtitle = date_range_text(events, state, lang=lang)
    if title and picked_text(state, lang=lang):  # a custom title must not hide what the view leaves out
        subtitle += f" · {picked_text(state, lang=lang)}"

    def decorated(chosen: MapOptions) -> go.Figure:
        return decorate_for_export(build_map(events, timeline.places, chosen),
                                   title=title or default_map_title(state, lang=lang), date_range_text=subtitle,
                                   source_line=source_line(events, source, lang=lang), interactive=interactive,
                                   transparent=transparent, lang=lang)

    # The title and source line take room from the map: frame the region for what is left of it.
    margin = decorated(look).layout.margin
    plot = (options.width - margin.l - margin.r, options.height - margin.t - margin.b)
    return decorated(replace(look, plot_px=plot))


def export_map_html(fig: go.Figure, *, cdn: bool = False, filename: str = "map",
                    options: ExportOptions = PRESETS["slide"], title: str = N_("Map"), lang: str = "en") -> str:
    """Return one standalone HTML page of the map that zooms, pans and hovers offline: the world
    outlines are inside it (plotly.js too, unless ``cdn``); the document in the reader's language ``lang``."""
    page = export_html(fig, cdn=cdn, filename=filename, options=options, title=title, lang=lang)
    return page.replace("<head>", "<head>" + geo_assets_script(), 1)


def default_map_title(state: FilterState, *, lang: str = "en") -> str:
    """Return a title naming what the view picks out, e.g. 'Where it happened: Ali Khamenei'."""
    text = messages(lang)
    picked = picked_text(state, lang=lang)
    return text.gettext("Where it happened: {picked}").format(picked=picked) if picked else text.gettext(MAP_TITLE)

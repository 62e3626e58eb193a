"""The timeline page: the chart of the filtered events, its export, the detail card and the table.

The view lives in the address (``?actor=...&event=...``), so a copied link shares it.
"""

from __future__ import annotations

import streamlit as st

from app_pages.access import chart_alt, focus_card
from app_pages.caches import cached_figure
from app_pages.context import current
from app_pages.views import write_address
from app_pages.card import detail_card, phone_list, select_event, title_of
from app_pages.exporting import export_section
from app_pages.language import _, iso, ngettext, reader_language
from app_pages.widgets import events_table
from timeline.chart.options import FigureOptions
from timeline.chart.overview import OVERVIEW_FROM
from timeline.chart.palette import store_options
from timeline.export.figures import modebar_config
from timeline.export.images import PRESETS
from timeline.view.display import date_line, escape_markdown

MAX_PICKER_EVENTS = 1_000  # the event picker lists at most this many; the chart and table show all
PLOT_WIDTH_PX = 560
"""The plot's width in the chart column beside the card on a 1400 px wide window (measured):
on-chart labels are placed for it. Wider windows only add room."""


def picked_from_chart(chart_state: object) -> str | None:
    """Return the event id of the point clicked on the chart, when the click is new."""
    points = []
    if chart_state:
        selection = chart_state["selection"] if isinstance(chart_state, dict) else chart_state.selection
        points = selection["points"] if isinstance(selection, dict) else selection.points
    ids = [p["customdata"][0] for p in points if p.get("customdata")]
    clicked = ids[0] if ids else None
    if clicked == st.session_state.get("last_chart_pick"):
        return None
    st.session_state.last_chart_pick = clicked
    return clicked


context = current()
path, timeline, signature, filters, by_id = (context.path, context.timeline, context.signature, context.filters,
                                             context.by_id)

st.title(_("Who did what, when"), anchor=False)
if "saved_message" in st.session_state:
    st.success(st.session_state.pop("saved_message"))
for notice in st.session_state.get("notices", []):
    st.info(notice)
if timeline.warnings:  # readable but probably not meant; `timeline validate` lists the same
    count = len(timeline.warnings)
    with st.expander("⚠️ " + ngettext("{count} warning in the store", "{count} warnings in the store",
                                      count).format(count=f"{count:,}")):
        for warning in timeline.warnings[:50]:
            st.caption(escape_markdown(str(warning)))
source = context.source
if not source.size:
    st.caption(_("Showing 0 of 0 events · {path}").format(path=iso(escape_markdown(path))))
    st.info(_("{path} holds no events yet.").format(path=iso(path)))
    st.stop()
shown = source.select(filters)
clicked = picked_from_chart(st.session_state.get("chart"))  # before drawing, so the ring shows at once
if clicked:
    st.session_state.selected = clicked
selected = by_id.get(st.session_state.get("selected") or "")
phone = "Mobi" in (st.context.headers.get("User-Agent") or "")
figure_options = FigureOptions(lanes=filters.lanes, every_row=filters.every_row, selected_id=st.session_state.get("selected"),
                               colour_by=filters.colour_by, **store_options(timeline),
                               density="on" if st.session_state.get("density") else "auto", compact=phone,
                               period=(filters.start, filters.end), plot_width_px=PLOT_WIDTH_PX,
                               lang=reader_language())
# Built before the count above it is written: a new count over the old chart, still being
# rebuilt, would describe a chart that is not there yet (the chart is cached per view).
figure = cached_figure(path, signature, repr((filters, figure_options)), shown, source, filters, figure_options,
                       timeline.eras)
st.caption(_("Showing {shown} of {total} events · {path} · click a mark for its details and sources; drag to "
             "zoom, double-click to reset").format(shown=f"{len(shown):,}", total=f"{source.size:,}",
                                                    path=iso(escape_markdown(path))))
# The picker comes before the chart: with the page's "Skip to main content" link, a keyboard
# reaches every event in three key presses (Tab, Enter, Tab), and a screen reader gets a list.
listed = {e.id: e for e in shown[:MAX_PICKER_EVENTS]}
st.session_state.pick = selected.id if selected and selected.id in listed else ""
st.selectbox(_("Event details") if len(shown) <= MAX_PICKER_EVENTS else _("Event details (the first {limit} shown)")
             .format(limit=f"{MAX_PICKER_EVENTS:,}"),
             ["", *listed], key="pick", on_change=lambda: select_event(st.session_state.pick),
             format_func={"": _("Choose an event…"),
                          **{i: f"{title_of(e)} ({date_line(e).written})" for i, e in listed.items()}}.get)
for note in (a.text for a in figure.layout.annotations if a.name == "thinning"):
    # The overview's note says what the shading counts; the thinned chart's says itself how to see every event.
    hint = " " + _("Narrow the dates or filters to see every event as a mark.") if len(shown) > OVERVIEW_FROM else ""
    st.caption(f"ℹ️ {note}{hint}")  # fixed wording and numbers, no user text
slide = PRESETS["slide"]
alt = chart_alt(shown, source.size, filters.lanes, list(figure.layout.yaxis.categoryarray or ()), reader_language())
chart_config = {**modebar_config("timeline", slide.width, slide.height, slide.scale),
                "scrollZoom": False, "displayModeBar": "hover" if phone else True}
if phone:
    # A phone reads a list: every title whole, by month, its card opening under it; the chart
    # follows as an overview.
    phone_list(shown, selected, context)
    st.markdown(_("**The timeline**"))
    st.plotly_chart(figure, key="chart", on_select="rerun", selection_mode=("points",), config=chart_config,
                    alt=alt)
else:
    # The card sits beside the chart, where the reader is looking when they click.
    chart_column, card_column = st.columns([3, 1], gap="medium")
    with chart_column:
        st.plotly_chart(figure, key="chart", on_select="rerun", selection_mode=("points",), config=chart_config,
                    alt=alt)
    with card_column:
        if selected is not None:
            detail_card(selected, context, shown)
        elif shown:
            st.info(_("Click a mark on the chart, or pick an event above it, to read its details and sources."))
export_section(timeline, filters, shown, path, source)
events_table(shown, timeline.category_labels)

# A card opened in this session (not one restored from the address) takes the focus.
if selected is not None and st.session_state.setdefault("focused_card", selected.id) != selected.id:
    focus_card(selected, title_of(selected))
st.session_state.focused_card = selected.id if selected else ""
write_address(filters, selected.id if selected else None, "timeline")

"""Widgets more than one page draws: the sidebar filters and the view in the address, the detail
card, the export buttons and the events table. Each widget has an explicit key."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date

import streamlit as st

from app_pages.caches import image_session
from app_pages.context import EDITOR_PAGE, PageContext
from app_pages.datewindow import DATE_KEYS, date_window, set_window
from app_pages.editing import start_editing
from timeline.export.figures import export_html, view_figure
from timeline.export.formats import events_csv, events_json
from timeline.export.images import PRESETS, ExportOptions, browser_available, export_images
from timeline.model import COLOUR_CHOICES, LANE_CHOICES, Event, Timeline
from timeline.chart.rows import ROW_LIMIT
from timeline.view.display import (date_glyph, date_line, escape_markdown, fact_lines, month_groups, resolved_span,
                                   source_markdown)
from timeline.view.filters import FilterState
from timeline.view.eventsource import EventSource, Selection
from timeline.view.table import display_frame, events_frame
from timeline.view.urlstate import View, view_from_query

LANE_LABELS = {"actor": "Actor", "group": "Actor group (side)", "category": "Category", "place": "Place",
               "none": "None (one row)"}
FILTER_KEYS = (*DATE_KEYS, "f_view", "f_actors", "f_groups", "f_colour", "f_categories", "f_places", "f_tags", "f_search", "f_lanes", "f_every_row")


def restore_view_once(span: tuple[date, date] | None, known: dict[str, tuple[str, ...]], by_id: Mapping[str, Event],
                      page_view: str | None = None) -> None:
    """On a session's first run, put the view named in the address into the widgets; a view page
    opened by its own path (``/story``) is that view unless ``?view=`` says otherwise."""
    if "view_restored" in st.session_state:
        return
    st.session_state.view_restored = True
    query = {key: st.query_params.get_all(key) for key in st.query_params}
    view, notices = view_from_query(query, known=known, event_ids=by_id)
    st.session_state.notices = notices
    st.session_state.f_view = view.name if "view" in query or page_view is None else page_view
    st.session_state.story_id, st.session_state.story_step = view.story, view.step
    apply_view(view, span)


def keep_sidebar_state() -> None:
    """Carry the sidebar's values over a page switch.

    ``st.switch_page`` reruns without the browser's widget values, and Streamlit then resets
    every widget to its default (the date window would become a single day). Writing each value
    back as session state before the widgets are drawn makes it the widget's value on any page.
    """
    for key in (*FILTER_KEYS, "density"):
        if key in st.session_state:
            st.session_state[key] = st.session_state[key]


def apply_view(view: View, span: tuple[date, date] | None) -> None:
    state = view.filters
    bounds = data_bounds(span)
    set_window(state.start, state.end, bounds)
    st.session_state.f_actors = list(state.actors)
    st.session_state.f_groups = list(state.groups)
    st.session_state.f_colour = state.colour_by
    st.session_state.f_categories = list(state.categories)
    st.session_state.f_places = list(state.places)
    st.session_state.f_tags = list(state.tags)
    st.session_state.f_search = state.search
    st.session_state.f_lanes = state.lanes
    st.session_state.f_every_row = state.every_row
    st.session_state.selected = view.selected


def data_bounds(span: tuple[date, date] | None) -> tuple[date, date]:
    return span or (date(2020, 1, 1), date(2020, 1, 1))


def reset_filters(span: tuple[date, date] | None) -> None:
    apply_view(View(), span)


def select_event(event_id: str) -> None:
    st.session_state.selected = event_id


def sidebar_filters(timeline: Timeline, known: dict[str, tuple[str, ...]],
                    span: tuple[date, date] | None) -> FilterState:
    bounds = data_bounds(span)
    with st.sidebar:
        st.header("Filters")
        start, end = date_window(bounds)
        actors = st.multiselect("Actors", known["actors"], key="f_actors", placeholder="All actors")
        # Groups come from the store's 'actors:' registry: a store without one has none to offer.
        groups = st.multiselect("Actor groups", known["groups"], key="f_groups", placeholder="All groups",
                                help="Sides and affiliations, from the store's actors: registry") if known["groups"] else ()
        labels = timeline.category_labels
        categories = st.multiselect("Categories", known["categories"], key="f_categories",
                                    placeholder="All categories", format_func=lambda c: labels.get(c, c).capitalize())
        places = st.multiselect("Places", known["places"], key="f_places", placeholder="All places")
        tags = st.multiselect("Tags", known["tags"], key="f_tags", placeholder="All tags")
        search = st.text_input("Search", key="f_search", placeholder="Words in title, summary or quote, or a name",
                               max_chars=200)
        lanes = st.selectbox("Rows (swimlanes) by", LANE_CHOICES, key="f_lanes", format_func=LANE_LABELS.get)
        colour = st.radio("Colour marks by", COLOUR_CHOICES, key="f_colour", horizontal=True,
                          format_func={"category": "Category", "group": "Actor group"}.get) if known["groups"] else "category"
        every_row = st.toggle("A row for every one", key="f_every_row", disabled=lanes == "none",
                              help=f"Off: the {ROW_LIMIT - 1} busiest rows, the rest gathered into one "
                              "'Others' row, so the chart and its dates fit the screen")
        st.toggle("Events per week/month strip", key="density", help="A histogram under the timeline; "
                  "shown by itself for large data")
        st.button("Reset filters", key="reset", on_click=reset_filters, args=(span,), width="stretch")
    return FilterState(
        start=start, end=end,
        actors=tuple(actors), groups=tuple(groups), categories=tuple(categories), places=tuple(places),
        tags=tuple(tags), search=search.strip(), lanes=lanes, every_row=bool(every_row), colour_by=colour,
    )


def detail_card(event: Event, context: PageContext, shown: Sequence[Event] = ()) -> None:
    """The open event's card; with ``shown`` (the events on the chart, in date order) it also
    steps to the previous and next event in time."""
    when = date_line(event)
    with st.container(border=True, key="detail_card"):
        neighbours(event, shown)
        st.header(escape_markdown(event.title), anchor=False)
        st.markdown(f"**When:** {escape_markdown(when.written)} → {escape_markdown(when.resolved)} "
                    f"({escape_markdown(resolved_span(event))}; {escape_markdown(when.precision)})")
        st.markdown(f"**Category:** {escape_markdown(context.timeline.category_labels.get(event.category, event.category))}")
        for line in fact_lines(event, context.timeline):
            st.markdown(line)
        if event.summary:
            st.markdown(escape_markdown(event.summary))
        if event.quote:
            st.markdown("> " + escape_markdown(event.quote))
        st.markdown("**Sources:**\n" + "\n".join(f"- {source_markdown(s)}" for s in event.sources))
        settings = context.settings
        if settings.editor and settings.data_path.is_file() and settings.data_path.suffix.lower() != ".parquet":
            if st.button("Edit this event", key="edit_event", icon="✏️"):
                start_editing(event, settings.data_path)
                st.switch_page(EDITOR_PAGE)
        related = [context.by_id[r] for r in event.related if r in context.by_id]
        if related:
            st.markdown("**Related events:**")
            for other in related:
                st.button(escape_markdown(f"{other.title} ({date_line(other).written})"), key=f"related_{other.id}",
                          on_click=select_event, args=(other.id,))


def neighbours(event: Event, shown: Sequence[Event]) -> None:
    """Buttons to the events just before and after ``event`` among those shown."""
    position = shown.index_of(event.id) if isinstance(shown, Selection) else next(
        (i for i, other in enumerate(shown) if other.id == event.id), None)
    if position is None:
        return
    around = shown[max(position - 1, 0):position + 2]  # only these are built in a large selection
    earlier = around[0] if position > 0 else None
    later = around[-1] if position + 1 < len(shown) else None
    left, right = st.columns(2)
    left.button("← Earlier", key="card_prev", disabled=earlier is None, width="stretch",
                on_click=select_event, args=(earlier.id if earlier else "",),
                help=escape_markdown(earlier.title) if earlier else "This is the first event shown")
    right.button("Later →", key="card_next", disabled=later is None, width="stretch",
                 on_click=select_event, args=(later.id if later else "",),
                 help=escape_markdown(later.title) if later else "This is the last event shown")
    st.caption(f"Event {position + 1:,} of {len(shown):,} shown, in time order")


PHONE_LIST_LIMIT = 300
"""Events listed on a phone at most; the picker and the filters reach the rest."""


def phone_list(shown: Sequence[Event], selected: Event | None, context: PageContext) -> None:
    """The events as a list for a phone, by month, each with its mark; a tap opens its card in
    place, under the tapped line, so it is in view without scrolling."""
    for month, events in month_groups(shown[:PHONE_LIST_LIMIT]):
        st.markdown(f"**{escape_markdown(month)}**")
        for event in events:
            st.button(f"{date_glyph(event.date)} {escape_markdown(date_line(event).written)} · "
                      f"{escape_markdown(event.title)}", key=f"event_{event.id}", type="tertiary",
                      on_click=select_event, args=(event.id,))
            if selected is not None and selected.id == event.id:
                detail_card(selected, context, shown)
    if len(shown) > PHONE_LIST_LIMIT:
        st.caption(f"The first {PHONE_LIST_LIMIT:,} of {len(shown):,} events; narrow the filters for the rest.")


def image_bytes(timeline: Timeline, filters: FilterState, source: str, fmt: str, options: ExportOptions,
                events: EventSource | None = None) -> bytes:
    figure = view_figure(timeline, filters, source=source, options=options, events=events)
    return export_images([(figure, fmt, options)], session=image_session())[0]


def export_section(timeline: Timeline, filters: FilterState, shown: Selection, source: str,
                   events: EventSource | None = None) -> None:
    with st.expander("Export this view", expanded=False):
        preset = st.radio("Size", list(PRESETS), key="export_preset", horizontal=True,
                          format_func=lambda p: f"{p} ({PRESETS[p].width}×{PRESETS[p].height}"
                          + (f" at {PRESETS[p].scale:g}×)" if PRESETS[p].scale != 1 else ")"))
        options = PRESETS[preset]
        missing_browser = browser_available()
        if missing_browser:
            st.warning(f"Images are off on this machine: {missing_browser}")
        columns = st.columns(6)
        for column, fmt, mime in zip(columns, ("png", "svg", "pdf"), ("image/png", "image/svg+xml", "application/pdf")):
            column.download_button(
                fmt.upper(), key=f"download_{fmt}", file_name=f"timeline.{fmt}", mime=mime,
                data=lambda fmt=fmt: image_bytes(timeline, filters, source, fmt, options, events),
                disabled=bool(missing_browser) or not shown, help=missing_browser)
        columns[3].download_button(
            "HTML", key="download_html", file_name="timeline.html", mime="text/html", disabled=not shown,
            data=lambda: export_html(view_figure(timeline, filters, source=source, options=options, interactive=True,
                                                 events=events)),
            help="One file that opens offline and still zooms, pans and hovers")
        columns[4].download_button("CSV", key="download_csv", file_name="timeline.csv", mime="text/csv",
                                   data=lambda: events_csv(shown.all()), disabled=not shown)
        columns[5].download_button("JSON", key="download_json", file_name="timeline.json",
                                   mime="application/json", data=lambda: events_json(shown.all()), disabled=not shown)
        st.caption("The same from the command line: `timeline export PATH -o OUT.png` "
                   "(see the README's Export section).")


TABLE_LIMIT = 1_000
"""Rows the table shows at most: the CSV download holds every event of the view."""


def events_table(shown: Sequence[Event]) -> None:
    rows = display_frame(events_frame(shown[:TABLE_LIMIT]))
    if len(shown) > TABLE_LIMIT:
        st.caption(f"The table lists the first {TABLE_LIMIT:,} of {len(shown):,} events in time order; "
                   "**Export this view → CSV** has them all.")
    # A store reaching before 1 CE has its days as ISO 8601 text ('-0538-10-06'): a date column
    # would read them as dates of the common era.
    as_text = len(rows) and isinstance(rows["start"].iloc[0], str)
    day_column = (lambda name: st.column_config.TextColumn(name)) if as_text else (
        lambda name: st.column_config.DateColumn(name, format="YYYY-MM-DD"))
    st.dataframe(rows, hide_index=True, key="table", column_config={
        "start": day_column("Start"), "end": day_column("End"),
        "date_text": "Date as written",
        "title": st.column_config.TextColumn("Title", width="large"),
    })

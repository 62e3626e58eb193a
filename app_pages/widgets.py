"""Widgets more than one page draws: the sidebar filters, the view in the address and the events
table (the card is in ``card.py``, the export buttons in ``exporting.py``). Each widget has an explicit key."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date

import streamlit as st

from app_pages.datewindow import DATE_KEYS, date_window, set_window
from app_pages.language import ALONGSIDE_KEY, LANG_KEY, MONTHS_KEY, _, text
from timeline.lang.catalogs import N_
from timeline.model import COLOUR_CHOICES, LANE_CHOICES, Event, Timeline
from timeline.chart.rows import ROW_LIMIT
from timeline.view.filters import FilterState
from timeline.view.table import display_frame, events_frame
from timeline.view.urlstate import View, view_from_query

LANE_LABELS = {"actor": N_("Actor"), "group": N_("Actor group (side)"), "category": N_("Category"),
               "place": N_("Place"), "none": N_("None (one row)")}
COLOUR_LABELS = {"category": N_("Category"), "group": N_("Actor group")}
FILTER_KEYS = (*DATE_KEYS, LANG_KEY, MONTHS_KEY, ALONGSIDE_KEY, "f_view", "f_actors", "f_groups", "f_colour", "f_categories", "f_places", "f_tags", "f_search", "f_lanes", "f_every_row")


def restore_view_once(span: tuple[date, date] | None, known: dict[str, tuple[str, ...]], by_id: Mapping[str, Event],
                      page_view: str | None = None) -> None:
    """On a session's first run, put the view named in the address into the widgets; a view page
    opened by its own path (``/story``) is that view unless ``?view=`` says otherwise."""
    if "view_restored" in st.session_state:
        return
    st.session_state.view_restored = True
    query = {key: st.query_params.get_all(key) for key in st.query_params}
    view, notices = view_from_query(query, known=known, event_ids=by_id, text=text())
    st.session_state.notices = notices
    st.session_state.f_view = view.name if "view" in query or page_view is None else page_view
    st.session_state.story_id, st.session_state.story_step = view.story, view.step
    apply_view(view, span)
    st.session_state[MONTHS_KEY] = view.months or "standard"
    st.session_state[ALONGSIDE_KEY] = view.alongside or ""


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


def sidebar_filters(timeline: Timeline, known: dict[str, tuple[str, ...]],
                    span: tuple[date, date] | None) -> FilterState:
    bounds = data_bounds(span)
    with st.sidebar:
        st.header(_("Filters"))
        start, end = date_window(bounds)
        actors = st.multiselect(_("Actors"), known["actors"], key="f_actors", placeholder=_("All actors"))
        # Groups come from the store's 'actors:' registry: a store without one has none to offer.
        groups = st.multiselect(_("Actor groups"), known["groups"], key="f_groups", placeholder=_("All groups"),
                                help=_("Sides and affiliations, from the store's actors: registry")) if known["groups"] else ()
        # Each option's label made now, in this run's language (a format_func is also called outside the run).
        labels = {c: _(timeline.category_labels.get(c, c)).capitalize() for c in known["categories"]}
        categories = st.multiselect(_("Categories"), known["categories"], key="f_categories",
                                    placeholder=_("All categories"), format_func=labels.get)
        places = st.multiselect(_("Places"), known["places"], key="f_places", placeholder=_("All places"))
        tags = st.multiselect(_("Tags"), known["tags"], key="f_tags", placeholder=_("All tags"))
        search = st.text_input(_("Search"), key="f_search", placeholder=_("Words in title, summary or quote, or a name"),
                               max_chars=200)
        lanes = st.selectbox(_("Rows (swimlanes) by"), LANE_CHOICES, key="f_lanes",
                             format_func={lane: _(label) for lane, label in LANE_LABELS.items()}.get)
        colour = st.radio(_("Colour marks by"), COLOUR_CHOICES, key="f_colour", horizontal=True,
                          format_func={by: _(label) for by, label in COLOUR_LABELS.items()}.get) if known["groups"] \
            else "category"
        every_row = st.toggle(_("A row for every one"), key="f_every_row", disabled=lanes == "none",
                              help=_("Off: the {count} busiest rows, the rest gathered into one 'Others' row, so the "
                                     "chart and its dates fit the screen").format(count=ROW_LIMIT - 1))
        st.toggle(_("Events per week/month strip"), key="density",
                  help=_("A histogram under the timeline; shown by itself for large data"))
        st.button(_("Reset filters"), key="reset", on_click=reset_filters, args=(span,), width="stretch")
    return FilterState(
        start=start, end=end,
        actors=tuple(actors), groups=tuple(groups), categories=tuple(categories), places=tuple(places),
        tags=tuple(tags), search=search.strip(), lanes=lanes, every_row=bool(every_row), colour_by=colour,
    )


TABLE_LIMIT = 1_000
"""Rows the table shows at most: the CSV download holds every event of the view."""


def events_table(shown: Sequence[Event], labels: Mapping[str, str]) -> None:
    rows = display_frame(events_frame(shown[:TABLE_LIMIT], lang=text().lang))
    rows["precision"] = rows["precision"].map(_)  # 'day', 'month' ... in the reader's language
    rows["category"] = rows["category"].map(lambda category: _(labels.get(category, category)))
    # Not reversed for a right-to-left reader, unlike the network's narrow table: the grid opens
    # scrolled to its left, and the dates and titles would start out of sight.
    if len(shown) > TABLE_LIMIT:
        st.caption(_("The table lists the first {limit} of {count} events in time order; **Export this view → "
                     "CSV** has them all.").format(limit=f"{TABLE_LIMIT:,}", count=f"{len(shown):,}"))
    # A store reaching before 1 CE has its days as ISO 8601 text ('-0538-10-06'): a date column
    # would read them as dates of the common era.
    as_text = len(rows) and isinstance(rows["start"].iloc[0], str)
    day_column = (lambda name: st.column_config.TextColumn(name)) if as_text else (
        lambda name: st.column_config.DateColumn(name, format="YYYY-MM-DD"))
    st.dataframe(rows, hide_index=True, key="table", column_config={
        "start": day_column(_("Start")), "end": day_column(_("End")), "precision": _("Precision"),
        "date_text": _("Date as written"), "title": st.column_config.TextColumn(_("Title"), width="large"),
        "category": _("Category"), "actors": _("Actors"), "places": _("Places"), "tags": _("Tags"),
        "outlets": _("Outlets"), "id": _("Id"),
    })

"""The page's caches: one load per saved version of the store, and what is built from it.

Every per-store cache is keyed by the store's path and signature (its files' modification
times and sizes), so a save anywhere makes the next run read the file again.
"""

from __future__ import annotations

from collections.abc import Mapping

import streamlit as st

from app_pages.language import _, iso, ngettext
from timeline.chart.options import FigureOptions
from timeline.chart.selectionfigure import selection_figure
from timeline.errors import ValidationError
from timeline.export.images import ImageSession
from timeline.model import Event, Timeline
from timeline.store.loading import load_timeline, store_signature
from timeline.view.display import escape_markdown
from timeline.store.eventcolumns import is_parquet
from timeline.store.lazystore import open_lazy_store
from timeline.store.parquetstore import parquet_row_count
from timeline.view.eventsource import VIEW_EVENT_LIMIT, EventsById, EventSource, Selection, in_columns, in_memory
from timeline.view.filters import FilterState, choices


@st.cache_resource(show_spinner=False, max_entries=4)
def cached_timeline(path: str, signature: tuple[tuple[str, int, int], ...]) -> Timeline:
    """Load a store once per saved version: the signature changes when a file is saved."""
    return load_timeline(path)


@st.cache_resource(show_spinner=False, max_entries=2)
def cached_columns(path: str, signature: tuple[tuple[str, int, int], ...]) -> tuple[Timeline, EventSource]:
    """Open a large Parquet store as columns once per saved version: its registries, eras and
    stories as a timeline without events, and its events in the query engine."""
    store, problems = open_lazy_store(path)
    if store is None:
        raise ValidationError(problems)
    return store.header, in_columns(store)


@st.cache_resource
def last_good_stores() -> dict[str, tuple[Timeline, object, EventSource]]:
    """The last valid load of each store in this process, shown while a file is broken."""
    return {}


def load_or_explain(path: str, columnar_from: int) -> tuple[Timeline, object, EventSource]:
    """Return the store's timeline, the signature it was loaded at (the key of its caches) and its
    events as a source. A Parquet store of more than ``columnar_from`` events is kept as columns
    (its events built only when shown); any other store is loaded whole."""
    signature = store_signature(path)
    try:
        if is_parquet(path) and parquet_row_count(path) > columnar_from:
            timeline, source = cached_columns(path, signature)
        else:
            timeline = cached_timeline(path, signature)
            source = store_source(path, signature, timeline)
    except ValidationError as err:
        st.error(ngettext("**{path}** has {count} problem; fix it and save, and the page reloads the file:",
                          "**{path}** has {count} problems; fix them and save, and the page reloads the file:",
                          err.total).format(path=iso(escape_markdown(path)), count=err.total))
        # The problems are the store's own messages (file:line:column, in English, as `timeline validate` prints).
        more = err.total - len(err.problems)
        st.code("\n".join(str(problem) for problem in err.problems)
                + ("\n" + _("... and {count} more").format(count=more) if more > 0 else ""),
                language=None, wrap_lines=True)
        previous = last_good_stores().get(path)
        if previous is None:
            st.stop()
        st.warning(_("Showing the last valid version of the data until the file is fixed."))
        return previous
    last_good_stores()[path] = (timeline, signature, source)
    return timeline, signature, source


@st.cache_resource(show_spinner=False, max_entries=4)
def store_lookups(path: str, signature: object, _timeline: Timeline,
                  _source: EventSource) -> tuple[Mapping[str, Event], dict[str, tuple[str, ...]]]:
    """Each event by id, and the values the filter pickers offer (categories in vocabulary order).
    A store kept as columns builds an event when its id is looked up, and counts its values there."""
    if _source.held:
        by_id: Mapping[str, Event] = {event.id: event for event in _timeline.events}
        known = choices(_timeline.events)
    else:
        by_id, known = EventsById(_source), _source.choices()
    known["categories"] = tuple(c for c in _timeline.category_labels if c in known["categories"])
    known["groups"] = tuple(dict.fromkeys(a.group for a in _timeline.actors if a.group in known["groups"]))
    return by_id, known


@st.cache_resource(show_spinner=False, max_entries=16)
def cached_figure(path: str, signature: object, view_key: str, _shown: Selection, _source: EventSource,
                  _filters: FilterState, _options: FigureOptions, _eras: tuple) -> object:
    """The chart of one view; a rerun that changes nothing in the view (a click, a toggle
    elsewhere) reuses it instead of rebuilding a large figure."""
    return selection_figure(_shown, _source, _filters, _options, eras=_eras, hover_cache=store_hovers(path, signature))


@st.cache_resource(show_spinner=False, max_entries=4)
def store_source(path: str, signature: object, _timeline: Timeline) -> EventSource:
    """The store's events for selecting and counting: a filter change costs milliseconds at 100k."""
    return in_memory(_timeline)


@st.cache_resource(show_spinner=False, max_entries=4)
def store_hovers(path: str, signature: object) -> dict[str, str]:
    """Hover texts of one loaded store, filled as figures need them (event id -> text)."""
    return {}


@st.cache_resource(show_spinner=False)
def image_session() -> ImageSession:
    """One headless browser for every image download in this process (~0.3 s an image, not ~2 s)."""
    return ImageSession()




def shown_events(source: EventSource, filters: FilterState) -> tuple[Event, ...]:
    """The events the filters select, for a view that draws each of them (story, map, network).

    A store kept as columns builds its events when read: past ``VIEW_EVENT_LIMIT`` the view
    asks for narrower filters instead of building a million events."""
    shown = source.select(filters)
    if not source.held and len(shown) > VIEW_EVENT_LIMIT:
        st.info(_("{count} events match the filters; this view draws at most {limit} of a store this large. Narrow "
                  "the dates or filters, or open the timeline view, which draws any number.").format(
                      count=f"{len(shown):,}", limit=f"{VIEW_EVENT_LIMIT:,}"))
        st.stop()
    return shown.all()

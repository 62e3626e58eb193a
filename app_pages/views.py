"""The ways into the same events (timeline, story, map, network): the sidebar's view picker, the
page each view is, and the address every view writes.

The view is kept in the address as ``?view=story`` (with ``story=`` and ``step=`` in a story),
next to the filters and the open card that all views share.
"""

from __future__ import annotations

import streamlit as st

from app_pages.language import _, date_style, reader_language
from app_pages.context import MAP_PAGE, NETWORK_PAGE, STORY_PAGE, TIMELINE_PAGE
from timeline.lang.catalogs import N_
from timeline.lang.languages import DEFAULT_LANGUAGE
from timeline.view.filters import FilterState
from timeline.view.urlstate import VIEW_NAMES, View, view_to_query

VIEW_PAGES = {"timeline": TIMELINE_PAGE, "story": STORY_PAGE, "map": MAP_PAGE, "network": NETWORK_PAGE}
VIEW_LABELS = {"timeline": N_("Timeline"), "story": N_("Story"), "map": N_("Map"), "network": N_("Network")}
VIEW_ICONS = {"timeline": ":material/timeline:", "story": ":material/auto_stories:", "map": ":material/map:",
              "network": ":material/hub:"}


def view_pages() -> dict[str, st.Page]:
    """The views as pages: the timeline at ``/``, the others at ``/story``, ``/map``, ``/network``."""
    return {name: st.Page(VIEW_PAGES[name], title=_(VIEW_LABELS[name]), icon=VIEW_ICONS[name],
                          default=name == "timeline", url_path=None if name == "timeline" else name)
            for name in VIEW_NAMES}


def view_picker(current: str) -> str:
    """Draw the view picker at the top of the sidebar; return the view chosen (``current`` on a
    page opened by its own address)."""
    if st.session_state.get("f_view") not in VIEW_NAMES:
        st.session_state.f_view = current
    with st.sidebar:
        chosen = st.segmented_control(_("View"), VIEW_NAMES, key="f_view", format_func={name: _(label) for name, label in VIEW_LABELS.items()}.get,
                                      help=_("The same events, filtered alike: in time, as a story, on a map, as a "
                                             "network of actors"))
    return chosen or current


def write_address(filters: FilterState, selected: str | None, name: str, *, story: str | None = None,
                  step: int | None = None) -> None:
    """Put the view into the address, so that a copied link opens exactly it."""
    lang = reader_language()
    months, alongside = date_style()
    st.query_params.from_dict(view_to_query(View(
        filters=filters, selected=selected, name=name, story=story, step=step,
        lang=None if lang == DEFAULT_LANGUAGE else lang, months=None if months == "standard" else months,
        alongside=alongside)))

"""The network view: who appeared with whom among the shown events (issue 15).

Actors are nodes, joined when they appear in the same event; the sidebar's filters and dates
choose the events. A click on an actor shows their events on the timeline. The graph, its
measures and its figure come from ``timeline.chart`` (``actorgraph``, ``network``).
"""

from __future__ import annotations

import streamlit as st

from app_pages.caches import shown_events
from app_pages.context import current
from app_pages.language import _, reader_language
from app_pages.views import write_address
from timeline.chart.actorgraph import MAX_NODE_LIMIT, NODE_LIMIT, ActorGraph, actor_graph, actor_rows, limited
from timeline.chart.network import NetworkOptions, build_network_figure, label_widths
from timeline.chart.palette import actor_groups, store_colours
from timeline.model import Event

LIMIT_STEP = 50


@st.cache_resource(show_spinner=False, max_entries=8)
def cached_graph(path: str, signature: object, view_key: str, _shown: tuple[Event, ...],
                 _groups: tuple[tuple[str, str], ...]) -> ActorGraph:
    """The actors of one view and their ties, built once per saved store and filter state."""
    return actor_graph(_shown, dict(_groups))


@st.cache_resource(show_spinner=False, max_entries=16)
def cached_network(path: str, signature: object, view_key: str, limit: int, options_key: str, _graph: ActorGraph,
                   _options: NetworkOptions) -> tuple[ActorGraph, object]:
    """What is drawn of one view (the most connected actors) and its figure: the layout takes
    up to a second for hundreds of actors, so a click or a rerun elsewhere reuses it."""
    drawn = limited(_graph, limit, lang=_options.lang)  # the options' repr keys the cache: one entry a language
    return drawn, build_network_figure(drawn, _options)


def label_style(figure: object) -> str:
    """CSS that draws each actor's label only on charts wide enough for it (see
    ``timeline.chart.networklabels``): a container query on the chart's own width, which a
    window's width does not tell (the sidebar may be open or not)."""
    rules = [".st-key-network_chart { container: network-chart / inline-size; }"]
    for width, indices in sorted(label_widths(figure).items()):
        chosen = ", ".join(f'.st-key-network_chart .annotation[data-index="{i}"]' for i in indices)
        rules.append(f"@container network-chart (max-width: {width - 1}px) {{ {chosen} {{ display: none; }} }}")
    return "<style>\n" + "\n".join(rules) + "\n</style>"


def follow_actor() -> None:
    """On a click on an actor: their events on the timeline. Runs before the next run draws the
    sidebar, so it may set the filters; ``app.py`` then switches to the view ``f_view`` names."""
    state = st.session_state.get("network_pick")
    points = state["selection"]["points"] if state else []
    actors = [point["customdata"][0] for point in points if point.get("customdata")]
    if actors:
        st.session_state.f_actors = [actors[0]]
        st.session_state.selected = None
        st.session_state.f_view = "timeline"


context = current()
path, timeline, signature, filters = context.path, context.timeline, context.signature, context.filters
st.title(_("Who appeared with whom"), anchor=False)
for notice in st.session_state.get("notices", []):  # what the address asked for and could not be
    st.info(notice)
shown = shown_events(context.source, filters)
network = cached_graph(path, signature, repr(filters), shown, actor_groups(timeline))
st.caption(_("{actors} actors in {shown} of {total} events · two actors are joined when they appear in the same "
             "event, the thicker the more often; hover for the events, click an actor to see theirs on the "
             "timeline").format(actors=f"{network.total_actors:,}", shown=f"{len(shown):,}",
                                total=f"{context.source.size:,}"))
if not network.total_actors:
    st.info(_("No actor appears in the events shown: widen the dates or clear a filter in the sidebar."))
    write_address(filters, st.session_state.get("selected"), "network")
    st.stop()

limit = NODE_LIMIT
if network.total_actors > NODE_LIMIT:
    limit = int(st.columns([1, 3])[0].number_input(
        _("Actors drawn"), min_value=LIMIT_STEP, max_value=min(network.total_actors, MAX_NODE_LIMIT), value=NODE_LIMIT,
        step=LIMIT_STEP, key="network_limit",
        help=_("The most connected actors (most partners) are drawn, up to {limit}; the table lists all").format(
            limit=MAX_NODE_LIMIT)))
phone = "Mobi" in (st.context.headers.get("User-Agent") or "")
options = NetworkOptions(colours=store_colours(timeline), compact=phone, height=480 if phone else 620,
                         lang=reader_language())
drawn, figure = cached_network(path, signature, repr(filters), limit, repr(options), network, options)
if drawn.note:
    st.caption(f"ℹ️ {drawn.note}")  # fixed wording and numbers, no user text
alt = _("Network of the {actors} actors of {count} events, {ties} ties between actors who appear in the same event. "
        "The table below lists each actor's events and partners.").format(
    actors=f"{drawn.graph.number_of_nodes():,}", count=f"{len(shown):,}", ties=f"{drawn.graph.number_of_edges():,}")
st.html(label_style(figure))
with st.container(key="network_chart"):
    st.plotly_chart(figure, key="network_pick", on_select=follow_actor, selection_mode=("points",), alt=alt,
                    # A phone keeps the whole width for the chart: its bar of buttons would cover the top labels.
                    config={"displaylogo": False, "scrollZoom": False, "displayModeBar": not phone and "hover",
                            "modeBarButtonsToRemove": ["select2d", "lasso2d"]})

st.header(_("Actors and their partners"), anchor=False)  # h2 under the page's h1 (axe: heading order)
partners = actor_rows(network.graph)
if reader_language() in ("ar", "fa"):  # the grid draws its columns left to right: start them at the right
    partners = [dict(reversed(row.items())) for row in partners]
st.dataframe(partners, hide_index=True, key="network_table", column_config={
    "Actor": st.column_config.TextColumn(_("Actor"), width="medium"),
    "Events": st.column_config.NumberColumn(_("Events"), help=_("Events shown that name the actor")),
    "Partners": st.column_config.NumberColumn(_("Partners"), help=_("Other actors in the same events (degree)")),
    "Shared events": st.column_config.NumberColumn(
        _("Shared events"), help=_("Events shared with each partner, added up (weighted degree)")),
    "Most often with": st.column_config.TextColumn(_("Most often with"), width="large"),
})
write_address(filters, st.session_state.get("selected"), "network")

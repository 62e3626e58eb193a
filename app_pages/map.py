"""The map view: where the shown events happened, one mark per place (issue 15).

A click on a place sets the sidebar's place filter to it and lists its events under the map; an
event there opens its card, and the open event's places are ringed. Places the map cannot show
are listed with what to add to the store. The world outlines are served by the app itself
(``static/topojson/``, Streamlit's static files): the page asks no server but its own.
"""

from __future__ import annotations

import streamlit as st

from app_pages.caches import image_session, shown_events
from app_pages.context import PageContext, current
from app_pages.views import write_address
from app_pages.card import detail_card, select_event, title_of
from app_pages.language import _, iso, ngettext, reader_language
from timeline.chart.mapfigure import TOPOJSON_NAME, MapOptions, build_map
from timeline.chart.mapplaces import PlaceTally, tally_places
from timeline.chart.palette import store_options
from timeline.export.figures import modebar_config
from timeline.export.images import PRESETS, ExportOptions, browser_available, export_images
from timeline.export.mapview import export_map_html, map_view_figure
from timeline.export.outlines import CHECKOUT_DIR
from timeline.model import Event, Timeline
from timeline.view.display import date_glyph, date_line, escape_markdown
from timeline.view.filters import FilterState

LIST_LIMIT = 200
"""Events listed under the map for a place at most; the timeline's table has them all."""
MAP_WIDTH_PX, PHONE_WIDTH_PX = 760, 358
"""The map's width beside the card on a 1400 px wide window, and on a phone: the region is framed for it."""


# Per view of a saved store: a rerun that changes nothing on the map (a card opened from the list
# changes only its ring) reuses it; thousands of places take about a second to gather and draw.
@st.cache_resource(show_spinner=False, max_entries=16)
def cached_map(path: str, signature: object, view_key: str, _shown: tuple[Event, ...], _places: tuple,
               _options: MapOptions) -> object:
    return build_map(_shown, _places, _options)


@st.cache_resource(show_spinner=False, max_entries=16)
def cached_tally(path: str, signature: object, view_key: str, _shown: tuple[Event, ...], _places: tuple,
                 colour_by: str, key_order: tuple[str, ...]) -> PlaceTally:
    return tally_places(_shown, _places, colour_by=colour_by, key_order=key_order)


def pick_place() -> None:
    """On a click on the map, set the sidebar's place filter to the place clicked (a callback:
    it runs before the sidebar is drawn, as a widget's value may only change then)."""
    state = st.session_state.get("map") or {}
    selection = state["selection"] if isinstance(state, dict) else state.selection
    points = selection["points"] if isinstance(selection, dict) else selection.points
    names = [point["customdata"][0] for point in points if point.get("customdata")]
    if names:
        st.session_state.f_places = names[:1]


def all_places() -> None:
    st.session_state.f_places = []


def topojson_url() -> str:
    """Where the page serves the outlines: Streamlit's static files, under the app's own path."""
    base = st.get_option("server.baseUrlPath").strip("/")
    return f"/{base + '/' if base else ''}app/static/topojson/"


def place_events(shown: tuple[Event, ...], places: tuple[str, ...], selected: Event | None,
                 card_here: PageContext | None = None) -> bool:
    """List each filtered place's events, each a button that opens its card; with ``card_here``
    (a phone) the open card follows its line, once. Return whether it drew the card."""
    carded = False
    for n, place in enumerate(places):
        here = [e for e in shown if place in e.places]
        st.subheader(ngettext("{place}: {count} event", "{place}: {count} events", len(here)).format(
            place=escape_markdown(place), count=f"{len(here):,}"), anchor=False)
        for event in here[:LIST_LIMIT]:
            text = f"{iso(escape_markdown(date_line(event).written))} · {escape_markdown(title_of(event))}"
            # Keyed event_...: the page style lays such a line out as text, the whole title (access.py).
            st.button(f"{date_glyph(event.date)} " + (f"**{text}**" if selected and selected.id == event.id else text),
                      key=f"event_at_{n}_{event.id}", type="tertiary", on_click=select_event, args=(event.id,))
            if card_here is not None and not carded and selected is not None and selected.id == event.id:
                detail_card(selected, card_here, shown)
                carded = True
        if len(here) > LIST_LIMIT:
            st.caption(_("The first {limit} of {count}; narrow the dates or filters for the rest.").format(
                limit=f"{LIST_LIMIT:,}", count=f"{len(here):,}"))
    st.button(_("Show every place"), key="map_all_places", on_click=all_places, icon=":material/public:")
    return carded


def unmapped_places(tally: PlaceTally, path: str, has_registry: bool) -> None:
    """Name the places the map cannot show, and what to add to the store for each."""
    if tally.unmapped:
        count = len(tally.unmapped)
        # The fix is what to write in the store (YAML, in English, as `timeline validate` says it).
        lines = ["- **" + escape_markdown(u.name) + "** (" + ngettext("{count} event", "{count} events", len(u.events))
                 .format(count=f"{len(u.events):,}") + "): " + iso(escape_markdown(u.fix(reader_language())))
                 for u in tally.unmapped[:50]]
        more = "\n- " + _("… and {count} more").format(count=f"{count - 50:,}") if count > 50 else ""
        with st.expander(ngettext("Not on the map: {count} place without coordinates",
                                  "Not on the map: {count} places without coordinates", count).format(count=f"{count:,}"),
                         expanded=count <= 5, icon=":material/location_off:"):
            st.markdown("\n".join(lines) + more)
            shown_path = path.replace("`", "'")  # inside a code span, where Markdown escapes would show
            st.caption(_("`timeline validate {path}` lists the same, with each place's file and line.").format(
                path=shown_path) if has_registry else _(
                "The store has no `places:` registry yet: start one with these places (see the README's "
                "\"Registries\"), and `timeline validate` will check every place against it."))
    if tally.unplaced:
        st.caption(_("{count} of the shown events name no place.").format(count=f"{tally.unplaced:,}"))


def export_map(timeline: Timeline, filters: FilterState, path: str, disabled: bool) -> None:
    lang = reader_language()
    with st.expander(_("Export this map"), expanded=False):
        preset = st.radio(_("Size"), list(PRESETS), key="map_export_preset", horizontal=True,
                          format_func={p: _(p) + f" ({size.width}×{size.height})" for p, size in PRESETS.items()}.get)
        options = PRESETS[preset]
        missing_browser = browser_available()
        if missing_browser:
            st.warning(_("Images are off on this machine: {reason}").format(reason=missing_browser))

        def image(fmt: str, size: ExportOptions) -> bytes:
            figure = map_view_figure(timeline, filters, source=path, options=size, lang=lang)
            return export_images([(figure, fmt, size)], session=image_session())[0]

        columns = st.columns(4)
        for column, fmt, mime in zip(columns, ("png", "svg", "pdf"), ("image/png", "image/svg+xml", "application/pdf")):
            column.download_button(fmt.upper(), key=f"map_download_{fmt}", file_name=f"map.{fmt}", mime=mime,
                                   data=lambda fmt=fmt: image(fmt, options), disabled=disabled or bool(missing_browser),
                                   help=missing_browser)
        columns[3].download_button(
            "HTML", key="map_download_html", file_name="map.html", mime="text/html", disabled=disabled,
            data=lambda: export_map_html(map_view_figure(timeline, filters, source=path, options=options,
                                                         interactive=True, lang=lang), filename="map", options=options),
            help=_("One file that opens offline (the world outlines inside it) and still zooms, pans and hovers"))
        st.caption(_("The same from the command line: `timeline export PATH --view map -o map.png --lang {lang}`.")
                   .format(lang=lang))


context = current()
path, timeline, signature, filters, by_id = (context.path, context.timeline, context.signature, context.filters,
                                             context.by_id)
st.title(_("Where it happened"), anchor=False)
for notice in st.session_state.get("notices", []):
    st.info(notice)
if not context.source.size:
    st.info(_("{path} holds no events yet.").format(path=iso(path)))
    st.stop()
shown = shown_events(context.source, filters)
selected = by_id.get(st.session_state.get("selected") or "")
look = store_options(timeline)
tally = cached_tally(path, signature, repr(filters), shown, timeline.places, filters.colour_by,
                     tuple(k for k, _ in look["colours"]))
st.caption(ngettext("Showing {shown} of {total} events at {places} place on the map · {path} · click a place for "
                    "its events", "Showing {shown} of {total} events at {places} places on the map · {path} · click "
                    "a place for its events", len(tally.mapped)).format(
    shown=f"{len(shown):,}", total=f"{context.source.size:,}", places=f"{len(tally.mapped):,}",
    path=iso(escape_markdown(path))))
if not (CHECKOUT_DIR / f"{TOPOJSON_NAME}.json").is_file():
    st.warning(_("The map's world outlines are missing, so only its marks can be drawn: fetch them once with "
                 "`make .venv` (or `python scripts/fetch_topojson.py`) and reload."))
phone = "Mobi" in (st.context.headers.get("User-Agent") or "")
if not phone:
    # A narrow desktop window gets the map framed for a wide column, scaled down: its place names
    # would cover each other and the edge. Hover and the list under the map name the places there.
    st.html("<style>@media (max-width: 640px) { .st-key-map_chart .scattergeo text { display: none; } }</style>")
map_options = MapOptions(colour_by=filters.colour_by, selected_id=selected.id if selected else None, compact=phone,
                         width_px=PHONE_WIDTH_PX if phone else MAP_WIDTH_PX, lang=reader_language(), **look)
figure = cached_map(path, signature, repr((filters, map_options)), shown, timeline.places, map_options)
slide = PRESETS["slide"]
config = {**modebar_config("map", slide.width, slide.height, slide.scale), "topojsonURL": topojson_url(),
          "scrollZoom": False, "displayModeBar": "hover" if phone else True}
busiest = ", ".join(f"{m.name} ({len(m.events):,})" for m in tally.mapped[:5])
alt = _("Map of {count} events at {places} places").format(count=f"{len(shown):,}", places=f"{len(tally.mapped):,}") + (
    _(", the busiest {places}").format(places=busiest) if busiest else "") + _(
    ". Click a place to list its events under the map.")

# On a desktop the card sits beside the map; a phone reads down: the map, the place's events and
# the card under the tapped event (in columns, Streamlit would also cut each title short).
map_column, card_column = (st.container(), None) if phone else st.columns([3, 1], gap="medium")
with map_column:
    with st.container(key="map_chart"):
        st.plotly_chart(figure, key="map", on_select=pick_place, selection_mode=("points",), config=config, alt=alt)
    carded = False
    if filters.places:
        carded = place_events(shown, filters.places, selected, card_here=context if phone else None)
    elif tally.mapped:
        st.caption(_("Click a place on the map to list its events here."))
    unmapped_places(tally, path, bool(timeline.places))
if card_column is not None:
    with card_column:
        if selected is not None:
            detail_card(selected, context, shown)
        elif tally.mapped:
            st.info(_("Click a place on the map, then one of its events, to read its details and sources."))
elif selected is not None and not carded:
    detail_card(selected, context, shown)
export_map(timeline, filters, path, disabled=not shown)
write_address(filters, selected.id if selected else None, "map")

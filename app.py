"""The timeline page: widgets over the ``timeline`` package, read top to bottom.

Run with ``make run`` or ``streamlit run app.py -- --data PATH``.
"""

from __future__ import annotations

import os
import sys
from datetime import date

import streamlit as st

from timeline import Event, Timeline, ValidationError, load_timeline
from timeline.view.appsettings import app_settings
from timeline.dates.reading import parse_date
from timeline.view.display import date_check, date_line, escape_markdown, resolved_span, source_markdown
from timeline.edit.events import add_event, draft_event, file_defaults, update_event
from timeline.errors import DateError, TimelineError
from timeline.edit.writer import file_signature
from timeline.export.images import PRESETS, ExportOptions, ImageSession, browser_available, export_images
from timeline.export.figures import export_html, modebar_config, view_figure
from timeline.chart.figure import FigureOptions, build_figure
from timeline.export.formats import events_csv, events_json
from timeline.view.filterindex import FilterIndex
from timeline.view.filters import FilterState, choices
from timeline.model import CATEGORIES, LANE_CHOICES, Calendar
from timeline.store.loading import store_signature
from timeline.view.table import display_frame, rows_of, store_frame
from timeline.view.urlstate import View, view_from_query, view_to_query

LANE_LABELS = {"actor": "Actor", "category": "Category", "place": "Place", "none": "None (one row)"}
FILTER_KEYS = ("f_dates", "f_actors", "f_categories", "f_places", "f_tags", "f_search", "f_lanes")
MAX_PICKER_EVENTS = 1_000  # the event picker lists at most this many; the chart and table show all

st.set_page_config(page_title="timeline: who did what, when", page_icon="🗓️", layout="wide")
settings = app_settings(sys.argv[1:], os.environ)


@st.cache_resource(show_spinner=False, max_entries=4)
def cached_timeline(path: str, signature: tuple[tuple[str, int, int], ...]) -> Timeline:
    """Load a store once per saved version: the signature changes when a file is saved."""
    return load_timeline(path, prepare=store_frame)


@st.cache_resource
def last_good_timelines() -> dict[str, tuple[Timeline, object]]:
    """The last valid load of each store in this process, shown while a file is broken."""
    return {}


def load_or_explain(path: str) -> tuple[Timeline, object]:
    """Return the store's timeline and the signature it was loaded at (the key of its caches)."""
    signature = store_signature(path)
    try:
        timeline = cached_timeline(path, signature)
    except ValidationError as err:
        st.error(f"**{escape_markdown(path)}** has {err.total} problem{'s' if err.total != 1 else ''}; "
                 f"fix {'them' if err.total != 1 else 'it'} and save, and the page reloads the file:")
        st.code("\n".join(str(problem) for problem in err.problems)
                + (f"\n... and {err.total - len(err.problems)} more" if err.total > len(err.problems) else ""),
                language=None, wrap_lines=True)
        previous = last_good_timelines().get(path)
        if previous is None:
            st.stop()
        st.warning("Showing the last valid version of the data until the file is fixed.")
        return previous
    last_good_timelines()[path] = (timeline, signature)
    return timeline, signature


def restore_view_once(timeline: Timeline, known: dict[str, tuple[str, ...]]) -> None:
    """On a session's first run, put the view named in the address into the widgets."""
    if "view_restored" in st.session_state:
        return
    st.session_state.view_restored = True
    query = {key: st.query_params.get_all(key) for key in st.query_params}
    view, notices = view_from_query(query, known=known, event_ids=[e.id for e in timeline.events])
    st.session_state.notices = notices
    apply_view(view, timeline)


def apply_view(view: View, timeline: Timeline) -> None:
    state = view.filters
    bounds = data_bounds(timeline)
    st.session_state.f_dates = (state.start or bounds[0], state.end or bounds[1])
    st.session_state.f_actors = list(state.actors)
    st.session_state.f_categories = list(state.categories)
    st.session_state.f_places = list(state.places)
    st.session_state.f_tags = list(state.tags)
    st.session_state.f_search = state.search
    st.session_state.f_lanes = state.lanes
    st.session_state.selected = view.selected


def data_bounds(timeline: Timeline) -> tuple[date, date]:
    return timeline.span or (date(2020, 1, 1), date(2020, 1, 1))


def reset_filters(timeline: Timeline) -> None:
    apply_view(View(), timeline)


def select_event(event_id: str) -> None:
    st.session_state.selected = event_id


def sidebar_filters(timeline: Timeline, known: dict[str, tuple[str, ...]]) -> FilterState:
    bounds = data_bounds(timeline)
    with st.sidebar:
        st.header("Filters")
        picked = st.date_input("Dates", min_value=bounds[0], max_value=bounds[1], key="f_dates",
                               format="YYYY-MM-DD", help="Events whose period touches this window")
        start, end = (tuple(picked) + (None, None))[:2] if isinstance(picked, (tuple, list)) else (picked, None)
        actors = st.multiselect("Actors", known["actors"], key="f_actors", placeholder="All actors")
        categories = st.multiselect("Categories", known["categories"], key="f_categories",
                                    placeholder="All categories", format_func=str.capitalize)
        places = st.multiselect("Places", known["places"], key="f_places", placeholder="All places")
        tags = st.multiselect("Tags", known["tags"], key="f_tags", placeholder="All tags")
        search = st.text_input("Search", key="f_search", placeholder="Words in title, summary or quote",
                               max_chars=200)
        lanes = st.selectbox("Rows (swimlanes) by", LANE_CHOICES, key="f_lanes", format_func=LANE_LABELS.get)
        st.toggle("Events per week/month strip", key="density", help="A histogram under the timeline; "
                  "shown by itself for large data")
        st.button("Reset filters", key="reset", on_click=reset_filters, args=(timeline,), width="stretch")
    return FilterState(
        start=start if start and start != bounds[0] else None,
        end=end if end and end != bounds[1] else None,
        actors=tuple(actors), categories=tuple(categories), places=tuple(places), tags=tuple(tags),
        search=search.strip(), lanes=lanes,
    )


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


def detail_card(event: Event, by_id: dict[str, Event]) -> None:
    when = date_line(event)
    with st.container(border=True, key="detail_card"):
        st.subheader(escape_markdown(event.title), anchor=False)
        st.markdown(f"**When:** {escape_markdown(when.written)} → {escape_markdown(when.resolved)} "
                    f"({escape_markdown(resolved_span(event))}; {escape_markdown(when.precision)})")
        st.markdown(f"**Category:** {escape_markdown(event.category)}")
        if event.actors:
            st.markdown("**Actors:** " + escape_markdown(", ".join(event.actors)))
        if event.places:
            st.markdown("**Places:** " + escape_markdown(", ".join(event.places)))
        if event.summary:
            st.markdown(escape_markdown(event.summary))
        if event.quote:
            st.markdown("> " + escape_markdown(event.quote))
        st.markdown("**Sources:**\n" + "\n".join(f"- {source_markdown(s)}" for s in event.sources))
        if settings.editor and settings.data_path.is_file():
            st.button("Edit this event", key="edit_event", icon="✏️", on_click=start_editing, args=(event,))
        related = [by_id[r] for r in event.related if r in by_id]
        if related:
            st.markdown("**Related events:**")
            for other in related:
                st.button(escape_markdown(f"{other.title} ({date_line(other).written})"), key=f"related_{other.id}",
                          on_click=select_event, args=(other.id,))


@st.cache_resource(show_spinner=False)
def image_session() -> ImageSession:
    """One headless browser for every image download in this process (~0.3 s an image, not ~2 s)."""
    return ImageSession()


def image_bytes(timeline: Timeline, filters: FilterState, source: str, fmt: str, options: ExportOptions) -> bytes:
    figure = view_figure(timeline, filters, source=source, options=options)
    return export_images([(figure, fmt, options)], session=image_session())[0]


def export_section(timeline: Timeline, filters: FilterState, shown: tuple[Event, ...], source: str) -> None:
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
                data=lambda fmt=fmt: image_bytes(timeline, filters, source, fmt, options),
                disabled=bool(missing_browser) or not shown, help=missing_browser)
        columns[3].download_button(
            "HTML", key="download_html", file_name="timeline.html", mime="text/html", disabled=not shown,
            data=lambda: export_html(view_figure(timeline, filters, source=source, options=options, interactive=True)),
            help="One file that opens offline and still zooms, pans and hovers")
        columns[4].download_button("CSV", key="download_csv", file_name="timeline.csv", mime="text/csv",
                                   data=lambda: events_csv(shown), disabled=not shown)
        columns[5].download_button("JSON", key="download_json", file_name="timeline.json",
                                   mime="application/json", data=lambda: events_json(shown), disabled=not shown)
        st.caption("The same from the command line: `python -m timeline export PATH -o OUT.png` "
                   "(see the README's Export section).")


@st.cache_resource(show_spinner=False, max_entries=4)
def store_lookups(path: str, signature: object, _timeline: Timeline) -> tuple[dict[str, Event], dict[str, tuple[str, ...]]]:
    """Each event by id, and the values the filter pickers offer (categories in vocabulary order)."""
    known = choices(_timeline.events)
    known["categories"] = tuple(c for c in CATEGORIES if c in known["categories"])
    return {event.id: event for event in _timeline.events}, known


@st.cache_resource(show_spinner=False, max_entries=4)
def store_table(path: str, signature: object, _timeline: Timeline) -> tuple[object, dict[str, int]]:
    """The whole store's table and each event's row, built once per saved version of the file."""
    return display_frame(store_frame(_timeline)), {event.id: i for i, event in enumerate(_timeline.events)}


@st.cache_resource(show_spinner=False, max_entries=16)
def cached_figure(path: str, signature: object, view_key: str, _shown: tuple[Event, ...],
                  _options: FigureOptions, _eras: tuple) -> object:
    """The chart of one view; a rerun that changes nothing in the view (a click, a toggle
    elsewhere) reuses it instead of rebuilding a large figure."""
    return build_figure(_shown, _options, eras=_eras, hover_cache=store_hovers(path, signature))


@st.cache_resource(show_spinner=False, max_entries=4)
def store_index(path: str, signature: object, _timeline: Timeline) -> FilterIndex:
    """The store prepared for filtering: a filter change or a search costs milliseconds at 100k."""
    return FilterIndex(_timeline.events)


@st.cache_resource(show_spinner=False, max_entries=4)
def store_hovers(path: str, signature: object) -> dict[str, str]:
    """Hover texts of one loaded store, filled as figures need them (event id -> text)."""
    return {}


def events_table(shown: tuple[Event, ...], table: tuple[object, dict[str, int]]) -> None:
    frame, positions = table
    st.dataframe(rows_of(frame, positions, shown), hide_index=True, key="table", column_config={
        "start": st.column_config.DateColumn("Start", format="YYYY-MM-DD"),
        "end": st.column_config.DateColumn("End", format="YYYY-MM-DD"),
        "date_text": "Date as written",
        "title": st.column_config.TextColumn("Title", width="large"),
    })


# ---- editor mode (off unless TIMELINE_EDITOR=1 or `-- --edit`) -------------------------------

EDIT_KEYS = ("ed_title", "ed_date", "ed_end", "ed_calendar", "ed_category", "ed_importance", "ed_actors",
             "ed_places", "ed_tags", "ed_summary", "ed_quote", "ed_related", "ed_outlet", "ed_source_title",
             "ed_url", "ed_published")


def start_editing(event: Event | None) -> None:
    """Open the form on ``event`` (None: a new event), remembering the file as it is now."""
    blank = {key: "" for key in EDIT_KEYS} | {"ed_actors": [], "ed_places": [], "ed_tags": [], "ed_related": [],
                                              "ed_calendar": "", "ed_category": "statement", "ed_importance": 3}
    st.session_state.update(blank)
    st.session_state.edit_id = event.id if event else None
    st.session_state.edit_signature = file_signature(settings.data_path)
    if event is None:
        return
    own = event.sources if event.sources != file_defaults(settings.data_path) else ()
    first = own[0] if own else None
    st.session_state.update({
        "ed_title": event.title, "ed_date": event.date_text, "ed_end": event.end_text or "",
        "ed_calendar": "" if event.calendar is Calendar.GREGORIAN else event.calendar.value,
        "ed_category": event.category, "ed_importance": event.importance or 3,
        "ed_actors": list(event.actors), "ed_places": list(event.places), "ed_tags": list(event.tags),
        "ed_summary": event.summary or "", "ed_quote": event.quote or "", "ed_related": list(event.related),
        "ed_outlet": first.outlet if first else "", "ed_source_title": (first.title or "") if first else "",
        "ed_url": (first.url or "") if first else "",
        "ed_published": first.published.isoformat() if first and first.published else "",
    })


def form_fields() -> dict[str, object]:
    """The event the form describes, as the fields the store writes."""
    state = st.session_state
    fields: dict[str, object] = {
        "title": state.ed_title, "date": state.ed_date, "end": state.ed_end, "calendar": state.ed_calendar,
        "category": state.ed_category, "importance": state.ed_importance, "actors": state.ed_actors,
        "places": state.ed_places, "tags": state.ed_tags, "summary": state.ed_summary, "quote": state.ed_quote,
        "related": state.ed_related,
    }
    if state.edit_id:
        fields["id"] = state.edit_id
    if state.ed_outlet.strip():
        fields["sources"] = [{"outlet": state.ed_outlet, "title": state.ed_source_title, "url": state.ed_url,
                              "published": state.ed_published}]
    return fields


def save_form() -> None:
    """Write the form's event (a button callback: it runs before the widgets are drawn again)."""
    state = st.session_state
    try:
        if state.edit_id:
            update_event(settings.data_path, state.edit_id, form_fields(), expected_signature=state.edit_signature)
            saved = state.edit_id
        else:
            saved = add_event(settings.data_path, form_fields(), expected_signature=state.edit_signature)
    except TimelineError as err:
        state.save_error = str(err)
        return
    start_editing(None)
    state.selected = saved
    state.saved_message = f"Saved '{saved}' to {settings.data_path}."


def live_date_note(text: str, reference: date | None, calendar: str) -> None:
    if not text.strip():
        return
    try:
        st.caption("✓ " + escape_markdown(date_check(parse_date(text, reference=reference, calendar=calendar or None),
                                                     reference)))
    except DateError as err:
        st.error(escape_markdown(err.message), icon="⚠️")


def editor_form(timeline: Timeline, known: dict[str, tuple[str, ...]]) -> None:
    if not settings.data_path.is_file():
        st.info("Editing works on a single YAML file; this store is a folder. Edit its files in a text editor.")
        return
    if "edit_signature" not in st.session_state:
        start_editing(None)
    state = st.session_state
    heading = f"Edit event '{state.edit_id}'" if state.edit_id else "Add event"
    with st.expander(heading, expanded=bool(state.edit_id) or state.get("form_open", False), icon="✏️"):
        defaults = file_defaults(settings.data_path)
        published = state.ed_published.strip()
        try:
            reference = date.fromisoformat(published) if published else next(
                (s.published for s in defaults if s.published), None)
        except ValueError:
            reference = None
        draft = draft_event(form_fields(), default_sources=defaults,
                            existing_ids=[e.id for e in timeline.events if e.id != state.edit_id])
        problems: dict[str, list[str]] = {}
        for problem in draft if isinstance(draft, list) else []:
            problems.setdefault(problem.field or "", []).append(problem.message)

        def field_errors(*names: str) -> None:
            for name in names:
                for message in problems.pop(name, []):
                    st.error(escape_markdown(message), icon="⚠️")

        st.text_input("Title", key="ed_title", max_chars=300)
        field_errors("title", "id")
        left, right, third = st.columns([2, 2, 1])
        with left:
            st.text_input("Date, as written", key="ed_date", placeholder="Sept. 13 · late September 2020 · 2020-09-13")
            live_date_note(state.ed_date, reference, state.ed_calendar)
        with right:
            st.text_input("End (optional)", key="ed_end", placeholder="for a range written separately")
            live_date_note(state.ed_end, reference, state.ed_calendar)
        third.selectbox("Calendar", ["", *[c.value for c in Calendar]], key="ed_calendar",
                        format_func=lambda c: c or "detect")
        problems.pop("date", None), problems.pop("end", None)
        left, right = st.columns(2)
        left.selectbox("Category", list(CATEGORIES), key="ed_category", format_func=str.capitalize,
                       help="; ".join(f"{k}: {v}" for k, v in CATEGORIES.items()))
        right.select_slider("Importance", options=[1, 2, 3, 4, 5], key="ed_importance",
                            help="1 minor … 5 key event; the most important are labelled on the chart")
        for label, key, options in (("Actors", "ed_actors", known["actors"]), ("Places", "ed_places", known["places"]),
                                    ("Tags", "ed_tags", known["tags"])):
            st.multiselect(label, options, key=key, accept_new_options=True, placeholder="Pick or type a new one")
            field_errors(label.lower())
        st.text_area("Summary", key="ed_summary", height=80)
        st.text_area("Quote from the source", key="ed_quote", height=80)
        st.multiselect("Related events", [e.id for e in timeline.events if e.id != state.edit_id], key="ed_related",
                       format_func=lambda i: by_id[i].title if i in by_id else i)
        field_errors("summary", "quote", "related")
        default_note = ", ".join(s.outlet for s in defaults) or "none"
        st.markdown(f"**Source** (leave the outlet empty to use the file's default: {escape_markdown(default_note)})")
        cols = st.columns([2, 3, 3, 2])
        cols[0].text_input("Outlet", key="ed_outlet")
        cols[1].text_input("Title", key="ed_source_title")
        cols[2].text_input("URL (http/https)", key="ed_url")
        cols[3].text_input("Published (YYYY-MM-DD)", key="ed_published")
        field_errors("sources", "url", "outlet", "published")
        field_errors(*list(problems))
        if not isinstance(draft, list):
            st.markdown("**Preview**")
            others = [e for e in timeline.events if e.id != draft.id]
            st.plotly_chart(build_figure([*others, draft], FigureOptions(lanes="category", selected_id=draft.id,
                                                                         label_limit=1, height=360)),
                            key="preview_chart", config={"displayModeBar": False})
        save, cancel = st.columns([1, 5])
        save.button("Save", type="primary", key="ed_save", disabled=isinstance(draft, list), on_click=save_form)
        if "save_error" in state:
            st.error(escape_markdown(state.pop("save_error")), icon="⛔")
        cancel.button("Clear", key="ed_cancel", on_click=start_editing, args=(None,))


# ---- the page, top to bottom ---------------------------------------------------------------

path = str(settings.data_path)
timeline, signature = load_or_explain(path)
by_id, known = store_lookups(path, signature, timeline)
restore_view_once(timeline, known)

st.title("Who did what, when")
for notice in st.session_state.get("notices", []):
    st.info(notice)
filters = sidebar_filters(timeline, known)
shown = store_index(path, signature, timeline).select(filters)
st.caption(f"Showing {len(shown):,} of {len(timeline.events):,} events · {escape_markdown(path)} · "
           "click a mark for its details and sources; drag to zoom, double-click to reset")

if not timeline.events:
    st.info(f"{path} holds no events yet.")
    st.stop()

clicked = picked_from_chart(st.session_state.get("chart"))  # before drawing, so the ring shows at once
if clicked:
    st.session_state.selected = clicked
phone = "Mobi" in (st.context.headers.get("User-Agent") or "")
figure_options = FigureOptions(lanes=filters.lanes, selected_id=st.session_state.get("selected"),
                               density="on" if st.session_state.get("density") else "auto", compact=phone)
figure = cached_figure(path, signature, repr((filters, figure_options)), shown, figure_options, timeline.eras)
for note in (a.text for a in figure.layout.annotations if a.name == "thinning"):
    st.caption(f"ℹ️ {note}")  # fixed wording and numbers, no user text
slide = PRESETS["slide"]
st.plotly_chart(figure, key="chart", on_select="rerun", selection_mode=("points",),
                config={**modebar_config("timeline", slide.width, slide.height, slide.scale),
                        "scrollZoom": False, "displayModeBar": "hover" if phone else True})
export_section(timeline, filters, shown, path)

selected = by_id.get(st.session_state.get("selected") or "")
options = [e.id for e in shown[:MAX_PICKER_EVENTS]]
if selected is not None:
    detail_card(selected, by_id)
elif shown:
    st.info("Click a mark on the chart, or pick an event below, to read its details and sources.")
st.session_state.pick = selected.id if selected and selected.id in options else ""
st.selectbox("Event details" + (f" (the first {MAX_PICKER_EVENTS:,} shown)" if len(shown) > MAX_PICKER_EVENTS else ""),
             [""] + options, key="pick", on_change=lambda: select_event(st.session_state.pick),
             format_func=lambda i: f"{by_id[i].title} ({date_line(by_id[i]).written})" if i else "Choose an event…")
events_table(shown, store_table(path, signature, timeline))
if settings.editor:
    st.divider()
    if "saved_message" in st.session_state:
        st.success(st.session_state.pop("saved_message"))
    editor_form(timeline, known)

st.query_params.from_dict(view_to_query(View(filters=filters, selected=selected.id if selected else None)))

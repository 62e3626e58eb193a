"""The editor page (editor mode only): add an event or change one, checked as you type, previewed
on the chart, and saved to the YAML file without touching any other line."""

from __future__ import annotations

from datetime import date

import streamlit as st

from app_pages.language import _, reader_language
from app_pages.context import TIMELINE_PAGE, current
from app_pages.editing import form_fields, keep_draft, restore_draft, save_form, start_editing
from timeline.chart.figure import build_figure
from timeline.chart.options import FigureOptions
from timeline.dates.reading import parse_date
from timeline.edit.events import draft_event, file_defaults
from timeline.store.registries import timeline_vocabulary
from timeline.errors import DateError
from timeline.model import CATEGORIES, Calendar
from timeline.view.display import date_check, escape_markdown


def live_date_note(text: str, reference: date | None, calendar: str) -> None:
    if not text.strip():
        return
    try:
        st.caption("✓ " + escape_markdown(date_check(parse_date(text, reference=reference, calendar=calendar or None),
                                                     reference, lang=reader_language())))
    except DateError as err:
        st.error(escape_markdown(err.message), icon="⚠️")


def source_reference(published: str, defaults: tuple) -> date | None:
    """The date relative dates resolve against: the form's source, else the file's default."""
    try:
        return date.fromisoformat(published) if published else next(
            (s.published for s in defaults if s.published), None)
    except ValueError:
        return None


context = current()
data_path, timeline, known, by_id = context.settings.data_path, context.timeline, context.known, context.by_id
state = st.session_state
if state.pop("show_saved", False):
    st.switch_page(TIMELINE_PAGE)
if not data_path.is_file() or data_path.suffix.lower() == ".parquet":
    st.info(_("Editing works on a single YAML file; this store is a folder or a Parquet file. Edit a YAML store "
              "(`timeline convert STORE.parquet -o FOLDER` writes one)."))
    st.stop()
restore_draft(data_path)

st.header(_("Edit event '{id}'").format(id=state.edit_id) if state.edit_id else _("Add an event"), anchor=False)
# The form edits an event's text in its own (first) language; the store's messages stay English.
defaults = file_defaults(data_path)
reference = source_reference(state.ed_published.strip(), defaults)
draft_warnings: list = []
draft = draft_event(form_fields(), default_sources=defaults, vocabulary=timeline_vocabulary(timeline),
                    existing_ids=[e.id for e in timeline.events if e.id != state.edit_id], warnings=draft_warnings)
warned: dict[str, list[str]] = {}
for warning in draft_warnings:
    warned.setdefault(warning.field or "", []).append(warning.message)
problems: dict[str, list[str]] = {}
for problem in draft if isinstance(draft, list) else []:
    problems.setdefault(problem.field or "", []).append(problem.message)


def field_errors(*names: str) -> None:
    for name in names:
        for message in problems.pop(name, []):
            st.error(escape_markdown(message), icon="⚠️")


st.text_input(_("Title"), key="ed_title", max_chars=300)
field_errors("title", "id")
left, right, third = st.columns([2, 2, 1])
with left:
    st.text_input(_("Date, as written"), key="ed_date", placeholder="Sept. 13 · late September 2020 · 2020-09-13")
    live_date_note(state.ed_date, reference, state.ed_calendar)
    for message in warned.get("date", []):
        st.warning(escape_markdown(message), icon="❗")
with right:
    st.text_input(_("End (optional)"), key="ed_end", placeholder=_("for a range written separately"))
    live_date_note(state.ed_end, reference, state.ed_calendar)
    for message in warned.get("end", []):
        st.warning(escape_markdown(message), icon="❗")
third.selectbox(_("Calendar"), ["", *[c.value for c in Calendar]], key="ed_calendar",
                format_func={"": _("detect"), **{c.value: c.value for c in Calendar}}.get)
problems.pop("date", None)  # the live notes above already say what is wrong with a date
problems.pop("end", None)
left, right = st.columns(2)
labels = timeline.category_labels  # the store's own vocabulary, or the default ten
if state.ed_category not in labels:
    state.ed_category = next(iter(labels))
left.selectbox(_("Category"), list(labels), key="ed_category", format_func={c: _(label).capitalize() for c, label in labels.items()}.get,
               help="; ".join(f"{c.label}: {c.description}" for c in timeline.categories if c.description)
               or "; ".join(f"{k}: {v}" for k, v in CATEGORIES.items()))
right.select_slider(_("Importance"), options=[1, 2, 3, 4, 5], key="ed_importance",
                    help=_("1 minor … 5 key event; the most important are labelled on the chart"))
for field, label, key, options in (("actors", _("Actors"), "ed_actors", known["actors"]),
                                   ("places", _("Places"), "ed_places", known["places"]),
                                   ("tags", _("Tags"), "ed_tags", known["tags"])):
    st.multiselect(label, options, key=key, accept_new_options=True, placeholder=_("Pick or type a new one"))
    field_errors(field)
st.text_area(_("Summary"), key="ed_summary", height=80)
st.text_area(_("Quote from the source"), key="ed_quote", height=80)
st.multiselect(_("Related events"), [e.id for e in timeline.events if e.id != state.edit_id], key="ed_related",
               format_func=lambda i: by_id[i].title if i in by_id else i)
field_errors("summary", "quote", "related")
default_note = ", ".join(s.outlet for s in defaults) or _("none")
st.markdown(_("**Source** (leave the outlet empty to use the file's default: {outlets})").format(
    outlets=escape_markdown(default_note)))
cols = st.columns([2, 3, 3, 2])
cols[0].text_input(_("Outlet"), key="ed_outlet")
cols[1].text_input(_("Title"), key="ed_source_title")
cols[2].text_input(_("URL (http/https)"), key="ed_url")
cols[3].text_input(_("Published (YYYY-MM-DD)"), key="ed_published")
field_errors("sources", "url", "outlet", "published")
field_errors(*list(problems))
if not isinstance(draft, list):
    st.markdown(_("**Preview**"))
    others = [e for e in timeline.events if e.id != draft.id]
    st.plotly_chart(build_figure([*others, draft], FigureOptions(lanes="category", selected_id=draft.id,
                                                                 label_limit=1, height=360)),
                    key="preview_chart", config={"displayModeBar": False})
save, cancel = st.columns([1, 5])
save.button(_("Save"), type="primary", key="ed_save", disabled=isinstance(draft, list), on_click=save_form,
            args=(data_path,))
if "save_error" in state:
    st.error(escape_markdown(state.pop("save_error")), icon="⛔")
cancel.button(_("Clear"), key="ed_cancel", on_click=start_editing, args=(None, data_path))
keep_draft()

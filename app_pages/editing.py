"""The editor form's state: opening it on an event (or blank), the event it describes, saving it.

Editing is off unless the page was started with ``-- --edit`` or ``TIMELINE_EDITOR=1``. The
file's signature is remembered when the form opens, so a save over someone else's change is
refused (see :mod:`timeline.edit.writer`).
"""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from app_pages.language import _

from timeline.edit.events import add_event, file_defaults, update_event
from timeline.edit.writer import file_signature
from timeline.errors import TimelineError
from timeline.model import Calendar, Event

EDIT_KEYS = ("ed_title", "ed_date", "ed_end", "ed_calendar", "ed_category", "ed_importance", "ed_actors",
             "ed_places", "ed_tags", "ed_summary", "ed_quote", "ed_related", "ed_outlet", "ed_source_title",
             "ed_url", "ed_published")


def start_editing(event: Event | None, data_path: Path) -> None:
    """Open the form on ``event`` (None: a new event), remembering the file as it is now."""
    blank = {key: "" for key in EDIT_KEYS} | {"ed_actors": [], "ed_places": [], "ed_tags": [], "ed_related": [],
                                              "ed_calendar": "", "ed_category": "statement", "ed_importance": 3}
    st.session_state.update(blank)
    st.session_state.edit_id = event.id if event else None
    st.session_state.edit_signature = file_signature(data_path)
    if event is not None:
        _fill_from(event, data_path)
    keep_draft()


def keep_draft() -> None:
    """Copy the form's values aside: Streamlit forgets a widget's value on a page that does not
    draw it, and a half-written event must survive a look at the timeline."""
    st.session_state.form_draft = {key: st.session_state[key] for key in EDIT_KEYS if key in st.session_state}


def restore_draft(data_path: Path) -> None:
    """Put the form's values back after a visit to another page (a blank form the first time)."""
    if "edit_signature" not in st.session_state:
        start_editing(None, data_path)
    elif any(key not in st.session_state for key in EDIT_KEYS):
        st.session_state.update(st.session_state.get("form_draft", {}))


def _fill_from(event: Event, data_path: Path) -> None:
    own = event.sources if event.sources != file_defaults(data_path) else ()
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


def save_form(data_path: Path) -> None:
    """Write the form's event (a button callback: it runs before the widgets are drawn again).

    A saved event is shown at once: the form is cleared and the reader goes back to the
    timeline with the event selected (``saved_message`` says what was written where).
    """
    state = st.session_state
    try:
        if state.edit_id:
            update_event(data_path, state.edit_id, form_fields(), expected_signature=state.edit_signature)
            saved = state.edit_id
        else:
            saved = add_event(data_path, form_fields(), expected_signature=state.edit_signature)
    except TimelineError as err:
        state.save_error = str(err)
        return
    start_editing(None, data_path)
    state.selected = saved
    state.saved_message = _("Saved '{id}' to {path}.").format(id=saved, path=data_path)
    state.show_saved = True  # the editor page turns this into a switch to the timeline page

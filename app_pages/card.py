"""The open event's card (beside the chart, under a tapped line on a phone, on the map) and the
phone's list of events: an event's title, dates, facts and sources in the reader's language."""

from __future__ import annotations

from collections.abc import Sequence

import streamlit as st

from app_pages.context import EDITOR_PAGE, PageContext
from app_pages.editing import start_editing
from app_pages.language import _, date_style, iso, reader_language, text
from timeline.model import Event, ShownText
from timeline.view.display import (date_glyph, date_line, escape_markdown, fact_lines, month_groups, resolved_span,
                                   source_markdown)
from timeline.view.eventsource import Selection

PHONE_LIST_LIMIT = 300
"""Events listed on a phone at most; the picker and the filters reach the rest."""


def select_event(event_id: str) -> None:
    st.session_state.selected = event_id


def shown_text(event: Event, field: str) -> str | None:
    """An event's title, summary or quote in the reader's language, escaped for Markdown; text in
    another language because theirs is not given says which language it is in."""
    shown = event.text(field, reader_language())
    return shown_marked(shown) if shown else None


def title_of(event: Event) -> str:
    """The event's title in the reader's language (plain text, for buttons and pickers)."""
    shown = event.text("title", reader_language())
    return shown.text if shown else event.title


def shown_marked(shown: ShownText) -> str:
    """A text escaped for Markdown, with the language it is in when that is not the reader's."""
    words = escape_markdown(shown.text)
    if shown.fallback and shown.lang:
        language = text().language_name(shown.lang)
        marker = escape_markdown(_("in {language}").format(language=language))
        return f"{iso(words)} _({marker})_"
    return words


def detail_card(event: Event, context: PageContext, shown: Sequence[Event] = ()) -> None:
    """The open event's card; with ``shown`` (the events on the chart, in date order) it also
    steps to the previous and next event in time."""
    with st.container(border=True, key="detail_card"):
        neighbours(event, shown)
        st.header(shown_text(event, "title") or "", anchor=False)
        when_line(event)
        fact_block(event, context)
        event_body(event, context)
        settings = context.settings
        if settings.editor and settings.data_path.is_file() and settings.data_path.suffix.lower() != ".parquet":
            if st.button(_("Edit this event"), key="edit_event", icon="✏️"):
                start_editing(event, settings.data_path)
                st.switch_page(EDITOR_PAGE)
        related = [context.by_id[r] for r in event.related if r in context.by_id]
        if related:
            st.markdown(_("**Related events:**"))
            for other in related:
                st.button(escape_markdown(f"{title_of(other)} ({date_line(other).written})"), key=f"related_{other.id}",
                          on_click=select_event, args=(other.id,))


def when_line(event: Event) -> None:
    """How the date was written (as written, isolated in a right-to-left page), what it was read
    as in the reader's language, the days it covers and its precision."""
    months, alongside = date_style()
    when = date_line(event, lang=reader_language(), months=months, alongside=alongside)
    st.markdown(_("**When:** {written} → {resolved} ({span}; {precision})").format(
        written=iso(escape_markdown(when.written)), resolved=escape_markdown(when.resolved),
        span=iso(escape_markdown(resolved_span(event))), precision=escape_markdown(when.precision)))


def fact_block(event: Event, context: PageContext) -> None:
    """The event's category and its facts (actors with their sides, places, fatalities, fields)."""
    label = context.timeline.category_labels.get(event.category, event.category)
    st.markdown(_("**Category:** {category}").format(category=escape_markdown(_(label))))
    for line in fact_lines(event, context.timeline, lang=reader_language()):
        st.markdown(line)


def event_body(event: Event, context: PageContext) -> None:
    """What happened (summary and quote in the reader's language) and the sources."""
    for field, prefix in (("summary", ""), ("quote", "> ")):
        shown = event.text(field, reader_language())
        if shown is None:
            continue
        if shown.fallback and shown.lang:  # said on a line of its own: inside the text it would break with it
            st.caption(_("in {language}").format(language=text().language_name(shown.lang)) + ":")
        st.markdown(prefix + escape_markdown(shown.text))
    st.markdown(_("**Sources:**") + "\n" + "\n".join(f"- {iso(source_markdown(s, lang=reader_language()))}" for s in event.sources))


def neighbours(event: Event, shown: Sequence[Event]) -> None:
    """Buttons to the events just before and after ``event`` among those shown."""
    position = shown.index_of(event.id) if isinstance(shown, Selection) else next(
        (i for i, other in enumerate(shown) if other.id == event.id), None)
    if position is None:
        return
    around = shown[max(position - 1, 0):position + 2]  # only these are built in a large selection
    earlier = around[0] if position > 0 else None
    later = around[-1] if position + 1 < len(shown) else None
    # Earlier on the left and later on the right in every language, as time runs on the chart (the
    # right-to-left page keeps this row left to right: see RTL_STYLE).
    with st.container(horizontal=True, key="card_nav"):
        st.button("← " + _("Earlier"), key="card_prev", disabled=earlier is None, width="stretch",
                  on_click=select_event, args=(earlier.id if earlier else "",),
                  help=escape_markdown(title_of(earlier)) if earlier else _("This is the first event shown"))
        st.button(_("Later") + " →", key="card_next", disabled=later is None, width="stretch",
                  on_click=select_event, args=(later.id if later else "",),
                  help=escape_markdown(title_of(later)) if later else _("This is the last event shown"))
    st.caption(_("Event {position} of {count} shown, in time order").format(
        position=f"{position + 1:,}", count=f"{len(shown):,}"))


def phone_list(shown: Sequence[Event], selected: Event | None, context: PageContext) -> None:
    """The events as a list for a phone, by month, each with its mark; a tap opens its card in
    place, under the tapped line, so it is in view without scrolling."""
    for month, events in month_groups(shown[:PHONE_LIST_LIMIT], lang=reader_language()):
        st.markdown(f"**{escape_markdown(month)}**")
        for event in events:
            st.button(f"{date_glyph(event.date)} {iso(escape_markdown(date_line(event).written))} · "
                      f"{escape_markdown(title_of(event))}", key=f"event_{event.id}", type="tertiary",
                      on_click=select_event, args=(event.id,))
            if selected is not None and selected.id == event.id:
                detail_card(selected, context, shown)
    if len(shown) > PHONE_LIST_LIMIT:
        st.caption(_("The first {limit} of {count} events; narrow the filters for the rest.").format(
            limit=f"{PHONE_LIST_LIMIT:,}", count=f"{len(shown):,}"))

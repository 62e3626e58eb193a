"""The story view: a story told one step at a time, each step an event's card with the storyteller's
words, a compact timeline with the step ringed, and the way to the next step (buttons, the arrow
keys, the list of steps).

The address holds ``view=story``, ``story=ID`` and ``step=N`` (1-based). A store's story is told
whole whatever the filters (see :mod:`timeline.view.story`), so a shared link opens the same step;
the story of the selection follows the filters. Opening a step selects its event, so the
timeline's card shows it too.
"""

from __future__ import annotations

import html
import json

import streamlit as st

from app_pages.caches import shown_events
from app_pages.card import event_body, fact_block, shown_marked, shown_text, title_of, when_line
from app_pages.context import current
from app_pages.language import _, iso, ngettext, reader_language, text
from app_pages.views import write_address
from timeline.chart.storyfigure import build_story_figure
from timeline.model import Event
from timeline.view.display import date_line, escape_markdown
from timeline.view.story import (SELECTION_ID, Telling, UnknownStory, default_story_id, open_step, progress_text,
                                 story_choices, tell)

LONG_STORY = 15
"""A story with more steps than this lists them in a scrolling box."""
STORY_STYLE = """<style>
/* Previous and Next are the page's main controls: large enough for a thumb. */
.st-key-story_prev, .st-key-story_next { flex: 1 1 0; }
.st-key-story_prev button, .st-key-story_next button { min-height: 3rem; }
.st-key-story_prev button p, .st-key-story_next button p { font-size: 1.05rem; }
.st-key-story_progress p { text-align: center; font-size: 1.05rem; margin: 0; }
.st-key-story_progress [data-testid="stMarkdownContainer"] { margin-bottom: 0; }
/* A story's title is long: on a phone, at a size that leaves the story in view. */
@media (max-width: 640px) { .st-key-story_head h1 { font-size: 1.9rem; line-height: 1.2; } }
.st-key-story_card { scroll-margin-top: 4.5rem; }  /* clear of the page's top bar when scrolled to */
.st-key-story_card h2 { font-size: 1.45rem; line-height: 1.35; padding-top: 0.1rem; }
/* The storyteller's words lead the card, set apart from the event's own text (on the side a line starts). */
.st-key-story_narration { border-inline-start: 4px solid #D55E00; padding-inline-start: 0.9rem; }
.st-key-story_narration p { font-size: 1.12rem; line-height: 1.55; }
/* The list of steps reads as a list: each line left-aligned, as text is. */
[class*="st-key-story_step_"] button { justify-content: flex-start; text-align: start; }
[class*="st-key-story_step_"] button p { text-align: start; }
.st-key-story_steps .story-current { font-weight: 700; }
</style>"""


def go_to(step: int) -> None:
    st.session_state.story_step = step


def jump_from_chart() -> None:
    """A click on a mark of the compact chart opens that step (each mark's customdata is its step)."""
    chart = st.session_state.get("story_chart")
    points = (chart or {}).get("selection", {}).get("points", []) if isinstance(chart, dict) else (
        chart.selection.points if chart else [])
    steps = [p["customdata"][0] for p in points if p.get("customdata")]
    if steps:
        go_to(int(steps[0]))


def pick_story() -> None:
    st.session_state.story_id = st.session_state.story_pick
    st.session_state.story_step = 1
    st.session_state.story_told = None  # another story starts at its beginning


def story_card(event: Event, narration: str | None) -> None:
    """The step's card: the event's title, date, the storyteller's words, what happened, sources."""
    with st.container(border=True, key="story_card"):
        st.header(shown_text(event, "title") or "", anchor=False)
        when_line(event)
        if narration:
            with st.container(key="story_narration"):
                st.markdown(narration)
        fact_block(event, current())
        event_body(event, current())


def step_list(telling: Telling, step: int) -> None:
    """Every step, the current one marked; a click on another opens it."""
    total = len(telling.steps)
    box = st.container(height=520 if total > LONG_STORY else "content", border=total > LONG_STORY, key="story_steps")
    with box:
        digits = text().digits
        st.markdown(ngettext("**All {count} step**", "**All {count} steps**", total).format(count=digits(f"{total:,}")))
        for n, told in enumerate(telling.steps, 1):
            label = f"{digits(str(n))}. {title_of(told.event)} ({iso(date_line(told.event).written)})"
            hidden = "" if told.shown else " · " + _("outside the filters")
            if n == step:
                # Raw HTML for aria-current: Markdown is not read inside it, so the text is HTML-escaped.
                st.markdown(f'<p class="story-current" aria-current="step">▶ {html.escape(label + hidden)}</p>',
                            unsafe_allow_html=True)
            else:
                st.button(escape_markdown(label + hidden), key=f"story_step_{n}", type="tertiary",
                          on_click=go_to, args=(n,))


def keys_and_announcement(announce: str) -> None:
    """The arrow keys step through the story (not while typing); a step opened in this session is
    read out by a screen reader from a polite live region, while the focus stays where it was
    (on the button pressed), so Enter on Next goes on stepping; a card scrolled past comes back
    into view."""
    text = json.dumps(announce).replace("<", "\\u003c")  # no text can close the script
    keys = json.dumps({"ArrowLeft": "story_prev", "ArrowRight": "story_next"})
    st.html(f"""<script data-timeline="story-keys">
(() => {{
  let live = document.getElementById('timeline-story-live');
  if (!live) {{
    live = document.createElement('div');
    live.id = 'timeline-story-live';
    live.className = 'sr-only';
    live.setAttribute('aria-live', 'polite');
    live.setAttribute('role', 'status');
    document.body.appendChild(live);
  }}
  const words = {text};
  if (words && live.textContent !== words) {{
    live.textContent = words;
    // A step opened from the card's end: bring the new card's top into view.
    const card = document.querySelector('.st-key-story_card');
    if (card && card.getBoundingClientRect().top < 64) card.scrollIntoView({{block: 'start'}});
  }}
  if (window.timelineStoryKeys) return;
  window.timelineStoryKeys = true;
  // Streamlit draws a button's holder before its button (the widget's code loads lazily), so a key
  // pressed in between waits for the button (up to 5 s) instead of being lost.
  const press = (key, tries) => {{
    const button = document.querySelector('.st-key-' + key + ' button');
    if (button) {{ if (!button.disabled) button.click(); }}
    else if (tries > 0) setTimeout(() => press(key, tries - 1), 100);
  }};
  document.addEventListener('keydown', (event) => {{
    if (event.defaultPrevented || event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) return;
    const key = {keys}[event.key];
    const target = event.target;
    if (!key || (target && target.closest && target.closest(
        'input, textarea, select, [contenteditable], [role=listbox], [role=combobox], [role=slider], [role=tablist]'))) return;
    const holder = document.querySelector('.st-key-' + key);
    const button = holder && holder.querySelector('button');
    if (!holder || (button && button.disabled)) return;
    event.preventDefault();
    press(key, 50);
  }});
}})();
</script>""", unsafe_allow_javascript=True)


context = current()
timeline, filters = context.timeline, context.filters
lang = reader_language()
st.html(STORY_STYLE)
shown = shown_events(context.source, filters)
for notice in st.session_state.get("notices", []):
    st.info(notice)
try:
    telling = tell(timeline, st.session_state.get("story_id"), shown, context.by_id, lang=lang)
except UnknownStory as err:
    st.info(_("Ignored the story in the address: {reason}").format(reason=escape_markdown(str(err))))
    st.session_state.story_id = default_story_id(timeline)
    telling = tell(timeline, st.session_state.story_id, shown, context.by_id, lang=lang)

told_story = next((s for s in timeline.stories if s.id == telling.id), None)
with st.container(key="story_head"):
    st.title(escape_markdown(told_story.text("title", lang).text if told_story else telling.title), anchor=False)
    intro = told_story.text("intro", lang) if told_story else None
    if intro or telling.intro:
        st.caption(escape_markdown(intro.text if intro else telling.intro))
if timeline.stories:
    titles = dict(story_choices(timeline, lang=lang))
    st.session_state.story_pick = telling.id
    st.selectbox(_("Story"), list(titles), key="story_pick", format_func=titles.get, on_change=pick_story,
                 help=_("The store's own stories, or the story of the events the filters show"))
story_param = None if telling.id == SELECTION_ID and not timeline.stories else telling.id
if not telling.steps:  # only the selection's story can have none
    st.info(_("No events match the filters; widen the dates or remove a filter."))
    write_address(filters, st.session_state.get("selected"), "story", story=story_param)
    st.stop()

total = len(telling.steps)
last_shown = st.session_state.get("story_event")
step, clamped = open_step(telling, st.session_state.get("story_step"), st.session_state.get("selected"), last_shown,
                          st.session_state.get("story_told"), lang=lang)
st.session_state.story_step = step
told = telling.steps[step - 1]
event = told.event
if clamped:
    st.info(_("Ignored the step asked for: {reason}.").format(reason=clamped))
if telling.hidden:
    st.caption("ℹ️ " + _("{hidden} of the {total} steps tell events the sidebar's filters hide; a story is told "
                        "whole, so that its steps keep their numbers.").format(hidden=f"{telling.hidden:,}",
                                                                               total=f"{total:,}"))
# Time runs left to right in every language: Previous (earlier) on the left, Next on the right, the
# arrow keys the same way; the right-to-left page keeps this row left to right (see RTL_STYLE).
back, forward = "←", "→"

with st.container(horizontal=True, vertical_alignment="center", key="story_nav"):
    st.button(back + " " + _("Previous"), key="story_prev", on_click=go_to, args=(step - 1,), disabled=step == 1,
              width="stretch", help=_("The previous step ({key} key)").format(key=back))
    with st.container(key="story_progress", width="content"):
        st.markdown(_("**Step {progress}**").format(progress=progress_text(step, total, lang=lang)))
    st.button(_("Next") + " " + forward, key="story_next", on_click=go_to, args=(step + 1,), disabled=step == total,
              width="stretch", help=_("The next step ({key} key)").format(key=forward), type="primary")

events = [s.event for s in telling.steps]
first = date_line(min(events, key=lambda e: e.start), lang=lang).resolved
last = date_line(max(events, key=lambda e: e.end), lang=lang).resolved
st.plotly_chart(build_story_figure(events, step, lang=lang), key="story_chart", config={"displayModeBar": False},
                on_select=jump_from_chart, selection_mode=("points",),
                alt=_("Compact timeline of the story's {total} steps, {first} to {last}: step {step} is ringed, the "
                      "steps before it solid, those after it faint. The list of steps says the same as text.").format(
                          total=f"{total:,}", first=first, last=last, step=step))
card_column, list_column = st.columns([2, 1], gap="medium")
with card_column:
    step_said = told_story.steps[step - 1].text("narration", lang) if told_story else None
    story_card(event, shown_marked(step_said) if step_said else (escape_markdown(told.narration)
                                                                   if told.narration else None))
    if step < total:  # at the card's end, where a reader who scrolled through it is
        following = title_of(telling.steps[step].event)
        st.button(escape_markdown(_("Next: {title}").format(title=following) + f" {forward}"), key="story_next_end",
                  on_click=go_to, args=(step + 1,), width="stretch")
with list_column:
    step_list(telling, step)

# Opening a step selects its event: the timeline's card and the map show the same one.
st.session_state.selected = event.id
st.session_state.story_event, st.session_state.story_told = event.id, telling.event_ids
changed = last_shown is not None and last_shown != event.id
keys_and_announcement(_("Step {progress}: {title}, {date}").format(
    progress=progress_text(step, total, lang=lang), title=title_of(event), date=date_line(event).written)
    if changed else "")
write_address(filters, event.id, "story", story=story_param, step=step)

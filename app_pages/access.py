"""What the page does for every reader: contrast and layout CSS, the chart's text alternative,
and taking a screen reader (and the keyboard) to a card when it opens."""

from __future__ import annotations

import json
from collections.abc import Sequence

import streamlit as st

from timeline.lang.catalogs import N_, messages
from timeline.model import Event, Lanes
from timeline.view.display import date_line

PAGE_STYLE = """<style>
/* axe-core: Streamlit draws captions in the text colour at 60 % opacity, 4.0:1 on white;
   WCAG AA asks 4.5:1. A solid grey reads the same and gives 6.3:1. */
[data-testid="stCaptionContainer"], [data-testid="stCaptionContainer"] p { color: #5A6270; opacity: 1; }
/* The card's quote: the same faded grey in Streamlit's blockquote, made solid. */
[data-testid="stMarkdown"] blockquote, [data-testid="stMarkdown"] blockquote p { color: #4A5260; opacity: 1; }
/* The view picker's chosen segment: Streamlit's primary blue on its own 10 % tint is 4.2:1;
   a darker blue reads as the same choice at 6.9:1. */
button[data-variant="segmented_control"][aria-checked="true"] p { color: #00476F; }
/* The card's title is the page's second heading level (h2 after the h1), at a card's size. */
.st-key-detail_card h2 { font-size: 1.3rem; line-height: 1.35; padding-top: 0.25rem; }
/* A phone's list of events reads as a list: each line left-aligned, as text is. */
[class*="st-key-event_"] button { justify-content: flex-start; text-align: left; }
[class*="st-key-event_"] button p { text-align: left; }
/* A narrow window with a desktop browser gets the desktop chart squeezed to a phone's width:
   its labels, notes and legend would pile on each other. The event list, the picker and the
   card carry the titles there; the chart stays an overview of the marks. */
@media (max-width: 640px) {
  [data-testid="stPlotlyChart"] .annotation, [data-testid="stPlotlyChart"] .legend { display: none; }
}
/* While the page reruns (a filter changed) the timeline is faded until its new chart is drawn:
   the count above it changes first, and must never stand over the old chart as if it were it. */
[data-test-script-state="running"] .st-key-chart { opacity: 0.35; transition: opacity 0.15s 0.2s; }
/* Text only a screen reader reads. */
.sr-only { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
</style>"""


def apply_page_style() -> None:
    """Readable contrast, the card's heading size and the narrow-window chart (the only CSS the page adds)."""
    st.markdown(PAGE_STYLE, unsafe_allow_html=True)


_ROW_NOUNS = {"actor": N_("one row per actor"), "category": N_("one row per category"),
              "place": N_("one row per place"), "group": N_("one row per actor group")}


def chart_alt(shown: Sequence[Event], total: int, lanes: Lanes, rows: list[str], lang: str = "en") -> str:
    """Return the chart's accessible name: what it shows, and where the same events are as text."""
    _ = messages(lang).gettext
    if not shown:
        return _("Timeline chart: no event matches the filters.")
    first, last = date_line(shown[0], lang=lang).resolved, date_line(shown[-1], lang=lang).resolved
    noun = _ROW_NOUNS.get(lanes)
    if noun is None:
        layout = _("all on one row")
    elif rows and rows[-1].startswith("Others ("):  # the rows' values: the chart translates only their names
        layout = _("one row for each of the {count} busiest, the rest in {others}").format(
            count=len(rows) - 1, others=rows[-1])
    else:
        layout = _(noun)
    return _("Timeline chart of {shown} of {total} events, {first} to {last}, {layout}. The event picker above and "
             "the table below list the same events as text.").format(
                 shown=f"{len(shown):,}", total=f"{total:,}", first=first, last=last, layout=layout)


def focus_card(event: Event, title: str) -> None:
    """Move focus to the opened card's title, so a screen reader reads it and Tab goes on into it.

    Streamlit has no focus API; a script in the page waits (up to 3 s) for the card showing this
    event, then focuses its heading without scrolling (the card is already in view).
    """
    # Every '<' as \u003c: no title can close the script or open a comment inside it.
    title = json.dumps(title).replace("<", "\\u003c")
    st.html(f"""<script data-timeline="focus-card">
(() => {{
  const title = {title};
  let tries = 0;
  const attempt = () => {{
    const heading = document.querySelector('.st-key-detail_card h2');
    // The heading may add the language a title is shown in, and bidirectional isolates around it.
    const plain = (text) => text.replace(/[\\u2068\\u2069]/g, '').replace(/\\s+/g, ' ').trim();
    if (heading && plain(heading.innerText).startsWith(plain(title))) {{
      heading.setAttribute('tabindex', '-1');
      heading.focus({{preventScroll: true}});
    }} else if (tries++ < 30) {{
      setTimeout(attempt, 100);
    }}
  }};
  attempt();
}})();
</script>""", unsafe_allow_javascript=True)

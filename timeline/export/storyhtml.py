"""A story as one self-contained HTML slideshow (``export --format story``): an intro slide, then
one slide per step with the page's card (title, dates, the storyteller's words, summary, quote,
facts, sources as links) and the compact timeline as inline SVG.

Nothing is fetched: the styles, the script and the pictures are in the file, so it opens offline
(from a USB stick, an e-mail). Without JavaScript every slide shows, one under the other; with
it, one at a time, stepped by the buttons, the arrow keys (also Page Up/Down, Home, End) or the
address's ``#step-3``. A slide shown is announced to screen readers by a polite live region.
In the reader's language (``lang``): the page's words, the store's text where it gives that
language (else its own, marked), and for Arabic and Persian a right-to-left page (``dir="rtl"``,
the arrow keys and buttons mirrored) whose timeline still runs left to right.
"""

from __future__ import annotations

import html
import json
from pathlib import Path
from typing import Any

from timeline.chart import palette
from timeline.chart.hover import shown_text
from timeline.chart.storyfigure import RING_COLOR, StoryStrip, story_strip, strip_ticks
from timeline.dates.readerdates import describe_date_in
from timeline.errors import ExportError
from timeline.lang.catalogs import Messages, messages
from timeline.lang.languages import direction, isolate
from timeline.model import DateValue, Event, Precision, Timeline
from timeline.export.figures import selected_events
from timeline.view.display import date_line, event_facts, resolved_span, safe_url
from timeline.view.eventsource import EventsById, EventSource
from timeline.view.filters import FilterState, filter_events
from timeline.view.story import SELECTION_ID, Telling, default_story_id, progress_text, tell

ROW_PX = 30


def story_export(timeline: Timeline, state: FilterState, *, story_id: str | None, source: str,
                 lang: str = "en", events: EventSource | None = None) -> str:
    """Return the slideshow of the story ``story_id`` (None: the store's first story, else the story
    of the events ``state`` selects), in the reader's language ``lang``; ``events``: a store kept
    as columns (a story of its own is told from its steps' events alone).

    Raises:
        UnknownStory: the store holds no story ``story_id`` (the message lists the ids it holds).
        ExportError: the story of the selection has no step: no event matches the filters (or, of
            a store kept as columns, more than a story draws).
    """
    if events is None:
        telling = tell(timeline, story_id, filter_events(timeline.events, state), lang=lang)
    else:
        told = story_id or default_story_id(timeline)
        shown = selected_events(timeline, state, events) if told == SELECTION_ID else ()
        telling = tell(timeline, told, shown, EventsById(events), lang=lang)
    if not telling.steps:  # only the selection's story can have none: no event matches
        raise ExportError("no events match the filters; widen the dates or remove a filter "
                          f"(the store holds {len(timeline.events)} events)")
    return story_html(telling, timeline, source=source, lang=lang)


def story_html(telling: Telling, timeline: Timeline, *, source: str = "", lang: str = "en") -> str:
    """Return the slideshow page of ``telling`` in the reader's language ``lang``."""
    text = messages(lang)
    story = next((s for s in timeline.stories if s.id == telling.id), None)
    title = shown_text(story, "title", text) if story else telling.title
    intro = (shown_text(story, "intro", text) if story and story.intro else telling.intro) or ""
    events = [step.event for step in telling.steps]
    total = len(events)
    first, last = min(e.start for e in events), max(e.end for e in events)
    count = text.digits(f"{total:,}")
    meta = [text.ngettext("{count} step · {first} to {last}", "{count} steps · {first} to {last}", total).format(
        count=count, first=_day(first, lang), last=_day(last, lang))]
    if source:
        meta.append(text.gettext("Source: {name}").format(name=_own(Path(source).name, text)))
    # Time runs left to right in every language (the strip above, the page's chart): Previous, the
    # earlier step, is on the left and Next on the right, with the arrow keys the same way.
    back, forward = "←", "→"
    contents = "".join(f'<li><a href="#step-{n}"><bdi>{_text(_title(e, text))}</bdi></a> <span class="when">'
                       f'{_text(_own(date_line(e).written, text))}</span></li>' for n, e in enumerate(events, 1))
    all_steps = text.ngettext("The story's {count} step on a timeline", "All {count} steps of the story on a timeline",
                              total).format(count=count)
    hint = _text(text.gettext("Press {key} or Next to begin.").format(key=forward))
    slides = [f"""<section class="slide intro" id="intro" aria-labelledby="intro-title">
<h1 id="intro-title" dir="auto">{_text(title)}</h1>
{f'<p class="lead" dir="auto">{_text(intro)}</p>' if intro else ''}
<p class="meta">{_text(" · ".join(meta))}</p>
{strip_svg(story_strip(events, total + 1, lang=lang), all_steps, lang=lang)}
<ol class="contents">{contents}</ol>
<p class="hint">{hint}</p>
</section>"""]
    for n, step in enumerate(telling.steps, 1):
        said = shown_text(story.steps[n - 1], "narration", text) if story else step.narration
        slides.append(_step_slide(n, total, step.event, said, events, timeline, text))
    introduction = text.gettext("Introduction")
    titles = [introduction] + [text.gettext("Step {progress}: {title}").format(
        progress=progress_text(n, total, lang=lang), title=_title(e, text)) for n, e in enumerate(events, 1)]
    places = [introduction] + [progress_text(n, total, lang=lang) for n in range(1, total + 1)]
    return PAGE.format(title=_text(title), slides="\n".join(slides), titles=_script_json(titles),
                       places=_script_json(places), ring=RING_COLOR, text=palette.TEXT_COLOR, lang=lang,
                       dir=direction(lang), font=FONTS[direction(lang)], story=_text(text.gettext("Story")),
                       previous=_text(back + " " + text.gettext("Previous")),
                       next=_text(text.gettext("Next") + " " + forward),
                       moves=_script_json({"ArrowRight": 1, "ArrowLeft": -1}))


def _step_slide(n: int, total: int, event: Event, narration: str | None, events: list[Event],
                timeline: Timeline, text: Messages) -> str:
    lang = text.lang
    when = date_line(event, lang=lang)
    progress = text.gettext("Step {progress}").format(progress=progress_text(n, total, lang=lang))
    strip_words = text.gettext("Timeline of the story's {total} steps: step {step} ringed, the steps before it "
                               "solid, those after it faint").format(total=text.digits(f"{total:,}"),
                                                                    step=text.digits(str(n)))
    parts = [f'<p class="progress">{_text(progress)}</p>',
             strip_svg(story_strip(events, n, lang=lang), strip_words, lang=lang),
             f'<h2 id="step-{n}-title" dir="auto">{_text(_title(event, text))}</h2>',
             '<p class="when">' + text.gettext(
                 "<strong>When:</strong> {written} → {resolved} ({span}; {precision})").format(
                 written=_text(_own(when.written, text)), resolved=_text(when.resolved),
                 span=_text(_own(resolved_span(event), text)), precision=_text(when.precision)) + "</p>"]
    if narration:
        parts.append(f'<p class="narration" dir="auto">{_text(narration)}</p>')
    # The store's text takes its own direction (dir="auto"): an English quote in an Arabic page
    # keeps its full stop at its end.
    if summary := shown_text(event, "summary", text):
        parts.append(f'<p dir="auto">{_text(summary)}</p>')
    if quote := shown_text(event, "quote", text):
        parts.append(f'<blockquote dir="auto">{_text(quote)}</blockquote>')
    category = timeline.category_labels.get(event.category, event.category)
    facts = [("category", text.gettext("Category"), text.gettext(category)), *event_facts(event, timeline, lang=lang)]
    rows = []
    for key, label, value in facts:
        url = safe_url(event.media.url) if key == "media" and event.media else None
        rows.append(f"<dt>{_text(label)}</dt><dd>{_link(url, f'<bdi>{_text(value)}</bdi>')}</dd>")
    parts.append(f'<dl class="facts">{"".join(rows)}</dl>')
    sources = []
    for source in event.sources:
        label = _text(source.outlet + (f": {source.title}" if source.title else ""))
        url = safe_url(source.url)
        published = f" ({_text(_day(source.published, lang))})" if source.published else ""
        sources.append(f"<li>{_link(url, f'<bdi>{label}</bdi>')}{published}</li>")
    parts.append("<h3>" + _text(text.gettext("Sources")) + f'</h3><ul class="sources">{"".join(sources)}</ul>')
    return (f'<section class="slide" id="step-{n}" aria-labelledby="step-{n}-title">\n' + "\n".join(parts)
            + "\n</section>")


def strip_svg(strip: StoryStrip, label: str, *, lang: str = "en") -> str:
    """Return the compact timeline as inline SVG: each step a numbered mark in its category's
    colour and date shape, a link to its slide; the current one ringed, later ones faint.

    Across, everything is placed in percentages of the width and drawn in nested SVGs around their
    point, so text keeps its size on a phone instead of shrinking with a scaled picture. Time runs
    left to right in every language (the SVG is laid out left to right in a right-to-left page).
    """
    text = messages(lang)
    height = 62 + ROW_PX * strip.rows
    base = height - 24
    x_of = lambda share: f"{2.5 + share * 95:.2f}%"  # noqa: E731
    out = [f'<svg class="strip" width="100%" height="{height}" role="img" aria-label="{_text(label)}">',
           f'<line x1="1%" x2="99%" y1="{base}" y2="{base}" stroke="#B8C0CC"/>']
    for share, words in strip.breaks:
        x = x_of(share)
        out.append(f'<line x1="{x}" x2="{x}" y1="4" y2="{base}" stroke="{palette.BREAK_COLOR}" '
                   f'stroke-dasharray="2 3"><title>{_text(words)}</title></line>')
    for share, words, _ in strip_ticks(strip, lang=lang):
        anchor = "start" if share < 0.06 else "end" if share > 0.94 else "middle"
        out.append(f'<svg x="{x_of(share)}" y="{base}" overflow="visible"><line y2="5" stroke="#B8C0CC"/>'
                   f'<text y="19" text-anchor="{anchor}" class="axis">{_text(words)}</text></svg>')
    for mark in strip.marks:
        colour = palette.category_color(mark.event.category)
        fill = "#FFFFFF" if mark.event.approximate else colour
        faint = ' opacity="0.3"' if mark.state == "after" else ""
        ring = (f'<circle r="13" fill="none" stroke="{RING_COLOR}" stroke-width="3"/>'
                if mark.state == "current" else "")
        number_y = -19 if ring else -11
        step = text.digits(str(mark.step))
        said = text.gettext("Step {step}: {title} ({date})").format(
            step=step, title=_title(mark.event, text), date=_own(date_line(mark.event).written, text))
        out.append(f'<a href="#step-{mark.step}"{faint}><title>{_text(said)}</title><svg x="{x_of(mark.position)}" '
                   f'y="{base - 16 - ROW_PX * mark.row}" overflow="visible">{_shape(mark.event, colour, fill)}{ring}'
                   f'<text y="{number_y}" text-anchor="middle" class="step">{step}</text></svg></a>')
    return "".join(out) + "</svg>"


def _title(event: Event, text: Messages) -> str:
    return shown_text(event, "title", text) or event.title


def _own(words: str, text: Messages) -> str:
    """A name or a date as written, isolated inside a right-to-left reader's text."""
    return isolate(words) if text.rtl else words


def _shape(event: Event, colour: str, fill: str) -> str:
    """The mark around (0, 0): circle a day, square a range, diamond a period (hollow: approximate)."""
    symbol = palette.marker_symbol(event.date).removesuffix("-open")
    paint = f'fill="{fill}" stroke="{colour}" stroke-width="2"'
    if symbol == "square":
        return f'<rect x="-6" y="-6" width="12" height="12" {paint}/>'
    if symbol == "diamond":
        return f'<path d="M0 -8L8 0L0 8L-8 0Z" {paint}/>'
    return f'<circle r="6.5" {paint}/>'


def _link(url: str | None, label: str) -> str:
    """Return ``label`` (HTML already) as a link to ``url`` when there is one (a checked http(s) URL)."""
    return f'<a href="{html.escape(url)}">{label}</a>' if url else label


def _day(day: Any, lang: str) -> str:
    return describe_date_in(DateValue(day, day, Precision.DAY), lang)


def _text(text: str) -> str:
    return html.escape(" ".join(text.split()))


def _script_json(value: object) -> str:
    # Every '<' as \u003c: no title can close the script.
    return json.dumps(value, ensure_ascii=False).replace("<", "\\u003c")


FONTS = {"ltr": "Arial, 'Liberation Sans', Helvetica, sans-serif",
         "rtl": "'Noto Naskh Arabic', 'Noto Sans Arabic', Vazirmatn, Tahoma, 'DejaVu Sans', sans-serif"}


PAGE = """<!doctype html>
<html lang="{lang}" dir="{dir}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title>
<style>
:root {{ color-scheme: light; }}
body {{ margin: 0; font: 17px/1.55 {font}; color: {text}; background: #F4F5F7; }}
main {{ max-width: 52rem; margin: 0 auto; padding: 1rem 1rem 6rem; }}
.slide {{ background: #FFF; border: 1px solid #D8DDE3; border-radius: 10px; padding: 1.25rem 1.5rem; margin: 0 0 1.5rem; }}
.js .slide[hidden] {{ display: none; }}
h1 {{ font-size: 1.9rem; line-height: 1.25; margin: 0.2rem 0 0.6rem; }}
h2 {{ font-size: 1.5rem; line-height: 1.3; margin: 0.6rem 0 0.4rem; }}
h3 {{ font-size: 1rem; margin: 1rem 0 0.3rem; }}
.lead {{ font-size: 1.15rem; }}
.meta, .progress, .hint, .when, .contents .when {{ color: #5A6270; }}
.progress {{ font-weight: 700; margin: 0; }}
.narration {{ border-inline-start: 4px solid {ring}; padding-inline-start: 0.9rem; font-size: 1.15rem; }}
blockquote {{ margin: 0.8rem 0; padding-inline-start: 0.9rem; border-inline-start: 3px solid #C5CCD6; color: #4A5260; }}
.facts {{ display: grid; grid-template-columns: max-content 1fr; gap: 0.2rem 0.8rem; margin: 0.8rem 0; }}
.facts dt {{ font-weight: 700; }} .facts dd {{ margin: 0; }}
.strip {{ width: 100%; height: auto; display: block; margin: 0.4rem 0; direction: ltr; }}
.strip .step {{ font-size: 13px; fill: {text}; }} .strip .axis {{ font-size: 13px; fill: #5A6270; }}
.strip a:focus {{ outline: 2px solid {ring}; }}
a {{ color: #0B5CAD; }}
nav {{ direction: ltr; position: fixed; left: 0; right: 0; bottom: 0; display: flex; gap: 0.75rem; align-items: center;
       justify-content: center; padding: 0.6rem; background: rgba(255,255,255,0.96); border-top: 1px solid #D8DDE3; }}
nav button {{ font: inherit; font-size: 1.05rem; min-height: 3rem; min-width: 8.5rem; border-radius: 8px;
              border: 1px solid #8C96A3; background: #FFF; color: {text}; cursor: pointer; }}
nav button#next {{ background: #0B5CAD; border-color: #0B5CAD; color: #FFF; }}
nav button:disabled {{ opacity: 0.45; cursor: default; }}
#where {{ min-width: 6rem; text-align: center; font-weight: 700; }}
.sr-only {{ position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }}
@media (max-width: 600px) {{ .slide {{ padding: 1rem; }} nav button {{ min-width: 0; flex: 1; }} }}
@media print {{ nav {{ display: none; }} .js .slide[hidden] {{ display: block; }} .slide {{ break-inside: avoid; }} }}
</style>
</head>
<body>
<main id="slides">
{slides}
</main>
<nav aria-label="{story}" hidden>
<button type="button" id="prev">{previous}</button>
<span id="where"></span>
<button type="button" id="next">{next}</button>
</nav>
<div id="live" class="sr-only" aria-live="polite" role="status"></div>
<script>
(() => {{
  const titles = {titles};
  const places = {places};
  const slides = [...document.querySelectorAll('.slide')];
  const prev = document.getElementById('prev'), next = document.getElementById('next');
  const where = document.getElementById('where'), live = document.getElementById('live');
  document.documentElement.classList.add('js');
  document.querySelector('nav').hidden = false;
  let current = -1;
  const indexOf = (hash) => Math.max(0, slides.findIndex((s) => '#' + s.id === hash));
  const show = (index, announce) => {{
    index = Math.min(Math.max(index, 0), slides.length - 1);
    if (index === current) return;
    current = index;
    slides.forEach((slide, i) => {{ slide.hidden = i !== index; }});
    prev.disabled = index === 0;
    next.disabled = index === slides.length - 1;
    where.textContent = places[index];
    const hash = '#' + slides[index].id;
    if (location.hash !== hash) history.replaceState(null, '', hash);
    window.scrollTo(0, 0);
    if (announce) live.textContent = titles[index];
  }};
  prev.addEventListener('click', () => show(current - 1, true));
  next.addEventListener('click', () => show(current + 1, true));
  window.addEventListener('hashchange', () => show(indexOf(location.hash), true));
  document.addEventListener('click', (event) => {{
    const link = event.target.closest && event.target.closest('a[href^="#"]');
    if (!link) return;
    event.preventDefault();
    show(indexOf(link.getAttribute('href')), true);
  }});
  document.addEventListener('keydown', (event) => {{
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    const moves = {{...{moves}, PageDown: 1, PageUp: -1}};
    if (event.key in moves) show(current + moves[event.key], true);
    else if (event.key === 'Home') show(0, true);
    else if (event.key === 'End') show(slides.length - 1, true);
    else return;
    event.preventDefault();
  }});
  show(indexOf(location.hash), false);
}})();
</script>
</body>
</html>
"""

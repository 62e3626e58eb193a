"""Images (PNG, SVG, PDF) and standalone HTML of a view; the only module that touches kaleido.

kaleido drives a headless Chrome or Chromium, and starting one costs about two seconds while
drawing an image on a running one costs about 0.15 s, so :func:`export_images` draws any number
of images on one browser. kaleido is imported inside the functions that need it: the page and
the CLI start, and everything but images works, on a machine without a browser.
"""

from __future__ import annotations

import asyncio
import copy
import html
import os
import threading
from dataclasses import dataclass
from typing import Any, Sequence

import plotly.graph_objects as go
import plotly.io as pio

from timeline.dates import describe_date
from timeline.errors import ExportError
from timeline.figure import FigureOptions, build_figure
from timeline.filters import FilterState, filter_events
from timeline.model import DateValue, Event, Precision, Timeline

IMAGE_FORMATS = ("png", "svg", "pdf")
MIN_SIDE, MAX_SIDE, MAX_SCALE = 100, 10_000, 8
_INSTALL_HINT = ("install Debian's chromium (`sudo apt-get install -y chromium`) or set BROWSER_PATH "
                 "to a Chrome or Chromium executable, e.g. BROWSER_PATH=/usr/bin/chromium")


@dataclass(frozen=True)
class ExportOptions:
    """Size of an image in CSS pixels, and ``scale`` for a high-DPI PNG.

    A PNG is ``width*scale`` x ``height*scale`` pixels; an SVG is ``width`` x ``height``; a PDF
    page is ``width`` x ``height`` px at 96 px per inch (``0.75 * width`` points). Scale only
    applies to PNGs: vectors are sharp at any size.
    """

    width: int = 1600
    height: int = 900
    scale: float = 1.0

    def __post_init__(self) -> None:
        for name in ("width", "height"):
            value = getattr(self, name)
            if not isinstance(value, int) or not MIN_SIDE <= value <= MAX_SIDE:
                raise ExportError(f"{name} is {value!r}; use a whole number of pixels from {MIN_SIDE} "
                                  f"to {MAX_SIDE}", field=name)
        if not isinstance(self.scale, (int, float)) or not 0 < self.scale <= MAX_SCALE:
            raise ExportError(f"scale is {self.scale!r}; use a number above 0 and at most {MAX_SCALE}, "
                              "e.g. 2 for a high-DPI PNG", field="scale")


PRESETS: dict[str, ExportOptions] = {
    "slide": ExportOptions(1600, 900, 1),
    # A4 landscape: the PDF page is 297 x 210 mm; the PNG is 3369 x 2382 px, about 290 dpi.
    "print": ExportOptions(1123, 794, 3),
}
"""Named sizes: ``slide`` (16:9, 1600 x 900 px) and ``print`` (an A4 landscape page)."""


def browser_path() -> str | None:
    """Return the Chrome/Chromium kaleido would use (``BROWSER_PATH`` first), or None."""
    configured = os.environ.get("BROWSER_PATH")
    if configured:
        return configured if os.path.isfile(configured) and os.access(configured, os.X_OK) else None
    from choreographer.browsers.chromium import Chromium

    return Chromium.find_browser(skip_local=False)


def browser_available() -> str | None:
    """Return None when images can be drawn, else a message that says what to install."""
    if browser_path():
        return None
    configured = os.environ.get("BROWSER_PATH")
    if configured:
        return (f"images need Chrome or Chromium, and BROWSER_PATH={configured!r} is not an executable "
                f"file; {_INSTALL_HINT}")
    return f"images need Chrome or Chromium and none was found; {_INSTALL_HINT}"


def export_image(fig: go.Figure, fmt: str, options: ExportOptions = PRESETS["slide"]) -> bytes:
    """Return ``fig`` as PNG, SVG or PDF bytes (starts a browser: use export_images for many)."""
    return export_images([(fig, fmt, options)])[0]


def export_images(jobs: Sequence[tuple[go.Figure, str, ExportOptions]], *,
                  session: ImageSession | None = None) -> list[bytes]:
    """Return each (figure, format, options) as image bytes, all drawn on one browser.

    Without ``session`` a browser is started for this call (~2 s) and closed after it; pass an
    open :class:`ImageSession` to draw on a browser that is already running (~0.15 s an image).

    Raises:
        ExportError: an unknown format, no browser (the message says what to install), or a
            browser that failed to draw.
    """
    for _, fmt, _ in jobs:
        if fmt not in IMAGE_FORMATS:
            raise ExportError(f"cannot draw an image as '{fmt}'; use one of: {', '.join(IMAGE_FORMATS)}")
    if not jobs:
        return []
    # Scale only adds pixels to a PNG; kaleido would also scale a PDF's page (A4 would become 3 x A4).
    specs = [(fig.to_dict(), dict(format=fmt, width=o.width, height=o.height,
                                  scale=o.scale if fmt == "png" else 1))
             for fig, fmt, o in jobs]
    if session is not None:
        return session.draw(specs)
    with ImageSession() as once:
        return once.draw(specs)


class ImageSession:
    """One headless browser kept open for many :func:`export_images` calls; thread-safe.

    Use it as a context manager, or keep one for the life of a process (``close()`` at the end):
    the page can hold one in ``st.cache_resource`` so its PNG, SVG and PDF buttons cost ~0.5 s.

    Raises:
        ExportError: no browser: the message says what to install.
    """

    def __init__(self) -> None:
        problem = browser_available()
        if problem:
            raise ExportError(problem)
        import kaleido

        # The browser lives on an event loop of its own thread: callers (Streamlit, notebooks)
        # may run their own loop, and one loop must own the browser's pipes for its whole life.
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._loop.run_forever, daemon=True, name="timeline-kaleido")
        self._thread.start()
        self._lock = threading.Lock()

        async def start() -> Any:
            # mathjax=False: kaleido would fetch MathJax from a CDN, and figure text has no LaTeX.
            browser = kaleido.Kaleido(n=1, mathjax=False, path=browser_path())
            await browser.open()
            return browser

        try:
            self._browser = self._run(start())
        except ExportError:
            self._stop_loop()
            raise

    def draw(self, specs: list[tuple[dict, dict]]) -> list[bytes]:
        """Return the image bytes of (figure dict, kaleido options) pairs, in order."""
        async def draw_all() -> list[bytes]:
            return [await self._browser.calc_fig(fig, opts=opts) for fig, opts in specs]

        with self._lock:
            return self._run(draw_all())

    def close(self) -> None:
        """Close the browser (idempotent)."""
        if self._loop.is_closed():
            return
        with self._lock:
            self._run(self._browser.close())
            self._stop_loop()

    def __enter__(self) -> "ImageSession":
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def _run(self, coroutine: Any) -> Any:
        from kaleido.errors import BrowserClosedError, BrowserFailedError, ChromeNotFoundError, KaleidoError

        try:
            return asyncio.run_coroutine_threadsafe(coroutine, self._loop).result()
        except ChromeNotFoundError as err:
            raise ExportError(f"images need Chrome or Chromium; {_INSTALL_HINT}") from err
        except (BrowserFailedError, BrowserClosedError, KaleidoError) as err:
            raise ExportError(f"the browser failed to draw the image ({err}); check that "
                              f"{browser_path()} starts, or {_INSTALL_HINT}") from err

    def _stop_loop(self) -> None:
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join()
        self._loop.close()


def export_html(fig: go.Figure, *, cdn: bool = False, filename: str = "timeline",
                options: ExportOptions = PRESETS["slide"], title: str = "Timeline") -> str:
    """Return one standalone HTML page of ``fig`` that zooms, pans and hovers.

    Plotly's JavaScript is embedded (the page works offline, ~4.7 MB) unless ``cdn`` is true.
    """
    page = pio.to_html(fig, include_plotlyjs="cdn" if cdn else True, full_html=True,
                       config=modebar_config(filename, options.width, options.height, options.scale),
                       default_width="100%", default_height=f"{fig.layout.height or options.height}px")
    return page.replace("<head>", f"<head><title>{html.escape(title)}</title>", 1)


def modebar_config(filename: str, width: int, height: int, scale: float) -> dict[str, Any]:
    """Return a Plotly ``config`` whose camera button saves a PNG like the export buttons do."""
    return {
        "displaylogo": False,
        "toImageButtonOptions": {"format": "png", "filename": filename, "width": width,
                                 "height": height, "scale": scale},
    }


def decorate_for_export(fig: go.Figure, *, title: str, date_range_text: str, source_line: str,
                        interactive: bool = False) -> go.Figure:
    """Return a copy of ``fig`` with a title, the date range under it and a source line.

    Unless ``interactive`` (standalone HTML), the range slider is left out: it is a control,
    and on paper it only takes room from the events.
    """
    figure = go.Figure(copy.deepcopy(fig.to_dict()))
    legend_rows = 1 + len([t for t in figure.data if t.showlegend is not False and t.name]) // 8
    top = 96 + 22 * legend_rows
    margin = figure.layout.margin
    figure.update_layout(
        title=dict(text=f"<b>{html.escape(title)}</b>", x=0, xref="paper", xanchor="left",
                   y=1, yref="container", yanchor="top", pad=dict(t=18),
                   font=dict(size=22), subtitle=dict(text=html.escape(date_range_text),
                                                     font=dict(size=14, color="#5A6270"))),
        margin=dict(l=max(margin.l or 0, 24), r=max(margin.r or 0, 32), t=top, b=(margin.b or 56) + 34),
    )
    if not interactive:
        figure.update_xaxes(rangeslider=dict(visible=False))
    figure.add_annotation(text=html.escape(source_line), xref="paper", yref="paper", x=0, y=0,
                          xanchor="left", yanchor="top", yshift=-62, showarrow=False, align="left",
                          font=dict(size=12, color="#5A6270"), name="source-line")
    return figure


def date_range_text(events: Sequence[Event], state: FilterState = FilterState()) -> str:
    """Return the period a view covers, e.g. '1–30 September 2020': the filter window where
    set, else the events' own first and last day."""
    if not events and (state.start is None or state.end is None):
        return "no events"
    first = state.start or min(e.start for e in events)
    last = state.end or max(e.end for e in events)
    return describe_date(DateValue(first, max(first, last), Precision.DAY))


def source_line(events: Sequence[Event], source: str) -> str:
    """Return 'Source: data/events.yaml, 12 events (Al-Monitor, Wikipedia)'."""
    outlets = sorted({s.outlet for e in events for s in e.sources}, key=str.casefold)
    noun = "event" if len(events) == 1 else "events"
    credit = f" ({', '.join(outlets[:4])}{', …' if len(outlets) > 4 else ''})" if outlets else ""
    return f"Source: {source}, {len(events)} {noun}{credit}"


def view_figure(timeline: Timeline, state: FilterState, *, source: str, title: str | None = None,
                options: ExportOptions = PRESETS["slide"], interactive: bool = False,
                figure_options: FigureOptions = FigureOptions()) -> go.Figure:
    """Return the chart of the events ``state`` selects, decorated for export at ``options``' size.

    Raises:
        ExportError: no event matches ``state`` (an empty image helps nobody).
    """
    events = selected_events(timeline, state)
    chosen = FigureOptions(**{**figure_options.__dict__, "lanes": state.lanes, "title": None,
                              "height": None if interactive else options.height})
    fig = build_figure(events, chosen, eras=timeline.eras)
    return decorate_for_export(fig, title=title or default_title(state), interactive=interactive,
                               date_range_text=date_range_text(events, state),
                               source_line=source_line(events, source))


def selected_events(timeline: Timeline, state: FilterState) -> tuple[Event, ...]:
    """Return the events ``state`` selects.

    Raises:
        ExportError: none match: an empty export helps nobody.
    """
    events = filter_events(timeline.events, state)
    if not events:
        raise ExportError("no events match the filters; widen the dates or remove a filter "
                          f"(the store holds {len(timeline.events)} events)")
    return events


def default_title(state: FilterState) -> str:
    """Return a title naming what the view picks out, e.g. 'Timeline: Ali Khamenei'."""
    picked = [*state.actors, *state.categories, *state.places, *state.tags]
    if state.search.strip():
        picked.append(f"“{state.search.strip()}”")
    return f"Timeline: {', '.join(picked)}" if picked else "Timeline"

"""Images (PNG, SVG, PDF) of a figure; the only module that touches kaleido (the exported view
and its HTML page are :mod:`timeline.export.figures`'s).

kaleido drives a headless Chrome or Chromium, and starting one costs about 1.3 s while drawing
an image on a running one costs about 0.15 s, so :func:`export_images` draws any number of
images on one browser, which starts while the figures are prepared. kaleido is imported inside
the functions that need it: the page and the CLI start, and everything but images works, on a
machine without a browser.
"""

from __future__ import annotations

import asyncio
import importlib
import os
import threading
from concurrent.futures import Future
from contextlib import nullcontext
from dataclasses import dataclass
from typing import Any, Sequence

import plotly.graph_objects as go

from timeline.errors import ExportError
from timeline.export.outlines import outlines_url

IMAGE_FORMATS = ("png", "svg", "pdf")
MIN_SIDE, MAX_SIDE, MAX_SCALE = 100, 10_000, 8
MAX_PNG_PIXELS = 16_384 * 16_384
"""Chromium's largest canvas: a bigger PNG comes back as a few bytes of nothing, not an error."""
_SIGNATURES = {"png": b"\x89PNG", "pdf": b"%PDF", "svg": b"<svg"}
DRAW_TIMEOUT = 90  # seconds for one image
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

    Without ``session`` a browser is started for this call (~1.3 s) and closed after it; pass an
    open :class:`ImageSession` to draw on a browser that is already running (~0.15 s an image).

    Raises:
        ExportError: an unknown format, no browser (the message says what to install), or a
            browser that failed to draw.
    """
    for _, fmt, options in jobs:
        if fmt not in IMAGE_FORMATS:
            raise ExportError(f"cannot draw an image as '{fmt}'; use one of: {', '.join(IMAGE_FORMATS)}")
        width, height = round(options.width * options.scale), round(options.height * options.scale)
        if fmt == "png" and width * height > MAX_PNG_PIXELS:
            raise ExportError(f"a {width:,} x {height:,} px PNG is larger than the browser can draw "
                              f"(at most {MAX_PNG_PIXELS / 1e6:.0f} million pixels); lower the scale or "
                              "the size, or export an SVG or PDF, which stay sharp at any size", field="scale")
    if not jobs:
        return []
    # A browser of our own starts on the session's thread while the figures become dicts here.
    # Scale only adds pixels to a PNG; kaleido would also scale a PDF's page (A4 would become 3 x A4).
    with nullcontext(session) if session is not None else ImageSession(wait=False) as drawing:
        return drawing.draw([(fig.to_dict(), dict(format=fmt, width=o.width, height=o.height,
                                                  scale=o.scale if fmt == "png" else 1))
                             for fig, fmt, o in jobs])


class ImageSession:
    """One headless browser kept open for many :func:`export_images` calls; thread-safe.

    Use it as a context manager, or keep one for the life of a process (``close()`` at the end):
    the page can hold one in ``st.cache_resource`` so its PNG, SVG and PDF buttons cost ~0.5 s.
    With ``wait=False`` the browser starts (~1.3 s) while the caller goes on, e.g. to build its
    figures; the first :meth:`draw` waits for it and raises what went wrong, if anything did.

    Raises:
        ExportError: no browser (the message says what to install), or one that fails to start.
    """

    def __init__(self, *, wait: bool = True) -> None:
        problem = browser_available()
        if problem:
            raise ExportError(problem)
        # kaleido's modules import one another in a circle, which breaks when two threads import
        # them at once (the browser's thread starting, this one translating an error): import here.
        for module in ("kaleido", "kaleido.errors", "choreographer.browsers.chromium"):
            importlib.import_module(module)
        # The browser lives on an event loop of its own thread: callers (Streamlit, notebooks)
        # may run their own loop, and one loop must own the browser's pipes for its whole life.
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._loop.run_forever, daemon=True, name="timeline-kaleido")
        self._thread.start()
        self._lock = threading.Lock()
        self._browser: Any = None
        self._stale = False  # the page must be reloaded before the next image
        self._opening = asyncio.run_coroutine_threadsafe(_open_browser(), self._loop)
        if wait:
            try:
                self._started()
            except ExportError:
                self._stop_loop()
                raise

    def draw(self, specs: list[tuple[dict, dict]]) -> list[bytes]:
        """Return the image bytes of (figure dict, kaleido options) pairs, in order, once the
        browser has started."""
        with self._lock:
            self._started()
            return self._run(self._draw_all(specs))

    def close(self) -> None:
        """Close the browser, after waiting for one still starting (idempotent)."""
        with self._lock:
            if self._loop.is_closed():
                return
            try:
                browser = self._started()
            except ExportError:
                browser = None  # it never started: draw() has said why, or nothing was drawn
            try:
                if browser is not None:
                    self._run(browser.close())
            finally:
                self._stop_loop()

    def __enter__(self) -> "ImageSession":
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    async def _draw_all(self, specs: list[tuple[dict, dict]]) -> list[bytes]:
        images = []
        for fig, opts in specs:
            if self._stale:
                await _reload_page(self._browser)
            # Until the image is drawn the page counts as stale: a failed one may leave it half-drawn.
            self._stale = True
            # A map's outlines come from this machine's folder (file://), never Plotly's CDN.
            image = await self._browser.calc_fig(fig, opts=opts, topojson=outlines_url())
            if not image.lstrip()[:5].startswith(_SIGNATURES[opts["format"]]):
                raise ExportError(f"the browser returned no {opts['format'].upper()} ({len(image)} bytes); "
                                  "try a smaller size or scale")
            images.append(image)
            # A PDF is printed from the page itself, so the image after it gets a fresh page.
            self._stale = opts["format"] == "pdf"
        return images

    def _started(self) -> Any:
        if self._browser is None:
            self._browser = self._result(self._opening)
        return self._browser

    def _run(self, coroutine: Any) -> Any:
        return self._result(asyncio.run_coroutine_threadsafe(coroutine, self._loop))

    def _result(self, future: Future) -> Any:
        from kaleido.errors import BrowserClosedError, BrowserFailedError, ChromeNotFoundError, KaleidoError

        try:
            return future.result()
        except ChromeNotFoundError as err:
            raise ExportError(f"images need Chrome or Chromium; {_INSTALL_HINT}") from err
        except (BrowserFailedError, BrowserClosedError, KaleidoError) as err:
            raise ExportError(f"the browser failed to draw the image ({err}); check that "
                              f"{browser_path()} starts, or {_INSTALL_HINT}") from err
        except TimeoutError as err:
            raise ExportError(f"the browser took over {DRAW_TIMEOUT} s to draw the image; draw fewer "
                              "events or a smaller image") from err

    def _stop_loop(self) -> None:
        async def end_tasks() -> None:
            # A browser that failed to start leaves choreographer's watchdog task (and its thread)
            # behind; end it as asyncio.run would, so nothing outlives the session.
            tasks = asyncio.all_tasks() - {asyncio.current_task()}
            for task in tasks:
                task.cancel()
            await asyncio.gather(*tasks, return_exceptions=True)

        asyncio.run_coroutine_threadsafe(end_tasks(), self._loop).result()
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join()
        self._loop.close()


async def _open_browser() -> Any:
    import kaleido
    from choreographer.browsers.chromium import Chromium

    class QuietChromium(Chromium):
        def get_cli(self) -> list[str]:
            # choreographer leaves this one out: an export should not fetch updates or lists.
            return [*super().get_cli(), "--disable-background-networking"]

    class KeptPageKaleido(kaleido.Kaleido):
        async def _return_kaleido_tab(self, tab: Any) -> None:
            # kaleido reloads its page, plotly.js and all, after every image: that and the slower
            # draw after it double a batch's time. Plotly.toImage draws each figure in a div of its
            # own, so the images are the same byte for byte; ImageSession reloads when it matters.
            await self.tabs_ready.put(tab)

    # mathjax=False: kaleido would fetch MathJax from a CDN, and figure text has no LaTeX.
    browser = KeptPageKaleido(n=1, mathjax=False, timeout=DRAW_TIMEOUT, path=browser_path(),
                              browser_cls=QuietChromium)
    try:
        await browser.open()
    except BaseException:
        await browser.close()  # a half-started browser leaves a process and temporary folders
        raise
    return browser


async def _reload_page(browser: Any) -> None:
    tab = await browser.tabs_ready.get()
    try:
        await tab.reload()
    finally:
        browser.tabs_ready.put_nowait(tab)  # else the next image would wait for a tab for ever

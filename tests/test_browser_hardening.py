"""What the public page must never do, checked in Debian's Chromium: run event text as script,
inject markup, or fail under a crowd of readers."""

from __future__ import annotations

import time
from collections.abc import Iterator

import pytest

from tests.browser import chromium_browser, running_page

pytestmark = pytest.mark.browser
POINTS = ".js-plotly-plot .cartesianlayer .subplot.xy .scatterlayer .trace path.point"
TOTAL = 20  # events in data/events.yaml
# How many distinct events the chart draws (the first column of each trace's customdata).
EVENTS_DRAWN_JS = """() => new Set(document.querySelector('.js-plotly-plot').data
    .flatMap(trace => [...(trace.customdata || [])].map(row => row && row[0]))
    .filter(id => id != null)).size"""
INJECTED = ("iframe, script:not([src]):not([type]):not([data-timeline]), img[onerror], svg[onload], b[onmouseover], "
            "a[href^='javascript'], [onclick], [onerror], [onload], [onmouseover]")


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    with chromium_browser() as launched:
        yield launched


def test_hostile_event_text_is_shown_as_text(browser) -> None:
    with running_page("--data", "tests/data/hostile/events.yaml") as url:
        context = browser.new_context(viewport={"width": 1300, "height": 1400})
        context.set_default_timeout(60_000)
        try:
            page = context.new_page()
            dialogs: list[str] = []
            page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
            page.goto(url + "/?event=script-in-title")
            page.wait_for_selector(POINTS, state="attached")
            page.get_by_text("Showing 2 of 2 events").wait_for()
            hover_label = page.locator(".js-plotly-plot .hoverlayer .hovertext").first
            for point in page.locator(POINTS).all():
                page.mouse.move(0, 0)  # off the chart: the last label goes away
                hover_label.wait_for(state="detached")
                point.hover(force=True)
                hover_label.wait_for(state="attached")  # this mark's text is on the page now
            page.locator(".st-key-related_markdown-title button").first.click()
            page.get_by_text("Style", exact=False).first.wait_for()
            injected_in_app = page.evaluate(f"""() => [...document.querySelectorAll("{INJECTED}")]
                .filter(e => e.closest('.stApp') && !e.closest('.stDataFrame'))
                .map(e => e.outerHTML.slice(0, 120))""")
            text = page.locator(".stApp").inner_text()
            pwned = page.evaluate("window.__pwned")
        finally:
            context.close()
    assert dialogs == []
    assert pwned is None
    assert injected_in_app == []
    assert "<script>window.__pwned=3</script>Script title" in text  # shown literally, not run
    assert "[Open me](javascript:window.__pwned=11)" in text


@pytest.mark.parametrize("readers", [
    # Each reader is a browser context of its own (own cache, cookies and Streamlit session),
    # as separate people are. Chromium drawing the page costs ~3 s of CPU a reader, so 20 on
    # two cores take ~90 s: `make test` checks a small crowd (3: the suite keeps under 5 minutes),
    # `make soak` the full one.
    pytest.param(3, id="3-readers"),
    pytest.param(20, id="20-readers", marks=pytest.mark.soak),
])
def test_readers_at_once_all_see_the_chart(browser, readers: int) -> None:
    with running_page() as url:
        contexts = [browser.new_context(viewport={"width": 1200, "height": 900}) for _ in range(readers)]
        try:
            pages = [context.new_page() for context in contexts]
            started = time.monotonic()
            for page in pages:  # Playwright's sync API is single-threaded: start all, then wait for all
                page.goto(url, wait_until="commit")
            first_chart: list[float] = []
            for page in pages:
                # No limit but a generous one: this checks that every reader is served, not speed.
                page.wait_for_selector(POINTS, state="attached", timeout=300_000)
                first_chart.append(time.monotonic() - started)
            counts = [page.get_by_text(f"Showing {TOTAL} of {TOTAL} events").count() for page in pages]
            marks = [page.evaluate(EVENTS_DRAWN_JS) for page in pages]
        finally:
            for context in contexts:
                context.close()
    assert counts == [1] * readers
    assert marks == [TOTAL] * readers
    print(f"\n{readers} concurrent sessions: first chart after {min(first_chart):.1f} s, "
          f"all after {max(first_chart):.1f} s")

"""What the public page must never do, checked in Debian's Chromium: run event text as script,
inject markup, or fail under a crowd of readers."""

from __future__ import annotations

import time
from collections.abc import Iterator

import pytest

from tests.browser import chromium_browser, running_page

pytestmark = pytest.mark.browser
POINTS = ".js-plotly-plot .cartesianlayer .subplot.xy .scatterlayer .trace path.point"
INJECTED = ("iframe, script:not([src]):not([type]), img[onerror], svg[onload], b[onmouseover], "
            "a[href^='javascript'], [onclick], [onerror], [onload], [onmouseover]")


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    with chromium_browser() as launched:
        yield launched


def test_hostile_event_text_is_shown_as_text(browser) -> None:
    with running_page("--data", "tests/data/hostile/events.yaml") as url:
        context = browser.new_context(viewport={"width": 1300, "height": 1400})
        page = context.new_page()
        dialogs: list[str] = []
        page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
        page.goto(url + "/?event=script-in-title")
        page.wait_for_selector(POINTS, state="attached", timeout=60_000)
        page.get_by_text("Showing 2 of 2 events").wait_for()
        for point in page.locator(POINTS).all():
            point.hover(force=True)
            page.wait_for_timeout(150)
        page.locator(".st-key-related_markdown-title button").first.click()
        page.get_by_text("Style", exact=False).first.wait_for()
        injected_in_app = page.evaluate(f"""() => [...document.querySelectorAll("{INJECTED}")]
            .filter(e => e.closest('.stApp') && !e.closest('.stDataFrame'))
            .map(e => e.outerHTML.slice(0, 120))""")
        text = page.locator(".stApp").inner_text()
        pwned = page.evaluate("window.__pwned")
        context.close()
    assert dialogs == []
    assert pwned is None
    assert injected_in_app == []
    assert "<script>window.__pwned=3</script>Script title" in text  # shown literally, not run
    assert "[Open me](javascript:window.__pwned=11)" in text


def test_twenty_readers_at_once_all_see_the_chart(browser) -> None:
    with running_page() as url:
        contexts = [browser.new_context(viewport={"width": 1200, "height": 900}) for _ in range(20)]
        pages = [context.new_page() for context in contexts]
        started = time.monotonic()
        for page in pages:  # Playwright's sync API is single-threaded: start all, then wait for all
            page.goto(url, wait_until="commit")
        first_chart: list[float] = []
        for page in pages:
            page.wait_for_selector(POINTS, state="attached", timeout=120_000)
            first_chart.append(time.monotonic() - started)
        counts = [page.get_by_text("Showing 20 of 20 events").count() for page in pages]
        for context in contexts:
            context.close()
    assert counts == [1] * 20
    print(f"\n20 concurrent sessions: first chart after {min(first_chart):.1f} s, all after {max(first_chart):.1f} s")

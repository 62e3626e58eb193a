"""The network page in a real browser: a node per actor of the shown events with labels that do
not touch, and a click on an actor that opens the timeline filtered to them."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pytest

from tests.browser import ROOT, chromium_browser, new_page, running_page
from timeline.store.loading import load_timeline

pytestmark = pytest.mark.browser

TIMEOUT_MS = 60_000
PLOT = "[data-testid='stPlotlyChart'] .js-plotly-plot"
NODES = """() => { const gd = document.querySelector("[data-testid='stPlotlyChart'] .js-plotly-plot");
  const groups = [...gd.querySelectorAll('.scatterlayer .trace')];
  return gd.data.flatMap((trace, i) => trace.mode === 'markers' && trace.customdata
    ? [...groups[i].querySelectorAll('path.point')].map((p, j) => trace.customdata[j][0]) : []); }"""


@pytest.fixture(scope="module")
def url() -> Iterator[str]:
    with running_page() as address:
        yield address


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    with chromium_browser() as launched:
        yield launched


@pytest.fixture
def page(browser: object) -> Iterator[object]:
    with new_page(browser, timeout_ms=TIMEOUT_MS) as opened:
        yield opened


def test_a_node_per_actor_of_the_shown_events_with_labels_that_do_not_touch(page: object, url: str) -> None:
    page.goto(url + "/?view=network&from=2020-09-01")
    page.wait_for_selector(PLOT + " .scatterlayer path.point", state="attached")
    page.wait_for_timeout(300)  # the page's CSS for the labels arrives with the chart
    september = {a for e in load_timeline(ROOT / "data/events.yaml").events if e.end >= date(2020, 9, 1)
                 for a in e.actors}
    assert sorted(page.evaluate(NODES)) == sorted(september)
    texts = page.evaluate(f"""() => [...document.querySelectorAll("{PLOT} text")]
        .filter(t => t.textContent.trim() && t.getClientRects().length)  // none for a label hidden by the CSS
        .map(t => {{ const r = t.getBoundingClientRect();
                     return [t.textContent, r.left, r.top, r.right, r.bottom]; }})""")
    labels = [t for t in texts if t[0] in september]
    assert len(labels) >= 20, labels  # most actors are named at this width
    hits = [(a[0], b[0]) for i, a in enumerate(labels) for b in labels[i + 1:]
            if a[1] < b[3] - 1 and b[1] < a[3] - 1 and a[2] < b[4] - 1 and b[2] < a[4] - 1]
    assert hits == []


def test_clicking_an_actor_opens_the_timeline_filtered_to_them(page: object, url: str) -> None:
    page.goto(url + "/?view=network&from=2020-09-01")
    page.wait_for_selector(PLOT + " .scatterlayer path.point", state="attached")
    trace, point = page.evaluate("""() => {
        const gd = document.querySelector("[data-testid='stPlotlyChart'] .js-plotly-plot");
        for (const [i, t] of gd.data.entries()) if (t.mode === 'markers' && t.customdata) {
          const j = t.customdata.findIndex(row => row[0] === 'Mike Pompeo'); if (j >= 0) return [i, j]; } }""")
    node = page.locator(PLOT + " .scatterlayer .trace").nth(trace).locator("path.point").nth(point)
    node.hover(force=True)
    page.get_by_text("Click to see their events on the timeline").wait_for()
    node.click(force=True)
    page.get_by_text("Showing 2 of 20 events").wait_for()
    page.wait_for_url("**actor=Mike+Pompeo**")  # the address is written as the run ends, after the text
    assert "actor=Mike+Pompeo" in page.url and "from=2020-09-01" in page.url and "view=network" not in page.url
    assert page.get_by_role("heading", name="Who did what, when").is_visible()

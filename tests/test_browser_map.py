"""The map in a real browser: drawn with no request off this machine (outlines from the app's own
static files), a click on a place filters to it, and the standalone HTML works from a file."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from tests.browser import chromium_browser, new_page, running_page
from timeline import load_timeline
from timeline.export.mapview import export_map_html, map_view_figure
from timeline.view.filters import FilterState

pytestmark = pytest.mark.browser

MAP = ".st-key-map_chart .js-plotly-plot"
POINTS = f"{MAP} .scattergeo path.point"
BORDERS = f"{MAP} .geo .layer.countries path"
TIMEOUT_MS = 60_000


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    with chromium_browser() as launched:
        yield launched


@pytest.fixture(scope="module")
def url() -> Iterator[str]:
    with running_page() as address:
        yield address


@pytest.fixture(scope="module")
def page(browser: object) -> Iterator[object]:
    # One page for the module: its cache keeps plotly.js and the outlines (~6 MB) between tests,
    # and each test opens the page anew (a new Streamlit session).
    with new_page(browser, timeout_ms=TIMEOUT_MS) as opened:
        yield opened


def drawn_places(page: object) -> dict[str, tuple[float, float]]:
    """Each place's mark on the screen (its centre), by its label in the figure's data."""
    return page.evaluate(f"""() => {{
        const plot = document.querySelector('{MAP}');
        const trace = plot.data.find(t => t.name === 'places');
        const points = [...plot.querySelectorAll('.scattergeo')][0].querySelectorAll('path.point');
        return Object.fromEntries(trace.customdata.map((row, i) => {{
            const box = points[i].getBoundingClientRect();
            return [row[0], [box.x + box.width / 2, box.y + box.height / 2]];
        }}));
    }}""")  # type: ignore[attr-defined]


def test_the_map_asks_nothing_off_this_machine_and_draws_the_bundled_places(page: object, url: str) -> None:
    requests: list[str] = []

    def record(request: object) -> None:
        requests.append(request.url)  # type: ignore[attr-defined]

    page.on("request", record)  # type: ignore[attr-defined]
    page.goto(url + "/?view=map")  # type: ignore[attr-defined]
    page.wait_for_selector(BORDERS, state="attached")  # type: ignore[attr-defined]
    page.wait_for_function(f"document.querySelectorAll('{POINTS}').length === 4")  # type: ignore[attr-defined]
    assert page.evaluate(f"document.querySelector('{BORDERS}').getAttribute('d').length") > 10_000  # type: ignore[attr-defined]
    assert set(drawn_places(page)) == {"Baghdad", "Najaf", "Tehran", "Washington"}
    labels = page.evaluate(f"[...document.querySelectorAll('{MAP} .scattergeo text')].map(t => t.textContent)")  # type: ignore[attr-defined]
    assert {"Baghdad", "Tehran", "Washington"} <= set(labels)
    page.remove_listener("request", record)  # type: ignore[attr-defined]
    here = urlsplit(url).netloc
    elsewhere = [r for r in requests if urlsplit(r).scheme not in ("data", "blob") and urlsplit(r).netloc != here]
    assert elsewhere == []
    assert f"{url}/app/static/topojson/world_50m.json" in requests


def test_a_click_on_a_place_filters_to_it_and_lists_its_events(page: object, url: str) -> None:
    page.goto(url + "/?view=map")  # type: ignore[attr-defined]
    page.wait_for_function(f"document.querySelectorAll('{POINTS}').length === 4")  # type: ignore[attr-defined]
    x, y = drawn_places(page)["Tehran"]
    page.mouse.click(x, y)  # type: ignore[attr-defined]
    page.get_by_role("heading", name="Tehran: 3 events").wait_for()  # type: ignore[attr-defined]
    assert "place=Tehran" in page.url  # type: ignore[attr-defined]
    assert "Tehran" in page.locator(".st-key-f_places").inner_text()  # type: ignore[attr-defined]
    page.get_by_role("button", name="Foreign Minister Fuad Hussein visits Tehran").click()  # type: ignore[attr-defined]
    page.locator(".st-key-detail_card").get_by_text("Foreign Minister Fuad Hussein visits Tehran").wait_for()  # type: ignore[attr-defined]
    page.wait_for_selector(f"{MAP} .scattergeo path.point[style*='stroke-width: 3px']", state="attached")  # type: ignore[attr-defined]
    assert "event=fuad-hussein-visits-tehran" in page.url  # type: ignore[attr-defined]


def test_the_exported_html_draws_the_map_from_a_file_with_no_request(browser: object, tmp_path: Path) -> None:
    timeline = load_timeline("data/events.yaml")
    out = tmp_path / "map.html"
    out.write_text(export_map_html(map_view_figure(timeline, FilterState(), source="data/events.yaml",
                                                   interactive=True)), encoding="utf-8")
    page = browser.new_page()  # type: ignore[attr-defined]
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto(out.as_uri())
    page.wait_for_selector(".js-plotly-plot .geo .layer.countries path", state="attached", timeout=TIMEOUT_MS)
    assert page.locator(".js-plotly-plot .scattergeo path.point").count() == 4
    assert requests == [out.as_uri()]
    page.close()

"""The pages in a real browser: the editor page reached from a card, a save that lands back on
the timeline with the view kept, and no editor anywhere when editing is off."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.browser import ROOT, chromium_browser, new_page, running_page

pytestmark = pytest.mark.browser

POINTS = ".js-plotly-plot .cartesianlayer .subplot.xy .scatterlayer .trace path.point"
TIMEOUT_MS = 60_000


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    with chromium_browser() as launched:
        yield launched


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("pages") / "events.yaml"
    shutil.copy(ROOT / "data/events.yaml", path)
    return path


@pytest.fixture(scope="module")
def editor_url(store: Path) -> Iterator[str]:
    with running_page("--data", str(store), "--edit") as url:
        yield url


@pytest.fixture
def page(browser: object) -> Iterator[object]:
    with new_page(browser, 1400, 1000, timeout_ms=TIMEOUT_MS) as opened:
        yield opened


def test_edit_from_a_card_then_save_returns_to_the_same_view(page: object, editor_url: str, store: Path) -> None:
    page.goto(editor_url + "/?from=2020-09-01&event=khamenei-imam-hassan-tweet")
    page.wait_for_selector(POINTS, state="attached")
    page.get_by_text("Showing 17 of 20 events").wait_for()
    page.get_by_role("button", name="Edit this event").click()
    page.get_by_text("Edit event 'khamenei-imam-hassan-tweet'").wait_for()
    assert page.url.split("?")[0].endswith("/edit")
    title = page.get_by_label("Title").first
    title.fill("Khamenei tweets about Imam Hassan")
    title.press("Tab")
    page.get_by_text("Preview").wait_for()
    page.get_by_role("button", name="Save").click()
    page.get_by_text("Saved 'khamenei-imam-hassan-tweet'").wait_for()
    page.wait_for_selector(POINTS, state="attached")
    assert "from=2020-09-01" in page.url and "event=khamenei-imam-hassan-tweet" in page.url
    page.get_by_text("Showing 17 of 20 events").wait_for()
    card = page.locator(".st-key-detail_card")
    assert "Khamenei tweets about Imam Hassan" in card.inner_text()
    assert "      en: Khamenei tweets about Imam Hassan\n" in store.read_text(encoding="utf-8")  # its English title


def test_without_editing_there_is_no_editor_page_and_no_navigation(page: object) -> None:
    with running_page() as url:
        page.goto(url + "/edit")
        page.wait_for_selector(POINTS, state="attached")  # an unknown page falls back to the timeline
        assert page.get_by_role("link", name="Add or edit events").count() == 0
        assert page.get_by_role("button", name="Edit this event").count() == 0


def test_the_card_opens_beside_the_chart_in_view_and_steps_through_time(page: object, editor_url: str) -> None:
    page.goto(editor_url + "/?from=2020-09-01")
    page.wait_for_selector(POINTS, state="attached")
    page.locator(POINTS).first.click(force=True)  # the first mark in drawing order
    card = page.locator(".st-key-detail_card")
    card.wait_for()
    box, chart = card.bounding_box(), page.locator(".js-plotly-plot").first.bounding_box()
    assert box["y"] < 1000 and box["y"] + 200 < 1000, "the card starts below the first screen"
    assert box["x"] >= chart["x"] + chart["width"] - 1, "the card is not beside the chart"
    first = card.locator("h2").inner_text()
    page.get_by_role("button", name="Later →").click()
    page.wait_for_function("t => document.querySelector('.st-key-detail_card h2')?.innerText !== t", arg=first)
    assert card.bounding_box()["y"] < 1000


@pytest.mark.parametrize("where", ["/", "/?event=khamenei-imam-hassan-tweet", "/edit"],
                         ids=["default", "card-open", "editor"])
def test_axe_core_finds_no_serious_or_critical_violation(page: object, editor_url: str, where: str) -> None:
    from axe_playwright_python.sync_playwright import Axe  # ships axe-core; nothing from a CDN

    page.goto(editor_url + where)
    if where == "/edit":
        page.get_by_label("Title").first.wait_for()
    else:
        page.wait_for_selector(POINTS, state="attached")
        page.get_by_text("Showing").first.wait_for()
    if "event=" in where:
        page.locator(".st-key-detail_card h2").wait_for()
    violations = Axe().run(page).response["violations"]
    serious = [(v["id"], v["impact"], v["nodes"][0]["target"]) for v in violations
               if v["impact"] in ("serious", "critical")]
    assert serious == []


def test_the_keyboard_reaches_an_event_in_three_presses_and_opens_it_with_enter(page: object,
                                                                                 editor_url: str) -> None:
    page.goto(editor_url + "/")
    page.wait_for_selector(POINTS, state="attached")
    page.keyboard.press("Tab")  # Streamlit's "Skip to main content" link
    assert page.evaluate("document.activeElement.innerText").strip() == "Skip to main content"
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.getAttribute('aria-label')") == "Event details"
    page.keyboard.type("Khamenei tweets")
    page.keyboard.press("Enter")
    page.locator(".st-key-detail_card h2").get_by_text("Khamenei tweets about Imam Hassan").wait_for()
    # The opened card takes the focus: a screen reader reads its title, Tab goes on into it.
    page.wait_for_function("document.activeElement?.closest('.st-key-detail_card h2') !== null")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.closest('.st-key-detail_card') !== null")


def test_the_chart_says_what_it_shows(page: object, editor_url: str) -> None:
    page.goto(editor_url + "/")
    page.wait_for_selector(POINTS, state="attached")
    names = page.evaluate("""() => [...document.querySelectorAll('[data-testid="stPlotlyChart"] [aria-label],'
        + '[data-testid="stPlotlyChart"][aria-label]')].map(e => e.getAttribute('aria-label'))""")
    assert any(name.startswith("Timeline chart of 20 of 20 events, 3 January 2020 to ") and
               "the rest in Others (26 actors)" in name for name in names), names


PHONE_USER_AGENT = ("Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) "
                    "Chrome/156.0.0.0 Mobile Safari/537.36")


def test_a_phone_gets_a_readable_list_by_month_and_one_tap_opens_a_card_in_view(browser: object) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True,  # type: ignore[attr-defined]
                                  has_touch=True, device_scale_factor=2, user_agent=PHONE_USER_AGENT)
    context.set_default_timeout(TIMEOUT_MS)
    try:
        with running_page() as url:
            page = context.new_page()
            page.goto(url + "/")
            page.get_by_text("Showing 20 of 20 events").wait_for()
            first = page.locator('[class*="st-key-event_"] button').first
            first.wait_for()
            assert page.get_by_text("January 2020", exact=True).bounding_box()["y"] < 2 * 844
            assert first.bounding_box()["y"] + first.bounding_box()["height"] < 2 * 844  # on the first two screens
            lines = page.evaluate("""() => [...document.querySelectorAll('[class*="st-key-event_"] button')]
                .map(b => { const r = b.getBoundingClientRect(); return [r.top, r.bottom, r.left, r.right,
                                                                         b.scrollWidth <= b.clientWidth + 1]; })""")
            assert len(lines) == 20 and all(fits for *_, fits in lines), "a title is cut or overflows"
            for (top, bottom, *_), (next_top, *_) in zip(lines, lines[1:]):
                assert bottom <= next_top + 0.5, "two lines of the list overlap"
            page.locator(".st-key-event_khamenei-imam-hassan-tweet button").tap()
            card = page.locator(".st-key-detail_card")
            card.get_by_text("Khamenei tweets about Imam Hassan avoiding military war").wait_for()
            # Measured once the page has settled (the chart below the list is still being drawn
            # when the card's text arrives), so a slow machine cannot catch it mid-layout.
            in_view = """() => { const r = document.querySelector('.st-key-detail_card').getBoundingClientRect();
                                 return r.top >= 0 && r.top < 844; }"""
            try:
                page.wait_for_function(in_view, timeout=10_000)
            except Exception:
                pass
            box = card.bounding_box()
            assert 0 <= box["y"] < 844, f"the card opened out of view: {box}"
    finally:
        context.close()


@pytest.mark.parametrize("query", ["", "rows=all"], ids=["folded-rows", "every-row"])
def test_dates_are_on_the_first_screen_however_many_rows(browser: object, editor_url: str, query: str) -> None:
    context = browser.new_context(viewport={"width": 1400, "height": 900})  # type: ignore[attr-defined]
    context.set_default_timeout(TIMEOUT_MS)
    try:
        page = context.new_page()
        page.goto(editor_url + "/?" + query)
        page.wait_for_selector(POINTS, state="attached")
        page.wait_for_selector(".js-plotly-plot .xaxislayer-above text")
        rows = page.locator(".js-plotly-plot .yaxislayer-above .ytick text").count()
        assert rows == (36 if query else 11)
        dates = page.evaluate("""() => [...document.querySelectorAll(
            '.js-plotly-plot .xaxislayer-above text, .js-plotly-plot .xaxislayer-above tspan')]
            .map(t => [t.textContent, t.getBoundingClientRect().bottom])""")
        in_view = {text for text, bottom in dates if 0 < bottom <= 900 and "20" in text}
        assert len(in_view) >= 3, f"dates on the first screen: {sorted(in_view)}; all: {dates}"
        # Every stretch between the axis breaks has its own dates: January's, May's, September's.
        bottom_ticks = page.evaluate("""() => [...document.querySelectorAll(
            '.js-plotly-plot .xaxislayer-above .xtick text')].map(t => t.textContent)""")
        assert any("Jan" in t for t in bottom_ticks) and any("May" in t for t in bottom_ticks), bottom_ticks
        assert sum("Sep" in t for t in bottom_ticks) >= 3, bottom_ticks
    finally:
        context.close()


def test_a_narrow_desktop_window_shows_no_overlapping_text_on_the_chart(browser: object, editor_url: str) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 844})  # type: ignore[attr-defined]
    context.set_default_timeout(TIMEOUT_MS)
    try:
        page = context.new_page()
        page.goto(editor_url + "/")
        page.wait_for_selector(POINTS, state="attached")
        page.wait_for_function("""() => {
            const plot = document.querySelector('.js-plotly-plot');
            const box = document.querySelector('[data-testid="stPlotlyChart"]');
            return plot && plot._fullLayout && box && Math.abs(plot._fullLayout.width - box.clientWidth) <= 1;
        }""")
        page.wait_for_timeout(500)
        overlaps = page.evaluate("""() => {
            const boxes = [...document.querySelectorAll('.js-plotly-plot text')]
                .filter(t => t.textContent.trim() && t.getClientRects().length)
                .map(t => [t.textContent, t.getBoundingClientRect()])
                .filter(([, r]) => r.width > 0 && r.height > 0);
            const hits = [];
            for (let i = 0; i < boxes.length; i++) for (let j = i + 1; j < boxes.length; j++) {
                const [a, r] = boxes[i], [b, s] = boxes[j];
                if (r.left < s.right - 1 && s.left < r.right - 1 && r.top < s.bottom - 1 && s.top < r.bottom - 1)
                    hits.push([a, b]);
            }
            return hits;
        }""")
        assert overlaps == []
    finally:
        context.close()


def test_a_store_reaching_before_the_common_era_draws_with_years_as_people_write_them(page: object) -> None:
    """Mesopotamia from Hammurabi to the Mongols: BCE ticks read '400 BCE', early CE ones '200 CE',
    none is padded ('0700') or signed ('-0400'), and every event is drawn."""
    with running_page("--data", str(ROOT / "tests/data/valid/mesopotamia.yaml")) as url:
        page.goto(url + "/")
        page.wait_for_selector(POINTS, state="attached")
        page.get_by_text("Showing 13 of 13 events").wait_for()
        ticks = page.evaluate("""() => [...document.querySelectorAll('.js-plotly-plot .xaxislayer-above .xtick text')]
            .map(t => t.textContent)""")
        bce = [tick for tick in ticks if tick.endswith(" BCE")]
        assert len(bce) >= 3 and any(tick.endswith(" CE") and not tick.endswith("BCE") for tick in ticks), ticks
        assert not any(tick.startswith(("0", "-", "\u2212")) for tick in ticks), ticks
        assert page.locator(POINTS).count() >= 13
        # The sidebar's window is a slider of years, written as people write them.
        assert page.get_by_text("1792 BCE").first.is_visible()

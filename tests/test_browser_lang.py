"""The page in Arabic and Persian, in a real browser: right to left, in the reader's language from
the address or the browser, no text on top of other text on a desktop or a phone, no console error."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.browser import chromium_browser, running_page
from timeline.lang.catalogs import messages

pytestmark = pytest.mark.browser

POINTS = ".js-plotly-plot .cartesianlayer .subplot.xy .scatterlayer .trace path.point"
TIMEOUT_MS = 60_000
PHONE_USER_AGENT = ("Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) "
                    "Chrome/130.0 Mobile Safari/537.36")
# Text boxes that overlap another's by more than a pixel each way: leaf elements with text, in the
# page (sidebar and main) and on the chart; an element and its own descendants are not compared.
# A box is the text's ink across its lines: Arabic typefaces' line boxes carry room for marks
# above and below (a rotated tick label's box is ~25 px thick for ~12 px of letters), so a fifth
# of the box's thickness is left out on each side.
OVERLAPS = """(selector) => {
    const leaves = [...document.querySelectorAll(selector)].filter(e => {
        if (!e.textContent.trim() || !e.getClientRects().length) return false;
        const style = getComputedStyle(e);
        if (style.visibility === 'hidden' || style.display === 'none' || parseFloat(style.opacity) === 0) return false;
        return ![...e.children].some(c => c.textContent.trim());
    });
    const ink = (r) => {
        const across = r.width < r.height, cut = 0.2 * Math.min(r.width, r.height);
        return across ? {left: r.left + cut, right: r.right - cut, top: r.top, bottom: r.bottom}
                      : {left: r.left, right: r.right, top: r.top + cut, bottom: r.bottom - cut};
    };
    const boxes = leaves.map(e => [e, e.getBoundingClientRect()]).filter(([, r]) => r.width > 1 && r.height > 1)
        .map(([e, r]) => [e, ink(r)]);
    const hits = [];
    for (let i = 0; i < boxes.length; i++) for (let j = i + 1; j < boxes.length; j++) {
        const [a, r] = boxes[i], [b, s] = boxes[j];
        if (a.contains(b) || b.contains(a)) continue;
        if (r.left < s.right - 1 && s.left < r.right - 1 && r.top < s.bottom - 1 && s.top < r.bottom - 1)
            hits.push([a.textContent.trim().slice(0, 40), b.textContent.trim().slice(0, 40)]);
    }
    return hits;
}"""
PAGE_TEXT = ("[data-testid='stMain'] p, [data-testid='stMain'] h1, [data-testid='stMain'] h2, "
             "[data-testid='stMain'] label, [data-testid='stSidebar'] p, [data-testid='stSidebar'] h2, "
             "[data-testid='stSidebar'] label, .js-plotly-plot text")


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    with chromium_browser() as launched:
        yield launched


@pytest.fixture(scope="module")
def url() -> Iterator[str]:
    with running_page() as address:
        yield address


def open_page(browser: object, address: str, *, width: int = 1400, height: int = 900, locale: str | None = None,
              phone: bool = False) -> tuple[object, object, list[str]]:
    options: dict[str, object] = {"viewport": {"width": width, "height": height}}
    if locale:
        options["locale"] = locale
    if phone:
        options.update(is_mobile=True, has_touch=True, device_scale_factor=2, user_agent=PHONE_USER_AGENT)
    context = browser.new_context(**options)  # type: ignore[attr-defined]
    context.set_default_timeout(TIMEOUT_MS)
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(address)
    page.wait_for_selector(POINTS, state="attached")
    page.wait_for_selector(".js-plotly-plot .xaxislayer-above text")
    return context, page, errors


@pytest.mark.parametrize("lang", ["ar", "fa"])
def test_the_page_reads_right_to_left_in_the_readers_language(browser: object, url: str, lang: str) -> None:
    text = messages(lang)
    context, page, errors = open_page(browser, f"{url}/?lang={lang}&event=khamenei-imam-hassan-tweet")
    try:
        page.get_by_role("heading", name=text.gettext("Who did what, when")).wait_for()
        page.wait_for_function(f"() => document.documentElement.lang === '{lang}'")
        directions = page.evaluate("""() => ['[data-testid="stMain"]', '[data-testid="stSidebar"]',
            '.st-key-detail_card, [data-testid="stAlert"]'].map(s => {
                const e = document.querySelector(s); return e && getComputedStyle(e).direction; })""")
        assert directions[:2] == ["rtl", "rtl"], directions
        page.get_by_text(text.gettext("Filters"), exact=True).wait_for()
        # The events' own text in the reader's language: the bundled store has Arabic titles for
        # every event, and Persian ones for the Iranian actors' events.
        title = {"ar": "خامنئي يغرّد", "fa": "توییت خامنه‌ای"}[lang]
        page.locator(".st-key-detail_card h2").filter(has_text=title).wait_for()
        card_direction = page.evaluate("() => getComputedStyle(document.querySelector('.st-key-detail_card')).direction")
        assert card_direction == "rtl"
        assert errors == [], errors
    finally:
        context.close()


def test_the_browsers_language_is_the_default_and_the_picker_changes_it(browser: object, url: str) -> None:
    context, page, errors = open_page(browser, f"{url}/", locale="ar-IQ")
    try:
        page.get_by_role("heading", name=messages("ar").gettext("Who did what, when")).wait_for()
        page.locator(".st-key-f_lang").click()
        page.get_by_role("option", name="English").click()
        page.get_by_role("heading", name="Who did what, when").wait_for()
        page.wait_for_function("""() => document.documentElement.lang === 'en' && getComputedStyle(
            document.querySelector('[data-testid="stMain"]')).direction === 'ltr'""")
        page.locator(".st-key-f_lang").click()
        page.get_by_role("option", name="فارسی").click()
        page.wait_for_function("() => new URL(location.href).searchParams.get('lang') === 'fa'")
        assert errors == [], errors
    finally:
        context.close()


@pytest.mark.parametrize(("width", "height", "phone"), [(1400, 900, False), (390, 844, True)],
                         ids=["desktop", "phone"])
def test_no_arabic_text_lies_on_other_text(browser: object, url: str, width: int, height: int, phone: bool) -> None:
    context, page, errors = open_page(browser, f"{url}/?lang=ar&event=sistani-calls-for-state-control-of-arms",
                                      width=width, height=height, phone=phone)
    try:
        page.locator(".st-key-detail_card h2").wait_for()
        page.wait_for_timeout(500)  # the chart settles to its column's width
        overlaps = page.evaluate(OVERLAPS, PAGE_TEXT)
        assert overlaps == [], overlaps
        assert errors == [], errors
    finally:
        context.close()

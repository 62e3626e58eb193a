"""Event text reaches the page as text: Markdown and HTML escaped, only http(s) links."""

from __future__ import annotations

from datetime import date

from timeline.view.display import escape_markdown, safe_url, source_markdown
from timeline.model import Source


def test_markdown_and_html_are_escaped() -> None:
    text = escape_markdown("<script>alert(1)</script> [x](javascript:alert(1)) **bold**")
    assert "<" not in text.replace("\\<", "") and "[" not in text.replace("\\[", "")
    assert "\\*\\*bold\\*\\*" in text


def test_only_http_urls_become_links() -> None:
    assert safe_url("https://example.org/a") == "https://example.org/a"
    assert safe_url("javascript:alert(1)") is None
    assert safe_url("data:text/html,hi") is None
    link = source_markdown(Source("Al-Monitor", "Iraq", "https://example.org/a b", date(2020, 9, 28)))
    assert link == "[Al\\-Monitor\\: Iraq](<https://example.org/a%20b>) (28 September 2020)"
    assert source_markdown(Source("X", None, "javascript:alert(1)")) == "X"


def test_date_check_says_how_a_date_was_read() -> None:
    from timeline.dates.reading import parse_date
    from timeline.view.display import date_check

    reference = date(2020, 9, 28)
    assert date_check(parse_date("Sept. 13", reference=reference), reference) == (
        "13 September 2020, day, resolved against the source of 28 September 2020")
    assert date_check(parse_date("late September 2020"), None) == "late September 2020, month, approximate"


def test_date_glyphs_match_the_chart_marks_and_months_group_in_order() -> None:
    from datetime import date as day

    from timeline.model import DateValue, Precision
    from timeline.view.display import date_glyph, month_groups
    from timeline.store.loading import load_timeline

    assert date_glyph(DateValue(day(2020, 9, 13), day(2020, 9, 13), Precision.DAY)) == "●"
    assert date_glyph(DateValue(day(2020, 9, 26), day(2020, 9, 27), Precision.DAY, is_range=True)) == "▬"
    assert date_glyph(DateValue(day(2020, 9, 1), day(2020, 9, 30), Precision.MONTH)) == "◆"
    assert date_glyph(DateValue(day(2020, 9, 21), day(2020, 9, 30), Precision.MONTH, approximate=True)) == "○"
    groups = month_groups(load_timeline("data/events.yaml", use_cache=False).events)
    assert [(month, len(events)) for month, events in groups] == [("January 2020", 2), ("May 2020", 1),
                                                                   ("September 2020", 17)]

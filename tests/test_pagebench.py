"""The page benchmark measures something: on a small store both pages open, take the filter
change, and the counts it reads from their captions agree with the store."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

import pagebench  # noqa: E402  (benchmarks/pagebench.py)

# Two servers and two browsers: ~20 s, so it runs with `make soak`, not `make test`.
pytestmark = [pytest.mark.browser, pytest.mark.soak]

SIZE = 300


def test_both_pages_open_and_redraw_for_a_category_with_consistent_counts(tmp_path: Path) -> None:
    store = tmp_path / "events.yaml"
    store.write_text(pagebench.generate(SIZE), encoding="utf-8")
    in_category = pagebench.category_count(store)
    assert in_category and in_category < SIZE

    result = pagebench.measure_pages(store, store, repeat=1, naive_timeout=60, ours_timeout=60, warm_up=False)

    for side in ("ours", "naive"):
        figures = result[side]
        assert "failed" not in figures, figures
        for key in ("open_s", "open_caption_s", "open_chart_s", "reopen_s", "filter_s", "filter_caption_s",
                    "filter_chart_s"):
            assert len(figures[key]) == 1 and figures[key][0] > 0, (side, key, figures[key])
        assert figures["filter_s"][0] == max(figures["filter_caption_s"][0], figures["filter_chart_s"][0])
        (shown_before, total_before), (shown_after, total_after) = figures["before"][0], figures["after"][0]
        assert shown_before == total_before == total_after, figures
        assert 0 < shown_after < total_after, figures
        assert figures["marks"][0] > 0 and figures["peak_rss_mib"] > 0
    # Ours shows every event of the category; the naive page drops those dateparser cannot read.
    assert result["ours"]["after"][0] == (in_category, SIZE)
    assert result["naive"]["after"][0][0] <= in_category
    # The floor page (Streamlit alone) takes the same two steps, on its two made-up events.
    floor = result["floor"]
    assert floor["before"][0] == (2, 2) and floor["after"][0] == (1, 2), floor
    assert floor["filter_s"][0] > 0 and floor["reopen_s"][0] > 0 and floor["marks"][0] == 1
    table = pagebench.render(result)
    assert "| filter change: new count and chart redrawn |" in table
    assert "naive/floor" in table and "open again, the browser's cache warm" in table

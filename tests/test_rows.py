"""Rows a person can scan: the busiest rows stay, the rest share one "Others" row, unless every
row is asked for (sidebar, ``rows=all``, ``--all-rows``)."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

from timeline.chart.figure import FigureOptions, build_figure
from timeline.chart.rows import ROW_LIMIT, chart_rows, lane_values
from timeline.cli.main import main
from timeline.store.loading import load_timeline
from timeline.view.filters import FilterState
from timeline.view.urlstate import View, view_from_query, view_to_query

from tests.test_figure import day, event

BUNDLED = "data/events.yaml"


def test_the_bundled_36_actors_become_the_10_with_two_events_and_one_others_row() -> None:
    timeline = load_timeline(BUNDLED, use_cache=False)
    rows = chart_rows(timeline.events, "actor")
    assert len(rows.names) == 11 and rows.others == "Others (26 actors)"
    counts = Counter(a for e in timeline.events for a in set(e.actors))
    assert {name for name in rows.names[:-1]} == {a for a, n in counts.items() if n >= 2}
    assert set(rows.folded) == {a for a, n in counts.items() if n == 1}
    # Every event keeps a mark: in its kept rows and, once, in Others.
    for e, lanes in zip(timeline.events, rows.of_event):
        expected = {a if a in rows.names else rows.others for a in e.actors}
        assert set(lanes) == expected and len(lanes) == len(expected)


def test_the_chart_draws_the_folded_rows_and_every_row_on_request() -> None:
    timeline = load_timeline(BUNDLED, use_cache=False)
    folded = build_figure(timeline.events, FigureOptions(), eras=timeline.eras)
    assert list(folded.layout.yaxis.categoryarray)[-1] == "Others (26 actors)"
    assert len(folded.layout.yaxis.categoryarray) == 11
    every = build_figure(timeline.events, FigureOptions(every_row=True), eras=timeline.eras)
    assert len(every.layout.yaxis.categoryarray) == 36
    assert folded.layout.height < every.layout.height <= 1400
    drawn_ids = {p[0] for t in folded.data if t.customdata is not None for p in t.customdata}
    assert drawn_ids == {e.id for e in timeline.events}


def test_rows_of_equal_rank_are_kept_all_or_none() -> None:
    # Two busy actors, then twelve one-event actors of equal importance: keeping some of the
    # twelve would pick them by the alphabet; all go to Others.
    events = [event(f"busy{i}", day(i + 1), actors=("Busy A", "Busy B")) for i in range(3)]
    events += [event(f"one{i}", day(i + 10), actors=(f"Actor {i:02}",)) for i in range(12)]
    rows = chart_rows(events, "actor")
    assert rows.names == ["Busy A", "Busy B", "Others (12 actors)"]
    # The more important one-event actor ranks above its equals and stays when it fits.
    events[3] = event("one0", day(10), actors=("Actor 00",), importance=5)
    assert chart_rows(events, "actor").names == ["Busy A", "Busy B", "Actor 00", "Others (11 actors)"]


def test_a_first_tier_too_big_for_the_room_is_cut_rather_than_lost() -> None:
    events = [event(f"one{i}", day(i + 1), actors=(f"Actor {i:02}",)) for i in range(20)]
    rows = chart_rows(events, "actor")
    assert len(rows.names) == ROW_LIMIT and rows.others == "Others (9 actors)"


def test_few_rows_are_never_folded_and_lane_values_are_unchanged() -> None:
    events = [event(f"e{i}", day(i + 1), actors=(f"Actor {i}",)) for i in range(ROW_LIMIT)]
    rows = chart_rows(events, "actor")
    assert rows.others is None and rows.folded == () and len(rows.names) == ROW_LIMIT
    assert rows.of_event == [lane_values(e, "actor") for e in events]
    assert chart_rows(events, "place").names == ["Baghdad"]


def test_places_fold_with_their_own_word() -> None:
    events = [event(f"e{i}", day(i + 1), places=(f"Town {i}",)) for i in range(20)]
    assert chart_rows(events, "place").others == "Others (9 places)"
    assert chart_rows(events, "place", every_row=True).others is None


def test_every_row_is_kept_in_the_address() -> None:
    view = View(FilterState(every_row=True))
    assert view_to_query(view) == {"rows": "all"}
    read, notices = view_from_query({"rows": "all"}, known={}, event_ids=[])
    assert read == view and notices == []
    read, notices = view_from_query({"rows": "some"}, known={}, event_ids=[])
    assert read == View() and notices == [
        "ignored rows 'some' in the address; use rows=all for a row per actor, or leave it out"]


def test_export_all_rows_flag(tmp_path: Path) -> None:
    def rows_of(*flags: str) -> list[str]:
        out = tmp_path / "t.html"
        assert main(["export", BUNDLED, "-o", str(out), *flags]) == 0
        text = out.read_text(encoding="utf-8")
        return re.search(r'"categoryarray":\[([^\]]*)\]', text).group(1).split('","')

    assert rows_of()[-1].startswith("Others (26 actors)")
    assert len(rows_of("--all-rows")) == 36

"""The view in the address: written back exactly, read back safely."""

from __future__ import annotations

from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from timeline.view.filters import FilterState
from timeline.view.urlstate import View, view_from_query, view_to_query

KNOWN = {"actors": ("Ali Khamenei", "Ali al-Sistani"), "categories": ("statement", "visit"),
         "places": ("Najaf",), "tags": ("militias",)}
IDS = ["khamenei-imam-hassan-tweet"]


def read(query: dict[str, object]) -> tuple[View, list[str]]:
    return view_from_query(query, known=KNOWN, event_ids=IDS)  # type: ignore[arg-type]


def test_default_view_has_an_empty_address() -> None:
    assert view_to_query(View()) == {}


def test_full_view_round_trips() -> None:
    view = View(FilterState(start=date(2020, 9, 1), end=date(2020, 9, 30), actors=("Ali Khamenei",),
                            categories=("statement",), places=("Najaf",), tags=("militias",), search="Imam",
                            lanes="category"), selected="khamenei-imam-hassan-tweet")
    query = view_to_query(view)
    assert query["actor"] == ["Ali Khamenei"] and query["from"] == "2020-09-01" and query["lanes"] == "category"
    assert read(query) == (view, [])


def test_single_values_come_as_text_repeated_as_lists() -> None:
    view, notices = read({"actor": "Ali Khamenei", "tag": ["militias", "militias"]})
    assert view.filters.actors == ("Ali Khamenei",) and view.filters.tags == ("militias",) and not notices


def test_bad_values_are_ignored_with_notices() -> None:
    view, notices = read({"from": "notadate", "actor": ["Nobody", "Ali Khamenei"], "lanes": "colour",
                          "event": "missing", "zoom": "3"})
    assert view.filters == FilterState(actors=("Ali Khamenei",))
    assert view.selected is None
    assert notices == [
        "ignored 'from=notadate' in the address: not a date like 2020-09-13",
        "ignored actor 'Nobody' in the address: not in the data",
        "ignored lanes 'colour' in the address; use one of: actor, group, category, place, none",
        "ignored event 'missing' in the address: no event has that id",
        "ignored 'zoom' in the address: not a filter this page knows",
    ]


def test_reversed_window_and_huge_values_are_ignored() -> None:
    view, notices = read({"from": "2020-09-30", "to": "2020-09-01", "q": "x" * 5000, "actor": ["a"] * 500})
    assert view == View()
    assert len(notices) == 3


@settings(max_examples=200, deadline=None)
@given(st.dictionaries(st.text(max_size=12), st.one_of(st.text(max_size=50), st.lists(st.text(max_size=30), max_size=5)),
                       max_size=6))
def test_any_query_reads_without_crashing_and_keeps_only_known_values(query: dict[str, object]) -> None:
    view, _ = read(query)
    assert set(view.filters.actors) <= set(KNOWN["actors"])
    assert view.filters.lanes in ("actor", "category", "place", "none")
    assert view.selected in (None, *IDS)

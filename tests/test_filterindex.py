"""The prepared filter index answers exactly as filter_events: same events, same order."""

from __future__ import annotations

import pickle
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from timeline import load_timeline
from timeline.view.filterindex import FilterIndex
from timeline.view.filters import FilterState, filter_events
from timeline.model import CATEGORIES, DateValue, Event, Precision, Source

SEPTEMBER = DateValue(date(2020, 9, 1), date(2020, 9, 30), Precision.MONTH)
ACTORS = ("Kadhimi", "Sadr", "Sīstānī", "sistani", "Iran")
PLACES = ("Baghdad", "Najaf", "Tehran")
TAGS = ("militias", "oil", "us-iran")
WORDS = ("Sīstānī", "SISTANI", "ceasefire", "Cease", "ﬁre", "café", "cafe\u0301", "the", "Ⅻ", "")


def day(d: int, month: int = 9) -> DateValue:
    return DateValue(date(2020, month, d), date(2020, month, d), Precision.DAY)


def event(id: str, value: DateValue, *, title: str | None = None, category: str = "statement",
          actors: tuple[str, ...] = ("Kadhimi",), places: tuple[str, ...] = ("Baghdad",),
          tags: tuple[str, ...] = (), summary: str | None = None,
          quote: str | None = None) -> Event:
    return Event(id=id, title=title or f"Event {id}", date=value, date_text=f"as written {id}",
                 category=category, sources=(Source("Al-Monitor"),), actors=actors, places=places,
                 tags=tags, summary=summary, quote=quote)


def ids(events: tuple[Event, ...], state: FilterState) -> list[str]:
    return [e.id for e in FilterIndex(events).select(state)]


@st.composite
def date_values(draw: st.DrawFn) -> DateValue:
    start = draw(st.dates(date(2020, 8, 1), date(2020, 10, 31)))
    end = date.fromordinal(start.toordinal() + draw(st.integers(0, 40)))
    return DateValue(start, end, draw(st.sampled_from(Precision)))


def some(values: tuple[str, ...]) -> st.SearchStrategy[tuple[str, ...]]:
    return st.lists(st.sampled_from(values), max_size=3).map(tuple)


texts = st.lists(st.sampled_from(WORDS), max_size=4).map(" ".join)
event_lists = st.lists(
    st.builds(event, id=st.uuids().map(str), value=date_values(), title=texts,
              category=st.sampled_from(tuple(CATEGORIES)), actors=some(ACTORS), places=some(PLACES),
              tags=some(TAGS), summary=st.none() | texts, quote=st.none() | texts),
    max_size=12,
)
states = st.builds(
    FilterState,
    start=st.none() | st.dates(date(2020, 7, 20), date(2020, 11, 10)),
    end=st.none() | st.dates(date(2020, 7, 20), date(2020, 11, 10)),  # may come before start
    actors=some(ACTORS + ("Nobody",)),
    categories=some(tuple(CATEGORIES)[:4] + ("no-such-category",)),
    places=some(PLACES + ("Atlantis",)),
    tags=some(TAGS + ("unknown-tag",)),
    search=st.sampled_from(WORDS + ("  ", " cease ", "é", "Sistani asks")) | st.text(max_size=3),
)


@settings(max_examples=300, deadline=None)
@given(event_lists, states)
def test_the_index_selects_exactly_what_filter_events_selects(events: list[Event],
                                                              state: FilterState) -> None:
    assert FilterIndex(events).select(state) == filter_events(events, state)


def test_the_index_agrees_with_filter_events_on_the_sample_store() -> None:
    events = load_timeline("data/events.yaml").events
    index = FilterIndex(events)
    for state in (FilterState(), FilterState(actors=("Ali Khamenei", "Ali al-Sistani")),
                  FilterState(start=date(2020, 9, 14), end=date(2020, 9, 15)),
                  FilterState(search="SĪSTANI asks"), FilterState(search="battlefield alone"),
                  FilterState(categories=("visit",), places=("Tehran",)),
                  FilterState(tags=("us-embassy",), categories=("visit",))):
        assert index.select(state) == filter_events(events, state), state


MONTH_EVENTS = (event("month", SEPTEMBER), event("13th", day(13)), event("20th", day(20)))


@pytest.mark.parametrize(("start", "end", "expected"), [
    (date(2020, 9, 14), date(2020, 9, 15), ["month"]),  # inside the month, between the days
    (date(2020, 8, 1), date(2020, 9, 1), ["month"]),  # the month's first day touches the end
    (date(2020, 9, 30), None, ["month"]),  # the month's last day touches the start
    (date(2020, 9, 13), date(2020, 9, 13), ["month", "13th"]),  # a one-day window
    (None, date(2020, 8, 31), []),  # the day before the month
    (date(2020, 10, 1), None, []),  # the day after the month
    (date(2020, 9, 25), date(2020, 9, 5), ["month"]),  # a reversed window: only what spans it
])
def test_a_month_precise_event_shows_in_any_window_that_touches_its_month(
        start: date | None, end: date | None, expected: list[str]) -> None:
    state = FilterState(start=start, end=end)
    assert ids(MONTH_EVENTS, state) == expected
    assert FilterIndex(MONTH_EVENTS).select(state) == filter_events(MONTH_EVENTS, state)


ACCENTED = (event("sistani", day(13), title="Sīstānī calls for state control of arms"),
            event("cafe", day(14), summary="Talks at a café in Najaf"),
            event("other", day(15), quote="Nothing about him"))


@pytest.mark.parametrize(("search", "expected"), [
    ("sīstānī", ["sistani"]),
    ("SISTANI", ["sistani"]),
    ("  Sistani calls  ", ["sistani"]),  # the search is stripped before it is folded
    ("cafe", ["cafe"]),
    ("cafe\u0301", ["cafe"]),  # a combining accent typed separately folds away too
    ("nothing ABOUT", ["other"]),  # the quote is searched
    ("   ", ["sistani", "cafe", "other"]),  # a blank search matches everything
    ("sistani cafe", []),
])
def test_search_is_case_and_accent_insensitive(search: str, expected: list[str]) -> None:
    assert ids(ACCENTED, FilterState(search=search)) == expected


@pytest.mark.parametrize("state", [FilterState(), FilterState(actors=("Kadhimi",)),
                                   FilterState(start=date(2020, 1, 1), search="x")])
def test_an_empty_store_selects_nothing(state: FilterState) -> None:
    assert FilterIndex(()).select(state) == ()
    assert len(FilterIndex(())) == 0


def test_an_unknown_actor_matches_nothing_but_does_not_hide_a_known_one() -> None:
    events = (event("a", day(1), actors=("Kadhimi",)), event("b", day(2), actors=("Sadr",)),
              event("c", day(3), actors=()))
    assert ids(events, FilterState(actors=("Nobody",))) == []
    assert ids(events, FilterState(actors=("Nobody", "Sadr"))) == ["b"]
    assert ids(events, FilterState(categories=("no-such-category",))) == []


def test_events_keep_the_order_they_were_given_in_not_date_order() -> None:
    events = (event("late", day(30)), event("early", day(1)), event("middle", day(15)))
    assert ids(events, FilterState(actors=("Kadhimi",))) == ["late", "early", "middle"]
    assert list(FilterIndex(events).positions(FilterState(end=date(2020, 9, 15)))) == [1, 2]


def test_the_index_survives_a_pickle_round_trip_for_caching() -> None:
    index = pickle.loads(pickle.dumps(FilterIndex(ACCENTED)))
    assert [e.id for e in index.select(FilterState(search="Sistani"))] == ["sistani"]

"""Round trips: events written back as YAML load as the same events (Hypothesis)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from timeline import load_timeline, parse_date
from timeline.model import CATEGORIES, Event, Source
from timeline.store.serialize import store_yaml

MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December"]
DEFAULT = Source(outlet="Al-Monitor", title="Iraq steps up pressure on outlawed militias", published=date(2020, 9, 28))

days = st.dates(min_value=date(1900, 1, 1), max_value=date(2030, 12, 31))
date_texts = st.one_of(
    days.map(date.isoformat),
    days.map(lambda d: f"{d.day} {MONTHS[d.month - 1]} {d.year}"),
    days.map(lambda d: f"{MONTHS[d.month - 1]} {d.year}"),
    days.map(lambda d: f"late {MONTHS[d.month - 1]} {d.year}"),
    days.map(lambda d: str(d.year)),
)
words = st.text(alphabet=st.characters(codec="utf-8", categories=("L", "N", "Zs", "P")), min_size=1, max_size=30)
names = words.map(str.strip).filter(bool)


@st.composite
def events(draw: st.DrawFn, index: int) -> Event:
    text = draw(date_texts)
    value = parse_date(text, reference=DEFAULT.published)
    own_source = draw(st.booleans())
    # A source is published on or after the day its event ends: an event past its sources is
    # refused or cut (tests/test_source_bounds.py), and this test is about writing and reading.
    default = DEFAULT if value.end <= DEFAULT.published else Source(outlet=DEFAULT.outlet, title=DEFAULT.title)
    return Event(
        id=f"event-{index}",
        title=draw(names),
        date=value,
        date_text=text,
        category=draw(st.sampled_from(sorted(CATEGORIES))),
        sources=(Source(outlet=draw(names), url="https://example.org/a?b=1", published=max(draw(days), value.end)),)
        if own_source else (default,),
        actors=tuple(draw(st.lists(names, max_size=3, unique=True))),
        places=tuple(draw(st.lists(names, max_size=2, unique=True))),
        tags=tuple(draw(st.lists(names, max_size=2, unique=True))),
        summary=draw(st.none() | names),
        quote=draw(st.none() | names),
        importance=draw(st.none() | st.integers(1, 5)),
    )


event_lists = st.integers(1, 6).flatmap(lambda n: st.tuples(*(events(i) for i in range(n))))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(event_lists)
def test_load_of_dump_gives_the_same_events(tmp_path_factory, written: tuple[Event, ...]) -> None:
    path = tmp_path_factory.mktemp("store") / "events.yaml"
    path.write_text(store_yaml(written, default_source=DEFAULT, header="generated"), encoding="utf-8")
    loaded = load_timeline(path).events
    strip = lambda e: replace(e, line=None, source_file=None)  # noqa: E731
    assert sorted(map(strip, loaded), key=lambda e: e.id) == sorted(written, key=lambda e: e.id)


@settings(max_examples=60, deadline=None)
@given(date_texts)
def test_every_date_covers_its_text_and_never_today(text: str) -> None:
    value = parse_date(text)
    assert value.start <= value.end
    assert str(value.start.year) in text or value.start.isoformat() in text


def test_bundled_data_round_trips(tmp_path: Path) -> None:
    timeline = load_timeline(Path(__file__).resolve().parent.parent / "data/events.yaml")
    default = next(s for e in timeline.events for s in e.sources if s.outlet == "Al-Monitor")
    path = tmp_path / "events.yaml"
    path.write_text(store_yaml(timeline.events, eras=timeline.eras, default_source=default, actors=timeline.actors,
                               places=timeline.places, categories=timeline.categories), encoding="utf-8")
    again = load_timeline(path)
    strip = lambda e: replace(e, line=None, source_file=None)  # noqa: E731
    assert list(map(strip, again.events)) == list(map(strip, timeline.events))
    assert again.eras == timeline.eras
    assert (again.actors, again.places) == (timeline.actors, timeline.places)

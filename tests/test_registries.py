"""The store's registries and an event's measured facts (issue 14, part 1): actors with groups
and aliases, places with coordinates, a store's own categories, fatalities, roles, media, fields."""

from __future__ import annotations

import socket
from datetime import date
from pathlib import Path

import pytest

from timeline.errors import ValidationError
from timeline.model import ActorRole, Fatalities, Media
from timeline.store.loading import load_timeline, store_report
from timeline.store.serialize import store_yaml

STORE = """\
defaults:
  source: {outlet: ACLED}
categories:
  - {id: protests, label: Protests, description: A public demonstration, color: '#0072B2'}
  - {id: battles, label: Battles}
actors:
  - name: Ali Khamenei
    group: Iran
    country: Iran
    aliases: [Khamenei, Supreme Leader]
    native: علي خامنئي
  - {name: Kataib Hezbollah, group: Militias, country: Iraq}
places:
  - {name: Baghdad, lat: 33.3406, lon: 44.4009, country: Iraq, admin: [Baghdad Governorate], aliases: [Bagdad]}
events:
  - id: one
    title: A protest
    date: 28 September 2020
    category: protests
    actors: [Khamenei, {name: Kataib Hezbollah, side: b, role: target}]
    places: [Bagdad]
    fatalities: {low: 1, best: 3, high: 5}
    media: {url: 'https://example.org/a.jpg', caption: A photo, credit: AP}
    fields: {acled_id: IRQ1234, geo_precision: 1, recorded: 2020-09-30}
  - id: two
    title: A clash
    date: 29 September 2020
    category: battles
    fatalities: 2
"""


def write(tmp_path: Path, text: str, name: str = "store.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_registries_and_facts_are_read(tmp_path: Path) -> None:
    timeline = load_timeline(write(tmp_path, STORE), use_cache=False)
    one, two = timeline.events
    assert one.actors == ("Ali Khamenei", "Kataib Hezbollah")  # the alias is read as its canonical name
    assert one.places == ("Baghdad",)
    assert one.roles == (("Kataib Hezbollah", ActorRole(side="b", role="target")),)
    assert one.fatalities == Fatalities(best=3, low=1, high=5) and two.fatalities == Fatalities(best=2)
    assert one.media == Media("https://example.org/a.jpg", "A photo", "AP")
    assert one.fields == (("acled_id", "IRQ1234"), ("geo_precision", 1), ("recorded", date(2020, 9, 30)))
    assert timeline.actor("Ali Khamenei").native == "علي خامنئي"
    assert timeline.actor("Ali Khamenei").group == "Iran"
    assert (timeline.place("Baghdad").lat, timeline.place("Baghdad").admin) == (33.3406, ("Baghdad Governorate",))
    assert timeline.category_labels == {"protests": "Protests", "battles": "Battles"}


def test_an_alias_is_a_warning_that_names_the_canonical_form(tmp_path: Path) -> None:
    problems, warnings = store_report(write(tmp_path, STORE))
    assert problems == []
    texts = [str(w) for w in warnings]
    assert any(":20:14: warning: field 'actors': 'Khamenei' is an alias of the actor 'Ali Khamenei'" in t
               for t in texts), texts
    assert any("'Bagdad' is an alias of the place 'Baghdad'" in t for t in texts), texts


def test_a_store_with_its_own_categories_refuses_the_default_ones(tmp_path: Path) -> None:
    text = STORE.replace("category: battles", "category: attack")
    problems, _ = store_report(write(tmp_path, text))
    assert [p.message for p in problems] == ["unknown category 'attack'; use one of: protests, battles"]
    # ... and without a registry the default ten apply, as before.
    timeline = load_timeline("data/events.yaml", use_cache=False)
    assert "statement" in timeline.category_labels and timeline.categories == ()


def test_registries_may_live_in_a_file_of_their_own_in_a_folder_store(tmp_path: Path) -> None:
    head, events = STORE.split("events:\n")
    registry = head.split("categories:\n", 1)[1]
    write(tmp_path, "categories:\n" + registry, "0-registry.yaml")
    write(tmp_path, "defaults:\n  source: {outlet: ACLED}\nevents:\n" + events, "2020.yaml")
    timeline = load_timeline(tmp_path, use_cache=False)
    assert [e.category for e in timeline.events] == ["protests", "battles"]
    assert timeline.events[0].actors[0] == "Ali Khamenei"
    write(tmp_path, "actors:\n  - {name: Ali Khamenei}\n", "1-more.yaml")
    with pytest.raises(ValidationError, match="the actor 'Ali Khamenei' is also defined in"):
        load_timeline(tmp_path, use_cache=False)


@pytest.mark.parametrize(("change", "message"), [
    (("fatalities: 2", "fatalities: -2"), "fatalities must be a whole number (0 or more)"),
    (("fatalities: 2", "fatalities: {low: 5, best: 3}"), "fatalities must run low ≤ best ≤ high, not 5, 3, None"),
    (("fatalities: 2", "fatalities: {low: 1}"), "fatalities need 'best'"),
    (("side: b", "side: c"), "side must be 'a' or 'b'"),
    (("url: 'https://example.org/a.jpg'", "url: 'javascript:alert(1)'"), "is not an http(s) address"),
    (("geo_precision: 1", "Geo-Precision: 1"), "field name 'Geo-Precision' must be lower-case letters"),
    (("geo_precision: 1", "geo_precision: [1, 2]"), "field 'geo_precision' must be text, a number or a date"),
    (("aliases: [Bagdad]", "aliases: [Khamenei]"), None),  # a place alias may repeat an actor's
    (("{name: Kataib Hezbollah,", "{name: Khamenei,"), "'Khamenei' already names the actor 'Ali Khamenei'"),
    (("lat: 33.3406, lon: 44.4009", "lat: 95, lon: 44.4009"), "'lat' must be a number from -90 to 90"),
    (("lat: 33.3406, lon: 44.4009", "lat: 33.3406"), "give both 'lat' and 'lon', or neither"),
    (("color: '#0072B2'", "color: blue"), "'blue' is not a colour; write it as '#RRGGBB'"),
    (("{id: battles,", "{id: Battles,"), "'Battles' is not a valid category id"),
])
def test_bad_registry_entries_and_facts_are_located_and_explained(tmp_path: Path, change: tuple[str, str],
                                                                   message: str | None) -> None:
    assert change[0] in STORE
    problems, _ = store_report(write(tmp_path, STORE.replace(change[0], change[1], 1)))
    if message is None:
        assert problems == []
        return
    assert any(message in p.message for p in problems), [str(p) for p in problems]
    assert all(p.line for p in problems)


def test_a_place_without_coordinates_gets_the_gazetteers_offline(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def no_network(*args: object, **kwargs: object) -> None:
        raise AssertionError("the gazetteer asked the network")

    monkeypatch.setattr(socket.socket, "connect", no_network)
    text = STORE.replace("  - {name: Baghdad,", "  - {name: Karbala, country: Iraq}\n  - {name: Baghdad,")
    text = text.replace("places: [Bagdad]", "places: [Bagdad, Najaf, Nowhereville]")
    problems, warnings = store_report(write(tmp_path, text))
    assert problems == []
    texts = [w.message for w in warnings]
    assert ("place 'Karbala' has no coordinates, so maps cannot show it; the offline gazetteer (GeoNames) has "
            "Karbala, Iraq: add 'lat: 32.616' and 'lon: 44.0249' if that is the place") in texts
    assert any("place 'Najaf' is not in the store's 'places:' registry" in t and "Najaf, Iraq" in t for t in texts)
    assert any("place 'Nowhereville' is not in the store's 'places:' registry" in t and "gazetteer" not in t
               for t in texts)


def test_registries_and_facts_are_written_back_and_read_again_the_same(tmp_path: Path) -> None:
    timeline = load_timeline(write(tmp_path, STORE), use_cache=False)
    text = store_yaml(timeline.events, actors=timeline.actors, places=timeline.places,
                      categories=timeline.categories, default_source=timeline.events[0].sources[0])
    again = load_timeline(write(tmp_path, text, "again.yaml"), use_cache=False)
    fields = ("id", "actors", "places", "roles", "fatalities", "media", "fields", "category", "date")
    assert [[getattr(e, f) for f in fields] for e in again.events] == [[getattr(e, f) for f in fields]
                                                                       for e in timeline.events]
    assert (again.actors, again.places, again.categories) == (timeline.actors, timeline.places, timeline.categories)
    assert "{name: Kataib Hezbollah, side: b, role: target}" in text or "side: b" in text


def test_dump_carries_the_facts(tmp_path: Path) -> None:
    import json
    import subprocess
    import sys

    result = subprocess.run([sys.executable, "-m", "timeline", "dump", str(write(tmp_path, STORE))],
                            capture_output=True, text=True, check=True)
    first = json.loads(result.stdout)[0]
    assert first["fatalities"] == {"low": 1, "best": 3, "high": 5}
    assert first["roles"] == {"Kataib Hezbollah": {"side": "b", "role": "target"}}
    assert first["fields"]["recorded"] == "2020-09-30"


def test_the_card_lines_name_groups_parts_coordinates_counts_media_and_data(tmp_path: Path) -> None:
    from timeline.view.display import fact_lines

    timeline = load_timeline(write(tmp_path, STORE), use_cache=False)
    lines = [line.replace("\\", "") for line in fact_lines(timeline.events[0], timeline)]
    assert lines == [
        "**Actors:** Ali Khamenei (\u2068علي خامنئي\u2069) [Iran]; Kataib Hezbollah [Militias, side b, target]",
        "**Places:** Baghdad (33.3406° N, 44.4009° E; Baghdad Governorate; Iraq)",
        "**Fatalities:** 3 (low 1, high 5)",
        "**Media:** [A photo](<https://example.org/a.jpg>) (AP)",
        "**Data:** acled_id: IRQ1234 · geo_precision: 1 · recorded: 2020-09-30",
    ]


def test_search_lanes_and_colours_use_the_registry(tmp_path: Path) -> None:
    from timeline.chart.figure import FigureOptions, build_figure
    from timeline.chart.palette import actor_groups, store_colours, store_options
    from timeline.view.filters import FilterState, filter_events

    timeline = load_timeline(write(tmp_path, STORE), use_cache=False)
    assert [e.id for e in filter_events(timeline.events, FilterState(search="supreme leader"))] == ["one"]
    assert [e.id for e in filter_events(timeline.events, FilterState(groups=("Militias",)))] == ["one"]
    figure = build_figure(timeline.events, FigureOptions(lanes="group", colour_by="group",
                                                         colours=store_colours(timeline),
                                                         actor_groups=actor_groups(timeline)))
    assert list(figure.layout.yaxis.categoryarray) == ["Iran", "Militias", "(no group)"]
    keys = {t.name: t.marker.color for t in figure.data if t.showlegend is not False and t.name}
    assert keys == {"Iran": "#0072B2", "Militias": "#56B4E9", "(no group)": "#999999"}
    by_category = build_figure(timeline.events, FigureOptions(**store_options(timeline)))
    assert {t.name: t.marker.color for t in by_category.data if t.showlegend is not False and t.name} == {
        "Protests": "#0072B2", "Battles": "#56B4E9"}


def test_adding_and_formatting_use_the_stores_own_vocabulary(tmp_path: Path) -> None:
    from timeline.edit.events import add_event
    from timeline.edit.fmt import format_text

    path = write(tmp_path, STORE)
    new_id = add_event(path, {"title": "Another clash", "date": "30 September 2020", "category": "battles",
                              "actors": ["Supreme Leader"]})
    added = next(e for e in load_timeline(path, use_cache=False).events if e.id == new_id)
    assert (added.category, added.actors) == ("battles", ("Ali Khamenei",))
    with pytest.raises(ValidationError, match="unknown category 'attack'; use one of: protests, battles"):
        add_event(path, {"title": "Wrong", "date": "30 September 2020", "category": "attack"})
    text = path.read_text(encoding="utf-8")
    assert format_text(text, str(path), sort_by_date=True).count("category: battles") == 2


def test_the_editor_offers_the_stores_own_categories(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from streamlit.testing.v1 import AppTest

    monkeypatch.setenv("TIMELINE_DATA", str(write(tmp_path, STORE)))
    monkeypatch.setenv("TIMELINE_EDITOR", "1")
    at = AppTest.from_file(str(Path(__file__).resolve().parent.parent / "app.py"), default_timeout=60).run()
    at.switch_page("app_pages/editor.py").run()
    assert not at.exception
    assert at.selectbox(key="ed_category").options == ["Protests", "Battles"]


def test_a_time_of_day_stays_text_and_is_never_read_in_base_60(tmp_path: Path) -> None:
    text = STORE.replace("recorded: 2020-09-30}", "recorded: 2020-09-30, time: 14:30}")
    fields = dict(load_timeline(write(tmp_path, text), use_cache=False).events[0].fields)
    assert fields["time"] == "14:30"  # YAML 1.1 alone would make it 870


def test_stories_are_read_and_their_steps_must_name_events(tmp_path: Path) -> None:
    from timeline.model import Story, StoryStep

    story = ("stories:\n  - id: the-day\n    title: The day\n    intro: How it went.\n    steps:\n"
             "      - one\n      - {event: two, narration: Then the clash.}\n")
    timeline = load_timeline(write(tmp_path, story + STORE), use_cache=False)
    assert timeline.stories == (Story("the-day", "The day", (StoryStep("one"), StoryStep("two", "Then the clash.")),
                                      "How it went."),)
    problems, _ = store_report(write(tmp_path, story.replace("      - one\n", "      - once\n") + STORE))
    assert [str(p) for p in problems] == [f"{tmp_path / 'store.yaml'}:6:9: field 'steps': story 'the-day' names "
                                          "event 'once', which is not in this store (did you mean 'one'?); fix the "
                                          "id or remove the step"]

"""The map figure: one mark per place, sized by its events, coloured by category or group, hover
escaped, the open event's places ringed, the region framed, and the places it cannot show named."""

from __future__ import annotations

import json
import math
from datetime import date
from itertools import combinations

import plotly.io as pio
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from timeline.chart.mapfigure import (MapOptions, build_map, label_box, label_positions, mark_centres, mark_sizes,
                                      region)
from timeline.chart.mapplaces import tally_places
from timeline.chart.palette import CATEGORY_COLORS, store_options
from timeline.model import DateValue, Event, Place, Precision, Source
from timeline.store.loading import load_timeline

REGISTRY = (Place("Baghdad", 33.3406, 44.4009, "Iraq", ("Baghdad Governorate",)),
            Place("Najaf", 32.0259, 44.3462, "Iraq"), Place("Tehran", 35.6944, 51.4215, "Iran"),
            Place("Nowhere Town"))


def event(id: str, *places: str, category: str = "statement", title: str | None = None, day: int = 1,
          groups: tuple[str, ...] = ()) -> Event:
    value = DateValue(date(2020, 9, day), date(2020, 9, day), Precision.DAY)
    return Event(id=id, title=title or f"Event {id}", date=value, date_text=f"{day} September 2020",
                 category=category, sources=(Source("Al-Monitor"),), places=places, groups=groups)


def data(fig) -> dict:
    return json.loads(pio.to_json(fig))


def places_trace(fig) -> dict:
    return next(t for t in data(fig)["data"] if t.get("name") == "places")


def by_place(fig, key: str) -> dict[str, object]:
    trace = places_trace(fig)
    value = trace["marker"][key] if key in ("size", "color") else trace[key]
    return {row[0]: v for row, v in zip(trace["customdata"], value)}


def test_one_mark_per_place_and_an_event_counts_at_each_of_its_places() -> None:
    events = [event("a", "Baghdad"), event("b", "Baghdad", "Tehran"), event("c", "Najaf"), event("d")]
    fig = build_map(events, REGISTRY)
    assert sorted(by_place(fig, "customdata")) == ["Baghdad", "Najaf", "Tehran"]
    tally = tally_places(events, REGISTRY)
    assert {m.name: [e.id for e in m.events] for m in tally.mapped} == {
        "Baghdad": ["a", "b"], "Tehran": ["b"], "Najaf": ["c"]}
    assert tally.unplaced == 1


def test_the_bundled_places_are_all_drawn() -> None:
    timeline = load_timeline("data/events.yaml")
    sizes = by_place(build_map(timeline.events, timeline.places), "size")
    assert set(sizes) == {"Baghdad", "Najaf", "Tehran", "Washington"}
    assert max(sizes, key=sizes.get) == "Baghdad"


def test_mark_area_follows_the_number_of_events_with_a_minimum() -> None:
    events = [event(f"b{i}", "Baghdad") for i in range(16)] + [event(f"t{i}", "Tehran") for i in range(4)]
    events.append(event("n", "Najaf"))
    sizes = by_place(build_map(events, REGISTRY), "size")
    assert sizes["Baghdad"] > sizes["Tehran"] > sizes["Najaf"]
    assert sizes["Tehran"] ** 2 / sizes["Baghdad"] ** 2 == pytest.approx(4 / 16, rel=0.02)  # area, not width
    assert sizes["Najaf"] == pytest.approx(sizes["Baghdad"] / 4, abs=0.1)
    crowded = tally_places([*(event(f"b{i}", "Baghdad") for i in range(100)), event("n", "Najaf")], REGISTRY).mapped
    assert mark_sizes(crowded)["Najaf"] == 10  # 1/100 of the area would be a 4.6 px speck: the minimum holds
    assert max(mark_sizes(tally_places(events, REGISTRY).mapped, compact=True).values()) < sizes["Baghdad"]


def test_hover_lists_the_events_escaped_and_says_how_many_more() -> None:
    events = [event("x", "Baghdad", title="<img src=x onerror=alert(1)> & co", day=2)]
    events += [event(f"e{i}", "Baghdad", category="attack", day=3 + i) for i in range(11)]
    hover = by_place(build_map(events, REGISTRY), "hovertext")["Baghdad"]
    assert "&lt;img src=x onerror=alert(1)&gt; &amp; co" in hover and "<img" not in hover
    assert hover.startswith("<b>Baghdad</b> · Iraq, Baghdad Governorate<br>12 events: attack 11, statement 1")
    assert "2 September 2020 · " in hover and "… and 2 more: click the place for the list" in hover


def test_a_place_takes_the_colour_of_the_category_most_of_its_events_have() -> None:
    events = [event("a", "Baghdad", category="attack"), event("b", "Baghdad", category="attack"),
              event("c", "Baghdad", category="protest"), event("d", "Tehran", category="protest"),
              event("e", "Tehran", category="meeting")]
    fig = build_map(events, REGISTRY)
    colours = by_place(fig, "color")
    assert colours["Baghdad"] == CATEGORY_COLORS["attack"]
    # A tie goes to the vocabulary's order, never to the filter: Tehran is 'meeting' either way.
    assert colours["Tehran"] == CATEGORY_COLORS["meeting"]
    assert by_place(build_map(events[3:], REGISTRY), "color")["Tehran"] == CATEGORY_COLORS["meeting"]
    legend = [t["name"] for t in data(fig)["data"] if t.get("name") not in ("places", "selected")]
    assert legend == ["meeting", "attack"]


def test_colour_by_group_uses_the_stores_group_colours() -> None:
    timeline = load_timeline("data/events.yaml")
    look = store_options(timeline)
    fig = build_map(timeline.events, timeline.places, MapOptions(colour_by="group", **look))
    tally = tally_places(timeline.events, timeline.places, colour_by="group", key_order=[k for k, _ in look["colours"]])
    colours = dict(look["colours"])
    assert by_place(fig, "color") == {m.name: colours[m.colour_key] for m in tally.mapped}
    assert {m.name: m.colour_key for m in tally.mapped}["Tehran"] == "Iran"
    assert "actor group most of them have" in data(fig)["layout"]["annotations"][0]["text"]


def test_the_open_events_places_are_ringed() -> None:
    events = [event("a", "Baghdad"), event("b", "Baghdad", "Tehran"), event("c", "Najaf")]
    ring = [t for t in data(build_map(events, REGISTRY, MapOptions(selected_id="b")))["data"] if t["name"] == "selected"]
    assert len(ring) == 1 and sorted(ring[0]["lat"]) == [33.3406, 35.6944]
    assert ring[0]["marker"]["symbol"] == "circle-open" and ring[0]["hoverinfo"] == "skip"
    for chosen in (None, "not-shown"):
        names = [t["name"] for t in data(build_map(events, REGISTRY, MapOptions(selected_id=chosen)))["data"]]
        assert "selected" not in names


def test_places_the_map_cannot_show_are_named_with_the_fix() -> None:
    events = [event("a", "Nowhere Town"), event("b", "Najaf"), event("c", "Najaf"), event("d", "Karbala"),
              event("e", "Atlantis Harbour")]
    registry = REGISTRY[:1] + (Place("Najaf"),) + REGISTRY[3:]
    tally = tally_places(events, registry)
    assert tally.mapped == ()
    assert [(u.name, len(u.events), u.in_registry) for u in tally.unmapped] == [
        ("Najaf", 2, True), ("Atlantis Harbour", 1, False), ("Karbala", 1, False), ("Nowhere Town", 1, True)]
    najaf, atlantis, karbala = (u.fix() for u in tally.unmapped[:3])
    assert najaf.startswith("has no coordinates in the store's 'places:' registry; add 'lat:' and 'lon:'")
    assert "(the offline gazetteer has Najaf, Iraq: lat: 32.0" in najaf
    assert atlantis == "is not in the store's 'places:' registry; add it there with 'lat:' and 'lon:'"
    assert "the offline gazetteer has Karbala, Iraq" in karbala
    empty = data(build_map(events, registry))
    assert [a["text"] for a in empty["layout"]["annotations"]] == ["No shown event has a place with coordinates"]


def _y(lat: float) -> float:
    return math.log(math.tan(math.pi / 4 + math.radians(lat) / 2))


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.floats(-170, 170), st.floats(-70, 70)), min_size=1, max_size=8),
       st.integers(300, 1600), st.integers(200, 900))
def test_the_region_holds_every_place_in_the_plots_shape(points: list[tuple[float, float]], width: int,
                                                          height: int) -> None:
    (lon0, lon1), (lat0, lat1) = region(points, width, height)
    assert all(lon0 <= lon <= lon1 and lat0 <= lat <= lat1 for lon, lat in points)
    shape = math.radians(lon1 - lon0) / (_y(lat1) - _y(lat0))
    if lon1 - lon0 < 359.9 and _y(lat1) - _y(lat0) < 2 * _y(80) - 1e-6:  # not clamped to the whole world
        assert shape == pytest.approx(width / height, rel=0.01)


def test_a_single_place_shows_its_surroundings() -> None:
    (lon0, lon1), (lat0, lat1) = region([(51.42, 35.69)], 760, 450)
    assert lon1 - lon0 >= 20 and lon0 < 51.42 - 8 and lon1 > 51.42 + 8 and lat0 < 35.69 < lat1


def test_labels_never_cover_each_other_or_a_marks_middle_and_stay_in_the_plot() -> None:
    names = ["Baghdad", "Najaf", "Karbala", "Hillah", "Kufa", "Samarra", "Tikrit", "Fallujah", "Ramadi", "Kirkuk"]
    registry = [Place(n, 32 + i * 0.25, 44 + (i % 3) * 0.3) for i, n in enumerate(names)]
    events = [event(f"{n}{k}", n) for i, n in enumerate(names) for k in range(10 - i)]
    marks = tally_places(events, registry).mapped
    sizes = mark_sizes(marks)
    lon, lat = region([(p.lon, p.lat) for p in registry], 700, 450)
    sides = label_positions(marks, sizes, lon, lat, 700, 450, limit=20)
    assert sides[0] is not None and 3 <= len([s for s in sides if s]) < len(marks)  # the busiest named; some give way
    centres = mark_centres(marks, lon, lat, 700, 450)
    boxes = [label_box(c, sizes[m.name] / 2, m.name, s) for m, c, s in zip(marks, centres, sides) if s]
    assert all(0 <= b[0] and 0 <= b[1] and b[2] <= 700 and b[3] <= 450 for b in boxes)
    for a, b in combinations(boxes, 2):
        assert not (a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]), (a, b)
    for box in boxes:
        for (x, y), m in zip(centres, marks):
            assert not (box[0] < x < box[2] and box[1] < y < box[3]), f"a label hides {m.name}"
    # The figure names exactly the places given a side, and no more than the limit.
    fig = data(build_map(events, registry, MapOptions(plot_px=(700, 450))))
    trace = next(t for t in fig["data"] if t.get("name") == "places")
    assert {row[0]: text for row, text in zip(trace["customdata"], trace["text"])} == {
        m.name: m.name if s else "" for m, s in zip(marks, sides)}
    assert label_positions(marks, sizes, lon, lat, 700, 450, limit=2).count(None) == len(marks) - 2


def test_options_are_checked() -> None:
    with pytest.raises(ValueError, match="MapOptions.colour_by is 'actor'; use one of 'category', 'group'"):
        MapOptions(colour_by="actor")

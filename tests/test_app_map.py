"""The map page through AppTest: the sidebar's filters apply, a click on a place filters to it and
lists its events, an event there opens its card and rings its places, all in the address."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from tests.apptest import ROOT, click_chart, open_app
from timeline.chart.palette import CATEGORY_COLORS, store_colours
from timeline.store.loading import load_timeline



def map_page(**query: str) -> AppTest:
    return open_app(view="map", **query)


def figure(at: AppTest) -> dict:
    (chart,) = at.get("plotly_chart")
    return json.loads(chart.proto.spec)


def places_drawn(at: AppTest) -> dict[str, dict]:
    """Each place on the map: its size, colour and whether it is ringed."""
    data = figure(at)["data"]
    trace = next(t for t in data if t.get("name") == "places")
    ringed = {(lat, lon) for t in data if t.get("name") == "selected" for lat, lon in zip(t["lat"], t["lon"])}
    return {row[0]: {"size": size, "color": colour, "ringed": (lat, lon) in ringed}
            for row, size, colour, lat, lon in zip(trace["customdata"], trace["marker"]["size"],
                                                   trace["marker"]["color"], trace["lat"], trace["lon"])}


def click_place(at: AppTest, name: str) -> AppTest:
    """Click a place's mark as the browser does: the chart's selection comes back as its widget value."""
    return click_chart(at, [name])


def address(at: AppTest) -> dict[str, str | list[str]]:
    return {key: at.query_params[key] for key in at.query_params}


def test_the_map_shows_every_place_of_the_shown_events() -> None:
    at = map_page()
    assert not at.exception
    assert at.title[0].value == "Where it happened"
    assert at.caption[0].value.startswith("Showing 20 of 20 events at 4 places on the map")
    drawn = places_drawn(at)
    assert set(drawn) == {"Baghdad", "Najaf", "Tehran", "Washington"}
    assert drawn["Baghdad"]["size"] > drawn["Tehran"]["size"] > drawn["Najaf"]["size"]
    assert "4 of the shown events name no place." in [c.value for c in at.caption]
    assert address(at) == {"view": "map"}
    # plotly.js fetches the outlines from the app's own static files, never from its CDN.
    assert json.loads(at.get("plotly_chart")[0].proto.config)["topojsonURL"] == "/app/static/topojson/"
    assert at.get("plotly_chart")[0].proto.alt.startswith("Map of 20 events at 4 places, the busiest Baghdad (12)")


def test_the_sidebars_filters_and_colours_apply() -> None:
    at = map_page()
    at.multiselect(key="f_categories").select("visit").run()
    assert set(places_drawn(at)) == {"Baghdad", "Tehran"}
    assert address(at)["category"] == "visit"
    at.multiselect(key="f_categories").unselect("visit").run()
    at.date_input(key="f_dates").set_value((date(2020, 1, 3), date(2020, 1, 31))).run()
    assert set(places_drawn(at)) == {"Baghdad"}
    at.date_input(key="f_dates").set_value((date(2020, 1, 3), date(2020, 9, 28))).run()
    assert places_drawn(at)["Baghdad"]["color"] == CATEGORY_COLORS["statement"]
    at.radio(key="f_colour").set_value("group").run()
    groups = dict(store_colours(load_timeline(ROOT / "data/events.yaml")))
    assert places_drawn(at)["Baghdad"]["color"] == groups["Iraqi state"] != CATEGORY_COLORS["statement"]
    assert places_drawn(at)["Tehran"]["color"] == groups["Iran"]
    assert address(at)["colour"] == "group"


def test_a_click_on_a_place_filters_to_it_and_lists_its_events_which_open_their_cards() -> None:
    at = click_place(map_page(), "Tehran")
    assert not at.exception
    assert at.multiselect(key="f_places").value == ["Tehran"]
    assert set(places_drawn(at)) == {"Tehran"}
    assert [s.value for s in at.subheader] == ["Tehran: 3 events"]
    listed = [b for b in at.button if (b.key or "").startswith("event_at_")]
    assert [b.key.split("_", 3)[3] for b in listed] == [  # in date order
        "iran-urges-iraq-to-expel-us-forces", "khamenei-imam-hassan-tweet", "fuad-hussein-visits-tehran"]
    assert address(at) == {"view": "map", "place": "Tehran"}
    next(b for b in listed if b.key.endswith("fuad-hussein-visits-tehran")).click().run()
    assert "Foreign Minister Fuad Hussein visits Tehran" in [h.value for h in at.header]
    assert places_drawn(at)["Tehran"]["ringed"]
    assert address(at) == {"view": "map", "place": "Tehran", "event": "fuad-hussein-visits-tehran"}
    at.button(key="map_all_places").click().run()
    assert at.multiselect(key="f_places").value == [] and len(places_drawn(at)) == 4
    assert places_drawn(at)["Tehran"]["ringed"] and not places_drawn(at)["Baghdad"]["ringed"]


def test_an_address_with_a_place_and_an_event_opens_as_it_was_left() -> None:
    at = map_page(place="Baghdad", event="pompeo-warns-iraq-over-embassy")
    drawn = places_drawn(at)
    assert drawn["Baghdad"]["ringed"] and drawn["Washington"]["ringed"]  # its two places, Washington shown for it
    assert [s.value for s in at.subheader] == ["Baghdad: 12 events"]


def test_places_without_coordinates_are_listed_with_the_fix(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    store = tmp_path / "events.yaml"
    store.write_text("""places:
  - {name: Baghdad, lat: 33.3406, lon: 44.4009}
  - {name: Najaf}
events:
  - {id: a, title: In Baghdad, date: 13 September 2020, category: statement, places: [Baghdad], sources: [{outlet: X}]}
  - {id: b, title: In Najaf, date: 14 September 2020, category: statement, places: [Najaf], sources: [{outlet: X}]}
  - {id: c, title: In Karbala, date: 15 September 2020, category: statement, places: [Karbala], sources: [{outlet: X}]}
""", encoding="utf-8")
    monkeypatch.setenv("TIMELINE_DATA", str(store))
    at = map_page()
    assert set(places_drawn(at)) == {"Baghdad"}
    text = "\n".join(m.value for m in at.markdown).replace("\\", "")  # as read, without Markdown escapes
    (unmapped,) = [e for e in at.expander if e.label == "Not on the map: 2 places without coordinates"]
    assert unmapped.proto.expanded  # a few are shown open; many wait in the closed expander
    assert ("- **Najaf** (1 event): has no coordinates in the store's 'places:' registry; add 'lat:' and 'lon:' "
            "to its entry (the offline gazetteer has Najaf, Iraq: lat: 32.0") in text
    assert "- **Karbala** (1 event): is not in the store's 'places:' registry; add it there" in text
    assert f"`timeline validate {store}` lists the same, with each place's file and line." in [c.value for c in at.caption]

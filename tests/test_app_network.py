"""The network page through Streamlit's AppTest: the sidebar's filters choose its actors, a click
on an actor opens the timeline filtered to them, the table of partners, the limit past 300 actors."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from tests.apptest import ROOT, click_chart, open_app
from timeline.store.loading import load_timeline



def network_page(**query: str) -> AppTest:
    return open_app(view="network", **query)


def drawn_actors(at: AppTest) -> list[str]:
    spec = json.loads(at.get("plotly_chart")[0].proto.spec)
    return sorted(row[0] for trace in spec["data"] if trace.get("mode") == "markers" and trace.get("customdata")
                  for row in trace["customdata"])


def click_actor(at: AppTest, actor: str) -> AppTest:
    """Click a node as the browser reports it: a new value of the chart's selection, which runs the
    page's ``on_select`` callback. AppTest has no public way to send one (setting session state
    does not run callbacks), so this sends the widget state a browser would, by its private run."""
    return click_chart(at, [actor], curve_number=3)


def address(at: AppTest, key: str) -> list[str]:
    value = at.query_params.get(key)
    return [] if value is None else [value] if isinstance(value, str) else list(value)


def test_the_network_draws_every_actor_and_lists_them_in_a_table() -> None:
    at = network_page()
    assert not at.exception
    everyone = sorted({a for e in load_timeline(ROOT / "data/events.yaml").events for a in e.actors})
    assert drawn_actors(at) == everyone and len(everyone) == 36
    assert at.caption[0].value.startswith("36 actors in 20 of 20 events")
    table = at.dataframe[0].value
    assert list(table.columns) == ["Actor", "Group", "Events", "Partners", "Shared events", "Most often with"]
    assert len(table) == 36
    first = table.iloc[0].to_dict()
    assert first == {"Actor": "Government of Iraq", "Group": "Iraqi state", "Events": 4, "Partners": 9,
                     "Shared events": 9,
                     "Most often with": "Ali al-Sistani (1), Ammar al-Hakim (1), Armed Forces of Iran (1)"}
    assert len(at.number_input) == 0  # no limit to set at 36 actors
    assert address(at, "view") == ["network"]


def test_the_sidebar_filters_and_dates_choose_the_actors() -> None:
    at = network_page()
    at.date_input(key="f_dates").set_value((date(2020, 9, 1), date(2020, 9, 28))).run()
    september = drawn_actors(at)
    assert "Qasem Soleimani" not in september and "Mike Pompeo" in september
    assert at.caption[0].value.startswith(f"{len(september)} actors in 17 of 20 events")
    at.multiselect(key="f_categories").select("military").run()
    assert drawn_actors(at) == ["Popular Mobilization Units", "pro-Sistani PMU factions"]
    assert list(at.dataframe[0].value["Actor"]) == ["Popular Mobilization Units",
                                                                       "pro-Sistani PMU factions"]
    assert address(at, "category") == ["military"] and address(at, "view") == ["network"]
    at.multiselect(key="f_categories").set_value([]).run()
    at.text_input(key="f_search").input("no event says this").run()
    assert at.info[0].value.startswith("No actor appears in the events shown")


def test_clicking_an_actor_opens_the_timeline_filtered_to_them() -> None:
    at = network_page(**{"from": "2020-09-01"})
    click_actor(at, "Mike Pompeo")
    assert not at.exception
    assert at.title[0].value == "Who did what, when"  # the timeline page
    assert at.session_state["f_actors"] == ["Mike Pompeo"] and at.session_state["f_view"] == "timeline"
    assert at.caption[0].value.startswith("Showing 2 of 20 events")
    spec = json.loads(at.get("plotly_chart")[0].proto.spec)
    ids = {row[0] for trace in spec["data"] for row in (trace.get("customdata") or []) if row}
    assert ids == {"pompeo-warns-iraq-over-embassy", "kataib-hezbollah-slams-pompeo-warning"}
    assert address(at, "actor") == ["Mike Pompeo"] and address(at, "from") == ["2020-09-01"]
    assert address(at, "view") in ([], ["timeline"])


def test_past_300_actors_the_most_connected_are_drawn_with_a_note_and_a_control(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    lines = ["events:"]
    for i in range(320):
        lines += [f"  - id: e{i}", f"    title: Meeting {i}", "    date: 13 September 2020", "    category: meeting",
                  "    sources: [{outlet: Al-Monitor}]", f"    actors: [Hub, Actor {i:03}]"]
    store = tmp_path / "many.yaml"
    store.write_text("\n".join(lines) + "\n", encoding="utf-8")
    monkeypatch.setenv("TIMELINE_DATA", str(store))
    at = network_page()
    assert not at.exception
    assert len(drawn_actors(at)) == 300 and "Hub" in drawn_actors(at)
    assert any(c.value.startswith("ℹ️ Showing the 300 most connected of 321 actors") for c in at.caption)
    assert len(at.dataframe[0].value) == 321  # the table lists every actor
    at.number_input(key="network_limit").set_value(100).run()
    assert len(drawn_actors(at)) == 100

"""The page's logic through Streamlit's AppTest: every widget by key, the URL, the card, errors."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from tests.apptest import open_app

ROOT = Path(__file__).resolve().parent.parent


def page(**query: str | list[str]) -> AppTest:
    return open_app(**query)


def caption(at: AppTest) -> str:
    return at.caption[0].value


def chart_ids(at: AppTest) -> set[str]:
    spec = json.loads(at.get("plotly_chart")[0].proto.spec)
    return {row[0] for trace in spec["data"] for row in (trace.get("customdata") or []) if row}


def address(at: AppTest, key: str) -> list[str]:
    value = at.query_params.get(key)
    return [] if value is None else [value] if isinstance(value, str) else list(value)


def card_text(at: AppTest) -> str:
    texts = [m.value for m in at.markdown] + [s.value for s in at.header]
    return "\n".join(texts)


def test_page_shows_every_event_on_the_chart() -> None:
    at = page()
    assert not at.exception
    assert caption(at).startswith("Showing 20 of 20 events")
    assert len(chart_ids(at)) == 20
    assert "sistani-calls-for-state-control-of-arms" in chart_ids(at)


def test_actor_filter_changes_count_chart_table_and_address() -> None:
    at = page()
    at.multiselect(key="f_actors").select("Ali Khamenei").run()
    assert caption(at).startswith("Showing 1 of 20 events")
    assert chart_ids(at) == {"khamenei-imam-hassan-tweet"}
    assert list(at.dataframe[0].value["id"]) == ["khamenei-imam-hassan-tweet"]
    assert address(at, "actor") == ["Ali Khamenei"]


def test_search_category_place_tag_and_dates() -> None:
    at = page()
    at.text_input(key="f_search").input("betrayed").run()
    assert caption(at).startswith("Showing 1 of 20 events")
    at.text_input(key="f_search").input("").run()
    at.multiselect(key="f_categories").select("visit").run()
    visits = len(chart_ids(at))
    at.multiselect(key="f_places").select("Tehran").run()
    assert chart_ids(at) == {"fuad-hussein-visits-tehran"} and visits > 1
    at.multiselect(key="f_places").unselect("Tehran").run()
    at.multiselect(key="f_categories").unselect("visit").run()
    at.multiselect(key="f_tags").select("background").run()
    assert len(chart_ids(at)) == 3
    at.multiselect(key="f_tags").unselect("background").run()
    from datetime import date
    at.date_input(key="f_dates").set_value((date(2020, 9, 13), date(2020, 9, 13))).run()
    assert "sistani-calls-for-state-control-of-arms" in chart_ids(at)
    assert "soleimani-and-muhandis-killed" not in chart_ids(at)
    assert address(at, "from") == ["2020-09-13"] and address(at, "to") == ["2020-09-13"]


def test_lanes_selectbox_changes_the_rows() -> None:
    at = page()
    at.selectbox(key="f_lanes").select("category").run()
    layout = json.loads(at.get("plotly_chart")[0].proto.spec)["layout"]
    assert "statement" in layout["yaxis"]["categoryarray"]
    assert address(at, "lanes") == ["category"]


def test_reset_button_clears_every_filter() -> None:
    at = page(actor="Ali Khamenei", q="Imam")
    assert caption(at).startswith("Showing 1 of 20 events")
    at.button(key="reset").click().run()
    assert caption(at).startswith("Showing 20 of 20 events")
    assert "actor" not in at.query_params and "q" not in at.query_params


def test_shared_address_restores_the_view() -> None:
    at = page(actor=["Ali Khamenei", "Hassan Rouhani"], lanes="category")
    assert at.multiselect(key="f_actors").value == ["Ali Khamenei", "Hassan Rouhani"]
    assert at.selectbox(key="f_lanes").value == "category"
    assert caption(at).startswith("Showing 3 of 20 events")


def test_bad_address_values_give_a_notice_not_a_crash() -> None:
    at = page(**{"from": "notadate", "actor": "Nobody", "event": "<script>"})
    assert not at.exception
    notices = [i.value for i in at.info]
    assert any("ignored 'from=notadate'" in n for n in notices)
    assert any("ignored actor 'Nobody'" in n for n in notices)
    assert caption(at).startswith("Showing 20 of 20 events")


def test_clicking_a_mark_opens_the_detail_card_with_sources() -> None:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60).run()
    at.session_state["chart"] = {"selection": {"points": [{"customdata": ["khamenei-imam-hassan-tweet", "Ali Khamenei"]}],
                                               "point_indices": [0], "box": [], "lasso": []}}
    at.run()
    text = card_text(at)
    assert "Khamenei tweets about Imam Hassan avoiding military war" in text.replace("\\", "")
    assert "Sept\\. 25 → 25 September 2020" in text
    assert "Al\\-Monitor\\: Iraq steps up pressure on outlawed militias" in text
    assert address(at, "event") == ["khamenei-imam-hassan-tweet"]


def test_related_events_are_clickable() -> None:
    at = page(event="khazali-statement-on-us-embassy")
    at.button(key="related_sadr-proposes-investigation-committee").click().run()
    assert "Sadr proposes a committee" in card_text(at).replace("\\", "")
    assert address(at, "event") == ["sadr-proposes-investigation-committee"]


def test_event_picker_opens_a_card_too() -> None:
    at = page()
    at.selectbox(key="pick").select("sistani-calls-for-state-control-of-arms").run()
    assert "Sistani asks the government" in card_text(at).replace("\\", "")
    sources = [m.value for m in at.markdown if "Sources" in m.value][0]
    assert "](<" not in sources  # the default source has no URL: plain text, no empty link


def test_invalid_yaml_lists_every_problem(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    store = tmp_path / "events.yaml"
    shutil.copy(ROOT / "tests/data/invalid/wrong-types.yaml", store)
    monkeypatch.setenv("TIMELINE_DATA", str(store))
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60).run()
    assert not at.exception
    assert "has 4 problems" in at.error[0].value
    assert f"{store}:5:12: field 'title': must be text" in at.code[0].value


def test_last_good_data_stays_while_the_file_is_broken(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    store = tmp_path / "events.yaml"
    shutil.copy(ROOT / "data/events.yaml", store)
    monkeypatch.setenv("TIMELINE_DATA", str(store))
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60).run()
    assert caption(at).startswith("Showing 20 of 20 events")
    store.write_text(store.read_text(encoding="utf-8").replace("category: visit", "category: vist", 1),
                     encoding="utf-8")
    at.run()
    assert "unknown category 'vist'" in at.code[0].value
    assert "last valid version" in at.warning[0].value
    assert caption(at).startswith("Showing 20 of 20 events")


def test_saved_change_appears_on_next_rerun(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    store = tmp_path / "events.yaml"
    shutil.copy(ROOT / "data/events.yaml", store)
    monkeypatch.setenv("TIMELINE_DATA", str(store))
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60).run()
    text = store.read_text(encoding="utf-8")
    store.write_text(text.replace("en: Sistani asks the government to control the militias",
                                  "en: Sistani demands state control of arms"), encoding="utf-8")
    at.run()
    assert "Sistani demands state control of arms" in list(at.dataframe[0].value["title"])


def test_density_toggle_adds_the_histogram_strip() -> None:
    at = page()
    assert not any(t["type"] == "bar" for t in json.loads(at.get("plotly_chart")[0].proto.spec)["data"])
    at.toggle(key="density").set_value(True).run()
    assert any(t["type"] == "bar" for t in json.loads(at.get("plotly_chart")[0].proto.spec)["data"])


def test_export_buttons_are_there_and_say_what_to_install_without_a_browser(monkeypatch: pytest.MonkeyPatch) -> None:
    at = page()
    assert {b.key for b in at.get("download_button")} >= {"download_png", "download_svg", "download_pdf",
                                                          "download_html", "download_csv", "download_json"}
    monkeypatch.setenv("BROWSER_PATH", "/nonexistent/chromium")
    at = page()
    assert any("apt-get install -y chromium" in w.value for w in at.warning)
    buttons = {b.key: b for b in at.get("download_button")}
    assert buttons["download_png"].proto.disabled and not buttons["download_csv"].proto.disabled


def test_page_shows_no_stray_text_from_module_strings() -> None:
    # Streamlit's "magic" writes any bare string at the top level of app.py onto the page.
    at = page()
    assert not [m.value for m in at.markdown if "lists at most" in m.value or m.value.startswith("The ")]


def test_the_card_steps_to_the_previous_and_next_event_in_time() -> None:
    at = page(event="khamenei-imam-hassan-tweet", **{"from": "2020-09-01"})
    assert "Event 12 of 17 shown, in time order" in [c.value for c in at.caption]
    at.button(key="card_next").click().run()
    assert address(at, "event") == ["sadr-proposes-investigation-committee"]  # the same day, then by id
    assert at.header[0].value.replace("\\", "") == "Sadr proposes a committee to investigate attacks on diplomatic missions"
    at.button(key="card_prev").click().run()
    assert address(at, "event") == ["khamenei-imam-hassan-tweet"]


def test_the_first_event_shown_has_no_earlier_one() -> None:
    at = page(event="soleimani-and-muhandis-killed")
    assert at.button(key="card_prev").disabled and not at.button(key="card_next").disabled
    assert "Event 1 of 20 shown, in time order" in [c.value for c in at.caption]


def test_a_store_reaching_before_the_common_era_filters_by_years(monkeypatch: pytest.MonkeyPatch) -> None:
    """A browser's date picker stops at year 1: such a store gets a slider of years, kept in the
    address in ISO 8601's expanded years."""
    monkeypatch.setenv("TIMELINE_DATA", str(ROOT / "tests" / "data" / "valid" / "mesopotamia.yaml"))
    at = page()
    assert not at.exception
    assert caption(at).startswith("Showing 13 of 13 events")
    years = at.select_slider(key="f_years")
    assert years.value == (-1791, 1258)
    years.set_value((-599, -1)).run()  # 600 BCE - 2 BCE
    assert not at.exception
    assert chart_ids(at) == {"fall-of-babylon", "gaugamela", "alexander-dies", "seleucia-founded",
                             "seleucid-rule", "carrhae"}
    assert (address(at, "from"), address(at, "to")) == (["-0599-01-01"], ["-0001-12-31"])
    shared = page(**{"from": "-0599-01-01", "to": "-0001-12-31"})
    assert shared.select_slider(key="f_years").value == (-599, -1)
    assert caption(shared).startswith("Showing 6 of 13 events")
    spec = json.loads(shared.get("plotly_chart")[0].proto.spec)
    assert spec["layout"]["xaxis"]["labelalias"]["-300"] == "300 BCE"


def test_actor_groups_filter_colour_and_row_the_chart_and_stay_in_the_address() -> None:
    at = page()
    at.multiselect(key="f_groups").select("Iran").run()
    assert caption(at).startswith("Showing 5 of 20 events")
    assert address(at, "group") == ["Iran"]
    at.radio(key="f_colour").set_value("group").run()
    at.selectbox(key="f_lanes").set_value("group").run()
    spec = json.loads(at.get("plotly_chart")[0].proto.spec)
    legend = [trace["name"] for trace in spec["data"] if trace.get("showlegend") is not False and trace.get("name")]
    assert legend[0] == "Iran"
    assert (address(at, "colour"), address(at, "lanes")) == (["group"], ["group"])
    shared = page(group="Iran", colour="group", lanes="group")
    assert shared.multiselect(key="f_groups").value == ["Iran"]
    assert shared.radio(key="f_colour").value == "group"


def test_search_finds_an_actor_by_an_alias_or_the_name_in_its_own_script() -> None:
    at = page()
    at.text_input(key="f_search").input("خامنه").run()
    assert chart_ids(at) == {"khamenei-imam-hassan-tweet"}
    at.text_input(key="f_search").input("Hashd al-Shaabi").run()
    assert caption(at).startswith("Showing 2 of 20 events")


def test_the_card_shows_groups_native_names_and_coordinates() -> None:
    at = page(event="khamenei-imam-hassan-tweet")
    text = card_text(at).replace("\\", "")  # the card's Markdown escapes
    assert "Ali Khamenei (\u2068علی خامنه\u200cای\u2069) [Iran]" in text, text
    assert "Tehran (35.6944° N, 51.4215° E; Tehran Province; Iran)" in text, text

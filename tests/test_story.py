"""The story view (issue 15): the library that tells a story, its compact chart, the page through
AppTest (the address, the steps, the picker, the selection's story) and the offline slideshow."""

from __future__ import annotations

import json
import re
from dataclasses import replace
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from tests.apptest import click_chart, open_app
from timeline.chart.storyfigure import MIN_GAP, build_story_figure, story_strip, strip_ticks
from timeline.cli.main import main
from timeline.export.storyhtml import story_export, story_html
from timeline.model import Timeline
from timeline.store.loading import load_timeline, store_report
from timeline.view.filters import FilterState, filter_events
from timeline.view.story import (MAX_SELECTION_STEPS, SELECTION_TITLE, Telling, TellingStep, UnknownStory, clamp_step,
                                 open_step, selection_story, tell)

ROOT = Path(__file__).resolve().parent.parent
BUNDLED = ROOT / "data/events.yaml"
STORY = ["sistani-calls-for-state-control-of-arms", "pompeo-warns-iraq-over-embassy",
         "kataib-hezbollah-slams-pompeo-warning", "ashab-al-kahf-complains-of-betrayal",
         "sadr-proposes-investigation-committee", "kadhimi-and-halbousi-welcome-sadr-proposal",
         "khazali-statement-on-us-embassy", "khamenei-imam-hassan-tweet", "fuad-hussein-visits-tehran",
         "iranian-military-delegation-in-baghdad", "abbas-division-delegation-visits-cts"]
IMPORTANT = ["soleimani-and-muhandis-killed", "parliament-votes-to-expel-foreign-troops",
             "kadhimi-government-wins-confidence", "sistani-calls-for-state-control-of-arms",
             "pompeo-warns-iraq-over-embassy", "khamenei-imam-hassan-tweet", "sadr-proposes-investigation-committee",
             "fuad-hussein-visits-tehran"]


@pytest.fixture(scope="module")
def bundled() -> Timeline:
    return load_timeline(BUNDLED)


@pytest.fixture
def storyless(tmp_path: Path) -> Path:
    """The bundled data without its stories: the story view tells the selection's."""
    path = tmp_path / "events.yaml"
    path.write_text(re.sub(r"# A story:.*?(?=^eras:)", "", BUNDLED.read_text(encoding="utf-8"), flags=re.S | re.M),
                    encoding="utf-8")
    return path


def ids(telling: Telling) -> list[str]:
    return [step.event.id for step in telling.steps]


# --- the library ------------------------------------------------------------------------------

def test_the_bundled_story_is_told_in_order_with_narration(bundled: Timeline) -> None:
    telling = tell(bundled, None, bundled.events)
    assert (telling.id, telling.title) == ("september-2020", "September 2020: Iraq's squeeze on the militias")
    assert ids(telling) == STORY
    assert all(step.narration and step.shown for step in telling.steps)
    starts = [step.event.start for step in telling.steps]
    assert starts[0] < starts[1] < starts[-1]  # told forward in time


def test_a_store_story_keeps_its_steps_whatever_the_filters(bundled: Timeline) -> None:
    shown = filter_events(bundled.events, FilterState(actors=("Ali Khamenei",)))
    telling = tell(bundled, "september-2020", shown)
    assert ids(telling) == STORY  # step 8 stays step 8 for a reader with other filters
    assert [n for n, step in enumerate(telling.steps, 1) if step.shown] == [8]
    assert telling.hidden == 10


def test_an_unknown_story_names_the_ones_there_are(bundled: Timeline) -> None:
    with pytest.raises(UnknownStory) as caught:
        tell(bundled, "octobre", bundled.events)
    assert str(caught.value) == ("no story 'octobre' in this store; use one of: september-2020 (or 'selection' for "
                                 "the story of the selected events)")


def test_the_selection_story_tells_the_important_events_of_a_large_selection(bundled: Timeline) -> None:
    telling = tell(bundled, "selection", bundled.events)
    assert telling.title == SELECTION_TITLE
    assert ids(telling) == IMPORTANT
    assert telling.intro == "The 8 most important of the 20 events shown (importance 4 or more), in date order."


def test_the_selection_story_tells_a_small_selection_whole(bundled: Timeline) -> None:
    shown = filter_events(bundled.events, FilterState(tags=("investigation",)))
    assert ids(selection_story(shown)) == [e.id for e in shown] and len(shown) == 3
    assert selection_story(shown[:1]).intro == "The one event shown."
    assert selection_story(()).steps == ()


def test_without_important_events_the_selection_story_tells_the_events_shown(bundled: Timeline) -> None:
    rated_nothing = load_timeline(ROOT / "tests/data/valid/mesopotamia.yaml")
    telling = selection_story(rated_nothing.events)
    assert len(telling.steps) == len(rated_nothing.events) == 13
    many = tuple(replace(bundled.events[0], id=f"e{i}", importance=None) for i in range(100))
    telling = selection_story(many)
    assert len(telling.steps) == MAX_SELECTION_STEPS and telling.steps[-1].event.id == "e98"
    assert telling.intro == ("60 of the 100 events shown, spread evenly over time, in date order (fewer than 3 "
                             "have an importance of 4 or more).")


def test_the_selection_story_of_a_huge_selection_is_capped_and_spread_over_time(bundled: Timeline) -> None:
    base = bundled.events[0]
    many = tuple(replace(base, id=f"e{i}", importance=5 if i % 2 else 1) for i in range(1000))
    told = ids(selection_story(many))
    assert len(told) == MAX_SELECTION_STEPS
    assert told[0] == "e1" and int(told[-1][1:]) > 950  # not the first 60


@pytest.mark.parametrize(("step", "total", "expected"), [
    (None, 9, (1, None)),
    (3, 9, (3, None)),
    (9, 9, (9, None)),
    (40, 9, (9, "step 40 is past the end; showing step 9 of 9")),
    (0, 9, (1, "there is no step 0; showing step 1 of 9")),
])
def test_a_step_out_of_range_is_clamped_with_a_notice(step: int | None, total: int, expected: tuple) -> None:
    assert clamp_step(step, total) == expected


def test_the_step_opened_follows_the_address_or_the_selected_event(bundled: Timeline) -> None:
    telling = tell(bundled, None, bundled.events)
    tweet = "khamenei-imam-hassan-tweet"
    assert open_step(telling, 3, tweet, None) == (3, None)  # a link's step wins on arrival
    assert open_step(telling, None, tweet, None) == (8, None)  # no step: start at the event picked
    assert open_step(telling, 3, tweet, STORY[2]) == (8, None)  # picked on the timeline since
    assert open_step(telling, 4, STORY[2], STORY[2]) == (4, None)  # a button press
    assert open_step(telling, 4, "soleimani-and-muhandis-killed", STORY[2]) == (4, None)  # not in the story
    fewer = replace(telling, steps=telling.steps[2:5])  # the story changed under the reader
    assert open_step(fewer, 5, STORY[3], STORY[3], telling.event_ids) == (2, None)
    assert open_step(fewer, 9, STORY[8], STORY[8], telling.event_ids) == (3, None)
    assert open_step(fewer, 9, STORY[8], STORY[8], fewer.event_ids) == (3, "step 9 is past the end; showing step 3 of 3")


def test_a_story_may_not_take_the_selections_id(tmp_path: Path) -> None:
    text = BUNDLED.read_text(encoding="utf-8").replace("  - id: september-2020\n", "  - id: selection\n")
    (tmp_path / "s.yaml").write_text(text, encoding="utf-8")
    problems, _ = store_report(tmp_path / "s.yaml")
    assert [p.message for p in problems] == ["'selection' is the story of the reader's selection; give this story "
                                             "another id, e.g. 'september-2020'"]


# --- the compact chart ------------------------------------------------------------------------

def test_the_chart_rings_the_step_with_those_before_solid_and_after_faint(bundled: Timeline) -> None:
    events = [step.event for step in tell(bundled, None, bundled.events).steps]
    figure = build_story_figure(events, 3).to_plotly_json()
    traces = {trace["name"]: trace for trace in figure["data"]}
    assert [row[0] for row in traces["before"]["customdata"]] == [1, 2]
    assert [row[0] for row in traces["current"]["customdata"]] == [3]
    assert [row[0] for row in traces["after"]["customdata"]] == list(range(4, 12))
    assert traces["before"]["marker"]["opacity"] == 1 and traces["after"]["marker"]["opacity"] < 0.5
    assert traces["ring"]["marker"]["symbol"] == "circle-open" and traces["ring"]["text"] == ["3"]
    assert traces["ring"]["x"] == traces["current"]["x"]


def test_marks_close_in_time_go_on_different_rows(bundled: Timeline) -> None:
    strip = story_strip(list(bundled.events), 1)
    for a in strip.marks:
        for b in strip.marks:
            if a is not b and a.row == b.row and strip.rows < 4:
                assert abs(a.position - b.position) >= MIN_GAP - 1e-9


def test_the_strip_dates_its_axis_on_each_side_of_a_cut(bundled: Timeline) -> None:
    strip = story_strip([step.event for step in selection_story(bundled.events).steps], 1)
    assert len(strip.breaks) == 2 and strip.breaks[0][1] == "≈ 4 months left out"
    assert [label for _, label, _ in strip_ticks(strip)] == ["4 Jan 2020", "7 May", "20 Sep"]
    figure = build_story_figure([m.event for m in strip.marks], 1).to_plotly_json()
    assert figure["layout"]["xaxis"]["ticktext"] == ["4 Jan 2020", "7 May", "20 Sep"]
    assert figure["layout"]["xaxis"]["tickvals"] == ["2020-01-04", "2020-05-07", "2020-09-20"]


# --- the page ---------------------------------------------------------------------------------

def page(**query: str | list[str]) -> AppTest:
    return open_app(**query)


def card_title(at: AppTest) -> str:
    return at.get("header")[0].value.replace("\\", "")


def address(at: AppTest) -> dict[str, str]:
    return {key: at.query_params[key] for key in ("view", "story", "step", "event") if key in at.query_params}


def test_a_link_to_step_3_opens_it_and_next_goes_to_4_in_the_address() -> None:
    at = page(view="story", step="3")
    assert not at.exception
    assert card_title(at) == "Kataib Hezbollah and other militias slam Pompeo's warning"
    assert address(at) == {"view": "story", "story": "september-2020", "step": "3", "event": STORY[2]}
    assert "**Step 3 of 11**" in [m.value for m in at.markdown]
    at.button(key="story_next").click().run()
    assert card_title(at) == "Ashab al-Kahf complains of betrayal"
    assert address(at)["step"] == "4" and address(at)["event"] == STORY[3]
    assert at.session_state.selected == STORY[3]  # the timeline's card opens on it too
    at.button(key="story_prev").click().run()
    at.button(key="story_prev").click().run()
    assert address(at)["step"] == "2"
    end = at.button(key="story_next_end")  # at the card's end, naming where it goes
    assert end.label.replace("\\", "") == "Next: Kataib Hezbollah and other militias slam Pompeo's warning →"
    end.click().run()
    assert address(at)["step"] == "3"


def test_the_ends_disable_their_button_and_a_step_past_the_end_is_clamped() -> None:
    at = page(view="story", step="40")
    assert "Ignored the step asked for: step 40 is past the end; showing step 11 of 11." in [i.value for i in at.info]
    assert at.button(key="story_next").disabled and not at.button(key="story_prev").disabled
    assert "story_next_end" not in [b.key for b in at.button]
    assert address(at)["step"] == "11"
    at.button(key="story_prev").click().run()
    assert not at.info and address(at)["step"] == "10"
    assert page(view="story").button(key="story_prev").disabled  # step 1 without step=


def test_the_step_list_jumps_and_the_story_keeps_its_steps_under_filters() -> None:
    at = page(view="story", actor="Ali Khamenei")
    assert any("10 of the 11 steps tell events the sidebar's filters hide" in c.value for c in at.caption)
    at.button(key="story_step_8").click().run()
    assert card_title(at) == "Khamenei tweets about Imam Hassan avoiding military war"
    assert address(at)["step"] == "8" and at.query_params["actor"] == "Ali Khamenei"


def test_the_picker_switches_to_the_story_of_the_selection() -> None:
    at = page(view="story", step="5")
    assert at.selectbox(key="story_pick").options == ["September 2020: Iraq's squeeze on the militias",
                                                      "The story of this selection"]
    at.selectbox(key="story_pick").set_value("selection").run()
    assert at.title[0].value == "The story of this selection"
    assert card_title(at) == "US strike kills Qasem Soleimani and Abu Mahdi al-Muhandis at Baghdad airport"
    assert address(at) == {"view": "story", "story": "selection", "step": "1", "event": IMPORTANT[0]}


def test_an_unknown_story_in_the_address_gives_a_notice_and_the_first_story() -> None:
    at = page(view="story", story="octobre", step="2")
    assert not at.exception
    assert any("no story 'octobre' in this store" in i.value for i in at.info)
    assert address(at)["story"] == "september-2020" and card_title(at).startswith("Pompeo warns Iraq")


def test_without_stories_the_page_tells_the_selection(storyless: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TIMELINE_DATA", str(storyless))
    at = page(view="story", event="khamenei-imam-hassan-tweet")
    assert not at.exception
    assert at.title[0].value == "The story of this selection" and "story_pick" not in [s.key for s in at.selectbox]
    assert card_title(at) == "Khamenei tweets about Imam Hassan avoiding military war"  # starts where the reader was
    assert address(at) == {"view": "story", "step": "6", "event": "khamenei-imam-hassan-tweet"}
    at.text_input(key="f_search").input("nothing like this").run()
    assert [i.value for i in at.info] == ["No events match the filters; widen the dates or remove a filter."]
    at.text_input(key="f_search").input("").run()
    at.multiselect(key="f_tags").select("investigation").run()  # step 6 no longer exists: no notice
    assert not at.info and address(at)["step"] == "3"
    at.multiselect(key="f_tags").set_value([]).run()
    at.multiselect(key="f_actors").select("Muqtada al-Sadr").run()
    assert card_title(at).startswith("Sadr proposes") and address(at)["step"] == "2"
    at.multiselect(key="f_actors").set_value([]).run()  # the event shown stays open, at its new step
    assert card_title(at).startswith("Sadr proposes") and address(at)["step"] == "7"


# --- the slideshow ----------------------------------------------------------------------------

def test_the_slideshow_holds_every_step_and_works_offline(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "story.html"
    assert main(["export", str(BUNDLED), "--format", "story", "-o", str(out)]) == 0
    page_text = out.read_text(encoding="utf-8")
    slides = re.findall(r'<section class="slide[^"]*" id="([^"]+)"', page_text)
    assert slides == ["intro"] + [f"step-{n}" for n in range(1, 12)]
    assert "September 2020: Iraq&#x27;s squeeze on the militias" in page_text
    assert "It starts in Najaf." in page_text and "Step 3 of 11" in page_text
    assert page_text.count("<svg class=\"strip\"") == 12 and "ArrowRight" in page_text
    assert not re.search(r"<(script|link|img|iframe)[^>]+(src|href)=\"(https?:)?//", page_text)
    assert '<a href="https://freebeacon.com/' in page_text  # sources stay links
    assert capsys.readouterr().err == f"wrote {out}\n"


def test_the_slideshow_escapes_the_store_text(bundled: Timeline) -> None:
    sly = replace(bundled.events[0], title="<script>alert(1)</script>", summary="a & b", translations=())
    text = story_html(Telling("x", "</title><b>", (TellingStep(sly, "</p>"),)), bundled)
    assert "<script>alert" not in text and "&lt;script&gt;" in text and "<b>" not in text
    assert "a &amp; b" in text
    titles = json.loads(re.search(r"const titles = (.*);", text).group(1))
    assert titles[1] == "Step 1 of 1: <script>alert(1)</script>" and "</script>alert" not in text


def test_without_stories_the_slideshow_tells_the_commands_selection(storyless: Path) -> None:
    timeline = load_timeline(storyless)
    text = story_export(timeline, FilterState(actors=("Ali Khamenei",)), story_id=None, source=str(storyless))
    assert re.findall(r'id="(step-\d+)"', text) == ["step-1"]
    assert "Khamenei tweets about Imam Hassan" in text and "The one event shown." in text


@pytest.mark.parametrize(("args", "code", "message"), [
    (["--story", "octobre", "-o", "s.html"], 1,
     "error: no story 'octobre' in this store; use one of: september-2020 (or 'selection' for the story of the "
     "selected events)\n"),
    (["--format", "png", "--story", "september-2020", "-o", "s.png"], 2,
     "error: --story tells a story as a slideshow; give --format story (not png), or leave --story out\n"),
    (["--format", "story", "-o", "s.pdf"], 2,
     "error: a story is written as an HTML slideshow; name the file .html, e.g. s.html\n"),
    (["--format", "story", "--story", "selection", "--actor", "Nobody", "-o", "s.html"], 1,
     "error: no events match the filters; widen the dates or remove a filter (the store holds 20 events)\n"),
])
def test_a_story_export_that_cannot_be_made_says_why(args: list[str], code: int, message: str,
                                                     capsys: pytest.CaptureFixture[str], tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    assert main(["export", str(BUNDLED), *args]) == code
    assert capsys.readouterr().err == message
    assert not list(tmp_path.iterdir())


def test_a_click_on_a_mark_of_the_compact_chart_opens_its_step() -> None:
    at = click_chart(page(view="story", step="2"), [8])
    assert card_title(at) == "Khamenei tweets about Imam Hassan avoiding military war"
    assert address(at)["step"] == "8"

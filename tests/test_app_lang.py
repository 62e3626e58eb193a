"""The page in Arabic and Persian under AppTest: the interface's strings and the events' own text
in the reader's language, the language in the address, notices in it, English by default."""

from __future__ import annotations

import json
import re

import pytest

from tests.apptest import open_app
from timeline.lang.catalogs import messages

ARABIC_LETTERS = re.compile("[\u0600-\u06ff]")


def chart_texts(at: object) -> str:
    return json.dumps(json.loads(at.get("plotly_chart")[0].proto.spec), ensure_ascii=False)  # type: ignore[attr-defined]


@pytest.mark.parametrize("lang", ["ar", "fa"])
def test_the_page_speaks_the_language_in_the_address(lang: str) -> None:
    text = messages(lang)
    at = open_app(lang=lang)
    assert not at.exception
    assert at.title[0].value == text.gettext("Who did what, when") and ARABIC_LETTERS.search(at.title[0].value)
    assert at.sidebar.header[0].value == text.gettext("Filters")
    assert at.caption[0].value.startswith(text.gettext("Showing {shown} of {total} events · {path} · click a mark for "
                                                       "its details and sources; drag to zoom, double-click to reset")
                                          .split("{")[0])
    assert at.selectbox(key="f_lang").value == lang
    assert at.query_params["lang"] == lang
    # The interface's words on the chart (its legend's title, the marks' key) are the catalog's.
    assert text.gettext("exact day") in chart_texts(at)


def test_arabic_readers_get_the_events_arabic_titles_in_the_table_the_picker_and_the_card() -> None:
    at = open_app(lang="ar", event="khamenei-imam-hassan-tweet")
    titles = list(at.dataframe[0].value["title"])  # shown under the heading "العنوان"
    assert "خامنئي يغرّد عن تجنّب الإمام الحسن الحرب العسكرية" in titles
    assert all(ARABIC_LETTERS.search(title) for title in titles)  # every bundled event has an Arabic title
    columns = list(at.dataframe[0].value.columns)
    assert columns[0] == "start" and columns[4] == "title"  # in sight where the grid opens, at its left
    card = at.get("header")  # the card's title is the page's second heading
    assert any("خامنئي يغرّد" in h.value for h in card)
    assert "خامنئي يغرّد" in chart_texts(at)  # the hover text and labels too


def test_a_persian_reader_sees_english_text_marked_where_no_persian_is_given() -> None:
    at = open_app(lang="fa", event="sistani-calls-for-state-control-of-arms")
    headers = [h.value for h in at.get("header")]
    marked = messages("fa").gettext("in {language}").format(language=messages("fa").language_name("en"))
    assert any("Sistani asks the government" in h and marked in h for h in headers), headers


def test_a_notice_about_the_address_is_in_the_readers_language() -> None:
    at = open_app(lang="ar", lanes="diagonal")
    notice = messages("ar").gettext("ignored lanes '{value}' in the address; use one of: {choices}").format(
        value="diagonal", choices="actor, group, category, place, none")
    assert notice in [info.value for info in at.info]


def test_an_unknown_language_is_refused_with_a_notice_and_english_stays() -> None:
    at = open_app(lang="de")
    assert at.title[0].value == "Who did what, when"
    assert "ignored lang 'de' in the address; use one of: en, ar, fa" in [info.value for info in at.info]


def test_the_dates_can_carry_the_hijri_date_and_the_iraqi_month_names() -> None:
    at = open_app(lang="ar", event="sistani-calls-for-state-control-of-arms", calendar="hijri", months="levant")
    when = next(m.value for m in at.markdown if "13 أيلول 2020" in m.value)
    assert "25 محرم 1442 هـ" in when  # the Hijri date beside the Gregorian one (brackets escaped for Markdown)
    assert at.query_params["months"] == "levant" and at.query_params["calendar"] == "hijri"


@pytest.mark.parametrize("view", ["map", "network", "story"])
@pytest.mark.parametrize("lang", ["ar", "fa"])
def test_every_view_speaks_arabic_and_persian(view: str, lang: str) -> None:
    at = open_app(lang=lang, view=view)
    assert not at.exception, [e.value for e in at.exception]
    assert ARABIC_LETTERS.search(at.title[0].value)
    if view == "network":  # the grid's columns start at the right
        assert list(at.dataframe[0].value.columns)[-1] == "Actor"


def test_the_editor_speaks_arabic(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TIMELINE_EDITOR", "1")
    at = open_app(lang="ar")
    # A page switch sends every widget's value back by its label: labels made in the run's language.
    at.switch_page("app_pages/editor.py").run()
    assert not at.exception, [e.value for e in at.exception]
    text = messages("ar")
    assert at.header[0].value == text.gettext("Add an event")
    assert at.text_input(key="ed_title").label == text.gettext("Title")

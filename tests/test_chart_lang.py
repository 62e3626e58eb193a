"""The figures in the reader's language: Arabic and Persian words, dates and digits, event text in
the reader's language (else marked), and the chart mirrored for right-to-left readers while time
still runs left to right."""

from __future__ import annotations

import json
import re
from datetime import date

import plotly.graph_objects as go
import plotly.io as pio
import pytest

from tests.langcatalog import arabic_catalog  # noqa: F401 - a fixture
from timeline import load_timeline
from timeline.chart.actorgraph import actor_graph
from timeline.chart.figure import FigureOptions, build_figure
from timeline.chart.focus import MS_PER_DAY, break_text
from timeline.chart.mapfigure import MapOptions, build_map
from timeline.chart.network import NetworkOptions, build_network_figure
from timeline.chart.palette import CATEGORY_LABELS, ROW_PLACEHOLDERS, RTL_FONT_FAMILY, actor_groups, store_options
from timeline.chart.storyfigure import build_story_figure
from timeline.lang.catalogs import messages
from timeline.model import CATEGORIES, LANE_PLACEHOLDERS
from timeline.view.display import date_line, fact_lines, month_groups
from timeline.view.story import progress_text, selection_story

BUNDLED = "data/events.yaml"
RLM = "\u200f"


@pytest.fixture(scope="module")
def timeline():
    return load_timeline(BUNDLED)


def figure(timeline, lang: str, **options) -> go.Figure:
    return build_figure(timeline.events, FigureOptions(lang=lang, **options))


def hovers(fig: go.Figure) -> dict[str, str]:
    """Each event's hover text by its id (its first mark's)."""
    found: dict[str, str] = {}
    for trace in fig.data:
        if trace.hovertext is not None and trace.customdata is not None:
            for (event_id, _), text in zip(trace.customdata, trace.hovertext):
                found.setdefault(event_id, text)
    return found


def test_the_chart_marks_every_built_in_category_and_row_placeholder_for_the_catalogs() -> None:
    assert set(CATEGORY_LABELS) == set(CATEGORIES)
    assert set(LANE_PLACEHOLDERS.values()) | {"Events"} <= set(ROW_PLACEHOLDERS)


@pytest.mark.parametrize("lang", ["ar", "fa"])
def test_a_right_to_left_chart_is_mirrored_but_time_runs_left_to_right(timeline, lang: str) -> None:
    layout = figure(timeline, lang, title="Iraq").layout
    assert layout.yaxis.side == "right" and layout.margin.l > layout.margin.r
    assert (layout.legend.x, layout.legend.xanchor) == (1, "right")
    assert (layout.title.x, layout.title.xanchor) == (1, "right")
    assert layout.hoverlabel.align == "right" and layout.font.family == RTL_FONT_FAMILY
    assert not layout.xaxis.autorange or layout.xaxis.autorange is True  # never "reversed"
    start, end = layout.xaxis.range
    assert start < end


def test_an_english_chart_keeps_its_left_to_right_layout(timeline) -> None:
    layout = figure(timeline, "en").layout
    assert layout.yaxis.side is None and layout.legend.x == 0 and layout.hoverlabel.align == "left"
    assert layout.xaxis.labelalias is None and layout.xaxis.tickformatstops == ()
    assert "Arial" in layout.font.family


def test_date_ticks_are_written_in_arabic_and_persian(timeline) -> None:
    arabic = figure(timeline, "ar").layout.xaxis
    assert [stop.value for stop in arabic.tickformatstops] == ["%H:%M", "%-d %b", "%b %Y", "%Y"]
    assert arabic.labelalias["Sep 2020"].strip(RLM) == "سبتمبر 2020"
    assert arabic.labelalias["13 Sep"].strip(RLM) == "13 سبتمبر"
    assert arabic.labelalias["29 Feb"].strip(RLM) == "29 فبراير"
    assert "2020" not in arabic.labelalias  # Arabic keeps Western digits: a year is written as it is
    persian = figure(timeline, "fa").layout.xaxis
    assert persian.labelalias["Sep 2020"].strip(RLM) == "سپتامبر ۲۰۲۰"
    assert persian.labelalias["13 Sep"].strip(RLM) == "۱۳ سپتامبر"
    assert persian.labelalias["2020"] == "۲۰۲۰" and persian.labelalias["12:30"] == "۱۲:۳۰"


def test_the_alias_map_of_a_long_span_holds_its_years_only(timeline) -> None:
    from timeline.chart.axisdates import reader_ticks
    from timeline.chart.frame import ms

    aliases = reader_ticks((ms(date(1200, 1, 1)), ms(date(2020, 1, 1))), "fa")["labelalias"]
    assert "Sep 2020" not in aliases and aliases["1500"] == "۱۵۰۰" and len(aliases) <= 1000


def test_the_figure_with_aliases_passes_plotlys_validation_and_serialises(timeline) -> None:
    fig = figure(timeline, "fa", density="on")
    assert go.Figure(fig.to_dict()).layout.xaxis.labelalias["Sep 2020"]
    assert json.loads(pio.to_json(fig))["layout"]["xaxis"]["labelalias"]["2020"] == "۲۰۲۰"


def test_event_titles_are_shown_in_the_readers_language_else_marked(timeline) -> None:
    arabic = hovers(figure(timeline, "ar"))
    sistani = next(e for e in timeline.events if e.id == "sistani-calls-for-state-control-of-arms")
    assert sistani.text("title", "ar").text.split()[0] in arabic[sistani.id]
    assert "(in English)" not in arabic[sistani.id]
    persian_fig = figure(timeline, "fa")
    persian = hovers(persian_fig)
    assert "حمله آمریکا" in persian["soleimani-and-muhandis-killed"]  # given in Persian
    marked = messages("fa").gettext("{text} (in {language})").format(text="", language="انگلیسی").strip()
    assert marked in persian[sistani.id] and marked != "(in English)"  # not given in Persian: the English, said to be
    labels = [a.text for a in persian_fig.layout.annotations if (a.name or "").startswith("label:")]
    assert any(label.strip(RLM).endswith("[EN]") for label in labels)


def test_the_hover_keeps_the_date_as_written_and_reads_it_in_the_readers_language(timeline) -> None:
    text = hovers(figure(timeline, "ar"))["sistani-calls-for-state-control-of-arms"]
    assert "Sept. 13" in text and "13 سبتمبر 2020" in text
    assert all(line.startswith(RLM) and line.endswith(RLM) for line in text.split("<br>"))


def test_the_chart_takes_its_words_from_the_catalog(timeline, arabic_catalog) -> None:
    fig = figure(timeline, "ar", density="on")
    legend = [t.name for t in fig.data if t.showlegend is not False and t.name]
    assert "تصريح" in legend and "زيارة" in legend
    assert fig.layout.xaxis2.title.text.strip(RLM).startswith("● يوم محدد")
    assert fig.layout.yaxis2.title.text == "أحداث في الأسبوع"
    rows = list(fig.layout.yaxis.categoryarray)
    assert rows[-1] == "Others (26 actors)"  # the row's value stays the same in every language
    assert list(fig.layout.yaxis.ticktext)[-1] == "آخرون (26)"
    empty = build_figure([], FigureOptions(lang="ar"))
    assert empty.layout.annotations[0].text == "لا أحداث تطابق عوامل التصفية"


def test_notes_are_in_persian_digits() -> None:
    assert break_text(0, 120 * MS_PER_DAY, messages("fa")).startswith("≈ ۴")
    assert progress_text(3, 11, lang="fa") == "۳ از ۱۱"
    intro = selection_story(load_timeline(BUNDLED).events, lang="fa").intro
    assert re.search("[۰-۹]", intro) and not re.search("[0-9]", intro)


def test_the_story_figure_speaks_the_readers_language(timeline) -> None:
    story = timeline.stories[0]
    by_id = {e.id: e for e in timeline.events}
    events = [by_id[step.event_id] for step in story.steps]
    fig = build_story_figure(events, 3, lang="fa")
    assert fig.layout.font.family == RTL_FONT_FAMILY and fig.layout.hoverlabel.align == "right"
    assert any("سپتامبر" in label for label in fig.layout.xaxis.ticktext)
    assert "۳" in [text for trace in fig.data for text in (trace.text or ())]
    arabic = build_story_figure(events, 1, lang="ar")
    hover = " ".join(text for trace in arabic.data for text in (trace.hovertext or ()))
    assert events[0].text("title", "ar").text.split()[0] in hover


def test_the_map_and_the_network_speak_the_readers_language(timeline) -> None:
    world = build_map(timeline.events, timeline.places, MapOptions(lang="ar"))
    assert (world.layout.legend.x, world.layout.legend.xanchor) == (1, "right")
    assert world.layout.hoverlabel.align == "right" and world.layout.font.family == RTL_FONT_FAMILY
    places = next(t for t in world.data if t.name == "places")
    assert any("سبتمبر" in text for text in places.hovertext)
    network = build_network_figure(actor_graph(timeline.events, dict(actor_groups(timeline))), NetworkOptions(lang="ar"))
    assert network.layout.hoverlabel.align == "right" and network.layout.legend.xanchor == "right"
    with pytest.raises(ValueError, match="lang"):
        MapOptions(lang="de")


def test_the_card_lines_speak_the_readers_language(timeline, arabic_catalog) -> None:
    event = next(e for e in timeline.events if e.id == "sistani-calls-for-state-control-of-arms")
    when = date_line(event, lang="ar")
    assert when.written == "Sept. 13" and when.resolved == "13 سبتمبر 2020"
    assert date_line(event).resolved == "13 September 2020"
    assert [month for month, _ in month_groups(timeline.events, lang="ar")] == ["يناير 2020", "مايو 2020",
                                                                                "سبتمبر 2020"]
    persian = month_groups(timeline.events, lang="fa")[-1][0]
    assert persian.startswith("سپتامبر") and persian.endswith("۲۰۲۰")
    actors = fact_lines(event, timeline, lang="ar")[0]
    assert "\u2068Ali al\\-Sistani \\(\u2068علي السيستاني\u2069\\) \\[Najaf clergy\\]\u2069" in actors  # isolated whole in right-to-left text


def test_the_overview_of_a_large_selection_says_its_counts_in_the_readers_language(timeline) -> None:
    from timeline.chart.selectionfigure import selection_figure
    from timeline.view.eventsource import in_memory
    from timeline.view.filters import FilterState

    source, state = in_memory(timeline), FilterState()
    fig = selection_figure(source.select(state), source, state, FigureOptions(lang="fa"), overview_from=10)
    (cells,) = [trace for trace in fig.data if isinstance(trace, go.Heatmap)]
    said = [text for line in cells.text for text in line if text]
    assert said and all(re.search("[۰-۹]", text) for text in said) and cells.hovertemplate == "%{text}<extra></extra>"
    assert any("سپتامبر" in text for text in said)
    (note,) = [a for a in fig.layout.annotations if a.name == "thinning"]
    assert "۲۰" in note.text and (note.x, note.xanchor) == (1, "right")


def test_years_before_the_common_era_are_written_in_the_readers_language() -> None:
    from timeline.chart.axisdates import era_tick_labels
    from timeline.chart.frame import ms
    from timeline.dates.days import make_day

    window = (ms(make_day(-99, 1, 1)), ms(date(700, 1, 1)))
    persian = era_tick_labels(window, [ms(make_day(-43, 3, 15))], "fa")
    assert persian["-100"].strip(RLM) == "۱۰۰ ق.م." and persian["646"].strip(RLM) == "۶۴۶ میلادی"
    assert persian["15 Mar -44"].strip(RLM) == "۱۵ مارس ۴۴ ق.م."
    assert era_tick_labels(window, (), "en")["-100"] == "100 BCE"  # English as before


def test_an_arabic_or_persian_reader_sees_actors_rows_named_in_their_own_script() -> None:
    timeline = load_timeline("data/events.yaml")
    for lang, english in (("ar", False), ("fa", False), ("en", True)):
        figure = build_figure(timeline.events, FigureOptions(lang=lang, every_row=True, **store_options(timeline)))
        names = list(figure.layout.yaxis.ticktext or figure.layout.yaxis.categoryarray)
        assert ("Muqtada al-Sadr" in names) is english and ("مقتدى الصدر" in names) is not english, (lang, names)
        assert "Mike Pompeo" in names  # no native name in the registry: as the store writes it

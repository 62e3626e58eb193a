"""The timeline chart: marks per lane, honest precision, escaping, labels, window, eras, density."""

from __future__ import annotations

import json
import os
from collections import Counter
from datetime import date, timedelta
from itertools import combinations
from pathlib import Path

import plotly.io as pio
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from timeline.chart.figure import FigureOptions, build_figure, lane_values, order_lanes
from timeline.chart.labels import LABEL_MAX_CHARS, label_boxes, label_text, label_width_px
from timeline.model import CATEGORIES, DateValue, Era, Event, Precision, Source
from timeline.chart.palette import CATEGORY_COLORS

GOLDEN = Path(__file__).parent / "golden"
DAY = Precision.DAY


def day(d: int, month: int = 9) -> DateValue:
    return DateValue(date(2020, month, d), date(2020, month, d), DAY)


def event(id: str, value: DateValue, *, title: str | None = None, category: str = "statement",
          actors: tuple[str, ...] = ("Kadhimi",), places: tuple[str, ...] = ("Baghdad",),
          importance: int | None = None, outlet: str = "Al-Monitor") -> Event:
    return Event(id=id, title=title or f"Event {id}", date=value, date_text=f"as written {id}",
                 category=category, sources=(Source(outlet),), actors=actors, places=places,
                 importance=importance)


def figure_json(fig) -> dict:
    return json.loads(pio.to_json(fig))


def marker_traces(data: dict) -> list[dict]:
    return [t for t in data["data"] if t.get("customdata")]


def marks(data: dict) -> list[tuple[str, str]]:
    """Every (event id, lane) drawn as a marker, from the customdata of the marker traces."""
    return [tuple(row) for t in marker_traces(data) for row in t["customdata"]]


def mark_of(data: dict, event_id: str) -> tuple[dict, int]:
    for trace in marker_traces(data):
        for i, row in enumerate(trace["customdata"]):
            if row[0] == event_id:
                return trace, i
    raise AssertionError(f"no mark for {event_id}")


def span_traces(data: dict) -> list[dict]:
    return [t for t in data["data"] if t.get("mode") == "lines"]


def segments(trace: dict) -> list[tuple[str, str, str]]:
    xs, ys = trace["x"], trace["y"]
    return [(xs[i], xs[i + 1], ys[i]) for i in range(0, len(xs), 3)]


SEPTEMBER = [
    event("sistani", day(13), actors=("Sistani", "Government of Iraq"), importance=5),
    event("month", DateValue(date(2020, 9, 1), date(2020, 9, 30), Precision.MONTH),
          category="military", actors=("PMU",)),
    event("late", DateValue(date(2020, 9, 21), date(2020, 9, 30), Precision.MONTH, approximate=True),
          actors=("Kataib Hezbollah",)),
    event("visit", DateValue(date(2020, 9, 26), date(2020, 9, 27), DAY, is_range=True),
          category="visit", actors=("Fuad Hussein",), importance=4),
    event("nobody", day(10), category="protest", actors=()),
]


def test_every_event_gets_one_mark_per_lane():
    data = figure_json(build_figure(SEPTEMBER))
    expected = Counter((e.id, lane) for e in SEPTEMBER for lane in lane_values(e, "actor"))
    assert Counter(marks(data)) == expected
    assert ("sistani", "Sistani") in expected and ("sistani", "Government of Iraq") in expected
    assert ("nobody", "(no actor)") in expected


def test_lane_values_for_each_kind_of_lane():
    e = event("x", day(1), actors=("A", "B", "A"), places=())
    assert lane_values(e, "actor") == ("A", "B")
    assert lane_values(e, "place") == ("(no place)",)
    assert lane_values(e, "category") == ("statement",)
    assert lane_values(e, "none") == ("Events",)


def test_busiest_lane_is_on_top_and_placeholder_last():
    events = [event("a", day(1), actors=("Zed",)), event("b", day(2), actors=("Zed", "Amy")),
              event("c", day(3), actors=()), event("d", day(4), actors=("Bob",))]
    assert order_lanes(events, "actor") == ["Zed", "Amy", "Bob", "(no actor)"]
    layout = build_figure(events).layout.yaxis
    assert list(layout.categoryarray) == ["Zed", "Amy", "Bob", "(no actor)"]
    assert layout.range[0] > layout.range[1]  # reversed: the first lane is drawn at the top


def test_month_precise_event_is_a_faint_span_over_the_month_with_a_mid_month_diamond():
    data = figure_json(build_figure(SEPTEMBER))
    trace, i = mark_of(data, "month")
    assert trace["marker"]["symbol"] == "diamond"
    assert not trace["x"][i].startswith("2020-09-01")
    assert "2020-09-15" <= trace["x"][i] <= "2020-09-16 23:59"
    spans = [(t, s) for t in span_traces(data) for s in segments(t) if s[2] == "PMU"]
    assert [s for _, s in spans] == [("2020-09-01", "2020-10-01", "PMU")]
    assert spans[0][0]["opacity"] < 0.5


def test_approximate_date_has_an_open_symbol_and_a_dashed_span():
    data = figure_json(build_figure(SEPTEMBER))
    trace, _ = mark_of(data, "late")
    assert trace["marker"]["symbol"].endswith("-open")
    dashed = [t for t in span_traces(data) if any(s[2] == "Kataib Hezbollah" for s in segments(t))]
    assert [t["line"]["dash"] for t in dashed] == ["dash"]
    exact, _ = mark_of(data, "sistani")
    assert exact["marker"]["symbol"] == "circle"


def test_range_is_a_solid_bar_over_all_its_days():
    data = figure_json(build_figure(SEPTEMBER))
    bars = [(t, s) for t in span_traces(data) for s in segments(t) if s[2] == "Fuad Hussein"]
    assert [s for _, s in bars] == [("2020-09-26", "2020-09-28", "Fuad Hussein")]
    assert bars[0][0]["line"]["dash"] == "solid" and bars[0][0]["opacity"] > 0.5
    trace, i = mark_of(data, "visit")
    assert trace["marker"]["symbol"] == "square"


def test_category_colours_do_not_depend_on_which_categories_are_present():
    def colours(events):
        return {t["name"]: t["marker"]["color"] for t in marker_traces(figure_json(build_figure(events)))}

    all_of_them = colours(SEPTEMBER)
    only_two = colours([e for e in SEPTEMBER if e.category in ("visit", "protest")])
    assert only_two == {k: all_of_them[k] for k in ("visit", "protest")}
    assert all_of_them["statement"] == CATEGORY_COLORS["statement"]
    assert len(set(CATEGORY_COLORS.values())) == len(CATEGORIES)


def test_hover_shows_dates_people_and_sources_and_escapes_user_text():
    evil = event("evil", day(5), title="<script>alert(1)</script>", importance=5,
                 actors=("<img src=x onerror=alert(2)>",), outlet="<b>Outlet</b>")
    fig = build_figure([evil, *SEPTEMBER])
    data = figure_json(fig)
    trace, i = mark_of(data, "evil")
    hover = trace["hovertext"][i]
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in hover
    assert "&lt;img src=x onerror=alert(2)&gt;" in hover and "&lt;b&gt;Outlet&lt;/b&gt;" in hover
    assert "as written evil" in hover and "5 September 2020" in hover and "exact day" in hover
    text = pio.to_json(fig)
    assert "<script>" not in text and "<img" not in text and "<b>Outlet" not in text
    assert any(a.text.startswith("&lt;script&gt;") for a in fig.layout.annotations)


def test_hover_says_when_a_date_is_approximate():
    data = figure_json(build_figure(SEPTEMBER))
    trace, i = mark_of(data, "late")
    assert "known to the month, approximate" in trace["hovertext"][i]
    assert "as written late" in trace["hovertext"][i]


def test_labels_go_to_the_most_important_events_and_never_overlap():
    crowded = [event(f"e{i:02d}", day(1 + i % 28), title=f"A fairly long title for event {i} here",
                     actors=(f"Actor {i % 3}",), importance=1 + i % 5) for i in range(60)]
    fig = build_figure(crowded, FigureOptions(label_limit=8))
    labels = [a for a in fig.layout.annotations if (a.name or "").startswith("label:")]
    assert 1 <= len(labels) <= 8
    by_id = {e.id: e for e in crowded}
    labelled = [by_id[a.name.removeprefix("label:")] for a in labels]
    assert all(e.importance == 5 for e in labelled[:3])
    boxes = label_boxes(fig)
    assert len(boxes) == len(labels)
    assert not [(a, b) for a, b in combinations(boxes, 2) if a.overlaps(b)]


def test_label_limit_zero_means_hover_only():
    fig = build_figure(SEPTEMBER, FigureOptions(label_limit=0))
    assert not [a for a in fig.layout.annotations if (a.name or "").startswith("label:")]


def test_long_labels_are_cut_with_an_ellipsis():
    text = label_text("x" * 100)
    assert len(text) == LABEL_MAX_CHARS and text.endswith("…")
    assert label_text("short") == "short"
    assert label_width_px("abcd") < label_width_px("abcdefgh")


def test_initial_window_is_iso_dates_around_the_data_with_a_margin():
    fig = build_figure(SEPTEMBER)
    first, last = fig.layout.xaxis.range
    assert isinstance(first, str) and isinstance(last, str)
    assert date.fromisoformat(first[:10]) <= date(2020, 9, 1) - timedelta(days=3)
    assert date.fromisoformat(last[:10]) >= date(2020, 10, 1) + timedelta(days=3)
    assert fig.layout.xaxis.type == "date" and fig.layout.xaxis.rangeslider.visible


def test_a_single_day_still_gets_a_window_of_days():
    fig = build_figure([event("one", day(13))])
    first, last = (date.fromisoformat(v[:10]) for v in fig.layout.xaxis.range)
    assert first == date(2020, 9, 10) and last == date(2020, 9, 17)


def test_eras_are_bands_behind_the_events_with_their_label():
    eras = (Era("kadhimi", "Kadhimi <government>", date(2020, 5, 7), date(2020, 9, 20)),
            Era("other", "Coloured", date(2020, 9, 1), date(2020, 9, 5), color="#E69F00"))
    shapes = [s for s in build_figure(SEPTEMBER, eras=eras).layout.shapes if s.type == "rect"]
    assert [s.layer for s in shapes] == ["below", "below"]
    assert [s.label.text for s in shapes] == ["Kadhimi &lt;government&gt;", "Coloured"]
    assert shapes[0].xref == "x" and shapes[0].yref == "y domain"
    assert shapes[1].fillcolor == "#E69F00"


def test_reference_date_is_a_dotted_line_with_a_label():
    fig = build_figure(SEPTEMBER, FigureOptions(reference_date=date(2020, 9, 28), reference_label="Published"))
    line = [s for s in fig.layout.shapes if s.type == "line"]
    assert len(line) == 1 and line[0].line.dash == "dot" and line[0].x0.startswith("2020-09-28")
    assert any(a.text == "Published: 28 September 2020" for a in fig.layout.annotations)


def test_selected_event_gets_a_ring_in_each_of_its_lanes():
    data = figure_json(build_figure(SEPTEMBER, FigureOptions(selected_id="sistani")))
    rings = [t for t in data["data"] if t.get("name") == "selected"]
    assert len(rings) == 1 and sorted(rings[0]["y"]) == ["Government of Iraq", "Sistani"]


def test_many_events_switch_to_webgl_and_add_a_density_strip():
    options = FigureOptions(webgl_threshold=3)
    data = figure_json(build_figure(SEPTEMBER, options))
    assert {t["type"] for t in marker_traces(data)} == {"scattergl"}
    bars = [t for t in data["data"] if t["type"] == "bar"]
    assert len(bars) == 1 and sum(bars[0]["y"]) == len(SEPTEMBER)
    assert data["layout"]["yaxis2"]["title"]["text"] == "events per week"
    assert data["layout"]["xaxis2"]["rangeslider"]["visible"]
    assert data["layout"]["xaxis"]["range"] == data["layout"]["xaxis2"]["range"]


def test_few_events_stay_svg_without_a_strip_unless_asked():
    data = figure_json(build_figure(SEPTEMBER))
    assert {t["type"] for t in marker_traces(data)} == {"scatter"}
    assert "yaxis2" not in data["layout"]
    forced = figure_json(build_figure(SEPTEMBER, FigureOptions(density="on")))
    assert [t for t in forced["data"] if t["type"] == "bar"]


def test_density_counts_per_month_over_long_spans():
    events = [event(f"y{i}", DateValue(date(2015 + i, 3, 3), date(2015 + i, 3, 3), DAY)) for i in range(4)]
    data = figure_json(build_figure(events, FigureOptions(density="on")))
    assert data["layout"]["yaxis2"]["title"]["text"] == "events per month"


def test_trace_count_grows_with_categories_not_events():
    many = [event(f"m{i}", day(1 + i % 28), actors=(f"A{i % 7}",)) for i in range(500)]
    assert len(build_figure(many).data) <= 3 * len(CATEGORIES)


def test_height_follows_the_lanes_unless_given():
    one = build_figure([event("a", day(1))]).layout.height
    many = build_figure([event(f"a{i}", day(1), actors=(f"P{i}",)) for i in range(20)]).layout.height
    assert one == 360 and many > one
    assert build_figure(SEPTEMBER, FigureOptions(height=500)).layout.height == 500


def test_title_is_shown_escaped():
    fig = build_figure(SEPTEMBER, FigureOptions(title="Iraq & <militias>"))
    assert fig.layout.title.text == "Iraq &amp; &lt;militias&gt;"


def test_no_events_gives_a_notice_not_a_crash():
    fig = build_figure([])
    assert [a.text for a in fig.layout.annotations] == ["No events match the filters"]
    assert not fig.data


def test_bad_options_name_the_setting_and_the_allowed_values():
    with pytest.raises(ValueError, match=r"FigureOptions.lanes is 'people'; use one of 'actor'"):
        FigureOptions(lanes="people")


GOLDEN_CASES = {
    "september": (SEPTEMBER, FigureOptions(title="September 2020"), ()),
    "categories": (SEPTEMBER, FigureOptions(lanes="category", reference_date=date(2020, 9, 28),
                                            selected_id="visit", label_limit=2),
                   (Era("ops", "Operation", date(2020, 9, 8), date(2020, 9, 18)),)),
    "density": (SEPTEMBER[:3], FigureOptions(lanes="none", density="on"), ()),
}


@pytest.mark.parametrize("name", sorted(GOLDEN_CASES))
def test_figure_matches_golden_json(name):
    events, options, eras = GOLDEN_CASES[name]
    data = figure_json(build_figure(events, options, eras=eras))
    del data["layout"]["template"]
    path = GOLDEN / f"figure_{name}.json"
    if os.environ.get("UPDATE_GOLDEN") == "1":
        path.parent.mkdir(exist_ok=True)
        path.write_text(json.dumps(data, indent=1, ensure_ascii=False, sort_keys=True) + "\n", encoding="utf-8")
    assert data == json.loads(path.read_text(encoding="utf-8")), f"rerun with UPDATE_GOLDEN=1 and review {path}"


_dates = st.builds(
    lambda start, length, precision, approximate: DateValue(start, start + timedelta(days=length),
                                                            precision, approximate, length > 0),
    st.dates(date(1990, 1, 1), date(2030, 12, 31)), st.integers(0, 40), st.sampled_from(Precision),
    st.booleans())
_names = st.lists(st.sampled_from(["A", "B", "C", "<D>", "E & F", " "]), max_size=4).map(tuple)
_events = st.lists(st.builds(
    lambda i, value, category, actors, places, importance: event(
        f"h{i}", value, category=category, actors=actors, places=places, importance=importance),
    st.integers(0, 10**6), _dates, st.sampled_from([*CATEGORIES, "unlisted"]), _names, _names,
    st.none() | st.integers(1, 5)), max_size=25, unique_by=lambda e: e.id)


@settings(max_examples=60, deadline=None)
@given(events=_events, lanes=st.sampled_from(["actor", "category", "place", "none"]),
       threshold=st.sampled_from([0, 2_500]))
def test_one_mark_per_event_and_lane_for_any_events(events, lanes, threshold):
    data = figure_json(build_figure(events, FigureOptions(lanes=lanes, webgl_threshold=threshold)))
    assert len(marks(data)) == sum(len(lane_values(e, lanes)) for e in events)

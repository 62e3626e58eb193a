"""TimelineJS JSON out and back: dates keep their parts and precision, our fields come back."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from timeline import load_timeline, parse_date
from timeline.cli.main import main
from timeline.errors import TimelineError, ValidationError
from timeline.model import Event, Precision, Source
from timeline.export.timelinejs import EXTRA, read_timelinejs, timelinejs_yaml, to_timelinejs

STORES = ["data/events.yaml", "tests/data/valid/mixed-dates.yaml"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December"]


def plain(event: Event) -> Event:
    return replace(event, source_file=None, line=None)


def through_timelinejs(events, eras, tmp_path: Path, *, strip_extra: bool = False):
    document = json.loads(json.dumps(to_timelinejs(events, eras), ensure_ascii=False))
    if strip_extra:
        for slide in document["events"] + document.get("eras", []):
            slide.pop(EXTRA, None)
    path = tmp_path / "back.yaml"
    path.write_text(timelinejs_yaml(document), encoding="utf-8")
    return load_timeline(path)


@pytest.mark.parametrize("store", STORES)
def test_round_trip_keeps_every_event_and_era(store: str, tmp_path: Path) -> None:
    timeline = load_timeline(store)
    back = through_timelinejs(timeline.events, timeline.eras, tmp_path)
    assert [plain(e) for e in back.events] == [plain(e) for e in timeline.events]
    assert back.eras == timeline.eras


@pytest.mark.parametrize("store", STORES)
def test_plain_timelinejs_keeps_dates_it_can_hold(store: str, tmp_path: Path) -> None:
    """Without timeline_extra: exact days, months and years and their ranges come back as they were."""
    timeline = load_timeline(store)
    holdable = [e for e in timeline.events if not e.approximate
                and e.precision in (Precision.DAY, Precision.MONTH, Precision.YEAR)]
    back = through_timelinejs(holdable, (), tmp_path, strip_extra=True)
    assert [(e.id, e.start, e.end, e.precision) for e in back.events] == [
        (e.id, e.start, e.end, e.precision) for e in holdable]
    assert [e.title for e in back.events] == [e.title for e in holdable]


def test_date_objects_carry_only_the_parts_the_precision_supports() -> None:
    events = {e.id: e for e in load_timeline("tests/data/valid/mixed-dates.yaml").events}
    slides = {s["unique_id"]: s for s in to_timelinejs(list(events.values()), lanes="category")["events"]}
    assert slides["iso-day"]["start_date"] == {"year": 2020, "month": 9, "day": 13}
    assert "end_date" not in slides["iso-day"]
    assert slides["month-only"]["start_date"] == {"year": 2020, "month": 9}
    # Cut at its source's publication (28 September), the month ends on a day.
    assert slides["month-only"]["end_date"] == {"year": 2020, "month": 9, "day": 28}
    assert slides["day-range"]["end_date"] == {"year": 2020, "month": 9, "day": 27}
    assert slides["explicit-end"]["display_date"] == "Sept. 20 – Sept. 24"
    assert slides["hijri-day"]["display_date"] == "25 محرم 1442"
    assert slides["month-only"]["group"] == "meeting"


def test_text_is_escaped_html_with_sources_as_links() -> None:
    source = Source(outlet="A & B", title="<Report>", url="https://example.org/a?b=1&c=2")
    event = Event(id="x", title="Tom & <Jerry>", date=parse_date("2020"), date_text="2020",
                  category="other", sources=(source,), summary="1 < 2", quote='"quoted"')
    slide = to_timelinejs([event], lanes="none")["events"][0]
    assert slide["text"]["headline"] == "Tom &amp; &lt;Jerry&gt;"
    assert slide["text"]["text"] == (
        '<p>1 &lt; 2</p><blockquote>&quot;quoted&quot;</blockquote><p>Source: '
        '<a href="https://example.org/a?b=1&amp;c=2">A &amp; B: &lt;Report&gt;</a></p>')
    assert "group" not in slide and slide["start_date"] == {"year": 2020}


TIMELINEJS_USER_FILE = {
    "title": {"text": {"headline": "Someone else's timeline"}},
    "events": [
        {"start_date": {"year": "2019"}, "text": {"headline": "<b>A year</b>", "text": "<p>Only &amp; a year</p>"}},
        {"start_date": {"year": 2020, "month": 3}, "text": {"headline": "A month"}, "group": "Protesters"},
        {"start_date": {"year": 2020, "month": 9, "day": 13, "hour": 10}, "text": {"headline": "A day"},
         "unique_id": "The Day!", "group": "meeting"},
        {"start_date": {"year": 2020, "month": 9, "day": 26}, "end_date": {"year": 2020, "month": 10},
         "text": {"headline": "A day"}},
    ],
    "eras": [{"start_date": {"year": 2020}, "end_date": {"year": 2020, "month": 6},
              "text": {"headline": "First half"}}],
}


def test_import_of_a_plain_timelinejs_file() -> None:
    imported = read_timelinejs(TIMELINEJS_USER_FILE, source_outlet="Knight Lab")
    rows = [(e.id, e.title, e.date_text, e.end_text, e.start, e.end, e.precision, e.category, e.actors)
            for e in imported.events]
    assert rows == [
        ("a-year", "A year", "2019", None, date(2019, 1, 1), date(2019, 12, 31), Precision.YEAR, "other", ()),
        ("a-month", "A month", "March 2020", None, date(2020, 3, 1), date(2020, 3, 31), Precision.MONTH,
         "other", ("Protesters",)),
        ("the-day", "A day", "13 September 2020", None, date(2020, 9, 13), date(2020, 9, 13), Precision.DAY,
         "meeting", ()),
        ("a-day", "A day", "26 September 2020", "October 2020", date(2020, 9, 26), date(2020, 10, 31),
         Precision.MONTH, "other", ()),
    ]
    assert imported.events[0].summary == "Only & a year"
    assert imported.default_source == Source(outlet="Knight Lab")
    assert [(e.label, e.start, e.end) for e in imported.eras] == [("First half", date(2020, 1, 1), date(2020, 6, 30))]


def test_import_reports_every_unreadable_slide() -> None:
    document = {"events": [{"text": {"headline": "No date"}}, {"start_date": {"year": 2020, "month": 13},
                                                                 "text": {"headline": "Bad month"}},
                           {"start_date": {"year": 2020}}]}
    with pytest.raises(ValidationError) as caught:
        read_timelinejs(document, source_name="in.json")
    assert [str(p) for p in caught.value.problems] == [
        "in.json: field 'start_date': event 1 ('No date'): has no start_date; give it e.g. {\"year\": 2020, \"month\": 9}",
        "in.json: field 'start_date': event 2 ('Bad month'): start_date.month is 13; use a whole number from 1 to 12",
        "in.json: field 'text': event 3: has no headline; give it text.headline",
    ]


def test_import_of_something_else_is_refused() -> None:
    with pytest.raises(TimelineError, match="not a TimelineJS file: it needs a top-level object with an 'events' list"):
        read_timelinejs([1, 2])


def test_cli_export_timelinejs_then_import(tmp_path: Path, capsys) -> None:
    exported, imported = tmp_path / "t.json", tmp_path / "events.yaml"
    assert main(["export", "data/events.yaml", "-o", str(exported), "--format", "timelinejs"]) == 0
    document = json.loads(exported.read_text(encoding="utf-8"))
    assert {"events", "eras"} <= set(document) and all("start_date" in s for s in document["events"])
    assert main(["import-timelinejs", str(exported), "-o", str(imported)]) == 0
    assert f"wrote {imported} ({len(document['events'])} events)" in capsys.readouterr().err
    assert [plain(e) for e in load_timeline(imported).events] == [plain(e) for e in load_timeline("data/events.yaml").events]

    assert main(["import-timelinejs", str(exported), "-o", str(imported)]) == 1
    assert f"error: '{imported}' already exists; choose another -o or pass --force" in capsys.readouterr().err
    assert main(["import-timelinejs", str(exported), "-o", str(imported), "--force"]) == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == ["events.yaml", "t.json"]


def test_cli_import_of_broken_json_says_where(tmp_path: Path, capsys) -> None:
    broken = tmp_path / "broken.json"
    broken.write_text('{"events": [\n  {"start_date": }\n]}', encoding="utf-8")
    assert main(["import-timelinejs", str(broken), "-o", str(tmp_path / "e.yaml")]) == 1
    assert f"error: {broken}:2:18: not valid JSON: Expecting value" in capsys.readouterr().err
    assert not (tmp_path / "e.yaml").exists()


def test_cli_import_of_plain_file_writes_a_valid_store(tmp_path: Path) -> None:
    source = tmp_path / "theirs.json"
    source.write_text(json.dumps(TIMELINEJS_USER_FILE), encoding="utf-8")
    out = tmp_path / "events.yaml"
    assert main(["import-timelinejs", str(source), "-o", str(out), "--source-outlet", "Knight Lab"]) == 0
    text = out.read_text(encoding="utf-8")
    assert "date: March 2020" in text and "end: October 2020" in text and "outlet: Knight Lab" in text
    assert len(load_timeline(out).events) == 4


days = st.dates(min_value=date(1900, 1, 1), max_value=date(2030, 12, 31))
written = st.one_of(days.map(lambda d: f"{d.day} {MONTHS[d.month - 1]} {d.year}"),
                    days.map(lambda d: f"{MONTHS[d.month - 1]} {d.year}"), days.map(lambda d: str(d.year)))
titles = st.text(alphabet=st.characters(codec="utf-8", categories=("L", "N", "P", "Sm")), min_size=1, max_size=30)


@st.composite
def dated_events(draw: st.DrawFn, index: int) -> Event:
    first, last = sorted([parse_date(draw(written)), parse_date(draw(written))], key=lambda v: (v.start, v.end))
    ranged = draw(st.booleans()) and last.end > first.end
    text = draw(written) if not ranged else None
    value = parse_date(text) if text else first
    return Event(id=f"e-{index}", title=draw(titles), date=value, date_text=text or describe(first),
                 end_text=describe(last) if ranged else None, category="other",
                 sources=(Source(outlet="Knight Lab"),))


def describe(value) -> str:
    parts = {Precision.DAY: "%-d %B %Y", Precision.MONTH: "%B %Y", Precision.YEAR: "%Y"}[value.precision]
    return value.start.strftime(parts)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.integers(1, 5).flatmap(lambda n: st.tuples(*(dated_events(i) for i in range(n)))))
def test_plain_round_trip_keeps_generated_dates(tmp_path_factory, events: tuple[Event, ...]) -> None:
    from timeline.dates.reading import combine_range

    events = tuple(replace(e, date=combine_range(parse_date(e.date_text), parse_date(e.end_text)))
                   if e.end_text else e for e in events)
    back = read_timelinejs(json.loads(json.dumps(
        {"events": [{k: v for k, v in s.items() if k != EXTRA} for s in to_timelinejs(events)["events"]]})),
        source_outlet="Knight Lab").events
    assert [(e.start, e.end, e.precision) for e in back] == [(e.start, e.end, e.precision) for e in events]
    assert [e.title for e in back] == [" ".join(e.title.split()) for e in events]


def test_early_days_keep_timelinejs_proleptic_gregorian_and_bce_is_named() -> None:
    from timeline.errors import TimelineError

    document = {"events": [
        {"start_date": {"year": 680, "month": 10, "day": 10}, "text": {"headline": "Karbala"}},
        {"start_date": {"year": 33, "month": 4, "day": 3}, "text": {"headline": "A day in 33"}},
        {"start_date": {"year": 33, "month": 4}, "text": {"headline": "A month in 33"}},
        {"start_date": {"year": 622}, "text": {"headline": "Hijra"}},
    ]}
    events = {e.title: e for e in read_timelinejs(document).events}
    # JavaScript's days are proleptic Gregorian: 10 October 680 must not be read as Julian.
    assert events["Karbala"].date_text == "10 October 680 (Gregorian)"
    assert events["Karbala"].start == date(680, 10, 10)
    assert (events["A day in 33"].start, events["A month in 33"].end) == (date(33, 4, 3), date(33, 4, 30))
    assert events["Hijra"].end == date(622, 12, 31)
    back = {s["text"]["headline"]: s for s in to_timelinejs(list(events.values()))["events"]}
    assert back["Karbala"]["start_date"] == {"year": 680, "month": 10, "day": 10}
    with pytest.raises(TimelineError, match="year is 0, which TimelineJS shows as no year"):
        read_timelinejs({"events": [{"start_date": {"year": 0}, "text": {"headline": "Nothing"}}]})


def test_signed_years_come_in_and_go_out_as_timelinejs_shows_them() -> None:
    """TimelineJS shows its year -539 as '539 BCE': that is the year it means."""
    from timeline.dates.days import make_day

    document = {"events": [
        {"start_date": {"year": -539}, "text": {"headline": "A year"}},
        {"start_date": {"year": -44, "month": 3}, "text": {"headline": "A month"}},
        {"start_date": {"year": -44, "month": 3, "day": 13}, "text": {"headline": "A day"}},
        {"start_date": {"year": -1}, "end_date": {"year": 14}, "text": {"headline": "Across the eras"}},
    ]}
    events = {e.title: e for e in read_timelinejs(document).events}
    assert events["A year"].date_text == "539 BCE"
    assert (events["A year"].start, events["A year"].end) == (make_day(-538, 1, 1), make_day(-538, 12, 31))
    assert events["A month"].date_text == "March 44 BCE"
    # TimelineJS's days are JavaScript's proleptic Gregorian ones, so the day is marked so.
    assert events["A day"].date_text == "13 March 44 BCE (Gregorian)"
    assert events["A day"].start == make_day(-43, 3, 13)
    assert (events["Across the eras"].start, events["Across the eras"].end) == (make_day(0, 1, 1), date(14, 12, 31))
    back = {s["text"]["headline"]: s for s in to_timelinejs(list(events.values()))["events"]}
    assert back["A year"]["start_date"] == {"year": -539}
    assert back["A month"]["start_date"] == {"year": -44, "month": 3}
    assert back["A day"]["start_date"] == {"year": -44, "month": 3, "day": 13}
    assert (back["Across the eras"]["start_date"], back["Across the eras"]["end_date"]) == ({"year": -1}, {"year": 14})


def test_an_ancient_store_goes_to_timelinejs_and_back_with_and_without_our_extra_fields() -> None:
    from timeline.store.loading import load_timeline

    timeline = load_timeline("tests/data/valid/mesopotamia.yaml", use_cache=False)
    document = to_timelinejs(timeline.events)
    bare = {"events": [{key: value for key, value in slide.items() if key != "timeline_extra"}
                       for slide in document["events"]]}
    for imported in (read_timelinejs(document), read_timelinejs(bare)):
        assert [(e.id, e.start, e.end) for e in imported.events] == [(e.id, e.start, e.end) for e in timeline.events]
    assert {e.id: e.date_text for e in read_timelinejs(document).events}["fall-of-babylon"] == "12 October 539 BC"

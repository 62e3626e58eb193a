"""TimelineJS JSON out and back: dates keep their parts and precision, our fields come back, and
TimelineJS's own example files (tests/data/timelinejs/, see its README) come in without loss."""

from __future__ import annotations

import json
import re
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from timeline import load_timeline, parse_date
from timeline.cli.main import main
from timeline.errors import TimelineError, ValidationError
from timeline.export.timelinejs import EXTRA, to_timelinejs
from timeline.export.timelinejsfiles import timelinejs_document
from timeline.export.timelinejsimport import ImportedTimeline, imported_yaml, read_timelinejs, timelinejs_yaml
from timeline.model import Era, Event, Media, Precision, Source, Timeline

STORES = ["data/events.yaml", "tests/data/valid/mixed-dates.yaml"]
EXAMPLES = Path("tests/data/timelinejs")
EXAMPLE_FILES = sorted(EXAMPLES.glob("*.json"), key=lambda p: p.name)
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December"]
FILE_SOURCE = Source(outlet="TimelineJS import")


def plain(event: Event) -> Event:
    return replace(event, source_file=None, line=None)


def example(name: str) -> ImportedTimeline:
    path = EXAMPLES / name
    return read_timelinejs(timelinejs_document(path.read_text(encoding="utf-8"), source_name=str(path)),
                           skip_invalid=True)


def stored(imported: ImportedTimeline, tmp_path: Path, name: str = "events.yaml") -> Timeline:
    """The store file the import writes, loaded as the page would load it."""
    path = tmp_path / name
    path.write_text(imported_yaml(imported), encoding="utf-8")
    return load_timeline(path, use_cache=False)


def exported(timeline: Timeline) -> dict[str, Any]:
    document = to_timelinejs(timeline.events, timeline.eras, places=timeline.places, actors=timeline.actors,
                             categories=timeline.categories)
    return json.loads(json.dumps(document, ensure_ascii=False))


def without_extra(document: dict[str, Any]) -> dict[str, Any]:
    """The document as TimelineJS keeps it: no ``timeline_extra`` anywhere."""
    document = json.loads(json.dumps(document))
    document.pop(EXTRA, None)
    for slide in document["events"] + document.get("eras", []):
        slide.pop(EXTRA, None)
    return document


def through_timelinejs(events, eras, tmp_path: Path, *, strip_extra: bool = False):
    document = json.loads(json.dumps(to_timelinejs(events, eras), ensure_ascii=False))
    path = tmp_path / "back.yaml"
    path.write_text(timelinejs_yaml(without_extra(document) if strip_extra else document), encoding="utf-8")
    return load_timeline(path)


# --- our own stores, out and back -----------------------------------------------------------------

@pytest.mark.parametrize("store", STORES)
def test_round_trip_keeps_every_event_and_era(store: str, tmp_path: Path) -> None:
    timeline = load_timeline(store)
    back = stored(read_timelinejs(exported(timeline)), tmp_path)
    assert [plain(e) for e in back.events] == [plain(e) for e in timeline.events]
    assert (back.eras, back.places, back.actors) == (timeline.eras, timeline.places, timeline.actors)


STORE_WITH_EVERY_FIELD = """\
categories:
- {id: clash, label: Armed clash, color: '#D55E00'}
- {id: talks, label: Talks}
actors:
- {name: Kataib Hezbollah, group: Militias, aliases: [KH], native: كتائب حزب الله}
- {name: Government of Iraq, group: Iraqi state}
places:
- {name: Baghdad, lat: 33.3406, lon: 44.4009, country: Iraq, admin: [Baghdad Governorate]}
- {name: Jurf al-Sakhar, lat: 32.86, lon: 44.16}
eras:
- {id: spring, label: Spring 2020, start: March 2020, end: May 2020, color: '#cccccc'}
- {id: summer, label: Summer 2020, start: June 2020, end: August 2020}
events:
- id: raid
  title: Raid on a Kataib Hezbollah base
  date: 26 June 2020
  category: clash
  actors: [{name: Kataib Hezbollah, side: b}, {name: Government of Iraq, side: a, role: raider}]
  places: [Baghdad, Jurf al-Sakhar]
  fatalities: {low: 0, best: 1, high: 3}
  summary: "Counter-terror forces raided a base.\\n\\nFourteen men were held; all were freed days later."
  quote: We will not allow it.
  media: {url: 'https://example.org/raid.jpg', caption: A base, credit: '[AP](https://apnews.com/x)'}
  sources:
  - {outlet: Reuters, title: Iraq raids base, url: 'https://www.reuters.com/x', published: 2020-06-26}
  - {outlet: Al-Monitor}
  fields: {time: '23:30', acled_id: IRQ1234, geo_precision: 1, first_seen: 2020-06-27}
- id: talks
  title: Talks in Baghdad
  date: July 2020
  category: talks
  sources: [{outlet: Al-Monitor}]
"""


def test_a_store_with_media_fields_registries_and_eras_comes_back_identical(tmp_path: Path) -> None:
    (tmp_path / "store.yaml").write_text(STORE_WITH_EVERY_FIELD, encoding="utf-8")
    timeline = load_timeline(tmp_path / "store.yaml", use_cache=False)
    assert timeline.events[0].media and timeline.events[0].fields and timeline.categories
    back = stored(read_timelinejs(exported(timeline)), tmp_path)
    assert [plain(e) for e in back.events] == [plain(e) for e in timeline.events]
    assert (back.eras, back.places, back.actors, back.categories) == (
        timeline.eras, timeline.places, timeline.actors, timeline.categories)
    # Without timeline_extra TimelineJS still holds the text, quote, media, time, place and sources.
    bare = {e.id: e for e in read_timelinejs(without_extra(exported(timeline))).events}
    raid = bare["raid"]
    assert raid.summary == timeline.events[0].summary and raid.quote == "We will not allow it."
    assert raid.media == Media("https://example.org/raid.jpg", "A base", "[AP](https://apnews.com/x)")
    assert dict(raid.fields)["time"] == "23:30" and raid.places == ("Baghdad",)
    assert raid.sources == (Source("Reuters", "Iraq raids base", "https://www.reuters.com/x", date(2020, 6, 26)),
                            Source("Al-Monitor"))


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


def test_text_is_escaped_html_with_sources_as_links_and_the_quote_as_media() -> None:
    source = Source(outlet="A & B", title="<Report>", url="https://example.org/a?b=1&c=2")
    event = Event(id="x", title="Tom & <Jerry>", date=parse_date("2020"), date_text="2020",
                  category="other", sources=(source, Source("Al-Monitor", published=date(2020, 9, 28))),
                  summary="1 < 2\n\nthen 3", quote='"quoted"')
    slide = to_timelinejs([event], lanes="none")["events"][0]
    assert slide["text"]["headline"] == "Tom &amp; &lt;Jerry&gt;"
    assert slide["text"]["text"] == (
        '<p>1 &lt; 2</p><p>then 3</p><p>Sources:<br>A &amp; B: '
        '<a href="https://example.org/a?b=1&amp;c=2">&lt;Report&gt;</a><br>Al-Monitor, 2020-09-28</p>')
    # TimelineJS shows a quote as the slide's media when it has none.
    assert slide["media"] == {"url": '<blockquote>"quoted"</blockquote>'}
    assert "group" not in slide and slide["start_date"] == {"year": 2020}


def test_an_event_without_actors_gets_no_invented_group() -> None:
    events = [Event(id="a", title="A", date=parse_date("2020"), date_text="2020", category="other",
                    sources=(FILE_SOURCE,)),
              Event(id="b", title="B", date=parse_date("2020"), date_text="2020", category="other",
                    sources=(FILE_SOURCE,), actors=("Sadr",))]
    slides = to_timelinejs(events, lanes="actor")["events"]
    assert "group" not in slides[0] and slides[1]["group"] == "Sadr"
    assert "group" not in to_timelinejs(events[:1], lanes="place")["events"][0]


# --- TimelineJS's example files --------------------------------------------------------------------

@pytest.mark.parametrize("path", EXAMPLE_FILES, ids=lambda p: p.name)
def test_every_example_file_round_trips(path: Path, tmp_path: Path) -> None:
    """import → export → import gives the same events, eras and places, with our extra key and
    without it (as a TimelineJS user who edits the exported file keeps it)."""
    first = stored(example(path.name), tmp_path, "first.yaml")
    assert first.events and not first.warnings
    document = exported(first)
    for name, again in (("extra.yaml", document), ("bare.yaml", without_extra(document))):
        back = stored(read_timelinejs(again), tmp_path, name)
        assert [plain(e) for e in back.events] == [plain(e) for e in first.events], name
        assert back.eras == first.eras and set(back.places) == set(first.places), name


STRAY = re.compile(r"<[a-zA-Z/!][^>]*>|&(?:[a-zA-Z]+|#\d+|#x[0-9a-fA-F]+);|\w\s+(?:[,;:!?)]|\.(?!\.))|\n{3}|^\s|\s$")


@pytest.mark.parametrize("path", EXAMPLE_FILES, ids=lambda p: p.name)
def test_example_text_is_clean_text(path: Path) -> None:
    """No tag, no entity, no space before punctuation, paragraphs as blank lines."""
    texts = [text for e in example(path.name).events
             for text in (e.title, e.summary, e.quote, *(e.media.__dict__.values() if e.media else ()),
                          *(str(v) for k, v in e.fields if k != "media_html"), *(s.title for s in e.sources))
             if text]
    assert texts
    assert [text for text in texts if STRAY.search(text)] == []


def test_clean_text_keeps_punctuation_to_its_word_and_paragraphs_apart() -> None:
    events = read_timelinejs({"events": [{"start_date": {"year": 2020}, "text": {
        "headline": "<b>Sadr</b>, Hakim &amp; Abadi", "text": "<p>Met <i>Kadhimi</i>, then <b>left</b>.<br>Later"
        "&nbsp;&hellip;</p><p>A new paragraph</p>"}}]}).events
    assert events[0].title == "Sadr, Hakim & Abadi"
    assert events[0].summary == "Met Kadhimi, then left.\nLater …\n\nA new paragraph"


def test_links_in_the_text_become_sources_and_their_words_stay() -> None:
    events = {e.id: e for e in example("republican.json").events}
    iowa = events["iowa"]
    assert "beating out Mass. Gov. Mitt Romney in Iowa after much debate about the results." in iowa.summary
    assert iowa.sources == (FILE_SOURCE, Source(
        outlet="Fox News", title="much debate",
        url="http://www.foxnews.com/politics/2012/01/21/iowa-republican-party-reaffirms-santorum-as-winner-caucuses/"))
    # An outlet is named only where its domain says so; else the domain stands for it.
    assert [(s.outlet, s.title) for s in events["florida"].sources] == [
        ("TimelineJS import", None), ("Fox News", "strong comeback"), ("newsmax.com", "most negative")]
    assert events["super-tuesday"].sources == (FILE_SOURCE,)
    women = {e.id: e for e in example("women-in-computing.json").events}
    assert [(s.outlet, s.title) for s in women["ada-lovelace"].sources[1:]] == [
        ("Wikipedia", "Ada Lovelace"), ("Wikipedia", "Charles Babbage's Analytical Engine")]
    assert "Take Ada Lovelace: Daughter of Lord Byron" in women["ada-lovelace"].summary


def test_quotes_come_from_media_and_from_the_text() -> None:
    events = {e.id: e for e in example("republican.json").events}
    hampshire = events["new-hampshire"]
    assert hampshire.quote.startswith("“In the last few days, we have seen some desperate Republicans join forces")
    assert hampshire.media is None and dict(hampshire.fields) == {
        "media_caption": "From Romney's victory speech, directed at Newt Gingrich, former House speaker",
        "media_credit": "Romney Wins In New Hampshire Republican Primary/New York Times"}
    clarke = {e.id: e for e in example("women-in-computing.json").events}["edith-clarke-bucking-the-trend"]
    assert clarke.quote.endswith("a good piece of work.\nEdith Clarke, first female professor of electrical "
                                 "engineering in the United States")
    in_text = read_timelinejs({"events": [{"start_date": {"year": 2020}, "text": {
        "headline": "Q", "text": "<p>Before.</p><blockquote>Said <b>this</b>.</blockquote><p>After.</p>"}}]})
    assert (in_text.events[0].summary, in_text.events[0].quote) == ("Before.\n\nAfter.", "Said this.")


TWEET = ('<blockquote class="twitter-tweet"><p lang="en" dir="ltr">Good dogs &amp; all. '
         '<a href="https://twitter.com/hashtag/NYE2018?src=hash">#NYE2018</a></p>&mdash; Kit Berry (@ItsMeKitB) '
         '<a href="https://twitter.com/ItsMeKitB/status/947659340864876544">January 1, 2018</a></blockquote> '
         '<script async src="https://platform.twitter.com/widgets.js" charset="utf-8"></script>')


def test_an_embedded_tweet_is_a_quote_its_link_a_source_and_it_goes_back_as_it_came() -> None:
    slide = {"start_date": {"year": 2018, "month": 1, "day": 1}, "text": {"headline": "Tweet"},
             "media": {"url": TWEET, "caption": "Pizza Dog", "credit": "ItsMeKitB"}}
    event = read_timelinejs({"events": [slide]}).events[0]
    assert event.quote == "Good dogs & all. #NYE2018\n\n— Kit Berry (@ItsMeKitB) January 1, 2018"
    assert event.sources[1:] == (Source("Twitter", "January 1, 2018",
                                        "https://twitter.com/ItsMeKitB/status/947659340864876544"),)
    assert dict(event.fields)["media_html"] == TWEET
    back = to_timelinejs([event])["events"][0]
    assert back["media"] == {"url": TWEET, "caption": "Pizza Dog", "credit": "ItsMeKitB"}
    assert "<blockquote>" not in back["text"]["text"]


def test_media_is_kept_and_goes_back_out_as_timelinejs_media() -> None:
    events = {e.id: e for e in example("republican.json").events}
    assert events["iowa"].media == Media(
        "https://farm7.staticflickr.com/6200/6057989217_3bd755477b.jpg",
        "Rick Santorum at the Iowa State Fair before the Ages Straw Poll.",
        "[Gage Skidmore](http://www.flickr.com/photos/gageskidmore/6057989217/)/Flickr")
    # A protocol-relative address is the https one TimelineJS loads today.
    assert events["florida"].media.url == "https://farm8.staticflickr.com/7001/6812048183_316d424f2f.jpg"
    slide = to_timelinejs([events["iowa"]])["events"][0]
    assert slide["media"] == {
        "url": "https://farm7.staticflickr.com/6200/6057989217_3bd755477b.jpg",
        "caption": "Rick Santorum at the Iowa State Fair before the Ages Straw Poll.",
        "credit": '<a href="http://www.flickr.com/photos/gageskidmore/6057989217/">Gage Skidmore</a>/Flickr'}
    # A site-relative picture cannot be an address of ours; it is kept, with its caption, as fields.
    heritage = example("houston.json").events[0]
    assert heritage.media is None and dict(heritage.fields)["media_url"] == "/static/img/examples/houston/family.jpg"
    assert dict(heritage.fields)["media_credit"].startswith("Cissy Houston photo:[Tom Marcello](http://www.flickr")


def test_times_of_day_and_locations_are_kept(tmp_path: Path) -> None:
    imported = example("marktwain.json")
    events = {e.id: e for e in imported.events}
    born = events["florida-missouri"]
    assert (born.date_text, dict(born.fields)["time"], born.places) == (
        "5 January 2000", "06:45:56", ("Florida, Missouri",))
    assert dict(events["hannibal-missouri"].fields) == {"time": "06:45:56", "end_time": "06:45:56"}
    places = {p.name: (p.lat, p.lon) for p in imported.places}
    # The file names two spots 'Florida, Missouri'; the second is told apart by its coordinates,
    # and a location without a name is named by them.
    assert places["Florida, Missouri"] == (39.491711, -91.79326)
    assert places["Florida, Missouri (39.501711, -91.94326)"] == (39.501711, -91.94326)
    assert places["40.714353, -74.005973"] == (40.714353, -74.005973)
    timeline = stored(imported, tmp_path)
    assert timeline.place("Florida, Missouri").lat == 39.491711 and not timeline.warnings
    assert "time: 06:45:56" in (tmp_path / "events.yaml").read_text(encoding="utf-8").replace("'", "")
    slide = {s["unique_id"]: s for s in exported(timeline)["events"]}["florida-missouri"]
    assert slide["start_date"] == {"year": 2000, "month": 1, "day": 5, "hour": 6, "minute": 45, "second": 56}
    assert slide["location"] == {"name": "Florida, Missouri", "lat": 39.491711, "lon": -91.79326}


def test_display_date_is_the_date_as_written_when_it_reads_the_same_else_a_field() -> None:
    def read(display: str) -> Event:
        return read_timelinejs({"events": [{"start_date": {"year": 2020, "month": 9, "day": 13},
                                            "display_date": display, "text": {"headline": "A"}}]}).events[0]
    assert (read("Sept. 13, 2020").date_text, read("Sept. 13, 2020").fields) == ("Sept. 13, 2020", ())
    assert (read("A Sunday in autumn").date_text, read("A Sunday in autumn").fields) == (
        "13 September 2020", (("display_date", "A Sunday in autumn"),))
    assert to_timelinejs([read("A Sunday in autumn")])["events"][0]["display_date"] == "A Sunday in autumn"


def test_eras_keep_their_own_precision_and_meet_without_overlapping() -> None:
    """TimelineJS draws an era up to the moment its end_date names: its examples' eras 600-650
    and 650-700 meet. Read so, they do not overlap, and they go back out as the file wrote them."""
    document = json.loads((EXAMPLES / "eras.json").read_text(encoding="utf-8"))
    eras = sorted(example("eras.json").eras, key=lambda era: era.start)
    assert [(era.start, era.end) for era in eras] == [
        (date(600, 1, 1), date(649, 12, 31)), (date(650, 1, 1), date(699, 12, 31)),
        (date(700, 1, 1), date(719, 12, 31))]
    back = {slide["text"]["headline"]: slide for slide in to_timelinejs([], eras)["eras"]}
    for era in document["eras"]:
        parts = {key: int(value) for key, value in era["start_date"].items()}
        assert back[era["text"]["headline"]]["start_date"] == parts
        assert back[era["text"]["headline"]]["end_date"] == {key: int(v) for key, v in era["end_date"].items()}
    # An era known to the month stays months; it ends where the next begins.
    ours = [Era("a", "A", date(2003, 3, 1), date(2004, 6, 30)), Era("b", "B", date(2004, 7, 1), date(2005, 1, 14))]
    slides = to_timelinejs([], ours)["eras"]
    assert [(s["start_date"], s["end_date"]) for s in slides] == [
        ({"year": 2003, "month": 3}, {"year": 2004, "month": 7}),
        ({"year": 2004, "month": 7}, {"year": 2005, "month": 1, "day": 15})]
    assert read_timelinejs({"events": [], "eras": without_extra({"events": [], "eras": slides})["eras"]}).eras == tuple(
        ours)
    # Files from our earlier exports wrote an era's last day itself (and no 'start' in its extra).
    earlier = {"start_date": {"year": 2020, "month": 5, "day": 7}, "end_date": {"year": 2020, "month": 9, "day": 29},
               "text": {"headline": "Kadhimi"}, EXTRA: {"id": "kadhimi", "label": "Kadhimi", "open_end": False}}
    assert read_timelinejs({"events": [], "eras": [earlier]}).eras[0].end == date(2020, 9, 29)


def test_timelinejs2_file_reads_as_its_timelinejs3_twin() -> None:
    older, newer = example("houston-timelinejs2.json"), example("houston.json")
    assert len(older.events) == 18 and older.events == newer.events


def test_older_and_other_formats_are_named() -> None:
    def refusal(document: Any) -> str:
        with pytest.raises(TimelineError) as caught:
            read_timelinejs(timelinejs_document(json.dumps(document), source_name="in.json"), source_name="in.json")
        return str(caught.value)
    assert refusal({"timeline": {"headline": "Old"}}) == (
        "in.json: this looks like TimelineJS 2 JSON (a top-level 'timeline') but it has no 'date' list of "
        "slides; give it one, or export the timeline again as TimelineJS 3 JSON (an 'events' list)")
    assert refusal({"storymap": {"slides": []}}).startswith("in.json: this is a StoryMapJS file")
    assert refusal([1, 2]).startswith("in.json: not a TimelineJS file: it needs a top-level object with an 'events'")
    with pytest.raises(ValidationError) as caught:
        read_timelinejs(timelinejs_document(json.dumps({"timeline": {"date": [
            {"startDate": "1/26/2012", "headline": "Primary"}]}}), source_name="in.json"), source_name="in.json")
    assert [str(p) for p in caught.value.problems] == [
        "in.json: slide 1 ('Primary'): start_date is '1/26/2012', not date parts; write it as {\"year\": 2012, "
        "\"month\": 1, \"day\": 26} (in TimelineJS 2 JSON: '2012,1,26')"]


def test_cli_refuses_a_sheets_csv_and_names_the_command_that_reads_it(tmp_path: Path, capsys) -> None:
    sheet = EXAMPLES / "my-own-timeline.csv"
    assert main(["import-timelinejs", str(sheet), "-o", str(tmp_path / "e.yaml")]) == 1
    assert capsys.readouterr().err == (
        f"error: {sheet}: this is a TimelineJS Google Sheets CSV (columns Year, Month, Day, ..., Headline, Text, "
        f"Media), not TimelineJS JSON; read it with: timeline import-csv {sheet} -o OUT.yaml --preset "
        "timelinejs-sheet\n")
    assert not (tmp_path / "e.yaml").exists()


# --- problems -------------------------------------------------------------------------------------

def test_cli_skip_invalid_writes_every_good_slide_and_names_each_skipped(tmp_path: Path, capsys) -> None:
    twain, out = EXAMPLES / "marktwain.json", tmp_path / "twain.yaml"
    assert main(["import-timelinejs", str(twain), "-o", str(out)]) == 1
    expected = [f"{twain}: slide {n}: has no headline; give it text.headline" for n in (1, 4, 5, 6)]
    assert capsys.readouterr().err.splitlines() == expected + [
        f"{twain}: nothing written: fix the slides above, or pass --skip-invalid to write the 13 that can be read"]
    assert not out.exists()
    assert main(["import-timelinejs", str(twain), "-o", str(out), "--skip-invalid"]) == 0
    assert capsys.readouterr().err.splitlines() == expected + [f"wrote {out} (13 events, 4 skipped)"]
    assert len(load_timeline(out, use_cache=False).events) == 13


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
    "eras": [{"start_date": {"year": 2020}, "end_date": {"year": 2020, "month": 7},
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
    assert imported.events[2].fields == (("time", "10:00"),)
    assert imported.default_source == Source(outlet="Knight Lab")
    assert imported.title == "Someone else's timeline"
    # The era runs up to July, as TimelineJS draws it: January to June.
    assert [(e.label, e.start, e.end) for e in imported.eras] == [("First half", date(2020, 1, 1), date(2020, 6, 30))]


def test_import_reports_every_unreadable_slide() -> None:
    document = {"events": [{"text": {"headline": "No date"}}, {"start_date": {"year": 2020, "month": 13},
                                                                 "text": {"headline": "Bad month"}},
                           {"start_date": {"year": 2020}, "unique_id": "no-headline"},
                           {"start_date": {"year": 2020, "hour": 25}, "text": {"headline": "Late"}},
                           {"start_date": {"year": 2020}, "text": {"headline": "Far"}, "location": {"lat": 91}},
                           {"start_date": {"year": 2020}, "text": ["not", "an", "object"]}]}
    with pytest.raises(ValidationError) as caught:
        read_timelinejs(document, source_name="in.json")
    assert [str(p) for p in caught.value.problems] == [
        "in.json: slide 1 ('No date'): has no start_date; give it e.g. {\"year\": 2020, \"month\": 9}",
        "in.json: slide 2 ('Bad month'): start_date.month is 13; use a whole number from 1 to 12",
        "in.json: slide 3 ('no-headline'): has no headline; give it text.headline",
        "in.json: slide 4 ('Late'): start_date.hour is 25; use a whole number from 0 to 23",
        "in.json: slide 5 ('Far'): location.lat is 91; use decimal degrees from -90 to 90",
        "in.json: slide 6: text must be an object, not list",
    ]
    skipped = read_timelinejs(document, source_name="in.json", skip_invalid=True)
    assert (skipped.events, len(skipped.skipped)) == ((), 6)


def test_import_of_something_else_is_refused() -> None:
    with pytest.raises(TimelineError, match="not a TimelineJS file: it needs a top-level object with an 'events' list"):
        read_timelinejs([1, 2])


json_values = st.recursive(st.none() | st.booleans() | st.integers(-10**12, 10**12) | st.floats(allow_nan=False)
                           | st.text(max_size=12) | st.sampled_from(["2020", "<p>x</p>", "<blockquote>q", "//x.y"]),
                           lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=6), inner,
                                                                                       max_size=3), max_leaves=8)
slide_keys = st.sampled_from(["start_date", "end_date", "text", "media", "group", "location", "unique_id",
                              "display_date", EXTRA])
date_parts = st.dictionaries(st.sampled_from(["year", "month", "day", "hour", "minute"]),
                             st.integers(-3, 2030) | st.text(max_size=4), max_size=5)
slides = st.dictionaries(slide_keys, json_values | date_parts, max_size=6)


@settings(max_examples=150, deadline=None)
@given(st.lists(slides | json_values, max_size=4), st.lists(slides, max_size=2))
def test_any_json_is_read_or_refused_with_a_message_never_a_traceback(events, eras) -> None:
    try:
        imported = read_timelinejs({"events": events, "eras": eras}, skip_invalid=True)
    except TimelineError:
        return
    assert len(imported.events) + len(imported.skipped) >= len(events)
    imported_yaml(imported)


def test_cli_export_timelinejs_then_import(tmp_path: Path, capsys) -> None:
    exported_file, imported = tmp_path / "t.json", tmp_path / "events.yaml"
    assert main(["export", "data/events.yaml", "-o", str(exported_file), "--format", "timelinejs"]) == 0
    document = json.loads(exported_file.read_text(encoding="utf-8"))
    assert {"events", "eras"} <= set(document) and all("start_date" in s for s in document["events"])
    assert main(["import-timelinejs", str(exported_file), "-o", str(imported)]) == 0
    assert f"wrote {imported} ({len(document['events'])} events)" in capsys.readouterr().err
    original, back = load_timeline("data/events.yaml"), load_timeline(imported)
    assert [plain(e) for e in back.events] == [plain(e) for e in original.events]
    assert (back.places, back.actors, back.eras) == (original.places, original.actors, original.eras)

    assert main(["import-timelinejs", str(exported_file), "-o", str(imported)]) == 1
    assert f"error: '{imported}' already exists; choose another -o or pass --force" in capsys.readouterr().err
    assert main(["import-timelinejs", str(exported_file), "-o", str(imported), "--force"]) == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == ["events.yaml", "t.json"]


def test_cli_import_of_broken_json_says_where(tmp_path: Path, capsys) -> None:
    broken = tmp_path / "broken.json"
    broken.write_text('{"events": [\n  {"start_date": }\n]}', encoding="utf-8")
    assert main(["import-timelinejs", str(broken), "-o", str(tmp_path / "e.yaml")]) == 1
    assert f"error: {broken}:2:18: not valid JSON: Expecting value" in capsys.readouterr().err
    assert not (tmp_path / "e.yaml").exists()


def test_cli_import_keeps_the_sources_of_a_real_file(tmp_path: Path, capsys) -> None:
    out = tmp_path / "republican.yaml"
    assert main(["import-timelinejs", str(EXAMPLES / "republican.json"), "-o", str(out),
                 "--source-outlet", "Knight Lab"]) == 0
    assert capsys.readouterr().err == f"wrote {out} (13 events)\n"
    text = out.read_text(encoding="utf-8")
    assert "outlet: Knight Lab" in text and "title: much debate" in text and "outlet: Fox News" in text
    assert "# Imported from tests/data/timelinejs/republican.json (TimelineJS JSON, 'The Republican Run-Up')" in text
    assert len(load_timeline(out).events) == 13


def test_cli_import_of_plain_file_writes_a_valid_store(tmp_path: Path) -> None:
    source = tmp_path / "theirs.json"
    source.write_text(json.dumps(TIMELINEJS_USER_FILE), encoding="utf-8")
    out = tmp_path / "events.yaml"
    assert main(["import-timelinejs", str(source), "-o", str(out), "--source-outlet", "Knight Lab"]) == 0
    text = out.read_text(encoding="utf-8")
    assert "date: March 2020" in text and "end: October 2020" in text and "outlet: Knight Lab" in text
    assert len(load_timeline(out).events) == 4


# --- generated dates, and dates of other eras -----------------------------------------------------

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
    back = read_timelinejs(without_extra({"events": to_timelinejs(events)["events"]}),
                           source_outlet="Knight Lab").events
    assert [(e.start, e.end, e.precision) for e in back] == [(e.start, e.end, e.precision) for e in events]
    assert [e.title for e in back] == [" ".join(e.title.split()) for e in events]


def test_early_days_keep_timelinejs_proleptic_gregorian_and_bce_is_named() -> None:
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
    with pytest.raises(ValidationError, match="year is 0, which TimelineJS shows as no year"):
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
    timeline = load_timeline("tests/data/valid/mesopotamia.yaml", use_cache=False)
    document = to_timelinejs(timeline.events)
    for imported in (read_timelinejs(document), read_timelinejs(without_extra(document))):
        assert [(e.id, e.start, e.end) for e in imported.events] == [(e.id, e.start, e.end) for e in timeline.events]
    assert {e.id: e.date_text for e in read_timelinejs(document).events}["fall-of-babylon"] == "12 October 539 BC"

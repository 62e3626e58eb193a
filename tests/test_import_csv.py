"""`timeline import-csv` (issue 14, part 2): ACLED, UCDP GED and TimelineJS's sheet as CSV, any CSV
with --map; dates as precise as each codebook says, sides, fatalities, places with coordinates,
categories, free fields; every bad row named by its CSV line; folders past the threshold; round trips."""

from __future__ import annotations

import csv
import io
import json
from dataclasses import fields as dataclass_fields
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from timeline.cli.importing import ProgressBar
from timeline.cli.main import main
from timeline.dates.periods import MONTHS
from timeline.dates.reading import parse_date
from timeline.edit import newstore
from timeline.edit.csvimport import import_csv
from timeline.edit.csvmap import ColumnMap, parse_map
from timeline.edit.csvpresets import OKABE_ITO, read_acled
from timeline.edit.csvrows import Row, RowProblems
from timeline.edit.newstore import FOLDER_THRESHOLD, write_new_store
from timeline.errors import TimelineError, ValidationError
from timeline.model import ActorRole, Event, Fatalities, Media, Precision, Source
from timeline.store.loading import load_timeline, store_report
from timeline.store.serialize import store_yaml

IMPORTS = Path("tests/data/imports")
ACLED, ACLED_2020, BAD = IMPORTS / "acled.csv", IMPORTS / "acled_2020_export.csv", IMPORTS / "acled_bad.csv"
UCDP, SHEET = IMPORTS / "ucdp_ged.csv", IMPORTS / "timelinejs_sheet.csv"
FIXTURES = [("acled", ACLED), ("acled", ACLED_2020), ("ucdp-ged", UCDP), ("timelinejs-sheet", SHEET)]
DERIVED = {"line", "source_file", "groups", "known_as"}
"""What the store adds to an event as it reads it (where it stands, what its registries say)."""


def essence(event: Event) -> dict[str, object]:
    return {f.name: getattr(event, f.name) for f in dataclass_fields(event) if f.name not in DERIVED}


@pytest.fixture(scope="module")
def imported(tmp_path_factory: pytest.TempPathFactory) -> dict[Path, tuple[Path, object]]:
    """Each fixture imported through the command and loaded back, once for the module."""
    folder = tmp_path_factory.mktemp("imported")
    done = {}
    for preset, source in FIXTURES:
        out = folder / f"{source.stem}.yaml"
        assert main(["import-csv", str(source), "-o", str(out), "--preset", preset]) == 0
        done[source] = (out, load_timeline(out, use_cache=False))
    return done


def by_id(imported: dict, source: Path) -> dict[str, Event]:
    return {event.id: event for event in imported[source][1].events}


D = date.fromisoformat
WEEK, MONTH, DAY, YEAR = Precision.WEEK, Precision.MONTH, Precision.DAY, Precision.YEAR

ACLED_DATES = [  # id, date as written, first and last day, precision, approximate
    (ACLED, "irq49150", "28 September 2020", "2020-09-28", "2020-09-28", DAY, False),
    (ACLED, "irq49151", "28 September 2020", "2020-09-28", "2020-09-28", DAY, False),
    (ACLED, "irq49130", "20 September 2020", "2020-09-20", "2020-09-20", DAY, False),
    (ACLED, "irq49135", "22 September 2020", "2020-09-22", "2020-09-22", DAY, False),
    (ACLED, "irq49110", "14 September 2020", "2020-09-14", "2020-09-14", DAY, False),
    (ACLED, "irq49125", "17 September 2020", "2020-09-17", "2020-09-17", DAY, False),
    (ACLED, "irq49160", "29 September 2020", "2020-09-29", "2020-09-29", DAY, False),
    # time_precision 2: ACLED codes the week's middle day (Thursday 24th, Wednesday 16th): the week
    (ACLED, "irq49140", "c. week of 24 September 2020", "2020-09-21", "2020-09-27", WEEK, True),
    (ACLED, "irq49120", "c. week of 16 September 2020", "2020-09-14", "2020-09-20", WEEK, True),
    # time_precision 3: the month's midpoint is the month; its first or last day, its beginning or end
    (ACLED, "irq49100", "September 2020", "2020-09-01", "2020-09-30", MONTH, False),
    (ACLED, "irq49090", "early September 2020", "2020-09-01", "2020-09-10", MONTH, True),
    (ACLED, "irq49170", "late September 2020", "2020-09-21", "2020-09-30", MONTH, True),
    # the 2020 export writes '3 September 2020'
    (ACLED_2020, "irq49080", "c. week of 3 September 2020", "2020-08-31", "2020-09-06", WEEK, True),
    (ACLED_2020, "irq49085", "10 September 2020", "2020-09-10", "2020-09-10", DAY, False),
    (ACLED_2020, "irq49095", "September 2020", "2020-09-01", "2020-09-30", MONTH, False),
    (ACLED_2020, "irq49096", "25 September 2020", "2020-09-25", "2020-09-25", DAY, False),
]
UCDP_DATES = [  # date_prec: 1 day, 2 two to six days, 3 a week, 4 a month, 5 a year
    ("ucdp-335101", "14 September 2020", "2020-09-14", "2020-09-14", DAY, False),
    ("ucdp-335102", "sometime between 10 and 13 September 2020", "2020-09-10", "2020-09-13", DAY, False),
    ("ucdp-335103", "week of 14 September 2020", "2020-09-14", "2020-09-20", WEEK, False),
    ("ucdp-335104", "sometime between 20 and 26 September 2020", "2020-09-20", "2020-09-26", DAY,
     False),  # a Sunday-to-Saturday week
    ("ucdp-335105", "September 2020", "2020-09-01", "2020-09-30", MONTH, False),
    ("ucdp-335106", "2020", "2020-01-01", "2020-12-31", YEAR, False),
    ("ucdp-335107", "sometime between 25 August and 5 September 2020", "2020-08-25", "2020-09-05", DAY, False),
    ("ucdp-335108", "28 September 2020", "2020-09-28", "2020-09-28", DAY, False),
]


@pytest.mark.parametrize(("source", "event_id", "written", "start", "end", "precision", "approximate"), ACLED_DATES)
def test_acled_dates_keep_the_codebooks_precision(imported, source, event_id, written, start, end, precision,
                                                  approximate) -> None:
    event = by_id(imported, source)[event_id]
    assert (event.date_text, event.start, event.end, event.precision, event.approximate) == (
        written, D(start), D(end), precision, approximate)
    assert event.reported_by is None


@pytest.mark.parametrize(("event_id", "written", "start", "end", "precision", "is_range"), UCDP_DATES)
def test_ucdp_windows_are_kept_whole(imported, event_id, written, start, end, precision, is_range) -> None:
    event = by_id(imported, UCDP)[event_id]
    assert (event.date_text, event.start, event.end, event.precision, event.date.is_range) == (
        written, D(start), D(end), precision, is_range)
    assert not event.approximate and event.reported_by is None  # every article came out after its window


def test_every_row_became_an_event_and_the_stores_validate_clean(imported, capsys) -> None:
    counts = {ACLED: 12, ACLED_2020: 4, UCDP: 8, SHEET: 5}
    for source, (out, timeline) in imported.items():
        assert len(timeline.events) == counts[source]
        assert store_report(out) == ([], [])  # no problem, and no warning either
    assert main(["validate", *(str(out) for out, _ in imported.values())]) == 0
    assert capsys.readouterr().err.startswith("ok: ")


def test_acled_titles_name_the_type_the_actors_and_the_place(imported) -> None:
    events = by_id(imported, ACLED)
    assert events["irq49150"].title == "Protests: Protesters (Iraq) in Baghdad"
    assert events["irq49151"].title == ("Explosions/Remote violence: Unidentified Armed Group (Iraq) and Civilians "
                                        "(Iraq) in Al-Radwaniyah")
    assert events["irq49120"].title == ("Battles: Military Forces of Iraq (2020-) and Islamic State (Iraq) in "
                                        "Al-Muqdadiya")


def test_acled_places_are_listed_once_with_their_coordinates_and_areas(imported) -> None:
    timeline = imported[ACLED][1]
    basrah = by_id(imported, ACLED)["irq49090"]  # location, governorate and district are all 'Basrah'
    assert basrah.places == ("Basrah",)
    place = timeline.place("Basrah")
    assert (place.lat, place.lon, place.country, place.admin) == (30.5085, 47.7804, "Iraq", ("Markaz Al-Basrah",))
    assert timeline.place("Sharanish").admin == ("Duhok", "Zakho", "Darkar")
    used = {name for event in timeline.events for name in event.places}
    assert used == {p.name for p in timeline.places} and len(timeline.places) == 10
    assert all(p.lat is not None and p.lon is not None for p in timeline.places)


def test_places_of_one_name_in_two_spots_are_told_apart_by_their_area(imported) -> None:
    events, timeline = by_id(imported, ACLED_2020), imported[ACLED_2020][1]
    assert events["irq49085"].places == ("Al-Rashidiya",)  # north of Mosul, met first
    assert events["irq49095"].places == ("Al-Rashidiya (Baghdad)",)
    assert (timeline.place("Al-Rashidiya").lat, timeline.place("Al-Rashidiya (Baghdad)").lat) == (36.4166, 33.45)


def test_acled_actors_keep_their_sides_and_actor_types(imported) -> None:
    events, timeline = by_id(imported, ACLED), imported[ACLED][1]
    protest = events["irq49150"]
    assert protest.actors == ("Protesters (Iraq)", "Students (Iraq)", "Teachers (Iraq)")
    assert dict(protest.roles) == {"Protesters (Iraq)": ActorRole(side="a"),
                                   "Students (Iraq)": ActorRole(side="a", role="associated"),
                                   "Teachers (Iraq)": ActorRole(side="a", role="associated")}
    arrest = events["irq49100"]
    assert dict(arrest.roles)["Protesters (Iraq)"] == ActorRole(side="b")
    assert dict(arrest.roles)["Activists (Iraq)"] == ActorRole(side="b", role="associated")
    assert timeline.actor("Police Forces of Iraq (2020-)").group == "State forces"
    assert imported[ACLED_2020][1].actor("Islamic State (Iraq)").group == "Rebel groups"  # inter1 '2'


def test_acled_fatalities_notes_sources_tags_and_fields(imported) -> None:
    rocket = by_id(imported, ACLED)["irq49151"]
    assert rocket.fatalities == Fatalities(best=5)
    assert rocket.summary.startswith("On 28 September 2020, a rocket fired")
    assert rocket.sources == (Source(outlet="Reuters"), Source(outlet="Rudaw"))
    assert rocket.tags == ("shelling-artillery-missile-attack",)
    assert dict(rocket.fields) == {
        "acled_id": "IRQ49151", "time_precision": 1, "disorder_type": "Political violence",
        "sub_event_type": "Shelling/artillery/missile attack", "inter1": "Political militias", "inter2": "Civilians",
        "interaction": "Political militias-Civilians", "civilian_targeting": "Civilian targeting", "iso": 368,
        "region": "Middle East", "geo_precision": 1, "source_scale": "International-Regional",
        "timestamp": 1601936411}
    assert by_id(imported, ACLED)["irq49170"].sources == tuple(
        Source(outlet=o) for o in ("Shafaq News", "Xinhua", "Rudaw"))
    assert dict(by_id(imported, ACLED)["irq49150"].fields)["acled_tags"] == "crowd size=no report"


def test_acled_event_types_are_a_registry_of_their_own(imported) -> None:
    categories = imported[ACLED][1].categories
    assert [c.id for c in categories] == ["battles", "explosions-remote-violence", "violence-against-civilians",
                                          "protests", "riots", "strategic-developments"]
    assert all(c.description and c.color in OKABE_ITO for c in categories)
    assert len({c.color for c in categories}) == 6
    assert by_id(imported, ACLED)["irq49151"].category == "explosions-remote-violence"
    assert [c.id for c in imported[ACLED_2020][1].categories] == [  # only the types the file uses
        "battles", "explosions-remote-violence", "protests", "riots"]


def test_ucdp_sides_estimates_places_articles_and_fields(imported) -> None:
    events, timeline = by_id(imported, UCDP), imported[UCDP][1]
    tarmiyah = events["ucdp-335101"]
    assert tarmiyah.title == "State-based conflict: Government of Iraq vs. IS in Tarmiyah town"
    assert dict(tarmiyah.roles) == {"Government of Iraq": ActorRole(side="a"), "IS": ActorRole(side="b")}
    assert tarmiyah.fatalities == Fatalities(best=3, low=2, high=4)
    assert tarmiyah.sources == (
        Source("Xinhua", "Three Iraqi soldiers killed in IS attack north of Baghdad", published=D("2020-09-15")),
        Source("BBC Monitoring Middle East", "Iraqi army repels IS attack in Tarmiyah", published=D("2020-09-15")))
    place = timeline.place("Tarmiyah town")
    assert (place.lat, place.lon, place.admin) == (33.669, 44.3987, ("Baghdad governorate", "Tarmiyah district"))
    assert timeline.place("Salah al-Din governorate").admin == ()  # the governorate is the place itself
    fields = dict(tarmiyah.fields)
    assert (fields["ucdp_id"], fields["date_prec"], fields["where_prec"], fields["dyad_name"]) == (
        335101, 1, 1, "Government of Iraq - IS")
    assert "geom_wkt" not in fields and "best" not in fields
    # An article written the older way, 'Outlet (day): "headline"', gives its outlet and headline.
    assert events["ucdp-335104"].sources == (Source("Reuters", "Iraqi jets strike IS hideouts in Makhmour mountains"),)
    assert events["ucdp-335102"].title == "One-sided violence: IS against Civilians in Daquq town"
    assert [c.id for c in timeline.categories] == ["state-based-conflict", "non-state-conflict", "one-sided-violence"]


def test_timelinejs_sheet_slides_eras_media_and_groups(imported) -> None:
    events, timeline = by_id(imported, SHEET), imported[SHEET][1]
    assert "iraq-s-militia-crisis" not in events and len(events) == 5  # the title slide is no event
    assert [(e.id, e.label, e.start, e.end) for e in timeline.eras] == [
        ("kadhimi-government", "Kadhimi government", D("2020-05-07"), D("2022-10-27"))]
    sistani = events["sistani-asks-the-state-to-control-the-militias"]
    assert (sistani.date_text, sistani.category) == ("13 September 2020", "statement")
    assert sistani.summary == "The marja met the UN envoy & called for state control of arms."
    assert sistani.media == Media("https://example.org/media/sistani.jpg", "Sistani's office in Najaf",
                                  "Photo: Example Agency")
    assert dict(sistani.fields) == {"media_thumbnail": "https://example.org/media/sistani-thumb.jpg"}
    raids = events["raids-on-kataib-hezbollah"]
    assert (raids.date_as_written, raids.start, raids.end) == ("26 September 2020 – 27 September 2020",
                                                               D("2020-09-26"), D("2020-09-27"))
    meeting = events["kadhimi-meets-the-ambassadors"]
    assert (meeting.end_text, meeting.quote, dict(meeting.fields)) == (None, "embed", {"time": "10:00"})
    protests = events["a-year-of-protests"]
    assert (protests.date_text, protests.precision, protests.category, protests.actors) == (
        "2020", YEAR, "other", ("Protesters",))
    assert events["rocket-attacks-on-the-green-zone-rise"].precision is MONTH
    assert timeline.categories == ()  # TimelineJS groups that are categories use the default ten
    assert all(e.sources == (Source("TimelineJS import"),) for e in timeline.events)


def test_what_is_built_is_what_the_store_reads_and_survives_a_round_trip(imported, tmp_path, capsys) -> None:
    for preset, source in FIXTURES:
        out, timeline = imported[source]
        built = import_csv(source, preset=preset).content
        assert sorted(map(essence, timeline.events), key=str) == sorted(map(essence, built.events), key=str)
        assert (timeline.places, timeline.actors, timeline.categories) == (built.places, built.actors, built.categories)
        again_path = tmp_path / f"again-{source.stem}.yaml"
        again_path.write_text(store_yaml(timeline.events, eras=timeline.eras, default_source=built.default_source,
                                         actors=timeline.actors, places=timeline.places,
                                         categories=timeline.categories), encoding="utf-8")
        again = load_timeline(again_path, use_cache=False)
        assert list(map(essence, again.events)) == list(map(essence, timeline.events))
        dumps = []
        for path in (out, again_path):
            assert main(["dump", str(path)]) == 0
            dumps.append(json.loads(capsys.readouterr().out))
        assert dumps[0] == dumps[1] and len(dumps[0]) == len(timeline.events)


def test_acled_reads_its_dashed_date_style_too(tmp_path: Path) -> None:
    text = ACLED.read_text(encoding="utf-8").replace("2020-09-28,2020", "28-September-2020,2020", 1)
    assert "28-September-2020" in text
    (tmp_path / "a.csv").write_text(text, encoding="utf-8")
    events = {e.id: e for e in import_csv(tmp_path / "a.csv", preset="acled").content.events}
    assert events["irq49150"].date_text == "28 September 2020"


BAD_MESSAGES = [
    f"{BAD}:5: column 'event_date': '31 June 2020' is not a day of the calendar; check the day and the month",
    f"{BAD}:6: column 'time_precision': '4' is not an ACLED time precision; write 1 (the day is known), 2 (the "
    "week around the day) or 3 (the month)",
    f"{BAD}:6: column 'fatalities': 'several' is not a whole number (0 or more); write the number of reported "
    "deaths, e.g. 0 or 3",
    f"{BAD}:7: column 'actor1' is empty; every ACLED event has a first actor, e.g. 'Protesters (Iraq)'",
    f"{BAD}:7: column 'latitude': 'north' is not a coordinate; write decimal degrees from -90 to 90, e.g. 33.3406",
    f"{BAD}:8: column 'event_id_cnty': 'IRQ49150' is the id of the row on line 2 too; each row needs its own id "
    "(remove the duplicate row)",
]


def test_a_bad_row_names_every_problem_by_csv_line_and_writes_nothing(tmp_path: Path, capsys) -> None:
    out = tmp_path / "events.yaml"
    assert main(["import-csv", str(BAD), "-o", str(out), "--preset", "acled"]) == 1
    assert capsys.readouterr().err.splitlines() == BAD_MESSAGES  # line 3's note runs over lines 3-4
    assert not out.exists() and list(tmp_path.iterdir()) == []


def test_skip_invalid_writes_every_good_row_and_reports_each_skipped_one(tmp_path: Path, capsys) -> None:
    out = tmp_path / "events.yaml"
    assert main(["import-csv", str(BAD), "-o", str(out), "--preset", "acled", "--skip-invalid"]) == 0
    err = capsys.readouterr().err.splitlines()
    assert err[:-1] == [message.replace(": column", ": skipped: column", 1) for message in BAD_MESSAGES]
    assert err[-1] == f"wrote {out} (3 events from 7 rows; 4 rows skipped)"
    assert [e.id for e in load_timeline(out, use_cache=False).events] == ["irq49155", "irq49151", "irq49150"]


def test_out_is_replaced_only_with_force(tmp_path: Path, capsys) -> None:
    out = tmp_path / "events.yaml"
    out.write_text("keep me", encoding="utf-8")
    assert main(["import-csv", str(ACLED), "-o", str(out), "--preset", "acled"]) == 1
    assert capsys.readouterr().err == (f"error: '{out}' already exists; choose another -o or pass --force to "
                                       "replace it\n")
    assert out.read_text(encoding="utf-8") == "keep me"
    assert main(["import-csv", str(ACLED), "-o", str(out), "--preset", "acled", "--force"]) == 0
    assert len(load_timeline(out, use_cache=False).events) == 12
    assert [p.name for p in tmp_path.iterdir()] == ["events.yaml"]  # no temporary file left behind


def three_years(tmp_path: Path) -> Path:
    """acled.csv with four rows moved to 2019 and two to 2021."""
    rows = list(csv.reader(io.StringIO(ACLED.read_text(encoding="utf-8"))))
    for index, year in [(1, "2019"), (2, "2019"), (3, "2019"), (4, "2019"), (5, "2021"), (6, "2021")]:
        rows[index][1], rows[index][2] = year + rows[index][1][4:], year
    path = tmp_path / "acled_3y.csv"
    with path.open("w", newline="", encoding="utf-8") as file:
        csv.writer(file).writerows(rows)
    return path


def test_past_the_threshold_a_folder_of_years_and_a_registry_file(tmp_path: Path, capsys) -> None:
    result = import_csv(three_years(tmp_path), preset="acled")
    out = tmp_path / "acled"
    written = write_new_store(result.content, out, folder_threshold=5)
    assert [p.name for p in written] == ["registries.yaml", "2019.yaml", "2020.yaml", "2021.yaml"]
    assert sorted(p.name for p in out.iterdir()) == ["2019.yaml", "2020.yaml", "2021.yaml", "registries.yaml"]
    assert "events:" not in (out / "registries.yaml").read_text(encoding="utf-8")
    assert "categories:" not in (out / "2020.yaml").read_text(encoding="utf-8")
    timeline = load_timeline(out, use_cache=False)
    assert len(timeline.events) == 12 and len(timeline.categories) == 6 and len(timeline.places) == 10
    assert main(["validate", str(out)]) == 0
    assert capsys.readouterr().err == f"ok: {out}\n"
    with pytest.raises(TimelineError, match="already exists"):
        write_new_store(result.content, out, folder_threshold=5)
    (out / "notes.txt").write_text("mine", encoding="utf-8")
    with pytest.raises(TimelineError, match=r"holds files that are not part of a store \(notes.txt\)"):
        write_new_store(result.content, out, folder_threshold=5, force=True)
    (out / "notes.txt").unlink()
    write_new_store(result.content, out, folder_threshold=5, force=True)
    assert sorted(p.name for p in out.iterdir()) == ["2019.yaml", "2020.yaml", "2021.yaml", "registries.yaml"]
    with pytest.raises(TimelineError, match=r"give -o a folder name, e.g. -o .*acled-file"):
        write_new_store(result.content, tmp_path / "acled-file.yaml", folder_threshold=5)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["acled", "acled_3y.csv"]


def test_the_command_writes_a_folder_past_20000_events(tmp_path: Path, monkeypatch, capsys) -> None:
    assert FOLDER_THRESHOLD == 20_000
    monkeypatch.setattr(newstore, "FOLDER_THRESHOLD", 5)  # the command reads it when it runs
    out = tmp_path / "acled"
    assert main(["import-csv", str(three_years(tmp_path)), "-o", str(out), "--preset", "acled"]) == 0
    assert capsys.readouterr().err == f"wrote {out} (12 events from 12 rows; 4 files, one per year)\n"
    assert (out / "2021.yaml").exists()


def test_out_ending_in_parquet_is_one_parquet_file_past_the_threshold_too(tmp_path: Path, monkeypatch, capsys,
                                                                         imported) -> None:
    monkeypatch.setattr(newstore, "FOLDER_THRESHOLD", 5)  # a YAML store of these 12 events would be a folder
    out = tmp_path / "acled.parquet"
    assert main(["import-csv", str(ACLED), "-o", str(out), "--preset", "acled"]) == 0
    assert capsys.readouterr().err == f"wrote {out} (12 events from 12 rows)\n"
    assert [p.name for p in tmp_path.iterdir()] == ["acled.parquet"]  # one file, no temporary left behind
    columnar = load_timeline(out)
    from_yaml = imported[ACLED][1]
    assert [essence(e) for e in columnar.events] == [essence(e) for e in from_yaml.events]
    assert (columnar.places, columnar.categories, columnar.actors) == \
        (from_yaml.places, from_yaml.categories, from_yaml.actors)
    assert main(["import-csv", str(ACLED), "-o", str(out), "--preset", "acled"]) == 1
    assert capsys.readouterr().err == (f"error: '{out}' already exists; choose another -o or pass --force to "
                                       "replace it\n")


def test_any_csv_with_map(tmp_path: Path) -> None:
    path = tmp_path / "mine.csv"
    path.write_text("Headline,When,Kind,Who,Where,Link,Deaths,Notes,Ref\n"
                    "Rally in Tahrir,13 September 2020,Rally,Protesters; Students,Baghdad,"
                    "https://example.org/a,0,A rally.,A-1\n"
                    "Sistani's statement,Sept. 13 2020,statement,Ali al-Sistani,Najaf,Al-Monitor,,,A-2\n",
                    encoding="utf-8")
    maps = [parse_map(text) for text in ("Headline=title", "When=date", "Kind=category", "Who=actors",
                                         "Where=places", "Link=source", "Deaths=fatalities", "Notes=summary",
                                         "Ref=fields.ref")]
    content = import_csv(path, mapping=maps).content
    rally, statement = content.events
    assert (rally.id, rally.title, rally.date_text, rally.category, rally.actors, rally.places) == (
        "rally-in-tahrir", "Rally in Tahrir", "13 September 2020", "rally", ("Protesters", "Students"), ("Baghdad",))
    assert rally.sources == (Source("example.org", url="https://example.org/a"),)
    assert (rally.fatalities, rally.summary, rally.fields) == (Fatalities(0), "A rally.", (("ref", "A-1"),))
    assert (statement.id, statement.sources, statement.start) == (
        "sistani-statement", (Source("Al-Monitor"),), D("2020-09-13"))
    assert [(c.id, c.label) for c in content.categories] == [("rally", "Rally"), ("statement", "Statement")]
    assert content.default_source == Source("CSV import", "mine.csv")
    out = tmp_path / "mine.yaml"
    write_new_store(content, out)
    assert len(load_timeline(out, use_cache=False).events) == 2


@pytest.mark.parametrize(("args", "code", "message"), [
    (["--map", "Headline=title"], 1, "error: {csv}: no column is mapped to the event's date; add --map When=date "
     "(or choose a --preset); the file's columns are: Headline, When\n"),
    (["--map", "When=date"], 1, "error: {csv}: no column is mapped to the event's title; add --map Headline=title "
     "(or choose a --preset); the file's columns are: Headline, When\n"),
    (["--map", "When=day"], 2, "error: --map 'When=day': 'day' is not an event field; use one of id, title, date, "
     "end, category, actors, places, tags, summary, quote, fatalities, source, or fields.NAME (lower-case, e.g. "
     "fields.acled_id)\n"),
    (["--map", "Headlne=title", "--map", "When=date"], 1, "error: {csv}:1: --map Headlne=title: the file has no "
     "column 'Headlne' (did you mean 'Headline'?); its columns are: Headline, When\n"),
    (["--preset", "ucdp-ged"], 1, "error: {csv}:1: the UCDP GED preset needs the columns id, date_start, "
     "date_end, type_of_violence, side_a, which the file lacks; its columns are: Headline, When\n"),
])
def test_what_is_missing_is_said_with_the_fix(tmp_path: Path, capsys, args, code, message) -> None:
    path = tmp_path / "mine.csv"
    path.write_text("Headline,When\nA rally,13 September 2020\n", encoding="utf-8")
    assert main(["import-csv", str(path), "-o", str(tmp_path / "o.yaml"), *args]) == code
    assert capsys.readouterr().err == message.format(csv=path)


@pytest.mark.parametrize(("content", "message"), [
    (b"Headline,When\nA rally,13 September 2020\nA r\xe9union,14 September 2020\n", "{csv}:3: the row holds bytes "
     "that are not UTF-8 text; save the file as CSV UTF-8 (in Excel: 'CSV UTF-8 (Comma delimited)')"),
    (b"H\xe9adline,When\n", "{csv}:1: the file is not UTF-8 text; save the file as CSV UTF-8"),
    (b"", "{csv}:1: the file is empty; a CSV file starts with a header line naming its columns"),
    (b"Headline,When\n", "{csv}: the file holds a header but no rows; export the data again"),
    (b"Headline,When\nA rally,13 September 2020,oops\n", "{csv}:2: the row has 1 more cell than the header has "
     "columns; put quotes around the cells that hold a comma"),
    (b"Headline,When\nA rally,\n", "{csv}:2: column 'When' is empty; every row needs a date"),
    (b"Headline,When\nA rally,soon\n", "{csv}:2: column 'When': cannot read 'soon' as a date"),
])
def test_unreadable_input_is_a_message_never_a_traceback(tmp_path: Path, capsys, content, message) -> None:
    path = tmp_path / "mine.csv"
    path.write_bytes(content)
    code = main(["import-csv", str(path), "-o", str(tmp_path / "o.yaml"), "--map", "Headline=title",
                 "--map", "When=date"])
    err = capsys.readouterr().err
    assert code == 1 and message.format(csv=path) in err and "Traceback" not in err


def test_a_semicolon_separated_file_is_read_too(tmp_path: Path) -> None:
    path = tmp_path / "excel.csv"
    path.write_text("Headline;When\nA rally, at last;13 September 2020\n", encoding="utf-8")
    content = import_csv(path, mapping=[ColumnMap("Headline", "title"), ColumnMap("When", "date")]).content
    assert [e.title for e in content.events] == ["A rally, at last"]


def test_progress_is_reported_and_drawn_only_on_a_terminal(tmp_path: Path, capsys) -> None:
    calls = []
    import_csv(ACLED, preset="acled", progress=lambda stage, done, total: calls.append((stage, done, total)))
    assert calls[-1] == ("reading", ACLED.stat().st_size, ACLED.stat().st_size)
    screen = io.StringIO()
    bar = ProgressBar(screen)
    bar("reading", 50, 100)
    bar("reading", 100, 100)
    assert screen.getvalue().endswith("reading [##############################] 100%")
    bar.done()
    assert screen.getvalue().endswith("\r")
    assert main(["import-csv", str(ACLED), "-o", str(tmp_path / "a.yaml"), "--preset", "acled"]) == 0
    assert "\r" not in capsys.readouterr().err  # stderr is no terminal here: no bar


def test_errors_carry_their_csv_line(tmp_path: Path) -> None:
    with pytest.raises(ValidationError) as caught:
        import_csv(BAD, preset="acled")
    assert [(p.source, p.line) for p in caught.value.problems] == [(str(BAD), n) for n in (5, 6, 6, 7, 7, 8)]


def test_the_store_is_rendered_in_chunks_as_store_yaml_writes_it(monkeypatch) -> None:
    monkeypatch.setattr(newstore, "CHUNK", 5)  # three chunks of ACLED's twelve events
    steps = []
    for preset, source in FIXTURES:
        content = import_csv(source, preset=preset).content
        assert newstore.render_store(content, content.events, registries=True, report=steps.append) == store_yaml(
            content.events, eras=content.eras, default_source=content.default_source, header=content.header,
            actors=content.actors, places=content.places, categories=content.categories)
    assert steps[:3] == [5, 5, 2]


def test_skip_invalid_with_no_good_row_still_says_why(tmp_path: Path, capsys) -> None:
    path = tmp_path / "mine.csv"
    path.write_text("Headline,When\nA rally,soon\n", encoding="utf-8")
    assert main(["import-csv", str(path), "-o", str(tmp_path / "o.yaml"), "--map", "Headline=title", "--map",
                 "When=date", "--skip-invalid"]) == 1
    assert capsys.readouterr().err.startswith(f"{path}:2: column 'When': cannot read 'soon' as a date")
    assert not (tmp_path / "o.yaml").exists()


@settings(max_examples=300, deadline=None)
@given(st.dates(date(1997, 1, 1), date(2030, 12, 31)), st.sampled_from("123"), st.booleans())
def test_any_acled_day_and_code_gives_a_window_holding_that_day(day: date, code: str, iso: bool) -> None:
    written = day.isoformat() if iso else f"{day.day} {MONTHS[day.month - 1]} {day.year}"
    cells = {"event_date": written, "time_precision": code, "event_type": "Protests", "actor1": "Protesters"}
    problems = RowProblems()
    draft = read_acled(Row(2, cells, {name: name for name in cells}), problems)
    value = parse_date(draft.date)
    assert not problems.found and value.start <= day <= value.end
    if code == "1":
        assert (value.start, value.end, value.precision) == (day, day, Precision.DAY)
    elif code == "2":  # the Monday-to-Sunday week around the coded middle day, approximate
        assert (value.precision, value.approximate, (value.end - value.start).days) == (WEEK, True, 6)
    else:  # within the month, never a single day
        assert value.precision is MONTH and value.start.month == value.end.month == day.month
        assert value.start < value.end


def test_a_ucdp_window_is_drawn_as_a_window_not_as_an_event_that_lasted(imported) -> None:
    from timeline.chart.hover import precision_words
    from timeline.chart.palette import marker_symbol
    from timeline.view.display import date_glyph

    window = by_id(imported, UCDP)["ucdp-335104"]
    assert (marker_symbol(window.date), date_glyph(window.date)) == ("diamond", "◆")
    assert precision_words(window) == "some day in this window"

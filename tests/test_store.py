"""Loading stores: the bundled data, valid references, and every invalid file with its message."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from timeline import Precision, ValidationError, check_store, events_frame, load_timeline
from timeline.store.loading import MAX_REPORTED_PROBLEMS

INVALID = sorted((Path(__file__).parent / "data" / "invalid").glob("*.yaml"))
VALID = sorted((Path(__file__).parent / "data" / "valid").glob("*.yaml"))


@pytest.mark.parametrize("path", INVALID, ids=lambda p: p.stem)
def test_invalid_file_gives_its_exact_messages(path: Path) -> None:
    relative = path.relative_to(Path.cwd())
    expected = path.with_suffix(".expected").read_text(encoding="utf-8").strip().splitlines()
    problems = [str(problem) for problem in check_store(relative)]
    assert problems == [line.replace("{file}", str(relative)) for line in expected]


@pytest.mark.parametrize("path", INVALID, ids=lambda p: p.stem)
def test_invalid_file_refuses_to_load(path: Path) -> None:
    with pytest.raises(ValidationError) as caught:
        load_timeline(path)
    located = [p for p in caught.value.problems if "holds no events" not in p.message]
    assert caught.value.problems and all(p.line for p in located)


@pytest.mark.parametrize("path", VALID, ids=lambda p: p.stem)
def test_valid_file_loads(path: Path) -> None:
    assert check_store(path) == []
    assert load_timeline(path).events


def test_bundled_data_is_valid() -> None:
    assert check_store("data/events.yaml") == []


def test_mixed_dates_keep_their_precision() -> None:
    events = {e.id: e for e in load_timeline("tests/data/valid/mixed-dates.yaml").events}
    assert (events["relative-day"].start, events["relative-day"].end) == (date(2020, 9, 13), date(2020, 9, 13))
    month = events["month-only"]
    # Its source was published on 28 September: "September 2020" and "late September 2020" end there.
    assert (month.start, month.end, month.precision) == (date(2020, 9, 1), date(2020, 9, 28), Precision.MONTH)
    assert month.reported_by == date(2020, 9, 28)
    late = events["late-month"]
    assert (late.start, late.end, late.approximate) == (date(2020, 9, 21), date(2020, 9, 28), True)
    assert (events["day-range"].start, events["day-range"].end) == (date(2020, 9, 26), date(2020, 9, 27))
    explicit = events["explicit-end"]
    assert (explicit.start, explicit.end, explicit.date.is_range) == (date(2020, 9, 20), date(2020, 9, 24), True)
    assert explicit.date_as_written == "Sept. 20 – Sept. 24"
    assert events["arabic-day"].start == date(2020, 9, 25)
    assert events["hijri-day"].start == date(2020, 9, 13)


def test_events_come_out_in_date_order_with_lines() -> None:
    timeline = load_timeline("tests/data/valid/mixed-dates.yaml")
    starts = [e.start for e in timeline.events]
    assert starts == sorted(starts)
    assert {e.id: e.line for e in timeline.events}["iso-day"] == 12
    assert timeline.eras[0].start == date(2020, 5, 7)


def test_default_source_is_inherited() -> None:
    event = load_timeline("tests/data/valid/mixed-dates.yaml").events[0]
    assert event.sources[0].outlet == "Al-Monitor"
    assert event.sources[0].published == date(2020, 9, 28)


def test_folder_store_reads_every_file(tmp_path: Path) -> None:
    for name in ("a.yaml", "b.yml"):
        text = Path("tests/data/valid/minimal.yaml").read_text().replace("sistani-call", f"event-{name[0]}")
        (tmp_path / name).write_text(text)
    (tmp_path / "notes.txt").write_text("not an event file")
    assert [e.id for e in load_timeline(tmp_path).events] == ["event-a", "event-b"]


def test_duplicate_ids_across_files_name_both_places(tmp_path: Path) -> None:
    for name in ("a.yaml", "b.yaml"):
        (tmp_path / name).write_text(Path("tests/data/valid/minimal.yaml").read_text())
    [problem] = check_store(tmp_path)
    assert str(problem) == (f"{tmp_path / 'b.yaml'}:2:9: field 'id': duplicate id 'sistani-call', already used at "
                            f"{tmp_path / 'a.yaml'}:2:9; give one of them another id")


def test_missing_store_says_what_to_give() -> None:
    [problem] = check_store("no/such/events.yaml")
    assert str(problem) == ("no/such/events.yaml: no such file or folder; give the path of an events "
                            "YAML file, e.g. data/events.yaml")


def test_many_problems_are_capped_with_a_count(tmp_path: Path) -> None:
    lines = ["defaults: {source: {outlet: X, published: 2020-09-28}}", "events:"]
    lines += [f"  - {{id: e{i}, title: T, date: never{i}, category: statement}}" for i in range(150)]
    (tmp_path / "many.yaml").write_text("\n".join(lines))
    with pytest.raises(ValidationError) as caught:
        load_timeline(tmp_path / "many.yaml")
    assert caught.value.total == 150
    assert len(caught.value.problems) == MAX_REPORTED_PROBLEMS
    assert str(caught.value).endswith("... and 50 more problems not shown")


def test_bom_and_crlf_are_accepted(tmp_path: Path) -> None:
    text = Path("tests/data/valid/minimal.yaml").read_text().replace("\n", "\r\n")
    (tmp_path / "crlf.yaml").write_bytes(b"\xef\xbb\xbf" + text.encode())
    assert load_timeline(tmp_path / "crlf.yaml").events[0].id == "sistani-call"


def test_non_utf8_bytes_name_the_line(tmp_path: Path) -> None:
    raw = Path("tests/data/valid/minimal.yaml").read_bytes().replace(b"Sistani asks", b"Sistani \xe9 asks")
    (tmp_path / "latin1.yaml").write_bytes(raw)
    [problem] = check_store(tmp_path / "latin1.yaml")
    assert str(problem).startswith(f"{tmp_path / 'latin1.yaml'}:3:20: byte 0xe9 is not UTF-8;")


def test_frame_has_one_row_per_event_with_dates() -> None:
    timeline = load_timeline("tests/data/valid/mixed-dates.yaml")
    frame = events_frame(timeline.events)
    assert len(frame) == len(timeline.events)
    row = frame.set_index("id").loc["month-only"]
    assert (row["start"], row["end"], row["precision"]) == (date(2020, 9, 1), date(2020, 9, 28), "month")


def test_span_is_the_first_and_last_day_of_the_events() -> None:
    from timeline.model import Timeline
    timeline = load_timeline(Path(__file__).resolve().parent.parent / "data" / "events.yaml", use_cache=False)
    assert timeline.span == (min(e.start for e in timeline.events), max(e.end for e in timeline.events))
    assert Timeline(events=()).span is None



CASCADE = """events:
  - id: bad-date
    title: An event whose date cannot be read
    date: 12 ? 1930
    category: statement
    sources: [{outlet: Al-Monitor}]
  - id: points-at-it
    title: An event that names the one with the bad date
    date: 1931
    category: statement
    related: [bad-date]
    sources: [{outlet: Al-Monitor}]
  - id: points-at-it
    title: A second event with the same id and a bad date
    date: 31 June 1931
    category: statement
    sources: [{outlet: Al-Monitor}]
"""


def test_one_bad_value_is_reported_once_where_it_is_and_never_cascades(tmp_path: Path) -> None:
    store = tmp_path / "events.yaml"
    store.write_text(CASCADE, encoding="utf-8")
    messages = [str(problem) for problem in check_store(store)]
    assert len(messages) == 3, messages
    assert messages[0].startswith(f"{store}:4:11: field 'date': '12 ? 1930' writes part of the date as '?'")
    # The event with the bad date still owns its id: no "related id is not an event" for it ...
    assert not any("related id" in m for m in messages)
    # ... and a second event taking that id is a duplicate, though its own date is bad too.
    assert messages[1] == (f"{store}:13:9: field 'id': duplicate id 'points-at-it', already used at {store}:7:9; "
                           "give one of them another id")
    assert messages[2].startswith(f"{store}:15:11: field 'date': '31 June 1931' is not a real day")

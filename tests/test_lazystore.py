"""A Parquet store opened lazily: the same events, order, header and problems as read_parquet_store,
built only for the rows asked for; the columns a query engine selects on; the pickers' values."""

from __future__ import annotations

import dataclasses
import random
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from tests.test_parquet import column_set, split_store
from tests.test_registries import STORE as REGISTRIES_STORE
from timeline.model import Timeline
from timeline.store.lazystore import LazyStore, open_lazy_store
from timeline.store.loading import load_timeline
from timeline.store.parquetstore import parquet_bytes, read_parquet_store
from timeline.view import filters

SOURCES = ["data/events.yaml", *sorted(str(p) for p in Path("tests/data/valid").glob("*.yaml")), "registries", "crowd"]


def crowd(tmp_path: Path) -> Timeline:
    """The registries store's two events as 300, with random actors and places: named in the
    registries or not, one name holding the separator the distinct lists are joined by."""
    base = load_timeline(write_yaml(tmp_path, REGISTRIES_STORE), use_cache=False)
    rng = random.Random(7)
    actors = ["Ali Khamenei", "Kataib Hezbollah", "Nobody Known", "Odd\x1fName"]
    places = ["Baghdad", "Basra"]
    events = [dataclasses.replace(base.events[i % 2], id=f"e{i}", actors=tuple(rng.sample(actors, rng.randint(0, 3))),
                                  places=tuple(rng.sample(places, rng.randint(0, 2))),
                                  summary=rng.choice([None, "", "Said so."]), roles=(), related=())
              for i in range(300)]
    return dataclasses.replace(base, events=tuple(events))


def write_yaml(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "registries.yaml"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture(params=SOURCES)
def parquet(request: pytest.FixtureRequest, tmp_path: Path) -> Path:
    if request.param == "crowd":
        timeline = crowd(tmp_path)
    else:
        source = write_yaml(tmp_path, REGISTRIES_STORE) if request.param == "registries" else request.param
        timeline = load_timeline(source, use_cache=False)
    path = tmp_path / "store.parquet"
    path.write_bytes(parquet_bytes(timeline))
    return path


def opened(path: Path | str) -> tuple[LazyStore, Timeline]:
    store, problems = open_lazy_store(path)
    full, full_problems = read_parquet_store(path)
    assert problems == [] and full_problems == [] and store is not None
    return store, full


def test_every_event_is_the_one_read_parquet_store_builds(parquet: Path) -> None:
    store, full = opened(parquet)
    assert store.size == len(full.events)
    assert store.events_at(range(store.size)) == full.events
    assert store.span == full.span
    assert store.header == dataclasses.replace(full, events=())
    assert store.header.events == () and store.path == str(parquet)


def test_random_positions_in_random_order_give_their_events(parquet: Path) -> None:
    store, full = opened(parquet)
    rng = random.Random(3)
    for _ in range(5):
        positions = rng.choices(range(store.size), k=rng.randint(1, 2 * store.size))  # repeats too
        assert store.events_at(positions) == tuple(full.events[p] for p in positions)
        assert store.events_at(np.array(positions)) == store.events_at(positions)
    assert store.events_at([]) == ()
    assert store.events_at([-1]) == (full.events[-1],)
    with pytest.raises(IndexError):
        store.events_at([store.size])


def test_position_of_finds_every_id_and_none_for_an_unknown_one(parquet: Path) -> None:
    store, full = opened(parquet)
    assert [store.position_of(event.id) for event in full.events] == list(range(store.size))
    assert store.position_of("no-such-event") is None


def test_choices_are_the_pickers_of_every_event(parquet: Path) -> None:
    store, full = opened(parquet)
    assert store.choices(filters.fold) == filters.choices(full.events)


def test_engine_columns_hold_what_selection_reads_of_every_event(parquet: Path) -> None:
    store, full = opened(parquet)
    events = full.events
    columns = store.engine_columns()
    assert list(columns["pos"]) == list(range(len(events)))
    assert list(columns["start_day"]) == [e.start.toordinal() for e in events]
    assert list(columns["end_day"]) == [e.end.toordinal() for e in events]
    assert columns["category"].to_pylist() == [e.category for e in events]
    assert columns["importance"].type == pa.int8()
    assert columns["importance"].to_pylist() == [3 if e.importance is None else e.importance for e in events]
    for name in ("actors", "groups", "places", "tags"):
        assert columns[name].to_pylist() == [list(getattr(e, name)) for e in events], name
    assert [filters.fold(text) for text in columns["search_parts"].to_pylist()] == [filters.search_text(e) for e in events]


def test_the_crowd_store_has_lists_to_tell_apart(tmp_path: Path) -> None:
    path = tmp_path / "crowd.parquet"
    path.write_bytes(parquet_bytes(crowd(tmp_path)))
    events = read_parquet_store(path)[0].events
    assert {e.actors for e in events} >= {("Odd\x1fName",), ()} and len({e.actors for e in events}) > 20
    assert {e.groups for e in events} >= {("Iran", "Militias"), ()} and any("Khamenei" in e.known_as for e in events)


def test_an_empty_store_opens_with_no_span(tmp_path: Path) -> None:
    timeline = load_timeline("data/events.yaml", use_cache=False)
    path = tmp_path / "empty.parquet"
    path.write_bytes(parquet_bytes(dataclasses.replace(timeline, events=(), stories=())))
    store, full = opened(path)
    assert (store.size, store.span, store.events_at([]), store.header.eras) == (0, None, (), timeline.eras)
    assert len(store.engine_columns()["search_parts"]) == 0


def test_a_folder_or_a_glob_of_files_is_one_store_in_the_same_order(tmp_path: Path) -> None:
    split_store(tmp_path / "store")
    for path in (tmp_path / "store", str(tmp_path / "store" / "*.parquet")):
        store, full = opened(path)
        assert store.events_at(range(store.size)) == full.events
        assert {e.source_file for e in store.events_at(range(store.size))} == set(full.sources)
        assert store.header == dataclasses.replace(full, events=())
        assert [store.position_of(e.id) for e in full.events] == list(range(store.size))


def test_rows_out_of_order_and_columns_left_out_are_read_as_read_parquet_store_reads_them(tmp_path: Path) -> None:
    path = tmp_path / "store.parquet"
    path.write_bytes(parquet_bytes(load_timeline("data/events.yaml", use_cache=False)))
    table = pq.ParquetFile(path).read()
    shuffled = table.take(pa.array(np.random.default_rng(5).permutation(table.num_rows)))
    pq.write_table(shuffled.drop_columns(["summary", "start_iso"]), path)
    store, full = opened(path)
    assert [e.id for e in store.events_at(range(store.size))] == [e.id for e in full.events]
    assert store.events_at(range(store.size)) == full.events
    assert all(e.summary is None for e in full.events)


def broken(tmp_path: Path, change) -> Path:  # noqa: ANN001 - a function of a table
    """The bundled store with one thing broken (without related ids and stories, so that an id
    changed breaks nothing else)."""
    timeline = load_timeline("data/events.yaml", use_cache=False)
    good = tmp_path / "good.parquet"
    good.write_bytes(parquet_bytes(dataclasses.replace(
        timeline, events=tuple(dataclasses.replace(e, related=()) for e in timeline.events), stories=())))
    path = tmp_path / "broken.parquet"
    pq.write_table(change(pq.ParquetFile(good).read()), path)
    return path


@pytest.mark.parametrize("change, message", [
    (lambda t: column_set(t, "id", pa.array(t.column("id").to_pylist()[:3] + ["same", "x", "same"]
                                            + t.column("id").to_pylist()[6:])),
     "column 'id': row 6: duplicate id 'same', already in row 4; give one of them another id"),
    (lambda t: column_set(t, "end", pa.array(t.column("end").to_pylist()[:2] + [t.column("start")[2].as_py() - 1]
                                             + t.column("end").to_pylist()[3:])),
     "column 'end': row 3 ends before it starts; end must be on or after start"),
    (lambda t: column_set(t, "category", pa.array(["gossip"] + t.column("category").to_pylist()[1:])),
     "column 'category': 'gossip' is not allowed; use one of: statement, meeting, visit, decision, military, attack, "
     "protest, election, publication, other"),
    (lambda t: t.drop_columns(["title"]),
     "column 'title': missing; a Parquet store needs the columns id, title, start, end, precision, date_text, "
     "category"),
    (lambda t: column_set(t, "related", pa.array([["no-such-event"]] + t.column("related").to_pylist()[1:])),
     "column 'related': row 1: related id 'no-such-event' is not an event in this store; fix the id or remove it"),
    (lambda t: column_set(t, "start", pa.array([-10**7] + t.column("start").to_pylist()[1:])),
     "column 'start': row 1: -10000000 is not a day from 9999 BCE to 9999 CE; write proleptic Gregorian day numbers "
     "(date.toordinal(), 1 is 1 January 1 CE)"),
    (lambda t: column_set(t, "date_text", pa.array(["", ""] + t.column("date_text").to_pylist()[2:])),
     "column 'date_text': row 1 is empty (and 1 more rows); every event needs its date_text"),
    (lambda t: column_set(t, "fields", pa.array(["[1]"] + [None] * (t.num_rows - 1), pa.string())),
     "column 'fields': row 1: cannot read '[1]' (not a JSON object); write a JSON object of text, numbers and "
     "{\"date\": \"YYYY-MM-DD\"}"),
])
def test_a_broken_file_gives_one_problem_naming_its_column_and_row(tmp_path: Path, change,  # noqa: ANN001
                                                                   message: str) -> None:
    path = broken(tmp_path, change)
    store, problems = open_lazy_store(path)
    assert store is None and [str(p) for p in problems] == [f"{path}: {message}"]
    assert [str(p) for p in problems] == [str(p) for p in read_parquet_store(path)[1]]


def test_many_repeats_are_named_a_few_rows_then_counted(tmp_path: Path) -> None:
    path = broken(tmp_path, lambda t: column_set(t, "id", pa.array(["same"] * t.num_rows)))
    _, problems = open_lazy_store(path)
    assert [str(p) for p in problems] == [
        *(f"{path}: column 'id': row {row}: duplicate id 'same', already in row 1; give one of them another id"
          for row in range(2, 7)),
        f"{path}: column 'id': {pq.ParquetFile(path).metadata.num_rows - 6} more rows repeat an id; give each event "
        "its own id"]


def test_ids_related_ids_and_story_steps_are_checked_across_files(tmp_path: Path) -> None:
    timeline = load_timeline("data/events.yaml", use_cache=False)
    half = len(timeline.events) // 2
    twin = dataclasses.replace(timeline.events[half], id=timeline.events[0].id, related=("no-such-event",))
    split_store(tmp_path, second={"events": (twin,), "eras": timeline.eras})
    _, problems = open_lazy_store(tmp_path)
    expected = [str(p) for p in read_parquet_store(tmp_path)[1]]
    assert [str(p) for p in problems] == expected
    assert any("duplicate id" in p and "b.parquet" in p for p in expected)
    assert any("story" in p and "which is not in this store" in p for p in expected)
    assert any("the era" in p and "also defined in" in p for p in expected)

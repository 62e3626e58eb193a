"""A Parquet store kept as columns holds exactly the events a whole load builds, and the page
reads it the same way: selections, events by id, pickers, spans, and the problems of a bad file."""

from __future__ import annotations

import dataclasses
import random
import re
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from tests.apptest import open_app
from tests.test_parquet import REGISTRIES_STORE, broken, column_set
from timeline import load_timeline
from timeline.edit.convert import convert_store
from timeline.store.lazystore import open_lazy_store
from timeline.store.parquetstore import parquet_bytes, parquet_row_count, read_parquet_store
from timeline.view.engine import EventEngine
from timeline.view.eventsource import in_columns, in_memory
from timeline.view.filterindex import FilterIndex
from timeline.view.filters import FilterState, choices, fold


@pytest.fixture(params=["bundled", "mesopotamia", "registries"])
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Path:
    source = {"bundled": Path("data/events.yaml"), "mesopotamia": Path("tests/data/valid/mesopotamia.yaml")}.get(
        request.param)
    if source is None:
        source = tmp_path / "registries.yaml"
        source.write_text(REGISTRIES_STORE, encoding="utf-8")
    path = tmp_path / "events.parquet"
    convert_store(str(source), path)
    return path


def test_the_columns_hold_the_events_a_whole_load_builds(store: Path) -> None:
    whole, problems = read_parquet_store(store)
    assert not problems
    lazy, problems = open_lazy_store(store)
    assert not problems and lazy is not None
    events = whole.events
    assert lazy.size == parquet_row_count(store) == len(events)
    assert lazy.events_at(range(lazy.size)) == events
    shuffled = random.Random(7).sample(range(lazy.size), lazy.size)
    assert lazy.events_at(shuffled) == tuple(events[p] for p in shuffled)
    assert lazy.events_at([-1, 0]) == (events[-1], events[0])
    assert all(lazy.position_of(event.id) == p for p, event in enumerate(events))
    assert lazy.position_of("no-such-event") is None
    assert lazy.choices(fold) == choices(events)
    assert lazy.span == whole.span
    header = lazy.header
    assert header.events == () and (header.actors, header.places, header.categories, header.eras, header.stories) == (
        whole.actors, whole.places, whole.categories, whole.eras, whole.stories)


def test_the_engine_of_the_columns_selects_as_the_loaded_events_do(store: Path) -> None:
    lazy, _ = open_lazy_store(store)
    assert lazy is not None
    events = read_parquet_store(store)[0].events
    engine = EventEngine.from_columns(lazy.engine_columns())
    index = FilterIndex(events)
    states = [FilterState(), FilterState(search="kataib"), FilterState(search="خامنه"),
              FilterState(actors=(events[0].actors or ("x",))[:1]), FilterState(categories=(events[-1].category,)),
              FilterState(groups=tuple(choices(events)["groups"][:1])), FilterState(tags=tuple(choices(events)["tags"][:2]))]
    for state in states:
        assert engine.positions(state).tolist() == index.positions(state).tolist(), state
    source, loaded = in_columns(lazy), in_memory(read_parquet_store(store)[0])
    for state in states:
        assert tuple(source.select(state)) == tuple(loaded.select(state))
    assert source.choices() == loaded.choices() and not source.held and loaded.held


def test_a_store_of_many_files_and_an_unsorted_file_come_in_event_order(tmp_path: Path) -> None:
    timeline = load_timeline("data/events.yaml")
    folder = tmp_path / "store"
    folder.mkdir()
    half = len(timeline.events) // 2
    (folder / "a.parquet").write_bytes(parquet_bytes(dataclasses.replace(timeline, events=timeline.events[half:])))
    (folder / "b.parquet").write_bytes(parquet_bytes(dataclasses.replace(
        timeline, events=timeline.events[:half], actors=(), places=(), categories=(), eras=(), stories=())))
    lazy, problems = open_lazy_store(folder)
    assert not problems and lazy is not None
    assert [e.id for e in lazy.events_at(range(lazy.size))] == [e.id for e in read_parquet_store(folder)[0].events]
    whole = tmp_path / "whole.parquet"
    whole.write_bytes(parquet_bytes(timeline))
    table = pq.ParquetFile(whole).read()
    shuffled = tmp_path / "shuffled.parquet"
    pq.write_table(table.take(pa.array(random.Random(3).sample(range(table.num_rows), table.num_rows))), shuffled)
    lazy, problems = open_lazy_store(shuffled)
    assert lazy is not None, problems
    assert lazy.events_at(range(lazy.size)) == read_parquet_store(shuffled)[0].events


@pytest.mark.parametrize("change, message", [
    (lambda t: t.drop_columns(["category"]), "column 'category': missing"),
    (lambda t: column_set(t, "id", pa.array(["same"] * 2 + t.column("id").to_pylist()[2:])),
     "column 'id': row 2: duplicate id 'same'"),
    (lambda t: column_set(t, "end", pa.array([t.column("start")[0].as_py() - 1] + t.column("end").to_pylist()[1:])),
     "column 'end': row 1 ends before it starts"),
    (lambda t: column_set(t, "category", pa.array(["gossip"] + t.column("category").to_pylist()[1:])),
     "column 'category': 'gossip' is not allowed"),
])
def test_a_broken_file_is_refused_with_the_column_and_row(tmp_path: Path, change, message: str) -> None:  # noqa: ANN001
    path = broken(tmp_path, change)
    lazy, problems = open_lazy_store(path)
    assert lazy is None and any(str(problem).startswith(f"{path}: {message}") for problem in problems), problems


def test_the_page_reads_a_store_kept_as_columns_as_it_reads_a_loaded_one(tmp_path: Path,
                                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "events.parquet"
    convert_store("data/events.yaml", path)
    captions = {}
    for columnar_from in ("0", "1000000"):
        monkeypatch.setenv("TIMELINE_DATA", str(path))
        monkeypatch.setenv("TIMELINE_COLUMNAR_FROM", columnar_from)
        at = open_app(actor="Ali Khamenei", event="khamenei-imam-hassan-tweet")
        assert not at.exception
        captions[columnar_from] = [c.value for c in at.caption if c.value.startswith("Showing ")]
        assert any("Imam Hassan" in m.value for m in at.markdown) or any(
            "Imam Hassan" in h.value for h in at.header)
        for view in ("story", "map", "network"):
            assert not open_app(view=view).exception
    assert captions["0"] == captions["1000000"] and captions["0"]


def test_past_the_views_limit_the_page_offers_its_data_to_the_command_line(tmp_path: Path,
                                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    # A download is made in the server's memory: a million events' CSV is left to `timeline export`.
    from app_pages import exporting

    path = tmp_path / "events.parquet"
    convert_store("data/events.yaml", path)
    monkeypatch.setenv("TIMELINE_DATA", str(path))
    monkeypatch.setenv("TIMELINE_COLUMNAR_FROM", "0")
    monkeypatch.setattr(exporting, "VIEW_EVENT_LIMIT", 5)
    at = open_app()
    buttons = {b.proto.label: b for b in at.get("download_button")}
    for label in ("CSV", "JSON"):
        assert buttons[label].proto.disabled, label
        assert buttons[label].proto.help.startswith("20 events: narrow the filters to 5 or fewer, or write the file "
                                                    "with `timeline export PATH -o OUT.csv`"), buttons[label].proto.help
    narrow = open_app(actor="Ali Khamenei")
    assert not {b.proto.label: b for b in narrow.get("download_button")}["CSV"].proto.disabled
    monkeypatch.setenv("TIMELINE_COLUMNAR_FROM", "1000000")  # a store held whole: any number
    assert not {b.proto.label: b for b in open_app().get("download_button")}["CSV"].proto.disabled


def test_the_data_formats_are_written_in_chunks_exactly_as_whole(monkeypatch: pytest.MonkeyPatch) -> None:
    import json

    from timeline.export import formats

    events = load_timeline("data/events.yaml").events
    whole_csv = formats.events_csv(events)
    monkeypatch.setattr(formats, "_CHUNK", 3)
    for count in (0, 1, 3, 4, len(events)):
        chosen = events[:count]
        assert "".join(formats.json_chunks(chosen)) == json.dumps(
            [e.to_json() for e in chosen], ensure_ascii=False, indent=2) + "\n", count
    chunks = list(formats.csv_chunks(events))
    assert "".join(chunks) == whole_csv and len(chunks) == len(events) // 3 + 1
    assert json.loads(formats.events_json(events))[0]["id"] == events[0].id


def test_exports_of_a_store_kept_as_columns_match_a_whole_load(tmp_path: Path,
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    from timeline.cli.main import main

    path = tmp_path / "events.parquet"
    convert_store("data/events.yaml", path)
    written = {}
    for columnar_from in ("0", "1000000"):
        monkeypatch.setenv("TIMELINE_COLUMNAR_FROM", columnar_from)
        for suffix in ("csv", "json", "html"):
            out = tmp_path / f"{columnar_from}.{suffix}"
            assert main(["export", str(path), "-o", str(out), "--actor", "Ali Khamenei"]) == 0
            written[columnar_from, suffix] = out.read_text(encoding="utf-8")
        assert main(["export", str(path), "-o", str(tmp_path / "none.csv"), "--search", "no such words"]) == 1
    for suffix in ("csv", "json"):
        assert written["0", suffix] == written["1000000", suffix]
    assert "Imam Hassan" in written["0", "html"] and "Source: events.parquet, " in written["0", "html"]


def test_the_map_and_the_story_of_a_store_kept_as_columns_match_a_whole_load(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    # Drawn from the events the filters select (at most VIEW_EVENT_LIMIT of a store kept as
    # columns), not from the whole store loaded: a million events would take ~4.5 GB.
    from timeline.cli.main import main
    from timeline.export import figures

    path = tmp_path / "events.parquet"
    convert_store("data/events.yaml", path)
    written = {}
    for columnar_from in ("0", "1000000"):
        monkeypatch.setenv("TIMELINE_COLUMNAR_FROM", columnar_from)
        for name, flags in (("map.html", ["--view", "map", "--cdn"]), ("story.html", ["--format", "story"]),
                            ("selection.html", ["--story", "selection", "--actor", "Ali Khamenei"])):
            out = tmp_path / columnar_from / name  # the same name: the download button is named after it
            out.parent.mkdir(exist_ok=True)
            assert main(["export", str(path), "-o", str(out), *flags, "--lang", "ar"]) == 0
            # Plotly names each plot's div anew (a random UUID): the rest must be the same.
            written[columnar_from, name] = re.sub(r"[0-9a-f]{8}(-[0-9a-f]{4}){3}-[0-9a-f]{12}", "ID",
                                                  out.read_text(encoding="utf-8"))
    for name in ("map.html", "story.html", "selection.html"):
        assert written["0", name] == written["1000000", name], name
    assert "خامنئي يغرّد" in written["0", "selection.html"]
    monkeypatch.setenv("TIMELINE_COLUMNAR_FROM", "0")
    monkeypatch.setattr(figures, "VIEW_EVENT_LIMIT", 5)
    assert main(["export", str(path), "-o", str(tmp_path / "too-many.html"), "--view", "map"]) == 1
    assert ("20 events match the filters; the map and the story draw at most 5 of a store this large: narrow the "
            "dates or filters") in capsys.readouterr().err

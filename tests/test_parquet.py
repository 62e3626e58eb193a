"""The columnar store: YAML -> Parquet -> the same timeline, and back to YAML; `timeline convert`;
a Parquet file as a store for validate and dump; broken files reported, never a traceback."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from tests.test_registries import STORE as REGISTRIES_STORE
from timeline.cli.main import main
from timeline.dates.days import Day
from timeline.edit.convert import convert_store
from timeline.model import Timeline
from timeline.store.loading import load_timeline


def without_places(timeline: Timeline) -> tuple:
    """Everything a timeline holds but where each event was written (file and line)."""
    events = tuple(dataclasses.replace(e, source_file=None, line=None) for e in timeline.events)
    return (events, timeline.eras, timeline.actors, timeline.places, timeline.categories, timeline.stories)


@pytest.fixture(params=["bundled", "mesopotamia", "registries"])
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Path:
    if request.param == "registries":
        path = tmp_path / "registries.yaml"
        path.write_text(REGISTRIES_STORE, encoding="utf-8")
        return path
    return Path({"bundled": "data/events.yaml", "mesopotamia": "tests/data/valid/mesopotamia.yaml"}[request.param])


def test_yaml_to_parquet_to_yaml_keeps_every_event_registry_era_and_story(store: Path, tmp_path: Path) -> None:
    original = load_timeline(store, use_cache=False)
    parquet = tmp_path / "events.parquet"
    assert convert_store(store, parquet) == [parquet]
    columnar = load_timeline(parquet, use_cache=False)
    assert without_places(columnar) == without_places(original)
    assert columnar.events[0].source_file == str(parquet)
    back = convert_store(parquet, tmp_path / "back")
    assert all(file.suffix == ".yaml" for file in back)
    assert without_places(load_timeline(tmp_path / "back", use_cache=False)) == without_places(original)


def test_the_file_holds_days_as_ordinals_with_iso_text_and_lists_as_lists(tmp_path: Path) -> None:
    convert_store("tests/data/valid/mesopotamia.yaml", tmp_path / "m.parquet")
    table = pq.ParquetFile(tmp_path / "m.parquet").read()
    assert table.schema.field("start").type == pa.int64() and table.schema.field("actors").type == pa.list_(pa.string())
    first = table.slice(0, 1).to_pylist()[0]
    timeline = load_timeline("tests/data/valid/mesopotamia.yaml", use_cache=False)
    event = next(e for e in timeline.events if e.id == first["id"])
    assert isinstance(event.start, Day) and first["start"] == event.start.toordinal() <= 0
    assert first["start_iso"] == event.start.isoformat() and first["start_iso"].startswith("-")
    assert set(json.loads(table.schema.metadata[b"timeline"])) >= {"actors", "places", "categories", "eras", "stories"}


def test_free_fields_keep_their_types_and_a_date_stays_a_date(tmp_path: Path) -> None:
    (tmp_path / "s.yaml").write_text(REGISTRIES_STORE.replace("recorded: 2020-09-30",
                                                              "recorded: 2020-09-30, note: '2020-10-01', w: 0.5"),
                                     encoding="utf-8")
    convert_store(tmp_path / "s.yaml", tmp_path / "s.parquet")
    fields = dict(load_timeline(tmp_path / "s.parquet").events[0].fields)
    assert fields == dict(load_timeline(tmp_path / "s.yaml", use_cache=False).events[0].fields)
    assert (type(fields["recorded"]).__name__, fields["note"], fields["geo_precision"], fields["w"]) == \
        ("date", "2020-10-01", 1, 0.5)


def test_convert_both_ways_on_the_command_line_and_force(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "events.parquet"
    assert main(["convert", "data/events.yaml", "-o", str(out)]) == 0
    assert capsys.readouterr().err == f"wrote {out} (1 file)\n"
    assert main(["convert", "data/events.yaml", "-o", str(out)]) == 1
    assert capsys.readouterr().err == f"error: '{out}' already exists; choose another -o or pass --force to replace it\n"
    assert main(["convert", "data/events.yaml", "-o", str(out), "--force"]) == 0
    capsys.readouterr()
    assert main(["convert", str(out), "-o", str(tmp_path / "yaml")]) == 0
    assert capsys.readouterr().err == f"wrote {tmp_path / 'yaml'} (2 files)\n"
    assert sorted(p.name for p in (tmp_path / "yaml").iterdir()) == ["2020.yaml", "registries.yaml"]
    assert main(["convert", str(out), "-o", str(tmp_path / "one.yaml")]) == 0
    assert (tmp_path / "one.yaml").read_text(encoding="utf-8").startswith("# Converted from events.parquet")


def test_validate_and_dump_read_a_parquet_store(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "events.parquet"
    convert_store("data/events.yaml", out)
    assert main(["validate", str(out)]) == 0
    assert capsys.readouterr().err == f"ok: {out}\n"
    assert main(["dump", "data/events.yaml"]) == 0
    from_yaml = capsys.readouterr().out
    assert main(["dump", str(out)]) == 0
    assert capsys.readouterr().out == from_yaml


def broken(tmp_path: Path, change) -> Path:  # noqa: ANN001 - a function of a table
    good = tmp_path / "good.parquet"
    convert_store("data/events.yaml", good)
    table = pq.ParquetFile(good).read()
    path = tmp_path / "broken.parquet"
    pq.write_table(change(table), path)
    return path


def column_set(table: pa.Table, name: str, values: pa.Array) -> pa.Table:
    return table.set_column(table.column_names.index(name), name, values)


@pytest.mark.parametrize("change, message", [
    (lambda t: t.drop_columns(["category"]),
     "column 'category': missing; a Parquet store needs the columns id, title, start, end, precision, date_text, "
     "category"),
    (lambda t: column_set(t, "start", pa.array([str(v) for v in t.column("start").to_pylist()])),
     "column 'start': must hold whole day numbers (int64), not string"),
    (lambda t: column_set(t, "actors", pa.array([7] * t.num_rows)),
     "column 'actors': must hold lists of text (list<string>), not int64"),
    (lambda t: column_set(t, "id", pa.array(["same"] * 2 + t.column("id").to_pylist()[2:])),
     "column 'id': row 2: duplicate id 'same', already in row 1; give one of them another id"),
    (lambda t: column_set(t, "precision", pa.array(["daily"] + t.column("precision").to_pylist()[1:])),
     "column 'precision': 'daily' is not allowed; use one of: day, week, month, quarter, year, decade, century"),
    (lambda t: column_set(t, "end", pa.array([t.column("start")[0].as_py() - 1] + t.column("end").to_pylist()[1:])),
     "column 'end': row 1 ends before it starts; end must be on or after start"),
])
def test_a_broken_parquet_file_is_reported_by_column(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                     change, message: str) -> None:  # noqa: ANN001
    path = broken(tmp_path, change)
    assert main(["validate", str(path)]) == 1
    err = capsys.readouterr().err
    assert f"{path}: {message}\n" in err and "Traceback" not in err
    assert main(["dump", str(path)]) == 1


def test_a_file_that_is_not_parquet_is_reported(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "x.parquet"
    path.write_text("events: []\n", encoding="utf-8")
    assert main(["validate", str(path)]) == 1
    err = capsys.readouterr().err
    assert err.startswith(f"{path}: cannot read the file as Parquet (") and "timeline convert" in err


def test_a_related_id_and_a_story_step_must_name_events_of_the_file(tmp_path: Path,
                                                                   capsys: pytest.CaptureFixture[str]) -> None:
    timeline = load_timeline("data/events.yaml")
    story_event = timeline.stories[0].steps[0].event_id
    row = [e.id for e in timeline.events].index(story_event)
    path = broken(tmp_path, lambda t: column_set(
        t, "id", pa.array([f"{i}-x" if n == row else i for n, i in enumerate(t.column("id").to_pylist())])))
    assert main(["validate", str(path)]) == 1
    err = capsys.readouterr().err
    assert f"{path}: column 'stories': story '{timeline.stories[0].id}' names event '{story_event}', which is not in " \
           "this store; fix the id or remove the step\n" in err


def test_events_sharing_a_source_are_written_back_without_yaml_anchors(tmp_path: Path) -> None:
    # A Parquet store builds one Source per distinct source: the same date object in many
    # events once made PyYAML write &id001 anchors, repeated per chunk of 1,000 (invalid YAML).
    lines = ["defaults:", "  source: {outlet: Reuters, published: 2020-09-28}", "events:"]
    for index in range(1_200):
        lines += [f"  - id: e{index}", f"    title: Event {index}", "    date: Sept. 13", "    category: other"]
    (tmp_path / "many.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    convert_store(tmp_path / "many.yaml", tmp_path / "many.parquet")
    columnar = load_timeline(tmp_path / "many.parquet")
    assert columnar.events[0].sources is columnar.events[1].sources
    convert_store(tmp_path / "many.parquet", tmp_path / "back.yaml")
    assert "&id" not in (tmp_path / "back.yaml").read_text(encoding="utf-8")
    assert without_places(load_timeline(tmp_path / "back.yaml", use_cache=False)) == without_places(columnar)


def split_store(folder: Path, *, second: dict | None = None) -> tuple[Timeline, Path, Path]:
    """data/events.yaml as two Parquet files in ``folder``: the first half of its events with every
    registry, era and story, the second half with none (or with ``second``'s)."""
    from timeline.store.parquetstore import parquet_bytes

    timeline = load_timeline("data/events.yaml", use_cache=False)
    half = len(timeline.events) // 2
    folder.mkdir(exist_ok=True)
    first, rest = folder / "a.parquet", folder / "b.parquet"
    first.write_bytes(parquet_bytes(dataclasses.replace(timeline, events=timeline.events[:half])))
    empty = {"events": timeline.events[half:], "actors": (), "places": (), "categories": (), "eras": (), "stories": ()}
    rest.write_bytes(parquet_bytes(dataclasses.replace(timeline, **(empty | (second or {})))))
    return timeline, first, rest


def test_a_folder_or_a_glob_of_parquet_files_is_one_store(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    timeline, first, rest = split_store(tmp_path / "store")
    first_ids = {e.id for e in timeline.events[:len(timeline.events) // 2]}
    # The files lean on each other: stories and related ids name events of the other file.
    assert any(step.event_id not in first_ids for story in timeline.stories for step in story.steps)
    assert any(r in first_ids for e in timeline.events if e.id not in first_ids for r in e.related)
    for store in (tmp_path / "store", str(tmp_path / "store" / "*.parquet")):
        loaded = load_timeline(store)
        assert without_places(loaded) == without_places(timeline)
        assert loaded.sources == (str(first), str(rest))
        assert {e.source_file for e in loaded.events} == {str(first), str(rest)}
        assert main(["validate", str(store)]) == 0
        assert capsys.readouterr().err == f"ok: {store}\n"
        assert main(["dump", "data/events.yaml"]) == 0
        from_yaml = capsys.readouterr().out
        assert main(["dump", str(store)]) == 0
        assert capsys.readouterr().out == from_yaml
    assert main(["convert", str(tmp_path / "store"), "-o", str(tmp_path / "one.parquet")]) == 0
    assert without_places(load_timeline(tmp_path / "one.parquet")) == without_places(timeline)


def test_ids_and_registries_are_each_in_one_file_of_a_parquet_folder(tmp_path: Path,
                                                                      capsys: pytest.CaptureFixture[str]) -> None:
    timeline = load_timeline("data/events.yaml", use_cache=False)
    half = len(timeline.events) // 2
    twin = dataclasses.replace(timeline.events[half], id=timeline.events[0].id)
    _, first, rest = split_store(tmp_path, second={
        "events": (twin, *timeline.events[half:]), "actors": timeline.actors[:1], "eras": timeline.eras,
        "stories": timeline.stories})
    assert main(["validate", str(tmp_path)]) == 1
    assert capsys.readouterr().err.splitlines() == [
        f"{rest}: column 'id': row 1: duplicate id '{twin.id}', already in {first} row 1; give one of them "
        "another id",
        f"{rest}: field 'name': the actor '{timeline.actors[0].name}' is also defined in {first}; keep one entry",
        f"{rest}: field 'id': the era '{timeline.eras[0].id}' is also defined in {first}; keep one entry",
        f"{rest}: field 'id': the story '{timeline.stories[0].id}' is also defined in {first}; keep one entry"]


def test_related_ids_and_story_steps_are_checked_across_parquet_files(tmp_path: Path,
                                                                      capsys: pytest.CaptureFixture[str]) -> None:
    timeline = load_timeline("data/events.yaml", use_cache=False)
    half = len(timeline.events) // 2
    dangling = dataclasses.replace(timeline.events[half], related=("no-such-event",))
    _, first, rest = split_store(tmp_path, second={"events": (dangling,)})  # the others are gone
    assert main(["validate", str(tmp_path / "*.parquet")]) == 1
    err = capsys.readouterr().err
    assert f"{rest}: column 'related': row 1: related id 'no-such-event' is not an event in this store; fix the id " \
           "or remove it\n" in err
    missing = next(step.event_id for step in timeline.stories[0].steps
                   if step.event_id in {e.id for e in timeline.events[half + 1:]})
    assert f"{first}: column 'stories': story '{timeline.stories[0].id}' names event '{missing}', which is not in " \
           "this store; fix the id or remove the step\n" in err


def test_a_folder_mixing_yaml_and_parquet_and_a_glob_matching_nothing_are_refused(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    split_store(tmp_path)
    (tmp_path / "more.yaml").write_text(Path("tests/data/valid/mesopotamia.yaml").read_text(encoding="utf-8"),
                                        encoding="utf-8")
    assert main(["validate", str(tmp_path)]) == 1
    assert capsys.readouterr().err == (
        f"{tmp_path}: the folder holds both YAML files (more.yaml) and Parquet files (a.parquet, b.parquet); a store "
        f"is one or the other: convert the YAML with 'timeline convert {tmp_path / 'more.yaml'} -o "
        f"{tmp_path / 'more.parquet'}' and move the YAML files out of the folder\n")
    pattern = str(tmp_path / "nothing" / "*.parquet")
    assert main(["validate", pattern]) == 1
    assert capsys.readouterr().err == (f"{pattern}: no file matches the pattern; give a folder of .parquet files or "
                                       "a pattern such as 'data/*.parquet' (quoted on the command line)\n")


def test_yaml_stores_keep_their_files_and_cache_and_parquet_stores_are_never_cached(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from timeline.store import loadcache
    from timeline.store.loading import store_files

    _, first, rest = split_store(tmp_path / "pq")
    assert store_files(tmp_path / "pq") == [first, rest] == store_files(str(tmp_path / "pq" / "*.parquet"))
    assert store_files(first) == [first]
    yaml_folder = tmp_path / "yaml"
    yaml_folder.mkdir()
    for name in ("b.yml", "a.yaml", "notes.txt"):
        (yaml_folder / name).write_text("x", encoding="utf-8")
    assert store_files(yaml_folder) == [yaml_folder / "a.yaml", yaml_folder / "b.yml"]
    assert store_files("data/events.yaml") == [Path("data/events.yaml")]
    written: list[object] = []
    monkeypatch.setattr(loadcache, "cache_enabled", lambda: True)
    monkeypatch.setattr(loadcache, "write_cached", lambda key, timeline: written.append(key))
    load_timeline(tmp_path / "pq")
    load_timeline(str(tmp_path / "pq" / "*.parquet"))
    assert written == []
    monkeypatch.setattr(loadcache, "read_cached", lambda key: None)
    load_timeline("tests/data/valid/mesopotamia.yaml")
    assert len(written) == 1

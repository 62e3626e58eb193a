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

"""The fast reader either agrees with the careful one or steps aside (returns None).

The contract that makes it safe: whenever ``read_fast`` returns a document, ``read_yaml`` reads
the same text without error, to the same data (an unquoted ISO date may be a date there and its
ISO text here) and the same first line and column for every event.
"""

from __future__ import annotations

import subprocess
import sys
import threading
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from timeline.errors import TimelineError
from timeline.store import fastyaml
from timeline.store.fastyaml import read_fast
from timeline.store.loading import _read_store, load_timeline
from timeline.store.yamldoc import Document, decode_yaml_bytes, read_yaml

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data"
REFERENCE_FILES = sorted(
    [ROOT / "data" / "events.yaml", DATA / "hostile" / "events.yaml"]
    + list((DATA / "valid").glob("*.yaml")) + list((DATA / "invalid").glob("*.yaml"))
)


def _plain(value: Any) -> Any:
    if isinstance(value, dict):
        return {key: _plain(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_plain(item) for item in value]
    if isinstance(value, date):
        return value.isoformat()
    return value


def _event_positions(document: Document) -> dict[Any, Any]:
    return {path: where for path, where in document.positions.items() if len(path) == 2 and path[0] == "events"}


def assert_agrees(text: str) -> Document | None:
    """Assert the contract for one text; return the fast document (or None)."""
    fast = read_fast(text, "f.yaml")
    if fast is None:
        return None
    try:
        careful = read_yaml(text, "f.yaml")
    except TimelineError as err:
        raise AssertionError(f"the fast reader accepted what the careful one refuses: {err}\n{text!r}") from err
    assert fast.data == _plain(careful.data), text
    assert _event_positions(fast) == _event_positions(careful), text
    return fast


@pytest.mark.parametrize("path", REFERENCE_FILES, ids=lambda p: p.name)
def test_reference_files(path: Path) -> None:
    try:
        text = decode_yaml_bytes(path.read_bytes(), str(path))
    except TimelineError:
        return
    assert_agrees(text)


def test_bundled_data_and_a_generated_store_take_the_fast_path(tmp_path: Path) -> None:
    bundled = (ROOT / "data" / "events.yaml").read_text(encoding="utf-8")
    assert assert_agrees(bundled) is not None
    store = tmp_path / "store.yaml"
    subprocess.run([sys.executable, str(ROOT / "benchmarks" / "generate.py"), "300", str(store)],
                   check=True, capture_output=True)
    document = assert_agrees(store.read_text(encoding="utf-8"))
    assert document is not None and len(document.data["events"]) == 300
    # The benchmarks' stores must be valid, or `make bench` measures error reports.
    fast, problems = _read_store(store, fast=True)
    assert problems == [] and len(fast.events) == 300


@pytest.mark.parametrize("path", [ROOT / "data" / "events.yaml", DATA / "hostile" / "events.yaml"],
                         ids=lambda p: p.parent.name)
def test_store_reads_the_same_timeline_either_way(path: Path) -> None:
    fast, fast_problems = _read_store(path, fast=True)
    careful, careful_problems = _read_store(path, fast=False)
    assert fast == careful and fast_problems == careful_problems == []
    assert [event.line for event in fast.events] == [event.line for event in careful.events]


def _event_file(event_id: str, related: str = "", category: str = "statement") -> str:
    return (f"events:\n  - id: {event_id}\n    title: T\n    date: 2020-09-13\n    category: {category}\n"
            f"    related: [{related}]\n    sources: [{{outlet: X}}]\n")


@pytest.mark.parametrize("files", [
    {"a.yaml": _event_file("a", related="b"), "b.yaml": _event_file("b", related="nope, a")},
    {"a.yaml": _event_file("a"), "b.yaml": _event_file("a"), "c.yaml": _event_file("c", related="ghost")},
    {"a.yaml": _event_file("a", category="statment"), "b.yaml": _event_file("b", related="a")},
    {"a.yaml": _event_file("a"), "b.yaml": "events: [", "c.yaml": _event_file("c", related="a, b")},
    *[{path.name: path.read_bytes(), "valid.yaml": _event_file("zz")}
      for path in sorted((DATA / "invalid").glob("*.yaml"))],
], ids=lambda files: "+".join(files))
def test_problems_are_the_same_read_fast_or_carefully(tmp_path: Path, files: dict[str, str | bytes]) -> None:
    for name, text in files.items():
        (tmp_path / name).write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
    fast, fast_problems = _read_store(tmp_path, fast=True)
    careful, careful_problems = _read_store(tmp_path, fast=False)
    assert fast_problems and [str(p) for p in fast_problems] == [str(p) for p in careful_problems]
    assert fast == careful


@pytest.mark.parametrize("value", [
    "yes", "No", "on", "OFF", "~", "null", "Null", "NULL", "0x1F", "0o17", "017", "1_000", "+3",
    "1:20", "1.5", "1e3", ".inf", "-.INF", ".NaN", "2020-09-13", "2020-09-13 10:00:00",
    "2020-9-13", "<<", "=", "'yes'", '"013"', "''", "2023", "'2023'", "7.", "0b101", "-0",
])
@pytest.mark.parametrize("field", ["title", "date", "importance", "tags"])
def test_values_yaml_11_reads_differently(field: str, value: str) -> None:
    shown = f"[{value}]" if field == "tags" else value
    assert_agrees(f"events:\n  - id: a\n    {field}: {shown}\n")


@pytest.mark.parametrize("text", [
    "events:\n  - &e {id: a}\n  - *e\n",  # an alias would stay the text '*e'
    "events:\n  - id: !!str 12\n",  # a tag rapidyaml ignores
    "events:\n  - id: !!python/object/apply:os.system [ls]\n",
    "events:\n  - {id: a, <<: {title: b}}\n",
    "events:\n\t- id: a\n",  # a tab, which libyaml refuses
    "events:\n  - id: a\n    title: @home\n",  # '@' cannot start a plain value
    "events:\n  - id: a\n    title: `x`\n",
    "%YAML 1.1\n---\nevents: []\n",
    "events: []\n---\nevents: []\n",
    "events:\n  - id: a\n    title: a\x85b\n",  # NEL: a line break to libyaml only
    "events:\n  - id: a\n    title: a\u2028b\n",
    "events:\n  - id: a\r    title: b\r",
    "events:\n  - id: a\n    title: \"\\x41\"\n",  # an escape JSON has not
    "events:\n  - id: a\n    id: b\n",  # a duplicate key
    "events:\n  - id: a\n    title: \x01\n",
    "events:\n  - ? id\n    : a\n",
    "events:\n  -\n    id: a\n",  # the fields start on the line after the '-'
    "events:\n  - id: a\n    title: ]x\n", "events:\n  - id: a\n    tags: [a, }x]\n", "]events: []\n",
    "events:\n  - id: a\n    summary:  >x\n      y\n", "events:\n  - id: a\n    summary:\n      >-junk\n      y\n",
    "events:\n  - id: a\n    summary:     |x\n      y\n", "x\n>\nevents: []\n",
    "", "# nothing but a comment\n",
])
def test_texts_left_to_the_careful_reader(text: str) -> None:
    assert read_fast(text, "f.yaml") is None
    assert_agrees(text)


@pytest.mark.parametrize("shape", ["[{0}, {0}, {0}]", "\n  - {0}\n  - {0}\n  - {0}", "{{x: {0}, y: {0}}}"])
def test_an_alias_bomb_never_reaches_rapidyaml(monkeypatch: pytest.MonkeyPatch, shape: str) -> None:
    def no_parsing(*args: Any) -> Any:
        raise AssertionError("rapidyaml parsed a text with aliases")

    monkeypatch.setattr(fastyaml.ryml, "parse_in_arena", no_parsing)
    lines = ["a0: &a0 [lol, lol, lol]"] + [f"a{i}: &a{i} " + shape.format(f"*a{i - 1}") for i in range(1, 20)]
    assert read_fast("\n".join(lines) + "\nevents: *a19\n", "bomb.yaml") is None


def test_event_lines_and_columns_follow_the_text() -> None:
    text = (
        "# header\ndefaults:\n  source: {outlet: X}\n\nevents:\n# between\n"
        "- id: a\n  title: A\n\n-   id: b\n    summary: |\n      - not an item\n"
        "  # indented comment\n- {id: c}\neras: []\n"
    )
    document = assert_agrees(text)
    assert document is not None
    assert _event_positions(document) == {("events", 0): (7, 3), ("events", 1): (10, 5), ("events", 2): (14, 3)}


def test_windows_line_endings() -> None:
    text = "events:\r\n  - id: a\r\n    title: A\r\n  - id: b\r\n    title: B\r\n"
    document = assert_agrees(text)
    assert document is not None and document.data["events"][1]["title"] == "B"


def test_a_refused_text_prints_nothing(capfd: pytest.CaptureFixture[str]) -> None:
    assert read_fast("events:\n  - id: [a\n", "f.yaml") is None
    assert read_fast("a: b: c\n", "f.yaml") is None
    captured = capfd.readouterr()
    assert captured.err == "" and captured.out == ""


def test_works_in_a_thread_as_streamlit_runs_pages(tmp_path: Path) -> None:
    text = (ROOT / "data" / "events.yaml").read_text(encoding="utf-8")
    results: list[Document | None] = []
    workers = [threading.Thread(target=lambda: results.append(read_fast(text, "f.yaml"))) for _ in range(4)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    assert len(results) == 4 and all(result is not None and result.data == results[0].data for result in results)


def test_load_timeline_reports_errors_with_positions_after_a_fast_read(tmp_path: Path) -> None:
    store = tmp_path / "events.yaml"
    store.write_text("events:\n  - id: a\n    title: A\n    date: 2020-09-13\n    category: nonsense\n"
                     "    sources: [{outlet: X}]\n", encoding="utf-8")
    with pytest.raises(TimelineError) as caught:
        load_timeline(store, use_cache=False)
    assert "events.yaml:5:15: field 'category': unknown category 'nonsense'" in str(caught.value)


# Generated documents: event-like structures whose values are drawn from what trips YAML readers.
_TRICKY = ["yes", "no", "On", "~", "null", "", "0x10", "012", "1_0", "1:30", "1.5", "1e3", ".inf",
           "2020-09-13", "2020-9-13", "2020-09-13 10:00:00", "2023", "-1", "+1", "Sept. 13, 2020",
           "a: b", "a #b", "#c", "- x", "[x]", "{x}", "x, y", "it's", 'say "hi"', "back\\slash", "é",
           "25 سبتمبر 2020", "&a", "*a", "!t", "?", "%", "@", "`", "|", ">", "'", '"', "  pad  ", "a\nb"]
_SCALAR_TEXT = st.one_of(st.sampled_from(_TRICKY), st.text(
    alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=12))
_KEYS = st.sampled_from(["id", "title", "date", "end", "category", "importance", "actors", "tags",
                         "summary", "yes", "1", "sources", "published"])


def _scalar(text: str, style: str) -> str:
    if style == "plain":
        return text
    if style == "single":
        return "'" + text.replace("'", "''") + "'"
    if style == "double":
        return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'
    return "|-\n" + "".join(f"      {line}\n" for line in text.split("\n")).rstrip("\n")


_VALUE = st.one_of(
    st.builds(_scalar, _SCALAR_TEXT, st.sampled_from(["plain", "single", "double", "literal"])),
    st.lists(st.builds(_scalar, _SCALAR_TEXT, st.sampled_from(["plain", "single", "double"])), max_size=3)
    .map(lambda items: "[" + ", ".join(items) + "]"),
)
_EVENT = st.lists(st.tuples(_KEYS, _VALUE), min_size=1, max_size=5)


def _document(events: list[list[tuple[str, str]]], indent: int) -> str:
    pad = " " * indent
    lines = ["events:"]
    for fields in events:
        for index, (key, value) in enumerate(fields):
            lead = f"{pad}- " if index == 0 else f"{pad}  "
            lines.append(f"{lead}{key}: {value}")
    return "\n".join(lines) + "\n"


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_EVENT, min_size=1, max_size=4), st.sampled_from([0, 2, 4]))
def test_generated_documents(events: list[list[tuple[str, str]]], indent: int) -> None:
    assert_agrees(_document(events, indent))


_VALID = (
    "defaults:\n  source:\n    outlet: Al-Monitor\n    published: 2020-09-28\n"
    "events:\n  - id: a-b\n    title: \"Sadr: a committee\"\n    date: Sept. 13\n    category: statement\n"
    "    actors: [Muqtada al-Sadr, 'Kataib Hezbollah']\n    summary: >-\n      Two lines\n      of text.\n"
    "  - id: c\n    title: It's late\n    date: 2020-09-25\n    end: '2020-09-27'\n    category: meeting\n"
    "    sources:\n      - outlet: Reuters\n        url: https://example.org/a?b=1#c\n"
)
_EDIT_CHARACTERS = list(":-'\"#[]{},&*!?|>@`%\\ \n\t") + ["  ", "- ", ": ", "\n  ", "yes", "~", "0x1"]


@settings(max_examples=600, deadline=None)
@given(st.lists(st.tuples(st.integers(0, len(_VALID)), st.sampled_from(["insert", "delete", "replace"]),
                          st.sampled_from(_EDIT_CHARACTERS)), min_size=1, max_size=3))
def test_mutated_valid_files(edits: list[tuple[int, str, str]]) -> None:
    text = _VALID
    for position, kind, characters in edits:
        position = min(position, len(text))
        if kind == "insert":
            text = text[:position] + characters + text[position:]
        elif kind == "delete":
            text = text[:position] + text[position + len(characters):]
        else:
            text = text[:position] + characters + text[position + 1:]
    assert_agrees(text)


def test_given_bytes_are_read_as_the_text() -> None:
    text = (ROOT / "data" / "events.yaml").read_text(encoding="utf-8")
    from_text, from_bytes = read_fast(text, "f.yaml"), read_fast(text, "f.yaml", utf8=text.encode("utf-8"))
    assert from_text is not None and from_bytes is not None and from_text.data == from_bytes.data


def test_a_file_with_a_byte_order_mark_loads_the_same(tmp_path: Path) -> None:
    plain = ROOT / "data" / "events.yaml"
    marked = tmp_path / "events.yaml"
    marked.write_bytes(b"\xef\xbb\xbf" + plain.read_bytes())
    fast, problems = _read_store(marked, fast=True)
    assert problems == [] and [e.id for e in fast.events] == [e.id for e in _read_store(plain, fast=False)[0].events]


@pytest.mark.parametrize("summary", ["growth > 3 %", "A | B", "a  >  b", "\n      >-\n        on its own line"])
def test_running_text_with_header_characters_still_takes_the_fast_path(summary: str) -> None:
    text = f"events:\n  - id: a\n    title: T\n    summary: {summary}\n"
    assert assert_agrees(text) is not None


@pytest.mark.parametrize("number", ["33.3406", "-77.0364", "0.0", "1e3", "1.5e+3", ".5", "1.", "+1.5", "1_0.5",
                                    "3.14e-2", "0x1A", "1:30.5", ".inf", "-.nan"])
def test_a_decimal_is_read_fast_only_when_both_readers_agree(number: str) -> None:
    text = f"places:\n  - {{name: P, lat: {number}, lon: 1.5}}\nevents:\n  - id: a\n    title: T\n"
    fast = assert_agrees(text)
    if number in ("33.3406", "-77.0364", "0.0"):
        assert fast is not None and fast.data["places"][0]["lat"] == float(number)


@pytest.mark.parametrize("line", ["# the story view, `export --format story`", "  # see [a, `b`]",
                                  "  # an anchor? , &x and , *x"])
def test_a_comment_line_is_no_node_and_keeps_the_fast_path(line: str) -> None:
    text = f"{line}\nevents:\n  - id: a\n    title: T\n    summary: |\n      # a, `text`\n"
    assert assert_agrees(text) is not None

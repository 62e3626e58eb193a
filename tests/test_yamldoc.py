"""Reading YAML safely: positions, duplicate keys, tags, aliases and nesting."""

from __future__ import annotations

import time

import pytest

from timeline.errors import TimelineError
from timeline.store.yamldoc import MAX_DEPTH, decode_yaml_bytes, read_yaml


def test_positions_of_values_and_keys() -> None:
    document = read_yaml("events:\n  - id: a\n    title: T\n", "f.yaml")
    assert document.data == {"events": [{"id": "a", "title": "T"}]}
    assert document.where(("events", 0, "title")) == (3, 12)
    assert document.where_key(("events", 0, "title")) == (3, 5)
    assert document.where(("events", 0, "missing")) == (2, 5)


def test_unquoted_iso_date_and_quoted_text() -> None:
    data = read_yaml("a: 2020-09-13\nb: '2020-09-13'\nc: 2020-02-30\n", "f.yaml").data
    assert str(data["a"]) == "2020-09-13" and data["a"] != "2020-09-13"
    assert data["b"] == "2020-09-13"
    assert data["c"] == "2020-02-30"  # an impossible day stays text for the date reader to explain


def test_duplicate_key_names_both_lines() -> None:
    with pytest.raises(TimelineError) as caught:
        read_yaml("a: 1\nb: 2\na: 3\n", "f.yaml")
    assert str(caught.value) == "f.yaml:3:1: duplicate key 'a' (first at line 1); keep one and delete the other"


def test_object_tags_are_refused_not_run() -> None:
    with pytest.raises(TimelineError) as caught:
        read_yaml("a: !!python/object/apply:os.system ['false']\n", "f.yaml")
    assert "the YAML tag 'tag:yaml.org,2002:python/object/apply:os.system' is not allowed" in str(caught.value)


def test_alias_bomb_is_refused_quickly() -> None:
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    lines += [f"a{i}: &a{i} [*a{i-1}, *a{i-1}, *a{i-1}, *a{i-1}, *a{i-1}, *a{i-1}, *a{i-1}, *a{i-1}, *a{i-1}, *a{i-1}]"
              for i in range(1, 10)]
    started = time.monotonic()
    with pytest.raises(TimelineError) as caught:
        read_yaml("\n".join(lines), "bomb.yaml")
    assert "an alias bomb?" in str(caught.value)
    assert time.monotonic() - started < 30  # generous: the point is that it ends, not how fast


def test_deep_nesting_is_refused() -> None:
    depth = MAX_DEPTH + 5
    with pytest.raises(TimelineError) as caught:
        read_yaml("a: " + "[" * depth + "]" * depth, "deep.yaml")
    assert f"nested more than {MAX_DEPTH} levels deep" in str(caught.value)


def test_several_documents_are_refused() -> None:
    with pytest.raises(TimelineError) as caught:
        read_yaml("a: 1\n---\nb: 2\n", "f.yaml")
    assert str(caught.value).startswith("f.yaml:3: the file holds several YAML documents")


def test_bom_is_dropped_and_bad_bytes_located() -> None:
    assert decode_yaml_bytes(b"\xef\xbb\xbfa: 1\n", "f.yaml") == "a: 1\n"
    with pytest.raises(TimelineError) as caught:
        decode_yaml_bytes(b"a: 1\nb: caf\xe9\n", "f.yaml")
    assert str(caught.value).startswith("f.yaml:2:7: byte 0xe9 is not UTF-8;")

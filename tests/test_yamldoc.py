"""Reading YAML safely: positions, duplicate keys, tags, aliases and nesting."""

from __future__ import annotations

from typing import Any, Iterator

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from timeline.errors import TimelineError
from timeline.store import yamldoc
from timeline.store.yamldoc import MAX_DEPTH, decode_yaml_bytes, read_yaml

PARSE = yaml.parse


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


def alias_bomb(levels: int = 9, width: int = 9) -> str:
    """The classic 'billion laughs': each anchored list repeats the previous alias."""
    lines = [f"a0: &a0 [{', '.join(['lol'] * width)}]"]
    lines += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * width)}]" for i in range(1, levels)]
    return "\n".join(lines) + f"\nevents: *a{levels - 1}\n"


def test_alias_bomb_is_refused_at_the_alias_before_anything_is_composed(monkeypatch: pytest.MonkeyPatch) -> None:
    text = alias_bomb()
    assert len(text) < 600
    events = []

    def counted_parse(*args: Any, **kwargs: Any) -> Iterator[yaml.Event]:
        for event in PARSE(*args, **kwargs):
            events.append(event)
            yield event

    def no_composing(*args: Any, **kwargs: Any) -> Any:
        raise AssertionError("the bomb was composed")

    monkeypatch.setattr(yaml, "parse", counted_parse)
    monkeypatch.setattr(yaml, "compose_all", no_composing)
    with pytest.raises(TimelineError) as caught:
        read_yaml(text, "bomb.yaml")
    # a0..a5 expand to 672,604 values; a6's third '*a5' (line 7, column 20) takes them past 2,000,000.
    assert str(caught.value) == ("bomb.yaml:7:20: the file expands to more than 2,000,000 values (an alias "
                                 "bomb?); write the values out instead of repeating aliases")
    assert len(events) < 100  # the parser's events up to that alias: nothing was expanded


@pytest.mark.parametrize("text", [
    alias_bomb(levels=3, width=3),
    "a: &x [1, 2, {b: 3, c: [4, 5]}]\nb: *x\nc: [*x, *x]\n",
    "&k a: [1, 2]\nb: {*k : 1}\nc: [*k, *k]\n",  # keys are not values, even as aliases
    "- &m {a: [1, 2], b: {c: 3}}\n- *m\n- {x: *m, y: [*m, *m]}\n",
    "a: &e []\nb: &f {}\nc: [*e, *f, *e]\nd: &s text\ne: [*s, *s]\n",
])
def test_the_limit_counts_values_after_following_aliases(monkeypatch: pytest.MonkeyPatch, text: str) -> None:
    values = _expanded_values(yaml.compose(text, Loader=yaml.SafeLoader))
    monkeypatch.setattr(yamldoc, "MAX_NODES", values)
    read_yaml(text, "f.yaml")
    monkeypatch.setattr(yamldoc, "MAX_NODES", values - 1)
    with pytest.raises(TimelineError, match="the file expands to more than"):
        read_yaml(text, "f.yaml")


def _expanded_values(node: yaml.Node) -> int:
    """What the walker visits: the node, every list item and mapping value (not keys), aliases followed."""
    if isinstance(node, yaml.MappingNode):
        return 1 + sum(_expanded_values(value) for _, value in node.value)
    if isinstance(node, yaml.SequenceNode):
        return 1 + sum(_expanded_values(item) for item in node.value)
    return 1


def _draw_node(data: st.DataObject, anchors: list[str], depth: int = 0) -> str:
    """Draw a flow YAML node, sometimes anchored, whose aliases name anchors that have ended."""
    kind = data.draw(st.sampled_from(["text", "alias", "list", "map"] if depth < 4 else ["text", "alias"]))
    if kind == "alias" and anchors:
        return "*" + data.draw(st.sampled_from(anchors))
    items = [_draw_node(data, anchors, depth + 1) for _ in range(data.draw(st.integers(0, 4)))] \
        if kind in ("list", "map") else []
    if kind == "list":
        body = "[" + ", ".join(items) + "]"
    elif kind == "map":
        body = "{" + ", ".join(f"k{i}: {item}" for i, item in enumerate(items)) + "}"
    else:
        body = "x"
    if not data.draw(st.booleans()):
        return body
    anchors.append(f"a{len(anchors)}")
    return f"&{anchors[-1]} {body}"


@settings(max_examples=200, deadline=None)
@given(data=st.data())
def test_any_use_of_aliases_is_counted_as_the_walker_expands_it(data: st.DataObject) -> None:
    anchors: list[str] = []
    text = "{" + ", ".join(f"r{i}: {_draw_node(data, anchors)}" for i in range(data.draw(st.integers(1, 5)))) + "}"
    values = _expanded_values(yaml.compose(text, Loader=yaml.SafeLoader))
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(yamldoc, "MAX_NODES", values)
        read_yaml(text, "f.yaml")
        patch.setattr(yamldoc, "MAX_NODES", values - 1)
        with pytest.raises(TimelineError, match="the file expands to more than"):
            read_yaml(text, "f.yaml")


def test_an_alias_inside_what_it_names_is_refused() -> None:
    with pytest.raises(TimelineError) as caught:
        read_yaml("a: &loop [1, [2, *loop]]\n", "f.yaml")
    assert str(caught.value) == ("f.yaml:1:18: the alias '*loop' sits inside the list or mapping it names "
                                 "('&loop'), so it never ends; write the values out instead")


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

"""``fmt``: fields in the documented order, events sorted by date on request, every comment kept."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from timeline.errors import ValidationError
from timeline.edit.fmt import format_store, format_text

HEADER = "# yaml-language-server: $schema=../schema/events.schema.json\ndefaults:\n  source:\n    published: 2020-09-28  # p\n    outlet: X\n"


def test_bundled_data_is_already_formatted() -> None:
    text = Path("data/events.yaml").read_text(encoding="utf-8")
    assert format_text(text, "data/events.yaml") == text


def test_fields_are_reordered_with_their_comments() -> None:
    text = HEADER + (
        "events:\n"
        "  - title: A   # the headline\n"
        "    category: statement\n"
        "    # the day, as written\n"
        "    date: Sept. 13\n"
        "    id: a\n"
        "    summary: >-\n"
        "      folded\n"
        "      text\n"
        "    actors: [X]\n"
        "    sources:\n"
        "      - url: https://example.com\n"
        "        outlet: Y\n"
    )
    assert format_text(text, "t.yaml") == (
        "# yaml-language-server: $schema=../schema/events.schema.json\ndefaults:\n  source:\n"
        "    outlet: X\n    published: 2020-09-28  # p\n"
        "events:\n"
        "  - id: a\n"
        "    title: A   # the headline\n"
        "    # the day, as written\n"
        "    date: Sept. 13\n"
        "    category: statement\n"
        "    actors: [X]\n"
        "    summary: >-\n"
        "      folded\n"
        "      text\n"
        "    sources:\n"
        "      - outlet: Y\n"
        "        url: https://example.com\n"
    )


EVENTS = HEADER.replace("    published: 2020-09-28  # p\n    outlet: X\n", "    outlet: X\n    published: 2020-09-28\n") + (
    "events:\n"
    "  # --- late ones ---\n"
    "\n"
    "  - id: b\n    title: B\n    date: Sept. 20\n    category: other\n"
    "    # end: Sept. 21\n"
    "\n"
    "  - id: a1\n    title: A1\n    date: September 2020\n    category: other\n"
    "\n"
    "  # the first day\n"
    "  - id: a2\n    title: A2\n    date: Sept. 1\n    category: other"
)


def test_sort_by_date_is_stable_and_moves_comments_with_their_event() -> None:
    assert format_text(EVENTS, "t.yaml") == EVENTS + "\n"  # only the final line break is added
    assert format_text(EVENTS, "t.yaml", sort_by_date=True) == EVENTS.split("events:\n")[0] + (
        "events:\n"
        "  - id: a1\n    title: A1\n    date: September 2020\n    category: other\n"
        "\n"
        "  # the first day\n"
        "  - id: a2\n    title: A2\n    date: Sept. 1\n    category: other\n"
        "\n"
        "  # --- late ones ---\n"
        "\n"
        "  - id: b\n    title: B\n    date: Sept. 20\n    category: other\n"
        "    # end: Sept. 21\n"
    )


def test_formatting_is_idempotent() -> None:
    once = format_text(EVENTS, "t.yaml", sort_by_date=True)
    assert format_text(once, "t.yaml", sort_by_date=True) == once


def test_sort_needs_valid_dates() -> None:
    with pytest.raises(ValidationError, match="cannot read 'soon'"):
        format_text(EVENTS.replace("Sept. 20", "soon"), "t.yaml", sort_by_date=True)


def test_flow_events_are_left_as_they_are() -> None:
    text = HEADER + "events:\n  - {title: A, id: a, date: 2020, category: other}\n"
    assert format_text(text, "t.yaml").endswith("  - {title: A, id: a, date: 2020, category: other}\n")


def test_format_store_writes_and_checks(tmp_path: Path) -> None:
    path = tmp_path / "e.yaml"
    path.write_text(EVENTS, encoding="utf-8")
    assert format_store(path, sort_by_date=True, check=True) == [str(path)]
    assert path.read_text(encoding="utf-8") == EVENTS  # --check writes nothing
    assert format_store(path, sort_by_date=True) == [str(path)]
    assert format_store(path, sort_by_date=True, check=True) == []
    shutil.copyfile("data/events.yaml", tmp_path / "d.yaml")
    assert format_store(tmp_path / "d.yaml") == []

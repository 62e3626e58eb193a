"""A store's ``stories:``: told sequences of its events, each step an event id with narration.

Holds: ``read_story`` and ``StoryRef`` (where a step names an event, for the check that it exists,
made once every file of the store is read).
May import: ``timeline.store.fieldcheck``, ``timeline.model``.
"""

from __future__ import annotations

from typing import Any, NamedTuple

from timeline.model import Story, StoryStep
from timeline.store.fieldcheck import ID_PATTERN, Problems, check_unknown, text_field
from timeline.store.localtext import read_texts
from timeline.store.yamldoc import Path

STORY_FIELDS = ("id", "title", "intro", "steps")
STEP_FIELDS = ("event", "narration")
SELECTION_ID = "selection"
"""Reserved: ``story=selection`` in the address is the story of the reader's selection."""


class StoryRef(NamedTuple):
    """An event id a story's step names, and where."""

    event_id: str
    story_id: str
    source: str | None
    line: int | None
    column: int | None


def read_story(raw: Any, path: Path, problems: Problems, refs: list[StoryRef]) -> Story | None:
    """Return the story at ``path`` (its steps' event ids added to ``refs``), or None with problems.

    A step is an event id, or ``{event: id, narration: text}``.
    """
    if not isinstance(raw, dict):
        problems.add(path, "a story must be a mapping with 'id', 'title', 'intro' and 'steps'")
        return None
    before = len(problems.found)
    check_unknown(raw, STORY_FIELDS, path, problems, what="story")
    story_id = text_field(raw, "id", path, problems, required=True)
    if story_id is not None and not ID_PATTERN.match(story_id):
        problems.add(path + ("id",), f"'{story_id}' is not a valid story id; use lower-case letters, digits and "
                     "hyphens, e.g. 'september-2020'", field_name="id")
    elif story_id == SELECTION_ID:
        problems.add(path + ("id",), f"'{SELECTION_ID}' is the story of the reader's selection; give this story "
                     "another id, e.g. 'september-2020'", field_name="id")
    texts, translations = read_texts(raw, ("title", "intro"), path, problems, required=("title",))
    title, intro = texts["title"], texts["intro"]
    raw_steps = raw.get("steps")
    if not isinstance(raw_steps, list) or not raw_steps:
        problems.add(path + (("steps",) if "steps" in raw else ()), "a story needs 'steps': a list of event ids "
                     "(or {event: id, narration: ...}) in the order they are told", field_name="steps")
        raw_steps = []
    steps = [step for index, item in enumerate(raw_steps)
             if (step := _read_step(item, path + ("steps", index), problems)) is not None]
    if len(problems.found) > before or not (story_id and title):
        return None
    for index, step in enumerate(steps):
        line, column = problems.document.where(path + ("steps", index))
        refs.append(StoryRef(step.event_id, story_id, problems.document.source, line, column))
    return Story(id=story_id, title=title, intro=intro, steps=tuple(steps), translations=translations)


def _read_step(raw: Any, path: Path, problems: Problems) -> StoryStep | None:
    if isinstance(raw, str) and raw.strip():
        return StoryStep(raw.strip())
    if not isinstance(raw, dict):
        problems.add(path, "a step is an event id, or {event: id, narration: ...}", field_name="steps")
        return None
    check_unknown(raw, STEP_FIELDS, path, problems, what="story step")
    event_id = text_field(raw, "event", path, problems, required=True)
    texts, translations = read_texts(raw, ("narration",), path, problems)
    return StoryStep(event_id, texts["narration"], translations) if event_id else None

"""Text written per language (``title: {en: ..., ar: ...}``): read, shown to a reader, searched,
written back, and carried through Parquet and TimelineJS without loss."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from timeline import load_timeline
from timeline.export.timelinejs import to_timelinejs
from timeline.model import ShownText
from timeline.store.parquetstore import parquet_bytes
from timeline.store.serialize import store_yaml
from timeline.view.filters import FilterState, filter_events

BUNDLED = Path("data/events.yaml")
TWO_LANGUAGES = """\
events:
  - id: sistani-call
    title:
      en: Sistani asks the government to control the militias
      ar: السيستاني يدعو الحكومة إلى السيطرة على الميليشيات
    date: 13 September 2020
    category: statement
    summary: Plain text, no language said.
    sources:
      - outlet: Al-Monitor
stories:
  - id: short
    title: {en: A short story, ar: قصة قصيرة}
    steps:
      - event: sistani-call
        narration: {en: It starts in Najaf., fa: از نجف آغاز می‌شود.}
"""


@pytest.fixture()
def store(tmp_path: Path) -> Path:
    path = tmp_path / "events.yaml"
    path.write_text(TWO_LANGUAGES, encoding="utf-8")
    return path


def test_a_reader_sees_their_language_or_the_first_marked_as_a_fallback(store: Path) -> None:
    event = load_timeline(store).events[0]
    assert event.title == "Sistani asks the government to control the militias"  # the first language's
    assert event.text("title", "ar") == ShownText("السيستاني يدعو الحكومة إلى السيطرة على الميليشيات", "ar")
    assert event.text("title", "fa") == ShownText(event.title, "en", fallback=True)
    assert event.text("title", None) == ShownText(event.title, "en")
    # Plain text has no language: shown as it is, never marked.
    assert event.text("summary", "ar") == ShownText("Plain text, no language said.")
    assert event.text("quote", "ar") is None


def test_stories_and_their_steps_speak_per_language(store: Path) -> None:
    story = load_timeline(store).stories[0]
    assert story.title == "A short story" and story.text("title", "ar").text == "قصة قصيرة"
    step = story.steps[0]
    assert step.text("narration", "fa") == ShownText("از نجف آغاز می‌شود.", "fa")
    assert step.text("narration", "ar") == ShownText("It starts in Najaf.", "en", fallback=True)


def test_search_finds_an_event_by_its_text_in_any_language(store: Path) -> None:
    events = load_timeline(store).events
    for words in ("السيستانى", "الميليشيات", "militias"):  # alef maksura folds to yaa
        assert [e.id for e in filter_events(events, FilterState(search=words))] == ["sistani-call"], words


def test_the_text_is_written_back_per_language(store: Path) -> None:
    timeline = load_timeline(store)
    written = store_yaml(timeline.events, stories=timeline.stories)
    again = store.with_name("again.yaml")
    again.write_text(written, encoding="utf-8")
    assert load_timeline(again).events[0].translations == timeline.events[0].translations
    assert load_timeline(again).stories == timeline.stories
    assert "  title:\n    en: Sistani asks" in written


def test_parquet_keeps_every_language(tmp_path: Path) -> None:
    timeline = load_timeline(BUNDLED)
    path = tmp_path / "events.parquet"
    path.write_bytes(parquet_bytes(timeline))
    columnar = load_timeline(path)
    assert [e.translations for e in columnar.events] == [e.translations for e in timeline.events]
    assert columnar.stories == timeline.stories


def test_timelinejs_slides_speak_the_asked_language_and_keep_all(store: Path) -> None:
    event = load_timeline(store).events[0]
    slide = to_timelinejs([event], lang="ar")["events"][0]
    assert slide["text"]["headline"] == "السيستاني يدعو الحكومة إلى السيطرة على الميليشيات"
    assert json.loads(json.dumps(slide["timeline_extra"]["translations"]))["title"]["en"] == event.title
    english = to_timelinejs([event])["events"][0]
    assert english["text"]["headline"] == event.title


def test_every_bundled_event_has_an_arabic_title_and_summary() -> None:
    timeline = load_timeline(BUNDLED)
    for event in timeline.events:
        assert not event.text("title", "ar").fallback and not event.text("summary", "ar").fallback, event.id
    iranian = {a.name for a in timeline.actors if a.group == "Iran"}
    for event in timeline.events:
        if iranian & set(event.actors):
            assert not event.text("title", "fa").fallback, event.id

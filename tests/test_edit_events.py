"""Adding and changing events: only the touched event's lines change, user text is quoted safely,
invalid events and stale forms are refused with nothing written."""

from __future__ import annotations

import difflib
import shutil
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from timeline.edit.events import add_event, draft_event, file_defaults, new_event_id, update_event
from timeline.errors import TimelineError, ValidationError, WriteError
from timeline.model import Event, Source
from timeline.store.loading import load_timeline
from timeline.edit.writer import file_signature

DATA = Path("data/events.yaml")
FIELDS = {"title": "Sadr meets Kadhimi", "date": "Sept. 27", "category": "meeting",
          "actors": ["Muqtada al-Sadr", "Mustafa al-Kadhimi"], "places": ["Baghdad"]}


@pytest.fixture
def store(tmp_path: Path) -> Path:
    copy = tmp_path / "events.yaml"
    shutil.copyfile(DATA, copy)
    return copy


def changed_lines(before: str, after: str) -> list[tuple[str, int, int, int, int]]:
    matcher = difflib.SequenceMatcher(a=before.splitlines(True), b=after.splitlines(True), autojunk=False)
    return [op for op in matcher.get_opcodes() if op[0] != "equal"]


def test_add_appends_only_the_new_event(store: Path) -> None:
    before = store.read_text(encoding="utf-8")
    new_id = add_event(store, FIELDS, expected_signature=file_signature(store))
    after = store.read_text(encoding="utf-8")
    assert new_id == "sadr-meets-kadhimi"
    assert after.startswith(before)  # every byte of every other event untouched
    assert after[len(before):] == (
        "\n"
        "  - id: sadr-meets-kadhimi\n"
        "    title: Sadr meets Kadhimi\n"
        "    date: Sept. 27\n"
        "    category: meeting\n"
        "    actors: [Muqtada al-Sadr, Mustafa al-Kadhimi]\n"
        "    places: [Baghdad]\n"
    )
    event = next(e for e in load_timeline(store).events if e.id == new_id)
    assert event.start == date(2020, 9, 27) and event.sources[0].outlet == "Al-Monitor"


def test_update_rewrites_only_the_changed_fields(store: Path) -> None:
    before = store.read_text(encoding="utf-8")
    old = next(e for e in load_timeline(store).events if e.id == "khamenei-imam-hassan-tweet")
    fields = {"title": "Khamenei: Imam Hassan avoided war", "date": old.date_text, "category": old.category,
              "importance": old.importance, "actors": list(old.actors), "places": list(old.places),
              "tags": list(old.tags), "summary": old.summary, "quote": old.quote,
              "related": ["sadr-proposes-investigation-committee"]}
    update_event(store, "khamenei-imam-hassan-tweet", fields, expected_signature=file_signature(store))
    after = store.read_text(encoding="utf-8")
    ops = changed_lines(before, after)
    assert [(tag, i2 - i1, j2 - j1) for tag, i1, i2, j1, j2 in ops] == [("replace", 1, 1), ("insert", 0, 1)]
    # The title is written per language: the form edits its first (English) text, and the Arabic
    # and Persian titles stay as they were.
    assert after.splitlines()[ops[0][3]] == '      en: "Khamenei: Imam Hassan avoided war"'
    assert [line for line in before.splitlines() if line.startswith(("      ar: خامنئي", "      fa: توییت خامنه"))] == \
        [line for line in after.splitlines() if line.startswith(("      ar: خامنئي", "      fa: توییت خامنه"))] != []
    assert after.splitlines()[ops[1][3]] == "    related: [sadr-proposes-investigation-committee]"
    assert "    summary:\n      en: >-" in after  # the folded summary, unchanged, keeps its layout


def test_update_removes_a_field_and_keeps_comments_inside_the_event(tmp_path: Path) -> None:
    path = tmp_path / "e.yaml"
    path.write_text(
        "defaults:\n  source: {outlet: Al-Monitor, published: 2020-09-28}\n"
        "events:\n"
        "  - id: a   # first\n"
        "    title: A\n"
        "    # end: Sept. 14\n"
        "    date: Sept. 13\n"
        "    category: statement\n"
        "    tags: [x]\n"
        "  # between\n"
        "  - id: b\n    title: B\n    date: Sept. 14\n    category: other\n", encoding="utf-8")
    update_event(path, "a", {"title": "A", "date": "Sept. 13", "category": "decision"},
                 expected_signature=file_signature(path))
    assert path.read_text(encoding="utf-8") == (
        "defaults:\n  source: {outlet: Al-Monitor, published: 2020-09-28}\n"
        "events:\n"
        "  - id: a   # first\n"
        "    title: A\n"
        "    # end: Sept. 14\n"
        "    date: Sept. 13\n"
        "    category: decision\n"
        "  # between\n"
        "  - id: b\n    title: B\n    date: Sept. 14\n    category: other\n")


NASTY = [
    "Sadr: a committee", "# not a comment", 'He said "no"', "It's Sadr's", "*alias", "&anchor", "!tag",
    "two\nlines", "يوم بالعربية — ١٣ أيلول", "yes", "null", "2020", "- dash", "[list]", "{map}", "%directive",
    "@at", "`tick`", "trailing \\ backslash", "tab\there", "“curly” ‘quotes’ …", "key: value # x",
]


@pytest.mark.parametrize("text", NASTY)
def test_user_text_round_trips_exactly(store: Path, text: str) -> None:
    fields = {**FIELDS, "title": text, "quote": text, "summary": text, "actors": [text, "Ali"]}
    new_id = add_event(store, fields)
    event = next(e for e in load_timeline(store).events if e.id == new_id)
    assert (event.title, event.quote, event.summary, event.actors) == (text, text, text, (text, "Ali"))


@settings(max_examples=40, deadline=None)
@given(text=st.text(min_size=1).map(str.strip).filter(lambda t: t and "\x00" not in t))
def test_any_text_round_trips(tmp_path_factory: pytest.TempPathFactory, text: str) -> None:
    path = tmp_path_factory.mktemp("h") / "events.yaml"
    path.write_text("defaults:\n  source: {outlet: X}\nevents:\n  - {id: a, title: A, date: 2020, category: other}\n",
                    encoding="utf-8")
    outcome = draft_event({**FIELDS, "date": "2020", "title": text, "quote": text}, default_sources=(Source("X"),))
    if isinstance(outcome, list):  # text YAML cannot hold (e.g. surrogates) is refused, never mangled
        with pytest.raises(TimelineError):
            add_event(path, {**FIELDS, "date": "2020", "title": text, "quote": text})
        return
    new_id = add_event(path, {**FIELDS, "date": "2020", "title": text, "quote": text})
    event = next(e for e in load_timeline(path).events if e.id == new_id)
    assert (event.title, event.quote) == (outcome.title, outcome.quote)


def test_stale_form_is_refused_and_the_other_save_kept(store: Path) -> None:
    opened = file_signature(store)
    add_event(store, {**FIELDS, "title": "Someone else's save"})
    saved = store.read_bytes()
    with pytest.raises(WriteError) as caught:
        add_event(store, FIELDS, expected_signature=opened)
    assert str(caught.value) == (f"{store}: the file changed on disk since you opened it (someone else saved); "
                                 "reload it and apply your change again")
    assert store.read_bytes() == saved
    with pytest.raises(WriteError, match="changed on disk"):
        update_event(store, "sadr-proposes-investigation-committee", FIELDS, expected_signature=opened)


def test_invalid_event_is_refused_with_every_problem_and_nothing_written(store: Path) -> None:
    before = store.read_bytes()
    with pytest.raises(ValidationError) as caught:
        add_event(store, {"title": "X", "date": "soon-ish", "category": "statemnt", "related": ["nope"]})
    messages = [str(p) for p in caught.value.problems]
    assert any(m.startswith("field 'date': cannot read 'soon-ish'") for m in messages)
    assert any("did you mean 'statement'" in m for m in messages)
    assert any(m.startswith("field 'related': related id 'nope' is not an event") for m in messages)
    assert store.read_bytes() == before
    assert sorted(p.name for p in store.parent.iterdir()) == ["events.yaml", "events.yaml.lock"]


def test_duplicate_id_is_refused(store: Path) -> None:
    with pytest.raises(ValidationError, match="'sadr-proposes-investigation-committee' is already used"):
        add_event(store, {**FIELDS, "id": "sadr-proposes-investigation-committee"})


def test_update_of_a_missing_event_names_the_closest(store: Path) -> None:
    with pytest.raises(WriteError, match="no event 'khamenei-imam-hasan-tweet'.*did you mean 'khamenei-imam-hassan-tweet'"):
        update_event(store, "khamenei-imam-hasan-tweet", FIELDS, expected_signature=None)


@pytest.mark.parametrize(("title", "existing", "expected"), [
    ("Sadr meets Kadhimi", [], "sadr-meets-kadhimi"),
    ("Sadr meets Kadhimi", ["sadr-meets-kadhimi", "sadr-meets-kadhimi-2"], "sadr-meets-kadhimi-3"),
    ("Iran’s Supreme Leader tweets", [], "iran-supreme-leader-tweets"),
    ("Halbousi: ‘No’ — à Baghdad!", [], "halbousi-no-a-baghdad"),
    ("يوم بالعربية", [], "event"),
    ("Top Shiite cleric Ayatollah Ali al-Sistani asked the Iraqi government to act", [],
     "top-shiite-cleric-ayatollah-ali-al-sistani-asked-the-iraqi"),
])
def test_new_event_id(title: str, existing: list[str], expected: str) -> None:
    assert new_event_id(title, existing) == expected


def test_draft_event_validates_a_form_without_writing() -> None:
    defaults = (Source("Al-Monitor", published=date(2020, 9, 28)),)
    event = draft_event(FIELDS, default_sources=defaults, existing_ids=["x"])
    assert isinstance(event, Event) and event.id == "sadr-meets-kadhimi" and event.start == date(2020, 9, 27)
    assert event.sources == defaults
    assert isinstance(draft_event(FIELDS, reference=date(2021, 1, 1), default_sources=defaults), Event)
    assert draft_event(FIELDS, reference=date(2021, 1, 1), default_sources=defaults).start == date(2020, 9, 27)
    problems = draft_event({**FIELDS, "date": "Sept. 27"})
    assert [str(p) for p in problems] == [
        "field 'sources': the event has no source; add 'sources:' with an outlet, or a file-level "
        "'defaults: source:'",
        "field 'date': 'Sept. 27' is relative and there is no reference date to resolve it against; give the "
        "source a 'published' date or write the full date, e.g. '13 September 2020'"]
    with_reference = draft_event(FIELDS, reference=date(2020, 9, 28))
    assert [p.field for p in with_reference] == ["sources"]


def test_file_defaults(store: Path) -> None:
    assert file_defaults(store) == (Source("Al-Monitor", "Iraq steps up pressure on outlawed militias", None,
                                           date(2020, 9, 28)),)


def test_crlf_file_keeps_its_line_breaks(tmp_path: Path) -> None:
    path = tmp_path / "crlf.yaml"
    text = "# c\r\ndefaults:\r\n  source: {outlet: X, published: 2020-09-28}\r\nevents:\r\n  - id: a\r\n    title: A\r\n    date: Sept. 1\r\n    category: other\r\n"
    path.write_bytes(text.encode())
    add_event(path, FIELDS)
    raw = path.read_bytes().decode()
    assert raw.startswith(text) and "\n" not in raw.replace("\r\n", "")
    assert len(load_timeline(path).events) == 2


@pytest.mark.parametrize("events", ["events: []\n", "events:\n", ""])
def test_add_to_a_file_without_events(tmp_path: Path, events: str) -> None:
    path = tmp_path / "new.yaml"
    path.write_text("# yaml-language-server: $schema=../schema/events.schema.json\n"
                    "defaults:\n  source:\n    outlet: X\n    published: 2020-09-28\n" + events, encoding="utf-8")
    add_event(path, FIELDS)
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=../schema/events.schema.json\ndefaults:\n")
    assert text.endswith("events:\n  - id: sadr-meets-kadhimi\n    title: Sadr meets Kadhimi\n    date: Sept. 27\n"
                         "    category: meeting\n    actors: [Muqtada al-Sadr, Mustafa al-Kadhimi]\n"
                         "    places: [Baghdad]\n")
    assert [e.id for e in load_timeline(path).events] == ["sadr-meets-kadhimi"]


def test_event_of_its_own_source(store: Path) -> None:
    sources = [Source("Reuters", url="https://example.com/a", published=date(2020, 9, 20))]
    new_id = add_event(store, {**FIELDS, "date": "Sept. 13", "sources": sources})
    assert store.read_text(encoding="utf-8").endswith(
        "    sources:\n      - outlet: Reuters\n        url: https://example.com/a\n        published: 2020-09-20\n")
    event = next(e for e in load_timeline(store).events if e.id == new_id)
    assert event.start == date(2020, 9, 13) and event.sources == tuple(sources)

"""Draft events from an article: the seed article's two dated sentences, and nothing else."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import jsonschema
import pytest
import yaml

from timeline.edit.extract import drafts_yaml, extract_drafts, find_dates, sentences, suggest_actors
from timeline.store.schema import event_file_schema
from timeline.store.loading import load_timeline

SEED = Path("tests/data/articles/iraq-militias-2020-09-28.txt")  # Al-Monitor, 28 September 2020, as scraped
PUBLISHED = date(2020, 9, 28)
SISTANI = ("On Sept. 13, top Shiite cleric Ayatollah Ali al-Sistani asked the Iraqi government to impose its "
           "full control on the militias and confiscate any type of illegal weapons outside of the state.")
KHAMENEI = ("On Sept. 25, Iran’s Supreme Leader Ayatollah Ali Khamenei wrote on Twitter, “Imam Hassan (peace be "
            "upon him) avoided entering a military war with the enemy … and he stopped the military war with him "
            "to start his political war, his cultural war, his media war and his Islamic war.”")


def test_seed_article_gives_exactly_the_two_dated_events() -> None:
    drafts = extract_drafts(SEED.read_text(encoding="utf-8"), PUBLISHED)
    found = sorted((d.date.start, d.date_text, d.sentence, d.actors) for d in drafts)
    assert found == [
        (date(2020, 9, 13), "Sept. 13", SISTANI, ("Ali al-Sistani",)),
        (date(2020, 9, 25), "Sept. 25", KHAMENEI, ("Ali Khamenei",)),
    ]


def test_seed_drafts_are_a_valid_store_that_names_the_schema(tmp_path: Path) -> None:
    drafts = extract_drafts(SEED.read_text(encoding="utf-8"), PUBLISHED)
    text = drafts_yaml(drafts, published=PUBLISHED, outlet="Al-Monitor",
                       title="Iraq steps up pressure on outlawed militias", article=SEED.name)
    assert text.startswith("# yaml-language-server: $schema=../schema/events.schema.json\n")
    path = tmp_path / "drafts.yaml"
    path.write_text(text, encoding="utf-8")
    events = load_timeline(path).events
    assert [(e.start, e.date_text, e.category) for e in events] == [
        (date(2020, 9, 13), "Sept. 13", "statement"), (date(2020, 9, 25), "Sept. 25", "statement")]
    assert events[0].sources[0].outlet == "Al-Monitor" and events[0].quote == SISTANI
    assert "    date: Sept. 13  # resolves to 13 September 2020\n    category: statement  # draft: review\n" in text
    jsonschema.Draft7Validator(event_file_schema()).validate(yaml.safe_load(text.replace("2020-09-28", "'2020-09-28'")))


def test_without_an_outlet_the_drafts_still_load(tmp_path: Path) -> None:
    drafts = extract_drafts(SISTANI, PUBLISHED)
    path = tmp_path / "d.yaml"
    path.write_text(drafts_yaml(drafts, published=PUBLISHED, outlet=None, article="story.txt"), encoding="utf-8")
    assert "outlet: story  # draft: name the outlet" in path.read_text(encoding="utf-8")
    assert len(load_timeline(path).events) == 1


@pytest.mark.parametrize(("sentence", "expected"), [
    ("On Sept. 13, 2020, the cleric spoke.", [("Sept. 13, 2020", date(2020, 9, 13))]),  # search_dates: "On Sept"
    ("The vote on 13 September 2020 was close.", [("13 September 2020", date(2020, 9, 13))]),
    ("Talks ran Sept. 26-27, 2020 in Tehran.", [("Sept. 26-27, 2020", date(2020, 9, 26))]),
    ("It began in late September 2020.", [("late September 2020", date(2020, 9, 21))]),
    ("Filed 2020-09-13 by the court.", [("2020-09-13", date(2020, 9, 13))]),
    ("Troops may leave; the Mayor may march in March.", []),
    ("He decided on Dec. 5 to resign.", [("Dec. 5", date(2019, 12, 5))]),
    ("Nothing happened on Sept. 31.", []),
])
def test_find_dates(sentence: str, expected: list[tuple[str, date]]) -> None:
    assert [(text, value.start) for text, value, _ in find_dates(sentence, PUBLISHED)] == expected


def test_sentences_respect_abbreviations_and_skip_the_dateline() -> None:
    text = ("Iraq steps up pressure\n\n  • September 28, 2020\n\n"
            "Gen. Qadir Nedhami went to Baghdad. The U.S. Embassy stayed open on Sept. 27. Then what?")
    assert list(sentences(text)) == ["Iraq steps up pressure", "Gen. Qadir Nedhami went to Baghdad.",
                                     "The U.S. Embassy stayed open on Sept. 27.", "Then what?"]


@pytest.mark.parametrize(("sentence", "actors"), [
    ("Iraqi Foreign Minister Fuad Hussein met Mohammad Javad Zarif.", ("Fuad Hussein", "Mohammad Javad Zarif")),
    ("The Council of Representatives of Iraq voted.", ("Council of Representatives of Iraq",)),
    ("Sadr said “Abu Mahdi al-Muhandis lives”.", ()),  # quoted speech is not a list of actors
    ("Kadhimi and Halbusi both welcomed it.", ()),  # one-word names are left to the editor
])
def test_suggest_actors(sentence: str, actors: tuple[str, ...]) -> None:
    assert suggest_actors(sentence) == actors

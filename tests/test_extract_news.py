"""`extract` on news as news is written (issue 13, item 6): wire datelines, captions, bylines,
"on Monday", "late Wednesday", "last week", "earlier this month". The texts in tests/data/news
were written for these tests, in the styles of wire services, agencies and analyses."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from timeline.cli.main import main
from timeline.edit.extract import drafts_yaml, extract_drafts
from timeline.store.loading import load_timeline

from tests.newsscore import NEWS, score


def test_precision_and_recall_on_eight_news_texts() -> None:
    total, misses = score()
    assert total.expected == 22
    assert (total.precision, total.recall) == (1.0, 1.0), misses


@pytest.mark.parametrize(("text", "published", "phrase"), [
    ("FILE PHOTO: Fighters attend a funeral in Baghdad, Iraq, January 4, 2020. REUTERS/Staff", date(2020, 9, 30), "caption"),
    ("(AP Photo/Nabil al-Jurani)", date(2020, 9, 22), "credit"),
    ("By Reuters Staff", date(2020, 9, 30), "byline"),
    ("Reporting by John Davison; Editing by Alex Richardson on Sept. 29", date(2020, 9, 30), "credits"),
    ("September 28, 2020", date(2020, 9, 28), "a line that is only a date"),
])
def test_what_is_not_news_gives_no_draft(text: str, published: date, phrase: str) -> None:
    assert extract_drafts(text, published) == [], phrase


def test_a_dateline_is_not_the_event_and_the_weekday_in_the_sentence_is() -> None:
    [draft] = extract_drafts("WASHINGTON, Oct. 1 -- The State Department said late Wednesday that it had begun "
                             "preparations to withdraw diplomats.", date(2020, 10, 1))
    assert (draft.date_text, draft.date.start) == ("late Wednesday", date(2020, 9, 30))
    assert draft.sentence.startswith("The State Department said")


def test_a_date_after_the_article_is_no_event_and_a_period_is_cut_at_it() -> None:
    published = date(2020, 9, 22)
    assert extract_drafts("The minister will visit Ankara on Oct. 5, 2020.", published) == []
    [draft] = extract_drafts("Earlier this month, protesters set fire to a party office.", published)
    assert (draft.date_text, draft.date.start, draft.date.end) == ("this month", date(2020, 9, 1), published)


def test_the_drafts_of_every_text_load_as_a_store_with_the_same_dates(tmp_path: Path) -> None:
    import yaml

    expected = yaml.safe_load((NEWS / "expected.yaml").read_text(encoding="utf-8"))
    for file, spec in expected.items():
        drafts = extract_drafts((NEWS / file).read_text(encoding="utf-8"), spec["published"])
        store = tmp_path / f"{Path(file).stem}.yaml"
        store.write_text(drafts_yaml(drafts, published=spec["published"], outlet="Test"), encoding="utf-8")
        loaded = load_timeline(store, use_cache=False)
        assert sorted((e.start, e.end) for e in loaded.events) == sorted((d.date.start, d.date.end) for d in drafts)


def test_the_command_prints_drafts_for_a_wire_story(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["extract", str(NEWS / "01-wire-dateline.txt"), "--published", "2020-09-29", "--outlet", "Xinhua"]) == 0
    out = capsys.readouterr().out
    assert "date: late Monday  # resolves to 28 September 2020" in out
    assert "date: On Sunday  # resolves to 27 September 2020" in out

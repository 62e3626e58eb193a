"""`timeline export --lang`: images, HTML, the map and the story slideshow in the reader's language,
right to left for Arabic and Persian; TimelineJS slides in it; English as before by default."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from tests.langcatalog import arabic_catalog  # noqa: F401 - a fixture
from timeline import load_timeline
from timeline.cli.main import build_parser, main
from timeline.export.figures import view_figure
from timeline.export.images import browser_available
from timeline.export.storyhtml import story_export
from timeline.view.filters import FilterState

BUNDLED = "data/events.yaml"
RLM = "\u200f"
needs_browser = pytest.mark.skipif(browser_available() is not None, reason=str(browser_available()))


def export(tmp_path: Path, name: str, *args: str) -> str:
    out = tmp_path / name
    assert main(["export", BUNDLED, "-o", str(out), *args]) == 0
    return out.read_text(encoding="utf-8") if out.suffix in (".html", ".json", ".svg") else ""


def test_the_help_names_the_languages() -> None:
    export_parser = build_parser()._subparsers._group_actions[0].choices["export"]  # noqa: SLF001
    help_text = export_parser.format_help()
    assert "--lang en|ar|fa" in help_text and "العربية" in help_text and "right to left" in help_text


def test_an_unknown_language_is_refused_with_the_choices(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(["export", BUNDLED, "-o", "x.png", "--lang", "de"])
    err = capsys.readouterr().err
    assert exit_.value.code == 2 and re.search(r"--lang: invalid choice: 'de' \(choose from '?en'?, '?ar'?, '?fa'?\)", err)


def test_the_story_slideshow_in_arabic_reads_right_to_left(tmp_path: Path, arabic_catalog) -> None:
    page = export(tmp_path, "story.html", "--format", "story", "--lang", "ar")
    assert '<html lang="ar" dir="rtl">' in page
    assert "تبدأ القصة في النجف" in page  # the storyteller's words in Arabic
    assert "أيلول/سبتمبر 2020: العراق يضيّق الخناق على الميليشيات" in page  # the story's title
    assert "Noto Naskh Arabic" in page and "border-inline-start" in page
    # Time runs left to right in every language (the README's decision): Previous, the earlier step,
    # is on the left of a left-to-right row of buttons, and the right arrow key goes on.
    assert '<button type="button" id="prev">← السابق</button>' in page and "nav { direction: ltr;" in page
    assert '{"ArrowRight": 1, "ArrowLeft": -1}' in page
    assert "13 سبتمبر 2020" in page and "Sept. 13" in page  # read in Arabic, written as written
    assert json.loads(re.search(r"const places = (.*);", page).group(1))[0] == "مقدمة"


def test_the_persian_slideshow_marks_text_the_store_gives_only_in_english() -> None:
    timeline = load_timeline(BUNDLED)
    page = story_export(timeline, FilterState(), story_id=None, source=BUNDLED, lang="fa")
    assert '<html lang="fa" dir="rtl">' in page and "ماجرا از نجف آغاز می‌شود" in page
    assert "(به زبان انگلیسی)" in page  # an event without a Persian title: its English one, said to be
    assert "۱۱" in page  # step counts in Persian digits


def test_english_stays_the_default(tmp_path: Path) -> None:
    page = export(tmp_path, "story.html", "--format", "story")
    assert '<html lang="en" dir="ltr">' in page and "It starts in Najaf." in page
    assert '{"ArrowRight": 1, "ArrowLeft": -1}' in page


def test_the_html_page_of_the_timeline_in_arabic(tmp_path: Path, arabic_catalog) -> None:
    page = export(tmp_path, "t.html", "--lang", "ar", "--cdn")
    assert '<html lang="ar" dir="rtl">' in page and "<title>الخط الزمني</title>" in page
    assert "direction: ltr" in page  # the figure mirrors itself: the page leaves it as drawn
    assert '"side":"right"' in page


def test_the_exported_view_is_decorated_from_the_right() -> None:
    fig = view_figure(load_timeline(BUNDLED), FilterState(), source=BUNDLED, lang="ar")
    layout = fig.layout
    assert (layout.title.x, layout.title.xanchor) == (1, "right")
    assert layout.title.subtitle.text.strip(RLM) == "3 يناير – 28 سبتمبر 2020"
    source = next(a for a in layout.annotations if a.name == "source-line")
    assert (source.x, source.xanchor, source.align) == (1, "right", "right")


def test_timelinejs_slides_take_the_readers_language(tmp_path: Path) -> None:
    document = json.loads(export(tmp_path, "t.json", "--format", "timelinejs", "--lang", "ar"))
    headlines = [slide["text"]["headline"] for slide in document["events"]]
    assert any(headline.startswith("السيستاني يدعو") for headline in headlines)


@needs_browser
def test_an_arabic_png_and_svg_are_drawn(tmp_path: Path, arabic_catalog) -> None:
    export(tmp_path, "ar.png", "--lang", "ar", "--from", "2020-09-01", "--to", "2020-09-30")
    assert (tmp_path / "ar.png").read_bytes()[:4] == b"\x89PNG"
    svg = export(tmp_path, "ar.svg", "--lang", "ar", "--from", "2020-09-01", "--to", "2020-09-30")
    ticks = re.findall(r'class="xtick"><text[^>]*>([^<]*)</text>', svg)
    assert ticks and all("سبتمبر" in tick for tick in ticks)
    assert "الخط الزمني" in svg and "تصريح" in svg  # the title and a category in the legend

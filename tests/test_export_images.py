"""Images, HTML and data exports: real files of the requested size showing the right dates."""

from __future__ import annotations

import csv
import io
import json
import os
import re
import struct
from datetime import date
from html.parser import HTMLParser
from pathlib import Path

import pytest

from timeline import load_timeline
from timeline.cli.main import main
from timeline.errors import ExportError
from timeline.export.images import PRESETS, ExportOptions, ImageSession, browser_available, export_image, export_images
from timeline.export.figures import (date_range_text, decorate_for_export, export_html, modebar_config, source_line,
                                 view_figure)
from timeline.chart.figure import build_figure
from timeline.view.filters import FilterState

BUNDLED = "data/events.yaml"
MIXED = "tests/data/valid/mixed-dates.yaml"
SEPTEMBER = FilterState(start=date(2020, 9, 1), end=date(2020, 9, 30))
SMALL = ExportOptions(width=640, height=400, scale=2.5)

needs_browser = pytest.mark.skipif(browser_available() is not None, reason=str(browser_available()))


@pytest.fixture(scope="module")
def september():
    return view_figure(load_timeline(BUNDLED), SEPTEMBER, source=BUNDLED, title="Iraq, September 2020")


@pytest.fixture(scope="module")
def images(september) -> dict[str, bytes]:
    """Every image the tests look at, drawn in one call: one browser for the whole module."""
    if browser_available():
        pytest.skip(browser_available())
    png, small_png, svg, pdf = export_images([(september, "png", PRESETS["slide"]), (september, "png", SMALL),
                                              (september, "svg", PRESETS["slide"]),
                                              (september, "pdf", PRESETS["print"])])
    return {"png": png, "small_png": small_png, "svg": svg, "pdf": pdf}


def png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and data[12:16] == b"IHDR"
    return struct.unpack(">II", data[16:24])


def test_png_has_the_requested_pixel_size(images) -> None:
    assert png_size(images["png"]) == (1600, 900)
    assert png_size(images["small_png"]) == (1600, 1000)  # 640x400 at scale 2.5


def svg_ticks(svg: bytes) -> list[str]:
    ticks = re.findall(r'class="xtick"><text[^>]*>(.*?)</text>', svg.decode("utf-8"))
    return [re.sub(r"<[^>]+>", " ", tick).strip() for tick in ticks]


def test_svg_axis_shows_september_2020_never_1970(images) -> None:
    ticks = svg_ticks(images["svg"])
    assert any("Sep" in tick for tick in ticks), ticks
    assert any("2020" in tick for tick in ticks), ticks
    assert not any("1970" in tick for tick in ticks)
    assert b"1970" not in images["svg"]


def test_svg_holds_title_date_range_and_source_line(images) -> None:
    text = images["svg"].decode("utf-8")
    assert "Iraq, September 2020" in text
    assert "1–30 September 2020" in text
    assert re.search(r"Source: events\.yaml, \d+ events", text) and "data/events.yaml" not in text


def test_pdf_is_a_pdf_with_the_requested_page_size(images) -> None:
    pdf = images["pdf"]
    assert pdf.startswith(b"%PDF-")
    box = [float(n) for n in re.search(rb"/MediaBox\s*\[([^\]]*)\]", pdf).group(1).split()]
    # print preset: 1123 x 794 CSS px at 96 dpi = 842 x 595 pt, an A4 landscape page.
    assert box[2] - box[0] == pytest.approx(1123 * 0.75, abs=1)
    assert box[3] - box[1] == pytest.approx(794 * 0.75, abs=1)


def test_without_a_browser_the_message_says_what_to_install(monkeypatch, september) -> None:
    monkeypatch.setenv("BROWSER_PATH", "/nonexistent/chromium")
    assert "apt-get install -y chromium" in browser_available()
    with pytest.raises(ExportError, match=r"BROWSER_PATH='/nonexistent/chromium'.*apt-get install -y chromium"):
        export_image(september, "png")


def test_cli_without_a_browser_exits_1_with_that_message(monkeypatch, tmp_path, capsys) -> None:
    monkeypatch.setenv("BROWSER_PATH", "/nonexistent/chromium")
    assert main(["export", BUNDLED, "-o", str(tmp_path / "t.png")]) == 1
    assert "sudo apt-get install -y chromium" in capsys.readouterr().err
    assert list(tmp_path.iterdir()) == []


@needs_browser
def test_each_writes_one_image_per_value_with_one_browser(monkeypatch, tmp_path, capsys) -> None:
    import kaleido

    opened = []
    original = kaleido.Kaleido.__init__
    monkeypatch.setattr(kaleido.Kaleido, "__init__", lambda self, *a, **k: opened.append(1) or original(self, *a, **k))
    code = main(["export", BUNDLED, "-o", str(tmp_path / "timeline.svg"), "--from", "2020-09-01",
                 "--to", "2020-09-30", "--each", "category", "--width", "500", "--height", "300"])
    assert code == 0, capsys.readouterr().err
    names = sorted(p.name for p in tmp_path.iterdir())
    assert "timeline-statement.svg" in names and "timeline-visit.svg" in names
    assert all(n.startswith("timeline-") and n.endswith(".svg") for n in names)
    assert opened == [1]


def script_sources(page: str) -> list[str]:
    """Return the src of every <script> tag (the bundle's own text is script data, not tags)."""
    found: list[str] = []

    class Scripts(HTMLParser):
        def handle_starttag(self, tag, attrs):
            if tag == "script" and dict(attrs).get("src"):
                found.append(dict(attrs)["src"])

    Scripts().feed(page)
    return found


@needs_browser
def test_a_session_draws_many_calls_on_one_browser(september) -> None:
    with ImageSession() as session:
        first = export_images([(september, "svg", SMALL)], session=session)[0]
        again = export_images([(september, "png", SMALL), (september, "svg", SMALL)], session=session)
    assert png_size(again[0]) == (1600, 1000) and again[1].startswith(b"<svg") and first.startswith(b"<svg")
    session.close()  # closing twice is harmless


def test_export_html_embeds_plotly_and_the_events(september) -> None:
    page = export_html(september, filename="sept")
    assert script_sources(page) == []
    assert len(page) > 3_000_000 and "Plotly.newPlot" in page
    assert "Sistani asks the government" in page
    assert '"filename": "sept"' in page


def test_export_html_with_cdn_loads_plotly_from_the_cdn(september) -> None:
    page = export_html(september, cdn=True)
    assert [re.sub(r"[\d.]+\.min", "V.min", src) for src in script_sources(page)] == [
        "https://cdn.plot.ly/plotly-V.min.js"]
    assert len(page) < 1_000_000


def test_cli_html_is_one_self_contained_file(tmp_path, capsys) -> None:
    out = tmp_path / "timeline.html"
    assert main(["export", BUNDLED, "-o", str(out), "--title", "Crisis"]) == 0
    page = out.read_text(encoding="utf-8")
    assert "<title>Crisis</title>" in page and script_sources(page) == []
    assert all(e.title.split(":")[0][:20] in page for e in load_timeline(BUNDLED).events[:3])
    assert re.search(r'"rangeslider":\{[^}]*"visible":true', page.replace(" ", ""))  # still zooms


def test_decorate_adds_title_subtitle_and_source_without_the_slider() -> None:
    timeline = load_timeline(MIXED)
    fig = decorate_for_export(build_figure(timeline.events), title="A <title>", date_range_text="2020",
                              source_line="Source: x.yaml, 8 events")
    layout = fig.to_plotly_json()["layout"]
    assert layout["title"]["text"] == "<b>A &lt;title&gt;</b>"
    assert layout["title"]["subtitle"]["text"] == "2020"
    assert any(a["text"] == "Source: x.yaml, 8 events" for a in layout["annotations"])
    assert layout["xaxis"]["rangeslider"]["visible"] is False


def test_date_range_and_source_line_texts() -> None:
    timeline = load_timeline(MIXED)
    assert date_range_text(timeline.events, SEPTEMBER) == "1–30 September 2020"  # the days asked for
    assert date_range_text(timeline.events) == "1–28 September 2020"  # the data, cut at its source's date
    assert source_line(timeline.events, MIXED) == f"Source: {Path(MIXED).name}, 8 events (Al-Monitor)"


def test_modebar_config_matches_the_export_size() -> None:
    assert modebar_config("crisis", 1600, 900, 2)["toImageButtonOptions"] == {
        "format": "png", "filename": "crisis", "width": 1600, "height": 900, "scale": 2}


@pytest.mark.parametrize("kwargs, message", [
    (dict(width=10), "width is 10; use a whole number of pixels from 100 to 10000"),
    (dict(height=1.5), "height is 1.5"),
    (dict(scale=0), "scale is 0; use a number above 0"),
])
def test_bad_sizes_are_refused_with_a_fix(kwargs, message) -> None:
    with pytest.raises(ExportError, match=re.escape(message)):
        ExportOptions(**kwargs)


def test_unknown_image_format_is_refused(september) -> None:
    with pytest.raises(ExportError, match="use one of: png, svg, pdf"):
        export_images([(september, "gif", SMALL)])


def test_cli_csv_and_json_keep_arabic_and_persian(tmp_path) -> None:
    assert main(["export", MIXED, "-o", str(tmp_path / "e.csv")]) == 0
    assert main(["export", MIXED, "-o", str(tmp_path / "e.json"), "--search", "بالعربية"]) == 0
    rows = list(csv.DictReader(io.StringIO((tmp_path / "e.csv").read_text(encoding="utf-8"))))
    assert {"يوم بالعربية", "A Hijri date"} <= {row["title"] for row in rows}
    assert "25 محرم 1442" in {row["date_text"] for row in rows}
    records = json.loads((tmp_path / "e.json").read_bytes().decode("utf-8"))
    assert [(r["title"], r["start"], r["precision"]) for r in records] == [("يوم بالعربية", "2020-09-25", "day")]


def test_cli_unknown_extension_lists_the_formats(tmp_path, capsys) -> None:
    assert main(["export", BUNDLED, "-o", str(tmp_path / "t.docx")]) == 2
    assert ".png, .svg, .pdf, .html, .csv or .json, or give --format png|svg|pdf|html|csv|json|timelinejs" \
        in capsys.readouterr().err


def test_cli_empty_selection_is_an_error(tmp_path, capsys) -> None:
    assert main(["export", BUNDLED, "-o", str(tmp_path / "t.csv"), "--actor", "Nobody"]) == 1
    assert "error: no events match the filters; widen the dates or remove a filter" in capsys.readouterr().err
    assert list(tmp_path.iterdir()) == []


def test_cli_writes_through_a_temporary_file(tmp_path) -> None:
    out = tmp_path / "t.json"
    out.write_text("old", encoding="utf-8")
    umask = os.umask(0o022)
    try:
        assert main(["export", MIXED, "-o", str(out), "--category", "meeting"]) == 0
    finally:
        os.umask(umask)
    assert out.stat().st_mode & 0o777 == 0o644  # not mkstemp's private 0600
    assert [r["id"] for r in json.loads(out.read_text(encoding="utf-8"))] == ["month-only", "day-range"]
    assert [p.name for p in tmp_path.iterdir()] == ["t.json"]


def test_cli_filters_match_the_page(tmp_path) -> None:
    out = tmp_path / "t.json"
    assert main(["export", BUNDLED, "-o", str(out), "--from", "2020-09-01", "--to", "2020-09-30",
                 "--actor", "Ali Khamenei", "--lanes", "category"]) == 0
    ids = [r["id"] for r in json.loads(out.read_text(encoding="utf-8"))]
    expected = [e.id for e in load_timeline(BUNDLED).events
                if "Ali Khamenei" in e.actors and e.end >= date(2020, 9, 1) and e.start <= date(2020, 9, 30)]
    assert ids == expected and ids


def test_readme_example_image_exists() -> None:
    assert png_size(Path("docs/export-example.png").read_bytes()) == (1600, 900)


def test_a_png_larger_than_the_browser_can_draw_is_refused_before_drawing() -> None:
    fig = build_figure(load_timeline(BUNDLED).events)
    with pytest.raises(ExportError) as caught:
        export_images([(fig, "png", ExportOptions(width=10_000, height=5_000, scale=3))])
    assert str(caught.value).startswith("field 'scale': a 30,000 x 15,000 px PNG is larger than the browser can draw")

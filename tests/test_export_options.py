"""Export options an editor asks for: fewer or no labels, a see-through background, and the
filters named under a custom title."""

from __future__ import annotations

import re
import struct
import zlib
from pathlib import Path

import pytest

from timeline.cli.main import main
from timeline.export.images import browser_available

BUNDLED = "data/events.yaml"


def figure_json(html_file: Path) -> dict:
    text = html_file.read_text(encoding="utf-8")
    assert "Plotly.newPlot" in text, "no figure in the HTML"
    return {"labels": re.findall(r'"name":\s*"label:([^"]+)"', text),
            "transparent": '"paper_bgcolor":"rgba(0,0,0,0)"' in text.replace(" ", ""),
            "text": text}


def export_html(tmp_path: Path, *flags: str) -> dict:
    out = tmp_path / "t.html"
    assert main(["export", BUNDLED, "-o", str(out), "--from", "2020-09-01", *flags]) == 0
    return figure_json(out)


def test_no_labels_draws_none_and_label_limit_keeps_the_most_important(tmp_path: Path) -> None:
    assert export_html(tmp_path, "--no-labels")["labels"] == []
    three = export_html(tmp_path, "--label-limit", "3")["labels"]
    assert 1 <= len(three) <= 3
    assert "pompeo-warns-iraq-over-embassy" in three or "sistani-calls-for-state-control-of-arms" in three
    assert len(export_html(tmp_path)["labels"]) > len(three)


@pytest.mark.parametrize("bad", ["-1", "many", "1001"])
def test_a_bad_label_limit_is_a_usage_error(tmp_path: Path, bad: str, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as stop:
        main(["export", BUNDLED, "-o", str(tmp_path / "t.html"), "--label-limit", bad])
    assert stop.value.code == 2
    assert "is not a whole number from 0 to 1000" in capsys.readouterr().err


def test_labels_flags_exclude_each_other(tmp_path: Path) -> None:
    with pytest.raises(SystemExit):
        main(["export", BUNDLED, "-o", str(tmp_path / "t.html"), "--label-limit", "3", "--no-labels"])


def test_transparent_background_in_html(tmp_path: Path) -> None:
    assert export_html(tmp_path, "--transparent")["transparent"]
    assert not export_html(tmp_path)["transparent"]


def test_a_custom_title_still_names_the_filters(tmp_path: Path) -> None:
    text = export_html(tmp_path, "--title", "Khamenei speaks", "--actor", "Ali Khamenei")["text"]
    assert "Khamenei speaks" in text
    assert r"September 2020 \u00b7 Ali Khamenei" in text  # the figure's JSON escapes the dot


@pytest.mark.skipif(bool(browser_available()), reason="images need Chromium (make browser)")
def test_a_transparent_png_has_a_see_through_corner(tmp_path: Path) -> None:
    for flags, alpha in (((), 255), (("--transparent",), 0)):
        out = tmp_path / f"t{alpha}.png"
        assert main(["export", BUNDLED, "-o", str(out), "--from", "2020-09-01", *flags]) == 0
        assert corner_alpha(out.read_bytes()) == alpha


def corner_alpha(png: bytes) -> int:
    """Return the alpha of an RGBA PNG's top-left pixel (any row filter leaves it as stored)."""
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    position, idat, color_type = 8, b"", None
    while position < len(png):
        length, kind = struct.unpack(">I4s", png[position:position + 8])
        body = png[position + 8:position + 8 + length]
        if kind == b"IHDR":
            color_type = body[9]
        elif kind == b"IDAT":
            idat += body
        position += 12 + length
    if color_type != 6:
        return 255  # no alpha channel: opaque
    return zlib.decompressobj().decompress(idat, 8)[4]


@pytest.mark.skipif(bool(browser_available()), reason="images need Chromium (make browser)")
def test_svg_text_names_fonts_with_the_same_metrics_everywhere(tmp_path: Path) -> None:
    out = tmp_path / "t.svg"
    assert main(["export", BUNDLED, "-o", str(out), "--from", "2020-09-01"]) == 0
    families = set(re.findall(r"font-family:\s*([^;\"]+)", out.read_text(encoding="utf-8")))
    assert families, "no text in the SVG"
    assert all(f.strip().startswith("Arial") and "Liberation Sans" in f for f in families), families

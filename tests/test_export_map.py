"""The map exported: images and HTML from the page's functions and `timeline export --view map`,
with the world outlines from this machine (never Plotly's CDN), decorated like the timeline's."""

from __future__ import annotations

import base64
import hashlib
import importlib.util
import io
import json
import math
import re
import tarfile
from pathlib import Path

import pytest

from timeline import load_timeline
from timeline.chart.mapfigure import TOPOJSON_NAME
from timeline.cli.main import main
from timeline.errors import ExportError
from timeline.export.images import browser_available
from timeline.export.mapview import export_map_html, map_view_figure
from timeline.export.outlines import CHECKOUT_DIR, ENV, outlines_url
from timeline.view.filters import FilterState

BUNDLED = "data/events.yaml"
needs_browser = pytest.mark.skipif(browser_available() is not None, reason=str(browser_available()))


@pytest.fixture(scope="module")
def timeline():
    return load_timeline(BUNDLED)


def test_the_map_is_decorated_and_framed_for_the_room_the_title_leaves(timeline) -> None:
    fig = map_view_figure(timeline, FilterState(), source=BUNDLED)
    layout = fig.layout
    assert layout.title.text == "<b>Where it happened</b>"
    assert layout.title.subtitle.text == "3 January – 28 September 2020"
    assert [a.text for a in layout.annotations if a.name == "source-line"][0].startswith("Source: events.yaml, 20 events")
    width = 1600 - layout.margin.l - layout.margin.r
    height = 900 - layout.margin.t - layout.margin.b
    (lon0, lon1), (lat0, lat1) = layout.geo.lonaxis.range, layout.geo.lataxis.range
    y = lambda lat: math.log(math.tan(math.pi / 4 + math.radians(lat) / 2))  # noqa: E731 (Mercator)
    assert math.radians(lon1 - lon0) / (y(lat1) - y(lat0)) == pytest.approx(width / height, rel=0.01)
    tehran = map_view_figure(timeline, FilterState(places=("Tehran",)), source=BUNDLED, title="Iran")
    assert tehran.layout.title.text == "<b>Iran</b>" and tehran.layout.title.subtitle.text.endswith(" · Tehran")
    assert map_view_figure(timeline, FilterState(places=("Tehran",)), source=BUNDLED).layout.title.text == (
        "<b>Where it happened: Tehran</b>")


def test_nothing_to_draw_or_no_outlines_says_what_to_do(timeline, tmp_path: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    with pytest.raises(ExportError, match="no events match the filters"):
        map_view_figure(timeline, FilterState(search="no such words anywhere"), source=BUNDLED)
    monkeypatch.setenv(ENV, str(tmp_path))
    assert outlines_url() is None
    message = (f"the map's world outlines are missing ({tmp_path / 'world_50m.json'}); fetch them once with "
               "`make .venv` or `python scripts/fetch_topojson.py`, or set TIMELINE_TOPOJSON to a folder holding "
               "world_50m.json")
    with pytest.raises(ExportError) as err:
        map_view_figure(timeline, FilterState(), source=BUNDLED)
    assert str(err.value) == message
    assert main(["export", BUNDLED, "--view", "map", "-o", str(tmp_path / "map.html")]) == 1
    assert not (tmp_path / "map.html").exists()


def test_the_standalone_html_carries_its_outlines_and_asks_no_cdn(timeline, tmp_path: Path) -> None:
    out = tmp_path / "map.html"
    assert main(["export", BUNDLED, "--view", "map", "--place", "Tehran", "-o", str(out)]) == 0
    page = out.read_text(encoding="utf-8")
    assert "<head><script>window.PlotlyGeoAssets = " in page  # before plotly.js reads it
    assets = re.search(r"window\.PlotlyGeoAssets = Object\.assign\(window\.PlotlyGeoAssets \|\| \{\}, (.*?)\);</script>",
                       page).group(1)
    topology = json.loads(assets)["topojson"][TOPOJSON_NAME]
    assert topology == json.loads((CHECKOUT_DIR / f"{TOPOJSON_NAME}.json").read_text(encoding="utf-8"))
    assert "<title>Where it happened: Tehran</title>" in page
    assert '<script src="http' not in page  # plotly.js is inside too
    assert '"customdata":[["Tehran"]]' in page


def test_the_html_of_a_hostile_place_name_cannot_end_its_script(timeline, tmp_path: Path,
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    evil = {"type": "Topology", "objects": {"countries": {"type": "GeometryCollection", "geometries": [
        {"type": "Point", "coordinates": [0, 0], "properties": {"name": "</script><script>alert(1)</script>"}}]}},
        "arcs": []}
    (tmp_path / f"{TOPOJSON_NAME}.json").write_text(json.dumps(evil), encoding="utf-8")
    monkeypatch.setenv(ENV, str(tmp_path))
    page = export_map_html(map_view_figure(timeline, FilterState(), source=BUNDLED, interactive=True))
    head = page.split("</script>", 1)[0]
    assert "alert(1)" in head and "<script>alert" not in head and "\\u003c/script>" in head


@needs_browser
def test_images_draw_the_outlines_from_this_machine(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # A copy of the outlines without countries: if the browser drew borders, they came from elsewhere.
    topology = json.loads((CHECKOUT_DIR / f"{TOPOJSON_NAME}.json").read_text(encoding="utf-8"))
    topology["objects"]["countries"]["geometries"] = []
    (tmp_path / f"{TOPOJSON_NAME}.json").write_text(json.dumps(topology), encoding="utf-8")
    monkeypatch.setenv(ENV, str(tmp_path))
    out = tmp_path / "map.svg"
    assert main(["export", BUNDLED, "--view", "map", "-o", str(out), "--width", "800", "--height", "500"]) == 0
    svg = out.read_text(encoding="utf-8")
    layers = dict(re.findall(r'<g class="layer (land|countries)"><path d="([^"]*)"', svg))
    assert len(layers["land"]) > 10_000  # the coasts of our copy are drawn
    assert layers.get("countries", "") in ("", "M0,0Z")  # and its (missing) borders: nothing
    assert len(re.findall(r'<path class="point"', svg)) == 4  # Baghdad, Najaf, Tehran, Washington
    assert 'width="800"' in svg and ">Where it happened<" in svg


def test_an_unknown_view_is_refused_with_the_choices(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as err:
        main(["export", BUNDLED, "--view", "globe", "-o", "x.png"])
    assert err.value.code == 2
    assert "argument --view: invalid choice: 'globe' (choose from 'timeline', 'map')" in capsys.readouterr().err


def _fetch_script():
    spec = importlib.util.spec_from_file_location("fetch_topojson", CHECKOUT_DIR.parents[1] / "scripts" / "fetch_topojson.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _tarball(files: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w:gz") as archive:
        for name, data in files.items():
            info = tarfile.TarInfo(name)
            info.size = len(data)
            archive.addfile(info, io.BytesIO(data))
    return buffer.getvalue()


def test_the_outlines_are_unpacked_only_from_the_tarball_with_the_pinned_hash(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    fetch = _fetch_script()
    topology = b'{"type": "Topology", "objects": {}, "arcs": []}'
    good = _tarball({"package/dist/world_50m.json": topology, "package/dist/world_110m.json": topology,
                     "package/LICENSE": b"MIT", "package/../../evil": b"never written"})
    served = {"bytes": b"a tampered tarball"}
    monkeypatch.setattr(fetch.urllib.request, "urlopen", lambda url, timeout: io.BytesIO(served["bytes"]))
    out = tmp_path / "static" / "topojson"
    assert fetch.main(["--out", str(out)]) == 1
    assert "does not match its pinned sha512" in capsys.readouterr().err and not out.exists()
    digest = base64.b64encode(hashlib.sha512(good).digest()).decode()
    monkeypatch.setattr(fetch, "INTEGRITY", f"sha512-{digest}")
    served["bytes"] = good
    assert fetch.main(["--out", str(out)]) == 0
    assert sorted(p.name for p in out.iterdir()) == ["LICENSE", "SOURCE", "world_110m.json", "world_50m.json"]
    assert (out / "world_50m.json").read_bytes() == topology and not (tmp_path / "evil").exists()
    served["bytes"] = b"the registry is not asked again"
    assert fetch.main(["--out", str(out)]) == 0  # the same pinned version is already there

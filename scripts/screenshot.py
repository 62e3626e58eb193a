"""Start the page on a free port, open it in Debian's headless Chromium and save a screenshot.

Usage: python scripts/screenshot.py OUT.png [--width 1400] [--height 1000] [--phone] [--query 'actor=...']
(--phone: a phone's browser, as the page tells it by its user agent; use with --width 390 --height 844)
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests.browser import chromium_browser, running_page, save_full_page  # noqa: E402

PHONE_USER_AGENT = ("Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) "
                    "Chrome/130.0 Mobile Safari/537.36")


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("out")
    parser.add_argument("--width", type=int, default=1400)
    parser.add_argument("--height", type=int, default=1000)
    parser.add_argument("--query", default="")
    parser.add_argument("--phone", action="store_true")
    parser.add_argument("--screens", type=int, default=0, help="keep only the first N window heights of the page")
    args = parser.parse_args()
    phone = {"is_mobile": True, "has_touch": True, "device_scale_factor": 2, "user_agent": PHONE_USER_AGENT}
    with running_page() as url, chromium_browser() as browser:
        page = browser.new_page(viewport={"width": args.width, "height": args.height}, **(phone if args.phone else {}))
        page.goto(url + ("/?" + args.query if args.query else ""))
        # Any chart's marks: the timeline's, or the map's (drawn once its outlines have loaded).
        page.wait_for_selector(".js-plotly-plot .point", timeout=60_000)
        page.wait_for_timeout(1500)
        save_full_page(page, args.out)
    if args.screens:
        from PIL import Image  # pillow comes with the pinned set (streamlit needs it)

        with Image.open(args.out) as whole:
            scale = whole.width / args.width
            whole.crop((0, 0, whole.width, min(whole.height, int(args.screens * args.height * scale)))).save(args.out)
    print(args.out)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

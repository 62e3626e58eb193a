"""Measure the timeline pipeline against the naive one, side by side: `make bench`.

Prints an aligned table and writes benchmarks/results.md. Every timed run is a fresh Python
process (so no cache from an earlier run helps), repeated and reported as the median; the
machine is shared, so the spread (min-max) is printed too.

    python benchmarks/run.py                 # 1k, 10k and 100k events
    python benchmarks/run.py --quick         # 1k and 10k only
    python benchmarks/run.py --sizes 1000,10000 --repeat 5
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "benchmarks" / ".data"
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from generate import distinct_dates, generate  # noqa: E402
import refusals  # noqa: E402
import startup  # noqa: E402

NAIVE_FULL_UP_TO = 10_000
"""Above this the naive pipeline (~4 min at 100k) is timed on its 10k store and scaled up."""

# Each probe runs in a child process and prints one JSON line of measurements.
PROBES = {
    "naive": r'''
import json, sys, time
t0 = time.perf_counter()
import yaml, dateparser, pandas as pd
t1 = time.perf_counter()
with open(sys.argv[1], encoding="utf-8") as f:
    data = yaml.safe_load(f)
t2 = time.perf_counter()
rows = []
for e in data["events"]:
    d = e.get("date")
    rows.append({**e, "start": d if not isinstance(d, str) else dateparser.parse(d)})
t3 = time.perf_counter()
frame = pd.DataFrame(rows)
t4 = time.perf_counter()
print(json.dumps({"total": t4 - t1, "yaml": t2 - t1, "dates": t3 - t2, "frame": t4 - t3}))
''',
    "cold": r'''
import json, os, sys, time, gc
t0 = time.perf_counter()
from timeline.store.collector import collector_paused
from timeline.store.loading import _read_document, load_timeline
from timeline.store.yamldoc import decode_yaml_bytes, read_yaml
from timeline.store.fastyaml import read_fast
from timeline.dates.reading import parse_date
from timeline.store.eventdates import as_text as _as_text
from timeline.view.table import events_frame
path = sys.argv[1]
t1 = time.perf_counter()
with collector_paused():
    text = decode_yaml_bytes(open(path, "rb").read(), path)
    document = read_fast(text, path)
    fast = document is not None
    document = document or read_yaml(text, path)
    t2 = time.perf_counter()
    # Dates first, each distinct (text, reference, calendar) once, as validation would meet them.
    ref = document.data.get("defaults", {}).get("source", {}).get("published")
    import datetime
    ref = datetime.date.fromisoformat(ref) if isinstance(ref, str) else ref
    for e in document.data["events"]:
        for name in ("date", "end"):
            if e.get(name) is not None:
                parse_date(_as_text(e[name]), reference=ref)
    t3 = time.perf_counter()
    reading = _read_document(document, careful=True)
    events, problems = reading.events, reading.problems
    events.sort(key=lambda e: (e.date.start, e.date.end, e.id))
    t4 = time.perf_counter()
assert not problems, problems[:3]
frame = events_frame(events)
t5 = time.perf_counter()
# The whole public call, from nothing, for the headline number:
os.environ["TIMELINE_CACHE"] = "0"
from timeline.dates import reading as dates
dates._read_cached.cache_clear(); dates._engine_read.cache_clear()
t6 = time.perf_counter()
timeline = load_timeline(path)
t7 = time.perf_counter()
frame = events_frame(timeline.events)
t8 = time.perf_counter()
print(json.dumps({"yaml": t2 - t1, "fast_yaml": fast, "dates": t3 - t2, "validation": t4 - t3,
                  "frame": t5 - t4, "load": t7 - t6, "total": t8 - t6}))
''',
    "warm": r'''
import json, sys, time
t1 = time.perf_counter()
from timeline.store.loading import load_timeline
from timeline.view.table import store_frame
t2 = time.perf_counter()
timeline = load_timeline(sys.argv[1], prepare=store_frame)
t3 = time.perf_counter()
frame = store_frame(timeline)  # kept in the cache entry with the timeline
t4 = time.perf_counter()
print(json.dumps({"load": t3 - t2, "frame": t4 - t3, "total": t4 - t2}))
''',
    "figure": r'''
import json, sys, time
from timeline.store.loading import load_timeline
from timeline.chart.figure import FigureOptions, build_figure
timeline = load_timeline(sys.argv[1])
t1 = time.perf_counter()
fig = build_figure(timeline.events, FigureOptions(), eras=timeline.eras)
t2 = time.perf_counter()
size = len(fig.to_json())
t3 = time.perf_counter()
points = sum(len(t.x) for t in fig.data if getattr(t, "mode", None) == "markers" and t.x is not None and t.x[0] is not None)
print(json.dumps({"build": t2 - t1, "json_bytes": size, "to_json": t3 - t2, "points": points,
                  "traces": sorted({t.type for t in fig.data})}))
''',
    "rss": r'''
import json, sys
from timeline.store.loading import load_timeline
timeline = load_timeline(sys.argv[1])
status = open("/proc/self/status").read()
peak = next(int(line.split()[1]) for line in status.splitlines() if line.startswith("VmHWM"))
print(json.dumps({"peak_mib": peak / 1024, "events": len(timeline.events)}))
''',
    "apptest": r'''
import json, os, sys, time
os.environ["TIMELINE_DATA"] = sys.argv[1]
from streamlit.testing.v1 import AppTest
at = AppTest.from_file("app.py", default_timeout=600)
t1 = time.perf_counter()
at.run()
t2 = time.perf_counter()
assert not at.exception, at.exception
runs = []
for categories in (["attack"], ["attack", "protest"], []):
    at.multiselect(key="f_categories").set_value(categories)
    t = time.perf_counter()
    at.run()
    runs.append(time.perf_counter() - t)
    assert not at.exception, at.exception
print(json.dumps({"first": t2 - t1, "rerun": sorted(runs)[len(runs) // 2], "reruns": runs}))
''',
    "export": r'''
import json, sys, time
from timeline.store.loading import load_timeline
from timeline.chart.figure import FigureOptions, build_figure
from timeline.view.filters import FilterState, filter_events
timeline = load_timeline(sys.argv[1])
cats = ["statement", "meeting", "visit", "decision", "military", "attack", "protest", "election",
        "publication", "other"]
figs = [build_figure(filter_events(timeline.events, FilterState(categories=(c,))), FigureOptions())
        for c in cats]
try:
    from timeline.export.images import PRESETS, export_images
    how = "timeline.export.images.export_images (one browser for the batch)"
    t = time.perf_counter()
    images = export_images([(f, "png", PRESETS["slide"]) for f in figs])
except ImportError:
    import kaleido, plotly.io as pio
    how = "plotly.io.write_images after kaleido.start_sync_server"
    kaleido.start_sync_server()
    t = time.perf_counter()
    images = [pio.to_image(f, format="png") for f in figs]
took = time.perf_counter() - t
assert all(i.startswith(b"\x89PNG") for i in images)
print(json.dumps({"batch": took, "how": how, "images": len(images)}))
''',
    "paint": r'''
import json, sys, time
sys.path.insert(0, ".")
from tests.browser import chromium_browser, running_page
with running_page() as url, chromium_browser() as browser:
    page = browser.new_page(viewport={"width": 1400, "height": 900})
    t = time.perf_counter()
    page.goto(url)
    page.wait_for_selector(".js-plotly-plot .point", state="visible", timeout=60_000)
    took = time.perf_counter() - t
print(json.dumps({"paint": took}))
''',
}


def probe(name: str, store: Path | None, cache: Path, *, cache_on: bool = True, timeout: float = 900) -> dict:
    """Run one probe in a fresh interpreter; return its JSON answer (or {'error': ...})."""
    env = {**os.environ, "XDG_CACHE_HOME": str(cache), "TIMELINE_CACHE": "1" if cache_on else "0",
           "PYTHONPATH": str(ROOT)}
    args = [sys.executable, "-c", PROBES[name]] + ([str(store)] if store else [])
    try:
        done = subprocess.run(args, cwd=ROOT, env=env, capture_output=True, text=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        return {"error": f"timed out after {timeout:.0f} s"}
    if done.returncode != 0:
        return {"error": (done.stderr.strip().splitlines() or ["failed"])[-1][:200]}
    return json.loads(done.stdout.strip().splitlines()[-1])


def repeated(name: str, store: Path, cache: Path, repeat: int, **kwargs: object) -> list[dict]:
    return [probe(name, store, cache, **kwargs) for _ in range(repeat)]


def median(runs: list[dict], key: str) -> float | None:
    values = [r[key] for r in runs if key in r]
    return statistics.median(values) if values else None


def spread(runs: list[dict], key: str) -> str:
    values = [r[key] for r in runs if key in r]
    return f"{min(values):.2f}-{max(values):.2f}" if len(values) > 1 else ""


def store_of(size: int) -> Path:
    DATA.mkdir(parents=True, exist_ok=True)
    path = DATA / f"events-{size}.yaml"
    text = generate(size)  # written again when the generator changed, not only when missing
    if not path.exists() or path.read_text(encoding="utf-8") != text:
        path.write_text(text, encoding="utf-8")
    return path


def seconds(value: float | None) -> str:
    return "-" if value is None else f"{value:.2f} s" if value >= 0.1 else f"{value * 1000:.0f} ms"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,10000,100000", help="store sizes, comma-separated")
    parser.add_argument("--quick", action="store_true", help="1k and 10k only")
    parser.add_argument("--repeat", type=int, default=3, help="runs per measurement (median)")
    parser.add_argument("--skip-browser", action="store_true", help="no page paint, no PNG export")
    args = parser.parse_args(argv)
    sizes = [1000, 10000] if args.quick else [int(s) for s in args.sizes.split(",")]
    started = time.perf_counter()
    rows = []
    naive_per_event = None
    with tempfile.TemporaryDirectory(prefix="timeline-bench-") as scratch:
        for size in sizes:
            store = store_of(size)
            cache = Path(scratch) / f"cache-{size}"
            text = store.read_text(encoding="utf-8")
            print(f"· {size:,} events ({store.stat().st_size / 1e6:.1f} MB, "
                  f"{distinct_dates(text):,} distinct date texts) ...", flush=True)
            if size <= NAIVE_FULL_UP_TO:
                naive = repeated("naive", store, cache, 1 if size >= 10_000 else args.repeat)
                naive_total = median(naive, "total")
                if naive_total:
                    naive_per_event = naive_total / size
                naive_note = ""
            else:
                naive = []
                naive_total = naive_per_event * size if naive_per_event else None
                naive_note = " (est.)"
            cold = repeated("cold", store, cache, args.repeat, cache_on=False)
            probe("warm", store, cache)  # fills the load cache
            warm = repeated("warm", store, cache, args.repeat)
            figure = probe("figure", store, cache)
            rss = probe("rss", store, cache, cache_on=False)
            rss_warm = probe("rss", store, cache)
            apptest = probe("apptest", store, cache) if size >= 10_000 else {}
            rows.append({
                "size": size, "mb": store.stat().st_size / 1e6, "distinct": distinct_dates(text),
                "naive": naive_total, "naive_note": naive_note,
                "naive_yaml": median(naive, "yaml"), "naive_dates": median(naive, "dates"),
                "cold": median(cold, "total"), "cold_spread": spread(cold, "total"),
                "cold_load": median(cold, "load"), "fast_yaml": all(r.get("fast_yaml") for r in cold),
                "yaml": median(cold, "yaml"),
                "dates": median(cold, "dates"), "validation": median(cold, "validation"),
                "frame": median(cold, "frame"),
                "warm": median(warm, "total"), "warm_spread": spread(warm, "total"),
                "figure": figure.get("build"), "json_mb": figure.get("json_bytes", 0) / 1e6,
                "points": figure.get("points", 0),
                "traces": ",".join(figure.get("traces", [])),
                "rss_cold": rss.get("peak_mib"), "rss_warm": rss_warm.get("peak_mib"),
                "rerun": apptest.get("rerun"), "first_run": apptest.get("first"),
                "errors": [r["error"] for r in cold + warm + [figure, rss, apptest] if "error" in r],
            })
        extras = {}
        if not args.skip_browser:
            print("· page paint and PNG export ...", flush=True)
            extras["paint"] = repeated("paint", None, Path(scratch) / "cache-page", args.repeat)
            extras["export"] = probe("export", store_of(sizes[0]), Path(scratch) / "cache-export")
    print("· command-line start-up ...", flush=True)
    extras["startup"] = startup.measure(max(7, args.repeat * 3))
    print("· refusals (alias bomb, 20,000 problems) ...", flush=True)
    extras["refusals"] = refusals.measure(args.repeat)
    report = render(rows, extras, time.perf_counter() - started)
    print(report)
    (ROOT / "benchmarks" / "results.md").write_text(report, encoding="utf-8")
    return 0


def render(rows: list[dict], extras: dict, elapsed: float) -> str:
    head = ["events", "MB", "distinct dates", "naive", "cold load", "cold + DataFrame", "warm + DataFrame",
            "naive/cold", "naive/warm", "AppTest rerun", "peak RSS cold/warm"]
    body = []
    for r in rows:
        body.append([
            f"{r['size']:,}", f"{r['mb']:.1f}", f"{r['distinct']:,}", seconds(r["naive"]) + r["naive_note"],
            seconds(r["cold_load"]), seconds(r["cold"]), seconds(r["warm"]),
            f"{r['naive'] / r['cold']:.1f}x" if r["naive"] and r["cold"] else "-",
            f"{r['naive'] / r['warm']:.0f}x" if r["naive"] and r["warm"] else "-",
            seconds(r["rerun"]),
            f"{r['rss_cold']:.0f}/{r['rss_warm']:.0f} MiB" if r["rss_cold"] and r["rss_warm"] else "-",
        ])
    stages_head = ["events", "naive YAML", "naive dates", "YAML (ours)", "dates (cold)", "validation",
                   "DataFrame", "figure build", "figure JSON (drawn)", "traces", "cold spread", "warm spread"]
    stages = [[
        f"{r['size']:,}", seconds(r["naive_yaml"]), seconds(r["naive_dates"]),
        seconds(r["yaml"]) + ("" if r["fast_yaml"] else " (careful)"), seconds(r["dates"]),
        seconds(r["validation"]), seconds(r["frame"]), seconds(r["figure"]), f"{r['json_mb']:.1f} MB, {r['points']:,} points",
        r["traces"], r["cold_spread"], r["warm_spread"],
    ] for r in rows]
    lines = ["# Benchmark results", "",
             f"`make bench` on {os.cpu_count()} cores, {time.strftime('%Y-%m-%d')}; medians of fresh "
             "processes (the machine is shared: see the spreads). naive = PyYAML `safe_load` + "
             "`dateparser.parse` per event + `pandas.DataFrame`; cold load = `load_timeline` (YAML, "
             "validation, dates) with no load cache and empty date caches; cold + DataFrame = that "
             "plus `events_frame`; warm = a new process loading an unchanged store (load cache hit) "
             "and its DataFrame (`store_frame`, kept in the cache entry). "
             f"(est.) = the naive time per event at {NAIVE_FULL_UP_TO:,} events times the size.", ""]
    lines += table(head, body) + ["", "Per stage (cold, medians):", ""] + table(stages_head, stages)
    if extras.get("paint"):
        paint = median(extras.get("paint", []), "paint")
        export = extras.get("export", {})
        lines += ["", f"- Bundled page, `goto` to first `.js-plotly-plot .point` visible in Chromium: "
                  f"{seconds(paint)} (median of {len(extras.get('paint', []))}; "
                  f"{spread(extras.get('paint', []), 'paint')} s)",
                  f"- 10 PNGs ({rows[0]['size']:,}-event store, one figure per category): "
                  f"{seconds(export.get('batch'))} via {export.get('how', export.get('error'))}"]
    if extras.get("startup"):
        lines += ["", "Command-line start-up on the bundled store (fresh processes, medians; target: at most "
                  f"{startup.TARGET:g}x the baseline):", "", *startup.render(extras["startup"])]
    if extras.get("refusals"):
        lines += ["", "Refusals (CPU seconds of a fresh process, medians):", "", *refusals.render(extras["refusals"])]
    errors = [f"{r['size']}: {e}" for r in rows for e in r["errors"]]
    if errors:
        lines += ["", "Errors:", *[f"- {e}" for e in errors]]
    lines += ["", f"Total benchmark time: {elapsed:.0f} s.", ""]
    return "\n".join(lines)


def table(head: list[str], body: list[list[str]]) -> list[str]:
    widths = [max(len(str(c)) for c in column) for column in zip(head, *body)]
    fmt = lambda row: "| " + " | ".join(str(c).ljust(w) for c, w in zip(row, widths)) + " |"  # noqa: E731
    return [fmt(head), "|" + "|".join("-" * (w + 2) for w in widths) + "|"] + [fmt(row) for row in body]


if __name__ == "__main__":
    sys.exit(main())

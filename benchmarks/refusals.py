"""How cheaply a hostile or badly broken store is refused: CPU seconds, fresh processes.

Issue 11's targets: a 500-byte YAML alias bomb (nine anchors, each list repeating the previous
alias nine times: 387 million values if expanded) is refused in well under a second, and a
store of 20,000 events with a problem each is reported in under 3 s, by `load_timeline` (first
hundred problems and a count) and by `timeline validate` (every problem printed).

    python benchmarks/refusals.py [--repeat 3]
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
TARGETS = {"alias bomb": 1.0, "20,000 problems": 3.0}
"""The most CPU seconds each refusal may cost."""
PROBLEMS = (  # one each, in turn: no such day, two misspelt names, a related id that is no event
    "date: 2020-02-30, category: statement", "date: 2020-02-03, category: statment",
    "date: 2020-02-03, category: statement, summry: S", "date: 2020-02-03, category: statement, related: [x{i}]",
)
LOAD = ("import sys\nfrom timeline.errors import ValidationError\nfrom timeline.store.loading import load_timeline\n"
        "try:\n    load_timeline(sys.argv[1], use_cache=False)\nexcept ValidationError:\n    pass\n")


def write_files(folder: Path) -> dict[str, Path]:
    bomb = ["a0: &a0 [" + ", ".join(["lol"] * 9) + "]"]
    bomb += [f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 9) + "]" for i in range(1, 9)]
    (folder / "bomb.yaml").write_text("\n".join(bomb) + "\nevents: *a8\n", encoding="utf-8")
    events = "".join(f"  - {{id: e{i}, title: T, {PROBLEMS[i % len(PROBLEMS)].format(i=i)}}}\n" for i in range(20_000))
    (folder / "many.yaml").write_text("defaults: {source: {outlet: X}}\nevents:\n" + events, encoding="utf-8")
    return {"alias bomb": folder / "bomb.yaml", "20,000 problems": folder / "many.yaml"}


def cpu_seconds(command: list[str]) -> float:
    """Run a command in a fresh process and return the CPU time it used (user + system)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run(command, cwd=ROOT, env={**os.environ, "TIMELINE_CACHE": "0"}, capture_output=True, timeout=600)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime


def measure(repeat: int) -> list[dict[str, Any]]:
    """Return the median CPU seconds of load_timeline and of `timeline validate` on each file."""
    with tempfile.TemporaryDirectory(prefix="timeline-refusals-") as folder:
        rows = []
        for name, path in write_files(Path(folder)).items():
            load = [cpu_seconds([sys.executable, "-c", LOAD, str(path)]) for _ in range(repeat)]
            validate = [cpu_seconds([sys.executable, "-m", "timeline", "validate", str(path)]) for _ in range(repeat)]
            rows.append({"file": name, "bytes": path.stat().st_size, "load": statistics.median(load),
                         "validate": statistics.median(validate)})
    return rows


def render(rows: list[dict[str, Any]]) -> list[str]:
    lines = ["| refused | size | `load_timeline` | `timeline validate` | target |", "|---|---|---|---|---|"]
    for row in rows:
        target = TARGETS[row["file"]]
        met = max(row["load"], row["validate"]) < target
        lines.append(f"| {row['file']} | {row['bytes']:,} bytes | {row['load']:.2f} s | "
                     f"{row['validate']:.2f} s | < {target:g} s {'met' if met else 'MISSED'} |")
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)
    print("\n".join(render(measure(args.repeat))))
    return 0


if __name__ == "__main__":
    sys.exit(main())

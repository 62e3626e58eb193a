"""How fast the `timeline` command answers, beside the floor of any Python tool that reads YAML.

Issue 11's target: `timeline validate data/events.yaml` and `timeline parse-date` of a common
form take at most 4x `python -c "import yaml, json"` in the same venv. Each command is a fresh
process, run `repeat` times, alternating, and reported as the median (the target) and the
fastest run (what the command costs when the machine is not busy with anything else).

    python benchmarks/startup.py [--repeat 15]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TARGET = 4.0
"""The most a quick command may cost, in multiples of the baseline."""


def commands() -> dict[str, list[str]]:
    installed = Path(sys.executable).parent / "timeline"
    timeline = [str(installed)] if installed.exists() else [sys.executable, "-m", "timeline"]
    return {
        'python -c "import yaml, json" (baseline)': [sys.executable, "-c", "import yaml, json"],
        "timeline validate data/events.yaml": [*timeline, "validate", "data/events.yaml"],
        "python -m timeline validate data/events.yaml": [sys.executable, "-m", "timeline", "validate",
                                                         "data/events.yaml"],
        "timeline parse-date '13 September 2020'": [*timeline, "parse-date", "13 September 2020"],
        "timeline parse-date 'late September 2020'": [*timeline, "parse-date", "late September 2020"],
        "timeline parse-date 'Sept. 13' --reference 2020-09-28": [*timeline, "parse-date", "Sept. 13",
                                                                  "--reference", "2020-09-28"],
    }


def measure(repeat: int) -> list[dict[str, object]]:
    """Return each command's median wall time and its multiple of the baseline."""
    runs: dict[str, list[float]] = {name: [] for name in commands()}
    env = {**os.environ, "TIMELINE_CACHE": "0"}
    for _ in range(repeat):
        for name, command in commands().items():  # alternating, so drift hits every command alike
            started = time.perf_counter()
            done = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, timeout=60)
            elapsed = time.perf_counter() - started
            if done.returncode != 0:
                raise SystemExit(f"{name} failed: {done.stderr.decode()[-300:]}")
            runs[name].append(elapsed)
    baseline = statistics.median(next(iter(runs.values())))
    best = min(next(iter(runs.values())))
    return [{"command": name, "median": statistics.median(times), "ratio": statistics.median(times) / baseline,
             "best": min(times), "best_ratio": min(times) / best} for name, times in runs.items()]


def render(rows: list[dict[str, object]]) -> list[str]:
    lines = ["| command | median | x baseline | fastest | x baseline's fastest | target (medians) |",
             "|---|---|---|---|---|---|"]
    for row in rows:
        baseline = row is rows[0]
        lines.append(f"| `{row['command']}` | {row['median'] * 1000:.0f} ms | {row['ratio']:.1f}x | "
                     f"{row['best'] * 1000:.0f} ms | {row['best_ratio']:.1f}x | "
                     + ("" if baseline else f"<= {TARGET:g}x {'met' if row['ratio'] <= TARGET else 'MISSED'}") + " |")
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=15)
    args = parser.parse_args(argv)
    print("\n".join(render(measure(args.repeat))))
    return 0


if __name__ == "__main__":
    sys.exit(main())

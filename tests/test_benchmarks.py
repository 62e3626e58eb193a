"""`make bench` keeps working: its probes run against the package as it is now (a renamed
function once left the benchmark measuring nothing but a TypeError)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

import run  # noqa: E402  (benchmarks/run.py)


@pytest.mark.parametrize("name", ["cold", "warm", "figure"])
def test_the_probes_run_on_a_small_generated_store(name: str, tmp_path: Path) -> None:
    store = tmp_path / "events.yaml"
    store.write_text(run.generate(200), encoding="utf-8")
    answer = run.probe(name, store, tmp_path / "cache")
    assert "error" not in answer, answer

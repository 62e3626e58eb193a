"""Broken and hostile event files: always the project's own error, quickly, never a crash."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from timeline import TimelineError, ValidationError, check_store, load_timeline

ROOT = Path(__file__).resolve().parent.parent
SEED = (ROOT / "tests/data/valid/mixed-dates.yaml").read_text(encoding="utf-8")


def validate(path: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "timeline", "validate", str(path)], capture_output=True,
                          text=True, timeout=120, cwd=ROOT)


@pytest.mark.parametrize("text", [
    "events: " + "[" * 100_000 + "]" * 100_000 + "\n",
    "events: " + "{a: " * 50_000 + "1" + "}" * 50_000 + "\n",
    "events:\n  " + "- " * 100_000 + "x\n",
], ids=["flow-lists", "flow-maps", "block-dashes"])
def test_absurd_nesting_is_refused_not_a_crash(tmp_path: Path, text: str) -> None:
    path = tmp_path / "deep.yaml"
    path.write_text(text)
    result = validate(path)
    assert result.returncode == 1, result.stderr[-500:]
    assert "nested more than" in result.stderr
    assert "Traceback" not in result.stderr


def test_forty_megabyte_field_loads_or_is_refused_cleanly(tmp_path: Path) -> None:
    path = tmp_path / "huge.yaml"
    path.write_text(SEED.replace("title: An ISO day", "title: " + "x" * 40_000_000, 1))
    result = validate(path)
    assert result.returncode in (0, 1) and "Traceback" not in result.stderr


def test_twenty_thousand_errors_report_the_first_hundred_and_a_count(tmp_path: Path) -> None:
    lines = ["defaults: {source: {outlet: X, published: 2020-09-28}}", "events:"]
    lines += [f"  - {{id: e{i}, title: T, date: 2020-02-30, category: statement}}" for i in range(20_000)]
    path = tmp_path / "many.yaml"
    path.write_text("\n".join(lines) + "\n")
    result = subprocess.run([sys.executable, "-m", "timeline", "dump", str(path)], capture_output=True, text=True,
                            timeout=300, cwd=ROOT)
    assert result.returncode == 1
    reported = result.stderr.strip().splitlines()
    assert len(reported) == 101
    assert reported[0].startswith(f"{path}:3:")
    assert reported[-1] == "... and 19900 more problems not shown"


def test_alias_bomb_file_is_refused(tmp_path: Path) -> None:
    lines = ["a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    lines += [f"a{i}: &a{i} [" + ", ".join([f"*a{i-1}"] * 9) + "]" for i in range(1, 12)]
    path = tmp_path / "bomb.yaml"
    path.write_text("\n".join(lines) + "\nevents: *a11\n")
    result = validate(path)
    assert result.returncode == 1 and "alias bomb" in result.stderr


def _mutate(text: str, data: st.DataObject) -> str:
    for _ in range(data.draw(st.integers(1, 4))):
        if not text:
            break
        where = data.draw(st.integers(0, len(text) - 1))
        action = data.draw(st.sampled_from(["delete", "insert", "duplicate-line", "swap"]))
        if action == "delete":
            text = text[:where] + text[where + data.draw(st.integers(1, 20)):]
        elif action == "insert":
            text = text[:where] + data.draw(st.text(alphabet=":-[]{}&*!|>'\"#\t\n %@`,?ـ٣", min_size=1, max_size=6)) + text[where:]
        elif action == "duplicate-line":
            lines = text.splitlines(keepends=True)
            index = data.draw(st.integers(0, len(lines) - 1))
            text = "".join(lines[: index + 1] + [lines[index]] + lines[index + 1:])
        else:
            lines = text.splitlines(keepends=True)
            i, j = data.draw(st.integers(0, len(lines) - 1)), data.draw(st.integers(0, len(lines) - 1))
            lines[i], lines[j] = lines[j], lines[i]
            text = "".join(lines)
    return text


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_mutated_files_load_or_raise_our_error(tmp_path_factory: pytest.TempPathFactory, data: st.DataObject) -> None:
    path = tmp_path_factory.mktemp("fuzz") / "events.yaml"
    path.write_bytes(_mutate(SEED, data).encode("utf-8", errors="surrogatepass"))
    try:
        load_timeline(path)
    except ValidationError as err:
        assert err.problems and all(isinstance(p, TimelineError) and str(p) for p in err.problems)
    problems = check_store(path)
    assert all(isinstance(p, TimelineError) for p in problems)

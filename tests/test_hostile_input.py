"""Broken and hostile event files: always the project's own error, quickly, never a crash."""

from __future__ import annotations

import difflib
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from timeline import TimelineError, ValidationError, check_store, load_timeline
from timeline.store import loading, yamldoc
from timeline.store.loading import MAX_REPORTED_PROBLEMS

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


def test_a_bomb_in_a_shared_folder_is_refused_by_name_without_expanding(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "a-valid.yaml").write_text(SEED)
    lines = ["a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    lines += [f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 9) + "]" for i in range(1, 9)]
    (tmp_path / "b-bomb.yaml").write_text("\n".join(lines) + "\nevents: *a8\n")
    visits = []
    walk = yamldoc._Walker.value
    monkeypatch.setattr(yamldoc._Walker, "value", lambda self, *args: visits.append(1) or walk(self, *args))
    with pytest.raises(ValidationError) as caught:
        load_timeline(tmp_path, use_cache=False)
    assert [str(problem) for problem in caught.value.problems] == [
        f"{tmp_path / 'b-bomb.yaml'}:7:20: the file expands to more than 2,000,000 values (an alias bomb?); "
        "write the values out instead of repeating aliases"]
    assert len(visits) < 1_000  # the valid file's values at most: the bomb's 387 million were never walked


def many_problems(count: int) -> str:
    """A store of ``count`` events, each with one problem of five kinds in turn."""
    kinds = [
        "{{id: e{i}, title: T, date: 2020-02-30, category: statement}}",  # no such day
        "{{id: e{i}, title: T, date: 2020-02-03, category: statment}}",  # did you mean
        "{{id: e{i}, title: T, date: 2020-02-03, category: statement, summry: S}}",  # did you mean
        "{{id: e{i}, title: T, date: 2020-02-03, category: statement, related: [e{i}x]}}",  # no such event
        "{{id: e{previous}, title: T, date: 2020-02-03, category: statement}}",  # the id just above
    ]
    lines = ["defaults: {source: {outlet: X, published: 2020-09-28}}", "events:"]
    lines += ["  - " + kinds[i % 5].format(i=i, previous=i - 1) for i in range(count)]
    return "\n".join(lines) + "\n"


def test_each_of_many_problems_is_described_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    count = 3_000
    path = tmp_path / "many.yaml"
    path.write_text(many_problems(count))
    made, careful_reads, compared = [], [], []
    init, read_yaml, close_matches = TimelineError.__init__, loading.read_yaml, difflib.get_close_matches
    monkeypatch.setattr(TimelineError, "__init__", lambda self, *a, **k: made.append(1) or init(self, *a, **k))
    monkeypatch.setattr(loading, "read_yaml", lambda *a: careful_reads.append(1) or read_yaml(*a))
    monkeypatch.setattr(difflib, "get_close_matches",
                        lambda word, choices, **k: compared.append(len(choices)) or close_matches(word, choices, **k))
    with pytest.raises(ValidationError) as caught:
        load_timeline(path, use_cache=False)
    assert caught.value.total == count and len(caught.value.problems) == MAX_REPORTED_PROBLEMS
    assert careful_reads == [1]  # the fast reading stopped at the first problem
    # Each problem once; a few more: the fast reading's first problem, the date reader's cached
    # error, the ValidationError. (Reading twice described each problem twice.)
    assert len(made) < count + 10
    # Two misspelt names (each weighed once), and a budget of ids for the 600 dangling ones (not 600 x 3,000):
    assert sum(compared) <= 2 * 14 + loading.SUGGESTED_ID_COMPARISONS
    assert "related id 'e3x' is not an event in this store (did you mean 'e3'?)" in str(caught.value)


def test_validate_still_lists_every_problem(tmp_path: Path) -> None:
    path = tmp_path / "many.yaml"
    path.write_text(many_problems(3_000))
    problems = check_store(path)
    assert len(problems) == 3_000 and len({(p.line, p.field) for p in problems}) == 3_000


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

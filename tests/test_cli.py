"""The command line: exit codes, exact messages on stderr, output formats on stdout."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from timeline.cli.main import build_parser, main
from timeline.store.schema import SCHEMA_PATH, event_file_schema


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "timeline", *args], capture_output=True, text=True, timeout=120)


def test_validate_bundled_data_exits_0() -> None:
    result = run("validate", "data/events.yaml")
    assert result.returncode == 0, result.stderr
    assert result.stderr == "ok: data/events.yaml\n"


def test_validate_lists_every_problem_and_exits_1() -> None:
    result = run("validate", "tests/data/invalid/wrong-types.yaml", "tests/data/invalid/bad-id.yaml")
    assert result.returncode == 1
    lines = result.stderr.splitlines()
    assert len(lines) == 5
    assert lines[0].startswith("tests/data/invalid/wrong-types.yaml:5:12: field 'title': must be text")
    assert lines[-1].startswith("tests/data/invalid/bad-id.yaml:4:9: field 'id': 'Sistani Call/1' is not a valid id")
    assert "Traceback" not in result.stderr


def test_validate_python_tag_never_runs_it(tmp_path: Path) -> None:
    result = run("validate", "tests/data/invalid/python-tag.yaml")
    assert result.returncode == 1
    assert "is not allowed" in result.stderr and "pwned" not in result.stdout


def test_dump_json_has_the_documented_fields(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["dump", "tests/data/valid/mixed-dates.yaml"]) == 0
    records = json.loads(capsys.readouterr().out)
    required = {"id", "title", "start", "end", "precision", "approximate", "date_text", "category",
                "actors", "places", "tags", "summary", "quote", "sources"}
    assert all(required <= set(r) for r in records)
    month = next(r for r in records if r["id"] == "month-only")
    # September 2020, reported on the 28th: the month is cut where its source was published.
    assert (month["start"], month["end"], month["precision"], month["approximate"], month["reported_by"]) == (
        "2020-09-01", "2020-09-28", "month", False, "2020-09-28")
    arabic = next(r for r in records if r["id"] == "arabic-day")
    assert arabic["title"] == "يوم بالعربية" and arabic["date_text"] == "25 سبتمبر 2020"


def test_dump_csv_keeps_arabic_and_joins_lists(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["dump", "tests/data/valid/mixed-dates.yaml", "--format", "csv"]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    arabic = next(r for r in rows if r["id"] == "arabic-day")
    assert arabic["start"] == "2020-09-25" and arabic["title"] == "يوم بالعربية"
    assert arabic["sources"] == "Al-Monitor"


def test_dump_of_invalid_store_exits_1_with_messages(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["dump", "tests/data/invalid/unknown-category.yaml"]) == 1
    err = capsys.readouterr().err
    assert "unknown category 'statment' (did you mean 'statement'?)" in err


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["Sept. 13", "--reference", "2020-09-28"],
         {"start": "2020-09-13", "end": "2020-09-13", "precision": "day", "approximate": False}),
        (["late September 2020"],
         {"start": "2020-09-21", "end": "2020-09-30", "precision": "month", "approximate": True}),
        (["۲۳ شهریور ۱۳۹۹", "--calendar", "jalali"],
         {"start": "2020-09-13", "end": "2020-09-13", "precision": "day", "approximate": False}),
    ],
)
def test_parse_date_prints_json(args: list[str], expected: dict[str, object], capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["parse-date", *args]) == 0
    assert json.loads(capsys.readouterr().out) == expected


def test_parse_date_refuses_non_dates(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["parse-date", "soon"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("error: cannot read 'soon' as a date") and "write '13 September 2020'" in err


def test_parse_date_bad_reference_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as caught:
        main(["parse-date", "Sept. 13", "--reference", "28/09/2020"])
    assert caught.value.code == 2
    assert "'28/09/2020' is not a date in the form YYYY-MM-DD" in capsys.readouterr().err


def test_schema_command_matches_committed_file(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["schema"]) == 0
    printed = json.loads(capsys.readouterr().out)
    assert printed == event_file_schema()
    assert json.loads(Path(SCHEMA_PATH).read_text(encoding="utf-8")) == printed, (
        "regenerate with: python -m timeline schema > schema/events.schema.json")


def test_every_command_has_help() -> None:
    parser = build_parser()
    subparsers = next(a for a in parser._actions if a.__class__.__name__ == "_SubParsersAction")
    for name, sub in subparsers.choices.items():
        assert sub.description, name
        assert sub.format_help()

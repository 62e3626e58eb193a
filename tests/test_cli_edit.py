"""``add``, ``fmt`` and ``extract`` on the command line: exit codes, exact messages, and eight
processes adding at once without losing an event."""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Callable

import pytest
import yaml

from timeline.cli import main as cli
from timeline.cli.edit import register
from timeline.store.loading import load_timeline

ROOT = Path(__file__).resolve().parent.parent
SEED = "tests/data/articles/iraq-militias-2020-09-28.txt"

# Until timeline.cli.build_parser calls register(), run the commands through the real main()
# (its error handling and exit codes) with them registered.
HARNESS = """
import sys
from timeline.cli import main as cli
from timeline.cli import edit as cli_edit
build = cli.build_parser
def with_edit_commands():
    parser = build()
    commands = next(a for a in parser._actions if isinstance(a, cli.argparse._SubParsersAction))
    if "add" not in commands.choices:
        cli_edit.register(commands)
    return parser
cli.build_parser = with_edit_commands
"""


@pytest.fixture(autouse=True)
def _edit_commands(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cli, "build_parser", _with_edit_commands(cli.build_parser))


def _with_edit_commands(build: Callable[[], argparse.ArgumentParser]) -> Callable[[], argparse.ArgumentParser]:
    def wrapped() -> argparse.ArgumentParser:
        parser = build()
        commands = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
        if "add" not in commands.choices:
            register(commands)
        return parser
    return wrapped


@pytest.fixture
def store(tmp_path: Path) -> Path:
    copy = tmp_path / "events.yaml"
    shutil.copyfile(ROOT / "data" / "events.yaml", copy)
    return copy


def test_add_prints_the_new_id(store: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code = cli.main(["add", str(store), "--title", "Sadr: a committee", "--date", "Sept. 27", "--category",
                     "statement", "--actor", "Muqtada al-Sadr", "--actor", "Qais Khazali", "--tag", "militias",
                     "--quote", 'He said "enough"'])
    assert (code, capsys.readouterr().out) == (0, "sadr-a-committee\n")
    assert store.read_text(encoding="utf-8").endswith(
        '\n  - id: sadr-a-committee\n    title: "Sadr: a committee"\n    date: Sept. 27\n    category: statement\n'
        '    actors: [Muqtada al-Sadr, Qais Khazali]\n    tags: [militias]\n    quote: "He said \\"enough\\""\n')
    assert next(e for e in load_timeline(store).events if e.id == "sadr-a-committee").start.isoformat() == "2020-09-27"


def test_add_with_its_own_source(store: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["add", str(store), "--title", "Reuters report", "--date", "Sept. 20", "--reference",
                     "2020-09-22", "--source-outlet", "Reuters", "--source-url", "https://example.com/r"]) == 0
    assert store.read_text(encoding="utf-8").endswith(
        "    category: other\n    sources:\n      - outlet: Reuters\n        url: https://example.com/r\n"
        "        published: 2020-09-22\n")


@pytest.mark.parametrize(("args", "message"), [
    (["--date", "soon"], "field 'date': cannot read 'soon' as a date: 'soon' is not part of a date; write "
     "'13 September 2020', 'September 2020' or '2020-09-13'\n"),
    (["--date", "Sept. 1", "--category", "statemnt"], "field 'category': unknown category 'statemnt' (did you mean "
     "'statement'?); use one of: statement, meeting, visit, decision, military, attack, protest, election, "
     "publication, other\n"),
    (["--date", "Sept. 1", "--reference", "2020-09-20"], "error: --reference 2020-09-20 is not the publication date "
     "of the file's default source (2020-09-28); give --source-outlet (and --source-url) for the source published "
     "on 2020-09-20, or leave --reference out\n"),
    (["--date", "Sept. 1", "--source-url", "https://example.com"], "error: --source-url needs --source-outlet (the "
     "outlet that published it)\n"),
])
def test_add_refuses_with_a_message_and_writes_nothing(store: Path, capsys: pytest.CaptureFixture[str],
                                                       args: list[str], message: str) -> None:
    before = store.read_bytes()
    assert cli.main(["add", str(store), "--title", "T", *args]) == 1
    assert capsys.readouterr().err == message
    assert store.read_bytes() == before


def test_add_without_a_title_is_a_usage_error(store: Path) -> None:
    with pytest.raises(SystemExit) as caught:
        cli.main(["add", str(store), "--date", "Sept. 1"])
    assert caught.value.code == 2


def test_fmt_check(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["fmt", "--check", "data/events.yaml"]) == 0
    assert capsys.readouterr().err == "already formatted: data/events.yaml\n"
    path = tmp_path / "e.yaml"
    path.write_text("defaults:\n  source: {outlet: X}\nevents:\n  - title: A  # keep me\n    id: a\n"
                    "    date: 2020\n    category: other\n", encoding="utf-8")
    assert cli.main(["fmt", "--check", str(path)]) == 1
    assert capsys.readouterr().err == f"would reformat {path}\n"
    assert cli.main(["fmt", str(path)]) == 0
    assert capsys.readouterr().err == f"reformatted {path}\n"
    assert path.read_text(encoding="utf-8").endswith("  - id: a\n    title: A  # keep me\n    date: 2020\n"
                                                     "    category: other\n")
    assert cli.main(["fmt", "--check", "--sort-by-date", "data/events.yaml"]) == 1


def test_extract_prints_drafts(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["extract", SEED, "--published", "2020-09-28", "--outlet", "Al-Monitor", "--title",
                     "Iraq steps up pressure on outlawed militias"]) == 0
    drafts = yaml.safe_load(capsys.readouterr().out)
    assert [(e["date"], e["actors"]) for e in drafts["events"]] == [
        ("Sept. 25", ["Ali Khamenei"]), ("Sept. 13", ["Ali al-Sistani"])]
    assert drafts["defaults"]["source"]["outlet"] == "Al-Monitor"


def test_extract_of_an_undated_text_is_an_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    article = tmp_path / "a.txt"
    article.write_text("Nothing dated here. Really nothing.\n", encoding="utf-8")
    assert cli.main(["extract", str(article), "--published", "2020-09-28"]) == 1
    assert capsys.readouterr().err.startswith(f"error: {article}: found no sentence with a date")


def test_every_edit_command_has_help() -> None:
    parser = argparse.ArgumentParser()
    commands = parser.add_subparsers()
    register(commands)
    for name, sub in commands.choices.items():
        assert sub.description, name
        assert all(action.help for action in sub._actions if action.dest != "help"), name
    assert sorted(commands.choices) == ["add", "extract", "fmt"]


ADD_THREE = HARNESS + """
for n in range(3):
    code = cli.main(["add", sys.argv[1], "--title", f"Process {sys.argv[2]} event {n}", "--date", "Sept. 27"])
    assert code == 0
"""


def test_eight_processes_adding_at_once_all_land(store: Path) -> None:
    before = len(load_timeline(store).events)
    processes = [subprocess.Popen([sys.executable, "-c", ADD_THREE, str(store), str(p)], cwd=ROOT,
                                  stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for p in range(8)]
    outputs = [process.communicate(timeout=120) for process in processes]
    assert [process.returncode for process in processes] == [0] * 8, outputs
    printed = sorted(line for out, _ in outputs for line in out.split())
    events = load_timeline(store).events
    added = sorted(e.id for e in events if e.id.startswith("process-"))
    assert len(events) == before + 24
    assert added == printed == sorted(f"process-{p}-event-{n}" for p in range(8) for n in range(3))


@pytest.mark.parametrize("config", [".pre-commit-hooks.yaml", "docs/pre-commit-config.example.yaml"])
def test_pre_commit_hooks_validate_and_check_the_event_files(config: str) -> None:
    loaded = yaml.safe_load((ROOT / config).read_text(encoding="utf-8"))
    hooks = loaded if isinstance(loaded, list) else loaded["repos"][0]["hooks"]
    assert [hook["id"] for hook in hooks] == ["timeline-validate", "timeline-fmt"]
    for hook in hooks:
        assert re.search(hook["files"], "data/events.yaml") and re.search(hook["files"], "data/2020/x.yml")
        assert not re.search(hook["files"], "schema/events.schema.json")
    command, *arguments = hooks[0]["entry"].split()
    assert Path(command).name == "timeline" and arguments == ["validate"]
    installed = Path(sys.executable).parent / "timeline"  # the console script of pyproject.toml
    result = subprocess.run([str(installed), *arguments, "data/events.yaml"], cwd=ROOT, capture_output=True,
                            text=True, timeout=120)
    assert (result.returncode, result.stderr) == (0, "ok: data/events.yaml\n")

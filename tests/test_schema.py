"""The JSON Schema agrees with the loader on the bundled data and the reference files."""

from __future__ import annotations

from pathlib import Path

import jsonschema
import pytest
import yaml

from timeline.store.schema import event_file_schema


def as_json_data(path: Path) -> object:
    # yaml-language-server reads YAML 1.2, where 2020-09-28 is text: mirror that for dates.
    class Loader(yaml.SafeLoader):
        pass

    Loader.add_constructor("tag:yaml.org,2002:timestamp", lambda loader, node: loader.construct_scalar(node))
    return yaml.load(path.read_text(encoding="utf-8"), Loader=Loader)


ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize("path", [ROOT / "data/events.yaml", *sorted((ROOT / "tests/data/valid").glob("*.yaml"))],
                         ids=lambda p: p.name)
def test_valid_files_pass_the_schema(path: Path) -> None:
    jsonschema.Draft7Validator(event_file_schema()).validate(as_json_data(path))


@pytest.mark.parametrize("name", ["unknown-field", "unknown-category", "javascript-url", "bad-id", "wrong-types"])
def test_invalid_files_fail_the_schema(name: str) -> None:
    errors = list(jsonschema.Draft7Validator(event_file_schema()).iter_errors(
        as_json_data(Path(f"tests/data/invalid/{name}.yaml"))))
    assert errors


def test_bundled_data_names_the_schema() -> None:
    first_line = Path("data/events.yaml").read_text(encoding="utf-8").splitlines()[0]
    assert first_line == "# yaml-language-server: $schema=../schema/events.schema.json"

"""The package installs: pyproject.toml and requirements.txt agree, and `pip install .` gives a
`timeline` command that works from any folder."""

from __future__ import annotations

import re
import subprocess
import sys
import sysconfig
import tomllib
from pathlib import Path

from packaging.requirements import Requirement

ROOT = Path(__file__).resolve().parent.parent
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
BUILD_ONLY = {"setuptools"}
"""Pinned in requirements.txt to build the package without a download; not a dependency."""


def pins() -> dict[str, Requirement]:
    lines = (ROOT / "requirements.txt").read_text(encoding="utf-8").splitlines()
    found = [Requirement(line) for line in lines if line.strip() and not line.startswith("#")]
    return {canonical(r.name): r for r in found}


def canonical(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def declared() -> list[Requirement]:
    project = PYPROJECT["project"]
    extras = project["optional-dependencies"]
    return [Requirement(text) for text in project["dependencies"] + extras["app"] + extras["test"]]


def test_every_pin_satisfies_the_declared_range_and_nothing_is_missing() -> None:
    pinned = pins()
    wanted = {canonical(r.name): r for r in declared()}
    assert set(pinned) - BUILD_ONLY == set(wanted), "requirements.txt and pyproject.toml name other packages"
    for name, requirement in wanted.items():
        version = next(iter(pinned[name].specifier)).version
        assert requirement.specifier.contains(version), f"{name}=={version} is outside {requirement.specifier}"
        assert pinned[name].extras == requirement.extras, name


def test_the_build_requirement_is_the_pinned_setuptools() -> None:
    needed = Requirement(PYPROJECT["build-system"]["requires"][0])
    version = next(iter(pins()["setuptools"].specifier)).version
    assert needed.specifier.contains(version)


def test_the_console_script_is_the_cli() -> None:
    assert PYPROJECT["project"]["scripts"] == {"timeline": "timeline.cli.main:main"}


def test_pip_install_gives_a_timeline_command_that_works_from_any_folder(tmp_path: Path) -> None:
    wheels = tmp_path / "wheels"
    run([sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--no-build-isolation",
         "--disable-pip-version-check", "-w", str(wheels), str(ROOT)], cwd=tmp_path)
    env = tmp_path / "env"
    run([sys.executable, "-m", "venv", "--without-pip", str(env)], cwd=tmp_path)
    site = Path(subprocess.run([str(env / "bin/python"), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                               capture_output=True, text=True, check=True).stdout.strip())
    # The dependencies come from the project's venv (a .pth line adds its folder, nothing more),
    # so that the test downloads nothing; the package itself comes from the wheel.
    (site / "deps.pth").write_text(sysconfig.get_paths()["purelib"] + "\n", encoding="utf-8")
    wheel = next(wheels.glob("timeline-*.whl"))
    run([sys.executable, "-m", "pip", "--python", str(env / "bin/python"), "install", "--quiet", "--no-deps",
         "--disable-pip-version-check", str(wheel)], cwd=tmp_path)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    done = subprocess.run([str(env / "bin/timeline"), "validate", str(ROOT / "data/events.yaml")], cwd=elsewhere,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0 and done.stderr.startswith("ok: "), done.stderr
    where = subprocess.run([str(env / "bin/python"), "-c", "import timeline; print(timeline.__file__)"], cwd=elsewhere,
                           capture_output=True, text=True, check=True).stdout
    assert where.startswith(str(site)), where
    assert "app_pages" not in {p.name for p in site.iterdir()}, "the dashboard runs from a checkout, not installed"


def run(command: list[str], *, cwd: Path) -> None:
    done = subprocess.run(command, cwd=cwd, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stdout + done.stderr

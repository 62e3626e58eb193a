"""Promises about the package as a whole: layers that only look down, no UI inside it, a public
API, small modules, a fast command line."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

import timeline

PACKAGE = Path(timeline.__file__).parent
ROOT = PACKAGE.parent
MODULES = sorted(PACKAGE.rglob("*.py"))

LAYERS = {
    "timeline.model": 0, "timeline.errors": 0,
    "timeline.dates": 1, "timeline.lang": 1,
    "timeline.store": 2,
    "timeline.view": 3,
    "timeline.chart": 4,
    "timeline.edit": 4,
    "timeline.export": 5,
    "timeline.cli": 6,
    "timeline": 7,  # the package's own __init__ and __main__ may name anything
}
"""Each room's floor: a module may import its own room and rooms on lower floors only. ``edit``
and ``chart`` share a floor and never import each other."""

HEAVY = {"pandas": {"timeline.view", "timeline.chart", "timeline.export"},
         "plotly": {"timeline.chart", "timeline.export"},
         "networkx": {"timeline.chart"},
         "kaleido": {"timeline.export.images"},
         "choreographer": {"timeline.export.images"},
         "pyarrow": {"timeline.store.parquetstore", "timeline.store.lazystore", "timeline.store.lazychecks",
                     "timeline.view.engine"},
         "ibis": {"timeline.view.engine"},
         "duckdb": {"timeline.view.engine"}}
"""Third-party libraries that only some rooms may import (so that reading YAML never loads them)."""


def module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def room_of(name: str) -> str:
    for room in sorted(LAYERS, key=len, reverse=True):
        if name == room or name.startswith(room + "."):
            return room
    raise AssertionError(f"{name} is in no room of LAYERS; add its room")


def imports_of(path: Path) -> list[str]:
    names = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.append(node.module)
            names += [f"{node.module}.{alias.name}" for alias in node.names]
    return names


@pytest.mark.parametrize("path", MODULES, ids=lambda p: module_name(p))
def test_a_module_imports_only_its_own_room_and_rooms_below(path: Path) -> None:
    name = module_name(path)
    room = room_of(name)
    for imported in imports_of(path):
        if not imported.startswith("timeline."):
            continue
        other = room_of(imported)
        if other in ("timeline",):
            continue
        assert other == room or LAYERS[other] < LAYERS[room], (
            f"{name} ({room}, floor {LAYERS[room]}) imports {imported} ({other}, floor {LAYERS[other]})")


@pytest.mark.parametrize("path", MODULES, ids=lambda p: module_name(p))
def test_heavy_libraries_stay_in_their_rooms_and_streamlit_in_none(path: Path) -> None:
    name = module_name(path)
    for imported in imports_of(path):
        top = imported.split(".")[0]
        assert top != "streamlit", f"{name} imports streamlit: the UI is app.py and app_pages/ only"
        if top in HEAVY:
            assert any(name == room or name.startswith(room + ".") for room in HEAVY[top]), (
                f"{name} imports {top}; only {sorted(HEAVY[top])} may")


def test_no_import_circles() -> None:
    graph = {module_name(p): {i for i in imports_of(p) if i.startswith("timeline.")}
             for p in MODULES}
    modules = set(graph)
    edges = {m: {i for i in graph[m] if i in modules and i != m} for m in graph}
    seen: dict[str, int] = {}  # 1 visiting, 2 done

    def visit(node: str, trail: list[str]) -> None:
        seen[node] = 1
        for nxt in sorted(edges[node]):
            if seen.get(nxt) == 1:
                raise AssertionError("import circle: " + " -> ".join(trail[trail.index(nxt):] + [node, nxt])
                                     if nxt in trail else f"import circle through {node} -> {nxt}")
            if nxt not in seen:
                visit(nxt, trail + [node])
        seen[node] = 2

    for module in sorted(edges):
        if module not in seen:
            visit(module, [])


@pytest.mark.parametrize("path", MODULES, ids=lambda p: module_name(p))
def test_modules_stay_small(path: Path) -> None:
    assert len(path.read_text(encoding="utf-8").splitlines()) <= 350, f"{module_name(path)}: split it by concept"


def test_the_page_files_stay_small() -> None:
    assert len((ROOT / "app.py").read_text(encoding="utf-8").splitlines()) < 120
    for page in (ROOT / "app_pages").glob("*.py"):
        assert len(page.read_text(encoding="utf-8").splitlines()) <= 250, page.name


def test_every_sub_package_says_what_it_holds_and_may_import() -> None:
    for init in PACKAGE.glob("*/__init__.py"):
        doc = ast.get_docstring(ast.parse(init.read_text(encoding="utf-8"))) or ""
        assert "Holds:" in doc and "May import:" in doc, init.parent.name


def test_public_api_is_listed() -> None:
    assert all(hasattr(timeline, name) for name in timeline.__all__)


@pytest.mark.parametrize("command", [["validate", "data/events.yaml"], ["parse-date", "13 September 2020"],
                                     ["schema"]])
def test_the_quick_commands_never_load_pandas_plotly_or_dateparser(command: list[str]) -> None:
    probe = ("import sys\n"
             "from timeline.cli.main import main\n"
             "code = main(sys.argv[1:])\n"
             "heavy = sorted({m.split('.')[0] for m in sys.modules} & {'pandas', 'plotly', 'dateparser', 'kaleido', 'numpy', 'networkx', 'pyarrow'})\n"
             "print('HEAVY', heavy, file=sys.stderr); sys.exit(code)")
    done = subprocess.run([sys.executable, "-c", probe, *command], cwd=ROOT, capture_output=True, text=True,
                          timeout=120)
    assert done.returncode == 0, done.stderr
    assert "HEAVY []" in done.stderr

"""Promises about the package as a whole: no UI inside it, a public API, small modules."""

from __future__ import annotations

import ast
from pathlib import Path

import timeline

PACKAGE = Path(timeline.__file__).parent


def test_timeline_package_never_imports_streamlit() -> None:
    for module in PACKAGE.glob("*.py"):
        tree = ast.parse(module.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names = ([a.name for a in node.names] if isinstance(node, ast.Import)
                     else [node.module or ""] if isinstance(node, ast.ImportFrom) else [])
            assert not any(n.split(".")[0] == "streamlit" for n in names), module.name


def test_only_export_module_imports_kaleido() -> None:
    for module in PACKAGE.glob("*.py"):
        if module.name != "export.py":
            assert "import kaleido" not in module.read_text(encoding="utf-8"), module.name


def test_public_api_is_listed() -> None:
    assert all(hasattr(timeline, name) for name in timeline.__all__)

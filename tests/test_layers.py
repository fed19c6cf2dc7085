"""The library's house: layers that only import downward (import-linter's contract in
pyproject.toml), no import hidden inside a function, no private name taken from another module."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import ROOT

PACKAGE = ROOT / "lib" / "newsvoices"
MODULES = sorted(PACKAGE.rglob("*.py"))


def test_the_layers_contract_is_kept():
    lint = Path(sys.executable).with_name("lint-imports")
    if not lint.exists():
        pytest.fail(f"{lint} is missing: install the requirements (python -m pip install -r requirements.txt)")
    proc = subprocess.run([str(lint), "--config", str(ROOT / "pyproject.toml")], capture_output=True, text=True,
                          cwd=ROOT, timeout=300)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "3 kept, 0 broken" in proc.stdout


def _own_imports(tree: ast.AST):
    """(node, module, names) of every import of the package's own modules."""
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and (node.level or (node.module or "").startswith("newsvoices")):
            yield node, node.module or "", [alias.name for alias in node.names]
        elif isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.startswith("newsvoices"):
                    yield node, alias.name, []


def _function_bodies(tree: ast.AST):
    for node in ast.walk(tree):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            yield from ast.walk(node)


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_no_import_of_the_package_inside_a_function(path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    inside = {id(n) for n in _function_bodies(tree)}
    hidden = [f"line {node.lineno}: {module or '.'}" for node, module, _ in _own_imports(tree) if id(node) in inside]
    assert not hidden, f"{path.name} imports the package inside a function (a loop dodged?): {hidden}"


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_no_private_name_of_another_module(path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    private = [f"line {node.lineno}: {name} from {module or '.'}" for node, module, names in _own_imports(tree)
               for name in names if name.startswith("_") and not name.startswith("__")]
    assert not private, f"{path.name} imports private names: what two modules share is public in the lower one"


def test_the_checks_catch_what_they_look_for():
    hidden = ast.parse("def f():\n    from .store import analyse\n")
    inside = {id(n) for n in _function_bodies(hidden)}
    assert [module for node, module, _ in _own_imports(hidden) if id(node) in inside] == ["store"]
    private = ast.parse("from .tone import _textblob, stance_rows\nimport json\n")
    assert [names for _, _, names in _own_imports(private)] == [["_textblob", "stance_rows"]]

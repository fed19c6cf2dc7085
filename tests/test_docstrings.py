"""Every example in the library's docstrings runs and gives what it shows."""

from __future__ import annotations

import doctest
import importlib

import pytest

from .conftest import ROOT

MODULES = sorted(p.stem for p in (ROOT / "lib" / "newsvoices").glob("*.py") if p.stem != "__main__")


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name, monkeypatch):
    monkeypatch.chdir(ROOT)  # examples name the seeds by their path from the project folder
    module = importlib.import_module(f"newsvoices.{name}" if name != "__init__" else "newsvoices")
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    assert result.failed == 0, f"{result.failed} of {result.attempted} examples failed in {name} (see the output)"

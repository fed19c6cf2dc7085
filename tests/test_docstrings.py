"""Every example in the library's docstrings runs and gives what it shows."""

from __future__ import annotations

import doctest
import importlib

import pytest

from .conftest import ROOT

PACKAGE = ROOT / "lib" / "newsvoices"
MODULES = sorted(".".join(p.relative_to(PACKAGE).with_suffix("").parts) for p in PACKAGE.rglob("*.py")
                 if p.stem != "__main__")


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name, monkeypatch):
    monkeypatch.chdir(ROOT)  # examples name the seeds by their path from the project folder
    module = importlib.import_module(f"newsvoices.{name}".removesuffix(".__init__"))
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    assert result.failed == 0, f"{result.failed} of {result.attempted} examples failed in {name} (see the output)"

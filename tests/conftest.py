"""Shared fixtures: the seed corpus is loaded once per test session."""

from __future__ import annotations

from pathlib import Path

import pytest

import newsvoices as nv

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
NOTEBOOKS = ROOT / "notebooks"
DATA = Path(__file__).resolve().parent / "data"


@pytest.fixture(scope="session")
def seeds() -> nv.Corpus:
    return nv.load_corpus(SEEDS)


@pytest.fixture(scope="session", autouse=True)
def _cache_outside_the_project(tmp_path_factory):
    """Tests (and the kernels they start) write the analysis cache to a temporary folder."""
    import os

    previous = os.environ.get("NEWSVOICES_CACHE")
    os.environ["NEWSVOICES_CACHE"] = str(tmp_path_factory.mktemp("cache"))
    yield
    if previous is None:
        os.environ.pop("NEWSVOICES_CACHE", None)
    else:
        os.environ["NEWSVOICES_CACHE"] = previous

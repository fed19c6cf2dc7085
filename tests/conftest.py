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

"""Shared fixtures: the spaCy pipeline is loaded once per test session."""

from __future__ import annotations

from pathlib import Path

import pytest
from spacy.language import Language

from claims.extraction import DEFAULT_MODEL, load_pipeline

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture(scope="session")
def nlp() -> Language:
    return load_pipeline(DEFAULT_MODEL)


@pytest.fixture(scope="session")
def demo_text() -> str:
    return (FIXTURES / "kremlin-no-congratulations.txt").read_text(encoding="utf-8")

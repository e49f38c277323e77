"""Importing the package must stay cheap: ``claims.models`` imports it at every Django start."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import claims.extraction

ROOT = Path(__file__).resolve().parents[2]


def test_import_does_not_load_spacy() -> None:
    code = (
        "import claims.extraction, claims.extraction.types, claims.extraction.version, sys; "
        "assert 'spacy' not in sys.modules, 'spacy imported'"
    )
    subprocess.run([sys.executable, "-c", code], cwd=ROOT, check=True)


def test_lazy_names_resolve() -> None:
    from claims.extraction import pipeline

    for name in claims.extraction.__all__:
        assert getattr(claims.extraction, name) is not None
    assert claims.extraction.extract_claims is pipeline.extract_claims
    assert claims.extraction.load_pipeline is pipeline.load_pipeline
    assert claims.extraction.DEFAULT_MODEL == pipeline.DEFAULT_MODEL
    assert set(claims.extraction.__all__) <= set(dir(claims.extraction))

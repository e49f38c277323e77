"""Learn which cue verbs introduce which complements from a PolNeAR training split.

For every verb outside quotation marks, every complement the parse offers
(:func:`claims.extraction.rules.complement_candidates`) is scored against the gold: a *hit*
when a gold attribution's cue covers the verb and its content overlaps the complement with
IoU >= 0.5. A (lemma, frame) pair is accepted when it hits often and precisely enough;
lemmas seen often but never accepted are stored with no frames, which rejects them.

Usage (writes ``claims/extraction/data/learned_cues.json``)::

    python -m claims.extraction.train /path/to/polnear/train [--out PATH]
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

MIN_HITS = 2
MIN_PRECISION = 0.35
MIN_SEEN_TO_REJECT = 5
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


def train(
    split_dir: Path,
    *,
    out: Path = LEARNED_CUES,
    model_name: str = DEFAULT_MODEL,
    min_hits: int = MIN_HITS,
    min_precision: float = MIN_PRECISION,
) -> dict:
    """Parse a PolNeAR split, learn the cue frames and write them to ``out``."""
    nlp = load_pipeline(model_name)
    pairs = list(corpus(Path(split_dir)))
    docs = nlp.pipe((text for text, _ in pairs), batch_size=16)
    learned = learn(
        zip(docs, (gold for _, gold in pairs), strict=True),
        min_hits=min_hits,
        min_precision=min_precision,
    )
    out.write_text(json.dumps(learned, indent=0, sort_keys=False) + "\n", encoding="utf-8")
    return learned


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument(
        "split_dir", type=Path, help="PolNeAR training split (text/, attributions/)"
    )
    parser.add_argument("--out", type=Path, default=LEARNED_CUES)
    parser.add_argument("--model", default=DEFAULT_MODEL)
    parser.add_argument("--min-hits", type=int, default=MIN_HITS)
    parser.add_argument("--min-precision", type=float, default=MIN_PRECISION)
    args = parser.parse_args(argv)
    learned = train(
        args.split_dir,
        out=args.out,
        model_name=args.model,
        min_hits=args.min_hits,
        min_precision=args.min_precision,
    )
    accepted = sum(1 for frames in learned["frames"].values() if frames)
    print(
        f"{accepted} cue lemmas accepted, {len(learned['frames']) - accepted} rejected -> {args.out}"
    )


if __name__ == "__main__":
    main()

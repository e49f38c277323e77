"""K-fold cross-validation of the learned data on a PolNeAR split (train): the cue frames and
the cue model are learned on all folds but one and the extractor is scored on that one, so the
figures are held out while the thresholds are tuned on train only.

Usage::

    python -m claims.extraction.crossval /path/to/polnear/train [--folds 2] [--json]

Articles are assigned to folds by their rank in file-name order (``i % folds``).
"""

from __future__ import annotations

import argparse
import json
from dataclasses import replace
from pathlib import Path

from claims.extraction.evaluate import _empty_totals, _score_article, summarise_totals
from claims.extraction.lexicon import load_lexicon
from claims.extraction.pipeline import DEFAULT_MODEL, claims_from_doc, load_pipeline
from claims.extraction.train import corpus, learn, train_model
from claims.extraction.types import claim_as_dict


def cross_validate(split_dir: Path, *, folds: int = 2, model_name: str = DEFAULT_MODEL) -> dict:
    """Held-out scores summed over the folds (same metrics as :mod:`evaluate`)."""
    nlp = load_pipeline(model_name)
    pairs = list(corpus(Path(split_dir)))
    docs = list(nlp.pipe((text for text, _ in pairs), batch_size=16))
    golds = [gold for _, gold in pairs]
    base = load_lexicon()
    tot = _empty_totals()
    for k in range(folds):
        train_idx = [i for i in range(len(docs)) if i % folds != k]
        fold = [(docs[i], golds[i]) for i in train_idx]
        learned = learn(fold)
        model = train_model(fold, learned)
        lexicon = replace(base, cue_frames={lem: dict(f) for lem, f in learned["frames"].items()})
        for i in range(k, len(docs), folds):
            pred = [claim_as_dict(c) for c in claims_from_doc(docs[i], lexicon, model)]
            _score_article(docs[i].text, golds[i], pred, tot)
    return {
        "folds": folds,
        "articles": len(docs),
        **summarise_totals(tot),
        "counts": tot,
    }


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("split_dir", type=Path, help="a PolNeAR split (train)")
    parser.add_argument("--folds", type=int, default=2)
    parser.add_argument("--model", default=DEFAULT_MODEL)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    result = cross_validate(args.split_dir, folds=args.folds, model_name=args.model)
    if args.json:
        print(json.dumps(result))
        return
    print(f"{args.folds}-fold CV on {args.split_dir}: {result['articles']} articles")
    for key in ("content_soft_prf", "content_exact_prf", "end_to_end_prf"):
        print(f"{key:18}: P %.3f  R %.3f  F1 %.3f" % result[key])
    print(f"source acc        : {result['source_acc']:.3f}")


if __name__ == "__main__":
    main()

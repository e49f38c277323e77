#!/usr/bin/env python3
"""Evaluate the extractor on a PolNeAR split; optionally write predictions for polnear_score.py.

Usage:
  .venv/bin/python bench/polnear_eval.py SPLIT_DIR [--out PRED.jsonl] [--model NAME] [--json]
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from claims.extraction.evaluate import format_report, predict_split, score_predictions
from claims.extraction.pipeline import DEFAULT_MODEL


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("split_dir", type=Path)
    parser.add_argument("--out", type=Path, help="write {file, claims} JSON lines here")
    parser.add_argument("--model", default=DEFAULT_MODEL)
    parser.add_argument("--json", action="store_true", help="print the result as JSON")
    args = parser.parse_args()
    predictions = predict_split(args.split_dir, model_name=args.model)
    if args.out:
        with args.out.open("w", encoding="utf-8") as out:
            for name, claims in predictions.items():
                out.write(json.dumps({"file": name, "claims": claims}, ensure_ascii=False) + "\n")
    result = score_predictions(args.split_dir, predictions)
    result.update(model=args.model, split=str(args.split_dir))
    print(json.dumps(result) if args.json else format_report(result))


if __name__ == "__main__":
    main()

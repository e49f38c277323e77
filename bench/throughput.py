#!/usr/bin/env python3
"""Extraction vs bare nlp.pipe throughput on a directory of .txt articles.

Usage:
  .venv/bin/python bench/throughput.py TEXT_DIR [--model NAME] [--batch-size N] [--repeats N]
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from claims.extraction.benchmark import benchmark, format_benchmark
from claims.extraction.pipeline import DEFAULT_MODEL


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("text_dir", type=Path)
    parser.add_argument("--model", default=DEFAULT_MODEL)
    parser.add_argument("--batch-size", type=int, default=16)
    parser.add_argument("--repeats", type=int, default=1)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    texts = [p.read_text(encoding="utf-8") for p in sorted(args.text_dir.glob("*.txt"))]
    result = benchmark(
        texts, model_name=args.model, batch_size=args.batch_size, repeats=args.repeats
    )
    print(json.dumps(result) if args.json else format_benchmark(result))


if __name__ == "__main__":
    main()

"""Throughput of the extractor against bare ``nlp.pipe`` parsing of the same texts.

Both runs use the same loaded pipeline, batch size and process, interleaved after a short
warm-up; each is repeated and the best run is kept. The rules alone are also timed on
the documents the parse run produced. The extraction logic is meant to
be cheap: ``ratio`` (extraction throughput / parse throughput) should stay >= 0.8.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from claims.extraction.pipeline import (
    DEFAULT_MODEL,
    claims_from_doc,
    extract_many,
    load_pipeline,
)

TARGET_RATIO = 0.8


def _best_seconds(run: Callable[[], int], repeats: int) -> tuple[float, int]:
    """Fastest wall-clock time of ``repeats`` runs and what the last run counted."""
    best, counted = float("inf"), 0
    for _ in range(repeats):
        start = time.perf_counter()
        counted = run()
        best = min(best, time.perf_counter() - start)
    return best, counted


def benchmark(
    texts: list[str],
    *,
    model_name: str = DEFAULT_MODEL,
    batch_size: int = 16,
    repeats: int = 1,
    warmup: int = 4,
) -> dict:
    """Articles/s and chars/s for bare parsing and for extraction, and their ratio."""
    nlp = load_pipeline(model_name)
    for _ in nlp.pipe(texts[:warmup], batch_size=batch_size):
        pass
    chars = sum(len(t) for t in texts)

    docs: list = []

    def parse() -> int:
        docs[:] = nlp.pipe(texts, batch_size=batch_size)
        return len(docs)

    def rules_only() -> int:
        return sum(len(claims_from_doc(doc)) for doc in docs)

    def extract() -> int:
        return sum(
            len(c) for c in extract_many(texts, model_name=model_name, batch_size=batch_size)
        )

    # interleaved, so that a busy machine slows both runs alike
    parse_s = extract_s = rules_s = float("inf")
    claims = 0
    for _ in range(repeats):
        parse_s = min(parse_s, _best_seconds(parse, 1)[0])
        rules_s = min(rules_s, _best_seconds(rules_only, 1)[0])
        seconds, claims = _best_seconds(extract, 1)
        extract_s = min(extract_s, seconds)
    docs.clear()

    def rates(seconds: float) -> dict:
        return {
            "seconds": round(seconds, 3),
            "articles_per_s": round(len(texts) / seconds, 2) if seconds else 0.0,
            "chars_per_s": round(chars / seconds) if seconds else 0,
        }

    return {
        "model": model_name,
        "pipeline": list(nlp.pipe_names),
        "articles": len(texts),
        "chars": chars,
        "claims": claims,
        "batch_size": batch_size,
        "parse": rates(parse_s),
        "extract": rates(extract_s),
        "rules_only_seconds": round(rules_s, 3),
        "ratio": round(parse_s / extract_s, 3) if extract_s else 0.0,
        "target_ratio": TARGET_RATIO,
    }


def format_benchmark(result: dict) -> str:
    """A plain-text report of :func:`benchmark`'s result."""
    ok = "ok" if result["ratio"] >= result["target_ratio"] else "BELOW TARGET"
    lines = [
        f"model: {result['model']}  pipeline: {', '.join(result['pipeline'])}",
        f"articles: {result['articles']}  chars: {result['chars']}  claims: {result['claims']}"
        f"  batch size: {result['batch_size']}",
    ]
    for label, key in (("bare nlp.pipe", "parse"), ("extraction   ", "extract")):
        row = result[key]
        lines.append(
            f"{label}: {row['articles_per_s']:>8.2f} articles/s  {row['chars_per_s']:>9} chars/s"
            f"  ({row['seconds']:.2f} s)"
        )
    lines.append(f"extraction rules alone on parsed docs: {result['rules_only_seconds']:.2f} s")
    lines.append(
        f"ratio extraction/parse: {result['ratio']:.3f} (target >= {result['target_ratio']}) {ok}"
    )
    return "\n".join(lines)

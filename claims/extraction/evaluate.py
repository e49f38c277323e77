"""Score the extractor against a PolNeAR split (BRAT standoff), like ``polnear_score.py``.

Metrics (one-to-one greedy matching, best overlap first):

- content soft: character-span IoU >= 0.5 between predicted claim and gold Content;
- content exact: same span after trimming whitespace, quotes and punctuation;
- source accuracy: of soft-matched pairs with a gold Source, the predicted speaker mention
  overlaps it;
- end to end: soft content match and (no gold source or source match).

On top of the reference scorer, precision and recall per claim kind. Gold kinds are inferred:
``according_to`` from the cue, ``direct`` when the content lies inside quotation marks,
``mixed`` when it embeds some, ``indirect`` otherwise.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from claims.extraction.pipeline import DEFAULT_MODEL, extract_many
from claims.extraction.quotes import find_quotes
from claims.extraction.types import ClaimKind, claim_as_dict

TRIM = " \t\r\n\"'“”‘’.,;:—–-()[]"
KINDS = tuple(str(k) for k in ClaimKind)
_ANNOTATOR = re.compile(r"_[0-9a-f]{4}\.ann$")

Spans = list[tuple[int, int]]


@dataclass(frozen=True, slots=True)
class GoldAttribution:
    content: Spans
    source: Spans | None
    cue: Spans | None


def _spans(field: str) -> Spans:
    out = []
    for part in field.split(";"):
        a, b = part.split()
        out.append((int(a), int(b)))
    return out


def load_gold(ann_path: Path) -> list[GoldAttribution]:
    """The attributions of one ``.ann`` file that have a Content span."""
    boxes: dict[str, tuple[str, Spans]] = {}
    events: list[dict[str, str]] = []
    for line in ann_path.read_text(encoding="utf-8").splitlines():
        if line.startswith("T"):
            parts = line.split("\t", 2)
            if len(parts) < 2:
                continue
            label, rest = parts[1].split(" ", 1)
            boxes[parts[0]] = (label, _spans(rest))
        elif line.startswith("E"):
            _eid, args = line.split("\t", 1)
            events.append(dict(a.split(":", 1) for a in args.split()))
    gold = []
    for roles in events:
        content = roles.get("Content")
        if not content or content not in boxes:
            continue
        source, cue = roles.get("Source"), roles.get("Cue")
        gold.append(
            GoldAttribution(
                content=boxes[content][1],
                source=boxes[source][1] if source in boxes else None,
                cue=boxes[cue][1] if cue in boxes else None,
            )
        )
    return gold


def gold_files(split_dir: Path) -> dict[str, Path]:
    """Text file name -> the first annotator's ``.ann`` (name order)."""
    out: dict[str, Path] = {}
    for ann in sorted((split_dir / "attributions").glob("*.ann")):
        out.setdefault(_ANNOTATOR.sub("", ann.name) + ".txt", ann)
    return out


def _charset(spans: Iterable[tuple[int, int]]) -> set[int]:
    chars: set[int] = set()
    for a, b in spans:
        chars.update(range(a, b))
    return chars


def _trimmed(text: str, a: int, b: int) -> tuple[int, int]:
    while a < b and text[a] in TRIM:
        a += 1
    while b > a and text[b - 1] in TRIM:
        b -= 1
    return a, b


def gold_kind(text: str, gold: GoldAttribution, quoted: set[int]) -> str:
    """Infer the claim kind of a gold attribution from its cue and quotation marks."""
    if gold.cue and any(text[a:b].lower().startswith("according") for a, b in gold.cue):
        return str(ClaimKind.ACCORDING_TO)
    a, b = _trimmed(text, gold.content[0][0], gold.content[-1][1])
    chars = _charset(gold.content) & set(range(a, b))
    if not chars:
        return str(ClaimKind.INDIRECT)
    inside = len(chars & quoted) / len(chars)
    if inside >= 0.9:
        return str(ClaimKind.DIRECT)
    return str(ClaimKind.MIXED if inside > 0 else ClaimKind.INDIRECT)


def _empty_totals() -> dict[str, int]:
    return dict(gold=0, pred=0, soft=0, exact=0, src_gold=0, src_ok=0, e2e=0)


def _score_article(
    text: str, gold: list[GoldAttribution], pred: list[dict[str, Any]], tot: dict[str, int]
) -> tuple[list[bool], list[bool]]:
    """Add one article to ``tot``; return which gold and predicted claims were soft-matched."""
    tot["gold"] += len(gold)
    tot["pred"] += len(pred)
    pairs = []
    for gi, g in enumerate(gold):
        gs = _charset(g.content)
        for pi, p in enumerate(pred):
            ps = set(range(p["start"], p["end"]))
            inter = len(gs & ps)
            if inter:
                pairs.append((inter / len(gs | ps), gi, pi))
    pairs.sort(reverse=True)
    gold_hit, pred_hit = [False] * len(gold), [False] * len(pred)
    for iou, gi, pi in pairs:
        if iou < 0.5 or gold_hit[gi] or pred_hit[pi]:
            continue
        gold_hit[gi] = pred_hit[pi] = True
        g, p = gold[gi], pred[pi]
        tot["soft"] += 1
        ga = _trimmed(text, min(a for a, _ in g.content), max(b for _, b in g.content))
        if ga == _trimmed(text, p["start"], p["end"]):
            tot["exact"] += 1
        ok = True
        if g.source:
            tot["src_gold"] += 1
            sp = p.get("speaker") or {}
            s0, s1 = sp.get("start"), sp.get("end")
            ok = s0 is not None and s1 is not None and bool(set(range(s0, s1)) & _charset(g.source))
            tot["src_ok"] += ok
        tot["e2e"] += ok
    return gold_hit, pred_hit


def _prf(hit: int, pred: int, gold: int) -> tuple[float, float, float]:
    p = hit / pred if pred else 0.0
    r = hit / gold if gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return round(p, 3), round(r, 3), round(f, 3)


def summarise_totals(tot: dict[str, int]) -> dict[str, Any]:
    """The reported figures (gold/pred counts, P/R/F1 triples, source accuracy) of match totals."""
    return {
        "gold": tot["gold"],
        "pred": tot["pred"],
        "content_soft_prf": _prf(tot["soft"], tot["pred"], tot["gold"]),
        "content_exact_prf": _prf(tot["exact"], tot["pred"], tot["gold"]),
        "source_acc": round(tot["src_ok"] / tot["src_gold"], 3) if tot["src_gold"] else 0.0,
        "end_to_end_prf": _prf(tot["e2e"], tot["pred"], tot["gold"]),
    }


def score_predictions(split_dir: Path, predictions: dict[str, list[dict[str, Any]]]) -> dict:
    """Score ``{"<name>.txt": [claim_as_dict, ...]}`` against the gold of ``split_dir``."""
    split_dir = Path(split_dir)
    tot = _empty_totals()
    kind_gold = dict.fromkeys(KINDS, 0)
    kind_gold_hit = dict.fromkeys(KINDS, 0)
    kind_pred = dict.fromkeys(KINDS, 0)
    kind_pred_hit = dict.fromkeys(KINDS, 0)
    files = gold_files(split_dir)
    missing = 0
    for name, ann in sorted(files.items()):
        text = (split_dir / "text" / name).read_text(encoding="utf-8")
        gold = load_gold(ann)
        if name not in predictions:
            missing += 1
        pred = predictions.get(name, [])
        gold_hit, pred_hit = _score_article(text, gold, pred, tot)
        quoted = _charset((q.start, q.end) for q in find_quotes(text))
        for g, hit in zip(gold, gold_hit, strict=True):
            kind = gold_kind(text, g, quoted)
            kind_gold[kind] += 1
            kind_gold_hit[kind] += hit
        for p, hit in zip(pred, pred_hit, strict=True):
            kind = p.get("kind", str(ClaimKind.INDIRECT))
            kind_pred[kind] = kind_pred.get(kind, 0) + 1
            kind_pred_hit[kind] = kind_pred_hit.get(kind, 0) + hit
    per_kind = {
        kind: {
            "gold": kind_gold[kind],
            "pred": kind_pred[kind],
            "precision": round(kind_pred_hit[kind] / kind_pred[kind], 3)
            if kind_pred[kind]
            else 0.0,
            "recall": round(kind_gold_hit[kind] / kind_gold[kind], 3) if kind_gold[kind] else 0.0,
        }
        for kind in KINDS
    }
    return {
        "articles": len(files),
        "articles_without_prediction": missing,
        **summarise_totals(tot),
        "per_kind": per_kind,
    }


def predict_split(
    split_dir: Path, *, model_name: str = DEFAULT_MODEL, batch_size: int = 16
) -> dict[str, list[dict[str, Any]]]:
    """Run the extractor over ``split_dir/text/*.txt``: file name -> claim dicts."""
    paths = sorted((Path(split_dir) / "text").glob("*.txt"))
    texts = (p.read_text(encoding="utf-8") for p in paths)
    results = extract_many(texts, model_name=model_name, batch_size=batch_size)
    return {
        path.name: [claim_as_dict(c) for c in claims]
        for path, claims in zip(paths, results, strict=True)
    }


def evaluate_polnear(split_dir: Path, *, model_name: str = DEFAULT_MODEL) -> dict:
    """Extract claims from a PolNeAR split and score them against its gold attributions."""
    result = score_predictions(Path(split_dir), predict_split(split_dir, model_name=model_name))
    result["model"] = model_name
    result["split"] = str(split_dir)
    return result


def format_report(result: dict) -> str:
    """A plain-text report of :func:`evaluate_polnear`'s result."""

    def prf(values: tuple[float, float, float]) -> str:
        return "P {:.3f}  R {:.3f}  F1 {:.3f}".format(*values)

    lines = [
        f"split: {result.get('split', '?')}  model: {result.get('model', '?')}",
        f"articles: {result['articles']}  gold: {result['gold']}  predicted: {result['pred']}",
        f"content soft  : {prf(result['content_soft_prf'])}",
        f"content exact : {prf(result['content_exact_prf'])}",
        f"source acc    : {result['source_acc']:.3f}",
        f"end to end    : {prf(result['end_to_end_prf'])}",
        "per kind (soft match):",
    ]
    for kind, row in result["per_kind"].items():
        lines.append(
            f"  {kind:<13} gold {row['gold']:>5}  pred {row['pred']:>5}  "
            f"P {row['precision']:.3f}  R {row['recall']:.3f}"
        )
    return "\n".join(lines)

"""Presentation helpers for the article page: the body cut into plain and highlighted runs."""

from __future__ import annotations

import heapq
import itertools
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True, slots=True)
class Segment:
    text: str
    claim: Any | None  # the innermost claim covering this run, or None for plain text


def highlighted_segments(body: str, claims: Sequence[Any]) -> list[Segment]:
    """Cut ``body`` at every claim boundary. Where claims overlap, a run belongs to the
    shortest claim covering it, so nested quotes stay individually clickable.

    A sweep over the boundaries with a heap of the open claims: O(n log n) in the number of
    claims, so long articles with many claims stay cheap to render.
    """
    valid = [c for c in claims if 0 <= c.start < c.end <= len(body)]
    starts: dict[int, list[Any]] = defaultdict(list)
    for claim in valid:
        starts[claim.start].append(claim)
    points = sorted({0, len(body)} | {c.start for c in valid} | {c.end for c in valid})
    open_claims: list[tuple[int, int, int, Any]] = []  # (length, start, tiebreak, claim)
    tiebreak = itertools.count()
    segments: list[Segment] = []
    for left, right in itertools.pairwise(points):
        for claim in starts.get(left, ()):
            heapq.heappush(
                open_claims, (claim.end - claim.start, claim.start, next(tiebreak), claim)
            )
        while open_claims and open_claims[0][3].end <= left:
            heapq.heappop(open_claims)  # ended before this run: drop lazily
        # Every claim end is a boundary, so an open claim covers the whole run.
        owner = open_claims[0][3] if open_claims else None
        text = body[left:right]
        if segments and owner is None and segments[-1].claim is None:
            segments[-1] = Segment(segments[-1].text + text, None)
        else:
            segments.append(Segment(text, owner))
    return segments

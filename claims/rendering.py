"""Presentation helpers for the article page: the body cut into plain and highlighted runs."""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True, slots=True)
class Segment:
    text: str
    claim: Any | None  # the innermost claim covering this run, or None for plain text


def highlighted_segments(body: str, claims: Sequence[Any]) -> list[Segment]:
    """Cut ``body`` at every claim boundary. Where claims overlap, a run belongs to the
    shortest claim covering it, so nested quotes stay individually clickable."""
    bounds = {0, len(body)}
    valid = [c for c in claims if 0 <= c.start < c.end <= len(body)]
    for claim in valid:
        bounds.update((claim.start, claim.end))
    points = sorted(bounds)
    by_length = sorted(valid, key=lambda c: (c.end - c.start, c.start))
    segments: list[Segment] = []
    for left, right in itertools.pairwise(points):
        if left == right:
            continue
        owner = next((c for c in by_length if c.start <= left and right <= c.end), None)
        if segments and segments[-1].claim is owner and owner is None:
            segments[-1] = Segment(segments[-1].text + body[left:right], None)
        else:
            segments.append(Segment(body[left:right], owner))
    return segments

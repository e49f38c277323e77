"""Lexicons are data: ``data/lexicon.json`` is written by hand, ``data/learned_cues.json`` is
learned from the PolNeAR training split by :mod:`claims.extraction.train`."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path

DATA_DIR = Path(__file__).parent / "data"
LEARNED_CUES = DATA_DIR / "learned_cues.json"


@dataclass(frozen=True, slots=True)
class Lexicon:
    speech_verbs: frozenset[str]
    quote_verbs: frozenset[str]
    pronouns: dict[str, str]
    title_words: frozenset[str]
    anonymous_heads: frozenset[str]
    anonymous_markers: frozenset[str]
    organisation_heads: frozenset[str]
    via_excluded: frozenset[str]
    # learned: lemma -> complement types ("ccomp", "xcomp", "dobj", ...) accepted for it
    cue_frames: dict[str, frozenset[str]]
    noun_cues: frozenset[str]

    def accepts(self, lemma: str, frame: str) -> bool:
        """Whether a verb ``lemma`` with a complement of type ``frame`` is an attribution cue."""
        frames = self.cue_frames.get(lemma)
        if frames is not None:
            return frame in frames
        return frame in ("ccomp", "that") and lemma in self.speech_verbs


def _learned() -> tuple[dict[str, frozenset[str]], frozenset[str]]:
    if not LEARNED_CUES.exists():
        return {}, frozenset()
    data = json.loads(LEARNED_CUES.read_text(encoding="utf-8"))
    frames = {lemma: frozenset(kinds) for lemma, kinds in data.get("frames", {}).items()}
    return frames, frozenset(data.get("noun_cues", []))


@cache
def load_lexicon() -> Lexicon:
    """The lexicons, read once per process."""
    raw = json.loads((DATA_DIR / "lexicon.json").read_text(encoding="utf-8"))
    frames, nouns = _learned()
    return Lexicon(
        speech_verbs=frozenset(raw["speech_verbs"]),
        quote_verbs=frozenset(raw["quote_verbs"]),
        pronouns=dict(raw["pronouns"]),
        title_words=frozenset(raw["title_words"]),
        anonymous_heads=frozenset(raw["anonymous_heads"]),
        anonymous_markers=frozenset(raw["anonymous_markers"]),
        organisation_heads=frozenset(raw["organisation_heads"]),
        via_excluded=frozenset(raw["via_excluded"]),
        cue_frames=frames,
        noun_cues=nouns,
    )

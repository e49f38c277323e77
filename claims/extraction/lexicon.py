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
    honorifics: frozenset[str]
    source_heads: frozenset[str]
    group_heads: frozenset[str]
    person_heads: frozenset[str]
    via_excluded: frozenset[str]
    # learned: lemma -> accepted complement frame -> its precision on the training split
    cue_frames: dict[str, dict[str, float]]
    noun_cues: frozenset[str]

    def frame_score(self, lemma: str, frame: str) -> float | None:
        """How much a verb ``lemma`` introducing a ``frame`` complement is trusted as a cue;
        None when it is not a cue. Lemmas the training split never saw fall back to the
        hand-written speech verbs with clause complements."""
        frames = self.cue_frames.get(lemma)
        if frames is not None:
            return frames.get(frame)
        if frame in ("ccomp", "that") and lemma in self.speech_verbs:
            return 0.5
        return None


def _learned() -> tuple[dict[str, dict[str, float]], frozenset[str]]:
    if not LEARNED_CUES.exists():
        return {}, frozenset()
    data = json.loads(LEARNED_CUES.read_text(encoding="utf-8"))
    frames = {lemma: dict(kinds) for lemma, kinds in data.get("frames", {}).items()}
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
        honorifics=frozenset(raw["honorifics"]),
        source_heads=frozenset(raw["source_heads"]),
        group_heads=frozenset(raw["group_heads"]),
        person_heads=frozenset(raw["person_heads"]),
        via_excluded=frozenset(raw["via_excluded"]),
        cue_frames=frames,
        noun_cues=nouns,
    )

"""Records the extractor returns. Offsets are Python str indices into the input text."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Any


class ClaimKind(StrEnum):
    DIRECT = "direct"
    INDIRECT = "indirect"
    MIXED = "mixed"
    ACCORDING_TO = "according_to"


class SpeakerKind(StrEnum):
    PERSON = "person"
    ORGANISATION = "organisation"
    ANONYMOUS = "anonymous"
    GROUP = "group"


@dataclass(frozen=True, slots=True)
class Span:
    text: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class ExtractedSpeaker:
    """Who made the claim: ``name`` is the resolved canonical name (“Dmitry Peskov”),
    ``mention`` the words at ``start:end`` the claim was attributed to (“he”)."""

    name: str
    kind: SpeakerKind
    description: str
    mention: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class ExtractedVia:
    """The outlet or source the claim came through (“told Vyorstka”)."""

    name: str
    start: int | None = None
    end: int | None = None


@dataclass(frozen=True, slots=True)
class ExtractedClaim:
    text: str
    start: int
    end: int
    kind: ClaimKind
    cue: Span | None
    speaker: ExtractedSpeaker | None
    via: ExtractedVia | None
    #: the quotation pieces of a direct claim split around its cue (“…,” she said, “…”);
    #: empty for other claims, whose text is one piece
    parts: tuple[Span, ...] = ()


def claim_as_dict(claim: ExtractedClaim) -> dict[str, Any]:
    """The JSONL shape printed by ``manage.py extract_claims --format jsonl``."""
    return {
        "text": claim.text,
        "start": claim.start,
        "end": claim.end,
        "kind": str(claim.kind),
        "cue": (
            {"text": claim.cue.text, "start": claim.cue.start, "end": claim.cue.end}
            if claim.cue
            else None
        ),
        "speaker": (
            {
                "name": claim.speaker.name,
                "kind": str(claim.speaker.kind),
                "description": claim.speaker.description,
                "mention": claim.speaker.mention,
                "start": claim.speaker.start,
                "end": claim.speaker.end,
            }
            if claim.speaker
            else None
        ),
        "via": {"name": claim.via.name} if claim.via else None,
    }

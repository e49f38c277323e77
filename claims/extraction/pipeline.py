"""The extractor: spaCy parse once, then cheap rules (:mod:`claims.extraction.rules`) and an
article-wide speaker resolution (:mod:`claims.extraction.speakers`)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import replace
from functools import cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from claims.extraction.lexicon import Lexicon, load_lexicon
from claims.extraction.rules import _DEFAULT as _DEFAULT_MODEL
from claims.extraction.rules import Candidate, find_candidates
from claims.extraction.speakers import (
    KnownSpeaker,
    SpeakerResolver,
    clean,
    describe_mention,
    head_name,
)
from claims.extraction.types import (
    ExtractedClaim,
    ExtractedSpeaker,
    ExtractedVia,
    Span,
)
from claims.extraction.version import DEFAULT_MODEL, EXTRACTOR_VERSION

__all__ = [
    "DEFAULT_MODEL",
    "EXTRACTOR_VERSION",
    "claims_from_doc",
    "extract_claims",
    "extract_many",
    "load_pipeline",
]

PARAGRAPH_BREAKS = "claims_paragraph_breaks"
MAX_LENGTH = 2_000_000
SENTENCE_END = frozenset(".!?:;”\"’')")
#: components the extractor reads: tagger/attribute_ruler/lemmatizer (lemmas, tags),
#: parser (subjects, complements, sentences) and ner (speaker names and kinds)
USED_COMPONENTS = frozenset(
    {"tok2vec", "tagger", "attribute_ruler", "lemmatizer", "parser", "ner", PARAGRAPH_BREAKS}
)


@Language.component(PARAGRAPH_BREAKS)
def paragraph_breaks(doc: Doc) -> Doc:
    """A line break ends a sentence, unless it visibly cuts one (“a hate\ncrime”): news
    paragraphs never share a sentence, but some texts wrap lines inside them."""
    for token in doc[1:]:
        previous = doc[token.i - 1]
        if not (previous.is_space and "\n" in previous.text) or token.is_space:
            continue
        before = doc[token.i - 2] if token.i >= 2 else None
        ends = before is None or before.is_punct or before.text[-1:] in SENTENCE_END
        if ends or not token.text[:1].islower():
            token.is_sent_start = True
    return doc


@cache
def load_pipeline(model_name: str = DEFAULT_MODEL) -> Language:
    """The spaCy pipeline for ``model_name``, loaded once per process."""
    nlp = spacy.load(model_name)
    for name in nlp.pipe_names:
        if name not in USED_COMPONENTS:
            nlp.disable_pipe(name)
    if PARAGRAPH_BREAKS not in nlp.pipe_names and "parser" in nlp.pipe_names:
        nlp.add_pipe(PARAGRAPH_BREAKS, before="parser")
    nlp.max_length = max(nlp.max_length, MAX_LENGTH)
    return nlp


def _speaker_record(speaker: KnownSpeaker, mention: tuple[int, int], text: str) -> ExtractedSpeaker:
    start, end = mention
    return ExtractedSpeaker(
        name=speaker.name,
        kind=speaker.kind,
        description=speaker.description,
        mention=text[start:end],
        start=start,
        end=end,
    )


def _resolve(
    doc: Doc, candidates: list[Candidate], lexicon: Lexicon
) -> dict[int, tuple[KnownSpeaker, tuple[int, int]]]:
    """Speaker and mention span per candidate (by ``id``), in article order."""
    resolver = SpeakerResolver(doc, lexicon)
    resolved: dict[int, tuple[KnownSpeaker, tuple[int, int]]] = {}
    own = [
        c
        for c in candidates
        if c.mention is not None and len(c.mention) and c.mention_head is not None
    ]
    for cand in sorted(own, key=lambda c: c.mention.start_char):
        assert cand.mention is not None and cand.mention_head is not None
        info = describe_mention(cand.mention, cand.mention_head, lexicon)
        if not info.name:
            continue
        speaker = resolver.resolve(info, cand.mention.start_char)
        resolved[id(cand)] = (speaker, (cand.mention.start_char, cand.mention.end_char))
    for cand in candidates:
        source = cand
        seen = 0
        while id(source) not in resolved and source.inherited is not None and seen < 50:
            source = source.inherited
            seen += 1
        if id(source) in resolved and source is not cand:
            resolved[id(cand)] = resolved[id(source)]
    return resolved


def claims_from_doc(
    doc: Doc, lexicon: Lexicon | None = None, model: object = _DEFAULT_MODEL
) -> list[ExtractedClaim]:
    """All claims of one parsed document. ``model`` defaults to the shipped cue model
    (cross-validation passes one trained on another fold)."""
    lexicon = lexicon or load_lexicon()
    text = doc.text
    candidates = find_candidates(doc, lexicon, model)
    resolved = _resolve(doc, candidates, lexicon)
    claims: list[ExtractedClaim] = []
    for cand in candidates:
        found = resolved.get(id(cand))
        speaker = _speaker_record(found[0], found[1], text) if found else None
        via = None
        if cand.via is not None and len(cand.via):
            via = ExtractedVia(
                head_name(cand.via.root) or clean(cand.via.text),
                cand.via.start_char,
                cand.via.end_char,
            )
        cue = Span(text[cand.cue[0] : cand.cue[1]], *cand.cue) if cand.cue else None
        claims.append(
            ExtractedClaim(
                text=text[cand.start : cand.end],
                start=cand.start,
                end=cand.end,
                kind=cand.kind,
                cue=cue,
                speaker=speaker,
                via=via,
                parts=tuple(Span(text[a:b], a, b) for a, b in cand.parts)
                if len(cand.parts) > 1
                else (),
            )
        )
    return claims


def chunks(text: str, limit: int) -> list[tuple[int, str]]:
    """(offset, piece) splitting ``text`` at line breaks into pieces of at most ``limit``
    characters (hard cuts only when a single line is longer)."""
    out: list[tuple[int, str]] = []
    start = 0
    while len(text) - start > limit:
        cut = text.rfind("\n", start, start + limit)
        end = cut + 1 if cut > start else start + limit
        out.append((start, text[start:end]))
        start = end
    out.append((start, text[start:]))
    return out


def _shifted(claim: ExtractedClaim, offset: int) -> ExtractedClaim:
    """The claim with every offset moved by ``offset`` (a piece of a longer text)."""

    def span(s: Span) -> Span:
        return Span(s.text, s.start + offset, s.end + offset)

    speaker = claim.speaker
    if speaker is not None:
        speaker = replace(speaker, start=speaker.start + offset, end=speaker.end + offset)
    via = claim.via
    if via is not None and via.start is not None and via.end is not None:
        via = replace(via, start=via.start + offset, end=via.end + offset)
    return replace(
        claim,
        start=claim.start + offset,
        end=claim.end + offset,
        cue=span(claim.cue) if claim.cue else None,
        speaker=speaker,
        via=via,
        parts=tuple(span(p) for p in claim.parts),
    )


def _extract_long(
    nlp: Language, text: str, lexicon: Lexicon, batch_size: int
) -> list[ExtractedClaim]:
    """A text longer than the parser accepts, extracted piece by piece."""
    pieces = chunks(text, nlp.max_length)
    docs = nlp.pipe((piece for _, piece in pieces), batch_size=batch_size)
    claims: list[ExtractedClaim] = []
    for (offset, _piece), doc in zip(pieces, docs, strict=True):
        claims.extend(_shifted(c, offset) for c in claims_from_doc(doc, lexicon))
    return claims


def extract_many(
    texts: Iterable[str], *, model_name: str = DEFAULT_MODEL, batch_size: int = 16
) -> Iterator[list[ExtractedClaim]]:
    """Claims per text, parsing in batches with ``nlp.pipe``. Texts longer than the parser's
    ``max_length`` are cut at line breaks and extracted piece by piece."""
    nlp = load_pipeline(model_name)
    lexicon = load_lexicon()
    long_texts: dict[int, str] = {}

    def parseable() -> Iterator[str]:
        for i, text in enumerate(texts):
            if len(text) > nlp.max_length:
                long_texts[i] = text
                yield ""
            else:
                yield text

    for i, doc in enumerate(nlp.pipe(parseable(), batch_size=batch_size)):
        if i in long_texts:
            yield _extract_long(nlp, long_texts.pop(i), lexicon, batch_size)
        else:
            yield claims_from_doc(doc, lexicon)


def extract_claims(text: str, *, model_name: str = DEFAULT_MODEL) -> list[ExtractedClaim]:
    """Claims of one text."""
    return next(iter(extract_many([text], model_name=model_name)))

"""Property tests: any text extracts without error and with consistent offsets."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from claims.extraction import ExtractedClaim, claim_as_dict, extract_claims, extract_many
from claims.extraction.pipeline import chunks

QUOTES = "\"“”‘’'«»„`"
FRAGMENTS = [
    "“We will win,” she said.",
    "“Split,” he said, “quote.”",
    "Peskov noted that it is uncertain.",
    "According to the ministry, prices rose.",
    "a source told Reuters.",
    "“Unclosed quote, said Smith.",
    "closing only” he added.",
    "He said: “nested ‘inner “deep” quote’ here.”",
    "''Wire style,'' the official said.",
    "Путин сказал, что «всё хорошо».",
    "普京说：“我们准备好了。”",
    "\u0000\u0007\x1b[31m",
    "\n\n",
    "   ",
    "\u200b\u202e",
    "🙂 emoji “quote” 🙂",
]
SETTINGS = settings(
    max_examples=50,
    deadline=None,
    database=None,  # no .hypothesis/ directory in the work tree
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


def assert_consistent(text: str, claims: list[ExtractedClaim]) -> None:
    for claim in claims:
        assert 0 <= claim.start <= claim.end <= len(text)
        assert text[claim.start : claim.end] == claim.text
        if claim.cue is not None:
            assert 0 <= claim.cue.start <= claim.cue.end <= len(text)
            assert text[claim.cue.start : claim.cue.end] == claim.cue.text
        if claim.speaker is not None:
            assert 0 <= claim.speaker.start <= claim.speaker.end <= len(text)
            assert text[claim.speaker.start : claim.speaker.end] == claim.speaker.mention
        for part in claim.parts:
            assert claim.start <= part.start <= part.end <= claim.end
            assert text[part.start : part.end] == part.text
        if claim.via is not None and claim.via.start is not None:
            assert claim.via.end is not None
            assert 0 <= claim.via.start <= claim.via.end <= len(text)
        claim_as_dict(claim)


@SETTINGS
@given(st.text(alphabet=st.characters(codec="utf-8") | st.sampled_from(QUOTES), max_size=400))
def test_any_text(nlp, text: str) -> None:
    assert_consistent(text, extract_claims(text))


@SETTINGS
@given(st.lists(st.sampled_from(FRAGMENTS) | st.text(QUOTES + " ,.\nab", max_size=12), max_size=25))
def test_news_like_fragments(nlp, parts: list[str]) -> None:
    text = " ".join(parts)
    assert_consistent(text, extract_claims(text))


@SETTINGS
@given(st.lists(st.text(alphabet=QUOTES + "Ab said, .\n", max_size=60), max_size=6))
def test_batches_match_single_calls(nlp, texts: list[str]) -> None:
    batched = list(extract_many(texts, batch_size=2))
    assert len(batched) == len(texts)
    for text, claims in zip(texts, batched, strict=True):
        assert_consistent(text, claims)


def test_whitespace_and_empty(nlp) -> None:
    for text in ("", " ", "\n\n\n", "\t \u00a0"):
        assert extract_claims(text) == []


def test_large_text(nlp) -> None:
    paragraph = (
        "“We will not back down,” the mayor said. According to the council, the vote was close. "
        "Critics warned that the plan “would fail\n\n"
    )
    text = paragraph * (200_000 // len(paragraph) + 1)
    assert len(text) >= 200_000
    claims = extract_claims(text)
    assert claims
    assert_consistent(text, claims)


def test_text_longer_than_the_parser_limit(nlp, monkeypatch) -> None:
    paragraph = "“We will not back down on the budget,” the mayor said.\n"
    text = paragraph * 12
    monkeypatch.setattr(nlp, "max_length", 3 * len(paragraph) + 5)
    claims = extract_claims(text)
    assert len(claims) == 12
    assert_consistent(text, claims)
    assert claims[-1].start == 11 * len(paragraph)


@given(st.text(alphabet="ab \n", max_size=300), st.integers(min_value=1, max_value=40))
@settings(max_examples=50, deadline=None, database=None)
def test_chunks_cover_the_text(text: str, limit: int) -> None:
    pieces = chunks(text, limit)
    assert "".join(piece for _, piece in pieces) == text
    for offset, piece in pieces:
        assert text[offset : offset + len(piece)] == piece
        assert len(piece) <= limit
